import type { Role } from '../platform/http/auth';

/**
 * 区县账号: a `district` account works for exactly one district, and only district accounts have
 * one. The message says what is wrong, or null when the pair is fine.
 */
export function staffDistrictProblem(role: Role, districtCode: string | null): string | null {
  if (role === 'district' && !districtCode) return '区县账号须选择所属区县';
  if (role !== 'district' && districtCode) return '只有区县账号才设置所属区县';
  return null;
}

/** The district after a change of role and/or district: leaving the district role drops the district. */
export function districtAfterChange(current: { role: Role; districtCode: string | null }, patch: { role?: Role; districtCode?: string | null }): string | null {
  if (patch.districtCode !== undefined) return patch.districtCode;
  return (patch.role ?? current.role) === 'district' ? current.districtCode : null;
}
