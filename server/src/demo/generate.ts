import { createLogger } from '../platform/logger';
import { createHash } from 'node:crypto';
import type { Config } from '../config';
import { createServices } from '../modules';
import type { AccountService } from '../accounts/service';
import { hashPassword } from '../accounts/password';
import { ManualClock } from '../platform/clock';
import type { Database } from '../platform/db';
import { shanghaiDate } from '../platform/time';
import { DISTRICTS } from '../reference/districts';
import { creditCodeCheckChar } from '../agencies/creditCode';
import type { ServiceType } from '../reference/vocabulary';
import { rebuildAggregates } from '../stats/rebuild';
import { checkCharacter, hashIdNumber, maskIdNumber } from '../talent/idNumber';

/** A small deterministic PRNG (mulberry32): the same seed gives the same data set every time. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    weighted: <T extends string>(table: Record<T, number>): T => {
      const entries = Object.entries(table) as [T, number][];
      let r = next() * entries.reduce((s, [, w]) => s + w, 0);
      for (const [k, w] of entries) if ((r -= w) < 0) return k;
      return entries[entries.length - 1][0];
    },
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国志文晓东海波宇浩鑫婷雪琳颖欣怡凯俊杰宏峰丹倩蕾雯倩佳睿思源博涵子轩梓萱诗琪晨阳';
const URBAN_WEIGHT: Record<string, number> = { '500112': 14, '500103': 10, '500105': 9, '500107': 9, '500108': 8, '500106': 8, '500113': 5, '500109': 4, '500104': 3, '500116': 3, '500117': 3, '500118': 3, '500101': 3, '500102': 3, '500120': 2 };
const DISTRICT_WEIGHTS = Object.fromEntries(DISTRICTS.map((d) => [d.code, URBAN_WEIGHT[d.code] ?? (d.kind === 'district' ? 1.2 : 0.6)]));
const CATEGORY_WEIGHTS = { agent: 24, corporate_manager: 28, lawyer: 9, consultant: 8, evaluator: 4, insurance: 2, analyst: 7, administrator: 8, educator: 6, other: 4 };
const ORG_FOR: Record<string, Record<string, number>> = {
  agent: { service_agency: 90, law_firm: 10 },
  lawyer: { law_firm: 90, service_agency: 10 },
  consultant: { service_agency: 70, enterprise: 30 },
  evaluator: { service_agency: 80, other: 20 },
  insurance: { enterprise: 100 },
  analyst: { service_agency: 50, research_institute: 30, enterprise: 20 },
  corporate_manager: { enterprise: 100 },
  administrator: { government: 100 },
  educator: { university: 80, research_institute: 20 },
  other: { enterprise: 40, other: 60 },
};
const ORG_NAMES: Record<string, string[]> = {
  service_agency: ['知识产权代理有限公司', '专利事务所', '知识产权服务有限公司', '商标事务所'],
  law_firm: ['律师事务所'],
  enterprise: ['科技股份有限公司', '汽车零部件有限公司', '电子科技有限公司', '生物医药有限公司', '智能装备有限公司'],
  university: ['大学', '学院'],
  research_institute: ['研究院', '研究所'],
  government: ['知识产权局', '市场监督管理局'],
  other: ['知识产权协会', '技术转移中心'],
};
const AGENCY_NAMES: [string, ServiceType[]][] = [
  ['知识产权代理有限公司', ['agency', 'consulting']],
  ['专利事务所', ['agency']],
  ['商标事务所', ['agency', 'legal']],
  ['知识产权服务有限公司', ['agency', 'information', 'consulting']],
  ['知识产权运营有限公司', ['commercialization', 'consulting']],
  ['知识产权评估有限公司', ['evaluation', 'consulting']],
  ['知识产权信息服务中心', ['information', 'training']],
  ['知识产权培训中心', ['training']],
];
const CITY_WORDS = ['渝', '巴', '两江', '山城', '嘉陵', '长江', '缙云', '歌乐', '南山', '朝天', '西部', '科学城'];

export interface DemoOptions {
  practitioners: number;
  /** Service agencies beyond one per district (default 180, so about 200 in all). */
  agencies?: number;
  /** Extra external credit records per verified practitioner and year (the scale set uses this). */
  creditRecordsPerPerson?: number;
  /** Completed classes over the past 24 months, and classes open for sign-up (the first over-full). */
  pastClasses?: number;
  upcomingClasses?: number;
  seed?: number;
  /** The moment the data set is generated at (default: now); tests pin it to a time of day. */
  now?: Date;
  log?: (msg: string) => void;
}

export const DEMO_PASSWORD = 'demo1234';

/**
 * A valid ID number unique to index i: the 3-digit sequence is i mod 1000 and the birth date a
 * permutation of i / 1000 over 1962–2000 (17 is coprime with the 14,235 days), so no two collide.
 */
function idNumberFor(district: string, i: number): string {
  const day = (Math.floor(i / 1000) * 17) % 14235;
  const birth = new Date(Date.UTC(1962, 0, 1) + day * 86400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${district}${birth}${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

async function bulk(db: Database, model: string, rows: object[], batch = 1000) {
  const m = db.sequelize.model(model);
  for (let i = 0; i < rows.length; i += batch) {
    await db.writeTransaction((transaction) => m.bulkCreate(rows.slice(i, i + batch) as never[], { hooks: false, validate: false, transaction }));
  }
}

/**
 * Fills an empty database with a realistic, deterministic data set: staff, practitioners across the 38
 * districts, 24 months of growth, past classes with attendance, completions, credits and certificates,
 * claims, and upcoming classes open for sign-up.
 */
export async function generateDemo(db: Database, config: Config, options: DemoOptions): Promise<{ staff: { role: string; phone: string }[] }> {
  const log = options.log ?? (() => {});
  const r = rng(options.seed ?? 20201231);
  const now = options.now ?? new Date();
  const clock = new ManualClock(now);
  const services = createServices({ config, db, clock, logger: createLogger('silent') });
  const catalog = await services.catalog.syncFolder(config.coursesDir);
  if (!catalog.report) throw new Error('the course catalog has problems: run npm run courses:check');

  // --- staff -------------------------------------------------------------------------------
  const staff: { role: string; phone: string }[] = [];
  const makeStaff = async (accounts: AccountService, role: 'trainer' | 'office' | 'district' | 'admin', phone: string, name: string, districtCode: string | null = null) => {
    if (role === 'admin') await accounts.ensureAdmin(phone, DEMO_PASSWORD);
    else await db.sequelize.model('User').create({ phone, passwordHash: await hashPassword(DEMO_PASSWORD), name, role, wechatOpenId: null, districtCode });
    staff.push({ role, phone });
  };
  await makeStaff(services.accounts, 'admin', '13800000000', '系统管理员');
  for (const [i, name] of ['刘培训', '陈教务', '杨讲师'].entries()) await makeStaff(services.accounts, 'trainer', `1380000001${i}`, name);
  for (const [i, name] of ['周人才', '吴统计'].entries()) await makeStaff(services.accounts, 'office', `1380000002${i}`, name);
  // District offices: 渝北区, 渝中区, 万州区 (README lists them).
  for (const [i, [name, code]] of [['郑渝北', '500112'], ['孙渝中', '500103'], ['钱万州', '500101']].entries()) await makeStaff(services.accounts, 'district', `1380000003${i}`, name, code);
  const trainerId = ((await db.sequelize.model('User').findOne({ where: { phone: '13800000010' } }))!.get('id')) as number;

  // --- service agencies: at least one in each of the 38 districts, most in the main urban area -----
  // Their own random stream, so the practitioners drawn below stay the same with or without them.
  const ra = rng((options.seed ?? 20201231) + 1);
  const lastYear = Number(shanghaiDate(now).slice(0, 4)) - 1;
  const agencies: { creditCode: string; name: string; district: string; status: string }[] = [];
  const agencyRows: object[] = [];
  const agencyDistricts = [...DISTRICTS.map((d) => d.code), ...Array.from({ length: options.agencies ?? 180 }, () => ra.weighted(DISTRICT_WEIGHTS))];
  for (const [k, district] of agencyDistricts.entries()) {
    const first17 = `91${district}MA${String(k + 1).padStart(7, '0')}`;
    const creditCode = first17 + creditCodeCheckChar(first17);
    const [suffix, serviceTypes] = ra.pick(AGENCY_NAMES);
    const name = `重庆${ra.pick(CITY_WORDS)}${ra.pick(['智', '创', '博', '信', '恒', '正', '华', '远'])}${ra.pick(['诚', '达', '知', '方', '泰', '源', '联', '航'])}${suffix}`;
    const status = ra.weighted({ verified: 84, pending: 8, rejected: 3, inactive: 5 });
    const registeredAt = new Date(now.getTime() - ra.int(30, 900) * 86400_000);
    // Revenue of last year, skewed as real firms are: most a few hundred 万, a few over a thousand 万.
    const revenueYuan = status === 'rejected' || ra.next() < 0.1 ? null : Math.round(Math.exp(ra.next() * 4.2) * 150_000 / 1000) * 1000;
    agencies.push({ creditCode, name, district, status });
    agencyRows.push({
      name,
      creditCode,
      serviceTypes,
      district,
      address: `重庆市${DISTRICTS.find((d) => d.code === district)!.name}${ra.pick(CITY_WORDS)}路 ${ra.int(1, 999)} 号`,
      contactName: ra.pick([...SURNAMES]) + ra.pick([...GIVEN]),
      contactPhone: `023-${ra.int(60000000, 69999999)}`,
      revenueYear: revenueYuan === null ? null : lastYear,
      revenueYuan,
      status,
      rejectReason: status === 'rejected' ? '营业执照信息与登记不一致' : null,
      verifiedAt: status === 'verified' || status === 'inactive' ? new Date(registeredAt.getTime() + ra.int(1, 20) * 86400_000) : null,
      source: ra.next() < 0.7 ? 'import' : 'office',
      createdAt: registeredAt,
      updatedAt: registeredAt,
    });
  }
  await bulk(db, 'ServiceAgency', agencyRows);
  log(`service agencies: ${agencyRows.length}`);
  const agenciesIn = new Map<string, typeof agencies>();
  for (const a of agencies) if (a.status !== 'rejected') agenciesIn.set(a.district, [...(agenciesIn.get(a.district) ?? []), a]);

  // --- practitioners: 40% signed up themselves, 60% imported by the office ---------------------
  log(`practitioners: ${options.practitioners}`);
  const sharedHash = await hashPassword(DEMO_PASSWORD);
  const users: object[] = [];
  const people: object[] = [];
  const monthsBack = 24;
  for (let i = 1; i <= options.practitioners; i++) {
    const district = r.weighted(DISTRICT_WEIGHTS);
    const category = r.weighted(CATEGORY_WEIGHTS);
    const orgType = r.weighted(ORG_FOR[category]);
    const idNumber = idNumberFor(district, i);
    // The first three are always verified accounts, so the README's example sign-in works.
    const self = r.next() < 0.4 || i <= 3;
    const drawn = r.weighted({ verified: 82, pending: 9, rejected: 3, inactive: 6 });
    const status = i <= 3 ? 'verified' : drawn;
    // Growth: later months verify more people (a rising line toward the target).
    const ago = Math.floor(monthsBack * Math.pow(r.next(), 1.3));
    const verifiedAt = new Date(now.getTime() - ago * 30.4 * 86400_000 - r.int(0, 20) * 86400_000);
    const name = r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.next() < 0.6 ? r.pick([...GIVEN]) : '');
    const titleLevel = r.weighted({ none: 35, junior: 20, intermediate: 28, associate_senior: 12, senior: 5 });
    const userId = self ? users.length + 1000 : null;
    // Most who work at a service agency name it by its credit code (which links their record to it).
    const drawnOrgName = `重庆${r.pick(CITY_WORDS)}${r.pick(ORG_NAMES[orgType])}`;
    const agency = orgType === 'service_agency' && ra.next() < 0.85 ? (agenciesIn.get(district) ?? [])[ra.int(0, (agenciesIn.get(district)?.length ?? 1) - 1)] : undefined;
    if (self) users.push({ id: userId, phone: `135${String(i).padStart(8, '0')}`, passwordHash: sharedHash, name, role: 'practitioner', wechatOpenId: null, createdAt: verifiedAt, updatedAt: verifiedAt });
    people.push({
      id: i,
      userId,
      name,
      idHash: hashIdNumber(idNumber, config.idHashKey),
      idMasked: maskIdNumber(idNumber),
      gender: Number(idNumber[16]) % 2 ? 'male' : 'female',
      birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      district,
      orgName: agency?.name ?? drawnOrgName,
      orgType,
      category,
      ipFields: r.next() < 0.5 ? ['patent'] : r.next() < 0.5 ? ['patent', 'trademark'] : [r.pick(['trademark', 'copyright', 'trade_secret', 'geographical_indication'])],
      titleLevel,
      // Records from before the form asked for education and series (imported early) have neither.
      titleSeries: titleLevel === 'none' || r.next() < 0.1 ? null : r.weighted({ ip: 38, engineering: 30, economics: 14, law: 12, other: 6 }),
      education: r.next() < 0.08 ? null : r.weighted({ secondary: 2, associate: 12, bachelor: 52, master: 29, doctorate: 5 }),
      ipDegree: r.next() < (category === 'agent' || category === 'lawyer' ? 0.3 : 0.12),
      agencyCreditCode: agency?.creditCode ?? null,
      qualifications: category === 'agent' ? ['专利代理师资格证'] : category === 'lawyer' ? ['律师执业证'] : [],
      email: null,
      tier: r.weighted({ none: 92, senior_engineer: 5, high_level: 2.4, leading: 0.6 }),
      status,
      rejectReason: status === 'rejected' ? '工作单位信息无法核实' : null,
      verifiedAt: status === 'verified' || status === 'inactive' ? verifiedAt : null,
      // Some who signed up had been imported first and claimed their record.
      source: self && (r.next() >= 0.3 || i <= 3) ? 'self' : 'import',
      createdAt: new Date(verifiedAt.getTime() - 3 * 86400_000),
      updatedAt: verifiedAt,
    });
  }
  await bulk(db, 'User', users);
  await bulk(db, 'Practitioner', people);
  const verifiedSelf = (people as { id: number; userId: number | null; status: string }[]).filter((p) => p.userId !== null && p.status === 'verified');

  // --- ledger history: hours from elsewhere, so compliance looks like a real year ------------
  const perPerson = options.creditRecordsPerPerson ?? 0;
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  if (perPerson > 0) {
    log(`credit records: about ${perPerson} per practitioner`);
    let batch: object[] = [];
    let seq = 0;
    // The scale set spreads ten records over five years; the demo puts its few in the last two.
    const years = perPerson >= 10 ? 5 : 2;
    for (const p of people as { id: number }[]) {
      for (let k = 0; k < perPerson; k++) {
        const year = thisYear - (k % years);
        const month = String(r.int(1, year === thisYear ? Number(shanghaiDate(now).slice(5, 7)) : 12)).padStart(2, '0');
        batch.push({
          practitionerId: p.id,
          year,
          date: `${year}-${month}-15`,
          hours: r.pick(years === 2 ? [16, 24, 32, 40] : [4, 6, 8, 12, 16, 24]),
          category: r.next() < 0.7 ? 'professional' : 'public',
          source: 'external',
          sourceKey: `demo:${++seq}`,
          title: r.pick(['专利代理实务研修', '知识产权保护专题讲座', '企业知识产权合规培训', '商标实务培训', '公需科目网络学习']),
          certificateCode: null,
          note: null,
          createdBy: null,
          // Recorded in the month it is dated: a past year's report counts what was recorded by its end.
          createdAt: new Date(Math.min(now.getTime(), new Date(`${year}-${month}-15T10:00:00+08:00`).getTime())),
        });
        if (batch.length >= 2000) {
          await bulk(db, 'CreditRecord', batch, 2000);
          batch = [];
        }
      }
    }
    await bulk(db, 'CreditRecord', batch, 2000);
  }
  log('aggregates');
  await rebuildAggregates(db);

  // --- classes: the past 24 months completed, the next ones open --------------------------
  const courses = await services.catalog.list({ status: 'active' });
  const classCount = options.pastClasses ?? 30;
  const upcoming = options.upcomingClasses ?? 6;
  log(`classes: ${classCount} past, ${upcoming} upcoming`);
  for (let c = 0; c < classCount + upcoming; c++) {
    const past = c < classCount;
    const course = courses[c % courses.length];
    const startOffsetDays = past ? -Math.round(((classCount - c) / classCount) * 700) : 10 + (c - classCount) * 9;
    const start = new Date(now.getTime() + startOffsetDays * 86400_000);
    const days = Math.max(1, Math.min(4, Math.ceil(course.creditHours / 8)));
    const end = new Date(start.getTime() + (days - 1) * 86400_000);
    const opens = new Date(start.getTime() - 30 * 86400_000);
    clock.set(opens);
    const capacity = r.pick([30, 40, 50, 60]);
    const cls = await services.classes.create(trainerId, {
      courseCode: course.code,
      title: `${shanghaiDate(start).slice(0, 7).replace('-', ' 年 ')} 月 · ${course.title}`.slice(0, 100),
      location: r.pick(['国家知识产权培训（重庆）基地 第一教室', '重庆市渝北区知识产权服务中心 报告厅', '线上直播', '两江新区知识产权运营中心 多功能厅']),
      startDate: shanghaiDate(start),
      endDate: shanghaiDate(end),
      capacity,
      enrollOpensAt: opens,
      enrollClosesAt: new Date(start.getTime() - 2 * 86400_000),
      cancelDeadline: new Date(start.getTime() - 5 * 86400_000),
      // Some upcoming classes need approval; never the over-full one, which shows a waitlist.
      requiresApproval: !past && c > classCount && (c - classCount) % 3 === 1,
    });
    const sessionIds: number[] = [];
    let lastSessionEnd = start;
    for (let d = 0; d < days; d++) {
      const at = new Date(Date.UTC(Number(shanghaiDate(start).slice(0, 4)), Number(shanghaiDate(start).slice(5, 7)) - 1, Number(shanghaiDate(start).slice(8, 10)) + d, 1, 0));
      const s = await services.classes.addSession(trainerId, cls.id, { startsAt: at, endsAt: new Date(at.getTime() + 7 * 3600_000), topic: course.outline[d % course.outline.length].title.slice(0, 100) });
      sessionIds.push(s.id);
      lastSessionEnd = new Date(at.getTime() + 7 * 3600_000);
    }
    // Sign-ups: up to capacity for past classes; upcoming ones partly full, one over-full with a waitlist.
    const wanted = past ? capacity - r.int(0, 8) : c === classCount ? capacity + 6 : r.int(5, capacity - 5);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(wanted, verifiedSelf.length)) chosen.add(r.int(0, verifiedSelf.length - 1));
    clock.set(new Date(opens.getTime() + 86400_000));
    for (const idx of chosen) await services.enrollment.enroll(verifiedSelf[idx].userId!, cls.id);
    if (!past) continue;
    // Attendance, then completion on the last day.
    const enrolled = await services.enrollment.enrolledPractitionerIds(cls.id);
    const marks: object[] = [];
    for (const sessionId of sessionIds) {
      for (const practitionerId of enrolled) {
        const status = r.weighted({ present: 88, late: 6, absent: 4, excused: 2 });
        marks.push({ sessionId, practitionerId, status, checkedInAt: status === 'present' || status === 'late' ? start : null, markedBy: null, createdAt: start, updatedAt: start });
      }
    }
    await bulk(db, 'Attendance', marks);
    // Completed two hours after the last session ends (sessions are placed by Shanghai date, so
    // `end`, which keeps the generator's time of day, can fall before them).
    clock.set(new Date(lastSessionEnd.getTime() + 2 * 3600_000));
    await services.completion.complete(trainerId, cls.id);
  }

  // --- claims -------------------------------------------------------------------------------
  log('claims');
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), createHash('sha256').update('demo').digest()]);
  clock.set(now);
  const officeId = ((await db.sequelize.model('User').findOne({ where: { phone: '13800000020' } }))!.get('id')) as number;
  for (let k = 0; k < Math.min(60, verifiedSelf.length); k++) {
    const p = verifiedSelf[r.int(0, verifiedSelf.length - 1)];
    const date = shanghaiDate(new Date(now.getTime() - r.int(5, 300) * 86400_000));
    const claim = await services.credits
      .submitClaim(p.userId!, { title: r.pick(['全国专利代理师继续教育', '知识产权法律实务研讨会', '高价值专利培育培训班', '公需科目在线学习']), provider: r.pick(['中华全国专利代理师协会', '重庆市知识产权局', '西南政法大学', '重庆市律师协会']), date, hours: r.pick([4, 6, 8, 12]), category: r.next() < 0.7 ? 'professional' : 'public' }, png)
      .catch(() => null);
    if (!claim) continue;
    const decision = r.weighted({ pending: 35, approve: 50, reject: 15 });
    if (decision === 'approve') await services.credits.approveClaim(officeId, claim.id, undefined);
    if (decision === 'reject') await services.credits.rejectClaim(officeId, claim.id, '证明材料与申报内容不符');
  }
  return { staff };
}
