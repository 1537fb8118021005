import net from 'node:net';

export type ProbeResult =
  { ok: true; latencyMs: number; banner: string } | { ok: false; latencyMs: null; error: string };

/** RFC 4253 §4.2 lets a server send other lines first; this much text without a banner is not SSH. */
const MAX_PREAMBLE_BYTES = 8 * 1024;

function plainError(err: NodeJS.ErrnoException, port: number): string {
  switch (err.code ?? '') {
    case 'ECONNREFUSED':
      return `Connection refused: nothing listens on port ${port}.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The address does not resolve (DNS lookup failed).';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'No route to the host (network unreachable).';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'The connection was reset before the SSH banner arrived.';
    default:
      return `Could not connect: ${err.message}`;
  }
}

/**
 * Opens a TCP connection and reads the server's identification line (`SSH-2.0-…`), then closes:
 * no key exchange, no login, nothing written. Latency runs from the connect to the banner.
 */
export function probeSshBanner(address: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let connected = false;
    let buffered = '';
    /** The first non-banner line, to say what answered instead of SSH. */
    let other: string | null = null;
    let settled = false;
    const socket = net.connect({ host: address, port });
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const fail = (error: string) => finish({ ok: false, latencyMs: null, error });
    const timer = setTimeout(() => {
      const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
      fail(
        connected
          ? `The port is open but sent no SSH banner within ${seconds}.`
          : `No answer within ${seconds} (host down or port filtered).`,
      );
    }, timeoutMs);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      connected = true;
    });
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (;;) {
        const eol = buffered.indexOf('\n');
        if (eol < 0) break;
        const line = buffered.slice(0, eol).replace(/\r$/, '');
        buffered = buffered.slice(eol + 1);
        if (line.startsWith('SSH-')) {
          if (line.startsWith('SSH-2.0-') || line.startsWith('SSH-1.99-')) {
            finish({
              ok: true,
              latencyMs: Math.max(0, Math.round(performance.now() - started)),
              banner: line.slice(0, 255),
            });
          } else {
            fail(`The server speaks an SSH version this check does not accept (${line.slice(0, 40)}).`);
          }
          return;
        }
        other ??= line;
      }
      if (
        buffered.length > MAX_PREAMBLE_BYTES ||
        (buffered.length > 0 && !/^[\x20-\x7e\t\r\n]*$/.test(buffered))
      ) {
        fail(`The port answered, but not with SSH (it sent "${printable(buffered)}").`);
      }
    });
    socket.on('end', () => {
      const sent = other ?? buffered;
      fail(
        sent
          ? `The port answered, but not with SSH (it sent "${printable(sent)}").`
          : 'The connection was closed before the SSH banner arrived.',
      );
    });
    socket.on('error', (err: NodeJS.ErrnoException) => fail(plainError(err, port)));
  });
}

function printable(text: string): string {
  const shown = text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');
  return text.length > 40 ? `${shown}…` : shown;
}
