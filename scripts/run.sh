#!/usr/bin/env bash
# The one run command: builds .venv, then extracts the bundled sample disclosure (or the PDF
# or folder given as an argument) and prints a summary.  Output goes to ./out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
input=${1:-extractors/samples/sample_budget.pdf}
mkdir -p out
if [ -d "$input" ]; then
    exec .venv/bin/budgetlens extract "$input" -o out/
fi
name=$(basename "${input%.*}")
.venv/bin/budgetlens extract "$input" -o "out/$name.json"
echo "wrote out/$name.json"
