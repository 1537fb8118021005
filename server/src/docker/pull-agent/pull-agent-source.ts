import type { ContainerSource } from '../container-source';
import { EngineApiSource } from '../engine-api-source';
import { PinnedTlsAgent } from './pinned-tls-agent';

export interface PullAgentSourceOptions {
  label: string;
  host: string;
  port: number;
  clientCert: string;
  clientKey: string;
  /** The agent's certificate fingerprint pinned at enrolment. */
  agentFingerprint: string;
  timeoutMs?: number;
}

/**
 * A Docker host reached through its pull agent. The agent answers the Engine API's own paths for
 * the narrow set it carries, so everything above the transport is the Engine API source; only the
 * connections differ (pinned mutual TLS instead of a socket or a CA).
 */
export class PullAgentSource extends EngineApiSource {
  override readonly kind: ContainerSource['kind'] = 'pull-agent';
  private readonly agent: PinnedTlsAgent;

  constructor(options: PullAgentSourceOptions) {
    const agent = new PinnedTlsAgent({
      label: options.label,
      host: options.host,
      port: options.port,
      cert: options.clientCert,
      key: options.clientKey,
      pinned: options.agentFingerprint,
      connectTimeoutMs: options.timeoutMs ?? 5000,
    });
    super({
      label: options.label,
      endpoint: { dialer: agent },
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    this.agent = agent;
  }

  override close(): void {
    this.agent.destroy();
  }
}
