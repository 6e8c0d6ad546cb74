import { createHash, createHmac } from 'node:crypto';
import type { SmsConfig } from '../config';
import { UnavailableError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { maskPhone } from './phone';

/** Sends a password-reset code by SMS. Chosen by `SMS_PROVIDER`. */
export interface SmsSender {
  sendResetCode(phone: string, code: string, validMinutes: number): Promise<void>;
}

const TIMEOUT_MS = 5000;

/** Development: the code goes to the log, which is what this provider exists for. */
export function logSms(logger: Logger): SmsSender {
  return {
    async sendResetCode(phone, code, validMinutes) {
      logger.warn({ phone: maskPhone(phone), smsCode: code, validMinutes }, 'SMS_PROVIDER=log: password reset code (development only)');
    },
  };
}

/** No provider configured (production without SMS): resetting by SMS is unavailable, said plainly. */
export const noSms: SmsSender = {
  async sendResetCode() {
    throw new UnavailableError('短信服务未配置，请联系管理员重置密码');
  },
};

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/**
 * Tencent Cloud API signature v3 (TC3-HMAC-SHA256) of a JSON POST: the canonical request, the string
 * to sign over the credential scope `<UTC date>/<service>/tc3_request`, and the key derived from the
 * secret key through date, service and `tc3_request`.
 */
export function tc3Authorization(input: { secretId: string; secretKey: string; service: string; host: string; action: string; timestamp: number; payload: string }): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders = `content-type:application/json; charset=utf-8\nhost:${input.host}\nx-tc-action:${input.action.toLowerCase()}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(input.payload)].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

type TencentConfig = Extract<SmsConfig, { provider: 'tencent' }>;

/**
 * Tencent Cloud SMS (`SendSms`, API version 2021-01-11) over its HTTP API. The template takes the code
 * and the minutes it is valid. Any failure is the service's, not the user's: 503, and logged without
 * the code.
 */
export function tencentSms(config: TencentConfig, logger: Logger, now: () => Date = () => new Date(), doFetch: typeof fetch = fetch): SmsSender {
  const url = new URL(config.apiBase);
  return {
    async sendResetCode(phone, code, validMinutes) {
      const payload = JSON.stringify({
        PhoneNumberSet: [`+86${phone}`],
        SmsSdkAppId: config.sdkAppId,
        SignName: config.signName,
        TemplateId: config.templateId,
        TemplateParamSet: [code, String(validMinutes)],
      });
      const timestamp = Math.floor(now().getTime() / 1000);
      const action = 'SendSms';
      let answer: { Response?: { Error?: { Code?: string; Message?: string }; SendStatusSet?: { Code?: string; Message?: string }[]; RequestId?: string } };
      try {
        const res = await doFetch(url, {
          method: 'POST',
          signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: {
            Authorization: tc3Authorization({ secretId: config.secretId, secretKey: config.secretKey, service: 'sms', host: url.host, action, timestamp, payload }),
            'Content-Type': 'application/json; charset=utf-8',
            Host: url.host,
            'X-TC-Action': action,
            'X-TC-Version': '2021-01-11',
            'X-TC-Timestamp': String(timestamp),
            'X-TC-Region': config.region,
          },
          body: payload,
        });
        answer = (await res.json()) as typeof answer;
      } catch (err) {
        logger.error({ err: (err as Error).message, phone: maskPhone(phone) }, 'Tencent Cloud SMS did not answer');
        throw new UnavailableError('短信发送失败，请稍后再试');
      }
      const problem = answer.Response?.Error ?? answer.Response?.SendStatusSet?.find((s) => s.Code !== 'Ok') ?? (answer.Response?.SendStatusSet ? null : { Code: 'NoStatus' });
      if (problem) {
        logger.error({ code: problem.Code, message: problem.Message, requestId: answer.Response?.RequestId, phone: maskPhone(phone) }, 'Tencent Cloud SMS refused the message');
        throw new UnavailableError('短信发送失败，请稍后再试');
      }
    },
  };
}

export function createSmsSender(config: SmsConfig, logger: Logger, doFetch: typeof fetch = fetch): SmsSender {
  if (config.provider === 'tencent') return tencentSms(config, logger, () => new Date(), doFetch);
  if (config.provider === 'log') return logSms(logger);
  return noSms;
}
