import type { ChannelKind } from '@archnest/contract';
import type { z } from 'zod';
import type { AlertMessage } from '../alert-message';

/** One attempt's context: the bound on it and the delivery it belongs to. */
export interface SendContext {
  signal: AbortSignal;
  timeoutMs: number;
  deliveryId: string;
  now(): Date;
}

export interface SendResult {
  httpStatus: number | null;
}

/** A failed attempt; `retryable` for 5xx, timeouts and connections refused or reset, never for 4xx. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
}

/** One channel kind: its schemas, where it sends (for display) and how. */
export interface ChannelDefinition<Config, Secrets> {
  kind: ChannelKind;
  config: z.ZodType<Config>;
  secrets: z.ZodType<Secrets>;
  /** Scheme, host and port of the destination, without any secret. */
  target(config: Config, secrets: Secrets): string;
  send(message: AlertMessage, config: Config, secrets: Secrets, ctx: SendContext): Promise<SendResult>;
}

/** The registry's erased view, so one table holds every kind. */
export interface AnyChannelDefinition {
  kind: ChannelKind;
  config: z.ZodType;
  secrets: z.ZodType;
  target(config: unknown, secrets: unknown): string;
  send(message: AlertMessage, config: unknown, secrets: unknown, ctx: SendContext): Promise<SendResult>;
}

export function defineChannel<Config, Secrets>(d: ChannelDefinition<Config, Secrets>): AnyChannelDefinition {
  return {
    kind: d.kind,
    config: d.config,
    secrets: d.secrets,
    target: (config, secrets) => d.target(config as Config, secrets as Secrets),
    send: (message, config, secrets, ctx) => d.send(message, config as Config, secrets as Secrets, ctx),
  };
}

/** `https://host:port` of a URL: what the UI may show of a destination. */
export function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid URL';
  }
}
