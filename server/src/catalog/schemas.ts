import { z } from '../platform/zod';
import { CATEGORIES } from '../reference/vocabulary';
import { COURSE_CATEGORIES, DELIVERY_MODES } from './courseFile';

export const courseListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  category: z.enum(COURSE_CATEGORIES).optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
});
export type CourseListQuery = z.infer<typeof courseListQuery>;

export const courseCodeParams = z.object({ code: z.string().regex(/^[A-Z][A-Z0-9-]{2,31}$/, '课程代码格式不正确') });

/** What anyone sees of a course. */
export const courseView = z
  .object({
    code: z.string(),
    title: z.string(),
    summary: z.string(),
    category: z.enum(COURSE_CATEGORIES),
    creditHours: z.number(),
    deliveryMode: z.enum(DELIVERY_MODES),
    topics: z.array(z.string()),
    audience: z.array(z.enum(CATEGORIES.values)),
    outline: z.array(z.object({ title: z.string(), hours: z.number(), description: z.string().optional() })),
    status: z.enum(['active', 'archived']),
  })
  .openapi('Course');
export type CourseView = z.infer<typeof courseView>;

export const courseList = z.object({ items: z.array(courseView), total: z.number().int() }).openapi('CourseList');
