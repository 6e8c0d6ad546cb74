import { z } from '../platform/zod';
import { COURSE_CATEGORIES } from '../reference/vocabulary';

export const certificateCodeParams = z.object({ code: z.string().trim().toUpperCase().max(32) });

/** What anyone holding the code sees: enough to verify, never the full name or any ID data. */
export const certificatePublicView = z
  .object({
    /** False once withdrawn (an undone completion). */
    valid: z.boolean(),
    revokedAt: z.date().nullable(),
    code: z.string(),
    holderName: z.string().openapi({ example: '张*三' }),
    courseTitle: z.string(),
    classTitle: z.string(),
    hours: z.number(),
    issuedAt: z.date(),
  })
  .openapi('CertificatePublic');

/** What the holder sees of their own certificates. */
export const certificateOwnView = z
  .object({
    code: z.string(),
    holderName: z.string(),
    courseTitle: z.string(),
    classTitle: z.string(),
    hours: z.number(),
    category: z.enum(COURSE_CATEGORIES.values),
    issuedAt: z.date(),
    revokedAt: z.date().nullable(),
    verifyUrl: z.string(),
  })
  .openapi('CertificateOwn');
export const myCertificatesView = z.object({ items: z.array(certificateOwnView) }).openapi('MyCertificates');
