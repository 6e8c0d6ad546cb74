import { shanghaiDate } from '../platform/time';

/** A class's dates in order: checked by the create schema and on the merged result of a change. */
export interface ClassDates {
  startDate: string;
  endDate: string;
  enrollOpensAt: Date;
  enrollClosesAt: Date;
}

export function classDateProblems(c: ClassDates): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (c.endDate < c.startDate) problems.push({ path: 'endDate', message: '结束日期不能早于开始日期' });
  if (c.enrollClosesAt <= c.enrollOpensAt) problems.push({ path: 'enrollClosesAt', message: '报名截止时间须晚于报名开始时间' });
  return problems;
}

/**
 * A session's times: it ends after it starts, and starts on a day (Asia/Shanghai) within the class's
 * dates. Used when scheduling a session and on the merged result of a change; `path` prefixes the field.
 */
export function sessionDateProblems(cls: { startDate: string; endDate: string }, s: { startsAt: Date; endsAt: Date }, path = ''): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (s.endsAt <= s.startsAt) problems.push({ path: `${path}endsAt`, message: '结束时间须晚于开始时间' });
  const day = shanghaiDate(s.startsAt);
  if (day < cls.startDate || day > cls.endDate) problems.push({ path: `${path}startsAt`, message: `课次须在开班日期 ${cls.startDate} 至 ${cls.endDate} 之间` });
  return problems;
}
