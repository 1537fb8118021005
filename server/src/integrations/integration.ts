import type {
  GuestPowerAction,
  GuestType,
  InfraHealth,
  InfraResource,
  IntegrationKindMeta,
} from '@archnest/contract';
import type { z } from 'zod';
import type { ShellChannel } from '../ssh';
import { HttpClient } from './http-client';
import type { IntegrationTls } from './tls-trust';

export type { IntegrationTls } from './tls-trust';

/** One configured instance as an integration sees it: config and secrets already validated and opened. */
export interface IntegrationInstance<Config, Secrets> {
  id: string;
  name: string;
  config: Config;
  secrets: Secrets;
  tls: IntegrationTls;
}

/** Resources that form one tile: a whole source (`key: null`) or a part of it (`node:pve1`). */
export interface ResourceGroup {
  key: string | null;
  title: string;
  subtitle: string | null;
  /** The group's own health (a Proxmox node is online or not); else the worst member's. */
  health?: InfraHealth;
  /** Plain words; else "N of M running". */
  summary?: string;
  members: InfraResource[];
}

export interface ResourceSnapshot {
  groups: ResourceGroup[];
}

/** Capability: read every resource the source knows of. The signal bounds the whole read. */
export interface ListsResources {
  listResources(signal: AbortSignal): Promise<ResourceSnapshot>;
}

/** Capability: connect once and say what worked. */
export interface TestsConnection {
  testConnection(signal: AbortSignal): Promise<{ message: string; resourceCount: number | null }>;
}

/** A guest as a hypervisor addresses it. */
export interface GuestRef {
  node: string;
  type: GuestType;
  vmid: number;
}

export interface PowerOptions {
  /** shutdown: stop the guest when it has not shut down within `timeoutSeconds`. */
  forceStop?: boolean | undefined;
  timeoutSeconds?: number | undefined;
}

/** A task the hypervisor started for an action; `id` is its own id (a Proxmox UPID). */
export interface StartedTask {
  id: string;
  node: string;
  type: string;
  /** The task only hands the request to the hypervisor's HA manager. */
  ha: boolean;
}

export interface TaskProgress {
  running: boolean;
  /** Once stopped: `OK`, `WARNINGS: N` or the error text. */
  exitStatus: string | null;
}

/**
 * Capability: power actions on guests, carried out as hypervisor tasks that are followed to their end.
 * Refusals before any task starts throw `GuestActionError`; transport failures `IntegrationError`.
 */
export interface GuestPowerActions {
  /** Whether this kind offers the action on this guest type at all. */
  supportsPowerAction(type: GuestType, action: GuestPowerAction): boolean;
  startPowerAction(
    guest: GuestRef,
    action: GuestPowerAction,
    options: PowerOptions,
    signal: AbortSignal,
  ): Promise<StartedTask>;
  taskProgress(task: StartedTask, signal: AbortSignal): Promise<TaskProgress>;
  /** The last `limit` log lines of the task. */
  taskLog(task: StartedTask, limit: number, signal: AbortSignal): Promise<string[]>;
}

/** A guest's or a node's terminal. */
export interface ConsoleTarget {
  node: string;
  type: GuestType | 'node';
  vmid: number | null;
}

/** Capability: a text console on a guest or node, as a shell channel the terminal layer relays. */
export interface GuestConsoles {
  openConsole(
    target: ConsoleTarget,
    size: { cols: number; rows: number },
    signal: AbortSignal,
  ): Promise<ShellChannel>;
}

export function hasGuestConsoles(integration: object): integration is GuestConsoles {
  return 'openConsole' in integration;
}

export function hasGuestPowerActions(integration: object): integration is GuestPowerActions {
  return 'startPowerAction' in integration && 'taskProgress' in integration;
}

/**
 * What every integration shares: its instance and an HTTP client that verifies TLS the instance's way.
 * Kinds add capabilities by implementing the small interfaces above (Homarr's pattern).
 */
export abstract class BaseIntegration<Config, Secrets> implements TestsConnection {
  protected readonly http: HttpClient;

  constructor(protected readonly instance: IntegrationInstance<Config, Secrets>) {
    this.http = new HttpClient(instance.tls);
  }

  abstract listResources(signal: AbortSignal): Promise<ResourceSnapshot>;

  /** By default a test is one full read; a kind with a cheaper probe overrides it. */
  async testConnection(signal: AbortSignal): Promise<{ message: string; resourceCount: number | null }> {
    const snapshot = await this.listResources(signal);
    const count = snapshot.groups.reduce((n, g) => n + g.members.length, 0);
    return { message: `Connected to ${this.instance.name}: ${count} resources.`, resourceCount: count };
  }

  /** Drops kept-alive connections; called when the instance changes or goes. */
  dispose(): void {
    this.http.close();
  }
}

export type Integration = BaseIntegration<unknown, unknown> & ListsResources & TestsConnection;

/** One registry entry: the kind's form metadata, its schemas, cross-field rules and the factory. */
export interface IntegrationDefinition<Config, Secrets> {
  meta: IntegrationKindMeta;
  config: z.ZodType<Config>;
  secrets: z.ZodType<Secrets>;
  /** Rules spanning config and secrets a schema cannot express; returns the problem in words. */
  check?(config: Config, secrets: Secrets): string | null;
  create(instance: IntegrationInstance<Config, Secrets>): BaseIntegration<Config, Secrets>;
}

/** The registry's erased view of a definition, so one table can hold every kind. */
export interface AnyIntegrationDefinition {
  meta: IntegrationKindMeta;
  config: z.ZodType;
  secrets: z.ZodType;
  check(config: unknown, secrets: unknown): string | null;
  create(instance: IntegrationInstance<unknown, unknown>): Integration;
}

export function defineIntegration<Config, Secrets>(
  definition: IntegrationDefinition<Config, Secrets>,
): AnyIntegrationDefinition {
  return {
    meta: definition.meta,
    config: definition.config,
    secrets: definition.secrets,
    check: (config, secrets) => definition.check?.(config as Config, secrets as Secrets) ?? null,
    create: (instance) => definition.create(instance as IntegrationInstance<Config, Secrets>),
  };
}
