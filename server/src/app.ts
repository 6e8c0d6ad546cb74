import Router from '@koa/router';
import Koa from 'koa';
import { registerAccountRoutes } from './accounts/routes';
import { registerAgencyRoutes } from './agencies/routes';
import { registerAttendanceRoutes } from './attendance/routes';
import { registerAuditRoutes } from './audit/routes';
import { registerCertificateRoutes } from './certificates/routes';
import { registerCompletionRoutes } from './completion/routes';
import { registerCreditRoutes } from './credits/routes';
import { registerCatalogRoutes } from './catalog/routes';
import { registerCourseDetailRoute } from './classes/courseRoutes';
import { registerClassRoutes } from './classes/routes';
import { registerEnrollmentRoutes } from './enrollment/routes';
import type { Config } from './config';
import { createServices, type Services } from './modules';
import type { Clock } from './platform/clock';
import type { Database } from './platform/db';
import { registerHealthRoutes } from './platform/health';
import { errorMiddleware } from './platform/http/errorMiddleware';
import { authenticate, jsonBody, requestContext, securityHeaders } from './platform/http/middleware';
import { createRegistry, generateOpenApiDocument } from './platform/http/openapi';
import { Routes } from './platform/http/route';
import { staticSite } from './platform/http/staticSite';
import type { Logger } from './platform/logger';
import { registerReferenceRoutes } from './reference/routes';
import { registerStatsRoutes } from './stats/routes';
import { registerStatementRoutes } from './statements/routes';
import { registerPeopleRoutes } from './people/routes';
import { registerTalentOfficeRoutes } from './talent/officeRoutes';
import { registerTalentRoutes } from './talent/routes';
import { registerNotificationRoutes } from './notifications/routes';

export interface AppDeps {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
  /** This instance's name in the outbox's leases. */
  instanceId?: string;
}

export interface App {
  koa: Koa;
  services: Services;
  openapi: object;
}

export function createApp(deps: AppDeps): App {
  const services = createServices(deps);
  const router = new Router();
  const registry = createRegistry();
  const routes = new Routes(router, registry);

  registerHealthRoutes(routes, () => deps.db.ping());
  registerReferenceRoutes(routes);
  registerAccountRoutes(routes, services);
  registerTalentRoutes(routes, services.talent, services.accounts);
  registerAuditRoutes(routes, services.audit, (ids) => services.accounts.namesOf(ids));
  registerCatalogRoutes(routes, services.catalog);
  registerCourseDetailRoute(routes, services.catalog, services.classes, services.describeClasses);
  registerClassRoutes(routes, services.classes, (actorId, classId, patch) => services.enrollment.changeClass(actorId, classId, patch), services.describeClasses, services.attendance);
  registerEnrollmentRoutes(routes, services.enrollment, services.classes, services.enrollmentViews);
  registerAttendanceRoutes(routes, services.attendance);
  registerCompletionRoutes(routes, services.completion);
  registerCreditRoutes(routes, services.credits);
  registerCertificateRoutes(routes, services.certificates);
  registerStatementRoutes(routes, services.statements);
  registerNotificationRoutes(routes, services.notifications, services.outbox);
  registerTalentOfficeRoutes(routes, services.talentOffice, services.talentImporter);
  registerPeopleRoutes(routes, services.people);
  registerAgencyRoutes(routes, services.agencies, services.agencyImporter);
  registerStatsRoutes(routes, services.stats, deps.config, deps.clock);

  const openapi = generateOpenApiDocument(registry);
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });

  const koa = new Koa({ proxy: true });
  koa.use(requestContext(deps.logger));
  koa.use(securityHeaders());
  koa.use(errorMiddleware);
  koa.use(jsonBody());
  koa.use(authenticate(services.tokens, (claims) => services.accounts.findAuthUser(claims)));
  koa.use(router.routes());
  // Only what no API route answered reaches the h5 app (and its history fallback).
  koa.use(staticSite(deps.config.clientDist, deps.logger));
  // Errors are logged and answered by errorMiddleware; keep Koa's default stderr printer quiet.
  koa.on('error', () => {});
  return { koa, services, openapi };
}
