import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { defineAccountModels } from './accounts/models';
import { AgencyImporter } from './agencies/importer';
import { sqlAgencyMembers } from './agencies/members';
import { defineAgencyModels } from './agencies/models';
import { AgencyService } from './agencies/service';
import { CheckinTokens } from './attendance/checkinToken';
import { defineAttendanceModels } from './attendance/models';
import { AttendanceService } from './attendance/service';
import { defineCertificateModels } from './certificates/models';
import { CertificateService } from './certificates/service';
import { CompletionService } from './completion/service';
import { assess } from './credits/compliance';
import { EvidenceStore } from './credits/evidence';
import { defineCreditModels } from './credits/models';
import { CreditService } from './credits/service';
import { PasswordResetService } from './accounts/passwordReset';
import { AccountService } from './accounts/service';
import { createSmsSender } from './accounts/sms';
import { AccountAdminService } from './accounts/staff';
import { createWechatClient } from './accounts/wechat';
import { defineAuditModels } from './audit/models';
import { AuditService } from './audit/service';
import { defineCatalogModels } from './catalog/models';
import { CatalogService } from './catalog/service';
import { defineClassModels } from './classes/models';
import { ClassService, type ScheduleChanged } from './classes/service';
import { createClassViewer } from './classes/views';
import type { Config } from './config';
import type { Logger } from './platform/logger';
import { defineEnrollmentModels } from './enrollment/models';
import { EnrollmentService } from './enrollment/service';
import { createEnrollmentViews } from './enrollment/views';
import type { Clock } from './platform/clock';
import type { Database } from './platform/db';
import { createTokenService } from './platform/http/auth';
import { defineTalentModels } from './talent/models';
import { defineNotificationModels } from './notifications/models';
import { Outbox } from './notifications/outbox';
import { NotificationService } from './notifications/service';
import { SubscribeTemplates } from './notifications/templates';
import { createWechatSender } from './notifications/wechatSender';
import { ReminderService } from './reminders/service';
import { PeopleService } from './people/service';
import { StatsService } from './stats/service';
import { defineStatementModels } from './statements/models';
import { StatementService } from './statements/service';
import { StatTallies } from './stats/tallies';
import { countsTowardTargetSql } from './talent/counting';
import { openSheet } from './talent/importFile';
import { TalentImporter } from './talent/importer';
import { TalentOfficeService } from './talent/office';
import { TalentService } from './talent/service';

export interface ModuleDeps {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Replaced in tests to reach a fake WeChat server or none at all. */
  fetch?: typeof fetch;
  /** This process's name in the outbox's lease column (tests give two instances their own). */
  instanceId?: string;
}

/** Builds every domain service once, wiring each to the services it may call. */
export function createServices({ config, db, clock, logger, fetch: doFetch, instanceId }: ModuleDeps) {
  // Statistics' aggregates are updated by the models' hooks, in the transaction of every change.
  const tallies = new StatTallies(db);
  const models = {
    accounts: defineAccountModels(db.sequelize),
    audit: defineAuditModels(db.sequelize),
    talent: defineTalentModels(db.sequelize, (changes, t) => tallies.onPractitionerChanges(changes, t), () => clock.now()),
    catalog: defineCatalogModels(db.sequelize),
    classes: defineClassModels(db.sequelize),
    enrollment: defineEnrollmentModels(db.sequelize),
    attendance: defineAttendanceModels(db.sequelize),
    credits: defineCreditModels(db.sequelize, (record, t) => tallies.onCreditAward(record, t)),
    certificates: defineCertificateModels(db.sequelize),
    statements: defineStatementModels(db.sequelize),
    agencies: defineAgencyModels(db.sequelize),
    notifications: defineNotificationModels(db.sequelize),
  };
  const tokens = createTokenService(config.jwtSecret);
  const audit = new AuditService(models.audit, clock);
  const notifications = new NotificationService(db, models.notifications, new SubscribeTemplates(config.wechatTemplates), clock);
  const talent = new TalentService(db, models.talent, config.idHashKey);
  const wechat = createWechatClient({ ...config.wechat, fetch: doFetch });
  const accounts = new AccountService(db, models.accounts, tokens, wechat, audit, clock);
  const passwordReset = new PasswordResetService(db, models.accounts, accounts, createSmsSender(config.sms, logger, doFetch), audit, clock, config.jwtSecret);
  const accountAdmin = new AccountAdminService(db, models.accounts, audit);
  const talentOffice = new TalentOfficeService(db, models.talent, accounts, audit, notifications, clock, config.idHashKey);
  const talentImporter = new TalentImporter(db, models.talent, audit, clock, config.idHashKey);
  const catalog = new CatalogService(db, models.catalog);
  // Classes sit below enrollment, which knows who to tell of a session change: handed a function, bound once enrollment exists.
  let scheduleChanged: ScheduleChanged = async () => {};
  const classes = new ClassService(db, models.classes, catalog, audit, clock, (change, t) => scheduleChanged(change, t));
  const enrollment = new EnrollmentService(db, models.enrollment, classes, talent, accounts, audit, notifications, clock);
  scheduleChanged = (change, t) => enrollment.tellScheduleChanged(change, t);
  const describeClasses = createClassViewer(classes, catalog, enrollment);
  const enrollmentViews = createEnrollmentViews(enrollment, classes, describeClasses);
  const attendance = new AttendanceService(db, models.attendance, new CheckinTokens(config.jwtSecret), config.checkinTokenTtlSeconds, classes, enrollment, talent, audit, clock);
  const credits = new CreditService(db, models.credits, talent, new EvidenceStore(path.join(config.dataDir, 'evidence')), audit, notifications, clock);
  const certificates = new CertificateService(models.certificates, talent, config.publicBaseUrl);
  const statements = new StatementService(db, models.statements, credits, talent, talentOffice, clock, config.publicBaseUrl);
  const completion = new CompletionService(db, classes, catalog, enrollment, attendance, credits, certificates, talent, notifications, clock);
  // Agencies sit below talent and credits: they are handed what counts, the compliance rule and the sheet reader.
  const agencyCompliance = async (year: number) => {
    const rule = await credits.rule(year);
    return (hours: { earnedHours: number; professionalHours: number }) => assess({ ...hours, publicHours: hours.earnedHours - hours.professionalHours }, rule).compliant;
  };
  const agencies = new AgencyService(db, models.agencies, sqlAgencyMembers(db, countsTowardTargetSql), agencyCompliance, audit, clock);
  const agencyImporter = new AgencyImporter(db, models.agencies, audit, clock, openSheet);
  const stats = new StatsService(db, credits, (district, past) => agencies.figures(district, past), config, clock);
  const people = new PeopleService({ db, clock, accounts, talent, talentOffice, enrollment, enrollmentViews, attendance, credits, certificates, statements, notifications });
  const outbox = new Outbox(
    db,
    models.notifications,
    createWechatSender(models.notifications, clock, { ...config.wechat, fetch: doFetch, timeoutMs: config.wechatSendTimeoutMs }),
    (ids) => accounts.openIdsOf(ids),
    audit,
    clock,
    logger,
    // the lease outlives any send many times over, so a slow send is never taken up by a second instance
    { owner: instanceId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`, leaseMs: Math.max(5 * 60 * 1000, 10 * config.wechatSendTimeoutMs) },
  );
  const reminders = new ReminderService(classes, enrollment, stats, talent, notifications, clock);
  return { notifications, outbox, reminders, tokens, audit, talent, talentOffice, talentImporter, accounts, passwordReset, accountAdmin, catalog, classes, enrollment, describeClasses, enrollmentViews, attendance, credits, certificates, statements, completion, stats, people, agencies, agencyImporter };
}

export type Services = ReturnType<typeof createServices>;
