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

/**
 * Docker prints one JSON object per line; Podman (4.x) prints one JSON array for the whole answer.
 * Anything else means the CLI printed something unexpected.
 */
export function jsonLines(stdout: string, label: string): JsonObject[] {
  const text = stdout.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(obj);
    } catch {
      // Not one array after all: read it line by line below.
    }
  }
  return text
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
    // Podman's CreatedAt is a phrase ("2 hours ago"); its Created is a Unix time.
    createdAt: cliTime(line.CreatedAt) ?? isoTime(line.Created),
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

/** Docker's keys are capitalised; Podman's network JSON uses lower-case ones. */
export function cliNetwork(line: JsonObject): NetworkSummary {
  const internal = line.Internal ?? line.internal;
  return defined({
    id: str(line.ID) ?? str(line.Id) ?? str(line.id) ?? '',
    name: str(line.Name) ?? str(line.name) ?? '',
    driver: str(line.Driver) ?? str(line.driver) ?? '',
    scope: str(line.Scope) || undefined,
    internal:
      typeof internal === 'boolean' ? internal : internal === undefined ? undefined : internal === 'true',
    labels: labels(line.Labels ?? line.labels),
  });
}
