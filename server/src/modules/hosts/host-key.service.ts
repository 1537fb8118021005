import { randomUUID } from 'node:crypto';
import type { HostKeyChallenge, KnownHostKey } from '@archnest/contract';
import type { Clock } from '../../clock';
import { AppError, forbidden, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import { endpointKey, type KnownHostKeyRow, type KnownHostKeysRepo } from './known-host-keys.repo';

/** What a connection saw at one hop: the facts a verifier decides on. */
export interface SeenHostKey {
  hostName: string;
  address: string;
  port: number;
  hop: number;
  algorithm: string;
  fingerprint: string;
  publicKey: string;
}

export type HostKeyVerdict =
  | { trust: true }
  | {
      trust: false;
      reason: 'unknown' | 'changed';
      expectedFingerprint: string | null;
      challenge: HostKeyChallenge;
    };

interface PendingChallenge {
  seen: SeenHostKey;
  reason: 'unknown' | 'changed';
  expiresAt: number;
}

const CHALLENGE_TTL_MS = 10 * 60_000;
const MAX_PENDING = 1000;

function toKnownHostKey(row: KnownHostKeyRow): KnownHostKey {
  return {
    id: row.id,
    address: row.address,
    port: row.port,
    algorithm: row.algorithm,
    fingerprint: row.fingerprint,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
  };
}

/**
 * The one host-key policy for every SSH use. A key matches what is stored for address:port, or the
 * connection stops. An unseen key becomes a challenge a user may accept; a changed key can only be
 * replaced by an admin, and that is audited.
 */
export class HostKeyService {
  private readonly pending = new Map<string, PendingChallenge>();

  constructor(
    private readonly repo: KnownHostKeysRepo,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(): Promise<KnownHostKey[]> {
    return this.repo.list().then((rows) => rows.map(toKnownHostKey));
  }

  async verify(seen: SeenHostKey): Promise<HostKeyVerdict> {
    const stored = await this.repo.find(seen.address, seen.port);
    if (stored && stored.fingerprint === seen.fingerprint && stored.algorithm === seen.algorithm)
      return { trust: true };
    const reason = stored ? 'changed' : 'unknown';
    const expectedFingerprint = stored?.fingerprint ?? null;
    return {
      trust: false,
      reason,
      expectedFingerprint,
      challenge: this.challenge(seen, reason, expectedFingerprint),
    };
  }

  /** Trusts the key behind a challenge; replacing a different stored key needs an admin. */
  async trust(actor: Actor & { isAdmin: boolean }, challengeId: string): Promise<KnownHostKey> {
    this.prune();
    const pending = this.pending.get(challengeId);
    if (!pending)
      throw new AppError(
        410,
        'challenge_expired',
        'That host key prompt has expired; connect again to see the key.',
      );
    const { seen } = pending;
    const stored = await this.repo.find(seen.address, seen.port);
    const replacing = stored !== undefined && stored.fingerprint !== seen.fingerprint;
    if (replacing && !actor.isAdmin) {
      throw forbidden('The host key changed. Only an administrator can replace a stored host key.');
    }
    const row: KnownHostKeyRow = {
      id: randomUUID(),
      address: endpointKey(seen.address),
      port: seen.port,
      algorithm: seen.algorithm,
      fingerprint: seen.fingerprint,
      public_key: seen.publicKey,
      accepted_by: actor.name,
      accepted_at: this.clock.now().toISOString(),
    };
    await this.repo.put(row);
    this.pending.delete(challengeId);
    await this.audit.record(actor, {
      action: replacing ? 'host_key.replaced' : 'host_key.accepted',
      targetType: 'host_key',
      targetId: row.id,
      targetName: `${row.address}:${row.port}`,
      detail: {
        algorithm: row.algorithm,
        fingerprint: row.fingerprint,
        ...(replacing ? { previous: stored.fingerprint } : {}),
      },
    });
    return toKnownHostKey(row);
  }

  async forget(actor: Actor, id: string): Promise<void> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('Host key');
    await this.repo.delete(id);
    await this.audit.record(actor, {
      action: 'host_key.forgotten',
      targetType: 'host_key',
      targetId: id,
      targetName: `${row.address}:${row.port}`,
      detail: { fingerprint: row.fingerprint },
    });
  }

  private challenge(
    seen: SeenHostKey,
    reason: 'unknown' | 'changed',
    expected: string | null,
  ): HostKeyChallenge {
    this.prune();
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const challengeId = randomUUID();
    this.pending.set(challengeId, { seen, reason, expiresAt: this.clock.now().getTime() + CHALLENGE_TTL_MS });
    return {
      challengeId,
      hop: seen.hop,
      hostName: seen.hostName,
      address: seen.address,
      port: seen.port,
      algorithm: seen.algorithm,
      fingerprint: seen.fingerprint,
      reason,
      expectedFingerprint: expected,
    };
  }

  private prune(): void {
    const now = this.clock.now().getTime();
    for (const [id, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(id);
  }
}
