import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../db/database';
import type { CellValue, TableRows } from './backup-format';

/** Any table by name: backup and restore work on whatever the live schema holds. */
export type AnyDb = Kysely<Record<string, Record<string, CellValue>>>;

/** Every ArchNest table in the database, without kysely's own migration bookkeeping. */
export async function listTables(db: AnyDb, dialect: Dialect): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'
          and substr(name, 1, 7) not in ('sqlite_', 'kysely_')`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'
          and left(table_name, 7) <> 'kysely_'`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

/** Tables ordered so that every table comes after the tables its foreign keys point at. */
export async function dependencyOrder(db: AnyDb, dialect: Dialect, tables: string[]): Promise<string[]> {
  const edges =
    dialect === 'sqlite'
      ? await sql<{ child: string; parent: string }>`select m.name as child, p."table" as parent
          from sqlite_master m join pragma_foreign_key_list(m.name) p where m.type = 'table'`.execute(db)
      : await sql<{ child: string; parent: string }>`select tc.table_name as child, ccu.table_name as parent
          from information_schema.table_constraints tc
          join information_schema.constraint_column_usage ccu
            on tc.constraint_name = ccu.constraint_name and tc.table_schema = ccu.table_schema
          where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of edges.rows) {
    if (child !== parent && parents.has(parent)) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    if (visiting.has(table)) throw new Error(`foreign keys form a cycle through ${table}`);
    visiting.add(table);
    for (const parent of [...(parents.get(table) ?? [])].sort()) visit(parent);
    visiting.delete(table);
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table);
  return ordered;
}

/** PostgreSQL returns bigint as text; the backup holds the number whenever it is exact. */
async function bigintColumns(db: AnyDb, dialect: Dialect): Promise<Set<string>> {
  if (dialect === 'sqlite') return new Set();
  const rows = await sql<{ t: string; c: string }>`select table_name as t, column_name as c
    from information_schema.columns where table_schema = current_schema() and data_type = 'bigint'`.execute(
    db,
  );
  return new Set(rows.rows.map((r) => `${r.t}.${r.c}`));
}

/** Every row of every table, read through `db` (a snapshot or a repeatable-read transaction). */
export async function readTables(db: AnyDb, dialect: Dialect): Promise<Record<string, TableRows>> {
  const bigints = await bigintColumns(db, dialect);
  const tables: Record<string, TableRows> = {};
  for (const table of await listTables(db, dialect)) {
    const result = await sql<Record<string, CellValue>>`select * from ${sql.table(table)}`.execute(db);
    tables[table] = result.rows.map((row) => {
      const out: Record<string, CellValue> = {};
      for (const [column, value] of Object.entries(row)) {
        out[column] =
          typeof value === 'string' &&
          bigints.has(`${table}.${column}`) &&
          Number.isSafeInteger(Number(value))
            ? Number(value)
            : value;
      }
      return out;
    });
  }
  return tables;
}

/** After rows were inserted with their ids, PostgreSQL's serial sequences must continue after them. */
export async function resetSequences(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') return; // AUTOINCREMENT follows the largest inserted id by itself.
  const serials = await sql<{ t: string; c: string }>`select table_name as t, column_name as c
    from information_schema.columns where table_schema = current_schema()
    and column_default like 'nextval(%'`.execute(db);
  for (const { t, c } of serials.rows) {
    await sql`select setval(pg_get_serial_sequence(${t}, ${c}),
      coalesce((select max(${sql.ref(c)}) from ${sql.table(t)}), 1),
      (select max(${sql.ref(c)}) from ${sql.table(t)}) is not null)`.execute(db);
  }
}
