import {
  CreateDockerHostBody,
  UpdateDockerHostBody,
  type DockerHost,
  type DockerHostKind,
} from '@archnest/contract';
import { emptySecret, secretPatch, type SecretDraft } from '../../components/ui/secret-field';

export interface DockerHostDraft {
  kind: DockerHostKind;
  name: string;
  endpoint: string;
  ca: SecretDraft;
  clientCert: SecretDraft;
  clientKey: SecretDraft;
  sshHostId: string;
  cli: 'docker' | 'podman';
  remoteDockerHost: string;
}

export const kindLabels: Record<DockerHostKind, string> = {
  'engine-api': 'Engine API',
  ssh: 'SSH',
  'pull-agent': 'Pull agent',
};

export function draftFromDockerHost(host: DockerHost | null): DockerHostDraft {
  return {
    kind: host?.kind ?? 'engine-api',
    name: host?.name ?? '',
    endpoint: host?.endpoint ?? '',
    ca: emptySecret,
    clientCert: emptySecret,
    clientKey: emptySecret,
    sshHostId: host?.sshHostId ?? '',
    cli: host?.cli ?? 'docker',
    remoteDockerHost: host?.remoteDockerHost ?? '',
  };
}

type Built<T> = { ok: true; body: T } | { ok: false; errors: Record<string, string> };

/** The contract's own schema checks the form, so the browser and the server agree on every rule. */
interface Schema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

function check<T>(schema: Schema<T>, body: unknown): Built<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : 'form';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

const optionalText = (value: string) => (value.trim() === '' ? undefined : value);

export function buildCreateBody(draft: DockerHostDraft): Built<CreateDockerHostBody> {
  if (draft.kind === 'engine-api')
    return check(CreateDockerHostBody, {
      kind: 'engine-api',
      name: draft.name,
      endpoint: draft.endpoint,
      ca: optionalText(draft.ca.text),
      clientCert: optionalText(draft.clientCert.text),
      clientKey: optionalText(draft.clientKey.text),
    });
  if (!draft.sshHostId) return { ok: false, errors: { sshHostId: 'Pick the SSH host Docker runs on.' } };
  return check(CreateDockerHostBody, {
    kind: 'ssh',
    name: draft.name,
    sshHostId: draft.sshHostId,
    cli: draft.cli,
    remoteDockerHost: draft.remoteDockerHost.trim() || null,
  });
}

export function buildUpdateBody(draft: DockerHostDraft): Built<UpdateDockerHostBody> {
  // A pull agent keeps the address and certificates it was enrolled with; only its name changes.
  if (draft.kind === 'pull-agent') return check(UpdateDockerHostBody, { name: draft.name });
  if (draft.kind === 'engine-api')
    return check(UpdateDockerHostBody, {
      name: draft.name,
      endpoint: draft.endpoint,
      ca: secretPatch(draft.ca),
      clientCert: secretPatch(draft.clientCert),
      clientKey: secretPatch(draft.clientKey),
    });
  return check(UpdateDockerHostBody, {
    name: draft.name,
    sshHostId: draft.sshHostId,
    cli: draft.cli,
    remoteDockerHost: draft.remoteDockerHost.trim() || null,
  });
}
