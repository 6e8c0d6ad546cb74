import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Check-in tokens: `<sessionId>.<expiry seconds>.<HMAC>`, signed with a key derived from the server
 * secret. Stateless: the signature proves the server issued it for that session, the expiry bounds
 * its life to CHECKIN_TOKEN_TTL_SECONDS. A screenshot passed around stops working within a minute.
 */
export class CheckinTokens {
  private readonly key: Buffer;

  constructor(serverSecret: string) {
    this.key = createHmac('sha256', serverSecret).update('checkin-token-v1').digest();
  }

  private sign(sessionId: number, expiresAtSeconds: number): string {
    return createHmac('sha256', this.key).update(`${sessionId}.${expiresAtSeconds}`).digest('base64url');
  }

  issue(sessionId: number, expiresAt: Date): string {
    const expiry = Math.floor(expiresAt.getTime() / 1000);
    return `${sessionId}.${expiry}.${this.sign(sessionId, expiry)}`;
  }

  /** The session a token was issued for, or null when it is malformed, forged or expired. */
  verify(token: string, now: Date): number | null {
    const match = /^(\d{1,10})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
    if (!match) return null;
    const sessionId = Number(match[1]);
    const expiry = Number(match[2]);
    const expected = Buffer.from(this.sign(sessionId, expiry));
    const given = Buffer.from(match[3]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (now.getTime() >= expiry * 1000) return null;
    return sessionId;
  }
}
