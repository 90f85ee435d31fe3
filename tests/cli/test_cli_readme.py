"""The README's "Use it from Python" snippet runs as printed and says what the README says."""

from __future__ import annotations

import re
import subprocess
import sys

from cli_helpers import ROOT


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_use_it_from_python_snippet() -> None:
    section = _section("Use it from Python")
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    proc = subprocess.run(
        [sys.executable, "-c", code.group(1)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    # The lines the README quotes as the output, verbatim.
    quoted = re.findall(r"prints `([^`]+)`.*?e\.g\.\s*`([^`]+)`", section, re.S)
    assert quoted, "the README quotes the first lines of the output"
    first, example = quoted[0]
    assert lines[0] == first
    assert example in lines
    assert len(lines) > 50
