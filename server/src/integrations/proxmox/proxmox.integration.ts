import {
  integrationKinds,
  ProxmoxConfig,
  ProxmoxSecrets,
  type GuestPowerAction,
  type GuestType,
  type InfraHealth,
  type InfraResource,
} from '@archnest/contract';
import type { z } from 'zod';
import { expectOk, parseJson } from '../http-client';
import { IntegrationError } from '../integration-error';
import {
  BaseIntegration,
  defineIntegration,
  type ConsoleTarget,
  type GuestConsoles,
  type GuestPowerActions,
  type GuestRef,
  type PowerOptions,
  type ResourceGroup,
  type ResourceSnapshot,
  type StartedTask,
  type TaskProgress,
} from '../integration';
import type { ShellChannel } from '../../ssh';
import { ProxmoxConsoleOpener } from './proxmox-console-auth';
import { ProxmoxPower, supportsPowerAction } from './proxmox-power';
import { PveClusterResources, type PveClusterResource } from './proxmox.types';

type Config = z.output<typeof ProxmoxConfig>;
type Secrets = z.output<typeof ProxmoxSecrets>;

const GUEST_HEALTH: Record<string, InfraHealth> = {
  running: 'ok',
  paused: 'warning',
  suspended: 'warning',
  prelaunch: 'warning',
  stopped: 'off',
};

function nodeHealth(status: string | undefined): InfraHealth {
  if (status === 'online') return 'ok';
  if (status === 'offline') return 'error';
  return 'unknown';
}

export function splitTags(tags: string | undefined): string[] {
  return (tags ?? '').split(/[;,\s]+/).filter(Boolean);
}

function guestResource(r: PveClusterResource): InfraResource {
  const vm = r.type === 'qemu';
  const vmid = r.vmid ?? Number(r.id.split('/')[1]);
  const template = r.template === 1 || r.template === true;
  const details = [
    { label: 'VMID', value: String(vmid) },
    { label: 'Node', value: r.node ?? '—' },
    { label: 'Type', value: vm ? 'QEMU virtual machine' : 'LXC container' },
  ];
  if (r.maxcpu !== undefined) details.push({ label: 'CPUs', value: String(r.maxcpu) });
  if (template) details.push({ label: 'Template', value: 'yes' });
  if (r.hastate) details.push({ label: 'HA state', value: r.hastate });
  if (r.lock) details.push({ label: 'Lock', value: r.lock });
  if (r.pool) details.push({ label: 'Pool', value: r.pool });
  const status = r.status ?? 'unknown';
  return {
    id: `${r.type}/${vmid}`,
    name: r.name ?? `${vm ? 'VM' : 'CT'} ${vmid}`,
    type: vm ? 'vm' : 'lxc',
    status,
    health: GUEST_HEALTH[status] ?? 'unknown',
    cpu: r.cpu ?? null,
    memoryUsedBytes: r.mem ?? null,
    memoryTotalBytes: r.maxmem ?? null,
    diskUsedBytes: r.disk ?? null,
    diskTotalBytes: r.maxdisk ?? null,
    uptimeSeconds: r.uptime ?? null,
    tags: splitTags(r.tags),
    details,
  };
}

/**
 * Proxmox VE through an API token. One read of `cluster/resources` gives nodes and guests of the
 * whole cluster; each node becomes a tile whose members are its guests.
 */
export class ProxmoxIntegration
  extends BaseIntegration<Config, Secrets>
  implements GuestPowerActions, GuestConsoles
{
  private readonly power = new ProxmoxPower(this.http, this.base(), this.authorization());

  supportsPowerAction(type: GuestType, action: GuestPowerAction): boolean {
    return supportsPowerAction(type, action);
  }

  startPowerAction(
    guest: GuestRef,
    action: GuestPowerAction,
    options: PowerOptions,
    signal: AbortSignal,
  ): Promise<StartedTask> {
    return this.power.start(guest, action, options, signal);
  }

  taskProgress(task: StartedTask, signal: AbortSignal): Promise<TaskProgress> {
    return this.power.progress(task, signal);
  }

  taskLog(task: StartedTask, limit: number, signal: AbortSignal): Promise<string[]> {
    return this.power.log(task, limit, signal);
  }

  openConsole(
    target: ConsoleTarget,
    size: { cols: number; rows: number },
    signal: AbortSignal,
  ): Promise<ShellChannel> {
    const { consoleUser } = this.instance.config;
    const { consolePassword } = this.instance.secrets;
    const user = consoleUser && consolePassword ? { user: consoleUser, password: consolePassword } : null;
    return new ProxmoxConsoleOpener(this.http, this.base(), this.authorization(), user).open(
      target,
      size,
      signal,
    );
  }

  async listResources(signal: AbortSignal): Promise<ResourceSnapshot> {
    const { showTemplates } = this.instance.config;
    const answer = await this.http.get({
      url: `${this.base()}/api2/json/cluster/resources`,
      headers: { authorization: this.authorization() },
      signal,
    });
    expectOk(answer, 'Proxmox');
    const parsed = PveClusterResources.safeParse(parseJson(answer, 'Proxmox'));
    if (!parsed.success) {
      throw new IntegrationError('bad_response', 'Proxmox sent cluster resources in an unexpected shape.');
    }
    const groups = new Map<string, ResourceGroup>();
    const group = (node: string, status?: string): ResourceGroup => {
      let g = groups.get(node);
      if (!g) {
        g = {
          key: `node:${node}`,
          title: node,
          subtitle: this.instance.name,
          health: nodeHealth(status),
          members: [],
        };
        groups.set(node, g);
      }
      return g;
    };
    for (const r of parsed.data.data) if (r.type === 'node' && r.node) group(r.node, r.status);
    for (const r of parsed.data.data) {
      if (r.type !== 'qemu' && r.type !== 'lxc') continue;
      if (!showTemplates && (r.template === 1 || r.template === true)) continue;
      group(r.node ?? 'unknown').members.push(guestResource(r));
    }
    for (const g of groups.values()) {
      g.members.sort((a, b) => Number(a.id.split('/')[1]) - Number(b.id.split('/')[1]));
      if (g.health === 'error') g.summary = `Node offline · ${g.members.length} guests`;
    }
    return { groups: [...groups.values()].sort((a, b) => a.title.localeCompare(b.title)) };
  }

  private base(): string {
    return this.instance.config.url.replace(/\/+$/, '');
  }

  private authorization(): string {
    return `PVEAPIToken=${this.instance.config.tokenId}=${this.instance.secrets.tokenSecret}`;
  }
}

export const proxmoxDefinition = defineIntegration<Config, Secrets>({
  meta: integrationKinds.proxmox,
  config: ProxmoxConfig,
  secrets: ProxmoxSecrets,
  check: (config, secrets) =>
    Boolean(config.consoleUser) !== Boolean(secrets.consolePassword)
      ? 'A console user needs both the user (user@realm) and its password.'
      : null,
  create: (instance) => new ProxmoxIntegration(instance),
});
