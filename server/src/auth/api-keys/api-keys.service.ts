import { randomUUID } from 'node:crypto';
import type { ApiKey, CreateApiKeyBody, CreatedApiKey } from '@archnest/contract';
import type { Clock } from '../../clock';
import { AppError, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../../modules/audit/audit.service';
import type { AuthContext, RequestMeta } from '../auth-context';
import { bearerApiKey, hashApiKey, newApiKey, sameHash } from './api-key-token';
import type { ApiKeyRow, ApiKeysRepo, ApiKeyWithUsername } from './api-keys.repo';

/** Recording the last use on every request would turn reads into writes; once a minute is enough. */
export const LAST_USE_INTERVAL_MS = 60_000;
const MAX_USER_AGENT = 512;
const DAY_MS = 86_400_000;

const refuse = (code: 'api_key_invalid' | 'api_key_revoked' | 'api_key_expired', message: string) =>
  new AppError(401, code, message, { 'www-authenticate': 'Bearer' });

function toApiKey(row: ApiKeyWithUsername): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    hint: row.hint,
    userId: row.user_id,
    username: row.username,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    lastUsedIp: row.last_used_ip,
    revokedAt: row.revoked_at,
  };
}

/**
 * Personal API keys. Only the SHA-256 of a key is stored; the key itself is in the answer to
 * `create` and nowhere else. Every use checks the key row and its user, so revoking a key or
 * deactivating its user takes effect on the next request.
 */
export class ApiKeysService {
  constructor(
    private readonly repo: ApiKeysRepo,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(owner: AuthContext, body: CreateApiKeyBody, actor: Actor): Promise<CreatedApiKey> {
    const now = this.clock.now();
    const { key, hash, hint } = newApiKey();
    const row: ApiKeyRow = {
      id: randomUUID(),
      user_id: owner.user.id,
      name: body.name,
      scope: body.scope,
      key_hash: hash,
      hint,
      created_at: now.toISOString(),
      expires_at: body.expiresInDays
        ? new Date(now.getTime() + body.expiresInDays * DAY_MS).toISOString()
        : null,
      last_used_at: null,
      last_used_ip: null,
      revoked_at: null,
    };
    await this.repo.insert(row);
    await this.audit.record(actor, {
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: row.id,
      targetName: row.name,
      detail: { scope: row.scope, expiresAt: row.expires_at },
    });
    return { ...toApiKey({ ...row, username: owner.user.username }), key };
  }

  async list(userId?: string): Promise<ApiKey[]> {
    return (await this.repo.list(userId)).map(toApiKey);
  }

  /** Revokes a key; `ownerId` limits it to that user's keys (another user's key is "not found"). */
  async revoke(id: string, actor: Actor, ownerId?: string): Promise<void> {
    const row = await this.repo.findById(id);
    if (!row || (ownerId !== undefined && row.user_id !== ownerId)) throw notFound('The API key');
    if (!(await this.repo.revoke(id, this.clock.now().toISOString()))) return; // already revoked
    await this.audit.record(actor, {
      action: 'api_key.revoke',
      targetType: 'api_key',
      targetId: row.id,
      targetName: row.name,
      detail: { ownerId: row.user_id },
    });
  }

  /** Resolves an `Authorization` header to the key's user, or throws the 401 that names why not. */
  async authenticate(authorization: string | undefined, meta: RequestMeta): Promise<AuthContext> {
    const key = bearerApiKey(authorization);
    if (!key) throw refuse('api_key_invalid', 'The API key is missing or malformed.');
    const hash = hashApiKey(key);
    const found = await this.repo.findByHash(hash);
    if (!found || !sameHash(found.key.key_hash, hash)) {
      throw refuse('api_key_invalid', 'This API key is not known.');
    }
    const { key: row, user } = found;
    if (row.revoked_at) throw refuse('api_key_revoked', 'This API key has been revoked.');
    const now = this.clock.now();
    if (row.expires_at && new Date(row.expires_at) <= now) {
      throw refuse('api_key_expired', 'This API key has expired.');
    }
    if (user.active !== 1) {
      throw new AppError(401, 'account_disabled', 'The account this API key belongs to is deactivated.');
    }
    await this.recordUse(row, now, meta.ip);
    return {
      user,
      session: {
        id: `api-key:${row.id}`,
        token_hash: '',
        user_id: user.id,
        created_at: row.created_at,
        last_seen_at: now.toISOString(),
        expires_at: row.expires_at ?? '',
        ip: meta.ip,
        user_agent: meta.userAgent.slice(0, MAX_USER_AGENT),
      },
      apiKey: { id: row.id, name: row.name, scope: row.scope },
    };
  }

  /** One audit row for a mutating call made with a key, refused or not. */
  async recordCall(
    auth: AuthContext,
    call: { method: string; route: string; url: string; status: number },
    actor: Actor,
  ): Promise<void> {
    if (!auth.apiKey) return;
    await this.audit.record(actor, {
      action: 'api_key.request',
      targetType: 'api_key',
      targetId: auth.apiKey.id,
      targetName: auth.apiKey.name,
      detail: { ...call, scope: auth.apiKey.scope },
    });
  }

  private async recordUse(row: ApiKeyRow, now: Date, ip: string): Promise<void> {
    const last = row.last_used_at ? new Date(row.last_used_at).getTime() : null;
    if (last !== null && now.getTime() - last < LAST_USE_INTERVAL_MS) return;
    const staleBefore = new Date(now.getTime() - LAST_USE_INTERVAL_MS + 1).toISOString();
    await this.repo.touch(row.id, now.toISOString(), ip, staleBefore);
  }
}
