#!/usr/bin/env bash
# The one run command.
#   bash scripts/run.sh                 build .venv, start the whole service on embedded defaults
#                                       (SQLite, its own Redis, a Celery worker, the API) and
#                                       print the URL, a local API key and a curl line
#   bash scripts/run.sh extract [PDF]   extract a PDF (default: the bundled sample) to ./out/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = "extract" ]; then
    input=${2:-extractors/samples/sample_budget.pdf}
    mkdir -p out
    name=$(basename "${input%.*}")
    .venv/bin/budgetlens extract "$input" -o "out/$name.json"
    echo "wrote out/$name.json"
    exit 0
fi
exec .venv/bin/python scripts/run_service.py "$@"
