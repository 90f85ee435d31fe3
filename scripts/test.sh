#!/usr/bin/env bash
# The one test command: builds .venv, installs the Debian packages the service tests need
# (apt-get, so it runs as root on a fresh machine), then lint, types, schema drift, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -f scripts/install_system_packages.sh ]; then
    bash scripts/install_system_packages.sh
fi
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy (strict on schemas/, config/, service/, workers/, extractors/, tests/)"
.venv/bin/mypy schemas config $( [ -d service ] && ls service/*.py >/dev/null 2>&1 && echo service ) $( [ -d workers ] && ls workers/*.py >/dev/null 2>&1 && echo workers )
.venv/bin/mypy extractors
.venv/bin/mypy tests
echo "== JSON Schema drift"
.venv/bin/python -m schemas.export --check
echo "== pytest"
.venv/bin/python -m pytest -q "$@"
