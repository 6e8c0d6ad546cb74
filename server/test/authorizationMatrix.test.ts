import { auth, createTestApp, type TestApp } from './helpers/testApp';
import { A_NAME, buildWorld, operationsOf, type World } from './helpers/world';

/**
 * Every operation of the OpenAPI document, called anonymously, as each role, and as a practitioner
 * holding another practitioner's ids. The expected outcome of every cell is written below by hand,
 * so a new route without a row fails, and a route whose access changes fails until the table says so.
 *
 *   pass — the door opens: anything but 401 UNAUTHENTICATED and 403 FORBIDDEN (the handler may still
 *          answer 400, 404 or 409 to the empty input the matrix sends);
 *   401 / 403 — refused at the door.
 * Columns: anonymous, practitioner B (a stranger to A's class, certificate, claim and enrollment),
 * trainer, office, admin, district staff of another district than A's (past the door, A's record is
 * "not found" to them). Admin may do everything.
 */
type Cell = 'pass' | 401 | 403;
type Row = [anonymous: Cell, practitioner: Cell, trainer: Cell, office: Cell, admin: Cell, district: Cell];

const PUBLIC: Row = ['pass', 'pass', 'pass', 'pass', 'pass', 'pass'];
const SIGNED_IN: Row = [401, 'pass', 'pass', 'pass', 'pass', 'pass'];
const PRACTITIONER: Row = [401, 'pass', 403, 403, 'pass', 403];
const TRAINER: Row = [401, 403, 'pass', 403, 'pass', 403];
/** The city office only (claims, credit rules, the district league table). */
const OFFICE: Row = [401, 403, 403, 'pass', 'pass', 403];
/** The office's work, which district staff do for their district. */
const OFFICE_OR_DISTRICT: Row = [401, 403, 403, 'pass', 'pass', 'pass'];
const ADMIN: Row = [401, 403, 403, 403, 'pass', 403];

const MATRIX: Record<string, Row> = {
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,
  'GET /api/reference': PUBLIC,
  // accounts
  'POST /api/auth/register': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/wechat': PUBLIC,
  'POST /api/auth/password-reset/request': PUBLIC,
  'POST /api/auth/password-reset/confirm': PUBLIC,
  // any signed-in account may try; one without WeChat is refused by the handler (accounts.test.ts)
  'POST /api/auth/bind-phone': SIGNED_IN,
  'GET /api/me': SIGNED_IN,
  'POST /api/me/password': SIGNED_IN,
  'GET /api/me/data-export': SIGNED_IN,
  'POST /api/me/account-deletion': SIGNED_IN,
  'POST /api/admin/users': ADMIN,
  'GET /api/admin/users': ADMIN,
  'PATCH /api/admin/users/{id}': ADMIN,
  'POST /api/admin/users/{id}/password-reset': ADMIN,
  // talent
  'PUT /api/me/profile': PRACTITIONER,
  'GET /api/talents': OFFICE_OR_DISTRICT,
  'GET /api/talents/export': OFFICE_OR_DISTRICT,
  'GET /api/talents/import-template': OFFICE_OR_DISTRICT,
  'POST /api/talents/import': OFFICE_OR_DISTRICT,
  'GET /api/talents/{id}': OFFICE_OR_DISTRICT,
  'PATCH /api/talents/{id}': OFFICE_OR_DISTRICT,
  'POST /api/talents/{id}/verify': OFFICE_OR_DISTRICT,
  'POST /api/talents/{id}/reject': OFFICE_OR_DISTRICT,
  // service agencies: the list is public (verified agencies, public fields); the rest is the office's and district staff's
  'GET /api/agencies': PUBLIC,
  'POST /api/agencies': OFFICE_OR_DISTRICT,
  'GET /api/agencies/export': OFFICE_OR_DISTRICT,
  'GET /api/agencies/import-template': OFFICE_OR_DISTRICT,
  'GET /api/agencies/figures': OFFICE_OR_DISTRICT,
  'POST /api/agencies/import': OFFICE_OR_DISTRICT,
  'GET /api/agencies/{id}': OFFICE_OR_DISTRICT,
  'PATCH /api/agencies/{id}': OFFICE_OR_DISTRICT,
  'POST /api/agencies/{id}/verify': OFFICE_OR_DISTRICT,
  'POST /api/agencies/{id}/reject': OFFICE_OR_DISTRICT,
  'GET /api/agencies/{id}/practitioners': OFFICE_OR_DISTRICT,
  // catalog and classes
  'GET /api/courses': PUBLIC,
  'GET /api/courses/{code}': PUBLIC,
  'GET /api/classes': PUBLIC,
  'GET /api/classes/{id}': PUBLIC,
  'POST /api/classes': TRAINER,
  'PATCH /api/classes/{id}': TRAINER,
  'POST /api/classes/{id}/sessions': TRAINER,
  'GET /api/classes/{id}/sessions': PUBLIC,
  // the world's session belongs to a completed class: trainer and admin pass the door and get 409
  'PATCH /api/sessions/{id}': TRAINER,
  'DELETE /api/sessions/{id}': TRAINER,
  // enrollment
  'POST /api/classes/{id}/enrollments': PRACTITIONER,
  'DELETE /api/classes/{id}/enrollments/me': PRACTITIONER,
  'GET /api/me/enrollments': PRACTITIONER,
  'GET /api/classes/{id}/enrollments': TRAINER,
  'POST /api/enrollments/{id}/approve': TRAINER,
  'POST /api/enrollments/{id}/reject': TRAINER,
  // attendance and completion
  'POST /api/sessions/{id}/checkin-token': TRAINER,
  'POST /api/checkins': PRACTITIONER,
  'PUT /api/sessions/{id}/attendance/{practitionerId}': TRAINER,
  'GET /api/sessions/{id}/attendance': TRAINER,
  'POST /api/classes/{id}/complete': TRAINER,
  'POST /api/classes/{id}/completion/undo': ADMIN,
  // credits
  'GET /api/credit-rules/{year}': OFFICE,
  'PUT /api/credit-rules/{year}': OFFICE,
  'GET /api/me/credits': PRACTITIONER,
  'POST /api/me/credit-claims': PRACTITIONER,
  'GET /api/me/credit-claims': PRACTITIONER,
  'GET /api/credit-claims': OFFICE,
  'GET /api/credit-claims/{id}/evidence': OFFICE,
  'POST /api/credit-claims/{id}/approve': OFFICE,
  'POST /api/credit-claims/{id}/reject': OFFICE,
  'POST /api/credit-adjustments': OFFICE,
  // certificates: B may not have A's PDF (refused in the handler: only one's own)
  'GET /api/me/certificates': PRACTITIONER,
  'GET /api/certificates/{code}': PUBLIC,
  'GET /api/certificates/{code}/pdf': [401, 403, 'pass', 'pass', 'pass', 403],
  // continuing-education statements: one's own; the office's and district staff's (A is another district's: 404 to them)
  'GET /api/me/ce-statements/{year}': PRACTITIONER,
  'GET /api/ce-statements/{code}': PUBLIC,
  'GET /api/ce-statements/export': OFFICE_OR_DISTRICT,
  'GET /api/talents/{id}/ce-statements/{year}': OFFICE_OR_DISTRICT,
  // notifications: everyone signed in has an inbox; the outbox of WeChat messages is the admin's
  'GET /api/me/notifications': SIGNED_IN,
  'GET /api/me/notifications/unread-count': SIGNED_IN,
  'POST /api/me/notifications/read-all': SIGNED_IN,
  'POST /api/me/notifications/{id}/read': SIGNED_IN,
  'GET /api/me/wechat-subscriptions': SIGNED_IN,
  'POST /api/me/wechat-subscriptions': SIGNED_IN,
  'GET /api/admin/outbox': ADMIN,
  'POST /api/admin/outbox/{id}/retry': ADMIN,
  // statistics and audit
  'GET /api/stats/overview': OFFICE_OR_DISTRICT,
  'GET /api/stats/compliance': OFFICE_OR_DISTRICT,
  'GET /api/stats/report': OFFICE_OR_DISTRICT,
  'GET /api/audit': OFFICE_OR_DISTRICT,
  'GET /api/audit/actions': OFFICE_OR_DISTRICT,
  'GET /api/stats/districts': OFFICE,
};

const CALLERS = ['anonymous', 'practitioner', 'trainer', 'office', 'admin', 'district'] as const;

let t: TestApp;
let world: World;
beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t);
});
afterAll(() => t.close());

function outcome(status: number, body: { error?: { code?: string } }): Cell {
  if (status === 401 && body?.error?.code === 'UNAUTHENTICATED') return 401;
  if (status === 403 && body?.error?.code === 'FORBIDDEN') return 403;
  return 'pass';
}

it('has a row for every operation of the OpenAPI document, and no row for one that is gone', () => {
  const operations = operationsOf(t).map((o) => o.operation);
  expect(operations.filter((op) => !(op in MATRIX))).toEqual([]);
  expect(Object.keys(MATRIX).filter((op) => !operations.includes(op))).toEqual([]);
});

it('answers every operation × caller as the table says, and shows no caller anything of practitioner A', async () => {
  const mismatches: string[] = [];
  const leaks: string[] = [];
  let cells = 0;
  for (const [operation, row] of Object.entries(MATRIX)) {
    const [method, template] = operation.split(' ');
    const path = world.concretePath(template);
    for (const [i, caller] of CALLERS.entries()) {
      const token = world.tokens[caller];
      let req = t.request[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
      if (token) req = req.set(auth(token));
      const res = method === 'GET' || method === 'DELETE' ? await req : await req.send({});
      cells++;
      const got = outcome(res.status, res.body);
      if (got !== row[i]) mismatches.push(`${operation} as ${caller}: expected ${row[i]}, got ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      if (res.status >= 500) mismatches.push(`${operation} as ${caller}: ${res.status}`);
      // Nobody but the office and admin (and A's own trainer, for the roster) sees A's name; nobody sees the phone or the ID number.
      const text = res.text ?? '';
      const mayName = caller === 'office' || caller === 'admin' || caller === 'trainer';
      if ((!mayName && text.includes(A_NAME)) || text.includes(world.aPhone) || text.includes(world.aIdNumber)) leaks.push(`${operation} as ${caller}`);
    }
  }
  expect(mismatches).toEqual([]);
  expect(leaks).toEqual([]);
  expect(cells).toBe(Object.keys(MATRIX).length * CALLERS.length);
}, 60_000);
