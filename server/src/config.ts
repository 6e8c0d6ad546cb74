import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseTemplates, type SubscribeTemplate } from './notifications/templates';

/** The repository root: `data/` and the default SQLite file live here whatever the cwd. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

const intFromEnv = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: intFromEnv(3000, 0),
  DATA_DIR: z.string().default(path.join(REPO_ROOT, 'data')),
  DATABASE_URL: z.string().optional(),
  JWT_SECRET: z.string().min(16, 'JWT_SECRET must be at least 16 characters').optional(),
  ID_HASH_KEY: z.string().min(16, 'ID_HASH_KEY must be at least 16 characters').optional(),
  ADMIN_PHONE: z.string().regex(/^1[3-9]\d{9}$/, 'ADMIN_PHONE must be a mainland mobile number').optional(),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters').optional(),
  WECHAT_APPID: z.string().default(''),
  WECHAT_SECRET: z.string().default(''),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WECHAT_SEND_TIMEOUT_MS: z.coerce.number().int().min(50).max(60000).default(10000),
  CHECKIN_TOKEN_TTL_SECONDS: intFromEnv(60),
  TARGET_PRACTITIONERS: intFromEnv(10000),
  TARGET_YEAR: intFromEnv(2020),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIST: z.string().default(path.join(REPO_ROOT, 'client/dist/h5')),
  COURSES_DIR: z.string().default(path.join(REPO_ROOT, 'courses')),
  PUBLIC_BASE_URL: z.string().url().optional(),
  DEMO: z.string().optional(),
  /** How password-reset codes are sent: `tencent` (Tencent Cloud SMS), `log` (development: printed), `none`. */
  SMS_PROVIDER: z.enum(['tencent', 'log', 'none']).optional(),
  SMS_API_BASE: z.string().url().default('https://sms.tencentcloudapi.com'),
  SMS_TENCENT_SECRET_ID: z.string().optional(),
  SMS_TENCENT_SECRET_KEY: z.string().optional(),
  SMS_TENCENT_SDK_APP_ID: z.string().optional(),
  SMS_TENCENT_SIGN_NAME: z.string().optional(),
  SMS_TENCENT_TEMPLATE_ID: z.string().optional(),
  SMS_TENCENT_REGION: z.string().default('ap-guangzhou'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  dataDir: string;
  databaseUrl: string;
  jwtSecret: string;
  idHashKey: string;
  admin: { phone: string; password: string } | null;
  wechat: { appId: string; secret: string; apiBase: string };
  /** How long one call to WeChat's message API may take before it counts as failed (and is retried). */
  wechatSendTimeoutMs: number;
  /** Subscribe-message templates by notification kind (`WECHAT_TEMPLATE_<KIND>`); kinds without one reach the inbox only. */
  wechatTemplates: SubscribeTemplate[];
  /** Whether this process runs the reminder and outbox tick (`NOTIFICATION_TICK=0` turns it off). */
  notificationTick: boolean;
  checkinTokenTtlSeconds: number;
  target: { practitioners: number; year: number };
  logLevel: string;
  clientDist: string;
  coursesDir: string;
  /** Where people open the h5 app; certificate QR codes point at `${publicBaseUrl}/verify/<code>`. */
  publicBaseUrl: string;
  demo: boolean;
  sms: SmsConfig;
}

export type SmsConfig =
  | { provider: 'log' | 'none' }
  | { provider: 'tencent'; apiBase: string; secretId: string; secretKey: string; sdkAppId: string; signName: string; templateId: string; region: string };

export class ConfigError extends Error {}

const SECRET_NAMES = ['JWT_SECRET', 'ID_HASH_KEY'] as const;
type SecretName = (typeof SECRET_NAMES)[number];

/**
 * Development secrets are generated once and kept in the data folder so tokens and ID hashes
 * survive restarts. Production refuses to start without them: a generated ID_HASH_KEY would make
 * every stored ID hash unmatchable after a redeploy.
 */
function resolveSecrets(env: z.infer<typeof envSchema>, warn: (msg: string) => void): Record<SecretName, string> {
  const missing = SECRET_NAMES.filter((name) => !env[name]);
  if (missing.length === 0) return { JWT_SECRET: env.JWT_SECRET!, ID_HASH_KEY: env.ID_HASH_KEY! };
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(`Missing required secret(s) in production: ${missing.join(', ')}. Set them in the environment.`);
  }
  const file = path.join(env.DATA_DIR, 'dev-secrets.json');
  let stored: Partial<Record<SecretName, string>> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  let changed = false;
  for (const name of missing) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString('hex');
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(env.DATA_DIR, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  warn(`${missing.join(', ')} not set: using development value(s) kept in ${file}. Set them in production.`);
  return {
    JWT_SECRET: env.JWT_SECRET ?? stored.JWT_SECRET!,
    ID_HASH_KEY: env.ID_HASH_KEY ?? stored.ID_HASH_KEY!,
  };
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env, warn: (msg: string) => void = console.warn): Config {
  // An empty variable (`ADMIN_PHONE=` in a shell or .env file) means unset, not "the empty string".
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (Boolean(env.ADMIN_PHONE) !== Boolean(env.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration: ADMIN_PHONE and ADMIN_PASSWORD must be set together.');
  }
  const secrets = resolveSecrets(env, warn);
  const databaseUrl = env.DATABASE_URL ?? `sqlite:${path.join(env.DATA_DIR, 'app.sqlite')}`;
  if (!/^(sqlite|mysql|mariadb):/.test(databaseUrl)) {
    throw new ConfigError('Invalid configuration: DATABASE_URL must start with sqlite: or mysql://');
  }
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    dataDir: env.DATA_DIR,
    databaseUrl,
    jwtSecret: secrets.JWT_SECRET,
    idHashKey: secrets.ID_HASH_KEY,
    admin: env.ADMIN_PHONE ? { phone: env.ADMIN_PHONE, password: env.ADMIN_PASSWORD! } : null,
    wechat: { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: env.WECHAT_API_BASE.replace(/\/$/, '') },
    wechatTemplates: templatesOf(given),
    wechatSendTimeoutMs: env.WECHAT_SEND_TIMEOUT_MS,
    notificationTick: given.NOTIFICATION_TICK !== '0' && given.NOTIFICATION_TICK !== 'false',
    checkinTokenTtlSeconds: env.CHECKIN_TOKEN_TTL_SECONDS,
    target: { practitioners: env.TARGET_PRACTITIONERS, year: env.TARGET_YEAR },
    logLevel: env.LOG_LEVEL,
    clientDist: env.CLIENT_DIST,
    coursesDir: env.COURSES_DIR,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    demo: env.DEMO === '1' || env.DEMO === 'true',
    sms: smsConfig(env),
  };
}

function templatesOf(env: Record<string, string | undefined>): SubscribeTemplate[] {
  try {
    return parseTemplates(env);
  } catch (err) {
    throw new ConfigError(`Invalid configuration: ${(err as Error).message}`);
  }
}

/** Production never prints codes: without a provider it has none (reset by SMS then answers 503). */
function smsConfig(env: z.infer<typeof envSchema>): SmsConfig {
  const provider = env.SMS_PROVIDER ?? (env.NODE_ENV === 'production' ? 'none' : 'log');
  if (provider === 'log' && env.NODE_ENV === 'production') throw new ConfigError('Invalid configuration: SMS_PROVIDER=log prints reset codes to the log; use tencent (or none) in production');
  if (provider !== 'tencent') return { provider };
  const needed = { SMS_TENCENT_SECRET_ID: env.SMS_TENCENT_SECRET_ID, SMS_TENCENT_SECRET_KEY: env.SMS_TENCENT_SECRET_KEY, SMS_TENCENT_SDK_APP_ID: env.SMS_TENCENT_SDK_APP_ID, SMS_TENCENT_SIGN_NAME: env.SMS_TENCENT_SIGN_NAME, SMS_TENCENT_TEMPLATE_ID: env.SMS_TENCENT_TEMPLATE_ID };
  const missing = Object.entries(needed).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) throw new ConfigError(`Invalid configuration: SMS_PROVIDER=tencent needs ${missing.join(', ')}`);
  return {
    provider,
    apiBase: env.SMS_API_BASE.replace(/\/$/, ''),
    secretId: needed.SMS_TENCENT_SECRET_ID!,
    secretKey: needed.SMS_TENCENT_SECRET_KEY!,
    sdkAppId: needed.SMS_TENCENT_SDK_APP_ID!,
    signName: needed.SMS_TENCENT_SIGN_NAME!,
    templateId: needed.SMS_TENCENT_TEMPLATE_ID!,
    region: env.SMS_TENCENT_REGION,
  };
}
