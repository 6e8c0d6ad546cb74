/**
 * Dates and times as people in Chongqing read them: Asia/Shanghai is UTC+8 all year (no DST),
 * so a fixed offset is exact and needs no Intl time-zone data (not every mini-program runtime has it).
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

interface Parts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

function shanghaiParts(at: Date): Parts {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() }
}

function toDate(value: string | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

/** '2025-03-20T01:00:00Z' → '3月20日 09:00' (Shanghai time). Unparseable input comes back as it was. */
export function formatDateTime(value: string | Date): string {
  const d = toDate(value)
  if (!d) return String(value)
  const p = shanghaiParts(d)
  return `${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`
}

function parseYmd(ymd: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd)
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null
}

/** A calendar date 'YYYY-MM-DD' → '3月20日', with the year in front when it is not this year. */
export function formatDate(ymd: string, now: Date = new Date()): string {
  const d = parseYmd(ymd)
  if (!d) return ymd
  const text = `${d.month}月${d.day}日`
  return d.year === shanghaiParts(now).year ? text : `${d.year}年${text}`
}

/** '3月20日' for one day, '3月20日 - 3月22日' for several (the end's year only when it differs from the start's). */
export function formatDateRange(start: string, end: string, now: Date = new Date()): string {
  const s = parseYmd(start)
  const e = parseYmd(end)
  if (!s || !e || end === start) return formatDate(start, now)
  const endText = s.year === e.year ? `${e.month}月${e.day}日` : formatDate(end, now)
  return `${formatDate(start, now)} - ${endText}`
}

/** '2025-03-20T01:00:00Z' → '09:00' (Shanghai time). */
export function formatTime(value: string | Date): string {
  const d = toDate(value)
  if (!d) return String(value)
  const p = shanghaiParts(d)
  return `${pad(p.hour)}:${pad(p.minute)}`
}

/** A timestamp's calendar day in Shanghai, always with the year: '2025年3月20日'. */
export function formatFullDate(value: string | Date): string {
  const d = toDate(value)
  if (!d) return String(value)
  const p = shanghaiParts(d)
  return `${p.year}年${p.month}月${p.day}日`
}

/** The year it is now in Shanghai. */
export function shanghaiYear(now: Date = new Date()): number {
  return shanghaiParts(now).year
}

/** This year (Shanghai) and the `back` years before it, newest first: the years a person's hours are looked at for. */
export function recentYears(back = 4, now: Date = new Date()): number[] {
  const year = shanghaiYear(now)
  return Array.from({ length: back + 1 }, (_, i) => year - i)
}

/** Today in Shanghai as 'YYYY-MM-DD'. */
export function shanghaiToday(now: Date = new Date()): string {
  const p = shanghaiParts(now)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

/** A wall-clock date and time in Chongqing as ISO 8601 ('2025-03-20', '09:00' → '2025-03-20T09:00:00+08:00'). */
export function shanghaiInstant(date: string, time: string): string {
  return `${date}T${time}:00+08:00`
}

/** A timestamp as the date and time a form shows in Chongqing: { date: 'YYYY-MM-DD', time: 'HH:mm' }. */
export function shanghaiDateAndTime(value: string | Date): { date: string; time: string } {
  const d = toDate(value)
  if (!d) return { date: '', time: '' }
  const p = shanghaiParts(d)
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` }
}
