import { randomUUID } from 'node:crypto';
import type { HostKeyChallenge, LiveTerminalSession, TerminalSessionRecord } from '@archnest/contract';
import type { AuthContext } from '../../auth/auth-context';
import type { SessionEvents } from '../../auth/session-events';
import type { Clock } from '../../clock';
import type { Features } from '../../features';
import { AppError, notFound } from '../../http/app-error';
import type { KeyboardPrompt } from '../../ssh/ssh-target';
import { TerminalRegistry } from '../../ssh/terminal/terminal-registry';
import { TerminalSession, type TerminalTimers } from '../../ssh/terminal/terminal-session';
import type { TerminalPeer } from '../../ssh/terminal/terminal-peer';
import type { HostKeyService } from '../hosts/host-key.service';
import type { HostsService } from '../hosts/hosts.service';
import type { ShellOpener } from './shell-opener';
import type { TerminalAuditRepo } from './terminal-audit.repo';

/** How the socket asks its user things while a connection is being made. */
export interface TerminalInteraction {
  confirmHostKey(challenge: HostKeyChallenge): Promise<boolean>;
  answerPrompts(name: string, instructions: string, prompts: KeyboardPrompt[]): Promise<string[]>;
}

export const COMMUNITY_PANES_PER_TAB = 4;
export const PRO_PANES_PER_TAB = 64;

export interface OpenRequest {
  hostId: string;
  tabId: string;
  cols: number;
  rows: number;
}

export class TerminalService {
  readonly registry = new TerminalRegistry();

  constructor(
    private readonly hosts: HostsService,
    private readonly hostKeys: HostKeyService,
    private readonly opener: ShellOpener,
    private readonly audit: TerminalAuditRepo,
    private readonly features: Features,
    private readonly clock: Clock,
    private readonly timers: TerminalTimers,
    events: SessionEvents,
  ) {
    events.onEnded(({ sessionId, userId, reason }) => {
      // Logout ends every terminal of the user; a revoked or expired sign-in ends the terminals it opened.
      if (reason === 'logout') this.registry.endWhere((s) => s.info.userId === userId, 'logout');
      else if (reason === 'user_disabled')
        this.registry.endWhere((s) => s.info.userId === userId, 'user_disabled');
      else this.registry.endWhere((s) => s.info.authSessionId === sessionId, reason);
    });
  }

  paneLimit(): number {
    return this.features.isEnabled('unlimitedTerminalPanes') ? PRO_PANES_PER_TAB : COMMUNITY_PANES_PER_TAB;
  }

  async open(
    auth: AuthContext,
    request: OpenRequest,
    peer: TerminalPeer,
    ask: TerminalInteraction,
  ): Promise<TerminalSession> {
    const limit = this.paneLimit();
    if (this.registry.countInTab(auth.user.id, request.tabId) >= limit) {
      throw new AppError(
        409,
        'session_limit',
        `This tab already has ${limit} live sessions, the most the ${this.features.edition} edition allows.`,
      );
    }
    const plan = await this.hosts.connectionPlan(request.hostId);
    const target = plan.at(-1);
    if (!target) throw notFound('Host');
    const actor = {
      id: auth.user.id,
      name: auth.user.username,
      ip: auth.session.ip,
      isAdmin: auth.user.role === 'admin',
    };
    const opened = await this.opener.openShell(plan, {
      // First contact asks the user; a changed key is refused here and only an admin can replace it.
      decide: async (verdict) => {
        if (verdict.reason === 'unknown' && (await ask.confirmHostKey(verdict.challenge))) {
          await this.hostKeys.trust(actor, verdict.challenge.challengeId);
          return { trust: true };
        }
        return verdict;
      },
      answerPrompts: (name, instructions, prompts) => ask.answerPrompts(name, instructions, prompts),
      cols: request.cols,
      rows: request.rows,
    });
    const startedAt = this.clock.now();
    const session = new TerminalSession(
      {
        id: randomUUID(),
        userId: auth.user.id,
        authSessionId: auth.session.id,
        tabId: request.tabId,
        hostId: target.hostId,
        hostName: target.name,
        fingerprint: opened.fingerprint,
        startedAt,
      },
      opened.shell,
      () => opened.close(),
      this.timers,
      (ended, end) => {
        this.registry.remove(ended);
        void this.audit.finish(
          ended.info.id,
          this.clock.now().toISOString(),
          end.bytesIn,
          end.bytesOut,
          end.reason,
        );
      },
    );
    await this.audit.start({
      id: session.info.id,
      user_id: auth.user.id,
      username: auth.user.username,
      host_id: target.hostId,
      host_name: target.name,
      address: target.address,
      port: target.port,
      fingerprint: opened.fingerprint,
      started_at: startedAt.toISOString(),
      bytes_in: 0,
      bytes_out: 0,
    });
    this.registry.add(session);
    session.attach(peer, request.cols, request.rows);
    return session;
  }

  attach(
    auth: AuthContext,
    sessionId: string,
    peer: TerminalPeer,
    cols: number,
    rows: number,
  ): TerminalSession {
    const session = this.registry.find(sessionId, auth.user.id);
    if (!session) throw notFound('Terminal session');
    session.attach(peer, cols, rows);
    return session;
  }

  live(auth: AuthContext): LiveTerminalSession[] {
    return this.registry.listForUser(auth.user.id);
  }

  history(limit: number): Promise<TerminalSessionRecord[]> {
    return this.audit.list(limit);
  }

  async startUp(): Promise<void> {
    await this.audit.closeDangling(this.clock.now().toISOString());
  }

  shutdown(): void {
    this.registry.endWhere(() => true, 'server_shutdown');
  }
}
