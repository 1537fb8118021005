import type { ContainerState, ContainerSummary } from '@archnest/contract';

export type Tone = 'neutral' | 'accent' | 'success' | 'danger' | 'warning';

export const stateTone: Record<ContainerState, Tone> = {
  running: 'success',
  paused: 'warning',
  restarting: 'warning',
  created: 'accent',
  removing: 'warning',
  exited: 'neutral',
  dead: 'danger',
  unknown: 'neutral',
};

/** `127.0.0.1:8080→80/tcp`, the way `docker ps` prints a published port. */
export function formatPort(port: ContainerSummary['ports'][number]): string {
  const inside = `${port.containerPort}/${port.protocol}`;
  if (port.hostPort === undefined) return inside;
  const ip = port.hostIp && port.hostIp !== '0.0.0.0' && port.hostIp !== '::' ? `${port.hostIp}:` : '';
  return `${ip}${port.hostPort}→${inside}`;
}

export function formatPorts(ports: ContainerSummary['ports']): string[] {
  return [...new Set(ports.map(formatPort))];
}

export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
