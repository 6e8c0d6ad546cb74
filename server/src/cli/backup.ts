import path from 'node:path';
import { loadConfig } from '../config';
import { backupSqlite, listBackups, restoreSqlite } from '../platform/backup';
import { createDatabase, prepareDatabase } from '../platform/db';

/**
 * `npm run backup`: a consistent online backup of the SQLite database and the evidence files into
 * BACKUP_DIR (default data/backups), keeping the newest BACKUP_KEEP (14).
 * `npm run restore [-- <backup folder>]`: puts one back (the newest without an argument); stop the
 * server first. MySQL/MariaDB: docs/operations.md.
 */
async function run(command: string, arg: string | undefined): Promise<number> {
  const config = loadConfig(process.env, () => {});
  const backupsDir = process.env.BACKUP_DIR ?? path.join(config.dataDir, 'backups');
  const keep = Number(process.env.BACKUP_KEEP ?? 14);
  if (!Number.isInteger(keep) || keep < 1) throw new Error('BACKUP_KEEP must be a whole number of backups, at least 1');
  if (!config.databaseUrl.startsWith('sqlite:')) throw new Error('backup and restore here are for SQLite; for MySQL/MariaDB see docs/operations.md');
  const db = createDatabase(config.databaseUrl);
  if (command === 'backup') {
    await prepareDatabase(db);
    const backup = await backupSqlite(db, config.dataDir, backupsDir, keep);
    await db.close();
    console.log(`backup written: ${backup.dir} (database and ${backup.evidenceFiles} evidence files); keeping the newest ${keep}`);
    return 0;
  }
  const storage = db.sqliteFile!;
  await db.close();
  const from = arg ?? listBackups(backupsDir)[0];
  if (!from) throw new Error(`no backup in ${backupsDir}`);
  restoreSqlite(path.resolve(from), storage, config.dataDir);
  console.log(`restored ${from} into ${storage}; run npm run stats:recount to check it`);
  return 0;
}

const [command, arg] = process.argv.slice(2);
if (command !== 'backup' && command !== 'restore') {
  console.error('usage: backup.js backup | restore [backup folder]');
  process.exit(2);
}
run(command, arg).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
