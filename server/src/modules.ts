import { defineAccountModels } from './accounts/models';
import { AccountService } from './accounts/service';
import { createWechatClient } from './accounts/wechat';
import { defineAuditModels } from './audit/models';
import { AuditService } from './audit/service';
import type { Config } from './config';
import type { Clock } from './platform/clock';
import type { Database } from './platform/db';
import { createTokenService } from './platform/http/auth';
import { defineTalentModels } from './talent/models';
import { TalentService } from './talent/service';

export interface ModuleDeps {
  config: Config;
  db: Database;
  clock: Clock;
  /** Replaced in tests to reach a fake WeChat server or none at all. */
  fetch?: typeof fetch;
}

/** Builds every domain service once, wiring each to the services it may call. */
export function createServices({ config, db, clock, fetch: doFetch }: ModuleDeps) {
  const models = {
    accounts: defineAccountModels(db.sequelize),
    audit: defineAuditModels(db.sequelize),
    talent: defineTalentModels(db.sequelize),
  };
  const tokens = createTokenService(config.jwtSecret);
  const audit = new AuditService(models.audit, clock);
  const talent = new TalentService(db, models.talent, config.idHashKey);
  const wechat = createWechatClient({ ...config.wechat, fetch: doFetch });
  const accounts = new AccountService(db, models.accounts, tokens, wechat, audit, clock);
  return { tokens, audit, talent, accounts };
}

export type Services = ReturnType<typeof createServices>;
