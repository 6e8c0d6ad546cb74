import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { readCatalog } from '../src/catalog/courseFile';
import { auth, createTestApp, type TestApp } from './helpers/testApp';

const REAL_COURSES = path.resolve(__dirname, '../../courses');

function courseFolder(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqip-courses-'));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : YAML.stringify(content));
  }
  return dir;
}

const course = (code: string, overrides: Record<string, unknown> = {}) => ({
  code,
  title: '测试课程标题',
  summary: '这是一门用于测试课程目录同步功能的课程，内容完整。',
  category: 'professional',
  creditHours: 6,
  deliveryMode: 'offline',
  topics: ['专利', '商标', '版权'],
  audience: ['agent'],
  outline: [
    { title: '第一单元', hours: 2 },
    { title: '第二单元', hours: 2 },
    { title: '第三单元', hours: 2 },
  ],
  ...overrides,
});

describe('the course files', () => {
  it('ships at least 12 valid courses, public and professional', () => {
    const { courses, problems } = readCatalog(REAL_COURSES);
    expect(problems).toEqual([]);
    expect(courses.length).toBeGreaterThanOrEqual(12);
    expect(courses.some((c) => c.course.category === 'public')).toBe(true);
    expect(courses.filter((c) => c.course.category === 'professional').length).toBeGreaterThanOrEqual(10);
  });

  it('names the file and field of every problem', () => {
    const dir = courseFolder({
      'CQIP-A-1.yaml': course('CQIP-A-1', { creditHours: 7 }),
      'CQIP-B-1.yaml': course('CQIP-B-1', { category: 'elective', audience: ['wizard'] }),
      'CQIP-C-1.yaml': course('CQIP-X-1'),
      'CQIP-D-1.yaml': 'code: [unclosed',
      'CQIP-E-1.yaml': course('CQIP-E-1', { tilte: 'typo' }),
    });
    const { problems } = readCatalog(dir);
    const found = problems.map((p) => `${p.file}|${p.field}`);
    expect(found).toEqual(
      expect.arrayContaining(['CQIP-A-1.yaml|creditHours', 'CQIP-B-1.yaml|category', 'CQIP-B-1.yaml|audience.0', 'CQIP-C-1.yaml|code', 'CQIP-D-1.yaml|(file)', 'CQIP-E-1.yaml|(root)']),
    );
    expect(problems.find((p) => p.file === 'CQIP-A-1.yaml')!.message).toMatch(/7.*6/);
  });
});

describe('syncing the catalog', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates, updates and archives, and changes nothing when any file is broken', async () => {
    const catalog = t.app.services.catalog;
    const first = await catalog.syncFolder(courseFolder({ 'CQIP-A-1.yaml': course('CQIP-A-1'), 'CQIP-B-1.yaml': course('CQIP-B-1') }));
    expect(first.report).toMatchObject({ created: ['CQIP-A-1', 'CQIP-B-1'], updated: [] });
    // The real catalog, synced when the test app started, is not in this folder: archived.
    expect(first.report!.archived).toContain('CQIP-PAT-101');

    const broken = await catalog.syncFolder(courseFolder({ 'CQIP-A-1.yaml': course('CQIP-A-1', { title: '改过的标题文字' }), 'CQIP-C-1.yaml': 'nope: [' }));
    expect(broken.report).toBeNull();
    expect(broken.problems).toHaveLength(1);
    const a = await t.request.get('/api/courses/CQIP-A-1').expect(200);
    expect(a.body.title).toBe('测试课程标题');

    const second = await catalog.syncFolder(courseFolder({ 'CQIP-A-1.yaml': course('CQIP-A-1', { title: '改过的标题文字' }) }));
    expect(second.report).toMatchObject({ created: [], updated: ['CQIP-A-1'], archived: ['CQIP-B-1'], unchanged: 0 });
    const list = await t.request.get('/api/courses').expect(200);
    expect(list.body.items.map((c: { code: string }) => c.code)).toEqual(['CQIP-A-1']);
    const archived = await t.request.get('/api/courses/CQIP-B-1').expect(200);
    expect(archived.body.status).toBe('archived');

    const back = await catalog.syncFolder(REAL_COURSES);
    expect(back.report!.updated).toContain('CQIP-PAT-101');
    expect(back.report!.archived.sort()).toEqual(['CQIP-A-1']);
  });

  it('keeps an archived course that classes refer to, and refuses new classes for it', async () => {
    const { cls, trainerToken } = await t.openClass({ courseCode: 'CQIP-TM-101' });
    const files = Object.fromEntries(
      fs.readdirSync(REAL_COURSES).filter((f) => f.endsWith('.yaml') && f !== 'CQIP-TM-101.yaml').map((f) => [f, fs.readFileSync(path.join(REAL_COURSES, f), 'utf8')]),
    );
    const report = await t.app.services.catalog.syncFolder(courseFolder(files));
    expect(report.report!.archived).toEqual(['CQIP-TM-101']);
    const still = await t.request.get(`/api/classes/${cls.id}`).expect(200);
    expect(still.body.courseCode).toBe('CQIP-TM-101');
    const refused = await t.request.post('/api/classes').set(auth(trainerToken)).send({ ...(await import('./helpers/testApp')).classBody({ courseCode: 'CQIP-TM-101' }) }).expect(409);
    expect(refused.body.error.code).toBe('COURSE_ARCHIVED');
    await t.app.services.catalog.syncFolder(REAL_COURSES);
  });
});

describe('GET /api/courses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists, searches by text and filters by category', async () => {
    const all = await t.request.get('/api/courses').expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(12);
    const pub = await t.request.get('/api/courses?category=public').expect(200);
    expect(pub.body.items.length).toBeGreaterThan(0);
    expect(pub.body.items.every((c: { category: string }) => c.category === 'public')).toBe(true);
    const search = await t.request.get(`/api/courses?q=${encodeURIComponent('商标')}`).expect(200);
    expect(search.body.items.map((c: { code: string }) => c.code)).toContain('CQIP-TM-101');
    const none = await t.request.get(`/api/courses?q=${encodeURIComponent('不存在的关键词xyz')}`).expect(200);
    expect(none.body).toEqual({ items: [], total: 0 });
    await t.request.get('/api/courses?category=elective').expect(400);
  });

  it('shows a course with its upcoming classes, and 404 for an unknown code', async () => {
    const { cls } = await t.openClass();
    const res = await t.request.get('/api/courses/CQIP-PAT-101').expect(200);
    expect(res.body).toMatchObject({ code: 'CQIP-PAT-101', category: 'professional', deliveryMode: expect.any(String) });
    expect(res.body.outline.length).toBeGreaterThanOrEqual(3);
    expect(res.body.upcomingClasses).toEqual([expect.objectContaining({ id: cls.id, seatsLeft: 20, waitlistCount: 0, status: 'open' })]);
    const missing = await t.request.get('/api/courses/CQIP-NOPE-1').expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
