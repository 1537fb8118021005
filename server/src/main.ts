import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { loggerOptions } from './logger';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const config = loadConfig(process.env, path.resolve(here, '../../web/dist'));
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'archnest.db'),
  });
  await migrateToLatest(database);
  const { app } = await buildApp({
    config,
    database,
    logger: loggerOptions(config),
    agentDir: path.resolve(here, '../../agent'),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal} received, shutting down`);
      void app.close().then(() => database.close());
    });
  }
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.publicUrl ?? `http://${shownHost}:${config.port}`;
  app.log.info(
    { database: database.dialect, location: database.location, edition: config.edition },
    'database ready',
  );
  console.log(`ArchNest is running at ${url}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`ArchNest failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
