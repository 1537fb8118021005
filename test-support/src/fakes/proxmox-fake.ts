import { json, startFakeHttp, type FakeServer, type FakeServerOptions } from './fake-http';
import { CURRENT_PVE, PveAuth, type PveVersions } from './proxmox-auth';
import { PveConsoles, type ConsoleRecord } from './proxmox-console';
import { PveTaskEngine, type PowerKnobs, type PveTask } from './proxmox-tasks';

export { pveError, type PveTask } from './proxmox-tasks';
export { CURRENT_PVE, OLD_PVE, type PveVersions } from './proxmox-auth';

/** One entry of `GET /api2/json/cluster/resources`, as Proxmox VE documents and sends it. */
export interface PveClusterResource {
  id: string;
  type: 'node' | 'qemu' | 'lxc' | 'storage';
  node?: string;
  status?: string;
  vmid?: number;
  name?: string;
  cpu?: number;
  maxcpu?: number;
  mem?: number;
  maxmem?: number;
  disk?: number;
  maxdisk?: number;
  uptime?: number;
  template?: 0 | 1;
  tags?: string;
  level?: string;
  storage?: string;
  plugintype?: string;
  content?: string;
  shared?: 0 | 1;
  /** Set for HA-managed guests (`started`, `stopped`, …). */
  hastate?: string;
}

export interface ProxmoxFakeOptions extends FakeServerOptions {
  /** `USER@REALM!TOKENID`; default `monitor@pve!archnest`. */
  tokenId?: string;
  /** Default `fake-token-secret`. */
  tokenSecret?: string;
  /**
   * Extra running guests spread over the online nodes (for benchmarks). The fixed set is always served:
   * pve1 and pve2 online, pve3 offline with two unnamed guests, one template on pve1.
   */
  extraGuests?: number;
  /** Online nodes besides pve1/pve2 for the extra guests; default 0. */
  extraNodes?: number;
  /** VMIDs managed by HA (`hastate: started`): their start/stop/shutdown run as `hastart`/`hastop`. */
  haGuests?: number[];
  /** How long each task runs; default 400 ms. */
  taskMs?: number;
  /**
   * Package versions (`GET /version` reports pve-manager's); default CURRENT_PVE. With OLD_PVE an API
   * token's console ticket is dropped by termproxy, and only a user's ticket opens a console.
   */
  versions?: PveVersions;
  /** Users for `POST /access/ticket`, `user@realm` to password; default `root@pam`: `fake-root-password`. */
  users?: Record<string, string>;
  /** QEMU VMs without a serial port. */
  noSerial?: number[];
}

export interface ProxmoxFake extends FakeServer, Omit<PowerKnobs, 'taskMs'> {
  tokenId: string;
  tokenSecret: string;
  resources: PveClusterResource[];
  /** Every task started, by UPID. */
  tasks: Map<string, PveTask>;
  /** Terminal console sessions opened through vncwebsocket, with what they received. */
  consoles: ConsoleRecord[];
  /** The package versions; change them to model an upgrade. */
  versions: PveVersions;
  /** Users who may log in through `/access/ticket`. */
  users: Map<string, string>;
  /** Every `/access/ticket` attempt's user name, in order. */
  logins: string[];
  noSerial: Set<number>;
  /** Power-action requests received (method, path and body), in order. */
  powerRequests: { path: string; body: string; headers: Record<string, string | string[] | undefined> }[];
}

const GiB = 1024 ** 3;

function node(name: string, online: boolean): PveClusterResource {
  return online
    ? {
        id: `node/${name}`,
        type: 'node',
        node: name,
        status: 'online',
        cpu: 0.07,
        maxcpu: 16,
        mem: 12 * GiB,
        maxmem: 64 * GiB,
        disk: 20 * GiB,
        maxdisk: 100 * GiB,
        uptime: 864_000,
        level: '',
      }
    : { id: `node/${name}`, type: 'node', node: name, status: 'offline' };
}

function guest(
  type: 'qemu' | 'lxc',
  vmid: number,
  nodeName: string,
  extra: Partial<PveClusterResource>,
): PveClusterResource {
  return {
    id: `${type}/${vmid}`,
    type,
    vmid,
    node: nodeName,
    status: 'running',
    cpu: 0.031,
    maxcpu: 2,
    mem: 1 * GiB,
    maxmem: 4 * GiB,
    disk: 3 * GiB,
    maxdisk: 32 * GiB,
    uptime: 3600,
    template: 0,
    ...extra,
  };
}

/** The resources a small cluster reports, including the awkward cases (offline node, template, tags). */
export function proxmoxResources(extraGuests = 0, extraNodes = 0): PveClusterResource[] {
  const list: PveClusterResource[] = [
    node('pve1', true),
    node('pve2', true),
    node('pve3', false),
    guest('qemu', 100, 'pve1', { name: 'web', tags: 'prod;web' }),
    guest('qemu', 101, 'pve1', { name: 'db', status: 'stopped', cpu: 0, mem: 0, uptime: 0 }),
    guest('lxc', 200, 'pve1', { name: 'dns', tags: 'infra,dns' }),
    guest('qemu', 9000, 'pve1', { name: 'debian-template', status: 'stopped', template: 1, uptime: 0 }),
    guest('qemu', 102, 'pve2', { name: 'mail' }),
    guest('lxc', 201, 'pve2', { name: 'proxy' }),
    // Proxmox knows guests on an offline node only by id: no name, status unknown, no figures.
    { id: 'qemu/105', type: 'qemu', vmid: 105, node: 'pve3', status: 'unknown' },
    { id: 'lxc/205', type: 'lxc', vmid: 205, node: 'pve3', status: 'unknown' },
    {
      id: 'storage/pve1/local',
      type: 'storage',
      node: 'pve1',
      storage: 'local',
      status: 'available',
      plugintype: 'dir',
      content: 'iso,vztmpl,backup',
      shared: 0,
      disk: 10 * GiB,
      maxdisk: 100 * GiB,
    },
  ];
  const nodes = ['pve1', 'pve2'];
  for (let i = 0; i < extraNodes; i++) {
    const name = `pve-x${i + 1}`;
    nodes.push(name);
    list.push(node(name, true));
  }
  for (let i = 0; i < extraGuests; i++) {
    const vmid = 1000 + i;
    const type = i % 3 === 2 ? 'lxc' : 'qemu';
    list.push(
      guest(type, vmid, nodes[i % nodes.length] ?? 'pve1', {
        name: `guest-${vmid}`,
        status: i % 10 === 9 ? 'stopped' : 'running',
      }),
    );
  }
  return list;
}

/**
 * Proxmox VE's API on loopback: `GET /api2/json/cluster/resources` and `/api2/json/version`, the guest
 * power endpoints and the task API (see proxmox-tasks.ts), answering
 * `{"data": …}` only to `Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET` (401 otherwise).
 */
export async function startProxmoxFake(options: ProxmoxFakeOptions = {}): Promise<ProxmoxFake> {
  const tokenId = options.tokenId ?? 'monitor@pve!archnest';
  const tokenSecret = options.tokenSecret ?? 'fake-token-secret';
  const resources = proxmoxResources(options.extraGuests, options.extraNodes);
  for (const r of resources)
    if (r.vmid !== undefined && options.haGuests?.includes(r.vmid)) r.hastate = 'started';
  const knobs: PowerKnobs = {
    taskMs: options.taskMs ?? 400,
    ignoreShutdown: new Set(),
    warnOn: new Set(),
    denied: new Set(),
  };
  const engine = new PveTaskEngine(
    () => resources.filter((r) => r.type === 'qemu' || r.type === 'lxc'),
    () =>
      new Set(resources.filter((r) => r.type === 'node' && r.status === 'online').map((r) => r.node ?? '')),
    tokenId,
    knobs,
  );
  const powerRequests: ProxmoxFake['powerRequests'] = [];
  const versions = { ...(options.versions ?? CURRENT_PVE) };
  const auth = new PveAuth(
    tokenId,
    tokenSecret,
    new Map(Object.entries(options.users ?? { 'root@pam': 'fake-root-password' })),
  );
  const noSerial = new Set(options.noSerial ?? []);
  const consoles = new PveConsoles(
    () => resources.filter((r) => r.type === 'qemu' || r.type === 'lxc'),
    auth,
    versions,
    knobs.denied,
    noSerial,
  );
  const server = await startFakeHttp(
    { tls: 'self-signed', ...options },
    { status: 200, type: 'application/json;charset=UTF-8', body: '{"data":[{"id":"node/pve1",' },
    (req) => {
      if (req.path === '/api2/json/access/ticket') return auth.login(req);
      const principal = auth.principal(req.method, req.headers);
      if (typeof principal === 'string') {
        return { status: 401, type: 'text/plain', body: principal, statusMessage: principal };
      }
      if (consoles.handles(req.path)) return consoles.termproxy(req, principal.user);
      if (engine.handles(req.path)) {
        if (req.method === 'POST')
          powerRequests.push({ path: req.path, body: req.body, headers: req.headers });
        return engine.answer(req);
      }
      if (req.method !== 'GET') return json(501, { data: null });
      if (req.path === '/api2/json/version') {
        const release = versions.pveManager.split('.').slice(0, 2).join('.');
        return json(200, { data: { version: versions.pveManager, release, repoid: '3e76eec21c4a14a7' } });
      }
      if (req.path === '/api2/json/cluster/resources') {
        const type = req.query.get('type');
        const filtered =
          type === 'vm'
            ? resources.filter((r) => r.type === 'qemu' || r.type === 'lxc')
            : type
              ? resources.filter((r) => r.type === type)
              : resources;
        return json(200, { data: filtered });
      }
      return json(501, { data: null, message: `Method '${req.method} ${req.path}' not implemented` });
    },
    (req, socket, head) => consoles.upgrade(req, socket, head),
  );
  return {
    ...server,
    tokenId,
    tokenSecret,
    resources,
    tasks: engine.tasks,
    powerRequests,
    consoles: consoles.sessions,
    versions,
    users: auth.users,
    logins: auth.logins,
    noSerial,
    ignoreShutdown: knobs.ignoreShutdown,
    warnOn: knobs.warnOn,
    denied: knobs.denied,
    async stop() {
      engine.stop();
      await server.stop();
    },
  };
}
