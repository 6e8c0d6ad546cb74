import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { backupSqlite, listBackups, restoreSqlite } from '../src/platform/backup';
import { createDatabase } from '../src/platform/db';
import { migrateToLatest } from '../src/platform/migrator';
import { recount } from '../src/stats/recount';
import { auth, createTestApp, makeIdNumber, profileBody, type TestApp } from './helpers/testApp';

/**
 * `npm run backup` / `npm run restore` on SQLite: a backup taken while sign-ups and profile saves are
 * being written is a consistent database — it opens, passes SQLite's integrity check, migrates, and
 * its statistics recount with 0 differences — and keeps only the newest backups.
 */
const onSqlite = !process.env.TEST_DATABASE_URL || process.env.TEST_DATABASE_URL.startsWith('sqlite:');
const maybe = onSqlite ? describe : describe.skip;

maybe('backups of the SQLite database', () => {
  let t: TestApp;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqip-backup-data-'));
  const backupsDir = path.join(dataDir, 'backups');
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('takes a consistent backup during writes, restores it, and the restored statistics recount to 0 differences', async () => {
    const office = await t.userWithRole('office');
    fs.mkdirSync(path.join(dataDir, 'evidence'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'evidence', 'proof-1.png'), 'evidence');
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const p = await t.registerPractitioner(`备份${i}`);
        const record = await t.request.put('/api/me/profile').set(auth(p.token)).send(profileBody({ name: `备份${i}`, idNumber: makeIdNumber('500105', '19920101', 300 + i) }));
        if (record.status === 200 && i % 2 === 0) await t.request.post(`/api/talents/${record.body.id}/verify`).set(auth(office.token));
        written++;
      }
    })();
    while (written < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    const backup = await backupSqlite(t.db, dataDir, backupsDir, 3);
    writing = false;
    await writer;
    expect(backup.evidenceFiles).toBe(1);

    const restoredFile = path.join(dataDir, 'restored', 'app.sqlite');
    restoreSqlite(backup.dir, restoredFile, path.join(dataDir, 'restored'));
    const restored = createDatabase(`sqlite:${restoredFile}`);
    try {
      const [check] = await restored.sequelize.query<{ integrity_check: string }>('PRAGMA integrity_check', { type: QueryTypes.SELECT });
      expect(check.integrity_check).toBe('ok');
      await migrateToLatest(restored);
      expect(await recount(restored)).toEqual([]);
      const [people] = await restored.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM practitioners', { type: QueryTypes.SELECT });
      expect(Number(people.n)).toBeGreaterThanOrEqual(4);
      expect(fs.readFileSync(path.join(dataDir, 'restored', 'evidence', 'proof-1.png'), 'utf8')).toBe('evidence');
    } finally {
      await restored.close();
    }
    // the live database went on and still recounts cleanly
    expect(await recount(t.db)).toEqual([]);
  });

  it('keeps the newest backups only', async () => {
    const dir = path.join(dataDir, 'rotating');
    for (let i = 0; i < 4; i++) await backupSqlite(t.db, dataDir, dir, 3, new Date(Date.UTC(2026, 11, 1, 10, 0, i)));
    const kept = listBackups(dir);
    expect(kept).toHaveLength(3);
    expect(kept.map((k) => path.basename(k))).toEqual(['20261201-100003-000', '20261201-100002-000', '20261201-100001-000']);
  });

  it('refuses to restore what is not a backup', () => {
    expect(() => restoreSqlite(os.tmpdir(), path.join(dataDir, 'x.sqlite'), dataDir)).toThrow(/not a backup/);
  });
});
