import { classIdParams } from '../classes/schemas';
import type { Routes } from '../platform/http/route';
import { z } from '../platform/zod';
import type { CompletionService } from './service';

const completionView = z
  .object({
    completed: z.number().int(),
    failed: z.number().int(),
    certificates: z.array(z.object({ code: z.string(), practitionerId: z.number().int(), holderName: z.string() })),
    outcomes: z.array(z.object({ practitionerId: z.number().int(), outcome: z.enum(['completed', 'failed']) })),
  })
  .openapi('CompletionReport');

export function registerCompletionRoutes(routes: Routes, completion: CompletionService): void {
  routes.define({
    method: 'post',
    path: '/api/classes/:id/complete',
    summary: 'Complete a class: ≥ 80% of sessions attended (excused left out) earns the credit hours and a certificate; again changes nothing',
    tag: 'completion',
    access: ['trainer'],
    params: classIdParams,
    response: completionView,
    errors: [404, 409],
    handler: ({ user, params }) => completion.complete(user.id, params.id),
  });
}
