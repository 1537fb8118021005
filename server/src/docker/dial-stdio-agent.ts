import http from 'node:http';
import type { Socket } from 'node:net';
import type { ExecStream } from '../ssh';
import { StdioSocket } from './stdio-socket';

/** An idle dialled connection (a remote `docker system dial-stdio` and its SSH channel) lives this long. */
const IDLE_MS = 30_000;

export interface DialFailure {
  exitCode: number | null | undefined;
  stderr: string;
}

/**
 * An HTTP agent whose connections are remote `docker system dial-stdio` commands, each on its own
 * channel of the host's one reused SSH connection: what Docker's own `ssh://` contexts do, without a
 * second SSH login per call. Connections are kept alive between requests, so the remote CLI starts
 * once per connection rather than once per call.
 */
export class DialStdioAgent extends http.Agent {
  /** Set when a dialled command ended without answering: the host cannot dial its daemon this way. */
  lastDialFailure: DialFailure | undefined;

  constructor(private readonly dial: () => Promise<ExecStream>) {
    super({ keepAlive: true, maxSockets: 8, maxFreeSockets: 2 });
  }

  override createConnection(
    _options: http.ClientRequestArgs,
    callback?: (error: Error | null, socket: Socket) => void,
  ): undefined {
    this.dial().then(
      (running) => {
        const socket = new StdioSocket(running, (exitCode, stderr) => {
          this.lastDialFailure = { exitCode, stderr };
        });
        callback?.(null, socket as unknown as Socket);
      },
      (error: unknown) => callback?.(error as Error, undefined as unknown as Socket),
    );
    return undefined;
  }

  /** The last dial failure, once: a caller reads it to explain the request that failed. */
  takeDialFailure(): DialFailure | undefined {
    const failure = this.lastDialFailure;
    this.lastDialFailure = undefined;
    return failure;
  }

  override keepSocketAlive(socket: Socket): boolean {
    socket.setTimeout(IDLE_MS);
    return true;
  }

  override reuseSocket(socket: Socket, request: http.ClientRequest): void {
    socket.setTimeout(0);
    super.reuseSocket(socket, request);
  }
}
