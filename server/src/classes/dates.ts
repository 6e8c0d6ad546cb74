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
