import { randomUUID } from 'node:crypto';
import {
  TERMINAL_PANES_PER_TAB,
  type HostKeyChallenge,
  type ExecShell,
  type LiveTerminalSession,
  type PersonalHostLogin,
  type TerminalSessionKind,
  type TerminalSessionRecord,
} from '@archnest/contract';
import type { AuthContext } from '../../auth/auth-context';
import type { SessionEvents } from '../../auth/session-events';
import type { Clock } from '../../clock';
import type { Features } from '../../features';
import { AppError, notFound } from '../../http/app-error';
import type { ShellChannel, KeyboardPrompt } from '../../ssh';
import { TerminalRegistry } from '../../terminal-sessions/terminal-registry';
import { TerminalSession, type TerminalTimers } from '../../terminal-sessions/terminal-session';
import type { TerminalPeer } from '../../terminal-sessions/terminal-peer';
import type { HostKeyService } from '../hosts/host-key.service';
import { viewerOf } from '../hosts/host-access';
import type { HostLoginService } from '../hosts/host-login.service';
import type { HostsService } from '../hosts/hosts.service';
import type { OpenedShell, ShellOpener } from './shell-opener';
import type { TerminalAuditRepo } from './terminal-audit.repo';

/** How the socket asks its user things while a connection is being made. */
export interface TerminalInteraction {
  confirmHostKey(challenge: HostKeyChallenge): Promise<boolean>;
  answerPrompts(name: string, instructions: string, prompts: KeyboardPrompt[]): Promise<string[]>;
  /** A per-user host without a saved login: the user's login for this connection, or null. */
  askLogin(host: { id: string; name: string; username: string }): Promise<PersonalHostLogin | null>;
}

export const COMMUNITY_PANES_PER_TAB = TERMINAL_PANES_PER_TAB.community;
export const PRO_PANES_PER_TAB = TERMINAL_PANES_PER_TAB.pro;

/** Starts a shell inside a container; the Containers feature provides it. */
export interface ContainerExecOpener {
  openExec(
    dockerHostId: string,
    ref: string,
    cols: number,
    rows: number,
    shell?: ExecShell,
  ): Promise<{ shell: ShellChannel; hostName: string; address: string }>;
}

/** Opens a Proxmox guest's or node's console; the guest-actions module provides it. */
export interface GuestConsoleOpener {
  openConsole(request: ConsoleRequest): Promise<{ shell: ShellChannel; hostName: string; address: string }>;
}

export interface ConsoleRequest {
  integrationId: string;
  node: string;
  guestType: 'qemu' | 'lxc' | 'node';
  vmid: number | null;
  tabId: string;
  cols: number;
  rows: number;
}

export interface ExecRequest {
  dockerHostId: string;
  ref: string;
  shell?: ExecShell | undefined;
  tabId: string;
  cols: number;
  rows: number;
}

export interface OpenRequest {
  hostId: string;
  tabId: string;
  cols: number;
  rows: number;
}

export class TerminalService {
  readonly registry = new TerminalRegistry();
  private containerExec: ContainerExecOpener | null = null;
  private guestConsoles: GuestConsoleOpener | null = null;

  constructor(
    private readonly hosts: HostsService,
    private readonly logins: HostLoginService,
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
    // A user who lost access to a host (or the host went) loses its live terminals too.
    hosts.onAccessChange((hostId) => void this.endUnauthorised(hostId));
  }

  private async endUnauthorised(hostId: string): Promise<void> {
    const sessions = this.registry.matching((s) => s.info.hostId === hostId);
    for (const session of sessions) {
      const allowed = await this.hosts.userMayUse(session.info.userId, hostId).catch(() => false);
      if (!allowed) session.end('access_revoked');
    }
  }

  /** The Containers feature plugs its exec in here (it is built after the terminal). */
  useContainerExec(opener: ContainerExecOpener): void {
    this.containerExec = opener;
  }

  useGuestConsoles(opener: GuestConsoleOpener): void {
    this.guestConsoles = opener;
  }

  /** A Proxmox console (pro, admins); `audit` records the attempt and its outcome. */
  async openConsole(
    auth: AuthContext,
    request: ConsoleRequest,
    peer: TerminalPeer,
    audit: (ok: boolean, message?: string) => Promise<void>,
  ): Promise<TerminalSession> {
    if (!this.features.isEnabled('proxmoxConsoles')) {
      throw new AppError(
        403,
        'feature_unavailable',
        `This needs the proxmoxConsoles feature, which the ${this.features.edition} edition does not include.`,
      );
    }
    if (auth.user.role !== 'admin')
      throw new AppError(403, 'forbidden', 'Only administrators may open a Proxmox console.');
    if (!this.guestConsoles) throw notFound('Proxmox console');
    this.checkPaneLimit(auth, request.tabId);
    let opened: Awaited<ReturnType<GuestConsoleOpener['openConsole']>>;
    try {
      opened = await this.guestConsoles.openConsole(request);
    } catch (error) {
      await audit(false, error instanceof Error ? error.message : 'failed');
      throw error;
    }
    await audit(true);
    return this.start(
      auth,
      request.tabId,
      { kind: 'proxmox', id: request.integrationId, name: opened.hostName, address: opened.address, port: 0 },
      { shell: opened.shell, fingerprint: '', close: () => opened.shell.close() },
      peer,
      request,
    );
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
    this.checkPaneLimit(auth, request.tabId);
    const plan = await this.planFor(auth, request.hostId, ask);
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
    return this.start(
      auth,
      request.tabId,
      { kind: 'ssh', id: target.hostId, name: target.name, address: target.address, port: target.port },
      opened,
      peer,
      request,
    );
  }

  /** A shell inside a container; `audit` records the attempt and its outcome. */
  async openExec(
    auth: AuthContext,
    request: ExecRequest,
    peer: TerminalPeer,
    audit: (ok: boolean, message?: string) => Promise<void>,
  ): Promise<TerminalSession> {
    if (auth.user.role !== 'admin')
      throw new AppError(403, 'forbidden', 'Only administrators may open a shell in a container.');
    if (!this.containerExec) throw notFound('Container console');
    this.checkPaneLimit(auth, request.tabId);
    let opened: Awaited<ReturnType<ContainerExecOpener['openExec']>>;
    try {
      opened = await this.containerExec.openExec(
        request.dockerHostId,
        request.ref,
        request.cols,
        request.rows,
        request.shell,
      );
    } catch (error) {
      await audit(false, error instanceof Error ? error.message : 'failed');
      throw error;
    }
    await audit(true);
    return this.start(
      auth,
      request.tabId,
      {
        kind: 'container',
        id: request.dockerHostId,
        name: opened.hostName,
        address: opened.address,
        port: 0,
      },
      { shell: opened.shell, fingerprint: '', close: () => opened.shell.close() },
      peer,
      request,
    );
  }

  /**
   * The user's plan: access checked first (404 `host_not_found`); a per-user host with no saved
   * login asks for one over the socket, and no answer fails with `credentials_required`.
   */
  private async planFor(auth: AuthContext, hostId: string, ask: TerminalInteraction) {
    const viewer = viewerOf(auth);
    try {
      return await this.logins.planFor(viewer, hostId);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'credentials_required') throw error;
      const host = await this.hosts.getFor(viewer, hostId);
      const login = await ask.askLogin({ id: host.id, name: host.name, username: host.username });
      if (!login) {
        throw new AppError(409, 'credentials_required', `"${host.name}" needs your own login to connect.`);
      }
      return this.logins.planFor(viewer, hostId, login);
    }
  }

  private checkPaneLimit(auth: AuthContext, tabId: string): void {
    const limit = this.paneLimit();
    if (this.registry.countInTab(auth.user.id, tabId) >= limit) {
      throw new AppError(
        409,
        'session_limit',
        `This tab already has ${limit} live sessions, the most the ${this.features.edition} edition allows.`,
      );
    }
  }

  private async start(
    auth: AuthContext,
    tabId: string,
    target: { kind: TerminalSessionKind; id: string; name: string; address: string; port: number },
    opened: OpenedShell,
    peer: TerminalPeer,
    size: { cols: number; rows: number },
  ): Promise<TerminalSession> {
    const startedAt = this.clock.now();
    const session = new TerminalSession(
      {
        id: randomUUID(),
        kind: target.kind,
        userId: auth.user.id,
        authSessionId: auth.session.id,
        tabId,
        hostId: target.id,
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
      host_id: target.id,
      host_name: target.name,
      address: target.address,
      port: target.port,
      fingerprint: opened.fingerprint,
      started_at: startedAt.toISOString(),
      bytes_in: 0,
      bytes_out: 0,
    });
    this.registry.add(session);
    session.attach(peer, size.cols, size.rows);
    return session;
  }

  /**
   * Binds one of the user's live sessions to this socket. Synchronous from lookup to bind, so of
   * attaches racing for one session the last one holds it and every other socket got 4409.
   */
  attach(
    auth: AuthContext,
    request: { sessionId: string; cols: number; rows: number; takeover?: boolean | undefined },
    peer: TerminalPeer,
  ): TerminalSession {
    const session = this.registry.find(request.sessionId, auth.user.id);
    if (!session) throw notFound('Terminal session');
    if (request.takeover === false && session.attached)
      throw new AppError(409, 'attached_elsewhere', 'This session is open in another tab or browser.');
    session.attach(peer, request.cols, request.rows);
    return session;
  }

  live(auth: AuthContext): LiveTerminalSession[] {
    return this.registry.listForUser(auth.user.id);
  }

  /** The audit; a session still running shows its byte counters as they are now. */
  async history(limit: number): Promise<TerminalSessionRecord[]> {
    const rows = await this.audit.list(limit);
    return rows.map((row) => {
      const live = row.endedAt === null ? this.registry.get(row.id) : undefined;
      return live ? { ...row, bytesIn: live.bytesIn, bytesOut: live.bytesOut } : row;
    });
  }

  async startUp(): Promise<void> {
    await this.audit.closeDangling(this.clock.now().toISOString());
  }

  shutdown(): void {
    this.registry.endWhere(() => true, 'server_shutdown');
  }
}
