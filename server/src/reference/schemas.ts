import { z } from '../platform/zod';

const option = z.object({ value: z.string(), label: z.string() });

export const referenceView = z
  .object({
    districts: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['district', 'county', 'autonomous_county']) })),
    orgTypes: z.array(option),
    categories: z.array(option),
    ipFields: z.array(option),
    titleLevels: z.array(option),
    tiers: z.array(option),
    genders: z.array(option),
    recordStatuses: z.array(option),
  })
  .openapi('Reference');
