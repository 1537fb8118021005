import { subjectsOf } from '../../server/src/modules/alerts/alert-subject';
import type { PollOutcome } from '../../server/src/modules/infrastructure/resource-source';
const members = Array.from({ length: 5000 }, (_, i) => ({
  id: `monitor/${i}`,
  name: `monitor-${i}`,
  type: 'monitor' as const,
  status: i % 25 === 24 ? 'down' : 'up',
  health: 'ok' as const,
  cpu: null,
  memoryUsedBytes: null,
  memoryTotalBytes: null,
  diskUsedBytes: null,
  diskTotalBytes: null,
  uptimeSeconds: null,
  tags: [],
  details: [],
}));
const outcome: PollOutcome = {
  sourceId: 'integration:x',
  kind: 'uptime-kuma',
  name: 'kuma bench',
  at: new Date(),
  error: null,
  snapshot: { groups: [{ key: null, title: 'k', subtitle: null, members }] },
};
for (let i = 0; i < 100; i++) subjectsOf(outcome);
const t = process.hrtime.bigint();
for (let i = 0; i < 100; i++) subjectsOf(outcome);
console.log('subjectsOf ms', Number(process.hrtime.bigint() - t) / 100e6);
