import type { MyHostCredential, PersonalHostLogin } from '@archnest/contract';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import { AppError } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import { noSecrets, requireSecretsFor, type OpenedSecrets } from '../credentials/secret-fields';
import type { PersonalLogin, Viewer } from './host-access';
import type { HostAccessRepo, PersonalCredentialRow } from './host-access.repo';
import type { ConnectionHop, HostsService } from './hosts.service';

const notPerUser = () =>
  new AppError(
    409,
    'credential_mode_mismatch',
    'This host signs in with the credential an administrator stored, not with your own.',
  );

/** Associated data binds a sealed login to its host and its user: a copied row fails to open. */
const scope = (hostId: string, userId: string) => `host_user:${hostId}:${userId}`;

function toMine(row: PersonalCredentialRow | undefined): MyHostCredential {
  return {
    set: row !== undefined,
    username: row?.username ?? null,
    kind: row?.kind ?? null,
    hasPassphrase: row?.passphrase_sealed != null,
    updatedAt: row?.updated_at ?? null,
  };
}

/** Opens a typed login, checking a key (and its passphrase) the way a stored one is checked. */
export function personalLogin(login: PersonalHostLogin): PersonalLogin {
  const secrets: OpenedSecrets =
    login.kind === 'password'
      ? { ...noSecrets, password: login.password }
      : { ...noSecrets, privateKey: login.privateKey, passphrase: login.passphrase ?? null };
  requireSecretsFor(login.kind, secrets);
  return { username: login.username, method: login.kind, secrets };
}

/**
 * Users' own logins for per-user hosts, and connection plans made on a user's behalf (the access
 * check, then the user's own login for a per-user target). A saved login is readable by nobody but
 * the server acting for that user: the API only ever says whether it is set.
 */
export class HostLoginService {
  constructor(
    private readonly hosts: HostsService,
    private readonly repo: HostAccessRepo,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async mine(viewer: Viewer, hostId: string): Promise<MyHostCredential> {
    await this.hosts.requireFor(viewer, hostId);
    return toMine(await this.repo.findCredential(hostId, viewer.id));
  }

  async save(
    actor: Actor,
    viewer: Viewer,
    hostId: string,
    login: PersonalHostLogin,
  ): Promise<MyHostCredential> {
    const host = await this.hosts.requireFor(viewer, hostId);
    if (host.auth_method !== 'per-user') throw notPerUser();
    const opened = personalLogin(login);
    const at = scope(hostId, viewer.id);
    const seal = (value: string | null, field: string) =>
      value === null ? null : this.box.seal(value, `${at}:${field}`);
    const row: PersonalCredentialRow = {
      host_id: hostId,
      user_id: viewer.id,
      username: opened.username,
      kind: opened.method,
      password_sealed: seal(opened.secrets.password, 'password'),
      private_key_sealed: seal(opened.secrets.privateKey, 'private_key'),
      passphrase_sealed: seal(opened.secrets.passphrase, 'passphrase'),
      updated_at: this.clock.now().toISOString(),
    };
    await this.repo.saveCredential(row);
    await this.audit.record(actor, {
      action: 'host.personal_login_saved',
      targetType: 'host',
      targetId: hostId,
      targetName: host.name,
      detail: { kind: login.kind },
    });
    return toMine(row);
  }

  async clear(actor: Actor, viewer: Viewer, hostId: string): Promise<void> {
    const host = await this.hosts.requireFor(viewer, hostId);
    if (await this.repo.deleteCredential(hostId, viewer.id)) {
      await this.audit.record(actor, {
        action: 'host.personal_login_cleared',
        targetType: 'host',
        targetId: hostId,
        targetName: host.name,
      });
    }
  }

  /**
   * The hops to reach a host for this user: 404 `host_not_found` without access; for a per-user host
   * the typed login if given, else the saved one, else 409 `credentials_required`. Jump hosts sign in
   * with the credentials the admin stored for them (access is checked on the target only).
   */
  async planFor(viewer: Viewer, hostId: string, typed?: PersonalHostLogin): Promise<ConnectionHop[]> {
    const host = await this.hosts.requireFor(viewer, hostId);
    if (host.auth_method !== 'per-user') return this.hosts.connectionPlan(hostId);
    const login = typed ? personalLogin(typed) : await this.saved(hostId, viewer.id);
    return this.hosts.connectionPlan(hostId, login ?? undefined);
  }

  private async saved(hostId: string, userId: string): Promise<PersonalLogin | null> {
    const row = await this.repo.findCredential(hostId, userId);
    if (!row) return null;
    const at = scope(hostId, userId);
    const open = (value: string | null, field: string) =>
      value === null ? null : this.box.open(value, `${at}:${field}`);
    return {
      username: row.username,
      method: row.kind,
      secrets: {
        password: open(row.password_sealed, 'password'),
        privateKey: open(row.private_key_sealed, 'private_key'),
        passphrase: open(row.passphrase_sealed, 'passphrase'),
        certificate: null,
      },
    };
  }
}
