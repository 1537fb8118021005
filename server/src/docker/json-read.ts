/*
 * Readers for JSON that Docker (or Podman) sent: shapes differ between versions and between the two,
 * so every field is read defensively and a missing or odd one becomes `undefined`, never a crash.
 */

export type JsonObject = Record<string, unknown>;

export function obj(value: unknown): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Only the fields that are set: keeps "absent" absent instead of `key: undefined`. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Docker writes "0001-01-01T00:00:00Z" for "never"; that, and anything unparsable, is absent. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value === 'number') return value > 0 ? new Date(value * 1000).toISOString() : undefined;
  if (typeof value !== 'string' || value.startsWith('0001-')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
