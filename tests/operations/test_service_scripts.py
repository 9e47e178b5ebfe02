"""The scripts that start the test services, run as CI runs them: several runs side by side
each need ports of their own."""

import os
import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port_block(size):
    """A first port whose ``size`` ports from it are all free (as far as can be known)."""
    for first in range(20_000, 30_000, size):
        sockets = []
        try:
            for port in range(first, first + size):
                listening = socket.socket()
                sockets.append(listening)
                listening.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for listening in sockets:
                listening.close()
    raise RuntimeError("no free block of ports")


def test_object_storage_refuses_to_start_where_one_of_its_ports_is_taken(tmp_path):
    # SeaweedFS's parts listen on the S3 port and the seven above it: a run given the S3
    # port 2 below another run's would crash midway (a gRPC port taken) and fail the suite.
    first = free_port_block(8)
    with socket.socket() as other_run:
        other_run.bind(("127.0.0.1", first + 4))
        other_run.listen()
        started = subprocess.run(
            ["bash", "scripts/seaweedfs.sh", "start"],
            cwd=ROOT,
            env={
                **os.environ,
                "WIJKWIJS_S3_PORT": str(first),
                "WIJKWIJS_S3_DIR": str(tmp_path / "storage"),
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert started.returncode == 1
    assert f"port {first + 4}" in started.stderr and "WIJKWIJS_S3_PORT" in started.stderr
    assert not (tmp_path / "storage").exists()  # nothing started, nothing written
