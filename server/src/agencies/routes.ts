import { districtScope } from '../platform/http/auth';
import { fileResponse, SENT, type Routes } from '../platform/http/route';
import { CSV_TYPE, XLSX_TYPE } from '../platform/spreadsheet';
import { z } from '../platform/zod';
import { agencyExportStream, agencyImportTemplate } from './exportFile';
import type { AgencyImporter } from './importer';
import {
  agencyExportQuery,
  agencyFiguresView,
  agencyIdParams,
  agencyImportQuery,
  agencyImportReportView,
  agencyInput,
  agencyListQuery,
  agencyMemberPage,
  agencyMembersQuery,
  agencyOfficeView,
  agencyPage,
  agencyTemplateQuery,
  patchAgencyInput,
  rejectAgencyInput,
} from './schemas';
import type { AgencyService } from './service';
import { attachment } from '../platform/http/attachment';

/** An agency list is small: 10 MB is far more than 20,000 rows. */
export const AGENCY_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const STAFF = ['office', 'district'] as const;

export function registerAgencyRoutes(routes: Routes, agencies: AgencyService, importer: AgencyImporter): void {
  // Fixed paths first: /api/agencies/:id would otherwise take "export".
  routes.define({
    method: 'get',
    path: '/api/agencies/export',
    summary: 'Export the agency registry with the same filters as the search (cells that could run as formulas are escaped)',
    tag: 'agencies',
    access: STAFF,
    query: agencyExportQuery,
    response: fileResponse,
    files: [XLSX_TYPE, CSV_TYPE],
    handler: async ({ query, ctx, user }) => {
      const { format, ...filters } = query;
      ctx.type = format === 'csv' ? CSV_TYPE : XLSX_TYPE;
      ctx.set('Content-Disposition', attachment(`agencies.${format}`, `服务机构名录.${format}`));
      ctx.body = agencyExportStream(format, agencies.exportRows(filters, districtScope(user)));
      return SENT;
    },
  });

  routes.define({
    method: 'get',
    path: '/api/agencies/import-template',
    summary: 'The agency import template with Chinese headers and the allowed values',
    tag: 'agencies',
    access: STAFF,
    query: agencyTemplateQuery,
    response: fileResponse,
    files: [XLSX_TYPE, CSV_TYPE],
    handler: async ({ query, ctx }) => {
      ctx.type = query.format === 'csv' ? CSV_TYPE : XLSX_TYPE;
      ctx.set('Content-Disposition', attachment(`agency-template.${query.format}`, `服务机构导入模板.${query.format}`));
      ctx.body = await agencyImportTemplate(query.format);
      return SENT;
    },
  });

  routes.define({
    method: 'get',
    path: '/api/agencies/figures',
    summary: "The dashboard's agency figures: verified agencies against 200, by service type and district, revenue of the latest year against 5 亿元; district staff see their district",
    tag: 'agencies',
    access: STAFF,
    response: agencyFiguresView,
    handler: ({ user }) => agencies.figures(districtScope(user)),
  });

  routes.define({
    method: 'post',
    path: '/api/agencies/import',
    summary: 'Import agencies from .xlsx or .csv (field "file"), keyed on the credit code; ?dryRun=true changes nothing',
    tag: 'agencies',
    access: STAFF,
    query: agencyImportQuery,
    body: z.object({}),
    upload: { field: 'file', maxBytes: AGENCY_IMPORT_MAX_BYTES, description: '.xlsx or .csv, at most 10 MB', storage: 'disk' },
    response: agencyImportReportView,
    handler: ({ user, query, file }) => importer.run(user.id, file?.path ? { path: file.path, size: file.size } : undefined, file?.originalname ?? '', query.dryRun, districtScope(user)),
  });

  routes.define({
    method: 'get',
    path: '/api/agencies',
    summary: 'The agency registry: the office sees everything (district staff their district); anyone else the verified agencies, public fields only',
    tag: 'agencies',
    access: 'optional',
    query: agencyListQuery,
    response: agencyPage,
    handler: ({ query, user }) => (user && (user.role === 'office' || user.role === 'district' || user.role === 'admin') ? agencies.search(query, districtScope(user)) : agencies.publicList(query)),
  });

  routes.define({
    method: 'post',
    path: '/api/agencies',
    summary: 'Register an agency (pending until verified); district staff only in their district; a credit code already registered → 409 CREDIT_CODE_TAKEN; audited',
    tag: 'agencies',
    access: STAFF,
    body: agencyInput,
    status: 201,
    response: agencyOfficeView,
    errors: [409],
    handler: ({ user, body }) => agencies.create(user.id, body, districtScope(user)),
  });

  routes.define({
    method: 'get',
    path: '/api/agencies/:id',
    summary: 'One agency with its practitioner count',
    tag: 'agencies',
    access: STAFF,
    params: agencyIdParams,
    response: agencyOfficeView,
    errors: [404],
    handler: ({ user, params }) => agencies.get(params.id, districtScope(user)),
  });

  routes.define({
    method: 'patch',
    path: '/api/agencies/:id',
    summary: "Change an agency's fields, or deactivate it (status: inactive); audited",
    tag: 'agencies',
    access: STAFF,
    params: agencyIdParams,
    body: patchAgencyInput,
    response: agencyOfficeView,
    errors: [404, 409],
    handler: ({ user, params, body }) => agencies.update(user.id, params.id, body, districtScope(user)),
  });

  routes.define({
    method: 'post',
    path: '/api/agencies/:id/verify',
    summary: 'Verify an agency (it then counts toward the 200; restores a deactivated one); audited',
    tag: 'agencies',
    access: STAFF,
    params: agencyIdParams,
    response: agencyOfficeView,
    errors: [404],
    handler: ({ user, params }) => agencies.verify(user.id, params.id, districtScope(user)),
  });

  routes.define({
    method: 'post',
    path: '/api/agencies/:id/reject',
    summary: 'Reject an agency with a reason; audited',
    tag: 'agencies',
    access: STAFF,
    params: agencyIdParams,
    body: rejectAgencyInput,
    response: agencyOfficeView,
    errors: [404, 409],
    handler: ({ user, params, body }) => agencies.reject(user.id, params.id, body.reason, districtScope(user)),
  });

  routes.define({
    method: 'get',
    path: '/api/agencies/:id/practitioners',
    summary: "The agency's verified practitioners with their hours in the year (default: this year) and whether they meet its rule",
    tag: 'agencies',
    access: STAFF,
    params: agencyIdParams,
    query: agencyMembersQuery,
    response: agencyMemberPage,
    errors: [404],
    handler: ({ user, params, query }) => agencies.practitioners(params.id, districtScope(user), query.year ?? agencies.currentYear(), query),
  });
}
