#!/usr/bin/env bash
# System servers the service tests and the local run use: Redis and PostgreSQL.
# Idempotent: skips what is already installed. Needs root (or sudo) and Debian's apt.
set -euo pipefail

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# A CJK TrueType font: the golden corpus and the scanned-page tests render Chinese PDFs.
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)
# The review UI's browser tests drive Debian's Chromium (Playwright cannot download one here).
[ -x /usr/bin/chromium ] || need+=(chromium)
# tabula-java, a peer in the ICDAR 2013 benchmark (benchmarks/bench_icdar.py), runs on it.
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    need+=(postgresql)
fi

if [ ${#need[@]} -eq 0 ]; then
    echo "system packages present: redis-server, postgresql, fonts-wqy-zenhei, chromium"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# The package lists may be empty or stale on a new machine: update before installing.
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
# Debian starts the packaged services; the tests start their own on free ports instead.
if command -v service >/dev/null 2>&1; then
    $SUDO service redis-server stop >/dev/null 2>&1 || true
fi
echo "installed: ${need[*]}"
