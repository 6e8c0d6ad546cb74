/**
 * Data for the benches, written straight into the server's database (its own endpoints have their
 * own tests): accounts with talent records, signed in with the app's own token service.
 */
const { createHash } = require('node:crypto');
const { DIST, SECRETS } = require('./server');

async function openSeeder(dbUrl) {
  const { loadConfig } = require(`${DIST}/config`);
  const { createDatabase } = require(`${DIST}/platform/db`);
  const { createServices } = require(`${DIST}/modules`);
  const { systemClock } = require(`${DIST}/platform/clock`);
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: dbUrl, DATA_DIR: '/tmp/cqip-bench-data', ...SECRETS }, () => {});
  const db = createDatabase(config.databaseUrl);
  const { createLogger } = require(`${DIST}/platform/logger`);
  const services = createServices({ config, db, clock: systemClock, logger: createLogger('silent') });
  const User = db.sequelize.model('User');
  const Practitioner = db.sequelize.model('Practitioner');
  let seq = 0;

  async function staff(role) {
    const user = await User.create({ phone: `1370000${String(++seq).padStart(4, '0')}`, passwordHash: null, name: `${role}-${seq}`, role, wechatOpenId: null });
    return { userId: user.get('id'), token: services.tokens.sign({ id: user.get('id'), role, tokenVersion: 0 }) };
  }

  /** `count` practitioners with verified talent records, in chunks of 500 rows. */
  async function practitioners(count, tag) {
    const people = [];
    for (let start = 0; start < count; start += 500) {
      const n = Math.min(500, count - start);
      const users = await User.bulkCreate(
        Array.from({ length: n }, (_, i) => ({ phone: `15${String(tag).padStart(2, '0')}${String(start + i).padStart(7, '0')}`, passwordHash: null, name: `学员${start + i}`, role: 'practitioner', wechatOpenId: null })),
      );
      const records = await Practitioner.bulkCreate(
        users.map((u, i) => ({
          userId: u.get('id'),
          name: `学员${start + i}`,
          idHash: createHash('sha256').update(`bench:${tag}:${start + i}`).digest('hex'),
          idMasked: `500***********${String(i).padStart(4, '0')}`,
          gender: i % 2 ? 'male' : 'female',
          birthDate: '1990-01-01',
          district: '500106',
          orgName: '重庆某知识产权代理有限公司',
          orgType: 'service_agency',
          category: 'agent',
          ipFields: ['patent'],
          titleLevel: 'intermediate',
          qualifications: [],
          email: null,
          tier: 'none',
          status: 'verified',
          rejectReason: null,
          verifiedAt: new Date(),
          source: 'self',
        })),
      );
      users.forEach((u, i) => people.push({ userId: u.get('id'), practitionerId: records[i].get('id'), token: services.tokens.sign({ id: u.get('id'), role: 'practitioner', tokenVersion: 0 }) }));
    }
    return people;
  }

  const count = async (sql, replacements = []) => Number((await db.sequelize.query(sql, { replacements, type: 'SELECT' }))[0].n);
  return { db, services, staff, practitioners, count, close: () => db.close() };
}

/** A class whose sign-up window is open now (real clock), of a catalog course. */
function openClassBody(overrides = {}) {
  const day = (offset) => new Date(Date.now() + offset * 86400000);
  return {
    courseCode: 'CQIP-PAT-101',
    title: '专利代理实务班（压测）',
    location: '重庆市渝北区国家知识产权培训（重庆）基地',
    startDate: day(10).toISOString().slice(0, 10),
    endDate: day(12).toISOString().slice(0, 10),
    capacity: 100,
    enrollOpensAt: day(-1).toISOString(),
    enrollClosesAt: day(5).toISOString(),
    ...overrides,
  };
}

module.exports = { openSeeder, openClassBody };
