#!/usr/bin/env bash
# ArchNest Docker agent: reports this host's containers to ArchNest over outbound HTTPS.
# Monitoring only: it reads from Docker and posts a report; it never runs anything it receives.
# Needs bash, the docker CLI, curl, jq and gzip. Documented in docs/agent.md.
#
# Exit codes:
#   0 report sent (or printed with --dry-run)      5 ArchNest unreachable (DNS, connect, TLS, timeout)
#   1 unexpected failure                           6 token refused (401 / 403)
#   2 bad usage or configuration                   7 report refused (400 / 413 / 415)
#   3 a required tool is missing                   8 ArchNest could not take it (503 ingest off, 5xx)
#   4 Docker is not reachable
set -euo pipefail
umask 077
# Anything failing that is not handled below is a bug: say where, and exit 1 (not the tool's own code).
trap 'printf "archnest-agent: unexpected failure (line %s)\n" "$LINENO" >&2; exit 1' ERR

readonly AGENT_VERSION="1.0.0"
readonly SECRET_PARTS='PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE|AUTH|SALT|COOKIE|SESSION|SIGNATURE|CERT|DSN|CONNECTION_STRING|BEARER|WEBHOOK'
readonly SECRET_WORDS='PASS|PWD|PW|PIN|JWT|OTP|PAT|SEED'
# Secrets inside values (URL credentials, webhook paths, secret query parameters): the server's list.
readonly VALUE_SECRET_RULES='[{"pattern":"(?<keep>[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@]*:)[^\\s@/]+(?<tail>@)","flags":""},{"pattern":"(?<keep>https?://)[^\\s:/@]+(?<tail>@)","flags":"i"},{"pattern":"(?<keep>hooks\\.slack\\.com/)[^\\s?#,]+","flags":"i"},{"pattern":"(?<keep>api\\.telegram\\.org/bot)[^\\s/?#,]+","flags":"i"},{"pattern":"(?<keep>\\.webhook\\.office\\.com/)[^\\s?#,]+","flags":"i"},{"pattern":"(?<keep>://[^\\s/?#]+/(?:[^\\s?#,]*/)?(?:webhooks?|hooks)/)[^\\s?#,]+","flags":"i"},{"pattern":"(?<keep>[?&](?:token|access_token|api_key|apikey|key|secret|sig|signature|password|pass|auth)=)[^&\\s#,]+","flags":"i"}]'

die() { # die CODE MESSAGE
  printf 'archnest-agent: %s\n' "$2" >&2
  exit "$1"
}
log() { printf 'archnest-agent: %s\n' "$*" >&2; }

usage() {
  cat <<'USAGE'
Usage: archnest-docker-agent [--once] [--dry-run] [--config FILE] [--version] [--help]

Reports this host's Docker containers to ArchNest. Without --once it reports every interval, forever.
  --once         send one report and exit (what the systemd timer and cron run)
  --dry-run      collect and print the report (secrets masked); send nothing
  --config FILE  read settings from FILE instead of /etc/archnest-agent.env
  --version      print the agent version

Settings (environment, or KEY=value lines in the config file; the environment wins):
  ARCHNEST_URL         https://archnest.example.com (http:// only for localhost, unless allowed below)
  ARCHNEST_ALLOW_HTTP  yes: accept a plain http:// URL to another host (the token then travels in clear)
  ARCHNEST_TOKEN       the agent token (per-host token, or the instance's ARCHNEST_AGENT_TOKEN)
  ARCHNEST_HOST_LABEL  this host's name in ArchNest (default: short hostname)
  ARCHNEST_INTERVAL    seconds between reports (default 30, at least 5)
  ARCHNEST_CA_FILE     a CA bundle (PEM) to verify ArchNest's certificate with
  DOCKER_HOST          unix:///path/docker.sock (default /var/run/docker.sock)
USAGE
}

once=0
dry_run=0
config_file="${ARCHNEST_AGENT_CONFIG:-/etc/archnest-agent.env}"
while [ $# -gt 0 ]; do
  case "$1" in
    --once) once=1 ;;
    --dry-run) dry_run=1 ;;
    --version) printf 'archnest-docker-agent %s\n' "$AGENT_VERSION"; exit 0 ;;
    --help | -h) usage; exit 0 ;;
    --config)
      [ $# -ge 2 ] || die 2 "--config needs a file"
      config_file="$2"
      shift
      ;;
    *) usage >&2; die 2 "unknown option: $1" ;;
  esac
  shift
done

# The config file is read as data, never sourced: only known keys, one KEY=value per line.
read_config() {
  local file="$1" line key value
  [ -f "$file" ] || return 0
  [ -r "$file" ] || die 2 "cannot read $file"
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line#"${line%%[![:space:]]*}"}"
    case "$line" in '' | '#'*) continue ;; esac
    key="${line%%=*}"
    value="${line#*=}"
    [ "$key" != "$line" ] || die 2 "$file: expected KEY=value, got a line without '='"
    case "$value" in \"*\") value="${value#\"}"; value="${value%\"}" ;; \'*\') value="${value#\'}"; value="${value%\'}" ;; esac
    case "$key" in
      ARCHNEST_URL | ARCHNEST_TOKEN | ARCHNEST_HOST_LABEL | ARCHNEST_INTERVAL | ARCHNEST_CA_FILE | ARCHNEST_ALLOW_HTTP | DOCKER_HOST)
        # The environment wins over the file.
        if [ -z "${!key:-}" ]; then printf -v "$key" '%s' "$value"; fi
        ;;
      *) die 2 "$file: unknown setting $key" ;;
    esac
  done <"$file"
}

require_tools() {
  local tool
  for tool in docker curl jq gzip; do
    command -v "$tool" >/dev/null 2>&1 || die 3 "$tool is not installed (the agent needs docker, curl, jq and gzip)"
  done
}

check_config() {
  ARCHNEST_INTERVAL="${ARCHNEST_INTERVAL:-30}"
  [[ "$ARCHNEST_INTERVAL" =~ ^[0-9]+$ ]] && [ "$ARCHNEST_INTERVAL" -ge 5 ] && [ "$ARCHNEST_INTERVAL" -le 86400 ] ||
    die 2 "ARCHNEST_INTERVAL must be a whole number of seconds from 5 to 86400"
  if [ -z "${ARCHNEST_HOST_LABEL:-}" ]; then
    ARCHNEST_HOST_LABEL="$(hostname -s 2>/dev/null || hostname)"
  fi
  [[ "$ARCHNEST_HOST_LABEL" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] ||
    die 2 "ARCHNEST_HOST_LABEL must be 1-64 letters, digits, dots, dashes or underscores"
  socket="/var/run/docker.sock"
  if [ -n "${DOCKER_HOST:-}" ]; then
    case "$DOCKER_HOST" in
      unix:///*) socket="${DOCKER_HOST#unix://}" ;;
      *) die 2 "DOCKER_HOST must be a unix:///path socket (the agent reads stats from the socket)" ;;
    esac
  fi
  [ "$dry_run" = 1 ] && return 0
  [ -n "${ARCHNEST_URL:-}" ] || die 2 "ARCHNEST_URL is not set (in the environment or $config_file)"
  [ -n "${ARCHNEST_TOKEN:-}" ] || die 2 "ARCHNEST_TOKEN is not set (in the environment or $config_file)"
  [[ "$ARCHNEST_TOKEN" =~ ^[A-Za-z0-9._~+/=-]{16,512}$ ]] || die 2 "ARCHNEST_TOKEN does not look like an agent token"
  ARCHNEST_URL="${ARCHNEST_URL%/}"
  # host: a name, an IPv4 address or a bracketed IPv6 one (`]` leads the bracket expression to be literal)
  local web_url='^https?://[][A-Za-z0-9.:-]+(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?$'
  if [[ "$ARCHNEST_URL" == https://* && "$ARCHNEST_URL" =~ $web_url ]]; then
    :
  elif [[ "$ARCHNEST_URL" =~ ^http://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?$ ]]; then
    :
  elif [[ "$ARCHNEST_URL" == http://* && "$ARCHNEST_URL" =~ $web_url ]]; then
    case "${ARCHNEST_ALLOW_HTTP:-no}" in
      yes | true | 1) log "warning: ARCHNEST_URL is plain http: the agent token and every report cross the network unencrypted; use https where you can" ;;
      no | false | 0) die 2 "ARCHNEST_URL is plain http to another host: use an https:// address, or set ARCHNEST_ALLOW_HTTP=yes to send the token in clear" ;;
      *) die 2 "ARCHNEST_ALLOW_HTTP must be yes or no" ;;
    esac
  else
    die 2 "ARCHNEST_URL must be https://host[:port][/path] (plain http only for localhost, or with ARCHNEST_ALLOW_HTTP=yes); the token never goes in it"
  fi
  if [ -n "${ARCHNEST_CA_FILE:-}" ] && [ ! -r "$ARCHNEST_CA_FILE" ]; then
    die 2 "ARCHNEST_CA_FILE $ARCHNEST_CA_FILE cannot be read"
  fi
}

# One Engine API stats read per running container, one-shot (one sample, not the two that
# `docker stats --no-stream` waits for): raw counters go to ArchNest, which computes CPU % between two
# consecutive reports. The daemon answers a one-shot read at its next collection tick (~1 s), so the
# reads run in parallel in ONE curl process (--parallel): a round stays ~1-2 s for 50 containers,
# where a process per container costs more than the reads. curl older than 7.66 reads one by one.
read_stats() { # read_stats STATSDIR < ids
  local dir="$1" id
  : >"$dir/urls"
  while IFS= read -r id; do
    [[ "$id" =~ ^[a-f0-9]{64}$ ]] || continue
    printf 'url = "http://localhost/containers/%s/stats?stream=false&one-shot=true"\noutput = "%s.json"\n' "$id" "$id" >>"$dir/urls"
  done
  [ -s "$dir/urls" ] || return 0
  local -a parallel=()
  if curl --help all 2>/dev/null | grep -q -- '--parallel-max'; then parallel=(--parallel --parallel-max 64); fi
  (cd "$dir" && curl "${parallel[@]}" -sS --fail --max-time 20 --unix-socket "$socket" --config urls 2>/dev/null) || true
}

collect() { # collect WORKDIR -> WORKDIR/report.json
  local dir="$1" ids id
  local info
  info="$(docker info --format '{{json .}}' 2>"$dir/docker.err")" ||
    die 4 "cannot reach Docker: $(head -c 300 "$dir/docker.err")"
  printf '%s' "$info" >"$dir/info.json"
  ids="$(docker ps -aq --no-trunc)" || die 4 "docker ps failed"
  if [ -n "$ids" ]; then
    # shellcheck disable=SC2086 # ids are hex words from docker itself
    docker inspect $ids >"$dir/inspect.json" 2>"$dir/docker.err" || die 4 "docker inspect failed: $(head -c 300 "$dir/docker.err")"
  else
    printf '[]' >"$dir/inspect.json"
  fi
  mkdir -p "$dir/stats"
  jq -r '.[] | select(.State.Running) | .Id' "$dir/inspect.json" | read_stats "$dir/stats"
  # A read that failed or was cut short leaves no usable file: that container has no stats this round.
  if ! find "$dir/stats" -name '*.json' -size +0 -exec cat {} + 2>/dev/null |
    jq -n 'reduce inputs as $s ({}; . + {($s.id): $s})' >"$dir/stats.json" 2>/dev/null; then
    log "some stats reads failed; reporting without stats this round"
    printf '{}' >"$dir/stats.json"
  fi
  jq -n \
    --arg version "$AGENT_VERSION" \
    --arg hostLabel "$ARCHNEST_HOST_LABEL" \
    --argjson interval "$ARCHNEST_INTERVAL" \
    --arg collectedAt "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --arg hostname "$(hostname)" \
    --arg parts "$SECRET_PARTS" \
    --arg words "$SECRET_WORDS" \
    --argjson rules "$VALUE_SECRET_RULES" \
    --slurpfile info "$dir/info.json" \
    --slurpfile inspect "$dir/inspect.json" \
    --slurpfile stats "$dir/stats.json" \
    -f /dev/stdin >"$dir/report.json" <<'JQ'
def secret_name:
  ascii_upcase as $n
  | if ($n == "PWD" or $n == "OLDPWD") then false
    elif ($n | test($parts)) then true
    else ($n | split("[^A-Z0-9]+"; null) | any(test("^(" + $words + ")$")))
    end;
def mask_env:
  (index("=")) as $i
  | (if $i == null then . else .[0:$i] end) as $name
  | (if $i == null then "" else .[$i + 1:] end) as $value
  | if ($name | secret_name) then {name: $name, value: "***", masked: true}
    else (reduce $rules[] as $r ($value; gsub($r.pattern; "\(.keep)***\(.tail // "")"; $r.flags))) as $shown
      | {name: $name, value: $shown, masked: ($shown != $value)}
    end;
def num: if type == "number" then . else 0 end;
def stats_of($s):
  if $s == null or ($s.cpu_stats.cpu_usage.total_usage == null) then null
  else {
    cpuTotalNs: ($s.cpu_stats.cpu_usage.total_usage | num),
    systemCpuNs: ($s.cpu_stats.system_cpu_usage | num),
    onlineCpus: ($s.cpu_stats.online_cpus // ($s.cpu_stats.cpu_usage.percpu_usage // [] | length) | num),
    memoryUsageBytes: ($s.memory_stats.usage | num),
    memoryInactiveFileBytes: ($s.memory_stats.stats.inactive_file // $s.memory_stats.stats.total_inactive_file | num),
    memoryLimitBytes: ($s.memory_stats.limit | num),
    pids: ($s.pids_stats.current | num),
    networkRxBytes: ([$s.networks // {} | .[] | .rx_bytes | num] | add // 0),
    networkTxBytes: ([$s.networks // {} | .[] | .tx_bytes | num] | add // 0),
    blockReadBytes: ([$s.blkio_stats.io_service_bytes_recursive // [] | .[] | select((.op | ascii_downcase) == "read") | .value | num] | add // 0),
    blockWriteBytes: ([$s.blkio_stats.io_service_bytes_recursive // [] | .[] | select((.op | ascii_downcase) == "write") | .value | num] | add // 0)
  } end;
def ports_of:
  [(.NetworkSettings.Ports // {}) | to_entries[] | (.key | split("/")) as $k
   | if (.value // []) == [] then {containerPort: ($k[0] | tonumber), protocol: ($k[1] // "tcp")}
     else .value[] | {containerPort: ($k[0] | tonumber), protocol: ($k[1] // "tcp"), hostIp: .HostIp, hostPort: (.HostPort | tonumber? // null)}
       | with_entries(select(.value != null and .value != ""))
     end];
def time_or_null: if . == null or startswith("0001-") then null else . end;
($info[0]) as $i
| ($stats[0]) as $st
| {
  agentVersion: $version,
  hostLabel: $hostLabel,
  intervalSeconds: $interval,
  collectedAt: $collectedAt,
  host: {
    hostname: $hostname,
    dockerVersion: ($i.ServerVersion // "unknown"),
    os: ($i.OperatingSystem // "unknown"),
    kernel: ($i.KernelVersion // ""),
    cpus: ($i.NCPU // 0),
    memoryBytes: ($i.MemTotal // 0)
  },
  containers: [$inspect[0][] | {
    id: .Id,
    name: (.Name | ltrimstr("/")),
    image: (.Config.Image // .Image),
    command: ([.Path] + (.Args // []) | join(" ")),
    state: .State.Status,
    status: (.State.Status + (if .State.Status == "exited" then " (\(.State.ExitCode))" else "" end)),
    health: (.State.Health.Status // null),
    restartCount: (.RestartCount // 0),
    exitCode: .State.ExitCode,
    createdAt: .Created,
    startedAt: (.State.StartedAt | time_or_null),
    finishedAt: (.State.FinishedAt | time_or_null),
    ports: ports_of,
    networks: ((.NetworkSettings.Networks // {}) | keys),
    mounts: [(.Mounts // [])[] | {type: (.Type // "bind"), source: .Source, destination: .Destination, readOnly: (.RW == false), name: .Name} | with_entries(select(.value != null))],
    labels: (.Config.Labels // {}),
    env: [(.Config.Env // [])[] | mask_env],
    stats: stats_of($st[.Id])
  } | with_entries(select(.value != null or .key == "health" or .key == "stats"))]
}
JQ
}

# Exit code for an answer from ArchNest (or for curl failing to get one).
send() { # send WORKDIR
  local dir="$1" status curl_rc=0
  gzip -c "$dir/report.json" >"$dir/report.json.gz"
  local -a tls=(--proto '=https,http')
  [ -n "${ARCHNEST_CA_FILE:-}" ] && tls+=(--cacert "$ARCHNEST_CA_FILE")
  # The token reaches curl as a config file on stdin: never on argv (ps), never in the URL.
  status="$(printf 'header = "Authorization: Bearer %s"\n' "$ARCHNEST_TOKEN" |
    curl --config - -sS --connect-timeout 10 --max-time 60 "${tls[@]}" \
      -H 'Content-Type: application/json' -H 'Content-Encoding: gzip' \
      --data-binary "@$dir/report.json.gz" -o "$dir/answer.json" -w '%{http_code}' \
      "$ARCHNEST_URL/api/agents/docker/report" 2>"$dir/curl.err")" || curl_rc=$?
  if [ "$curl_rc" -ne 0 ]; then
    log "cannot reach ArchNest at $ARCHNEST_URL: $(head -c 300 "$dir/curl.err") (curl exit $curl_rc)"
    return 5
  fi
  local message
  message="$(jq -r '.message // empty' "$dir/answer.json" 2>/dev/null || true)"
  case "$status" in
    202) return 0 ;;
    401 | 403) log "ArchNest refused the token ($status): $message"; return 6 ;;
    400 | 413 | 415) log "ArchNest refused the report ($status): $message"; return 7 ;;
    503) log "ArchNest does not take reports ($status): $message"; return 8 ;;
    *) log "ArchNest answered $status: $message"; return 8 ;;
  esac
}

run_once() {
  local dir rc=0
  dir="$(mktemp -d "${TMPDIR:-/tmp}/archnest-agent.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: the trap must remove this run's directory
  trap "rm -rf '$dir'" EXIT
  collect "$dir"
  if [ "$dry_run" = 1 ]; then
    jq . "$dir/report.json"
  else
    send "$dir" || rc=$?
    if [ "$rc" = 0 ] && [ "$once" = 1 ]; then
      jq -r --arg url "$ARCHNEST_URL" \
        '"archnest-agent: reported \(.containers | length) containers (\([.containers[] | select(.state == "running")] | length) running) for \(.hostLabel) to \($url)"' \
        "$dir/report.json"
    fi
  fi
  rm -rf "$dir"
  trap - EXIT
  return "$rc"
}

read_config "$config_file"
if [ -n "${DOCKER_HOST:-}" ]; then export DOCKER_HOST; fi
require_tools
check_config

if [ "$once" = 1 ] || [ "$dry_run" = 1 ]; then
  rc=0
  run_once || rc=$?
  exit "$rc"
fi
while true; do
  # A failed round is logged and retried next interval; a refused token or bad config is not.
  rc=0
  ( run_once ) || rc=$?
  case "$rc" in 2 | 3 | 6) exit "$rc" ;; esac
  sleep "$ARCHNEST_INTERVAL"
done
