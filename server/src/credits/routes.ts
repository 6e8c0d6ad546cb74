import type { Routes } from '../platform/http/route';
import { fileResponse, SENT } from '../platform/http/route';
import { z } from '../platform/zod';
import { EVIDENCE_MAX_BYTES } from './evidence';
import {
  adjustmentInput,
  approveClaimInput,
  claimIdParams,
  claimInput,
  claimListQuery,
  claimPage,
  claimView,
  creditRuleInput,
  creditRuleView,
  creditsQuery,
  creditSummaryView,
  myClaimsView,
  rejectClaimInput,
  yearParams,
} from './schemas';
import type { CreditService } from './service';

export function registerCreditRoutes(routes: Routes, credits: CreditService): void {
  routes.define({
    method: 'get',
    path: '/api/credit-rules/:year',
    summary: "A year's continuing-education rule (default 90 hours, two thirds professional)",
    tag: 'credits',
    access: ['office'],
    params: yearParams,
    response: creditRuleView,
    handler: ({ params }) => credits.rule(params.year),
  });

  routes.define({
    method: 'put',
    path: '/api/credit-rules/:year',
    summary: "Set a year's continuing-education rule (audited)",
    tag: 'credits',
    access: ['office'],
    params: yearParams,
    body: creditRuleInput,
    response: creditRuleView,
    handler: ({ params, body, user }) => credits.setRule(user.id, params.year, body),
  });

  routes.define({
    method: 'get',
    path: '/api/me/credits',
    summary: 'My continuing-education hours for a year against the rule, with every record',
    tag: 'credits',
    access: ['practitioner'],
    query: creditsQuery,
    response: creditSummaryView,
    errors: [403],
    handler: ({ query, user }) => credits.summaryForUser(user.id, query.year ?? credits.currentYear()),
  });

  routes.define({
    method: 'post',
    path: '/api/me/credit-claims',
    summary: 'Claim hours earned elsewhere, with evidence (PDF, PNG or JPEG, at most 5 MB); pending until the office decides',
    tag: 'credits',
    access: ['practitioner'],
    body: claimInput,
    upload: { field: 'evidence', maxBytes: EVIDENCE_MAX_BYTES, description: 'PDF, PNG or JPEG, at most 5 MB (checked by content)' },
    status: 201,
    response: claimView,
    errors: [403],
    handler: ({ body, file, user }) => credits.submitClaim(user.id, body, file?.buffer),
  });

  routes.define({
    method: 'get',
    path: '/api/me/credit-claims',
    summary: 'My claims and their status',
    tag: 'credits',
    access: ['practitioner'],
    response: myClaimsView,
    handler: async ({ user }) => ({ items: await credits.myClaims(user.id) }),
  });

  routes.define({
    method: 'get',
    path: '/api/credit-claims',
    summary: 'Claims for the office to decide, oldest first',
    tag: 'credits',
    access: ['office'],
    query: claimListQuery,
    response: claimPage,
    handler: ({ query }) => credits.listClaims(query),
  });

  routes.define({
    method: 'get',
    path: '/api/credit-claims/:id/evidence',
    summary: 'The evidence file of a claim',
    tag: 'credits',
    access: ['office'],
    params: claimIdParams,
    response: fileResponse,
    files: ['application/pdf', 'image/png', 'image/jpeg'],
    errors: [404],
    handler: async ({ params, ctx }) => {
      const { content, type } = await credits.claimEvidence(params.id);
      ctx.type = type;
      ctx.set('Content-Disposition', 'inline');
      ctx.body = content;
      return SENT;
    },
  });

  routes.define({
    method: 'post',
    path: '/api/credit-claims/:id/approve',
    summary: 'Approve a claim (hours may be reduced): adds an external credit record; approving twice changes nothing',
    tag: 'credits',
    access: ['office'],
    params: claimIdParams,
    body: approveClaimInput,
    response: claimView,
    errors: [404, 409],
    handler: ({ params, body, user }) => credits.approveClaim(user.id, params.id, body.hours),
  });

  routes.define({
    method: 'post',
    path: '/api/credit-claims/:id/reject',
    summary: 'Reject a claim with a reason',
    tag: 'credits',
    access: ['office'],
    params: claimIdParams,
    body: rejectClaimInput,
    response: claimView,
    errors: [404, 409],
    handler: ({ params, body, user }) => credits.rejectClaim(user.id, params.id, body.reason),
  });

  routes.define({
    method: 'post',
    path: '/api/credit-adjustments',
    summary: 'Correct a practitioner’s hours with a new adjustment record (records are never edited)',
    tag: 'credits',
    access: ['office'],
    body: adjustmentInput,
    status: 201,
    response: z.object({ ok: z.literal(true) }),
    errors: [404],
    handler: async ({ body, user }) => {
      await credits.adjust(user.id, body);
      return { ok: true as const };
    },
  });
}
