import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AgentToken, AgentTokenList, IssuedAgentToken } from '@archnest/contract';
import type { Clock } from '../../clock';
import { AppError, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import type { AgentTokenRow, AgentTokensRepo } from './agent-tokens.repo';

/** Who a report comes from: the instance-wide token (any host label) or one host's own token. */
export type AgentPrincipal = { kind: 'instance' } | { kind: 'host'; tokenId: string; hostLabel: string };

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{16,512})$/;
const TOKEN_PREFIX = 'ana_';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

const invalidToken = () =>
  new AppError(401, 'agent_token_invalid', 'The agent token is missing or not valid.', {
    'www-authenticate': 'Bearer',
  });

function toAgentToken(row: AgentTokenRow): AgentToken {
  return {
    id: row.id,
    hostLabel: row.host_label,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Agent tokens: `ARCHNEST_AGENT_TOKEN` for any host, and per-host tokens issued by an admin. Only the
 * SHA-256 of a per-host token is stored; the token itself is shown once, in the answer to `issue`.
 */
export class AgentTokensService {
  private readonly instanceHash: Buffer | null;

  constructor(
    private readonly repo: AgentTokensRepo,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    instanceToken: string | undefined,
  ) {
    this.instanceHash = instanceToken ? sha256(instanceToken) : null;
  }

  /**
   * Decides who sent a request from its Authorization header alone, before its body is read. A
   * known token (even a revoked one) gets its own answer; anything else is refused as invalid, or
   * as "ingest off" when no token that could be accepted exists at all.
   */
  async authenticate(authorization: string | undefined): Promise<AgentPrincipal> {
    const match = BEARER.exec(authorization ?? '');
    const given = match ? sha256(match[1]!) : null;
    if (given && this.instanceHash && timingSafeEqual(given, this.instanceHash)) return { kind: 'instance' };
    const row = given ? await this.repo.findByHash(given.toString('hex')) : undefined;
    // The row was found by its hash; comparing again in constant time keeps the check uniform.
    if (row && given && timingSafeEqual(Buffer.from(row.token_hash, 'hex'), given)) {
      if (row.revoked_at) {
        throw new AppError(401, 'agent_token_revoked', 'This agent token has been revoked.', {
          'www-authenticate': 'Bearer',
        });
      }
      return { kind: 'host', tokenId: row.id, hostLabel: row.host_label };
    }
    if (!this.instanceHash && !(await this.repo.anyActive())) {
      throw new AppError(
        503,
        'agent_ingest_disabled',
        'Agent ingest is off: set ARCHNEST_AGENT_TOKEN or issue a host token under Settings › Agents.',
      );
    }
    throw invalidToken();
  }

  async list(): Promise<AgentTokenList> {
    return {
      instanceTokenConfigured: this.instanceHash !== null,
      tokens: (await this.repo.list()).map(toAgentToken),
    };
  }

  async issue(actor: Actor, hostLabel: string): Promise<IssuedAgentToken> {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const row: AgentTokenRow = {
      id: randomUUID(),
      host_label: hostLabel,
      token_hash: sha256(token).toString('hex'),
      created_at: this.clock.now().toISOString(),
      created_by: actor.name,
      last_used_at: null,
      revoked_at: null,
    };
    await this.repo.insert(row);
    await this.audit.record(actor, {
      action: 'agent_token.issued',
      targetType: 'agent_token',
      targetId: row.id,
      targetName: hostLabel,
    });
    return { ...toAgentToken(row), token };
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('Agent token');
    await this.repo.revoke(id, this.clock.now().toISOString());
    await this.audit.record(actor, {
      action: 'agent_token.revoked',
      targetType: 'agent_token',
      targetId: id,
      targetName: row.host_label,
    });
  }
}
