import type {
  ContainerSummary,
  ImageSummary,
  NetworkSummary,
  PortBinding,
  VolumeSummary,
} from './container-source';
import { containerState, trimName } from './container-parse';
import { DockerOperationError } from './docker-errors';
import { defined, isoTime, obj, str, stringRecord, strings, type JsonObject } from './json-read';
import { parseHumanSize } from './stats';

/*
 * The docker CLI's `--format '{{json .}}'` lines, read into the Engine API source's shapes. Docker
 * prints lists as comma-joined strings ("a=b,c=d", "0.0.0.0:80->80/tcp"); Podman prints real arrays
 * and objects. Both are accepted.
 */

/** One JSON object per line; a line that is not JSON means the CLI printed something unexpected. */
export function jsonLines(stdout: string, label: string): JsonObject[] {
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      try {
        return obj(JSON.parse(line));
      } catch {
        throw new DockerOperationError(
          'failed',
          `The docker CLI on ${label} printed something that is not JSON.`,
        );
      }
    });
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return strings(value);
  const text = str(value);
  return text
    ? text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/** "a=b,c=d" (values containing commas cannot be told apart here; inspect has them exactly). */
function labels(value: unknown): Record<string, string> {
  if (value !== null && typeof value === 'object') return stringRecord(value);
  const out: Record<string, string> = {};
  for (const item of list(value)) {
    const eq = item.indexOf('=');
    if (eq === -1) out[item] = '';
    else out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** "0.0.0.0:8080->80/tcp, :::8080->80/tcp, 443/tcp" or Podman's [{host_ip, host_port, container_port, protocol}]. */
function ports(value: unknown): PortBinding[] {
  if (Array.isArray(value))
    return value.map(obj).map((p) =>
      defined({
        containerPort: Number(p.container_port),
        protocol: str(p.protocol) ?? 'tcp',
        hostIp: str(p.host_ip) || undefined,
        hostPort: Number(p.host_port) || undefined,
      }),
    );
  return list(value).flatMap((item) => {
    const match = /^(?:(.*):(\d+)->)?(\d+)(?:-\d+)?\/(\w+)$/.exec(item);
    if (!match) return [];
    return [
      defined({
        containerPort: Number(match[3]),
        protocol: match[4] ?? 'tcp',
        hostIp: match[1] || undefined,
        hostPort: match[2] ? Number(match[2]) : undefined,
      }),
    ];
  });
}

/** Docker's "2024-05-01 10:20:30 +0000 UTC" as ISO; Podman also prints that form. */
function cliTime(value: unknown): string | undefined {
  const text = str(value);
  const match = text && /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.\d+)? ([+-]\d\d)(\d\d)/.exec(text);
  return match ? isoTime(`${match[1]}T${match[2]}${match[3]}:${match[4]}`) : isoTime(value);
}

function unquote(command: unknown): string | undefined {
  if (Array.isArray(command)) return strings(command).join(' ');
  const text = str(command);
  if (!text) return undefined;
  try {
    // --no-trunc prints the command as a Go-quoted string.
    return text.startsWith('"') ? String(JSON.parse(text)) : text;
  } catch {
    return text;
  }
}

export function cliContainer(line: JsonObject): ContainerSummary {
  const names = list(line.Names).map(trimName);
  return defined({
    id: str(line.ID) ?? str(line.Id) ?? '',
    name: names[0] ?? '',
    names,
    image: str(line.Image) ?? '',
    imageId: str(line.ImageID),
    command: unquote(line.Command),
    createdAt: cliTime(line.CreatedAt),
    state: containerState(line.State),
    status: str(line.Status) ?? '',
    labels: labels(line.Labels),
    ports: ports(line.Ports),
  });
}

export function cliImage(line: JsonObject): ImageSummary {
  const repo = str(line.Repository);
  const tag = str(line.Tag);
  const tags = Array.isArray(line.Names)
    ? strings(line.Names)
    : repo && repo !== '<none>' && tag && tag !== '<none>'
      ? [`${repo}:${tag}`]
      : [];
  return defined({
    id: str(line.ID) ?? str(line.Id) ?? '',
    tags,
    sizeBytes: typeof line.Size === 'number' ? line.Size : parseHumanSize(str(line.Size)),
    createdAt: cliTime(line.CreatedAt),
  });
}

export function cliVolume(line: JsonObject): VolumeSummary {
  return defined({
    name: str(line.Name) ?? '',
    driver: str(line.Driver) ?? '',
    mountpoint: str(line.Mountpoint) || undefined,
    scope: str(line.Scope) || undefined,
    labels: labels(line.Labels),
  });
}

export function cliNetwork(line: JsonObject): NetworkSummary {
  const internal = line.Internal;
  return defined({
    id: str(line.ID) ?? str(line.Id) ?? '',
    name: str(line.Name) ?? '',
    driver: str(line.Driver) ?? '',
    scope: str(line.Scope) || undefined,
    internal:
      typeof internal === 'boolean' ? internal : internal === undefined ? undefined : internal === 'true',
    labels: labels(line.Labels),
  });
}
