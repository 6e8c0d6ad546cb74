import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { DataTypes, QueryTypes, type Transaction } from 'sequelize';
import { createDatabase, prepareDatabase, type Database } from '../src/platform/db';

// The connection tuning is SQLite's own (MySQL has a real pool); on a MySQL run there is nothing to test.
const sqliteOnly = process.env.TEST_DATABASE_URL ? describe.skip : describe;

sqliteOnly('SQLite connections (platform/sqliteConnections.ts)', () => {
  let db: Database;
  beforeEach(async () => {
    db = createDatabase(`sqlite:${path.join(os.tmpdir(), `cqip-conn-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`)}`);
    await prepareDatabase(db);
  });
  afterEach(() => db.close());

  const pragma = async (name: string, transaction?: Transaction) => {
    const [row] = await db.sequelize.query<Record<string, number>>(`PRAGMA ${name}`, { type: QueryTypes.SELECT, transaction });
    return Object.values(row)[0];
  };
  const connectionOf = (t: Transaction) => (t as unknown as { connection: object }).connection;

  it('runs every connection, transactions included, with synchronous = NORMAL and the busy timeout', async () => {
    // A transaction connection used to run at the default FULL: a disk sync at every commit.
    expect(await pragma('synchronous')).toBe(1);
    await db.writeTransaction(async (t) => {
      expect(await pragma('synchronous', t)).toBe(1);
      expect(await pragma('busy_timeout', t)).toBe(15000);
    });
  });

  it('hands a transaction connection out again instead of opening one per transaction', async () => {
    const seen = new Set<object>();
    for (let i = 0; i < 5; i++) await db.writeTransaction(async (t) => void seen.add(connectionOf(t)));
    expect(seen.size).toBe(1);
    // Two transactions at once (outside the writer queue) get two connections; both are kept.
    const both = await Promise.all([0, 1].map(() => db.sequelize.transaction(async (t) => (await pragma('synchronous', t), connectionOf(t)))));
    expect(new Set(both).size).toBe(2);
    const again = await Promise.all([0, 1].map(() => db.sequelize.transaction(async (t) => (await pragma('synchronous', t), connectionOf(t)))));
    expect(new Set([...both, ...again]).size).toBe(2);
  });

  it('keeps each table\'s column types until a migration changes the schema', async () => {
    await db.sequelize.query('CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)');
    const Before = db.sequelize.define('Before', { name: DataTypes.STRING }, { tableName: 'things', timestamps: false });
    await Before.create({ name: 'a' });
    await Before.findAll();
    // The column types now known for `things` must be forgotten: a DATETIME column is parsed into a Date only if known.
    await db.sequelize.query('ALTER TABLE things ADD COLUMN seen_at DATETIME');
    const After = db.sequelize.define('After', { name: DataTypes.STRING, seenAt: { type: DataTypes.DATE, field: 'seen_at' } }, { tableName: 'things', timestamps: false });
    const at = new Date('2026-12-03T08:00:00.000Z');
    await After.update({ seenAt: at }, { where: {} });
    const [row] = await db.sequelize.query<{ seen_at: unknown }>('SELECT seen_at FROM `things`', { type: QueryTypes.SELECT, raw: true });
    expect(row.seen_at).toBeTruthy();
    const found = (await After.findOne())!.get('seenAt');
    expect(found).toBeInstanceOf(Date);
    expect((found as Date).toISOString()).toBe(at.toISOString());
  });

  it('answers a quick read while a slow one runs: reads outside transactions spread over connections', async () => {
    const finished: string[] = [];
    const slow = db.sequelize
      .query('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT COUNT(*) AS n FROM c', { type: QueryTypes.SELECT })
      .then(() => finished.push('slow'));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the slow one is running
    await db.sequelize.query('SELECT 1 AS one', { type: QueryTypes.SELECT }).then(() => finished.push('quick'));
    await slow;
    // On one connection (Sequelize's 'default') the quick read waited for the slow one to finish.
    expect(finished).toEqual(['quick', 'slow']);
  });
});
