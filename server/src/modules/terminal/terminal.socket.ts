import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { TerminalClientMessage, type HostKeyChallenge, type PersonalHostLogin } from '@archnest/contract';
import type { AuthContext } from '../../auth/auth-context';
import { AppError } from '../../http/app-error';
import { SshConnectError } from '../../ssh';
import { TERMINAL_CLOSE, webSocketPeer } from '../../terminal-sessions/terminal-peer';
import type { TerminalSession } from '../../terminal-sessions/terminal-session';
import type { AuditService } from '../audit/audit.service';
import type { TerminalInteraction, TerminalService } from './terminal.service';

const FIRST_MESSAGE_TIMEOUT_MS = 10_000;
const ACK = /^\{"type":"ack","bytes":(\d{1,10})\}$/;
const MAX_ACK = 1 << 30;
const ANSWER_TIMEOUT_MS = 120_000;

type Waiter = { resolve: (value: unknown) => void; timer: NodeJS.Timeout };

/** Speaks docs/terminal-protocol.md on one WebSocket: open or attach, then relay bytes both ways. */
export function handleTerminalSocket(
  socket: WebSocket,
  auth: AuthContext,
  terminals: TerminalService,
  audit: AuditService,
  log: FastifyBaseLogger,
): void {
  const peer = webSocketPeer(socket);
  let session: TerminalSession | null = null;
  let starting = false;
  const waiting = new Map<string, Waiter>();
  /** A login sent before the server asked for one; used in place of the prompt. */
  let earlyLogin: PersonalHostLogin | null | undefined;

  const fail = (
    error: string,
    message: string,
    extra: { step?: string; expected?: string | null; seen?: string | null } = {},
  ) => {
    peer.sendJson({
      type: 'error',
      error,
      message,
      step: extra.step ?? null,
      expectedFingerprint: extra.expected ?? null,
      seenFingerprint: extra.seen ?? null,
    });
    peer.close(TERMINAL_CLOSE.protocolError, error);
  };

  const wait = <T>(key: string, fallback: T): Promise<T> =>
    new Promise<T>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(key);
        resolve(fallback);
      }, ANSWER_TIMEOUT_MS);
      waiting.set(key, { resolve: resolve as (v: unknown) => void, timer });
    });
  const answer = (key: string, value: unknown) => {
    const waiter = waiting.get(key);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    waiting.delete(key);
    waiter.resolve(value);
  };

  const interaction: TerminalInteraction = {
    confirmHostKey(challenge: HostKeyChallenge) {
      peer.sendJson({ type: 'host_key_prompt', challenge });
      return wait(`hostkey:${challenge.challengeId}`, false);
    },
    answerPrompts(name, instructions, prompts) {
      peer.sendJson({ type: 'prompt', name, instructions, prompts });
      return wait<string[]>('prompt', []);
    },
    askLogin(host) {
      if (earlyLogin !== undefined) {
        const login = earlyLogin;
        earlyLogin = undefined;
        return Promise.resolve(login);
      }
      peer.sendJson({
        type: 'credentials_prompt',
        hostId: host.id,
        hostName: host.name,
        username: host.username,
      });
      return wait<PersonalHostLogin | null>('credentials', null);
    },
  };

  const firstMessageTimer = setTimeout(
    () => fail('invalid_request', 'No open or attach message arrived.'),
    FIRST_MESSAGE_TIMEOUT_MS,
  );

  const start = async (message: TerminalClientMessage) => {
    starting = true;
    clearTimeout(firstMessageTimer);
    try {
      if (message.type === 'open') {
        session = await terminals.open(auth, message, peer, interaction);
      } else if (message.type === 'exec') {
        session = await terminals.openExec(auth, message, peer, (ok, failure) =>
          audit.record(
            { id: auth.user.id, name: auth.user.username, ip: auth.session.ip },
            {
              action: 'container.exec',
              targetType: 'container',
              targetId: message.ref,
              targetName: message.ref,
              detail: {
                dockerHostId: message.dockerHostId,
                result: ok ? 'ok' : 'failed',
                ...(failure ? { message: failure } : {}),
              },
            },
          ),
        );
      } else if (message.type === 'pve_console') {
        session = await terminals.openConsole(auth, message, peer, (ok, failure) =>
          audit.record(
            { id: auth.user.id, name: auth.user.username, ip: auth.session.ip },
            {
              action: 'guest.console',
              targetType: message.guestType === 'node' ? 'node' : 'guest',
              targetId: [message.integrationId, message.node, message.guestType, message.vmid]
                .filter((x) => x !== null)
                .join('/'),
              targetName:
                message.guestType === 'node' ? message.node : `${message.guestType}/${message.vmid ?? ''}`,
              detail: { result: ok ? 'ok' : 'failed', ...(failure ? { message: failure } : {}) },
            },
          ),
        );
      } else if (message.type === 'attach') {
        session = terminals.attach(auth, message, peer);
      }
      if (session && socket.readyState !== socket.OPEN) session.detach(peer);
    } catch (error) {
      if (error instanceof SshConnectError) {
        const changed = error.hostKey?.reason === 'changed';
        fail(changed ? 'host_key_changed' : `connect_${error.step}`, error.message, {
          step: error.step,
          expected: error.hostKey?.expectedFingerprint ?? null,
          seen: error.hostKey?.fingerprint ?? null,
        });
      } else if (error instanceof AppError) {
        fail(error.code, error.message);
      } else {
        log.error({ err: error }, 'terminal open failed');
        fail('internal', 'The terminal could not be started.');
      }
    }
  };

  socket.on('message', (data, isBinary) => {
    const bytes = Buffer.isBuffer(data)
      ? data
      : Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.from(data);
    if (isBinary) {
      session?.input(bytes);
      return;
    }
    const text = bytes.toString('utf8');
    // Acks are the most frequent message by far (one per rendered write); take them without a schema pass.
    const ack = ACK.exec(text);
    if (ack && Number(ack[1]) <= MAX_ACK) {
      session?.acknowledge(Number(ack[1]));
      return;
    }
    let parsed: TerminalClientMessage;
    try {
      const result = TerminalClientMessage.safeParse(JSON.parse(text));
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'invalid message');
      parsed = result.data;
    } catch (error) {
      fail(
        'invalid_request',
        `Not a terminal message: ${error instanceof Error ? error.message : 'unreadable'}`,
      );
      return;
    }
    switch (parsed.type) {
      case 'open':
      case 'exec':
      case 'pve_console':
      case 'attach':
        if (starting) fail('invalid_request', 'This socket already has a session.');
        else void start(parsed);
        return;
      case 'resize':
        session?.resize(parsed.cols, parsed.rows);
        return;
      case 'ack':
        session?.acknowledge(parsed.bytes);
        return;
      case 'host_key_answer':
        answer(`hostkey:${parsed.challengeId}`, parsed.accept);
        return;
      case 'prompt_answer':
        answer('prompt', parsed.answers);
        return;
      case 'credentials':
        if (waiting.has('credentials')) answer('credentials', parsed.login);
        else if (!session) earlyLogin = parsed.login;
        return;
      case 'close':
        session?.end('closed');
        return;
      case 'ping':
        peer.sendJson({ type: 'pong', t: parsed.t });
        return;
    }
  });

  socket.on('close', () => {
    clearTimeout(firstMessageTimer);
    for (const key of [...waiting.keys()])
      answer(key, key === 'prompt' ? [] : key === 'credentials' ? null : false);
    earlyLogin = undefined;
    session?.detach(peer);
  });
}
