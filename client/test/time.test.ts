import { formatDate, formatDateRange, formatDateTime, formatFullDate, formatTime, shanghaiDateAndTime, shanghaiInstant, shanghaiToday, shanghaiYear } from '../src/utils/time'

describe('Shanghai time', () => {
  it('shows an instant in UTC+8 whatever the device zone', () => {
    expect(formatDateTime('2025-03-20T01:00:00.000Z')).toBe('3月20日 09:00')
    expect(formatDateTime('2025-03-20T09:00:00+08:00')).toBe('3月20日 09:00')
    // 20:30 UTC on the 31st is already the next day in Chongqing
    expect(formatDateTime('2025-12-31T20:30:00Z')).toBe('1月1日 04:30')
    expect(formatDateTime('not a date')).toBe('not a date')
  })

  it('shows calendar dates, with the year only when it is not this year', () => {
    const now = new Date('2025-06-01T00:00:00Z')
    expect(formatDate('2025-03-05', now)).toBe('3月5日')
    expect(formatDate('2026-01-10', now)).toBe('2026年1月10日')
    expect(formatDateRange('2025-03-20', '2025-03-22', now)).toBe('3月20日 - 3月22日')
    expect(formatDateRange('2025-03-20', '2025-03-20', now)).toBe('3月20日')
    expect(formatDateRange('2025-12-30', '2026-01-02', now)).toBe('12月30日 - 2026年1月2日')
    expect(formatDateRange('2026-03-20', '2026-03-22', now)).toBe('2026年3月20日 - 3月22日')
  })

  it('shows times, full dates, the year and today in Shanghai', () => {
    expect(formatTime('2025-03-20T01:05:00.000Z')).toBe('09:05')
    expect(formatFullDate('2025-12-31T20:30:00Z')).toBe('2026年1月1日')
    expect(shanghaiYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026)
    expect(shanghaiYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025)
    expect(shanghaiToday(new Date('2025-03-04T16:00:00Z'))).toBe('2025-03-05')
    expect(formatTime('nope')).toBe('nope')
  })

  it('turns a form’s date and time into an instant and back, across midnight UTC', () => {
    expect(shanghaiInstant('2025-03-20', '07:30')).toBe('2025-03-20T07:30:00+08:00')
    expect(new Date(shanghaiInstant('2025-03-20', '07:30')).toISOString()).toBe('2025-03-19T23:30:00.000Z')
    expect(shanghaiDateAndTime('2025-03-19T23:30:00.000Z')).toEqual({ date: '2025-03-20', time: '07:30' })
    expect(shanghaiDateAndTime('nope')).toEqual({ date: '', time: '' })
  })
})
