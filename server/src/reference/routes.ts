import type { Routes } from '../platform/http/route';
import { DISTRICTS } from './districts';
import { referenceView } from './schemas';
import { CATEGORIES, GENDERS, IP_FIELDS, ORG_TYPES, RECORD_STATUSES, TIERS, TITLE_LEVELS } from './vocabulary';

export function registerReferenceRoutes(routes: Routes): void {
  routes.define({
    method: 'get',
    path: '/api/reference',
    summary: 'Districts and every enum of the talent record with its Chinese label',
    tag: 'reference',
    access: 'public',
    response: referenceView,
    handler: async ({ ctx }) => {
      ctx.set('Cache-Control', 'public, max-age=3600');
      return {
        districts: [...DISTRICTS],
        orgTypes: ORG_TYPES.options,
        categories: CATEGORIES.options,
        ipFields: IP_FIELDS.options,
        titleLevels: TITLE_LEVELS.options,
        tiers: TIERS.options,
        genders: GENDERS.options,
        recordStatuses: RECORD_STATUSES.options,
      };
    },
  });
}
