import type { InfraResource } from '@archnest/contract';
import { formatBytes } from '../../lib/format-bytes';

const GiB = 1024 ** 3;

export function formatUptime(seconds: number | null): string {
  if (seconds === null) return '—';
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} m`;
  return minutes > 0 ? `${minutes} m` : `${Math.floor(seconds)} s`;
}

export function memoryRatio(resource: InfraResource): number | null {
  const { memoryUsedBytes: used, memoryTotalBytes: total } = resource;
  return used !== null && total ? used / total : null;
}

export function memoryText(resource: InfraResource): string | undefined {
  const { memoryUsedBytes: used, memoryTotalBytes: total } = resource;
  if (used === null) return undefined;
  if (!total) return formatBytes(used);
  // The common case, both in GiB, reads shorter with the unit once: "1.8 / 4.0 GiB".
  if (used >= GiB && total >= GiB) return `${(used / GiB).toFixed(1)} / ${(total / GiB).toFixed(1)} GiB`;
  return `${formatBytes(used)} / ${formatBytes(total)}`;
}

export function detailsText(resource: InfraResource): string {
  return resource.details.map((detail) => `${detail.label}: ${detail.value}`).join(' · ');
}
