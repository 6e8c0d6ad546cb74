import type { Context } from 'koa';
import { districtScope } from '../platform/http/auth';
import { fileResponse, SENT, type Routes } from '../platform/http/route';
import { districtName } from '../reference/districts';
import { statementCodeParams, statementExportQuery, statementFormatQuery, statementPublicView, statementView, statementYearParams, talentStatementParams, type StatementView } from './schemas';
import type { StatementService } from './service';
import { attachment } from '../platform/http/attachment';

const PDF = 'application/pdf';
const ZIP = 'application/zip';


async function sendPdf(ctx: Context, statements: StatementService, statement: StatementView, name: string): Promise<typeof SENT> {
  const pdf = await statements.renderPdf(statement);
  ctx.type = PDF;
  ctx.set('Content-Disposition', attachment(`ce-statement-${statement.year}.pdf`, name));
  ctx.body = pdf;
  return SENT;
}

export function registerStatementRoutes(routes: Routes, statements: StatementService): void {
  routes.define({
    method: 'get',
    path: '/api/me/ce-statements/:year',
    summary: 'My continuing-education statement of a year (继续教育学时证明): a PDF with every record, the totals against the rule and a verification QR code; format=json for the same content',
    tag: 'ce statements',
    access: ['practitioner'],
    params: statementYearParams,
    query: statementFormatQuery,
    response: statementView,
    files: [PDF],
    errors: [403],
    handler: async ({ params, query, user, ctx }) => {
      const statement = await statements.mine(user.id, params.year);
      if (query.format === 'json') return statement;
      return sendPdf(ctx, statements, statement, `继续教育学时证明-${params.year}.pdf`);
    },
  });

  // Fixed path first: /api/ce-statements/:code would otherwise take "export".
  routes.define({
    method: 'get',
    path: '/api/ce-statements/export',
    summary:
      "A ZIP of the year's statements (one PDF each, <name>-<masked ID>.pdf) of every verified practitioner with a credit record that year, of one district (district staff: their own; another → 404) or the city, narrowed by the talent search's filters; more than 5000 people → 409 EXPORT_TOO_LARGE",
    tag: 'ce statements',
    access: ['office', 'district'],
    query: statementExportQuery,
    response: fileResponse,
    files: [ZIP],
    errors: [404, 409],
    handler: async ({ query, user, ctx }) => {
      const { year, ...filters } = query;
      const { stream, district } = await statements.exportZip(year, filters, districtScope(user));
      const where = district ? districtName(district) ?? district : '重庆市';
      ctx.type = ZIP;
      ctx.set('Content-Disposition', attachment(`ce-statements-${year}.zip`, `${where}${year}年度继续教育学时证明.zip`));
      ctx.body = stream;
      return SENT;
    },
  });

  routes.define({
    method: 'get',
    path: '/api/ce-statements/:code',
    summary: 'Verify a continuing-education statement (public, no sign-in): what it said when issued, the holder name masked',
    tag: 'ce statements',
    access: 'public',
    params: statementCodeParams,
    response: statementPublicView,
    errors: [404],
    handler: ({ params }) => statements.verify(params.code),
  });

  routes.define({
    method: 'get',
    path: '/api/talents/:id/ce-statements/:year',
    summary: "One practitioner's statement of a year (PDF; format=json for the same content); district staff: their district's records only (another → 404)",
    tag: 'ce statements',
    access: ['office', 'district'],
    params: talentStatementParams,
    query: statementFormatQuery,
    response: statementView,
    files: [PDF],
    errors: [404],
    handler: async ({ params, query, user, ctx }) => {
      const statement = await statements.ofPractitioner(params.id, params.year, districtScope(user));
      if (query.format === 'json') return statement;
      return sendPdf(ctx, statements, statement, `继续教育学时证明-${params.year}-${statement.holderName}.pdf`);
    },
  });
}
