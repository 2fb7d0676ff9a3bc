"""Parse an untrusted file in a child process, so that nothing in it can end the process serving users.

A native library that aborts (``SIGABRT`` when an allocation fails), a pyo3 ``PanicException`` (a
``BaseException`` that passes ``except Exception``), a runaway parse or a memory blow-up ends only the
child. The child runs with an address-space limit (``RLIMIT_AS``) and a CPU-time limit; the parent waits at
most the wall-time limit and kills it after that. Whatever the ending, the parent returns either the
child's result or one bilingual refusal that names the file and the limit; never a traceback.

The child is forked from a ``forkserver`` that has already imported the readers (a few milliseconds per
file instead of a fresh interpreter), or is a plain fork of a process that runs no other thread
(:func:`fork_when_small`); the result comes back through a pipe in a compact, columnar form. A large part of
it that is ready while the child still waits for the rest can cross first (:func:`send_ahead`): this process
unpickles it meanwhile and puts it back in its place when the result arrives.
"""
from __future__ import annotations

import contextlib
import gc
import importlib
import multiprocessing as mp
import os
import pickle
import resource
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing import popen_forkserver, spawn
from multiprocessing.connection import wait
from typing import Any

from ..excel.security import DEFAULT_LIMITS, Limits, refusal
from . import texts  # noqa: F401  (registers the messages)

#: what the child can run: kind -> "module:function" taking (data, name, limits), returning picklable data
WORKERS = {
    "xlsx": "gcpcalc.excel.reader:parse_workbook_transport",
    "json": "gcpcalc.intake.jsonin:parse_json_transport",
}
_PRELOAD = ["gcpcalc.intake.warm"]
#: modules a worker imports on its way (a workbook's organisation and small tables are validated by the models):
#: imported by this process before a plain fork, so that the child has them as the forkserver's children do
_WORKER_IMPORTS = {"xlsx": ("gcpcalc.models",)}

_lock = threading.Lock()
_ctx: Any = None
#: in the reading child: the pipe its result goes to, through which parts of it can go ahead (:func:`send_ahead`),
#: from the child or from a process it forked to share that pipe (``fork_work(..., ahead=True)``)
_ahead_fd: int | None = None
_ahead_sent = 0
#: a lock (a record lock on a memory file; the system lets it go when its holder ends) held while one object is
#: written to that pipe, so that two processes never write into each other's object
_pipe_lock: int | None = None
#: in the process that runs :func:`run_isolated`: the parts that came ahead of the result, by key (per thread)
_arrived = threading.local()


@dataclass
class RunInfo:
    """How the last isolated run ended (for the benchmarks and the logs)."""

    kind: str = ""
    outcome: str = ""  # ok, refused, memory, timeout, crashed, unavailable
    seconds: float = 0.0
    child_max_rss_bytes: int | None = None  # peak resident memory reported by the child (None when killed)
    exitcode: int | None = None
    extra: dict = field(default_factory=dict)


last_run = RunInfo()


class _NoMainPopen(popen_forkserver.Popen):
    """The forkserver launcher, without re-running the caller's ``__main__`` in the child.

    A child normally imports the parent's main script again (a Streamlit page, a benchmark, a user's
    script without a ``__main__`` guard); the worker needs nothing of it, only the preloaded readers."""

    def _launch(self, process_obj):
        with _prep_lock:
            original = spawn.get_preparation_data

            def without_main(name):
                data = original(name)
                data.pop("init_main_from_path", None)
                data.pop("init_main_from_name", None)
                return data

            spawn.get_preparation_data = without_main
            try:
                super()._launch(process_obj)
            finally:
                spawn.get_preparation_data = original


class _Process(mp.get_context("forkserver").Process):  # type: ignore[misc]
    @staticmethod
    def _Popen(process_obj):
        return _NoMainPopen(process_obj)


_prep_lock = threading.Lock()

#: whether a plain fork of the calling process may start the child: True (the command line), False (never), None
#: (the default: only in a process that runs no other thread and has not started the forkserver; see
#: :func:`fork_when_small`)
_fork_allowed: bool | None = None


def fork_when_small(allowed: bool | None = True) -> bool | None:
    """Let the child be a plain fork of this process when the process runs one thread and its address space
    is under a quarter of the child's memory limit (the command line, before it computes): no forkserver to
    start and warm up, the child imports only what its file needs. The limits and the outcomes are those of
    the forkserver's children. A threaded process (the app) always uses the forkserver: a fork of a threaded
    process can deadlock.

    ``None`` (the default) allows the fork only when the process runs no other thread at all, native threads
    included (a numerical library's pool, which the ``threading`` module does not see), and has not started
    the forkserver (:func:`prestart`, or an earlier read through it: that server stays the one used). Returns
    the setting it replaces."""
    global _fork_allowed
    previous, _fork_allowed = _fork_allowed, allowed
    return previous


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        return None


def _os_threads() -> int | None:
    """The threads of this process as the system counts them (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"Threads:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        return None
    return None  # pragma: no cover - a kernel without the line


def _fork_ok(limits: Limits) -> bool:
    if _fork_allowed is False or threading.active_count() != 1 or "fork" not in mp.get_all_start_methods():
        return False
    if _fork_allowed is None and (_ctx is not None or _os_threads() != 1):
        return False
    size = _address_space()
    return size is not None and size < limits.max_memory_bytes // 4


class _ForkProcess(mp.get_context("fork").Process):  # type: ignore[misc]
    pass


def _context():
    global _ctx
    with _lock:
        if _ctx is None:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(_PRELOAD)
            _ctx = ctx
        return _ctx


def prestart() -> None:
    """Start the forkserver now: it imports the readers and warms them up in its own process while this one goes
    on, so that the first file read does not wait for it. Returns at once; calling it again does nothing."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def _human(n: float) -> str:
    if n >= 1 << 30:
        return f"{n / (1 << 30):g} GB"
    return f"{n / (1 << 20):,.0f} MB"


def _apply_limits(limits: Limits) -> None:
    mem = int(limits.max_memory_bytes)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    except (ValueError, OSError):  # pragma: no cover - a platform without the limit
        pass
    cpu = int(limits.max_seconds) + 1
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        used = int(sum(os.times()[:2]))
        resource.setrlimit(resource.RLIMIT_CPU, (used + cpu, used + cpu + 2))
    except (ValueError, OSError):  # pragma: no cover
        pass


def _child(conn, worker: str, data: bytes, name: str, limits: Limits) -> None:  # pragma: no cover - in the child
    _apply_limits(limits)
    # a short-lived process under memory and time limits that makes no reference cycles worth collecting: the
    # collector's passes over the rows read (about a tenth of a large workbook's reading) are left out
    gc.disable()
    try:  # a native library's own report of a crash (a Rust backtrace) never reaches the user's terminal
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass
    global _ahead_fd, _pipe_lock
    _ahead_fd = conn.fileno()
    try:
        _pipe_lock = os.memfd_create("gcpcalc-pipe-lock")
    except (AttributeError, OSError):  # pragma: no cover - not Linux: only this process writes to the pipe
        _pipe_lock = None
    try:
        module, func = worker.split(":")
        fn = getattr(importlib.import_module(module), func)
        result: tuple = ("ok", fn(data, name, limits))
    except MemoryError:
        result = ("memory",)
    except RecursionError:
        result = ("crashed", "recursion")
    except BaseException as exc:  # a PanicException is a BaseException: still only a message
        result = ("crashed", type(exc).__name__)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    try:
        with _pipe_locked():
            dump_to_pipe(result + (rss,), conn.fileno())
    except BaseException:
        os._exit(3)
    conn.close()
    os._exit(0)


def dump_to_pipe(obj, fd: int) -> None:
    """Pickle ``obj`` straight into the pipe ``fd``, a frame at a time (no second, pickled copy of a large
    result), without the pickle's memo.

    A result is a tree of tuples, lists, dicts, arrays, coded columns, strings and messages: the memo would
    only record every object (about a sixth of the time of a 100k-line JSON file's reading, for its ids)
    to find objects sent twice, which such a tree does not hold. An object that appears twice arrives as two
    equal objects; a cycle, which no result has, ends in ``ValueError`` (the result is then not sent)."""
    with os.fdopen(os.dup(fd), "wb", buffering=1 << 16) as out:
        _dump(obj, out)


def pickled(obj) -> bytes:
    """``obj`` pickled as :func:`dump_to_pipe` pickles it (no memo), as bytes."""
    import io

    out = io.BytesIO()
    _dump(obj, out)
    return out.getvalue()


def _dump(obj, out) -> None:
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo
    pickler.dump(obj)


class Ahead:
    """In a result, the place of a part sent ahead of it (:func:`send_ahead`): where the result is unpickled, it
    becomes that part again."""

    __slots__ = ("key",)

    def __init__(self, key: int):
        self.key = key

    def __reduce__(self):
        return _take_arrived, (self.key,)


def _take_arrived(key):
    parts = getattr(_arrived, "parts", None)
    if parts is None:  # unpickled on its way (by the reading child, from a process it forked): still a place
        return Ahead(key)
    return parts.pop(key)


class _pipe_locked:
    """The pipe's lock (:data:`_pipe_lock`) held for a ``with`` block; nothing where there is no lock."""

    def __enter__(self):
        if _pipe_lock is not None:
            import fcntl

            fcntl.lockf(_pipe_lock, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        if _pipe_lock is not None:
            import fcntl

            fcntl.lockf(_pipe_lock, fcntl.LOCK_UN)
        return False


def send_ahead(obj, label: str | None = None):
    """In the reading child, a large part of the result that is ready while the child still waits for the rest
    (a table read in this process while a forked one reads the other): sent to the parent now, which unpickles
    it meanwhile (and hands it, with ``label``, to the caller's ``on_ahead``: see :func:`run_isolated`);
    returns the :class:`Ahead` to put in the result in its place. Anywhere else (a read in this process, a
    forked reader), ``obj`` itself.

    The part goes through the result's own pipe, before the result, the pipe's lock held (a process forked with
    ``fork_work(..., ahead=True)`` sends its own parts the same way, straight to the parent): a process that
    ends while sending leaves a truncated object, which the parent refuses as it refuses any child that ends
    without its result. A process forked to share the pipe is only ended with the lock held, never in the
    middle of an object."""
    global _ahead_sent
    if _ahead_fd is None:
        return obj
    _ahead_sent += 1
    key = (os.getpid(), _ahead_sent)
    with _pipe_locked():
        dump_to_pipe(("ahead", key, obj, label), _ahead_fd)
    return Ahead(key)


def widen_pipe(fd: int) -> None:
    """Let the pipe ``fd`` hold 1 MB rather than 64 kB (Linux; elsewhere, or where the system allows less, it
    stays as it is): a large result crosses in fewer turns of the two processes."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError, ValueError):  # pragma: no cover - not Linux, or a lower system limit
        pass


def load_from_pipe(fd: int):
    """The object :func:`dump_to_pipe` sent through the pipe ``fd``, unpickled as it arrives (``fd`` stays
    open)."""
    with os.fdopen(fd, "rb", buffering=1 << 16, closefd=False) as f:
        return pickle.load(f)


class Forked:
    """Work being done by a process forked from this one (:func:`fork_work`)."""

    def __init__(self, pid: int, fd: int, ahead: bool = False):
        self._pid, self._fd, self._ahead = pid, fd, ahead

    def result(self) -> tuple | None:
        """The tuple the work returned, once the forked process has sent it; ``None`` when that process ended
        without a whole result (killed at its limit, or the work raised). The process is then reaped."""
        try:
            got = load_from_pipe(self._fd)
        except Exception:  # noqa: BLE001 - ended early: no result
            got = None
        self.close()
        return got if isinstance(got, tuple) and got else None

    def close(self) -> None:
        """End the forked process (when its result is no longer wanted) and reap it; calling it again does
        nothing."""
        if self._fd < 0:
            return
        os.close(self._fd)
        self._fd = -1
        with _pipe_locked() if self._ahead else contextlib.nullcontext():  # never ended in the middle of a part
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - already reaped by someone else
                pass
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:  # pragma: no cover
                pass


def end_with_parent() -> None:
    """Have the kernel end this process when the process that forked it ends (killed at its wall-time limit,
    say): a forked reader never outlives the read it serves. Linux only; elsewhere it ends at its own limits."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def fork_work(work, ahead: bool = False) -> Forked | None:
    """Run ``work()`` (returning a tuple) in a process forked from this one, which sends the tuple back through
    a pipe (:func:`dump_to_pipe`); ``None`` when this process runs other threads (a fork of a threaded process
    can deadlock) or no process can be forked: the caller then does the work itself. The forked process has
    this one's memory and time limits, ends with it, and sends nothing when the work raises. ``ahead``: in the
    reading child, the forked process may send parts of the result straight to the parent (:func:`send_ahead`);
    otherwise its ``send_ahead`` sends nothing."""
    global _ahead_fd
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return None
    shares = ahead and _ahead_fd is not None and _pipe_lock is not None  # the pipe to the parent, with its lock
    try:
        r, w = os.pipe()
    except OSError:  # pragma: no cover - out of descriptors
        return None
    widen_pipe(w)
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:  # pragma: no cover - out of processes or memory
        os.close(r)
        os.close(w)
        return None
    if pid == 0:  # pragma: no cover - in the forked process (covered through its result)
        if not shares:
            _ahead_fd = None  # the reading child's pipe is that child's own
        code = 0
        try:
            os.close(r)
            end_with_parent()
            if os.getppid() != parent:  # pragma: no cover - the forking process ended before the line above
                raise SystemExit
            dump_to_pipe(work(), w)
            os.close(w)
        except BaseException:  # noqa: BLE001 - no result: the work is done again where it is wanted
            code = 1
        finally:
            os._exit(code)
    os.close(w)
    return Forked(pid, r, shares)


def _receive(conn) -> tuple:
    """The next object the child sent (a part sent ahead, or its result: see :func:`_child`), read without reading
    past it: what follows stays in the pipe, where the wait for it sees it."""
    return pickle.load(_Exactly(conn.fileno()))


class _Exactly:
    """The reading end of a pipe as a file that reads exactly what the unpickler asks for and nothing beyond (a
    buffered reader would take the start of the next object into a buffer of its own). The unpickler asks for
    a frame at a time (64 kB), and reads a large string or array straight into its own memory (``readinto``)."""

    def __init__(self, fd: int):
        self._fd = fd

    def readinto(self, buffer) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view):
            got = os.readv(self._fd, [view[done:done + (1 << 20)]])
            if not got:
                break
            done += got
        return done

    def read(self, n: int = -1) -> bytes:
        if n < 0:  # pragma: no cover - the unpickler always says how much
            raise ValueError("a size is needed")
        buffer = bytearray(n)
        got = self.readinto(buffer)
        return bytes(buffer) if got == n else bytes(buffer[:got])

    def readline(self) -> bytes:  # pragma: no cover - only the text protocols read lines
        out = bytearray()
        while not out.endswith(b"\n") and (byte := os.read(self._fd, 1)):
            out += byte
        return bytes(out)


def run_isolated(kind: str, data: bytes, name: str, limits: Limits | None = None,
                 worker: str | None = None, meanwhile=None, on_ahead=None) -> tuple[bool, Any]:
    """Run worker ``kind`` (or the function ``worker``, "module:function") on ``data`` in a child process.

    ``meanwhile``: a function run in this process while the child works (imports the caller needs next);
    ``on_ahead(label, part)``: called with each part the child sends ahead of its result (:func:`send_ahead`),
    as it arrives, while the child still works (work on that part the caller would do later); an exception in
    either is ignored. Returns ``(True, result)`` or ``(False, message)`` with a refusal naming the file and the
    limit."""
    global last_run
    limits = limits or DEFAULT_LIMITS
    info = RunInfo(kind=kind)
    last_run = info
    t0 = time.monotonic()
    fork = _fork_ok(limits)
    if fork:
        for module in _WORKER_IMPORTS.get(kind, ()):
            importlib.import_module(module)
    try:
        ctx = mp.get_context("fork") if fork else _context()
        receiver, sender = ctx.Pipe(duplex=False)
        widen_pipe(sender.fileno())
        proc = (_ForkProcess if fork else _Process)(
            target=_child, args=(sender, worker or WORKERS[kind], data, name, limits), daemon=True)
        info.extra["start"] = "fork" if fork else "forkserver"
        proc.start()
    except Exception as exc:  # no process could be started (resources exhausted)
        info.outcome, info.seconds = "unavailable", time.monotonic() - t0
        return False, refusal("intake_unavailable", name, value=type(exc).__name__)
    sender.close()
    if meanwhile is not None:
        try:
            meanwhile()
        except Exception:  # pragma: no cover - an optimisation only
            pass
    result = None
    outer = getattr(_arrived, "parts", None)
    _arrived.parts = {}
    try:
        wall = max(limits.max_seconds, min(limits.max_wall_seconds, limits.max_seconds * 3))
        deadline = t0 + wall
        while result is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            ready = wait([receiver, proc.sentinel], timeout=remaining)
            if receiver in ready:
                try:
                    got = _receive(receiver)
                except Exception:  # the child ended while sending (a truncated result): no result
                    break
                if isinstance(got, tuple) and got and got[0] == "ahead":  # a part of the result, ahead of it
                    _arrived.parts[got[1]] = got[2]
                    info.extra["ahead"] = info.extra.get("ahead", 0) + 1
                    if on_ahead is not None:
                        try:
                            on_ahead(got[3], got[2])
                        except Exception:  # pragma: no cover - an optimisation only
                            pass
                    continue
                result = got
            elif ready:  # the child ended without a result
                if receiver.poll(0):
                    continue
                break
    finally:
        _arrived.parts = outer
        receiver.close()
        if result is None and proc.is_alive():
            proc.kill()
        proc.join(timeout=5)
        if proc.is_alive():  # pragma: no cover - a child that does not even die
            proc.kill()
            proc.join(timeout=1)
    info.seconds = time.monotonic() - t0
    info.exitcode = proc.exitcode
    mem_limit = _human(limits.max_memory_bytes)
    time_limit = f"{limits.max_seconds:g} s"
    if result is not None:
        info.child_max_rss_bytes = result[-1]
        status = result[0]
        if status == "ok":
            info.outcome = "ok"
            return True, result[1]
        if status == "memory":
            info.outcome = "memory"
            return False, refusal("intake_memory", name, limit=mem_limit)
        info.outcome = "crashed"
        return False, refusal("intake_crashed", name, value=_crash_detail(result[1]))
    code = proc.exitcode
    if code is None or info.seconds >= wall or code == -signal.SIGXCPU:
        info.outcome = "timeout"
        return False, refusal("intake_timeout", name, limit=time_limit)
    if code in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS):
        # an allocation refused under the address-space limit aborts a native library
        info.outcome = "memory"
        return False, refusal("intake_memory", name, limit=mem_limit)
    info.outcome = "crashed"
    return False, refusal("intake_crashed", name, value=_exit_detail(code))


def _crash_detail(kind: str) -> str:
    return {"recursion": "recursion"}.get(kind, "internal stop")


def _exit_detail(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"
