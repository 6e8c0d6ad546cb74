import type { Clock } from '../platform/clock';
import type { NotificationModels } from './models';

/** What became of one send: delivered, worth another try later, or never going to work. */
export type SendOutcome = { outcome: 'sent' } | { outcome: 'retry'; error: string } | { outcome: 'give_up'; error: string };

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** `page` and `data` as WeChat wants them. */
  payload: { page: string; data: Record<string, { value: string }> };
}

export interface SubscribeSender {
  send(message: SubscribeMessage): Promise<SendOutcome>;
}

/** The access token was refused: fetch the current one, then try again. */
const TOKEN_INVALID = new Set([40001, 40014, 42001]);
/** The message can never be sent as it is: no consent (43101), bad template or data, unknown user. */
const HOPELESS = new Set([43101, 40003, 40037, 47003, 41030]);

/** A token is taken as expired this long before WeChat says, so a send never carries one at its last second. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;

export interface WechatSenderOptions {
  appId: string;
  secret: string;
  apiBase: string;
  fetch?: typeof fetch;
  /** Each call to WeChat gives up after this long; kept well below the outbox lease. */
  timeoutMs?: number;
}

/**
 * Sends subscribe messages through `${apiBase}/cgi-bin/message/subscribe/send`, with the access token
 * of the stable-token API kept in the database until it expires, so every instance uses the same one
 * (the stable token is the same for every caller while it is valid; asking again never invalidates it).
 */
export function createWechatSender(models: NotificationModels, clock: Clock, options: WechatSenderOptions): SubscribeSender {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10000;

  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await doFetch(`${options.apiBase}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`WeChat answered HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };

  const token = async (): Promise<string> => {
    const kept = await models.WechatAccessToken.findByPk(options.appId);
    if (kept && kept.expiresAt.getTime() - TOKEN_MARGIN_MS > clock.now().getTime()) return kept.accessToken;
    const answer = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: options.appId, secret: options.secret, force_refresh: false });
    if (typeof answer.access_token !== 'string' || typeof answer.expires_in !== 'number') {
      throw new Error(`stable_token failed: errcode ${String(answer.errcode)} ${String(answer.errmsg ?? '')}`);
    }
    const expiresAt = new Date(clock.now().getTime() + answer.expires_in * 1000);
    await models.WechatAccessToken.upsert({ appId: options.appId, accessToken: answer.access_token, expiresAt, updatedAt: clock.now() });
    return answer.access_token;
  };

  return {
    async send(message) {
      if (!options.appId || !options.secret) return { outcome: 'give_up', error: 'WECHAT_APPID/WECHAT_SECRET not set' };
      try {
        const accessToken = await token();
        const answer = await post(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(accessToken)}`, {
          touser: message.openid,
          template_id: message.templateId,
          page: message.payload.page,
          data: message.payload.data,
        });
        const errcode = Number(answer.errcode ?? 0);
        if (errcode === 0) return { outcome: 'sent' };
        const error = `errcode ${errcode} ${String(answer.errmsg ?? '')}`.trim();
        if (TOKEN_INVALID.has(errcode)) {
          // someone refreshed it, or it was revoked: forget ours, the next try fetches the current one
          await models.WechatAccessToken.destroy({ where: { appId: options.appId } });
          return { outcome: 'retry', error };
        }
        return HOPELESS.has(errcode) ? { outcome: 'give_up', error } : { outcome: 'retry', error };
      } catch (err) {
        return { outcome: 'retry', error: (err as Error).message.slice(0, 400) };
      }
    },
  };
}
