import { z } from 'zod';
import { InfraSourceKind } from './infrastructure';
import { LiveTerminalSession } from './terminal';

/** One SSH host's port as last checked: TCP connect plus the SSH banner, no login. */
export const HostReachability = z.object({
  hostId: z.string(),
  /** `unknown`: not checked yet, checks are off, or the host is reached through a jump host. */
  state: z.enum(['up', 'down', 'unknown']),
  /** From the start of the TCP connect to the SSH banner's arrival. */
  latencyMs: z.number().int().nullable(),
  checkedAt: z.string().nullable(),
  /** Why the host is down (or why it is not checked), in plain words. */
  error: z.string().nullable(),
  /** The identification line the server sent, e.g. `SSH-2.0-OpenSSH_9.2p1`. */
  banner: z.string().nullable(),
});
export type HostReachability = z.infer<typeof HostReachability>;

export const OnboardingStep = z.object({
  key: z.enum(['ssh_host', 'docker_host', 'integration', 'agent']),
  label: z.string(),
  done: z.boolean(),
  /** Where the form is, e.g. `/settings?tab=hosts`. */
  href: z.string(),
});
export type OnboardingStep = z.infer<typeof OnboardingStep>;

export const HomeSource = z.object({
  id: z.string(),
  kind: InfraSourceKind,
  name: z.string(),
  state: z.enum(['ok', 'error', 'pending']),
  error: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  /** Plain words, e.g. "3 running, 1 stopped" or "2 up, 1 down". */
  summary: z.string(),
  health: z.enum(['ok', 'warning', 'error', 'off', 'unknown']),
});
export type HomeSource = z.infer<typeof HomeSource>;

export const HomeProblem = z.object({
  kind: z.enum(['source_failing', 'agent_stale', 'host_unreachable']),
  title: z.string(),
  detail: z.string(),
  /** When it began, where known (a stale agent's last report); the page shows it as a relative time. */
  since: z.string().nullable(),
  href: z.string(),
});
export type HomeProblem = z.infer<typeof HomeProblem>;

export const HomeRecentHost = z.object({
  hostId: z.string(),
  name: z.string(),
  address: z.string(),
  /** Null for a host the user has not opened yet (listed when nothing was used recently). */
  lastUsedAt: z.string().nullable(),
  reachability: HostReachability,
});
export type HomeRecentHost = z.infer<typeof HomeRecentHost>;

/** `GET /api/home`: what the signed-in user may see, computed from the server's caches. */
export const HomeSummary = z.object({
  generatedAt: z.string(),
  /** Whether the user may complete the steps (admins); members only see how far the instance is. */
  canSetUp: z.boolean(),
  onboarding: z.array(OnboardingStep),
  totals: z.object({
    hosts: z.object({ total: z.number().int(), up: z.number().int(), down: z.number().int() }),
    containers: z.object({
      running: z.number().int(),
      stopped: z.number().int(),
      unhealthy: z.number().int(),
    }),
    guests: z.object({ running: z.number().int(), stopped: z.number().int() }),
    monitors: z.object({ up: z.number().int(), down: z.number().int() }),
  }),
  sources: z.array(HomeSource),
  recentHosts: z.array(HomeRecentHost),
  sessions: z.array(LiveTerminalSession),
  problems: z.array(HomeProblem),
});
export type HomeSummary = z.infer<typeof HomeSummary>;
