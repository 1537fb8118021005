import type {
  ContainerDetail,
  ContainerState,
  ContainerSummary,
  ListOptions,
  MountSummary,
  PortBinding,
} from './container-source';
import { defined, isoTime, num, obj, str, stringRecord, strings, type JsonObject } from './json-read';
import { maskEnv } from './secret-env';

/*
 * `docker inspect` prints exactly what the Engine API's inspect returns, so both sources read a
 * container's detail here, and the env is masked in this one place.
 */

const STATES: readonly ContainerState[] = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
];

export function containerState(value: unknown): ContainerState {
  const state = typeof value === 'string' ? value.toLowerCase() : '';
  return (STATES as readonly string[]).includes(state) ? (state as ContainerState) : 'unknown';
}

export function trimName(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}

function stateFromInspect(state: JsonObject): ContainerState {
  if (typeof state.Status === 'string') return containerState(state.Status);
  if (state.Paused === true) return 'paused';
  if (state.Restarting === true) return 'restarting';
  if (state.Running === true) return 'running';
  return 'unknown';
}

function describeStatus(state: ContainerState, raw: JsonObject): string {
  const exit = num(raw.ExitCode);
  if (state === 'exited' && exit !== undefined) return `Exited (${exit})`;
  return state.charAt(0).toUpperCase() + state.slice(1);
}

function mounts(value: unknown): MountSummary[] {
  return (Array.isArray(value) ? value : []).map((m) => {
    const mount = obj(m);
    return defined({
      type: str(mount.Type) ?? 'unknown',
      source: str(mount.Source),
      destination: str(mount.Destination) ?? '',
      readOnly: mount.RW === false,
      name: str(mount.Name),
    });
  });
}

/** NetworkSettings.Ports: `{"80/tcp": [{HostIp, HostPort}] | null}`. */
function inspectPorts(value: unknown): PortBinding[] {
  return Object.entries(obj(value)).flatMap(([key, bindings]) => {
    const [port, protocol = 'tcp'] = key.split('/');
    const containerPort = Number(port);
    if (!Number.isInteger(containerPort)) return [];
    const list = Array.isArray(bindings) ? bindings.map(obj) : [];
    if (list.length === 0) return [{ containerPort, protocol }];
    return list.map((b) =>
      defined({
        containerPort,
        protocol,
        hostIp: str(b.HostIp) || undefined,
        hostPort: Number(b.HostPort) || undefined,
      }),
    );
  });
}

export function parseInspect(raw: unknown): ContainerDetail {
  const c = obj(raw);
  const config = obj(c.Config);
  const stateJson = obj(c.State);
  const hostConfig = obj(c.HostConfig);
  const state = stateFromInspect(stateJson);
  const name = trimName(str(c.Name) ?? '');
  const health = str(obj(stateJson.Health).Status);
  const policy = str(obj(hostConfig.RestartPolicy).Name);
  return defined({
    id: str(c.Id) ?? '',
    name,
    names: name ? [name] : [],
    image: str(config.Image) ?? str(c.ImageName) ?? '',
    imageId: str(c.Image),
    command: [str(c.Path), ...strings(c.Args)].filter(Boolean).join(' ') || undefined,
    createdAt: isoTime(c.Created),
    state,
    status: describeStatus(state, stateJson),
    labels: stringRecord(config.Labels),
    ports: inspectPorts(obj(c.NetworkSettings).Ports),
    env: maskEnv(strings(config.Env)),
    entrypoint: strings(config.Entrypoint),
    cmd: strings(config.Cmd),
    workingDir: str(config.WorkingDir) || undefined,
    user: str(config.User) || undefined,
    hostname: str(config.Hostname) || undefined,
    tty: config.Tty === true,
    restartPolicy: policy || undefined,
    restartCount: num(c.RestartCount),
    startedAt: isoTime(stateJson.StartedAt),
    finishedAt: isoTime(stateJson.FinishedAt),
    exitCode: state === 'running' ? undefined : num(stateJson.ExitCode),
    health: health || undefined,
    networks: Object.keys(obj(obj(c.NetworkSettings).Networks)),
    mounts: mounts(c.Mounts),
  });
}

/** The list filter, applied the same way to every source's answer. */
export function applyFilter(list: ContainerSummary[], options: ListOptions): ContainerSummary[] {
  const all = options.all ?? true;
  const f = options.filter ?? {};
  const [labelKey, labelValue] = f.label === undefined ? [] : splitOnce(f.label, '=');
  return list.filter(
    (c) =>
      (all || c.state === 'running') &&
      (f.name === undefined || c.names.some((n) => n.includes(f.name ?? ''))) &&
      (f.image === undefined || c.image.includes(f.image)) &&
      (f.state === undefined || c.state === f.state) &&
      (labelKey === undefined ||
        (labelKey in c.labels && (labelValue === undefined || c.labels[labelKey] === labelValue))),
  );
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
