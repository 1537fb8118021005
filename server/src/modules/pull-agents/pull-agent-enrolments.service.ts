import { randomUUID } from 'node:crypto';
import type {
  CompletedPullAgentEnrolment,
  CreatePullAgentEnrolmentBody,
  PullAgentEnrolment,
} from '@archnest/contract';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import { createSelfSignedCert } from '../../crypto/self-signed-cert';
import { createEnrolToken } from '../../docker/pull-agent/enrol-proof';
import { EnrolError, enrolWithAgent, type EnrolResult } from '../../docker/pull-agent/enrol-client';
import { AppError, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import type { DockerHostsService } from '../containers/docker-hosts.service';
import { splitAddress } from './pull-agent-address';
import { pullAgentCommands } from './pull-agent-commands';
import type { PullAgentEnrolmentsRepo } from './pull-agent-enrolments.repo';

export const ENROLMENT_TTL_MS = 15 * 60_000;
/** How long one completion may hold the enrolment while it talks to the agent. */
const CLAIM_MS = 60_000;

const sealContext = (id: string) => `pull_agent_enrolment:${id}:token`;

/** Opening an enrolment (a sealed one-time token) and completing it (the mutual proof, both pins). */
export class PullAgentEnrolmentsService {
  constructor(
    private readonly repo: PullAgentEnrolmentsRepo,
    private readonly dockerHosts: DockerHostsService,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly enrolTimeoutMs = 10_000,
  ) {}

  async create(
    actor: Actor,
    body: CreatePullAgentEnrolmentBody,
    origin: string,
  ): Promise<PullAgentEnrolment> {
    const { port } = splitAddress(body.address);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new AppError(400, 'invalid_request', 'The port must be a whole number from 1 to 65535.');
    const id = randomUUID();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ENROLMENT_TTL_MS);
    const token = createEnrolToken(expiresAt);
    await this.repo.deleteStale(new Date(now.getTime() - 86_400_000).toISOString());
    await this.repo.insert({
      id,
      name: body.name,
      address: body.address,
      token_sealed: this.box.seal(token, sealContext(id)),
      expires_at: expiresAt.toISOString(),
      claimed_until: null,
      used_at: null,
      docker_host_id: null,
      created_by: actor.id ?? '',
      created_at: now.toISOString(),
    });
    await this.audit.record(actor, {
      action: 'pull_agent.enrolment_opened',
      targetType: 'pull_agent_enrolment',
      targetId: id,
      targetName: body.name,
      detail: { address: body.address, monitorOnly: body.monitorOnly, allowExec: body.allowExec },
    });
    const commands = pullAgentCommands({ ...body, origin, token });
    return {
      id,
      name: body.name,
      address: body.address,
      expiresAt: expiresAt.toISOString(),
      token,
      ...commands,
    };
  }

  async complete(actor: Actor, id: string): Promise<CompletedPullAgentEnrolment> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('Enrolment');
    const now = this.clock.now();
    if (row.used_at) throw new AppError(409, 'enrolment_used', 'This enrolment token was already used.');
    if (row.expires_at <= now.toISOString())
      throw new AppError(
        410,
        'enrolment_expired',
        'This enrolment token has expired; add the pull agent again.',
      );
    const claimed = await this.repo.claim(
      id,
      now.toISOString(),
      new Date(now.getTime() + CLAIM_MS).toISOString(),
    );
    if (!claimed)
      throw new AppError(
        409,
        'enrolment_in_progress',
        'This enrolment is being completed by another request.',
      );
    let result: EnrolResult;
    const client = createSelfSignedCert('archnest');
    try {
      const token = this.box.open(row.token_sealed, sealContext(id));
      result = await enrolWithAgent(splitAddress(row.address), client, token, this.enrolTimeoutMs);
    } catch (error) {
      await this.repo.release(id);
      if (!(error instanceof EnrolError)) throw error;
      await this.audit.record(actor, {
        action: 'pull_agent.enrolment_failed',
        targetType: 'pull_agent_enrolment',
        targetId: id,
        targetName: row.name,
        detail: { code: error.code },
      });
      throw new AppError(error.code === 'agent_refused' ? 409 : 502, error.code, error.message);
    }
    const host = await this.dockerHosts.addPullAgent(actor, {
      name: row.name,
      address: row.address,
      agentCertPem: result.agentCertPem,
      clientCertPem: client.certPem,
      clientKeyPem: client.keyPem,
      agentFingerprint: result.agentFingerprint,
    });
    await this.repo.markUsed(id, this.clock.now().toISOString(), host.id);
    return {
      host,
      agentFingerprint: result.agentFingerprint,
      clientFingerprint: result.clientFingerprint,
      monitorOnly: result.monitorOnly,
      execEnabled: result.execEnabled,
    };
  }
}
