import WebSocket from 'ws';
import type { TerminalClientMessage, TerminalServerMessage } from '@archnest/contract';

/** A headless terminal pane: speaks docs/terminal-protocol.md and records what arrives. */
export class TerminalClient {
  readonly messages: TerminalServerMessage[] = [];
  output = Buffer.alloc(0);
  received = 0;
  closeCode: number | null = null;
  private readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;

  constructor(
    url: string,
    headers: Record<string, string>,
    private readonly autoAck = true,
  ) {
    this.socket = new WebSocket(url, { headers });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused ${res.statusCode}`)),
      );
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.socket.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
    this.socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        this.received += data.length;
        // Keep the tail only: floods must not grow the test's memory either.
        this.output = Buffer.concat([this.output, data]).subarray(-256 * 1024);
        if (this.autoAck) this.send({ type: 'ack', bytes: data.length });
      } else {
        this.messages.push(JSON.parse(data.toString('utf8')) as TerminalServerMessage);
      }
    });
  }

  send(message: TerminalClientMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  type(text: string): void {
    this.socket.send(Buffer.from(text), { binary: true });
  }

  text(): string {
    return this.output.toString('utf8');
  }

  message<T extends TerminalServerMessage['type']>(
    type: T,
  ): Extract<TerminalServerMessage, { type: T }> | undefined {
    return this.messages.find((m) => m.type === type) as
      Extract<TerminalServerMessage, { type: T }> | undefined;
  }

  async until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${what}; messages ${JSON.stringify(this.messages)}; output tail ${JSON.stringify(this.text().slice(-300))}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.close();
  }
}
