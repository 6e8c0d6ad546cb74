import { UnauthenticatedError, UnavailableError } from '../platform/errors';

export interface WechatSession {
  openid: string;
}

export interface WechatClient {
  /** Exchanges a wx.login code for the user's openid. The session_key never leaves this function. */
  exchangeCode(code: string): Promise<WechatSession>;
}

const TIMEOUT_MS = 5000;
/** WeChat's "system busy" answer: their fault, not the user's. */
const SYSTEM_BUSY = -1;

export function createWechatClient(options: { appId: string; secret: string; apiBase: string; fetch?: typeof fetch }): WechatClient {
  const doFetch = options.fetch ?? fetch;
  return {
    async exchangeCode(code) {
      const url = new URL(`${options.apiBase}/sns/jscode2session`);
      url.search = new URLSearchParams({ appid: options.appId, secret: options.secret, js_code: code, grant_type: 'authorization_code' }).toString();
      let answer: { openid?: unknown; errcode?: unknown; errmsg?: unknown };
      try {
        const res = await doFetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        if (!res.ok) throw new Error(`WeChat answered HTTP ${res.status}`);
        answer = (await res.json()) as typeof answer;
      } catch {
        throw new UnavailableError('微信服务暂时无法连接，请稍后再试');
      }
      if (answer.errcode !== undefined && answer.errcode !== 0) {
        if (answer.errcode === SYSTEM_BUSY) throw new UnavailableError('微信服务繁忙，请稍后再试');
        throw new UnauthenticatedError('微信登录凭证无效或已过期，请重新登录');
      }
      if (typeof answer.openid !== 'string' || answer.openid === '') throw new UnavailableError('微信服务返回了无法识别的结果');
      return { openid: answer.openid };
    },
  };
}
