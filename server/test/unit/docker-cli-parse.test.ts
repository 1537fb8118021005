import { describe, expect, it } from 'vitest';
import { cliContainer, cliImage, cliNetwork, cliVolume, jsonLines } from '../../src/docker/cli-parse';
import { LogFrameReader } from '../../src/docker/log-frames';

describe('docker CLI JSON lines', () => {
  it('reads a docker ps line into the shared shape', () => {
    const [line] = jsonLines(
      JSON.stringify({
        Command: '"sh -c \'echo hi\'"',
        CreatedAt: '2024-05-01 10:20:30 +0200 CEST',
        ID: 'f'.repeat(64),
        Image: 'nginx:1.27',
        Labels: 'tier=front,com.example.x=a=b',
        Names: 'web,alias',
        Ports: '0.0.0.0:8080->80/tcp, :::8080->80/tcp, 443/tcp',
        State: 'running',
        Status: 'Up 3 minutes',
      }) + '\n',
      'box',
    );
    expect(cliContainer(line!)).toEqual({
      id: 'f'.repeat(64),
      name: 'web',
      names: ['web', 'alias'],
      image: 'nginx:1.27',
      command: "sh -c 'echo hi'",
      createdAt: '2024-05-01T08:20:30.000Z',
      state: 'running',
      status: 'Up 3 minutes',
      labels: { tier: 'front', 'com.example.x': 'a=b' },
      ports: [
        { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 },
        { containerPort: 80, protocol: 'tcp', hostIp: '::', hostPort: 8080 },
        { containerPort: 443, protocol: 'tcp' },
      ],
    });
  });

  it('reads a podman ps line (arrays and objects instead of strings)', () => {
    const podman = {
      Id: 'abc',
      Names: ['db'],
      Image: 'docker.io/library/postgres:16',
      Command: ['postgres'],
      CreatedAt: '2024-05-01 10:20:30.123456 +0000 UTC',
      State: 'exited',
      Status: 'Exited (0) 2 hours ago',
      Labels: { app: 'db' },
      Ports: [{ host_ip: '', container_port: 5432, host_port: 15432, protocol: 'tcp' }],
    };
    expect(cliContainer(podman)).toMatchObject({
      id: 'abc',
      name: 'db',
      command: 'postgres',
      createdAt: '2024-05-01T10:20:30.000Z',
      state: 'exited',
      labels: { app: 'db' },
      ports: [{ containerPort: 5432, protocol: 'tcp', hostPort: 15432 }],
    });
  });

  it('reads images, volumes and networks', () => {
    expect(
      cliImage({ ID: 'sha256:1', Repository: 'busybox', Tag: 'latest', Size: '1.98MB', CreatedAt: '' }),
    ).toEqual({ id: 'sha256:1', tags: ['busybox:latest'], sizeBytes: 1_980_000 });
    expect(cliImage({ ID: 'sha256:2', Repository: '<none>', Tag: '<none>', Size: 'N/A' })).toEqual({
      id: 'sha256:2',
      tags: [],
    });
    expect(cliVolume({ Name: 'v', Driver: 'local', Labels: '', Mountpoint: '/x', Scope: 'local' })).toEqual({
      name: 'v',
      driver: 'local',
      mountpoint: '/x',
      scope: 'local',
      labels: {},
    });
    expect(cliNetwork({ ID: 'n1', Name: 'host', Driver: 'host', Internal: 'false', Scope: 'local' })).toEqual(
      {
        id: 'n1',
        name: 'host',
        driver: 'host',
        scope: 'local',
        internal: false,
        labels: {},
      },
    );
  });

  it('refuses output that is not JSON with a clear error', () => {
    expect(() => jsonLines('{"a":1}\nWARNING: something\n', 'box')).toThrow(
      'The docker CLI on box printed something that is not JSON.',
    );
  });
});

describe('Engine API log frames', () => {
  const frame = (stream: number, text: string) => {
    const body = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(body.length, 4);
    return Buffer.concat([header, body]);
  };

  it('splits stdout and stderr frames, also when a frame arrives in pieces', () => {
    const reader = new LogFrameReader(false);
    const bytes = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'more\n')]);
    const chunks = [bytes.subarray(0, 5), bytes.subarray(5, 15), bytes.subarray(15)].flatMap((b) =>
      reader.push(b),
    );
    expect(chunks).toEqual([
      { stream: 'stdout', text: 'out\n' },
      { stream: 'stderr', text: 'err\n' },
      { stream: 'stdout', text: 'more\n' },
    ]);
  });

  it('passes TTY logs through as stdout', () => {
    expect(new LogFrameReader(true).push(Buffer.from('\u0001raw'))).toEqual([
      { stream: 'stdout', text: '\u0001raw' },
    ]);
  });
});
