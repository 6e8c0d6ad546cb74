import { QueryTypes, type Transaction } from 'sequelize';
import { createDatabase, type Database } from '../src/platform/db';

// MySQL/MariaDB only: SQLite's IMMEDIATE transactions hold the whole database.
const url = process.env.TEST_DATABASE_URL;
const mysqlOnly = url && !url.startsWith('sqlite:') ? describe : describe.skip;

mysqlOnly('MySQL sessions (platform/db.ts)', () => {
  let db: Database;
  beforeAll(async () => {
    db = createDatabase(url!);
    await db.sequelize.query('DROP TABLE IF EXISTS iso_probe');
    await db.sequelize.query('CREATE TABLE iso_probe (id INT PRIMARY KEY, v INT NOT NULL)');
    await db.sequelize.query('INSERT INTO iso_probe VALUES (1, 1)');
  });
  afterAll(async () => {
    await db.sequelize.query('DROP TABLE IF EXISTS iso_probe');
    await db.close();
  });

  it('reads what others committed during a write transaction (READ COMMITTED, set once per connection)', async () => {
    const read = async (transaction: Transaction) =>
      (await db.sequelize.query<{ v: number }>('SELECT v FROM iso_probe WHERE id = 1', { type: QueryTypes.SELECT, transaction }))[0].v;
    const seen = await db.writeTransaction(async (t) => {
      const before = await read(t);
      await db.sequelize.query('UPDATE iso_probe SET v = 2 WHERE id = 1'); // another connection, committed at once
      return [before, await read(t)];
    });
    // Under REPEATABLE READ (MySQL's default) the second read would still see the first snapshot: 1.
    expect(seen).toEqual([1, 2]);
  });
});
