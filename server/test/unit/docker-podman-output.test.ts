import { describe, expect, it } from 'vitest';
import { cliContainer, cliImage, cliNetwork, cliVolume, jsonLines } from '../../src/docker/cli-parse';
import { cliStats } from '../../src/docker/stats';

/*
 * Output captured from Podman 4.3.1 (Debian 12) with `--format '{{json .}}'`: unlike Docker it prints
 * one pretty-printed JSON array, and some commands use different keys.
 */

const PS = `[
  {
    "AutoRemove": false,
    "Command": ["sh", "-c", "while true; do echo tick; sleep 1; done"],
    "CreatedAt": "Less than a second ago",
    "Exited": false,
    "Id": "a21cc16d3a56aac092045ed71c677cd4d72ab47ff81030ff83cb638d76e16c1c",
    "Image": "localhost/bb:test",
    "ImageID": "b0d51b4bb969a0504c16be531519611459b989025bf8c6d231ef49d015968820",
    "Labels": { "tier": "front" },
    "Names": ["pp"],
    "Ports": null,
    "State": "created",
    "Status": "Created",
    "Created": 1795744591
  }
]`;

const STATS = `[
 {
  "id": "1c6c2eab2f90d451c820533aa755c1796a75cbc7b87eeee85460c32fce647fec",
  "name": "pp",
  "cpu_time": "0s",
  "cpu_percent": "1.50%",
  "avg_cpu": "0.00%",
  "mem_usage": "1.2MB / 25.27GB",
  "mem_percent": "0.00%",
  "net_io": "0B / 0B",
  "block_io": "0B / 0B",
  "pids": "2"
 }
]`;

const IMAGES = `[
    {
        "Id": "b0d51b4bb969a0504c16be531519611459b989025bf8c6d231ef49d015968820",
        "RepoTags": null,
        "Size": 1997895,
        "Names": ["localhost/bb:test"],
        "Created": 1795744586,
        "CreatedAt": "2026-11-27T01:56:26Z"
    }
]`;

const VOLUMES = `[
  {
    "Name": "pv",
    "Driver": "local",
    "Mountpoint": "/var/lib/containers/storage/volumes/pv/_data",
    "CreatedAt": "2026-11-27T01:56:49.517390454Z",
    "Labels": { "owner": "x" },
    "Scope": "local"
  }
]`;

const NETWORKS = `[
  {
    "name": "podman",
    "id": "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9",
    "driver": "bridge",
    "internal": false,
    "dns_enabled": false
  }
]`;

describe('Podman CLI output', () => {
  it('reads containers, taking the creation time from Created', () => {
    const [line] = jsonLines(PS, 'pod');
    expect(cliContainer(line!)).toEqual({
      id: 'a21cc16d3a56aac092045ed71c677cd4d72ab47ff81030ff83cb638d76e16c1c',
      name: 'pp',
      names: ['pp'],
      image: 'localhost/bb:test',
      imageId: 'b0d51b4bb969a0504c16be531519611459b989025bf8c6d231ef49d015968820',
      command: 'sh -c while true; do echo tick; sleep 1; done',
      createdAt: new Date(1795744591 * 1000).toISOString(),
      state: 'created',
      status: 'Created',
      labels: { tier: 'front' },
      ports: [],
    });
  });

  it('reads stats with its lower-case keys', () => {
    const [line] = jsonLines(STATS, 'pod');
    expect(cliStats(line, 'now')).toEqual({
      id: '1c6c2eab2f90d451c820533aa755c1796a75cbc7b87eeee85460c32fce647fec',
      name: 'pp',
      readAt: 'now',
      cpuPercent: 1.5,
      memoryBytes: 1_200_000,
      memoryLimitBytes: 25_270_000_000,
      memoryPercent: 0,
      networkRxBytes: 0,
      networkTxBytes: 0,
      blockReadBytes: 0,
      blockWriteBytes: 0,
      pids: 2,
    });
  });

  it('reads images, volumes and networks', () => {
    expect(jsonLines(IMAGES, 'pod').map(cliImage)).toEqual([
      {
        id: 'b0d51b4bb969a0504c16be531519611459b989025bf8c6d231ef49d015968820',
        tags: ['localhost/bb:test'],
        sizeBytes: 1997895,
        createdAt: '2026-11-27T01:56:26.000Z',
      },
    ]);
    expect(jsonLines(VOLUMES, 'pod').map(cliVolume)).toEqual([
      {
        name: 'pv',
        driver: 'local',
        mountpoint: '/var/lib/containers/storage/volumes/pv/_data',
        scope: 'local',
        labels: { owner: 'x' },
      },
    ]);
    expect(jsonLines(NETWORKS, 'pod').map(cliNetwork)).toEqual([
      {
        id: '2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9',
        name: 'podman',
        driver: 'bridge',
        internal: false,
        labels: {},
      },
    ]);
  });

  it('an empty answer is an empty list', () => {
    expect(jsonLines('[]\n', 'pod')).toEqual([]);
    expect(jsonLines('', 'pod')).toEqual([]);
  });
});
