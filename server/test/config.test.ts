import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cqip-config-'));

describe('configuration', () => {
  it('uses the contract defaults', () => {
    const config = loadConfig({ DATA_DIR: tempDir() }, () => {});
    expect(config.port).toBe(3000);
    expect(config.checkinTokenTtlSeconds).toBe(60);
    expect(config.target).toEqual({ practitioners: 10000, year: 2020 });
    expect(config.wechat.apiBase).toBe('https://api.weixin.qq.com');
    expect(config.databaseUrl).toMatch(/^sqlite:.*app\.sqlite$/);
  });

  it('chooses the SMS provider: log in development, none in production unless set, tencent only with its settings', () => {
    const secrets = { JWT_SECRET: 'x'.repeat(32), ID_HASH_KEY: 'y'.repeat(32) };
    expect(loadConfig({ DATA_DIR: tempDir() }, () => {}).sms).toEqual({ provider: 'log' });
    expect(loadConfig({ DATA_DIR: tempDir(), NODE_ENV: 'production', ...secrets }, () => {}).sms).toEqual({ provider: 'none' });
    expect(() => loadConfig({ DATA_DIR: tempDir(), NODE_ENV: 'production', SMS_PROVIDER: 'log', ...secrets }, () => {})).toThrow(/SMS_PROVIDER=log/);
    expect(() => loadConfig({ DATA_DIR: tempDir(), SMS_PROVIDER: 'tencent', SMS_TENCENT_SECRET_ID: 'id' }, () => {})).toThrow(/SMS_TENCENT_SECRET_KEY, SMS_TENCENT_SDK_APP_ID, SMS_TENCENT_SIGN_NAME, SMS_TENCENT_TEMPLATE_ID/);
    expect(() => loadConfig({ DATA_DIR: tempDir(), SMS_PROVIDER: 'carrier-pigeon' }, () => {})).toThrow(ConfigError);
  });

  it('generates development secrets once, keeps them in the data folder and warns', () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const first = loadConfig({ DATA_DIR: dir }, (m) => warnings.push(m));
    const second = loadConfig({ DATA_DIR: dir }, () => {});
    expect(first.jwtSecret).toHaveLength(64);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.idHashKey).toBe(first.idHashKey);
    expect(fs.existsSync(path.join(dir, 'dev-secrets.json'))).toBe(true);
    expect(warnings.join('\n')).toMatch(/JWT_SECRET, ID_HASH_KEY/);
  });

  it('refuses to start in production without secrets, naming them', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tempDir(), JWT_SECRET: 'x'.repeat(32) }, () => {})).toThrow(
      /Missing required secret\(s\) in production: ID_HASH_KEY/,
    );
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: '', ADMIN_PHONE: '', ADMIN_PASSWORD: '', PORT: '' }, () => {});
    expect(config.port).toBe(3000);
    expect(config.admin).toBeNull();
    expect(config.databaseUrl).toMatch(/^sqlite:/);
  });

  it('reads subscribe-message templates per kind with their keywords, and names a malformed one', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), WECHAT_TEMPLATE_CLASS_CANCELLED: 'tmplCancel01', WECHAT_TEMPLATE_COMPLETED: 'tmplDone0001|thing2=title,time5=time' }, () => {});
    expect(config.wechatTemplates).toEqual([
      { kind: 'class_cancelled', templateId: 'tmplCancel01', fields: { thing1: 'title', thing2: 'body', time3: 'time' } },
      { kind: 'completed', templateId: 'tmplDone0001', fields: { thing2: 'title', time5: 'time' } },
    ]);
    expect(config.notificationTick).toBe(true);
    expect(loadConfig({ DATA_DIR: tempDir(), NOTIFICATION_TICK: '0' }, () => {}).notificationTick).toBe(false);
    expect(() => loadConfig({ DATA_DIR: tempDir(), WECHAT_TEMPLATE_COMPLETED: 'tmplDone0001|thing2=name' }, () => {})).toThrow(/WECHAT_TEMPLATE_COMPLETED: "thing2=name"/);
    expect(() => loadConfig({ DATA_DIR: tempDir(), WECHAT_TEMPLATE_COMPLETED: 'x' }, () => {})).toThrow(/WECHAT_TEMPLATE_COMPLETED: not a template id/);
  });

  it('rejects bad values with a message per variable', () => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), PORT: 'eighty' }, () => {})).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: tempDir(), ADMIN_PHONE: '13800000000' }, () => {})).toThrow(/ADMIN_PASSWORD must be set together/);
    expect(() => loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: 'postgres://x' }, () => {})).toThrow(/DATABASE_URL/);
  });
});
