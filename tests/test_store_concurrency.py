"""Several processes save the same assessment at once: every save is kept, numbered 1..N without gaps."""
from __future__ import annotations

import multiprocessing as mp

from conftest_store import *  # noqa: F401,F403
from conftest_store import save_worker
from gcpcalc.store import Store

PROCESSES = 6
SAVES_EACH = 5


def test_concurrent_saves_from_several_processes_keep_every_revision(db_url):
    Store(db_url).close()  # an existing database, as in use: the processes race on the revisions
    ctx = mp.get_context("spawn")
    with ctx.Pool(PROCESSES) as pool:
        jobs = [pool.apply_async(save_worker, (db_url, "Kita Kogyo", "2025-03-31", SAVES_EACH, f"p{i}"))
                for i in range(PROCESSES)]
        numbers = [job.get(timeout=300) for job in jobs]
    total = PROCESSES * SAVES_EACH
    got = sorted(n for ns in numbers for n in ns)
    assert got == list(range(1, total + 1))
    for ns in numbers:  # each process sees its own saves in order
        assert ns == sorted(ns)
    with Store(db_url) as store:
        history = store.history("Kita Kogyo", "2025-03-31")
    assert [h.number for h in history] == list(range(1, total + 1))
    by_author = {}
    for h in history:
        by_author.setdefault(h.author, []).append(h.comment)
    assert {a: sorted(c) for a, c in by_author.items()} == {
        f"p{i}": sorted(f"p{i} #{k}" for k in range(SAVES_EACH)) for i in range(PROCESSES)}


def test_concurrent_first_saves_on_a_new_database(sqlite_url):
    """The processes also race on creating the schema and the assessment itself."""
    ctx = mp.get_context("spawn")
    with ctx.Pool(4) as pool:
        jobs = [pool.apply_async(save_worker, (sqlite_url, "Minami Shoji", "2025-12-31", 3, f"w{i}"))
                for i in range(4)]
        numbers = [job.get(timeout=300) for job in jobs]
    assert sorted(n for ns in numbers for n in ns) == list(range(1, 13))
    with Store(sqlite_url) as store:
        assert [(i.name, i.revisions) for i in store.list_assessments()] == [("Minami Shoji", 12)]
