import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from '../platform/zod';
import { CATEGORIES, COURSE_CATEGORIES as COURSE_CATEGORY_VOCABULARY, DELIVERY_MODES as DELIVERY_MODE_VOCABULARY } from '../reference/vocabulary';

/** Hours are whole or half hours, so sums stay exact in floating point. */
export const halfHours = z
  .number()
  .positive()
  .max(200)
  .refine((h) => Number.isInteger(h * 2), '学时须为 0.5 的整数倍');

export const COURSE_CATEGORIES = COURSE_CATEGORY_VOCABULARY.values;
export const DELIVERY_MODES = DELIVERY_MODE_VOCABULARY.values;

/** The schema of one file in courses/ (documented in courses/README.md). */
export const courseFileSchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9-]{2,31}$/, '课程代码须为大写字母、数字和连字符，3–32 位'),
    title: z.string().trim().min(4).max(60),
    summary: z.string().trim().min(20).max(300),
    category: z.enum(COURSE_CATEGORIES),
    creditHours: halfHours,
    deliveryMode: z.enum(DELIVERY_MODES),
    topics: z.array(z.string().trim().min(2).max(30)).min(3).max(10),
    audience: z.array(z.enum(CATEGORIES.values)).min(1).max(10),
    outline: z
      .array(
        z.strictObject({
          title: z.string().trim().min(2).max(60),
          hours: halfHours,
          description: z.string().trim().max(200).optional(),
        }),
      )
      .min(3)
      .max(20),
  })
  .strict()
  .superRefine((course, ctx) => {
    const sum = course.outline.reduce((acc, unit) => acc + unit.hours, 0);
    if (sum !== course.creditHours) {
      ctx.addIssue({ code: 'custom', path: ['creditHours'], message: `学时 ${course.creditHours} 与大纲学时之和 ${sum} 不一致` });
    }
  });

export type CourseFile = z.infer<typeof courseFileSchema>;

export interface CatalogProblem {
  file: string;
  field: string;
  message: string;
}

export interface LoadedCourse {
  file: string;
  course: CourseFile;
  /** Changes whenever anything in the file's meaning changes: sync skips unchanged courses. */
  contentHash: string;
}

export interface CatalogReadResult {
  courses: LoadedCourse[];
  problems: CatalogProblem[];
}

const COURSE_FILE = /\.(ya?ml|json)$/i;

/** Reads and validates every course file; every problem is reported with its file and field. */
export function readCatalog(dir: string): CatalogReadResult {
  const courses: LoadedCourse[] = [];
  const problems: CatalogProblem[] = [];
  if (!fs.existsSync(dir)) return { courses, problems: [{ file: dir, field: '(folder)', message: '课程目录不存在' }] };
  const files = fs.readdirSync(dir).filter((f) => COURSE_FILE.test(f)).sort();
  const seen = new Map<string, string>();
  for (const file of files) {
    let data: unknown;
    try {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      data = file.toLowerCase().endsWith('.json') ? JSON.parse(text) : YAML.parse(text, { prettyErrors: true });
    } catch (err) {
      problems.push({ file, field: '(file)', message: `无法解析：${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    const parsed = courseFileSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file, field: issue.path.join('.') || '(root)', message: issue.message });
      continue;
    }
    const course = parsed.data;
    const expectedName = file.replace(COURSE_FILE, '');
    if (expectedName !== course.code) {
      problems.push({ file, field: 'code', message: `课程代码 ${course.code} 与文件名 ${expectedName} 不一致` });
      continue;
    }
    const duplicate = seen.get(course.code);
    if (duplicate) {
      problems.push({ file, field: 'code', message: `课程代码 ${course.code} 与 ${duplicate} 重复` });
      continue;
    }
    seen.set(course.code, file);
    courses.push({ file, course, contentHash: createHash('sha256').update(JSON.stringify(course)).digest('hex') });
  }
  if (files.length === 0) problems.push({ file: dir, field: '(folder)', message: '课程目录中没有课程文件' });
  return { courses, problems };
}
