"""Servers a test starts for itself and stops after: a redis-server on a spare port (never the
machine's own), and moto's S3-compatible server."""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest


def spare_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def redis_server():
    """redis://127.0.0.1:<port>/0 of a redis-server this test owns."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (Debian's redis-server package)")
    port = spare_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


@contextmanager
def s3_server():
    """The endpoint URL of a local S3-compatible server (moto), with no bucket yet."""
    from moto.server import ThreadedMotoServer

    port = spare_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
