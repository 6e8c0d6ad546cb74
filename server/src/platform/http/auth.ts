import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ForbiddenError, UnauthenticatedError } from '../errors';

export const ROLES = ['practitioner', 'trainer', 'office', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the HTTP layer knows them: loaded fresh from the database on every request,
 *  so a role change or a removed account takes effect at once, whatever the token says. */
export interface AuthUser {
  id: number;
  role: Role;
  name: string;
  phone: string | null;
  wechatBound: boolean;
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

export interface TokenService {
  sign(user: { id: number; role: Role }): string;
  /** The user id a bearer token names, or null when it is forged, expired or malformed. */
  verify(token: string): number | null;
}

export function createTokenService(secretText: string): TokenService {
  // A key object, made once: given a string, jsonwebtoken first tries it as a PEM public key on every
  // call, and the thrown-and-caught error (stack trace included) cost ~8 % of a sign-up rush's CPU.
  const secret = createSecretKey(Buffer.from(secretText, 'utf8'));
  return {
    sign: (user) => jwt.sign({ role: user.role }, secret, { subject: String(user.id), expiresIn: TOKEN_TTL, algorithm: 'HS256' }),
    verify(token) {
      try {
        const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
        const id = typeof payload === 'object' ? Number(payload.sub) : NaN;
        return Number.isInteger(id) && id > 0 ? id : null;
      } catch {
        return null;
      }
    },
  };
}
