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


def large(data, name, limits):
    """A result of tens of MB: pickled into the pipe while the parent reads it."""
    import numpy as np

    return [f"IN-{i:07d}" for i in range(300_000)], np.arange(2_000_000, dtype=np.float64)


class _EndsWhilePickled:
    def __reduce__(self):
        os._exit(7)  # the child ends with part of its result in the pipe


def ends_while_sending(data, name, limits):
    return [f"line {i}" for i in range(200_000)], _EndsWhilePickled()


def cyclic(data, name, limits):
    """A result that holds itself: the pipe's pickle (without a memo) refuses it."""
    out = ["line"]
    out.append(out)
    return out


def shared(data, name, limits):
    """The same list twice in a result."""
    ids = [f"IN-{i}" for i in range(5)]
    return ids, ids


def loaded(data, name, limits):
    """Whether the child had the modules named in ``data`` (comma-separated) before it ran its work."""
    import sys

    return tuple(m in sys.modules for m in data.decode().split(","))


def ahead(data, name, limits):
    """Two parts sent ahead of the result (a large one and a small one), each put back in its place where the
    result arrives; a forked process's own send is no send (the object itself), and nothing is left over."""
    from gcpcalc.intake import isolate

    big = [f"OUT-{i:07d}" for i in range(200_000)]
    first = isolate.send_ahead(big)
    second = isolate.send_ahead({"n": 3})
    forked = isolate.fork_work(lambda: (type(isolate.send_ahead([1, 2])).__name__,))
    in_fork = forked.result() if forked is not None else ("no fork",)
    return (type(first).__name__, first, second, in_fork, data.decode())


def ahead_then_ends(data, name, limits):
    """A part sent ahead, then the child ends without its result."""
    from gcpcalc.intake import isolate

    isolate.send_ahead(list(range(1000)))
    os._exit(5)


def ahead_not_used(data, name, limits):
    """A part sent ahead that the result does not hold (the read went another way): dropped by the parent."""
    from gcpcalc.intake import isolate

    isolate.send_ahead(["unused"] * 10)
    return "done"


def ahead_from_fork(data, name, limits):
    """A process forked to share the result's pipe sends its table straight to the parent; the child's result
    holds the ``Ahead`` that process returned."""
    from gcpcalc.intake import isolate

    forked = isolate.fork_work(lambda: (isolate.send_ahead([f"IN-{i}" for i in range(100_000)], "inflows"),),
                               ahead=True)
    got = forked.result()
    return type(got[0]).__name__, got[0]


def ended_while_sending_ahead(data, name, limits):
    """The child ends a forked process (no longer wanting its table) while that process sends a large part to the
    parent: the end waits for the part to be whole, so the parent still reads the child's result."""
    from gcpcalc.intake import isolate

    r, w = os.pipe()

    def work():
        with isolate._pipe_locked():
            os.write(w, b"s")  # the lock is held: the part is being sent
            isolate.dump_to_pipe(("ahead", ("fork", 1), bytes(40 << 20), "big"), isolate._ahead_fd)
            time.sleep(0.3)
        return ("not wanted",)

    forked = isolate.fork_work(work, ahead=True)
    assert os.read(r, 1) == b"s"
    forked.close()  # while the part is sent
    return "result after the close"
