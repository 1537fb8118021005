import { EventEmitter } from 'node:events';
import type { ClientChannel } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { ssh2ShellChannel, type TransportControl } from '../../src/ssh/shell-channel';
import type { HoldReason } from '../../src/ssh/transport-hold';

function fakeChannel(): ClientChannel {
  const channel = Object.assign(new EventEmitter(), {
    stderr: Object.assign(new EventEmitter(), { pause() {}, resume() {} }),
    pause() {},
    resume() {},
  });
  return channel as unknown as ClientChannel;
}

function recordingTransport(): { transport: TransportControl; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    transport: {
      hold: (reason: HoldReason) => calls.push(`hold ${reason}`),
      release: (reason: HoldReason) => calls.push(`release ${reason}`),
    },
  };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('ssh2ShellChannel', () => {
  it('holds its transport for a gather only from the end of the turn, after what is readable was read', async () => {
    const { transport, calls } = recordingTransport();
    const shell = ssh2ShellChannel(fakeChannel(), transport);
    shell.gatherStart?.();
    shell.gatherStart?.();
    expect(calls).toEqual([]);
    await turn();
    expect(calls).toEqual(['hold gathering']);
    shell.gatherEnd?.();
    expect(calls).toEqual(['hold gathering', 'release gathering']);
  });

  it('a gather that ends within its turn never holds', async () => {
    const { transport, calls } = recordingTransport();
    const shell = ssh2ShellChannel(fakeChannel(), transport);
    shell.gatherStart?.();
    shell.gatherEnd?.();
    await turn();
    expect(calls).toEqual(['release gathering']);
    shell.gatherEnd?.();
    expect(calls).toEqual(['release gathering']);
  });

  it('holds for backpressure at once, on pause, and releases on resume', () => {
    const { transport, calls } = recordingTransport();
    const shell = ssh2ShellChannel(fakeChannel(), transport);
    shell.pause();
    expect(calls).toEqual(['hold backpressure']);
    shell.resume();
    expect(calls).toEqual(['hold backpressure', 'release backpressure']);
  });
});
