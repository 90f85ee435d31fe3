#!/usr/bin/env bash
# Create or refresh .venv with the project and its pinned dependencies. Idempotent and quick
# when nothing changed (a stamp of pyproject.toml + constraints.txt decides).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv with $($PYTHON --version)"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.budgetlens-stamp
want=$( (cat pyproject.toml constraints.txt; cat extractors/ocr/requirements-nodeps.txt 2>/dev/null || true) | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && .venv/bin/python -c "import extractors, schemas" 2>/dev/null; then
    exit 0
fi
echo "setup: installing dependencies into .venv (first run takes about a minute)"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[service,camelot,dev]' \
    2> >(grep -v "^WARNING: Location" >&2)
if [ -f extractors/ocr/requirements-nodeps.txt ]; then
    # These wheels ask for opencv-python, which would overwrite opencv-python-headless's cv2.
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
        -r extractors/ocr/requirements-nodeps.txt
fi
echo "$want" > "$stamp"
