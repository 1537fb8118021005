import { createHash } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';

/** A server-side WebSocket (RFC 6455) just big enough for a fake: one subprotocol, binary and text frames. */
export interface FakeWebSocket {
  /** False once the socket's buffer is full: wait for drained() before sending more. */
  send(data: Buffer | string): boolean;
  /** Resolves when the socket can take more (at once if it can now, or once it is closed). */
  drained(): Promise<void>;
  close(code?: number): void;
  /** Drops the connection without a close frame (a process that exits mid-handshake). */
  destroy(): void;
  onMessage(listener: (data: Buffer) => void): void;
  onClose(listener: () => void): void;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function acceptWebSocket(
  req: http.IncomingMessage,
  socket: Duplex,
  head: Buffer,
  protocol: string | null,
): FakeWebSocket {
  const key = String(req.headers['sec-websocket-key'] ?? '');
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n` +
      (protocol ? `Sec-WebSocket-Protocol: ${protocol}\r\n` : '') +
      '\r\n',
  );
  const messageListeners: ((data: Buffer) => void)[] = [];
  const closeListeners: (() => void)[] = [];
  let buffer = head;
  let closed = false;
  const frame = (opcode: number, payload: Buffer): boolean => {
    const len = payload.length;
    const header =
      len < 126
        ? Buffer.from([0x80 | opcode, len])
        : len < 65536
          ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
          : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(len)]);
    if (closed) return false;
    // Header and payload in one write (one TLS record where it fits), without copying the payload.
    socket.cork();
    socket.write(header);
    const more = socket.write(payload);
    socket.uncork();
    return more;
  };
  const end = () => {
    if (closed) return;
    closed = true;
    for (const l of closeListeners) l();
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (buffer.length < 2) return;
      const opcode = (buffer[0] ?? 0) & 0x0f;
      const masked = ((buffer[1] ?? 0) & 0x80) !== 0;
      let len = (buffer[1] ?? 0) & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (buffer.length < 4) return;
        len = buffer.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (buffer.length < 10) return;
        len = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const maskAt = offset;
      if (masked) offset += 4;
      if (buffer.length < offset + len) return;
      const payload = Buffer.from(buffer.subarray(offset, offset + len));
      if (masked)
        for (let i = 0; i < len; i++) payload[i] = (payload[i] ?? 0) ^ (buffer[maskAt + (i % 4)] ?? 0);
      buffer = buffer.subarray(offset + len);
      if (opcode === 0x8) {
        frame(0x8, payload.subarray(0, 2));
        socket.end();
        end();
        return;
      }
      if (opcode === 0x9) frame(0xa, payload);
      else if (opcode === 0x1 || opcode === 0x2) for (const l of messageListeners) l(payload);
    }
  });
  socket.on('close', end);
  socket.on('error', end);
  return {
    send: (data) => (typeof data === 'string' ? frame(0x1, Buffer.from(data)) : frame(0x2, data)),
    drained: () =>
      new Promise<void>((resolve) => {
        if (closed || !socket.writableNeedDrain) return resolve();
        const done = () => {
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.on('drain', done);
        socket.on('close', done);
      }),
    close: (code = 1000) => {
      const payload = Buffer.alloc(2);
      payload.writeUInt16BE(code);
      frame(0x8, payload);
      socket.end();
      end();
    },
    destroy: () => {
      socket.destroy();
      end();
    },
    onMessage: (l) => messageListeners.push(l),
    onClose: (l) => closeListeners.push(l),
  };
}

function bigLength(len: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(len));
  return b;
}
