"""Peak memory of one extraction in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .corpus import ROOT

RSS_CHILD = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
def status(field):
    for line in open('/proc/self/status'):
        if line.startswith(field):
            return int(line.split()[1])
    return 0
from extractors.options import PipelineOptions
from extractors.pipeline import extract_document
base = status('VmRSS:')
start = time.perf_counter()
doc = extract_document(Path({path!r}), PipelineOptions.from_env())
text = doc.model_dump_json(indent=2, exclude_none=True)
wall = time.perf_counter() - start
print(json.dumps({{'wall': wall, 'pages': doc.document.page_count, 'json_bytes': len(text),
    'vmhwm_kb': status('VmHWM:'), 'import_rss_kb': base,
    'ru_maxrss_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def measure_rss(path: Path) -> dict[str, Any]:
    """Extract (and serialise to JSON) one file in a fresh interpreter; its peak RSS."""
    import resource

    code = RSS_CHILD.format(root=str(ROOT), path=str(path))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    outer = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode != 0:
        return {"file": str(path), "error": done.stderr.strip()[-500:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(
        file=str(path),
        process_wall=outer,
        children_maxrss_kb=after if after > before else None,
    )
    return result
