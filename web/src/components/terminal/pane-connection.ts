import {
  endpoints,
  TERMINAL_ACK_EVERY,
  TerminalServerMessage,
  type TerminalClientMessage,
} from '@archnest/contract';
import { webSocketUrl } from '../../lib/websocket-url';

const PING_EVERY_MS = 25_000;
const ACK_DELAY_MS = 50;

export interface ConnectionHandlers {
  onMessage: (message: TerminalServerMessage) => void;
  /** Output to render; call `rendered` once the terminal has parsed it (flow-control credit). */
  onOutput: (data: Uint8Array, rendered: () => void) => void;
  /** The socket closed without us asking: a network drop or the server going away. */
  onDrop: (code: number) => void;
}

function terminalUrl(): string {
  return webSocketUrl(endpoints.terminal.path);
}

/** One WebSocket of one pane: the first frame, acks for rendered output, keep-alive pings. */
export class PaneConnection {
  private readonly socket: WebSocket;
  private pendingAck = 0;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private closedByUs = false;

  constructor(
    first: () => TerminalClientMessage,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.socket = new WebSocket(terminalUrl());
    this.socket.binaryType = 'arraybuffer';
    this.socket.addEventListener('open', () => {
      this.send(first());
      this.pingTimer = setInterval(() => this.send({ type: 'ping', t: Date.now() }), PING_EVERY_MS);
    });
    this.socket.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) =>
      this.receive(event.data),
    );
    this.socket.addEventListener('close', (event) => {
      this.stopTimers();
      if (!this.closedByUs) this.handlers.onDrop(event.code);
    });
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(message: TerminalClientMessage): void {
    if (this.open) this.socket.send(JSON.stringify(message));
  }

  sendBytes(bytes: Uint8Array): void {
    if (this.open) this.socket.send(bytes);
  }

  /** `endSession` tells the server to end the shell; without it the session waits to be reattached. */
  close(endSession: boolean): void {
    if (this.closedByUs) return;
    this.closedByUs = true;
    if (endSession) this.send({ type: 'close' });
    this.stopTimers();
    if (this.socket.readyState === WebSocket.CONNECTING || this.open) this.socket.close(1000, 'pane closed');
  }

  private receive(data: string | ArrayBuffer): void {
    if (typeof data !== 'string') {
      const bytes = new Uint8Array(data);
      this.handlers.onOutput(bytes, () => this.credit(bytes.byteLength));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = TerminalServerMessage.safeParse(json);
    if (parsed.success) this.handlers.onMessage(parsed.data);
    else console.warn('Unknown terminal message', json);
  }

  private credit(bytes: number): void {
    this.pendingAck += bytes;
    if (this.pendingAck >= TERMINAL_ACK_EVERY) this.flushAck();
    else this.ackTimer ??= setTimeout(() => this.flushAck(), ACK_DELAY_MS);
  }

  private flushAck(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = null;
    if (this.pendingAck === 0) return;
    this.send({ type: 'ack', bytes: this.pendingAck });
    this.pendingAck = 0;
  }

  private stopTimers(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.ackTimer = null;
    this.pingTimer = null;
  }
}
