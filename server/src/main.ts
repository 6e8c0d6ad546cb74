import { configOrExit, loggerFor, prepareProduct, serve } from './boot';

/** `npm start`: one process prepares the database and serves. */
async function main(): Promise<void> {
  const config = configOrExit();
  const logger = loggerFor(config);
  const { db, app } = await prepareProduct(config, logger);
  serve(config, db, logger, app);
}

main().catch((err) => {
  console.error('Failed to start:', err);
  process.exit(1);
});
