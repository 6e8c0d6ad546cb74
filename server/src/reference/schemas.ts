import { z } from '../platform/zod';
import { VOCABULARIES } from './vocabulary';

const option = z.object({ value: z.string(), label: z.string() });
const vocabularyLists = Object.fromEntries(Object.keys(VOCABULARIES).map((name) => [name, z.array(option)])) as Record<keyof typeof VOCABULARIES, z.ZodArray<typeof option>>;

/** Districts and every vocabulary the API speaks, each value with its Chinese label. */
export const referenceView = z
  .object({
    districts: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['district', 'county', 'autonomous_county']) })),
    ...vocabularyLists,
  })
  .openapi('Reference');
