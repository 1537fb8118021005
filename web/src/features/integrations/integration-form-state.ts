import {
  CreateIntegrationBody,
  Ec2Config,
  integrationKinds,
  ProxmoxConfig,
  UpdateIntegrationBody,
  UptimeKumaConfig,
  type Integration,
  type IntegrationFieldMeta,
  type IntegrationKind,
} from '@archnest/contract';
import { emptySecret, secretPatch, type SecretDraft } from '../../components/ui/secret-field';

/** One form for every kind: field values keyed by the names in `integrationKinds[kind].fields`. */
export interface IntegrationDraft {
  kind: IntegrationKind;
  name: string;
  values: Record<string, string>;
  flags: Record<string, boolean>;
  secrets: Record<string, SecretDraft>;
  pinnedSha256: string;
  ca: SecretDraft;
  pollIntervalSeconds: string;
  timeoutSeconds: string;
}

export type FormErrors = Record<string, string>;
type Built<T> = { ok: true; body: T } | { ok: false; errors: FormErrors };

interface Schema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Each kind's config schema: the update body carries config as a plain record, so check it here. */
const configSchemas: Record<IntegrationKind, Schema<Record<string, unknown>>> = {
  proxmox: ProxmoxConfig,
  'aws-ec2': Ec2Config,
  'uptime-kuma': UptimeKumaConfig,
};

export function fieldsOf(kind: IntegrationKind): readonly IntegrationFieldMeta[] {
  return integrationKinds[kind].fields;
}

/** The fields the form shows and sends now: one hidden by `shownWhen` is neither checked nor sent. */
export function visibleFields(draft: IntegrationDraft): IntegrationFieldMeta[] {
  return fieldsOf(draft.kind).filter(
    (field) => !field.shownWhen || draft.values[field.shownWhen.field] === field.shownWhen.equals,
  );
}

function initialValue(field: IntegrationFieldMeta, stored: unknown): string {
  if (Array.isArray(stored)) return stored.map(String).join(', ');
  if (typeof stored === 'string' || typeof stored === 'number') return String(stored);
  return field.input === 'select' ? (field.options?.[0]?.value ?? '') : '';
}

export function draftFor(kind: IntegrationKind, integration: Integration | null): IntegrationDraft {
  const values: Record<string, string> = {};
  const flags: Record<string, boolean> = {};
  const secrets: Record<string, SecretDraft> = {};
  for (const field of fieldsOf(kind)) {
    const stored = integration?.config[field.name];
    if (field.secret) secrets[field.name] = emptySecret;
    else if (field.input === 'checkbox') flags[field.name] = stored === true;
    else values[field.name] = initialValue(field, stored);
  }
  return {
    kind,
    name: integration?.name ?? '',
    values,
    flags,
    secrets,
    pinnedSha256: integration?.tls.pinnedSha256 ?? '',
    ca: emptySecret,
    pollIntervalSeconds: String(integration?.pollIntervalSeconds ?? 30),
    timeoutSeconds: String(integration?.timeoutSeconds ?? 5),
  };
}

function buildConfig(draft: IntegrationDraft): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of visibleFields(draft)) {
    if (field.secret) continue;
    if (field.input === 'checkbox') {
      config[field.name] = draft.flags[field.name] ?? false;
      continue;
    }
    const text = (draft.values[field.name] ?? '').trim();
    if (field.input === 'list') {
      const items = text.split(/[\s,]+/).filter(Boolean);
      if (items.length > 0 || field.required) config[field.name] = items;
    } else if (text !== '' || field.required) config[field.name] = text;
  }
  return config;
}

/** Required fields get a message naming them before the schema's more technical ones. */
function missingRequired(draft: IntegrationDraft, creating: boolean, integration: Integration | null) {
  const errors: FormErrors = {};
  for (const field of visibleFields(draft)) {
    if (!field.required || field.input === 'checkbox') continue;
    if (field.secret) {
      const secret = draft.secrets[field.name] ?? emptySecret;
      const stored = integration?.secretsSet.includes(field.name) ?? false;
      if ((creating || !stored || secret.clear) && secret.text === '')
        errors[field.name] = `${field.label} is required.`;
    } else if ((draft.values[field.name] ?? '').trim() === '') {
      errors[field.name] = `${field.label} is required.`;
    }
  }
  return errors;
}

/** Issues are keyed by the last name in their path: `config.url` and `secrets.tokenSecret` alike. */
function collect(errors: FormErrors, issues: { path: PropertyKey[]; message: string }[]): void {
  for (const issue of issues) {
    const key = [...issue.path].reverse().find((part) => typeof part === 'string') ?? 'form';
    errors[key] ??= issue.message;
  }
}

function check<T>(schema: Schema<T>, value: unknown, errors: FormErrors): T | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  collect(errors, parsed.error.issues);
  return null;
}

const numberOrNaN = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function buildCreateBody(draft: IntegrationDraft): Built<CreateIntegrationBody> {
  const errors = missingRequired(draft, true, null);
  const secrets: Record<string, string> = {};
  for (const { name } of visibleFields(draft)) {
    const text = draft.secrets[name]?.text;
    if (text) secrets[name] = text;
  }
  const pinned = draft.pinnedSha256.trim();
  const tls = {
    ...(pinned ? { pinnedSha256: pinned } : {}),
    ...(draft.ca.text.trim() ? { ca: draft.ca.text } : {}),
  };
  const body = check(
    CreateIntegrationBody,
    {
      kind: draft.kind,
      name: draft.name,
      config: buildConfig(draft),
      secrets,
      ...(Object.keys(tls).length > 0 ? { tls } : {}),
      pollIntervalSeconds: numberOrNaN(draft.pollIntervalSeconds),
      timeoutSeconds: numberOrNaN(draft.timeoutSeconds),
    },
    errors,
  );
  return body && Object.keys(errors).length === 0 ? { ok: true, body } : { ok: false, errors };
}

export function buildUpdateBody(
  draft: IntegrationDraft,
  integration: Integration,
): Built<UpdateIntegrationBody> {
  const errors = missingRequired(draft, false, integration);
  const config = check(configSchemas[draft.kind], buildConfig(draft), errors);
  const secrets: Record<string, string | null> = {};
  for (const { name } of visibleFields(draft)) {
    const secret = draft.secrets[name];
    const patch = secret ? secretPatch(secret) : undefined;
    if (patch !== undefined) secrets[name] = patch;
  }
  const pinned = draft.pinnedSha256.trim();
  const tls: { pinnedSha256?: string | null; ca?: string | null } = {};
  if (pinned !== (integration.tls.pinnedSha256 ?? '')) tls.pinnedSha256 = pinned || null;
  const ca = secretPatch(draft.ca);
  if (ca !== undefined) tls.ca = ca;
  const body = check(
    UpdateIntegrationBody,
    {
      name: draft.name,
      ...(config ? { config } : {}),
      ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
      ...(Object.keys(tls).length > 0 ? { tls } : {}),
      pollIntervalSeconds: numberOrNaN(draft.pollIntervalSeconds),
      timeoutSeconds: numberOrNaN(draft.timeoutSeconds),
    },
    errors,
  );
  return body && Object.keys(errors).length === 0 ? { ok: true, body } : { ok: false, errors };
}
