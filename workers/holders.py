"""Who holds a lease, and whether that process is gone.

A pool child SIGKILLed mid-batch leaves its batch (or job) claimed until the lease runs
out (LEASE_SECONDS, 300 s). Celery re-delivers the task at once (`acks_late` +
`reject_on_worker_lost`), usually to a sibling on the same machine: if the holder recorded
on the row is a process of this host that no longer runs, the lease is dead and the
redelivered task takes it over at once, with a compare-and-set on the lease it saw.
Holders on other hosts cannot be checked from here; their leases expire as before. This
assumes the prefork pool (one task per process at a time), which is what the workers run.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

_released = False


def release_own_claims() -> None:
    """The running step failed: claims this process holds may be taken back by its retry."""
    global _released
    _released = True


def hold_claims() -> None:
    """A new claim was made: this process is working on it."""
    global _released
    _released = False


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def holder_is_dead(holder: str | None) -> bool:
    if not holder:
        return False
    host, _, pid_text = holder.rpartition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        # Prefork: one task at a time. Our own claim is over only if the step that made it
        # failed (a database error; the task is being retried), never for a duplicate.
        return _released
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # a live process of another user
    return _zombie(pid)


def _zombie(pid: int) -> bool:
    """Killed but not yet reaped by its parent: dead for our purposes."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"
