"""Command line: ``gcpcalc <command> ...`` (also ``python -m gcpcalc``).

Each command lives in a module of :mod:`gcpcalc.commands` that exposes ``register(subparsers)``;
the handler returns the exit status. Errors reach the user as messages, never as a traceback:
status 2 for invalid input, 1 for anything else that went wrong.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

COMMAND_MODULES = (
    "gcpcalc.commands.compute",
    "gcpcalc.commands.excel",
    "gcpcalc.commands.procure",
    "gcpcalc.commands.store",
    "gcpcalc.commands.valuechain",
    "gcpcalc.commands.xbrl",
)


#: the module of each command (a command line naming one builds only that module's parsers)
COMMANDS = {
    "compute": "gcpcalc.commands.compute", "validate": "gcpcalc.commands.compute",
    "template": "gcpcalc.commands.excel", "report": "gcpcalc.commands.excel",
    "export-template": "gcpcalc.commands.excel", "procure": "gcpcalc.commands.procure",
    "store": "gcpcalc.commands.store", "consolidate": "gcpcalc.commands.store",
    "suppliers": "gcpcalc.commands.valuechain", "import-mapped": "gcpcalc.commands.valuechain",
    "mapping": "gcpcalc.commands.valuechain", "scenario": "gcpcalc.commands.valuechain",
    "xbrl": "gcpcalc.commands.xbrl",
}


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with ``argv`` whose first word is a command, the parser of that command's
    module only (the others and what they import are not loaded: a quicker start)."""
    parser = argparse.ArgumentParser(
        prog="gcpcalc",
        description="Circularity disclosure calculator: CTI v4.0, ISO 59020, ESRS E5, MCI, GCP v1.0.",
    )
    parser.add_argument("--version", action="version", version=f"gcpcalc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    first = argv[0] if argv else None
    modules = (COMMANDS[first],) if first in COMMANDS else COMMAND_MODULES
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # a command module not present in this build
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from .intake import isolate

    previous = isolate.fork_when_small(True)  # one thread, little imported yet: the reader's child is a plain fork
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: a message, not a traceback
        print(f"gcpcalc: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print(f"gcpcalc：エラー：{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        isolate.fork_when_small(previous)


#: commands that only read a file and print: the process ends as soon as their output is written (see :func:`run`)
QUICK_EXIT = ("compute", "validate")


def run(argv: list[str] | None = None) -> None:
    """The ``gcpcalc`` program (and ``python -m gcpcalc``): :func:`main`, then the process ends with its status.

    After a command of :data:`QUICK_EXIT`, once standard output and standard error are flushed, the process ends
    at once (``os._exit``), without taking the interpreter's modules apart one by one: about 40 ms of a
    one-second ``compute``, which has nothing left to close (its reading child has been reaped, it writes no
    file). Output that cannot be written (a full disk) is an error, status 1, with a message on standard
    error; a reader that has gone (``| head``) is not."""
    argv = sys.argv[1:] if argv is None else argv
    code = main(argv)
    if argv and argv[0] in QUICK_EXIT:
        import os

        try:
            sys.stdout.flush()
        except BrokenPipeError:  # the reader has gone: nothing more can be written
            pass
        except OSError as exc:
            code = 1
            _say_not_written(exc)
        except ValueError:  # pragma: no cover - standard output closed by the command itself
            pass
        try:
            sys.stderr.flush()
        except (OSError, ValueError):  # pragma: no cover - nowhere left to say anything
            pass
        os._exit(code)
    sys.exit(code)


def _say_not_written(exc: OSError) -> None:
    detail = exc.strerror or type(exc).__name__
    try:
        print(f"gcpcalc: error: the output could not be written ({detail}).", file=sys.stderr)
        print(f"gcpcalc：エラー：出力を書き込めませんでした（{detail}）。", file=sys.stderr)
    except (OSError, ValueError):  # pragma: no cover
        pass


if __name__ == "__main__":  # pragma: no cover
    run()
