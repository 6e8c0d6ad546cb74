import { SequelizeStorage, Umzug } from 'umzug';
import type { QueryInterface } from 'sequelize';
import type { Database } from './db';
import { migrations } from '../migrations';

export type MigrationContext = QueryInterface;

/** Migrations own the schema: listed in src/migrations/index.ts, applied in order, recorded in SequelizeMeta. */
export function createMigrator(db: Database, logger?: { info(obj: object, msg?: string): void }) {
  return new Umzug<MigrationContext>({
    migrations: migrations.map((m) => ({ name: m.name, up: ({ context }) => m.up(context), down: ({ context }) => m.down(context) })),
    context: db.sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize: db.sequelize }),
    logger: logger ? { info: (e) => logger.info(e as object, 'migration'), warn: () => {}, error: () => {}, debug: () => {} } : undefined,
  });
}

export async function migrateToLatest(db: Database, logger?: { info(obj: object, msg?: string): void }): Promise<string[]> {
  const applied = await createMigrator(db, logger).up();
  return applied.map((m) => m.name);
}
