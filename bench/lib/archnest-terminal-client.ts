import WebSocket from 'ws';
import {
  TERMINAL_ACK_EVERY,
  type TerminalClientMessage,
  type TerminalServerMessage,
} from '@archnest/contract';

/**
 * How the simulated renderer acknowledges output (docs/terminal-protocol.md, flow control):
 * `immediate` acks every binary frame as it arrives (a renderer that keeps up); `browser` acks as
 * the web app's pane does once xterm has written (every TERMINAL_ACK_EVERY bytes, or 50 ms after the
 * first unacknowledged byte); a number acks at most that many bytes per second (a slow browser), in
 * 100 ms steps.
 */
export type AckPolicy = 'immediate' | 'browser' | { bytesPerSecond: number };

/** The web app's pane sends what is pending this long after the first unacknowledged byte. */
const BROWSER_ACK_DELAY_MS = 50;

/** A headless ArchNest terminal pane for benchmarks: one WebSocket, the JSON protocol, binary output. */
export class ArchNestTerminalClient {
  readonly messages: TerminalServerMessage[] = [];
  received = 0;
  private acked = 0;
  private browserAckTimer: NodeJS.Timeout | undefined;
  private listener: ((chunk: Buffer) => void) | null = null;
  private readonly ackTimer: NodeJS.Timeout | undefined;
  private readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;

  constructor(url: string, headers: Record<string, string>, ack: AckPolicy = 'immediate') {
    // No compression: terminal bytes are sent raw, as the browser client does.
    this.socket = new WebSocket(url, { headers, perMessageDeflate: false });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused ${res.statusCode}`)),
      );
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.socket.on('close', (code) => resolve(code)));
    this.socket.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) {
        this.messages.push(JSON.parse(data.toString('utf8')) as TerminalServerMessage);
        return;
      }
      this.received += data.length;
      if (ack === 'immediate') this.ack(data.length);
      else if (ack === 'browser') this.browserCredit();
      this.listener?.(data);
    });
    if (typeof ack === 'object') {
      const step = Math.max(1, Math.round(ack.bytesPerSecond / 10));
      this.ackTimer = setInterval(() => this.ack(Math.min(step, this.received - this.acked)), 100);
    }
  }

  private browserCredit(): void {
    if (this.received - this.acked >= TERMINAL_ACK_EVERY) {
      clearTimeout(this.browserAckTimer);
      this.browserAckTimer = undefined;
      this.ackAll();
    } else
      this.browserAckTimer ??= setTimeout(() => {
        this.browserAckTimer = undefined;
        this.ackAll();
      }, BROWSER_ACK_DELAY_MS);
  }

  onData(listener: ((chunk: Buffer) => void) | null): void {
    this.listener = listener;
  }

  send(message: TerminalClientMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  type(text: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(Buffer.from(text), { binary: true });
  }

  /** Acknowledges everything received so far (e.g. to drain after a slow-reader test). */
  ackAll(): void {
    this.ack(this.received - this.acked);
  }

  message<T extends TerminalServerMessage['type']>(
    type: T,
  ): Extract<TerminalServerMessage, { type: T }> | undefined {
    return this.messages.find((m) => m.type === type) as
      Extract<TerminalServerMessage, { type: T }> | undefined;
  }

  async until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(this.messages)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Ends the SSH session (`close`) and waits, at most 5 s, for the socket to close. */
  async close(): Promise<void> {
    clearInterval(this.ackTimer);
    clearTimeout(this.browserAckTimer);
    if (this.socket.readyState === WebSocket.OPEN) {
      this.send({ type: 'close' });
      await Promise.race([this.closed, new Promise((r) => setTimeout(r, 5000))]);
    }
    this.socket.terminate();
  }

  private ack(bytes: number): void {
    if (bytes <= 0) return;
    this.acked += bytes;
    this.send({ type: 'ack', bytes });
  }
}
