#!/usr/bin/env bash
# Installs the ArchNest Docker agent: /usr/local/bin/archnest-docker-agent, /etc/archnest-agent.env
# (mode 0600) and a systemd timer (or, without systemd, a cron line). See docs/agent.md.
#
#   curl -fsSL https://archnest.example.com/agent/install.sh -o install-archnest-agent.sh
#   sudo bash install-archnest-agent.sh --url https://archnest.example.com --host-label web-1 --token-stdin <<'TOKEN'
#   (--ca-file PEM for a private CA; --allow-http to accept a plain http:// address on your LAN)
#   ana_…
#   TOKEN
#
# The token is read from stdin (or asked for on the terminal); it is never an argument or in a URL.
# Exit codes: 0 installed, 2 bad usage, 3 a tool is missing, 5 download failed, or the agent's own
# exit code when its first report fails (see archnest-docker-agent.sh).
set -euo pipefail
umask 022

die() {
  printf 'install: %s\n' "$2" >&2
  exit "$1"
}

url=""
label="$(hostname -s 2>/dev/null || hostname)"
interval=30
ca_file=""
allow_http=no
token_stdin=0
start=1
root=""
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url="${2:-}"; shift ;;
    --host-label) label="${2:-}"; shift ;;
    --interval) interval="${2:-}"; shift ;;
    --ca-file) ca_file="${2:-}"; shift ;;
    --allow-http) allow_http=yes ;; # plain http:// to another host: the token travels in clear
    --token-stdin) token_stdin=1 ;;
    --no-start) start=0 ;;
    --root) root="${2:-}"; shift ;; # install under another root (packaging, tests); implies --no-start
    --help | -h) sed -n '2,14p' "$0"; exit 0 ;;
    *) die 2 "unknown option: $1" ;;
  esac
  shift
done
[ -n "$root" ] && start=0

url="${url%/}"
# host: a name, an IPv4 address or a bracketed IPv6 one (`]` leads the bracket expression to be literal)
web_url='^https?://[][A-Za-z0-9.:-]+(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?$'
local_url='^http://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?$'
[[ "$url" =~ $web_url && ( "$url" == https://* || "$url" =~ $local_url || "$allow_http" = yes ) ]] ||
  die 2 "--url must be ArchNest's https:// address (plain http only for localhost, or with --allow-http)"
[[ "$label" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] || die 2 "--host-label must be 1-64 letters, digits, dots, dashes or underscores"
[[ "$interval" =~ ^[0-9]+$ ]] && [ "$interval" -ge 5 ] && [ "$interval" -le 86400 ] || die 2 "--interval must be 5-86400 seconds"
if [ -n "$ca_file" ]; then [ -r "$ca_file" ] || die 2 "cannot read --ca-file $ca_file"; fi
if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then die 2 "run as root (sudo): it writes /usr/local/bin, /etc and a systemd unit"; fi

for tool in docker curl jq gzip; do
  command -v "$tool" >/dev/null 2>&1 || die 3 "$tool is not installed (e.g. apt-get install -y curl jq gzip docker.io)"
done

token=""
if [ "$token_stdin" = 1 ]; then
  IFS= read -r token || true
elif [ -n "${ARCHNEST_TOKEN:-}" ]; then
  token="$ARCHNEST_TOKEN"
elif [ -r /dev/tty ]; then
  printf 'Agent token for %s: ' "$label" >/dev/tty
  IFS= read -rs token </dev/tty || true
  printf '\n' >/dev/tty
fi
[[ "$token" =~ ^[A-Za-z0-9._~+/=-]{16,512}$ ]] || die 2 "no valid token given (pass it on stdin with --token-stdin)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
here="$(cd "$(dirname "$0")" && pwd)"
# Next to this script (a checkout or a copied folder), else from ArchNest itself.
fetch() { # fetch NAME DEST
  if [ -f "$here/$1" ] && [ "$here/$1" != "$0" ]; then
    cp "$here/$1" "$2"
    return 0
  fi
  local -a tls=(--proto '=https,http')
  [ -n "$ca_file" ] && tls+=(--cacert "$ca_file")
  curl -fsS --max-time 60 "${tls[@]}" -o "$2" "$url/agent/$1" || die 5 "could not download $url/agent/$1"
}
fetch archnest-docker-agent.sh "$work/agent"
bash -n "$work/agent" || die 5 "the downloaded agent is not a valid script"

bin_dir="$root/usr/local/bin"
etc_dir="$root/etc"
mkdir -p "$bin_dir" "$etc_dir"
install -m 0755 "$work/agent" "$bin_dir/archnest-docker-agent"

use_systemd=0
if [ -z "$root" ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then use_systemd=1; fi
if [ -n "$root" ]; then use_systemd=1; fi
# cron runs at most once a minute, so the reported interval must say so (staleness uses it).
[ "$use_systemd" = 1 ] || interval=60

(
  umask 077
  {
    printf '# ArchNest Docker agent settings (read as data by archnest-docker-agent, never sourced).\n'
    printf 'ARCHNEST_URL=%s\n' "$url"
    printf 'ARCHNEST_TOKEN=%s\n' "$token"
    printf 'ARCHNEST_HOST_LABEL=%s\n' "$label"
    printf 'ARCHNEST_INTERVAL=%s\n' "$interval"
    if [ -n "$ca_file" ]; then printf 'ARCHNEST_CA_FILE=%s\n' "$ca_file"; fi
    if [ "$allow_http" = yes ]; then printf 'ARCHNEST_ALLOW_HTTP=yes\n'; fi
    if [ -n "${DOCKER_HOST:-}" ]; then printf 'DOCKER_HOST=%s\n' "$DOCKER_HOST"; fi
  } >"$etc_dir/archnest-agent.env.new"
  mv "$etc_dir/archnest-agent.env.new" "$etc_dir/archnest-agent.env"
)

if [ "$use_systemd" = 1 ]; then
  unit_dir="$root/etc/systemd/system"
  mkdir -p "$unit_dir"
  fetch archnest-docker-agent.service "$work/service"
  fetch archnest-docker-agent.timer "$work/timer"
  sed "s/^OnUnitActiveSec=.*/OnUnitActiveSec=${interval}s/" "$work/timer" >"$work/timer.out"
  install -m 0644 "$work/service" "$unit_dir/archnest-docker-agent.service"
  install -m 0644 "$work/timer.out" "$unit_dir/archnest-docker-agent.timer"
  if [ "$start" = 1 ]; then
    systemctl daemon-reload
    systemctl enable --now archnest-docker-agent.timer
  fi
  echo "Installed: the systemd timer archnest-docker-agent.timer reports every ${interval}s."
else
  mkdir -p "$root/etc/cron.d"
  printf '# ArchNest Docker agent: one report a minute\n* * * * * root /usr/local/bin/archnest-docker-agent --once >/dev/null 2>&1\n' \
    >"$root/etc/cron.d/archnest-docker-agent"
  echo "Installed: /etc/cron.d/archnest-docker-agent reports every minute."
fi

if [ "$start" = 1 ]; then
  echo "Sending the first report…"
  rc=0
  "$bin_dir/archnest-docker-agent" --once || rc=$?
  [ "$rc" = 0 ] || { echo "The first report failed (exit $rc); see docs/agent.md for the codes." >&2; exit "$rc"; }
  echo "Done: $label shows under Containers in ArchNest."
fi
