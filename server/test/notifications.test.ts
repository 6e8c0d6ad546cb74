import { auth, createTestApp, makeIdNumber, profileBody, type TestApp } from './helpers/testApp';

/**
 * 消息: every event of the issue gives each recipient exactly one inbox entry, written with the change
 * (a refused change writes none), and the inbox API: list, unread, mark one or all read.
 */
let t: TestApp;
let office: { token: string; user: { id: number } };
const APPROVED_TEMPLATE = 'tmplApproved0001';
const PROMOTED_TEMPLATE = 'tmplPromoted0001';
beforeAll(async () => {
  t = await createTestApp({ env: { WECHAT_TEMPLATE_ENROLLMENT_APPROVED: APPROVED_TEMPLATE, WECHAT_TEMPLATE_WAITLIST_PROMOTED: `${PROMOTED_TEMPLATE}|thing4=title,thing5=body,date6=time` } });
  office = await t.userWithRole('office');
});
afterAll(() => t.close());

interface Entry {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
}

async function inbox(token: string, query = ''): Promise<Entry[]> {
  return (await t.request.get(`/api/me/notifications${query}`).set(auth(token)).expect(200)).body.items;
}
const kinds = async (token: string) => (await inbox(token)).map((e) => e.kind).reverse();
const outboxRows = async (where: Record<string, unknown> = {}) => (await t.db.sequelize.model('OutboxMessage').findAll({ where, raw: true })) as unknown as Record<string, unknown>[];

describe('each event gives each recipient one entry', () => {
  it('sign-up placed (seat, waitlist), promoted from the waitlist when a seat frees', async () => {
    const { cls } = await t.openClass({ capacity: 1 });
    const [a, b] = await t.seedPractitioners(2);
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(a.token)).expect(201);
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(b.token)).expect(201);
    // signing up again answers the same enrollment and tells nothing new
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(b.token)).expect(200);
    expect(await inbox(a.token)).toEqual([expect.objectContaining({ kind: 'enrollment_placed', title: '报名已提交', body: expect.stringContaining('报名成功'), link: '/pages/enrollment/mine/index', readAt: null })]);
    expect(await inbox(b.token)).toEqual([expect.objectContaining({ kind: 'enrollment_placed', body: expect.stringContaining('已进入候补，第 1 位') })]);

    await t.request.delete(`/api/classes/${cls.id}/enrollments/me`).set(auth(a.token)).expect(200);
    expect(await kinds(b.token)).toEqual(['enrollment_placed', 'waitlist_promoted']);
    expect((await inbox(b.token))[0]).toMatchObject({ title: '候补转正', body: expect.stringContaining('2026 年第一期专利代理实务班') });
    expect(await kinds(a.token)).toEqual(['enrollment_placed']);
  });

  it('approved or rejected; a refused decision writes nothing', async () => {
    const { cls, trainerToken } = await t.openClass({ requiresApproval: true });
    const [a, b] = await t.seedPractitioners(2);
    const ea = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(a.token)).expect(201);
    const eb = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(b.token)).expect(201);
    expect((await inbox(a.token))[0].body).toContain('等待培训基地审核');
    await t.request.post(`/api/enrollments/${ea.body.id}/approve`).set(auth(trainerToken)).expect(200);
    await t.request.post(`/api/enrollments/${ea.body.id}/approve`).set(auth(trainerToken)).expect(200); // again: already decided
    await t.request.post(`/api/enrollments/${eb.body.id}/reject`).set(auth(trainerToken)).send({ reason: '不符合报名条件' }).expect(200);
    await t.request.post(`/api/enrollments/${eb.body.id}/approve`).set(auth(trainerToken)).expect(409);
    expect(await kinds(a.token)).toEqual(['enrollment_placed', 'enrollment_approved']);
    expect((await inbox(a.token))[0]).toMatchObject({ title: '报名审核通过', body: expect.stringContaining('报名成功') });
    expect(await kinds(b.token)).toEqual(['enrollment_placed', 'enrollment_rejected']);
    expect((await inbox(b.token))[0].body).toContain('不符合报名条件');
  });

  it('the class changed (name, place, dates, its sessions) or cancelled: everyone signed up, once per change', async () => {
    const { cls, trainerToken, sessions, people } = await t.classWithSessions(2, 2);
    const [stranger] = await t.seedPractitioners(1);
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ capacity: 30 }).expect(200); // nothing they need to know
    for (const p of people) expect(await kinds(p.token)).toEqual(['enrollment_placed']);

    t.clock.advance(1000);
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ location: '重庆市两江新区知识产权大厦', title: '2026 年第一期专利代理实务班（调整）' }).expect(200);
    for (const p of people) {
      expect(await kinds(p.token)).toEqual(['enrollment_placed', 'class_changed']);
      expect((await inbox(p.token))[0]).toMatchObject({ title: '开班信息变更', body: '「2026 年第一期专利代理实务班（调整）」的名称、上课地点有变更，请查看最新安排。' });
    }
    t.clock.advance(1000);
    await t.request.patch(`/api/sessions/${sessions[1].id}`).set(auth(trainerToken)).send({ startsAt: '2026-03-21T14:00:00+08:00', endsAt: '2026-03-21T17:00:00+08:00' }).expect(200);
    expect((await inbox(people[0].token))[0]).toMatchObject({ kind: 'class_changed', body: expect.stringContaining('课次安排') });

    t.clock.advance(1000);
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ status: 'cancelled' }).expect(200);
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ status: 'cancelled' }).expect(409);
    for (const p of people) expect(await kinds(p.token)).toEqual(['enrollment_placed', 'class_changed', 'class_changed', 'class_cancelled']);
    expect((await inbox(people[1].token))[0]).toMatchObject({ title: '开班取消', body: expect.stringContaining('已取消') });
    expect(await inbox(stranger.token)).toEqual([]);
  });

  it('a session tomorrow: the day before, once however often the reminders run, and again when it moves to another day', async () => {
    const { trainerToken, sessions, people } = await t.classWithSessions(1, 2);
    const before = t.clock.now();
    try {
      t.clock.set('2026-03-18T20:00:00+08:00'); // two days before 20 March: not yet
      expect(await t.app.services.reminders.sessionReminders()).toBe(0);
      expect(await inbox(people[0].token)).toHaveLength(1);
      t.clock.set('2026-03-19T08:00:00+08:00');
      // other tests' classes start that day too: at least these two were told
      expect(await t.app.services.reminders.sessionReminders()).toBeGreaterThanOrEqual(2);
      t.clock.set('2026-03-19T21:00:00+08:00');
      expect(await t.app.services.reminders.sessionReminders()).toBe(0);
      for (const p of people) expect(await kinds(p.token)).toEqual(['enrollment_placed', 'session_reminder']);
      const [entry] = await inbox(people[0].token);
      expect(entry).toMatchObject({ kind: 'session_reminder', title: '明天有课', body: expect.stringContaining('2026-03-20 09:00') });
      expect(entry.body).toContain('重庆市渝北区国家知识产权培训（重庆）基地');

      // moved to the 25th: reminded again on the 24th
      t.clock.set('2026-03-19T22:00:00+08:00');
      await t.request.patch(`/api/sessions/${sessions[0].id}`).set(auth(trainerToken)).send({ startsAt: '2026-03-25T09:00:00+08:00', endsAt: '2026-03-25T12:00:00+08:00' }).expect(200);
      t.clock.set('2026-03-24T09:00:00+08:00');
      await t.app.services.reminders.tick();
      await t.app.services.reminders.tick();
      expect((await kinds(people[0].token)).filter((k) => k === 'session_reminder')).toHaveLength(2);
      expect((await inbox(people[0].token))[0].body).toContain('2026-03-25 09:00');
    } finally {
      t.clock.set(before);
    }
  });

  it('completed: the hours and the certificate code, to those who completed only', async () => {
    const { cls, sessions, trainerToken, people } = await t.classWithSessions(1, 2);
    await t.request.put(`/api/sessions/${sessions[0].id}/attendance/${people[0].practitionerId}`).set(auth(trainerToken)).send({ status: 'present' }).expect(200);
    await t.afterLastSession(cls.id, () => t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)).expect(200));
    await t.afterLastSession(cls.id, () => t.request.post(`/api/classes/${cls.id}/complete`).set(auth(trainerToken)));
    const certificates = (await t.request.get('/api/me/certificates').set(auth(people[0].token)).expect(200)).body.items;
    const done = (await inbox(people[0].token)).filter((e) => e.kind === 'completed');
    expect(done).toEqual([expect.objectContaining({ title: '结业', link: '/pages/certificates/mine/index', body: expect.stringContaining(`32 学时和结业证书（编号 ${certificates[0].code}）`) })]);
    expect((await kinds(people[1].token)).includes('completed')).toBe(false);
  });

  it('a claim approved or rejected, with the hours or the reason', async () => {
    const [p] = await t.seedPractitioners(1);
    const submit = () => {
      const req = t.request.post('/api/me/credit-claims').set(auth(p.token));
      for (const [k, v] of Object.entries({ title: '专利代理实务研修班', provider: '中华全国专利代理师协会', date: '2026-02-10', hours: 12, category: 'professional' })) req.field(k, String(v));
      return req.attach('evidence', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 32)]), 'proof.pdf').expect(201);
    };
    const first = await submit();
    const second = await submit();
    await t.request.post(`/api/credit-claims/${first.body.id}/approve`).set(auth(office.token)).send({ hours: 8 }).expect(200);
    await t.request.post(`/api/credit-claims/${second.body.id}/reject`).set(auth(office.token)).send({ reason: '非继续教育项目' }).expect(200);
    await t.request.post(`/api/credit-claims/${second.body.id}/approve`).set(auth(office.token)).send({}).expect(409);
    const entries = await inbox(p.token);
    expect(entries.map((e) => e.kind)).toEqual(['claim_rejected', 'claim_approved']);
    expect(entries[1]).toMatchObject({ title: '学时申报通过', body: '「专利代理实务研修班」的学时申报已通过，计 8 学时。', link: '/pages/credits/claims/index' });
    expect(entries[0].body).toContain('非继续教育项目');
  });

  it('the talent record verified or rejected, each decision once', async () => {
    const p = await t.registerPractitioner();
    const record = (await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody()).expect(200)).body;
    await t.request.post(`/api/talents/${record.id}/reject`).set(auth(office.token)).send({ reason: '工作单位与证明材料不符' }).expect(200);
    expect(await inbox(p.token)).toEqual([expect.objectContaining({ kind: 'record_rejected', body: expect.stringContaining('工作单位与证明材料不符'), link: '/pages/profile/edit/index' })]);
    t.clock.advance(1000);
    await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ orgName: '重庆另一家知识产权代理有限公司' })).expect(200);
    await t.request.post(`/api/talents/${record.id}/verify`).set(auth(office.token)).expect(200);
    await t.request.post(`/api/talents/${record.id}/verify`).set(auth(office.token));
    expect(await kinds(p.token)).toEqual(['record_rejected', 'record_verified']);
    expect((await inbox(p.token))[0].title).toBe('人才档案已认证');
  });

  it('short of the year’s rule from 1 November: once a year, never to those who meet it', async () => {
    const [short, done] = await t.seedPractitioners(2);
    await t.request.post('/api/credit-adjustments').set(auth(office.token)).send({ practitionerId: done.practitionerId, year: 2026, hours: 90, category: 'professional', reason: '补录线下培训' }).expect(201);
    const before = t.clock.now();
    try {
      t.clock.set('2026-10-31T20:00:00+08:00');
      await t.app.services.reminders.tick();
      expect(await inbox(short.token)).toEqual([]);
      t.clock.set('2026-11-01T08:00:00+08:00');
      await t.app.services.reminders.tick();
      await t.app.services.reminders.tick();
      t.clock.set('2026-11-02T08:00:00+08:00');
      await t.app.services.reminders.tick();
    } finally {
      t.clock.set(before);
    }
    expect(await inbox(short.token)).toEqual([
      expect.objectContaining({ kind: 'ce_shortfall', title: '继续教育学时不足', link: '/pages/credits/mine/index', body: '2026 年你已获得 0 学时（专业科目 0），本年度要求 90 学时（专业科目不少于 60），请在年底前补足。' }),
    ]);
    expect(await inbox(done.token)).toEqual([]);
  });
});

describe('written with the change', () => {
  it('goes when the change’s transaction is rolled back', async () => {
    const [p] = await t.seedPractitioners(1);
    await expect(
      t.db.writeTransaction(async (transaction) => {
        await t.app.services.notifications.notify({ kind: 'record_verified' }, 'test:rolled-back', [p.userId], transaction);
        throw new Error('the change failed after telling');
      }),
    ).rejects.toThrow('the change failed');
    expect(await inbox(p.token)).toEqual([]);
  });
});

describe('the inbox', () => {
  it('lists newest first, counts and filters the unread, marks one or all read; someone else’s entry is not found', async () => {
    const { cls, trainerToken } = await t.openClass({ capacity: 5 });
    const [p, other] = await t.seedPractitioners(2);
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(other.token)).expect(201);
    t.clock.advance(1000);
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ location: '线上' }).expect(200);
    t.clock.advance(1000);
    await t.request.patch(`/api/classes/${cls.id}`).set(auth(trainerToken)).send({ startDate: '2026-03-21' }).expect(200);

    const count = async (token: string) => (await t.request.get('/api/me/notifications/unread-count').set(auth(token)).expect(200)).body.count;
    const all = await inbox(p.token);
    expect(all.map((e) => e.kind)).toEqual(['class_changed', 'class_changed', 'enrollment_placed']);
    expect(all[0].body).toContain('开课日期');
    expect(await count(p.token)).toBe(3);

    const read = await t.request.post(`/api/me/notifications/${all[2].id}/read`).set(auth(p.token)).expect(200);
    expect(read.body).toMatchObject({ id: all[2].id, readAt: expect.any(String) });
    await t.request.post(`/api/me/notifications/${all[2].id}/read`).set(auth(p.token)).expect(200, read.body); // again: unchanged
    expect(await count(p.token)).toBe(2);
    expect((await inbox(p.token, '?unread=true')).map((e) => e.id)).toEqual([all[0].id, all[1].id]);
    const paged = await t.request.get('/api/me/notifications?page=2&pageSize=2').set(auth(p.token)).expect(200);
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [expect.objectContaining({ id: all[2].id })] });

    const theirs = (await inbox(other.token))[0];
    const foreign = await t.request.post(`/api/me/notifications/${theirs.id}/read`).set(auth(p.token)).expect(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    expect(await count(other.token)).toBe(3);
    await t.request.post('/api/me/notifications/abc/read').set(auth(p.token)).expect(400);

    expect((await t.request.post('/api/me/notifications/read-all').set(auth(p.token)).expect(200)).body).toEqual({ updated: 2 });
    expect(await count(p.token)).toBe(0);
    expect(await inbox(p.token, '?unread=true')).toEqual([]);
    expect(await count(other.token)).toBe(3);
  });

  it('staff have an inbox too (empty until something is theirs)', async () => {
    expect(await inbox(office.token)).toEqual([]);
    await t.request.get('/api/me/notifications').expect(401);
  });
});

describe('WeChat consents', () => {
  it('lists the configured templates with what each person has left, and records consents', async () => {
    const [p] = await t.seedPractitioners(1);
    const none = await t.request.get('/api/me/wechat-subscriptions').set(auth(p.token)).expect(200);
    expect(none.body.items).toEqual([
      { kind: 'waitlist_promoted', templateId: PROMOTED_TEMPLATE, remaining: 0 },
      { kind: 'enrollment_approved', templateId: APPROVED_TEMPLATE, remaining: 0 },
    ]);
    const after = await t.request.post('/api/me/wechat-subscriptions').set(auth(p.token)).send({ templateIds: [APPROVED_TEMPLATE, APPROVED_TEMPLATE, PROMOTED_TEMPLATE] }).expect(200);
    expect(after.body.items).toEqual([
      { kind: 'waitlist_promoted', templateId: PROMOTED_TEMPLATE, remaining: 1 },
      { kind: 'enrollment_approved', templateId: APPROVED_TEMPLATE, remaining: 2 },
    ]);
  });

  it('refuses an unknown template at its place, recording none of the request', async () => {
    const [p] = await t.seedPractitioners(1);
    const res = await t.request.post('/api/me/wechat-subscriptions').set(auth(p.token)).send({ templateIds: [APPROVED_TEMPLATE, 'someoneElsesTemplate'] }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'templateIds.1', message: expect.any(String) }] });
    await t.request.post('/api/me/wechat-subscriptions').set(auth(p.token)).send({ templateIds: [] }).expect(400);
    const items = (await t.request.get('/api/me/wechat-subscriptions').set(auth(p.token)).expect(200)).body.items;
    expect(items.every((i: { remaining: number }) => i.remaining === 0)).toBe(true);
  });

  it('queues a subscribe message only for a consenting recipient, using one consent each', async () => {
    const { cls, trainerToken } = await t.openClass({ requiresApproval: true });
    const [willing, silent] = await t.seedPractitioners(2);
    await t.request.post('/api/me/wechat-subscriptions').set(auth(willing.token)).send({ templateIds: [APPROVED_TEMPLATE] }).expect(200);
    for (const p of [willing, silent]) {
      const e = await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201);
      await t.request.post(`/api/enrollments/${e.body.id}/approve`).set(auth(trainerToken)).expect(200);
    }
    const queued = await outboxRows({ templateId: APPROVED_TEMPLATE });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ userId: willing.userId, kind: 'enrollment_approved', status: 'pending', attempts: 0 });
    const payload = JSON.parse(String(queued[0].payload));
    expect(payload).toEqual({ page: 'pages/enrollment/mine/index', data: { thing1: { value: '报名审核通过' }, thing2: { value: expect.stringMatching(/^「2026 年第一期专利代理实务.{0,8}…$/) }, time3: { value: '2026-03-02 09:00' } } });
    expect((await inbox(silent.token))[0].kind).toBe('enrollment_approved');
    const left = (await t.request.get('/api/me/wechat-subscriptions').set(auth(willing.token)).expect(200)).body.items;
    expect(left.find((i: { kind: string }) => i.kind === 'enrollment_approved').remaining).toBe(0);
  });

  it('fills the keywords a template was configured with', async () => {
    const { cls } = await t.openClass({ capacity: 1 });
    const [a, b] = await t.seedPractitioners(2);
    await t.request.post('/api/me/wechat-subscriptions').set(auth(b.token)).send({ templateIds: [PROMOTED_TEMPLATE] }).expect(200);
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(a.token)).expect(201);
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(b.token)).expect(201);
    await t.request.delete(`/api/classes/${cls.id}/enrollments/me`).set(auth(a.token)).expect(200);
    const [row] = await outboxRows({ templateId: PROMOTED_TEMPLATE, userId: b.userId });
    expect(Object.keys(JSON.parse(String(row.payload)).data)).toEqual(['thing4', 'thing5', 'date6']);
  });
});

describe('account deletion', () => {
  it('takes the inbox, the consents and the unsent messages with it', async () => {
    const p = await t.registerPractitioner('李四');
    await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ name: '李四', idNumber: makeIdNumber('500103', '19900101', 7) })).expect(200);
    const { cls } = await t.openClass({ capacity: 1 });
    const [holder] = await t.seedPractitioners(1);
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(holder.token)).expect(201);
    await t.request.post('/api/me/wechat-subscriptions').set(auth(p.token)).send({ templateIds: [PROMOTED_TEMPLATE] }).expect(200);
    await t.request.post(`/api/classes/${cls.id}/enrollments`).set(auth(p.token)).expect(201); // waitlisted
    await t.request.delete(`/api/classes/${cls.id}/enrollments/me`).set(auth(holder.token)).expect(200); // p promoted: entry and message
    expect(await kinds(p.token)).toEqual(['enrollment_placed', 'waitlist_promoted']);
    expect(await outboxRows({ userId: p.user.id })).toHaveLength(1);

    await t.request.post('/api/me/account-deletion').set(auth(p.token)).send({ password: 'password123' }).expect(204);
    expect(await t.db.sequelize.model('Notification').count({ where: { userId: p.user.id } })).toBe(0);
    expect(await t.db.sequelize.model('WechatConsent').count({ where: { userId: p.user.id } })).toBe(0);
    expect(await outboxRows({ userId: p.user.id })).toEqual([]);
  });
});

describe('long words', () => {
  it('cuts an entry to its column rather than failing the decision that tells it (a 500-character reason)', async () => {
    const p = await t.registerPractitioner();
    const record = (await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ idNumber: makeIdNumber('500103', '19900101', 8) })).expect(200)).body;
    const reason = '材料'.repeat(250);
    await t.request.post(`/api/talents/${record.id}/reject`).set(auth(office.token)).send({ reason }).expect(200);
    const [entry] = await inbox(p.token);
    expect(entry.kind).toBe('record_rejected');
    expect(entry.body).toHaveLength(500);
    expect(entry.body.endsWith('…')).toBe(true);
  });
});
