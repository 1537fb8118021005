import { z } from 'zod';

/** `GET /api/status-page/<slug>`: the page, its groups and the monitors shown in them. */
export const KumaStatusPage = z.object({
  config: z.object({ slug: z.string(), title: z.string().nullable().optional() }).passthrough(),
  publicGroupList: z.array(
    z
      .object({
        id: z.number().optional(),
        name: z.string(),
        monitorList: z.array(
          z.object({ id: z.number(), name: z.string(), type: z.string().optional() }).passthrough(),
        ),
      })
      .passthrough(),
  ),
});
export type KumaStatusPage = z.infer<typeof KumaStatusPage>;

/** A heartbeat: 0 down, 1 up, 2 pending, 3 maintenance; `time` is `YYYY-MM-DD HH:mm:ss.SSS` UTC. */
export const KumaHeartbeat = z
  .object({
    status: z.number().int(),
    time: z.string(),
    msg: z.string().nullable().optional(),
    ping: z.number().nullable().optional(),
  })
  .passthrough();

/** `GET /api/status-page/heartbeat/<slug>`: recent beats per monitor id and `<id>_24` uptime fractions. */
export const KumaHeartbeats = z.object({
  heartbeatList: z.record(z.string(), z.array(KumaHeartbeat)),
  uptimeList: z.record(z.string(), z.number()),
});
export type KumaHeartbeats = z.infer<typeof KumaHeartbeats>;

/** `monitor_status` values on `/metrics` and heartbeat statuses share these numbers. */
export const KUMA_STATUS = { 0: 'down', 1: 'up', 2: 'pending', 3: 'maintenance' } as const;
