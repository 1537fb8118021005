import {
  ContainerState,
  type AgentContainerDetail,
  type AgentSample,
  type ContainerDetail,
} from '@archnest/contract';
import { formatBytes } from './format-bytes';

export const cpuValues = (samples: AgentSample[]) => samples.map((s) => s.cpuPercent);
export const memoryValues = (samples: AgentSample[]) => samples.map((s) => s.memoryBytes);

export const formatCpu = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} %`);
export const formatMemory = (value: number | null) => (value === null ? '—' : formatBytes(value));

/** The command an admin pastes on the new host; the token goes on stdin, never in a URL or argv. */
export function installCommand(origin: string, hostLabel: string, token: string): string {
  return [
    `curl -fsSL ${origin}/agent/install.sh -o install-archnest-agent.sh`,
    `sudo bash install-archnest-agent.sh --url ${origin} --host-label ${hostLabel} --token-stdin <<'TOKEN'`,
    token,
    'TOKEN',
  ].join('\n');
}

/** Docker's state words; anything else an agent sends shows as unknown. */
export const knownState = (state: string): ContainerState => {
  const parsed = ContainerState.safeParse(state);
  return parsed.success ? parsed.data : 'unknown';
};

/** A reported container in the shape the live overview shows, so both look the same. */
export function asContainerDetail(c: AgentContainerDetail): ContainerDetail {
  return {
    id: c.id,
    name: c.name,
    names: [c.name],
    image: c.image,
    ...(c.command !== undefined ? { command: c.command } : {}),
    createdAt: c.createdAt,
    state: knownState(c.state),
    status: c.status ?? c.state,
    labels: c.labels,
    ports: c.ports,
    env: c.env,
    entrypoint: [],
    cmd: [],
    tty: false,
    restartCount: c.restartCount,
    ...(c.startedAt !== undefined ? { startedAt: c.startedAt } : {}),
    ...(c.finishedAt !== undefined ? { finishedAt: c.finishedAt } : {}),
    ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
    ...(c.health ? { health: c.health } : {}),
    networks: c.networks,
    mounts: c.mounts,
  };
}
