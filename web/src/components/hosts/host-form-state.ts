import {
  CreateHostBody,
  UpdateHostBody,
  type AuthMethod,
  type CredentialKind,
  type Host,
  type HostAccessMode,
} from '@archnest/contract';
import { emptySecret, secretPatch, type SecretDraft } from '../ui/secret-field';

export interface HostDraft {
  name: string;
  address: string;
  port: string;
  username: string;
  folder: string;
  tags: string;
  notes: string;
  authMethod: AuthMethod;
  /** '' means the secrets below are stored with the host itself. */
  credentialId: string;
  password: SecretDraft;
  privateKey: SecretDraft;
  passphrase: SecretDraft;
  certificate: SecretDraft;
  jumpHostIds: string[];
  legacyAlgorithms: boolean;
  access: HostAccessMode;
  allowedUserIds: string[];
}

export type SecretName = 'password' | 'privateKey' | 'passphrase' | 'certificate';

/** The stored secrets each method uses; keyboard-interactive answers its prompts live. */
export const secretsFor: Record<AuthMethod, SecretName[]> = {
  password: ['password'],
  key: ['privateKey', 'passphrase'],
  'keyboard-interactive': [],
  certificate: ['privateKey', 'passphrase', 'certificate'],
  'per-user': [],
};

export function credentialKindFor(method: AuthMethod): CredentialKind | null {
  return method === 'keyboard-interactive' || method === 'per-user' ? null : method;
}

export const authMethodLabels: Record<AuthMethod, string> = {
  password: 'Password',
  key: 'Private key',
  'keyboard-interactive': 'Keyboard-interactive',
  certificate: 'Certificate',
  'per-user': 'Each user signs in as themselves',
};

export function draftFromHost(host: Host | null): HostDraft {
  return {
    name: host?.name ?? '',
    address: host?.address ?? '',
    port: String(host?.port ?? 22),
    username: host?.username ?? '',
    folder: host?.folder ?? '',
    tags: host?.tags.join(', ') ?? '',
    notes: host?.notes ?? '',
    authMethod: host?.authMethod ?? 'password',
    credentialId: host?.credentialId ?? '',
    password: emptySecret,
    privateKey: emptySecret,
    passphrase: emptySecret,
    certificate: emptySecret,
    jumpHostIds: host?.jumpHostIds ?? [],
    legacyAlgorithms: host?.legacyAlgorithms ?? false,
    access: host?.access ?? 'everyone',
    allowedUserIds: host?.allowedUserIds ?? [],
  };
}

export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

type BuildResult<T> = { ok: true; body: T } | { ok: false; errors: Record<string, string> };

function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  if (errors.port) errors.port = 'Use a port between 1 and 65535.';
  return errors;
}

function commonFields(draft: HostDraft) {
  const secrets: Partial<Record<SecretName, string | null>> = {};
  // A credential carries the secrets; inline fields are only sent when the host keeps its own.
  if (draft.credentialId === '') {
    for (const name of secretsFor[draft.authMethod]) {
      const value = secretPatch(draft[name]);
      if (value !== undefined) secrets[name] = value;
    }
  }
  return {
    name: draft.name,
    address: draft.address,
    port: draft.port.trim() === '' ? Number.NaN : Number(draft.port),
    username: draft.username,
    folder: draft.folder,
    tags: parseTags(draft.tags),
    notes: draft.notes,
    authMethod: draft.authMethod,
    credentialId: draft.credentialId === '' ? null : draft.credentialId,
    jumpHostIds: draft.jumpHostIds,
    legacyAlgorithms: draft.legacyAlgorithms,
    access: draft.access,
    allowedUserIds: draft.access === 'chosen' ? draft.allowedUserIds : [],
    ...secrets,
  };
}

export function buildCreateBody(draft: HostDraft): BuildResult<CreateHostBody> {
  const parsed = CreateHostBody.safeParse(commonFields(draft));
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, errors: fieldErrors(parsed.error.issues) };
}

export function buildUpdateBody(draft: HostDraft): BuildResult<UpdateHostBody> {
  const parsed = UpdateHostBody.safeParse(commonFields(draft));
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, errors: fieldErrors(parsed.error.issues) };
}
