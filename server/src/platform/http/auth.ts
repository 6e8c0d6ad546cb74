import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ForbiddenError, UnauthenticatedError } from '../errors';

import { ROLE_LABELS } from '../../reference/vocabulary';

/** practitioner, trainer, office, `district` (a district office's staff: the office's work limited to one district), admin. */
export const ROLES = ROLE_LABELS.values;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the HTTP layer knows them: loaded fresh from the database on every request,
 *  so a role change or a removed account takes effect at once, whatever the token says. */
export interface AuthUser {
  id: number;
  role: Role;
  name: string;
  phone: string | null;
  wechatBound: boolean;
  /** A temporary password is in use: only changing it (and reading one's own account) is allowed. */
  mustChangePassword: boolean;
  /** The district a `district` account works for (its 6-digit code); null for every other role. */
  districtCode: string | null;
}

/**
 * The district a caller's office work is limited to: their own for district staff, none (the whole
 * city) for the office and admins. Services take it as a plain value and filter by it.
 */
export function districtScope(user: AuthUser): string | null {
  if (user.role !== 'district') return null;
  // An account can only become district staff with a district (staffDistrictProblem); never widen by accident.
  if (!user.districtCode) throw new ForbiddenError('该区县账号未设置所属区县');
  return user.districtCode;
}

/** `public`: anyone; `optional`: anyone, user known if signed in; `user`: any signed-in account;
 *  a role list: those roles (admin may do everything). */
export type Access = 'public' | 'optional' | 'user' | readonly Role[];

export function authorize(access: Access, user: AuthUser | null): void {
  if (access === 'public' || access === 'optional') return;
  if (!user) throw new UnauthenticatedError();
  if (access === 'user' || user.role === 'admin') return;
  if (!access.includes(user.role)) throw new ForbiddenError();
}

const TOKEN_TTL = '7d';

export interface TokenClaims {
  id: number;
  /** The account's token version when the token was issued; a token of an older version is void. */
  version: number;
}

export interface TokenService {
  sign(user: { id: number; role: Role; tokenVersion: number }): string;
  /** The account and version a bearer token names, or null when it is forged, expired or malformed. */
  verify(token: string): TokenClaims | null;
}

export function createTokenService(secretText: string): TokenService {
  // A key object, made once: given a string, jsonwebtoken first tries it as a PEM public key on every
  // call, and the thrown-and-caught error (stack trace included) cost ~8 % of a sign-up rush's CPU.
  const secret = createSecretKey(Buffer.from(secretText, 'utf8'));
  return {
    sign: (user) => jwt.sign({ role: user.role, v: user.tokenVersion }, secret, { subject: String(user.id), expiresIn: TOKEN_TTL, algorithm: 'HS256' }),
    verify(token) {
      try {
        const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
        if (typeof payload !== 'object') return null;
        const id = Number(payload.sub);
        // Tokens from before versions existed carry none: version 0, what every account started at.
        const version = payload.v === undefined ? 0 : Number(payload.v);
        return Number.isInteger(id) && id > 0 && Number.isInteger(version) ? { id, version } : null;
      } catch {
        return null;
      }
    },
  };
}
