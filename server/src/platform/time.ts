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

/** The instant a calendar date (YYYY-MM-DD, already checked) begins in Asia/Shanghai. */
export function shanghaiDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The instant the day after a calendar date begins in Asia/Shanghai: the exclusive end of "up to and including `date`". */
export function shanghaiDayEnd(date: string): Date {
  return new Date(shanghaiDayStart(date).getTime() + 24 * 60 * 60 * 1000);
}
