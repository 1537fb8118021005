import { z } from 'zod';
import { PersonalHostLogin } from './host-access';
import { HostKeyChallenge } from './hosts';
import { ExecShell } from './container-table';

/**
 * The terminal WebSocket (`/api/terminal`, one socket per pane). Terminal bytes travel as binary
 * frames in both directions; everything else is one of these small JSON text frames.
 * See docs/terminal-protocol.md.
 */
const Size = { cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) };

export const TerminalClientMessage = z.discriminatedUnion('type', [
  /** First message on a new socket: start a shell on a host. `tabId` groups panes for the pane limit. */
  z.object({ type: z.literal('open'), hostId: z.string().max(64), tabId: z.string().max(64), ...Size }),
  /** First message of an exec console: a shell inside a container (admins only). */
  z.object({
    type: z.literal('exec'),
    dockerHostId: z.string().max(64),
    ref: z.string().max(128),
    tabId: z.string().max(64),
    /** The shell to start (argv[0] from a fixed list); default `sh`. */
    shell: ExecShell.optional(),
    ...Size,
  }),
  /** First message of a Proxmox console (pro, admins only): a guest's terminal, or a node's shell (`node`). */
  z.object({
    type: z.literal('pve_console'),
    integrationId: z.string().max(64),
    node: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/),
    guestType: z.enum(['qemu', 'lxc', 'node']),
    vmid: z.number().int().min(100).max(999_999_999).nullable(),
    tabId: z.string().max(64),
    ...Size,
  }),
  /**
   * First message on a socket that resumes a session (reload, dropped network, the live-sessions list).
   * `takeover: false` refuses with `attached_elsewhere` while another socket holds the session;
   * otherwise (the default) the other socket is closed with 4409.
   */
  z.object({
    type: z.literal('attach'),
    sessionId: z.string().max(64),
    takeover: z.boolean().optional(),
    ...Size,
  }),
  z.object({ type: z.literal('resize'), ...Size }),
  /** Bytes the terminal has rendered since the last ack: the server's flow-control credit. */
  z.object({
    type: z.literal('ack'),
    bytes: z
      .number()
      .int()
      .min(0)
      .max(1 << 30),
  }),
  z.object({ type: z.literal('host_key_answer'), challengeId: z.string().max(64), accept: z.boolean() }),
  z.object({ type: z.literal('prompt_answer'), answers: z.array(z.string().max(4096)).max(16) }),
  /**
   * The user's own login for a per-user host, for this connection only (never stored): the answer
   * to `credentials_prompt`, or sent right after `open` to skip the prompt. `null` declines: the
   * open fails at once with `credentials_required`.
   */
  z.object({ type: z.literal('credentials'), login: PersonalHostLogin.nullable() }),
  /** End the SSH session (closing the pane). A socket that merely closes leaves it to reattach. */
  z.object({ type: z.literal('close') }),
  z.object({ type: z.literal('ping'), t: z.number() }),
]);
export type TerminalClientMessage = z.infer<typeof TerminalClientMessage>;

export const TerminalServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('host_key_prompt'), challenge: HostKeyChallenge }),
  z.object({
    type: z.literal('prompt'),
    name: z.string(),
    instructions: z.string(),
    prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
  }),
  /** A per-user host and no saved login: answer with `credentials` (or the open fails with `credentials_required`). */
  z.object({
    type: z.literal('credentials_prompt'),
    hostId: z.string(),
    hostName: z.string(),
    username: z.string(),
  }),
  /** The shell is live. On attach, `replayBytes` of scrollback follow as binary frames. */
  z.object({
    type: z.literal('ready'),
    sessionId: z.string(),
    hostId: z.string(),
    hostName: z.string(),
    fingerprint: z.string(),
    replayBytes: z.number().int(),
  }),
  z.object({
    type: z.literal('exit'),
    code: z.number().int().nullable(),
    signal: z.string().nullable(),
    reason: z.enum([
      'exited',
      'closed',
      'idle',
      'detached_timeout',
      'host_unreachable',
      'logout',
      'revoked',
      'expired',
      'user_disabled',
      'server_shutdown',
      'access_revoked',
    ]),
  }),
  z.object({
    type: z.literal('error'),
    error: z.string(),
    message: z.string(),
    step: z.string().nullable(),
    expectedFingerprint: z.string().nullable(),
    seenFingerprint: z.string().nullable(),
  }),
  z.object({ type: z.literal('pong'), t: z.number() }),
]);
export type TerminalServerMessage = z.infer<typeof TerminalServerMessage>;

/** Close codes of the terminal socket (application range 4000–4999). */
export const TERMINAL_CLOSE = {
  ended: 4000,
  protocolError: 4400,
  sessionEnded: 4401,
  attachedElsewhere: 4409,
} as const;

/** Panes (live terminals) one Terminal tab may hold, per edition; the server refuses the next one. */
export const TERMINAL_PANES_PER_TAB = { community: 4, pro: 64 } as const;

/** Flow-control watermarks, in bytes sent but not yet acknowledged as rendered. */
export const TERMINAL_HIGH_WATERMARK = 512 * 1024;
export const TERMINAL_LOW_WATERMARK = 128 * 1024;
/** The client acks at least this often (in bytes) so the server never stalls on rounding. */
export const TERMINAL_ACK_EVERY = 32 * 1024;

export const TerminalSessionRecord = z.object({
  id: z.string(),
  username: z.string(),
  hostId: z.string().nullable(),
  hostName: z.string(),
  address: z.string(),
  port: z.number().int(),
  fingerprint: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  bytesIn: z.number(),
  bytesOut: z.number(),
  endReason: z.string().nullable(),
});
export type TerminalSessionRecord = z.infer<typeof TerminalSessionRecord>;

/** What a live session runs in: a host's shell, a container's exec console, a Proxmox console. */
export const TerminalSessionKind = z.enum(['ssh', 'container', 'proxmox']);
export type TerminalSessionKind = z.infer<typeof TerminalSessionKind>;

export const LiveTerminalSession = z.object({
  sessionId: z.string(),
  kind: TerminalSessionKind,
  /** The SSH host's id; the Docker host's for `container`, the integration's for `proxmox`. */
  hostId: z.string(),
  hostName: z.string(),
  tabId: z.string(),
  /** A browser socket holds it now; false while it waits to be reattached. */
  attached: z.boolean(),
  /** While detached: when the grace period ends it (ISO time); null while attached. */
  endsAt: z.string().nullable(),
  startedAt: z.string(),
  /** Last input or output. */
  lastActivityAt: z.string(),
  bytesIn: z.number(),
  bytesOut: z.number(),
});
export type LiveTerminalSession = z.infer<typeof LiveTerminalSession>;
