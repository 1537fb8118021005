import { json, type FakeAnswer, type FakeRequest } from './fake-http';

/** A guest as the fake keeps it (a `cluster/resources` entry of type qemu or lxc). */
export interface PveGuest {
  id: string;
  type: string;
  vmid?: number;
  node?: string;
  status?: string;
  uptime?: number;
  cpu?: number;
  hastate?: string;
}

export interface PveTask {
  upid: string;
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  user: string;
  status: 'running' | 'stopped';
  exitstatus?: string;
  log: string[];
}

export interface PowerKnobs {
  /** How long a task runs before it stops; default 400 ms. */
  taskMs: number;
  /** Guests whose OS ignores a shutdown request (ACPI / `lxc-stop --nokill`). */
  ignoreShutdown: Set<number>;
  /** Guests whose tasks end with `WARNINGS: 1`. */
  warnOn: Set<number>;
  /** Privileges the token lacks (`VM.PowerMgmt`): a call needing one answers 403. A token always reads its own tasks. */
  denied: Set<string>;
}

const hex8 = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');

/** Proxmox's error shape: `{data: null, message}` and the same words in the status line. */
export function pveError(status: number, message: string, errors?: Record<string, string>): FakeAnswer {
  const answer = json(status, { data: null, message: `${message}\n`, ...(errors ? { errors } : {}) });
  return { ...answer, statusMessage: message };
}

const POWER =
  /^\/api2\/json\/nodes\/([^/]+)\/(qemu|lxc)\/(\d+)\/status\/(start|shutdown|stop|reboot|suspend|resume)$/;
const TASK = /^\/api2\/json\/nodes\/([^/]+)\/tasks\/([^/]+)\/(status|log)$/;

/**
 * Proxmox VE's power endpoints and task API, shaped after its API viewer and qemu-server / pve-container:
 * actions answer a UPID (`UPID:node:PID:PSTART:STARTTIME:type:id:user:`), tasks go running → stopped
 * with an exit status and `{n, t}` log lines, and the guest's state changes when its task ends.
 */
export class PveTaskEngine {
  readonly tasks = new Map<string, PveTask>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private pid = 0x1a2b0;

  constructor(
    private readonly guests: () => PveGuest[],
    private readonly onlineNodes: () => Set<string>,
    private readonly user: string,
    private readonly knobs: PowerKnobs,
  ) {}

  handles(path: string): boolean {
    return POWER.test(path) || TASK.test(path);
  }

  answer(req: FakeRequest): FakeAnswer {
    const power = POWER.exec(req.path);
    if (power && req.method === 'POST') {
      if (req.headers['transfer-encoding'] === 'chunked' || req.headers['content-length'] === undefined) {
        return pveError(501, 'chunked transfer encoding not supported');
      }
      return this.power(power[1] ?? '', power[2] as 'qemu' | 'lxc', Number(power[3]), power[4] ?? '', req);
    }
    const task = TASK.exec(req.path);
    if (task && req.method === 'GET') {
      const found = this.tasks.get(decodeURIComponent(task[2] ?? ''));
      if (!found || found.node !== task[1]) return pveError(500, 'no such task');
      if (task[3] === 'status') {
        const { log: _log, ...status } = found;
        return json(200, { data: status });
      }
      const start = Number(req.query.get('start') ?? 0);
      const limit = Number(req.query.get('limit') ?? 50);
      const lines = found.log.map((t, i) => ({ n: i + 1, t })).slice(start, start + limit);
      return json(200, { data: lines, total: found.log.length });
    }
    return pveError(501, `Method '${req.method} ${req.path}' not implemented`);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private power(
    node: string,
    kind: 'qemu' | 'lxc',
    vmid: number,
    action: string,
    req: FakeRequest,
  ): FakeAnswer {
    const form = new URLSearchParams(req.body);
    const timeout = form.get('timeout');
    if (timeout !== null && !/^\d+$/.test(timeout)) {
      return pveError(400, 'Parameter verification failed.', {
        timeout: "type check ('integer') failed - got '" + timeout + "'",
      });
    }
    const guest = this.guests().find((g) => g.type === kind && g.vmid === vmid && g.node === node);
    const conf = kind === 'qemu' ? 'qemu-server' : 'lxc';
    if (!guest)
      return pveError(500, `Configuration file 'nodes/${node}/${conf}/${vmid}.conf' does not exist`);
    if (!this.onlineNodes().has(node)) return pveError(595, `no route to host`);
    if (this.knobs.denied.has('VM.PowerMgmt')) {
      return pveError(403, `Permission check failed (/vms/${vmid}, VM.PowerMgmt)`);
    }
    const label = kind === 'qemu' ? `VM ${vmid}` : `CT ${vmid}`;
    const running = guest.status === 'running' || guest.status === 'paused';
    const prefix = kind === 'qemu' ? 'qm' : 'vz';
    const forceStop = form.get('forceStop') === '1';

    // HA-managed guests: start, stop and shutdown only ask the HA manager (qemu-server / pve-container).
    if (guest.hastate && (action === 'start' || action === 'stop' || action === 'shutdown')) {
      const want = action === 'start' ? 'started' : 'stopped';
      return this.task(
        node,
        action === 'start' ? 'hastart' : 'hastop',
        vmid,
        [`Requesting HA ${action === 'start' ? 'start' : 'stop'} for ${label}`],
        () => {
          guest.hastate = want;
          this.setState(guest, want === 'started' ? 'running' : 'stopped');
          return 'OK';
        },
      );
    }
    // Refused before any task, as Proxmox does.
    if (kind === 'lxc' && action === 'start' && running) return pveError(500, `${label} already running`);
    if ((action === 'reboot' || action === 'suspend' || action === 'resume') && !running) {
      return pveError(500, `${label} not running`);
    }
    if (kind === 'lxc' && (action === 'stop' || action === 'shutdown') && !running) {
      return pveError(500, `${label} not running`);
    }
    const warn = this.knobs.warnOn.has(vmid);
    switch (action) {
      case 'start':
        return this.task(
          node,
          `${prefix}start`,
          vmid,
          [`starting ${label}`],
          () => {
            if (running) return `${label} already running`;
            this.setState(guest, 'running');
            return warn ? 'WARNINGS: 1' : 'OK';
          },
          warn ? ['WARN: old machine version in use'] : [],
        );
      case 'stop':
        return this.task(node, `${prefix}stop`, vmid, [`stopping ${label}`], () => {
          this.setState(guest, 'stopped');
          return 'OK';
        });
      case 'shutdown':
        return this.task(
          node,
          `${prefix}shutdown`,
          vmid,
          [`shutting down ${label}`],
          () => {
            if (!running) return 'OK';
            if (this.knobs.ignoreShutdown.has(vmid)) {
              if (!forceStop) {
                return kind === 'qemu'
                  ? 'VM quit/powerdown failed - got timeout'
                  : `command 'lxc-stop -n ${vmid} --nokill --timeout ${timeout ?? 60}' failed: exit code 1`;
              }
              this.setState(guest, 'stopped');
              return 'OK';
            }
            this.setState(guest, 'stopped');
            return 'OK';
          },
          this.knobs.ignoreShutdown.has(vmid) && forceStop
            ? [
                `${kind === 'qemu' ? 'VM quit/powerdown failed' : 'shutdown timed out'} - terminating now with SIGTERM`,
              ]
            : [],
        );
      case 'reboot':
        return this.task(node, `${prefix}reboot`, vmid, [`rebooting ${label}`], () => {
          this.setState(guest, 'running');
          return 'OK';
        });
      case 'suspend':
        return this.task(node, `${prefix}suspend`, vmid, [`suspending ${label}`], () => {
          if (kind === 'qemu') this.setState(guest, 'paused');
          return 'OK';
        });
      default:
        return this.task(node, `${prefix}resume`, vmid, [`resuming ${label}`], () => {
          if (guest.status === 'paused') this.setState(guest, 'running');
          return 'OK';
        });
    }
  }

  private setState(guest: PveGuest, status: 'running' | 'stopped' | 'paused'): void {
    if (status === 'stopped') {
      guest.uptime = 0;
      guest.cpu = 0;
    } else if (guest.status === 'stopped') guest.uptime = 1;
    guest.status = status;
  }

  /** Starts a task: running now, stopped after `taskMs` with `finish()`'s exit status. */
  private task(
    node: string,
    type: string,
    vmid: number,
    first: string[],
    finish: () => string,
    middle: string[] = [],
  ): FakeAnswer {
    this.pid += 1;
    const starttime = Math.floor(Date.now() / 1000);
    const upid = `UPID:${node}:${hex8(this.pid)}:${hex8(0x2c4d000 + this.pid)}:${hex8(starttime)}:${type}:${vmid}:${this.user}:`;
    const task: PveTask = {
      upid,
      node,
      pid: this.pid,
      pstart: 0x2c4d000 + this.pid,
      starttime,
      type,
      id: String(vmid),
      user: this.user,
      status: 'running',
      log: [...first],
    };
    this.tasks.set(upid, task);
    const half = setTimeout(() => {
      this.timers.delete(half);
      task.log.push(...middle);
    }, this.knobs.taskMs / 2);
    const end = setTimeout(() => {
      this.timers.delete(end);
      const exit = finish();
      task.log.push(
        exit === 'OK' ? 'TASK OK' : exit.startsWith('WARNINGS') ? `TASK ${exit}` : `TASK ERROR: ${exit}`,
      );
      task.exitstatus = exit;
      task.status = 'stopped';
    }, this.knobs.taskMs);
    this.timers.add(half);
    this.timers.add(end);
    return json(200, { data: upid });
  }
}
