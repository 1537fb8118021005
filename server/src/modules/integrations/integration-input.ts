import type { IntegrationKind, UpdateIntegrationBody } from '@archnest/contract';
import type { z } from 'zod';
import { AppError } from '../../http/app-error';
import { integrationRegistry } from '../../integrations/registry';

type Issue = { path: (string | number)[]; message: string };

function invalid(message: string, issues: Issue[] = []): AppError {
  return new AppError(400, 'invalid_request', message, {}, issues);
}

/** Validates with the kind's schema; the message names each bad field, as route validation does. */
function parseWith(schema: z.ZodType, value: unknown, prefix: 'config' | 'secrets'): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: [prefix, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))],
    message: i.message,
  }));
  throw invalid(
    `The body is not valid: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    issues,
  );
}

/** Drops empty optional secrets so `secretsSet` names only fields that hold a value. */
export function presentSecrets(secrets: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secrets)) if (typeof v === 'string' && v !== '') out[k] = v;
  return out;
}

/** The rules a schema cannot express (Uptime Kuma needs a slug or a key; EC2 keys come in pairs). */
export function checkKind(kind: IntegrationKind, config: unknown, secrets: Record<string, string>): void {
  const problem = integrationRegistry[kind].check(config, secrets);
  if (problem) throw invalid(problem);
}

export interface MergedInput {
  config: unknown;
  secrets: Record<string, string>;
  secretsChanged: string[];
}

/**
 * PATCH semantics: `config` replaces the whole config and is validated against the kind's schema;
 * each secret is kept when absent, replaced by a string, cleared by null.
 */
export function mergeUpdate(
  kind: IntegrationKind,
  currentConfig: unknown,
  currentSecrets: Record<string, string>,
  body: UpdateIntegrationBody,
): MergedInput {
  const definition = integrationRegistry[kind];
  const config =
    body.config === undefined ? currentConfig : parseWith(definition.config, body.config, 'config');
  const next: Record<string, string> = { ...currentSecrets };
  const secretsChanged: string[] = [];
  for (const [name, value] of Object.entries(body.secrets ?? {})) {
    secretsChanged.push(name);
    if (value === null) delete next[name];
    else next[name] = value;
  }
  const secrets = presentSecrets(parseWith(definition.secrets, next, 'secrets') as Record<string, unknown>);
  checkKind(kind, config, secrets);
  return { config, secrets, secretsChanged };
}
