import {
  TERMINAL_CLOSE,
  WS_CLOSE_SESSION_ENDED,
  type ExecShell,
  type HostKeyChallenge,
  type PersonalHostLogin,
  type TerminalServerMessage,
} from '@archnest/contract';
import { WebglAddon } from '@xterm/addon-webgl';
import { createXterm, installClipboard, type XtermParts } from './create-xterm';
import { PaneConnection } from './pane-connection';
import { terminalTheme, type TerminalLook } from './terminal-theme';

export type PaneStatus = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'error';
type Extract<T, K> = T extends { type: K } ? Omit<T, 'type'> : never;

export interface PaneSnapshot {
  status: PaneStatus;
  hostName: string | null;
  fingerprint: string | null;
  hostKeyPrompt: HostKeyChallenge | null;
  prompt: Extract<TerminalServerMessage, 'prompt'> | null;
  /** A per-user host with no saved login: the server waits for the user's own. */
  credentialsPrompt: Extract<TerminalServerMessage, 'credentials_prompt'> | null;
  exit: Extract<TerminalServerMessage, 'exit'> | null;
  error: Extract<TerminalServerMessage, 'error'> | null;
  searchOpen: boolean;
}

/** What a pane opens: an SSH shell on a host, a shell inside a container (exec), or a Proxmox console. */
export type PaneTarget =
  | { kind: 'host'; hostId: string }
  | { kind: 'container'; dockerHostId: string; ref: string; shell?: ExecShell }
  | {
      kind: 'pve';
      integrationId: string;
      node: string;
      guestType: 'qemu' | 'lxc' | 'node';
      vmid: number | null;
    };

export interface PaneSessionInit {
  target: PaneTarget;
  tabId: string;
  /** Resume this session instead of opening a new one. */
  sessionId: string | null;
  /** false: attaching `sessionId` while another socket holds it fails with `attached_elsewhere`. */
  takeover?: boolean;
  look: TerminalLook;
  parking: HTMLElement;
  onSessionId: (sessionId: string | null) => void;
}

const MAX_RECONNECTS = 8;
/** docs/terminal-protocol.md: another socket attached to the same session. */

/**
 * One pane's live terminal. It lives in the provider above the router, so its xterm, socket and DOM
 * survive page changes; the page only lends it a slot to show the wrapper in.
 */
export class PaneSession {
  readonly wrapper = document.createElement('div');
  private readonly xterm: XtermParts;
  private connection: PaneConnection | null = null;
  private webgl: WebglAddon | null = null;
  private webglBroken = false;
  private sessionId: string | null;
  private takeover: boolean;
  private reconnects = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private resizeTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private listeners = new Set<() => void>();
  private snapshot: PaneSnapshot = {
    status: 'connecting',
    hostName: null,
    fingerprint: null,
    hostKeyPrompt: null,
    prompt: null,
    credentialsPrompt: null,
    exit: null,
    error: null,
    searchOpen: false,
  };

  constructor(private readonly init: PaneSessionInit) {
    this.sessionId = init.sessionId;
    this.takeover = init.takeover ?? true;
    this.wrapper.className = 'archnest-terminal h-full w-full';
    init.parking.appendChild(this.wrapper);
    this.xterm = createXterm(init.look);
    const { term } = this.xterm;
    term.open(this.wrapper);
    installClipboard(term, () => this.setSearchOpen(true));
    const encoder = new TextEncoder();
    term.onData((data) => this.input(encoder.encode(data)));
    term.onBinary((data) => this.input(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff)));
    term.onResize(({ cols, rows }) => {
      if (this.resizeTimer) clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => this.connection?.send({ type: 'resize', cols, rows }), 80);
    });
    this.connect();
  }

  get search() {
    return this.xterm.search;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  serialize(): string {
    return this.xterm.serialize.serialize();
  }

  /** Shows the terminal in a slot of the page; WebGL only while it is on screen. */
  show(slot: HTMLElement): void {
    slot.appendChild(this.wrapper);
    this.enableWebgl();
    this.fit();
  }

  /** Takes the terminal off the page without ending anything. */
  park(): void {
    this.webgl?.dispose();
    this.webgl = null;
    if (!this.disposed) this.init.parking.appendChild(this.wrapper);
  }

  fit(): void {
    if (this.wrapper.offsetWidth > 0 && this.wrapper.offsetHeight > 0) this.xterm.fit.fit();
  }

  focus(): void {
    this.xterm.term.focus();
  }

  setLook(look: TerminalLook): void {
    this.xterm.term.options.fontSize = look.fontSize;
    this.xterm.term.options.theme = terminalTheme(look.dark);
    this.fit();
  }

  setSearchOpen(searchOpen: boolean): void {
    if (!searchOpen) this.xterm.search.clearDecorations();
    this.update({ searchOpen });
    if (!searchOpen) this.focus();
  }

  answerHostKey(accept: boolean): void {
    const challenge = this.snapshot.hostKeyPrompt;
    if (!challenge) return;
    this.connection?.send({ type: 'host_key_answer', challengeId: challenge.challengeId, accept });
    this.update({ hostKeyPrompt: null });
  }

  answerPrompt(answers: string[]): void {
    this.connection?.send({ type: 'prompt_answer', answers });
    this.update({ prompt: null });
    this.focus();
  }

  /** The user's own login for this connection only; null declines (the open then fails). */
  answerCredentials(login: PersonalHostLogin | null): void {
    this.connection?.send({ type: 'credentials', login });
    this.update({ credentialsPrompt: null });
    if (login) this.focus();
  }

  /** A new shell on the same host, after an exit or an error. */
  restart(): void {
    this.connection?.close(true);
    this.setSessionId(null);
    this.xterm.term.write('\r\n\x1b[2m── new session ──\x1b[0m\r\n');
    this.reconnects = 0;
    this.connect();
  }

  /** Takes the session over from wherever it is attached (another tab or browser). */
  resume(): void {
    if (!this.sessionId) return this.restart();
    this.takeover = true;
    this.connection?.close(false);
    this.reconnects = 0;
    this.connect();
  }

  /** `endSession` false leaves the server session to be reattached (sign-out drops it anyway). */
  dispose(endSession: boolean): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.resizeTimer) clearTimeout(this.resizeTimer);
    this.connection?.close(endSession);
    this.connection = null;
    this.webgl?.dispose();
    this.webgl = null;
    this.xterm.term.dispose();
    this.wrapper.remove();
    this.listeners.clear();
  }

  private connect(): void {
    this.update({
      status: this.sessionId && this.reconnects > 0 ? 'reconnecting' : 'connecting',
      exit: null,
      error: null,
    });
    const { term } = this.xterm;
    this.connection = new PaneConnection(
      () => {
        const size = { cols: term.cols, rows: term.rows };
        if (this.sessionId)
          return { type: 'attach', sessionId: this.sessionId, takeover: this.takeover, ...size };
        const { target, tabId } = this.init;
        switch (target.kind) {
          case 'host':
            return { type: 'open', hostId: target.hostId, tabId, ...size };
          case 'container':
            return {
              type: 'exec',
              dockerHostId: target.dockerHostId,
              ref: target.ref,
              tabId,
              ...(target.shell ? { shell: target.shell } : {}),
              ...size,
            };
          case 'pve': {
            const { kind: _kind, ...console } = target;
            return { type: 'pve_console', ...console, tabId, ...size };
          }
        }
      },
      {
        onMessage: (message) => this.onMessage(message),
        onOutput: (data, rendered) => term.write(data, rendered),
        onDrop: (code) => this.onDrop(code),
      },
    );
  }

  private onMessage(message: TerminalServerMessage): void {
    switch (message.type) {
      case 'host_key_prompt':
        this.update({ hostKeyPrompt: message.challenge });
        break;
      case 'prompt':
        this.update({ prompt: message });
        break;
      case 'credentials_prompt':
        this.update({ credentialsPrompt: message });
        break;
      case 'ready':
        this.reconnects = 0;
        // Reconnecting after a network drop takes back what is ours.
        this.takeover = true;
        // Scrollback replay repaints everything this pane already shows.
        if (message.replayBytes > 0) this.xterm.term.reset();
        this.setSessionId(message.sessionId);
        this.update({ status: 'live', hostName: message.hostName, fingerprint: message.fingerprint });
        this.fit();
        break;
      case 'exit':
        this.update({
          status: 'ended',
          exit: message,
          hostKeyPrompt: null,
          prompt: null,
          credentialsPrompt: null,
        });
        this.setSessionId(null);
        break;
      case 'error':
        this.update({
          status: 'error',
          error: message,
          hostKeyPrompt: null,
          prompt: null,
          credentialsPrompt: null,
        });
        break;
      case 'pong':
        break;
    }
  }

  private onDrop(code: number): void {
    this.connection = null;
    const { status } = this.snapshot;
    if (this.disposed || status === 'ended' || status === 'error') return;
    // Another tab attached to this session, or the sign-in ended: reconnecting would only fight it.
    if (code === TERMINAL_CLOSE.attachedElsewhere || code === WS_CLOSE_SESSION_ENDED) {
      const takenOver = code === TERMINAL_CLOSE.attachedElsewhere;
      return this.fail(
        takenOver ? 'taken_over' : 'signed_out',
        takenOver ? 'This session moved to another tab or browser.' : 'Your sign-in ended.',
      );
    }
    if (!this.sessionId || this.reconnects >= MAX_RECONNECTS) {
      return this.fail(
        'connection_lost',
        this.sessionId
          ? 'The connection to the server was lost and could not be restored.'
          : 'The connection closed before the session started.',
      );
    }
    const delay = Math.min(15_000, 500 * 2 ** this.reconnects) * (0.75 + Math.random() * 0.5);
    this.reconnects += 1;
    this.update({ status: 'reconnecting' });
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private fail(error: string, message: string): void {
    this.update({
      status: 'error',
      hostKeyPrompt: null,
      prompt: null,
      credentialsPrompt: null,
      error: { error, message, step: null, expectedFingerprint: null, seenFingerprint: null },
    });
  }

  private input(bytes: Uint8Array): void {
    if (this.snapshot.status === 'live') this.connection?.sendBytes(bytes);
  }

  private setSessionId(sessionId: string | null): void {
    this.sessionId = sessionId;
    this.init.onSessionId(sessionId);
  }

  private enableWebgl(): void {
    if (this.webgl || this.webglBroken) return;
    try {
      const addon = new WebglAddon();
      addon.onContextLoss(() => {
        // Too many contexts or a GPU reset: the DOM renderer takes over for good.
        this.webglBroken = true;
        addon.dispose();
        if (this.webgl === addon) this.webgl = null;
      });
      this.xterm.term.loadAddon(addon);
      this.webgl = addon;
    } catch {
      this.webglBroken = true;
    }
  }

  private update(patch: Partial<PaneSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
