import type { Routes } from '../platform/http/route';
import { DISTRICTS } from './districts';
import { referenceView } from './schemas';
import { VOCABULARIES } from './vocabulary';

export function registerReferenceRoutes(routes: Routes): void {
  routes.define({
    method: 'get',
    path: '/api/reference',
    summary: 'Districts and every enum the API speaks (talent record, courses, classes, enrollment, attendance, credits) with its Chinese label',
    tag: 'reference',
    access: 'public',
    response: referenceView,
    handler: async ({ ctx }) => {
      ctx.set('Cache-Control', 'public, max-age=3600');
      const lists = Object.fromEntries(Object.entries(VOCABULARIES).map(([name, vocabulary]) => [name, vocabulary.options]));
      return { districts: [...DISTRICTS], ...(lists as Record<keyof typeof VOCABULARIES, { value: string; label: string }[]>) };
    },
  });
}
