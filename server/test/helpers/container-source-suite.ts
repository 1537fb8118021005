import { describe, expect, it } from 'vitest';
import { busyboxImage, runContainer, type DockerdServer } from '@archnest/test-support';
import {
  DockerInputError,
  DockerOperationError,
  type ContainerSource,
  type LogChunk,
} from '../../src/docker';
import type { ShellChannel } from '../../src/ssh';
import { rejectionOf } from './ssh-fixtures';

export const SECRETS = ['hunter2', 'abc-token-77', 'pw-in-url'];

/** The containers every source suite reads: created through the CLI, so each source sees the same. */
export function seedContainers(dockerd: DockerdServer): void {
  const image = busyboxImage(dockerd.socketPath);
  runContainer(dockerd, {
    name: 'web',
    image,
    env: {
      DB_PASSWORD: 'hunter2',
      API_TOKEN: 'abc-token-77',
      PLAIN: 'visible',
      DATABASE_URL: 'postgres://app:pw-in-url@db:5432/app',
    },
    labels: { 'archnest.test': 'yes', tier: 'front' },
  });
  runContainer(dockerd, { name: 'idle', image, labels: { tier: 'back' }, createOnly: true });
  runContainer(dockerd, {
    name: 'chatty',
    image,
    command: ['sh', '-c', 'echo to-out; echo to-err >&2; sleep 3600'],
  });
  // Started only for the stats test: a busy loop running all along would slow every other suite.
  runContainer(dockerd, {
    name: 'burn',
    image,
    command: ['sh', '-c', 'yes > /dev/null'],
    createOnly: true,
    stopTimeout: 1,
  });
  runContainer(dockerd, { name: 'life', image, createOnly: true, stopTimeout: 1 });
  dockerd.docker(['volume', 'create', '--label', 'owner=archnest', 'archnest-vol']);
}

export function until<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = check();
      if (value !== undefined) resolve(value);
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

function collect(channel: ShellChannel): () => string {
  let text = '';
  channel.onData((data) => (text += data.toString('utf8')));
  return () => text;
}

/** The behaviour every ContainerSource must show against a real dockerd seeded by seedContainers. */
export function describeContainerSource(name: string, source: () => ContainerSource): void {
  describe(`${name}: the ContainerSource contract`, () => {
    it('lists all, running only, and filtered containers', async () => {
      const all = await source().list();
      expect(all.map((c) => c.name).sort()).toEqual(['burn', 'chatty', 'idle', 'life', 'web']);
      const web = all.find((c) => c.name === 'web')!;
      expect(web).toMatchObject({
        state: 'running',
        image: 'archnest-busybox:test',
        labels: { tier: 'front' },
      });
      expect(web.id).toMatch(/^[0-9a-f]{64}$/);
      expect(web.status).toMatch(/^Up/);
      expect(Date.parse(web.createdAt!)).toBeGreaterThan(Date.now() - 3_600_000);
      const running = await source().list({ all: false });
      expect(running.map((c) => c.name).sort()).toEqual(['chatty', 'web']);
      expect((await source().list({ filter: { label: 'tier=back' } })).map((c) => c.name)).toEqual(['idle']);
      expect((await source().list({ filter: { label: 'tier' } })).length).toBe(2);
      expect((await source().list({ filter: { name: 'chat' } })).map((c) => c.name)).toEqual(['chatty']);
      expect((await source().list({ filter: { state: 'created' } })).map((c) => c.name).sort()).toEqual([
        'burn',
        'idle',
        'life',
      ]);
    });

    it('inspects a container with secret-looking env masked, and never returns a raw secret', async () => {
      const detail = await source().inspect('web');
      const env = Object.fromEntries(detail.env.map((e) => [e.name, e]));
      expect(env.DB_PASSWORD).toEqual({ name: 'DB_PASSWORD', value: '***', masked: true });
      expect(env.API_TOKEN).toEqual({ name: 'API_TOKEN', value: '***', masked: true });
      expect(env.PLAIN).toEqual({ name: 'PLAIN', value: 'visible', masked: false });
      expect(env.DATABASE_URL).toEqual({
        name: 'DATABASE_URL',
        value: 'postgres://app:***@db:5432/app',
        masked: true,
      });
      expect(detail).toMatchObject({
        name: 'web',
        state: 'running',
        tty: false,
        labels: { 'archnest.test': 'yes' },
      });
      expect(detail.cmd).toEqual(['sh', '-c', 'while true; do echo tick $(date); sleep 1; done']);
      const everything = JSON.stringify([
        detail,
        await source().list(),
        await source().inspect(detail.id),
        await source().logs('web', { tail: 5 }),
      ]);
      for (const secret of SECRETS) expect(everything).not.toContain(secret);
    });

    it('runs every lifecycle action', async () => {
      const state = async () => (await source().inspect('life')).state;
      expect(await state()).toBe('created');
      await source().act('life', 'start');
      expect(await state()).toBe('running');
      await source().act('life', 'start'); // already running: done, as the CLI says
      await source().act('life', 'pause');
      expect(await state()).toBe('paused');
      const paused = await rejectionOf(source().act('life', 'pause'));
      expect(paused).toBeInstanceOf(DockerOperationError);
      expect(paused).toMatchObject({ failure: 'conflict' });
      await source().act('life', 'unpause');
      expect(await state()).toBe('running');
      const before = (await source().inspect('life')).startedAt;
      await source().act('life', 'restart');
      const after = await source().inspect('life');
      expect(after.state).toBe('running');
      expect(after.startedAt).not.toBe(before);
      const refused = await rejectionOf(source().act('life', 'remove'));
      expect(refused).toMatchObject({ failure: 'conflict' });
      await source().act('life', 'stop');
      expect(await state()).toBe('exited');
      await source().act('life', 'start');
      await source().act('life', 'remove', { force: true });
      const gone = await rejectionOf(source().inspect('life'));
      expect(gone).toBeInstanceOf(DockerOperationError);
      expect(gone).toMatchObject({ failure: 'not_found' });
      expect((gone as Error).message).toContain('life');
    }, 60_000);

    it('reads the log tail with timestamps, and both output streams', async () => {
      const tail = await source().logs('web', { tail: 2 });
      const lines = tail.flatMap((c) => c.text.split('\n').filter(Boolean));
      expect(lines).toHaveLength(2);
      expect(lines.every((l) => l.startsWith('tick '))).toBe(true);
      const stamped = await source().logs('web', { tail: 1, timestamps: true });
      expect(stamped[0]!.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z tick /);
      const chatty = await source().logs('chatty', { tail: 'all' });
      expect(chatty).toContainEqual({ stream: 'stdout', text: 'to-out\n' });
      expect(chatty).toContainEqual({ stream: 'stderr', text: 'to-err\n' });
    });

    it('follows a log and receives new ticks until closed', async () => {
      const stream = await source().followLogs('web', { tail: 0 });
      const chunks: LogChunk[] = [];
      let ended = false;
      stream.onChunk((c) => chunks.push(c));
      stream.onEnd(() => (ended = true));
      await until(
        () => (chunks.filter((c) => c.text.includes('tick')).length >= 2 ? true : undefined),
        'two ticks',
      );
      stream.close();
      await until(() => (ended ? true : undefined), 'end after close');
    });

    it('takes a stats snapshot with sane numbers', async () => {
      const idle = await source().stats('web');
      expect(idle.cpuPercent).toBeGreaterThanOrEqual(0);
      expect(idle.memoryBytes).toBeGreaterThan(0);
      expect(idle.memoryLimitBytes).toBeGreaterThan(idle.memoryBytes!);
      expect(idle.pids).toBeGreaterThanOrEqual(1);
      expect(idle.networkRxBytes).toBe(0); // --network none
      await source().act('burn', 'start');
      try {
        const busy = await source().stats('burn');
        // A busy loop; the machine may be shared, so only "clearly busy, at most two cores" is certain.
        expect(busy.cpuPercent).toBeGreaterThan(5);
        expect(busy.cpuPercent).toBeGreaterThan(idle.cpuPercent!);
        expect(busy.cpuPercent).toBeLessThan(250);
      } finally {
        await source().act('burn', 'stop');
      }
    });

    it('opens a shell in a container: round trip and resize', async () => {
      const shell = await source().exec('web', { cols: 80, rows: 24 });
      const text = collect(shell);
      let exit: number | null | undefined;
      shell.onExit((e) => (exit = e.code));
      shell.write('echo hi-$((6*7))\n');
      await until(() => (text().includes('hi-42') ? true : undefined), 'echo output');
      shell.resize(100, 30);
      // The new size travels SSH → docker CLI → the container's tty: ask again until it has arrived.
      const asking = setInterval(() => shell.write('stty size\n'), 500);
      try {
        shell.write('stty size\n');
        await until(() => (text().includes('30 100') ? true : undefined), 'new size');
      } finally {
        clearInterval(asking);
      }
      shell.write('exit 3\n');
      await until(() => (exit !== undefined ? true : undefined), 'exit');
      expect(exit).toBe(3);
    });

    it('refuses a shell in a stopped container in plain words, by name and without its id', async () => {
      const error = await rejectionOf(source().exec('idle', { cols: 80, rows: 24 }));
      expect(error).toBeInstanceOf(DockerOperationError);
      expect((error as DockerOperationError).failure).toBe('conflict');
      expect((error as Error).message).toMatch(/^Container idle on .+ is not running\.$/);
      expect((error as Error).message).not.toMatch(/[0-9a-f]{64}/);
    });

    it('lists images, volumes and networks', async () => {
      const images = await source().images();
      expect(images.find((i) => i.tags.includes('archnest-busybox:test'))).toMatchObject({
        id: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        sizeBytes: expect.any(Number),
      });
      const volumes = await source().volumes();
      expect(volumes).toContainEqual(
        expect.objectContaining({ name: 'archnest-vol', driver: 'local', labels: { owner: 'archnest' } }),
      );
      const networks = await source().networks();
      expect(networks.map((n) => n.name)).toEqual(expect.arrayContaining(['host', 'none']));
      expect(networks.find((n) => n.name === 'host')).toMatchObject({ driver: 'host', internal: false });
    });

    it('refuses bad references and options with a clear error', async () => {
      for (const ref of ['-rf', '--help', 'a b', 'web;id', '', '../web']) {
        const error = await rejectionOf(source().inspect(ref));
        expect(error).toBeInstanceOf(DockerInputError);
      }
      expect(await rejectionOf(source().logs('web', { tail: -1 }))).toBeInstanceOf(DockerInputError);
      expect(await rejectionOf(source().act('web', 'kill' as never))).toBeInstanceOf(DockerInputError);
      const missing = await rejectionOf(source().stats('no-such-thing'));
      expect(missing).toBeInstanceOf(DockerOperationError);
    });
  });
}
