/**
 * 计入目标 — which records count toward the 10,000 target: the verified ones. Pending and rejected
 * records never have; inactive (离职/不再从业) is a status of its own, so it stops counting. One record per
 * person is the unique ID-number hash's job, so counting records counts people.
 */
export const countsTowardTarget = (record: { status: string }): boolean => record.status === 'verified';

/** `countsTowardTarget` in SQL, over a practitioners row aliased `p`. */
export const countsTowardTargetSql = (p: string): string => `${p}.status = 'verified'`;
