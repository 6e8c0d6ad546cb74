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
import { ClassService } from './classes/service';
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
import { PeopleService } from './people/service';
import { StatsService } from './stats/service';
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
}

/** Builds every domain service once, wiring each to the services it may call. */
export function createServices({ config, db, clock, logger, fetch: doFetch }: ModuleDeps) {
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
    agencies: defineAgencyModels(db.sequelize),
  };
  const tokens = createTokenService(config.jwtSecret);
  const audit = new AuditService(models.audit, clock);
  const talent = new TalentService(db, models.talent, config.idHashKey);
  const wechat = createWechatClient({ ...config.wechat, fetch: doFetch });
  const accounts = new AccountService(db, models.accounts, tokens, wechat, audit, clock);
  const passwordReset = new PasswordResetService(db, models.accounts, accounts, createSmsSender(config.sms, logger, doFetch), audit, clock, config.jwtSecret);
  const accountAdmin = new AccountAdminService(db, models.accounts, audit);
  const talentOffice = new TalentOfficeService(db, models.talent, accounts, audit, clock, config.idHashKey);
  const talentImporter = new TalentImporter(db, models.talent, audit, clock, config.idHashKey);
  const catalog = new CatalogService(db, models.catalog);
  const classes = new ClassService(db, models.classes, catalog, audit, clock);
  const enrollment = new EnrollmentService(db, models.enrollment, classes, talent, accounts, audit, clock);
  const describeClasses = createClassViewer(classes, catalog, enrollment);
  const enrollmentViews = createEnrollmentViews(enrollment, classes, describeClasses);
  const attendance = new AttendanceService(db, models.attendance, new CheckinTokens(config.jwtSecret), config.checkinTokenTtlSeconds, classes, enrollment, talent, audit, clock);
  const credits = new CreditService(db, models.credits, talent, new EvidenceStore(path.join(config.dataDir, 'evidence')), audit, clock);
  const certificates = new CertificateService(models.certificates, talent, config.publicBaseUrl);
  const completion = new CompletionService(db, classes, catalog, enrollment, attendance, credits, certificates, talent, clock);
  // Agencies sit below talent and credits: they are handed what counts, the compliance rule and the sheet reader.
  const agencyCompliance = async (year: number) => {
    const rule = await credits.rule(year);
    return (hours: { earnedHours: number; professionalHours: number }) => assess({ ...hours, publicHours: hours.earnedHours - hours.professionalHours }, rule).compliant;
  };
  const agencies = new AgencyService(db, models.agencies, sqlAgencyMembers(db, countsTowardTargetSql), agencyCompliance, audit, clock);
  const agencyImporter = new AgencyImporter(db, models.agencies, audit, clock, openSheet);
  const stats = new StatsService(db, credits, (district, past) => agencies.figures(district, past), config, clock);
  const people = new PeopleService({ db, clock, accounts, talent, talentOffice, enrollment, enrollmentViews, attendance, credits, certificates });
  return { tokens, audit, talent, talentOffice, talentImporter, accounts, passwordReset, accountAdmin, catalog, classes, enrollment, describeClasses, enrollmentViews, attendance, credits, certificates, completion, stats, people, agencies, agencyImporter };
}

export type Services = ReturnType<typeof createServices>;
