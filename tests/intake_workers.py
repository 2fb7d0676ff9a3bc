"""Workers that end badly, run by the isolation tests in the child process (``module:function``)."""
import os
import time


class FakePanic(BaseException):
    """Like pyo3's PanicException: a BaseException that passes ``except Exception``."""


def panic(data, name, limits):
    raise FakePanic("a native library panicked")


def abort(data, name, limits):
    os.abort()  # SIGABRT, as a Rust allocation failure ends the process


def spin(data, name, limits):
    while True:
        time.sleep(0) or sum(range(1000))


def allocate(data, name, limits):
    chunks = []
    while True:
        chunks.append(bytearray(64 << 20))


def echo(data, name, limits):
    return (len(data), name)
