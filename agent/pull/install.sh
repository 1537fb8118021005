#!/bin/sh
# Installs the ArchNest pull agent as a hardened systemd service. See docs/pull-agent.md.
#
#   curl -fsSLo install-pull-agent.sh https://archnest.example.com/agent/pull/install.sh
#   sudo ARCHNEST_ENROL_TOKEN='anpe1.…' sh install-pull-agent.sh --origin https://archnest.example.com \
#        --listen 10.0.0.5:7443 [--monitor-only] [--allow-exec]
#
# The token comes from the environment and is stored as /etc/archnest-pull-agent/enrol-token (0600),
# handed to the service as a systemd credential; it is never an argument or part of a URL.
# Exit codes: 0 installed, 2 bad usage, 3 a tool is missing, 5 download failed.
set -eu
umask 022

die() {
  printf 'install: %s\n' "$2" >&2
  exit "$1"
}

origin=""
listen=""
flags=""
root=""
start=1
while [ $# -gt 0 ]; do
  case "$1" in
    --origin) origin="${2:-}"; shift ;;
    --listen) listen="${2:-}"; shift ;;
    --monitor-only) flags="$flags --monitor-only" ;;
    --allow-exec) flags="$flags --allow-exec" ;;
    --root) root="${2:-}"; start=0; shift ;; # install under another root (packaging, tests)
    --help | -h) sed -n '2,12p' "$0"; exit 0 ;;
    *) die 2 "unknown option: $1" ;;
  esac
  shift
done

printf '%s' "$listen" | grep -Eq '^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$' ||
  die 2 "--listen must be <address>:<port>, e.g. 10.0.0.5:7443"
case "$listen" in 0.0.0.0:* | "[::]":*) die 2 "--listen must name one address, not every interface" ;; esac
printf '%s' "$origin" | grep -Eq '^https?://[][A-Za-z0-9.:-]+$' || die 2 "--origin must be ArchNest's address, e.g. https://archnest.example.com"
token="${ARCHNEST_ENROL_TOKEN:-}"
printf '%s' "$token" | grep -Eq '^anpe1\.[0-9]{10}\.[A-Za-z0-9_-]{43}$' || die 2 "ARCHNEST_ENROL_TOKEN is missing or not an enrolment token"
if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then die 2 "run as root (sudo): it writes /usr/local/lib, /etc and a systemd unit"; fi

for tool in node curl; do
  command -v "$tool" >/dev/null 2>&1 || die 3 "$tool is not installed"
done
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 22 ] || die 3 "Node.js 22 or later is needed (found $(node --version))"

lib="$root/usr/local/lib/archnest-pull-agent"
etc="$root/etc/archnest-pull-agent"
unit="$root/etc/systemd/system"
mkdir -p "$lib" "$etc" "$unit"
chmod 0700 "$etc"
here="$(cd "$(dirname "$0")" && pwd)"
fetch() { # fetch NAME DEST: next to this script or in its dist/ (a checkout), else from ArchNest itself
  if [ -f "$here/$1" ]; then
    cp "$here/$1" "$2"
  elif [ -f "$here/dist/$1" ]; then
    cp "$here/dist/$1" "$2"
  else
    curl -fsSL --proto '=https,http' -o "$2" "$origin/agent/pull/$1" || die 5 "could not download $1 from $origin"
  fi
}
fetch archnest-pull-agent.mjs "$lib/archnest-pull-agent.mjs"
fetch archnest-pull-agent.service "$unit/archnest-pull-agent.service"
chmod 0644 "$lib/archnest-pull-agent.mjs" "$unit/archnest-pull-agent.service"
printf 'ARCHNEST_PULL_LISTEN=%s\nARCHNEST_PULL_FLAGS=%s\n' "$listen" "${flags# }" >"$etc/agent.env"
(umask 077 && printf '%s\n' "$token" >"$etc/enrol-token")

if [ "$start" = 1 ]; then
  systemctl daemon-reload
  systemctl enable archnest-pull-agent.service >/dev/null
  systemctl restart archnest-pull-agent.service
  sleep 1
  journalctl -u archnest-pull-agent.service -n 20 --no-pager | grep 'certificate fingerprint' | tail -1 || true
  echo "installed: archnest-pull-agent listens on $listen; finish the enrolment in ArchNest."
else
  echo "installed under $root (not started)"
fi
