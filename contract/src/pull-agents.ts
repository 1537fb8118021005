import { z } from 'zod';
import { DockerHost } from './docker';

/** `host:port` where a pull agent listens: a name or an IPv4/IPv6 address, never every interface. */
export const PullAgentAddress = z
  .string()
  .trim()
  .max(300)
  .refine(
    (v) => /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/.test(v) && !/^(0\.0\.0\.0|\[::\]):/.test(v),
    'Use the address the agent listens on, e.g. 10.0.0.5:7443.',
  );

export const CreatePullAgentEnrolmentBody = z
  .object({
    name: z.string().trim().min(1, 'Name is required.').max(64),
    address: PullAgentAddress,
    /** The agent refuses every lifecycle verb and exec. */
    monitorOnly: z.boolean().default(false),
    /** The agent accepts exec (interactive shells); off unless asked for. */
    allowExec: z.boolean().default(false),
  })
  .strict();
export type CreatePullAgentEnrolmentBody = z.infer<typeof CreatePullAgentEnrolmentBody>;

/** Shown once: the token is in the commands and nowhere else afterwards. */
export const PullAgentEnrolment = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  expiresAt: z.string(),
  token: z.string(),
  /** Runs the agent in the foreground from the current directory (needs Node.js 22+ and curl). */
  runCommand: z.string(),
  /** Installs it as a hardened systemd service (as root). */
  installCommand: z.string(),
});
export type PullAgentEnrolment = z.infer<typeof PullAgentEnrolment>;

export const PullAgentEnrolmentParams = z.object({ id: z.string().min(1).max(64) });

export const CompletedPullAgentEnrolment = z.object({
  host: DockerHost,
  /** The agent's certificate as pinned, `SHA256:<base64>`. */
  agentFingerprint: z.string(),
  /** ArchNest's client certificate for this agent, as the agent pinned it. */
  clientFingerprint: z.string(),
  monitorOnly: z.boolean(),
  execEnabled: z.boolean(),
});
export type CompletedPullAgentEnrolment = z.infer<typeof CompletedPullAgentEnrolment>;
