import type { GuestPowerAction, GuestType } from '@archnest/contract';
import { z } from 'zod';
import { GuestActionError } from '../guest-action-error';
import type { HttpAnswer, HttpClient } from '../http-client';
import { parseJson } from '../http-client';
import type { GuestRef, PowerOptions, StartedTask, TaskProgress } from '../integration';
import { IntegrationError } from '../integration-error';
import { parseUpid } from './proxmox-upid';

/** What Proxmox sends with a failure: `{data: null, message}`, parameter errors with `errors{}`. */
const PveError = z.object({
  message: z.string().optional(),
  errors: z.record(z.string(), z.string()).optional(),
});
const PveUpid = z.object({ data: z.string() });
const PveTaskStatus = z.object({
  data: z.object({ status: z.string(), exitstatus: z.string().optional() }).passthrough(),
});
const PveTaskLog = z.object({
  data: z.array(z.object({ n: z.number(), t: z.string() })),
  total: z.number().optional(),
});

const PERMISSION = /Permission check failed \(([^,]+), ([A-Za-z.]+)\)/;

/** LXC suspend and resume are marked experimental by Proxmox VE; ArchNest does not offer them. */
export function supportsPowerAction(type: GuestType, action: GuestPowerAction): boolean {
  return !(type === 'lxc' && (action === 'suspend' || action === 'resume'));
}

function errorText(answer: HttpAnswer): { message: string; errors: Record<string, string> } {
  let body: z.infer<typeof PveError> = {};
  try {
    const parsed = PveError.safeParse(JSON.parse(answer.body));
    if (parsed.success) body = parsed.data;
  } catch {
    // Not JSON: the status line carries Proxmox's words.
  }
  const message = (body.message ?? answer.statusMessage).trim();
  return { message: message || `HTTP ${answer.status}`, errors: body.errors ?? {} };
}

/** Turns a non-2xx answer to an action into the error that says why, in Proxmox's words. */
export function actionFailure(answer: HttpAnswer): Error {
  const { message, errors } = errorText(answer);
  if (answer.status === 401) {
    return new IntegrationError('auth_failed', 'Proxmox refused the API token (HTTP 401).');
  }
  if (answer.status === 403) {
    const m = PERMISSION.exec(message);
    return new GuestActionError(
      'privilege_missing',
      message,
      m ? { path: m[1] ?? '', privilege: m[2] ?? '' } : null,
    );
  }
  if (answer.status === 400) {
    const fields = Object.entries(errors).map(([k, v]) => `${k}: ${v.trim()}`);
    return new GuestActionError('invalid', [message, ...fields].join(' '));
  }
  if (answer.status === 500) return new GuestActionError('refused', message);
  return new IntegrationError('http_error', `Proxmox answered HTTP ${answer.status}: ${message}`);
}

/**
 * Proxmox's power endpoints and task API over one instance's client:
 * `POST /nodes/{node}/{qemu|lxc}/{vmid}/status/{action}` answers a UPID, followed through
 * `GET /nodes/{node}/tasks/{upid}/status` and `/log`.
 */
export class ProxmoxPower {
  constructor(
    private readonly http: HttpClient,
    private readonly base: string,
    private readonly authorization: string,
  ) {}

  async start(
    guest: GuestRef,
    action: GuestPowerAction,
    options: PowerOptions,
    signal: AbortSignal,
  ): Promise<StartedTask> {
    const form: Record<string, string> = {};
    if (action === 'shutdown') {
      if (options.forceStop) form.forceStop = '1';
      if (options.timeoutSeconds !== undefined) form.timeout = String(options.timeoutSeconds);
    }
    const path = `/nodes/${encodeURIComponent(guest.node)}/${guest.type}/${guest.vmid}/status/${action}`;
    const answer = await this.http.post({ url: this.url(path), headers: this.headers(), form, signal });
    if (answer.status !== 200) throw actionFailure(answer);
    const parsed = PveUpid.safeParse(parseJson(answer, 'Proxmox'));
    const upid = parsed.success ? parseUpid(parsed.data.data) : null;
    if (!parsed.success || !upid) {
      throw new IntegrationError('bad_response', 'Proxmox answered the action without a task id (UPID).');
    }
    return { id: parsed.data.data, node: upid.node, type: upid.type, ha: upid.type.startsWith('ha') };
  }

  async progress(task: StartedTask, signal: AbortSignal): Promise<TaskProgress> {
    const answer = await this.http.get({
      url: this.taskUrl(task, 'status'),
      headers: this.headers(),
      signal,
    });
    if (answer.status !== 200) throw actionFailure(answer);
    const parsed = PveTaskStatus.safeParse(parseJson(answer, 'Proxmox'));
    if (!parsed.success)
      throw new IntegrationError('bad_response', 'Proxmox sent a task status in an unexpected shape.');
    const running = parsed.data.data.status === 'running';
    return { running, exitStatus: running ? null : (parsed.data.data.exitstatus ?? null) };
  }

  async log(task: StartedTask, limit: number, signal: AbortSignal): Promise<string[]> {
    const read = async (start: number) => {
      const url = `${this.taskUrl(task, 'log')}?start=${start}&limit=${limit}`;
      const answer = await this.http.get({ url, headers: this.headers(), signal });
      if (answer.status !== 200) throw actionFailure(answer);
      const parsed = PveTaskLog.safeParse(parseJson(answer, 'Proxmox'));
      if (!parsed.success)
        throw new IntegrationError('bad_response', 'Proxmox sent a task log in an unexpected shape.');
      return parsed.data;
    };
    let page = await read(0);
    if (page.total !== undefined && page.total > limit) page = await read(page.total - limit);
    return page.data.sort((a, b) => a.n - b.n).map((line) => line.t);
  }

  private taskUrl(task: StartedTask, what: 'status' | 'log'): string {
    return this.url(`/nodes/${encodeURIComponent(task.node)}/tasks/${encodeURIComponent(task.id)}/${what}`);
  }

  private url(path: string): string {
    return `${this.base}/api2/json${path}`;
  }

  private headers(): Record<string, string> {
    return { authorization: this.authorization };
  }
}
