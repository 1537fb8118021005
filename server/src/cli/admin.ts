import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Username } from '@archnest/contract';
import { createServices, type Services } from '../services';
import { ConfigError, loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { AppError } from '../http/app-error';
import { cliActor } from '../modules/audit/audit.service';
import { BACKUP_USAGE, runBackupCommand } from '../backup/backup-cli';
import { MIGRATE_TO_POSTGRES_USAGE, runMigrateToPostgres } from '../backup/migrate-to-postgres';

const USAGE = `Usage:
  npm run admin -- reset-password <username> [--password-stdin]
  npm run admin -- create-admin <username> [--password-stdin]
  npm run admin -- reset-two-factor <username>
${BACKUP_USAGE}
${MIGRATE_TO_POSTGRES_USAGE}

Without --password-stdin a strong password is generated and printed once.
A backup holds the instance secret key unless --no-secret-key is given; restore needs an empty target.
migrate-to-postgres copies the SQLite database of ARCHNEST_DATA_DIR into an empty PostgreSQL database.
Works on the database the environment configures (DATABASE_URL, or SQLite in ARCHNEST_DATA_DIR).`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function run(argv: string[]): Promise<number> {
  const [command, username, ...rest] = argv;
  if (command === 'backup' || command === 'restore') {
    const code = await runBackupCommand(command, argv.slice(1), loadConfig(process.env));
    if (code < 0) console.error(USAGE);
    return code < 0 ? 2 : code;
  }
  if (command === 'migrate-to-postgres') {
    const code = await runMigrateToPostgres(argv.slice(1), loadConfig(process.env));
    if (code < 0) console.error(USAGE);
    return code < 0 ? 2 : code;
  }
  const unknownFlags = rest.filter((a) => a !== '--password-stdin');
  const commands = ['reset-password', 'create-admin', 'reset-two-factor'];
  if (!command || !username || unknownFlags.length || !commands.includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(process.env);
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'archnest.db'),
  });
  try {
    await migrateToLatest(database);
    const services = createServices({ config, database });
    if (command === 'reset-two-factor') return await resetTwoFactor(services, username, database);
    const generated = !rest.includes('--password-stdin');
    const password = generated ? randomBytes(18).toString('base64url') : await readStdin();
    const where = `${database.dialect} database ${database.location}`;

    if (command === 'reset-password') {
      const user = await services.users.findByUsername(username);
      if (!user) {
        console.error(`No user named "${username}" in the ${where}.`);
        return 1;
      }
      await services.users.resetPassword(cliActor, user.id, password);
      console.log(
        `Password of ${user.role} "${user.username}" was reset in the ${where}; their sessions were ended.`,
      );
      if (user.active !== 1)
        console.log(`Note: "${user.username}" is deactivated; an admin must reactivate the account.`);
    } else {
      const parsed = Username.safeParse(username);
      if (!parsed.success) {
        console.error(`Invalid username: ${parsed.error.issues[0]?.message ?? 'not allowed'}`);
        return 1;
      }
      const user = await services.users.create(cliActor, { username: parsed.data, password, role: 'admin' });
      console.log(`Admin "${user.username}" was created in the ${where}.`);
    }
    if (generated) console.log(`New password: ${password}`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** A locked-out user (device and recovery codes lost) signs in with the password alone again. */
async function resetTwoFactor(services: Services, username: string, database: Database): Promise<number> {
  const user = await services.users.findByUsername(username);
  if (!user) {
    console.error(`No user named "${username}" in the ${database.dialect} database ${database.location}.`);
    return 1;
  }
  await services.twoFactor.adminReset(cliActor, user.id);
  console.log(
    `Two-factor sign-in of ${user.role} "${user.username}" was turned off; the password alone signs in.`,
  );
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `admin command failed: ${String(error)}`);
    process.exit(1);
  },
);
