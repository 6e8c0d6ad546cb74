import { districtScope } from '../platform/http/auth';
import { pageOf } from '../platform/http/pagination';
import { fileResponse, SENT, type Routes } from '../platform/http/route';
import { CSV_TYPE, XLSX_TYPE } from '../platform/spreadsheet';
import { z } from '../platform/zod';
import { exportStream, importTemplate } from './exportFile';
import type { TalentImporter } from './importer';
import type { TalentOfficeService } from './office';
import { importQuery, importReportView, patchTalentInput, practitionerOfficeView, rejectTalentInput, talentExportQuery, talentIdParams, talentListQuery, templateQuery } from './schemas';
import { attachment } from '../platform/http/attachment';

const talentPage = pageOf(practitionerOfficeView).openapi('TalentPage');

/**
 * An upload of at most 50 MB: .xlsx or .csv, told apart by content. A 100,000-row file is about
 * 10 MB as .xlsx and 20–30 MB as CSV; it is streamed to a temporary file, never held in memory.
 */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export function registerTalentOfficeRoutes(routes: Routes, office: TalentOfficeService, importer: TalentImporter): void {
  // Fixed paths first: /api/talents/:id (people/routes.ts, registered after these) would otherwise take "export".
  routes.define({
    method: 'get',
    path: '/api/talents/export',
    summary: 'Export the talent database with the same filters as the search (cells that could run as formulas are escaped)',
    tag: 'talent office',
    access: ['office', 'district'],
    query: talentExportQuery,
    response: fileResponse,
    files: [XLSX_TYPE, CSV_TYPE],
    handler: async ({ query, ctx, user }) => {
      const { format, ...filters } = query;
      ctx.type = format === 'csv' ? CSV_TYPE : XLSX_TYPE;
      ctx.set('Content-Disposition', attachment(`talents.${format}`, `人才库.${format}`));
      ctx.body = exportStream(format, office.exportRows(filters, districtScope(user)));
      return SENT;
    },
  });

  routes.define({
    method: 'get',
    path: '/api/talents/import-template',
    summary: 'The import template with Chinese headers and the allowed values',
    tag: 'talent office',
    access: ['office', 'district'],
    query: templateQuery,
    response: fileResponse,
    files: [XLSX_TYPE, CSV_TYPE],
    handler: async ({ query, ctx }) => {
      ctx.type = query.format === 'csv' ? CSV_TYPE : XLSX_TYPE;
      ctx.set('Content-Disposition', attachment(`template.${query.format}`, `人才信息导入模板.${query.format}`));
      ctx.body = await importTemplate(query.format);
      return SENT;
    },
  });

  routes.define({
    method: 'post',
    path: '/api/talents/import',
    summary: 'Import talent records from .xlsx or .csv (field "file"), keyed on the ID number; ?dryRun=true changes nothing',
    tag: 'talent office',
    access: ['office', 'district'],
    query: importQuery,
    body: z.object({}),
    upload: { field: 'file', maxBytes: IMPORT_MAX_BYTES, description: '.xlsx or .csv, at most 50 MB', storage: 'disk' },
    response: importReportView,
    handler: ({ user, query, file }) => importer.run(user.id, file?.path ? { path: file.path, size: file.size } : undefined, file?.originalname ?? '', query.dryRun, districtScope(user)),
  });

  routes.define({
    method: 'get',
    path: '/api/talents',
    summary: 'Search the talent database (a full ID number in q finds that person); district staff search their district',
    tag: 'talent office',
    access: ['office', 'district'],
    query: talentListQuery,
    response: talentPage,
    handler: ({ query, user }) => office.search(query, districtScope(user)),
  });

  routes.define({
    method: 'post',
    path: '/api/talents/:id/verify',
    summary: 'Verify a record (it then counts toward the target); audited',
    tag: 'talent office',
    access: ['office', 'district'],
    params: talentIdParams,
    response: practitionerOfficeView,
    errors: [404],
    handler: ({ user, params }) => office.verify(user.id, params.id, districtScope(user)),
  });

  routes.define({
    method: 'post',
    path: '/api/talents/:id/reject',
    summary: 'Reject a record with a reason the practitioner sees; audited',
    tag: 'talent office',
    access: ['office', 'district'],
    params: talentIdParams,
    body: rejectTalentInput,
    response: practitionerOfficeView,
    errors: [404, 409],
    handler: ({ user, params, body }) => office.reject(user.id, params.id, body.reason, districtScope(user)),
  });

  routes.define({
    method: 'patch',
    path: '/api/talents/:id',
    summary: 'Set the tier or deactivate a record; audited',
    tag: 'talent office',
    access: ['office', 'district'],
    params: talentIdParams,
    body: patchTalentInput,
    response: practitionerOfficeView,
    errors: [404],
    handler: ({ user, params, body }) => office.patch(user.id, params.id, body, districtScope(user)),
  });
}
