/** Asia/Shanghai has no daylight saving: a fixed UTC+8 is exact for every date we handle. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) of an instant as people in Chongqing read it. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2026-03-02 09:30" in Asia/Shanghai, for spreadsheets and printed pages. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
