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

const undoInput = z.object({ reason: z.string().trim().min(2, '请说明撤销原因').max(200) }).openapi('CompletionUndoInput');
const undoView = z.object({ withdrawn: z.number().int(), certificatesRevoked: z.number().int() }).openapi('CompletionUndone');

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

  routes.define({
    method: 'post',
    path: '/api/classes/:id/completion/undo',
    summary: 'Undo a completion done by mistake (admin, within 30 days): hours withdrawn by adjustment records, certificates withdrawn, the class scheduled again',
    tag: 'completion',
    access: ['admin'],
    params: classIdParams,
    body: undoInput,
    response: undoView,
    // 409 NOT_COMPLETED, UNDO_WINDOW_PASSED
    errors: [404, 409],
    handler: ({ user, params, body }) => completion.undo(user.id, params.id, body.reason),
  });
}
