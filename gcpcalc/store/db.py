"""The store: append-only revisions of assessments in SQLite (default) or any SQLAlchemy database.

An assessment is identified by its organisation name and reporting period end. Every save adds a
revision (number 1, 2, 3 ... per assessment) holding the assessment's JSON form, the author, a comment,
the SHA-256 of the input file and the key indicator values used by the trends. Nothing is overwritten:
restoring an older revision saves its content again as a new revision.

* The database is a SQLite file under the user's data directory unless ``GCPCALC_DATABASE_URL`` or an
  explicit URL names another (``postgresql+psycopg://user@host/db`` works the same).
* The schema is versioned with Alembic (scripts in ``gcpcalc/store_migrations``); opening a store
  upgrades an older database to the current schema.
* Revision numbers are assigned safely when several processes save at once: SQLite runs in WAL mode
  with a busy timeout and saves in ``BEGIN IMMEDIATE`` transactions; PostgreSQL locks the assessment
  row; a unique constraint on (assessment, number) backs both, and a clash is retried.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from ..messages import ERROR, Message
from ..models import Assessment, validate_assessment

#: the indicators kept with every revision for trends and targets (ids of the indicator catalogue)
KEY_INDICATORS: tuple[str, ...] = (
    "cti.circular_inflow_pct",
    "cti.circular_outflow_pct",
    "cti.material_circularity_pct",
    "cti.critical_inflow_pct",
    "cti.renewable_energy_pct",
    "cti.water_circularity_pct",
    "cti.actual_lifetime_ratio",
    "cti.circular_material_productivity",
    "esrs_e5_2026.waste_diverted_pct",
)

ENV_URL = "GCPCALC_DATABASE_URL"
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "store_migrations"
_SAVE_ATTEMPTS = 200
_BUSY_TIMEOUT_S = 60.0

# --------------------------------------------------------------------------------------------------
# schema (the state after the newest migration; the migrations are the source of truth)
# --------------------------------------------------------------------------------------------------
metadata = sa.MetaData()
assessments_t = sa.Table(
    "assessments", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(400), nullable=False),
    sa.Column("period_start", sa.Date, nullable=False),
    sa.Column("period_end", sa.Date, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
revisions_t = sa.Table(
    "revisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("comment", sa.Text, nullable=False),
    sa.Column("input_sha256", sa.String(64), nullable=False),
    sa.Column("content_sha256", sa.String(64), nullable=False),
    sa.Column("data_json", sa.Text, nullable=False),
)
indicator_values_t = sa.Table(
    "indicator_values", metadata,
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), primary_key=True),
    sa.Column("indicator_id", sa.String(200), primary_key=True),
    sa.Column("value", sa.Float, nullable=True),
    sa.Column("unit", sa.String(40), nullable=False),
)
targets_t = sa.Table(
    "targets", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(400), nullable=False),
    sa.Column("indicator_id", sa.String(200), nullable=False),
    sa.Column("target_year", sa.Integer, nullable=False),
    sa.Column("target_value", sa.Float, nullable=False),
    sa.Column("baseline_year", sa.Integer, nullable=True),
    sa.Column("baseline_value", sa.Float, nullable=True),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
)

#: named documents per kind (``scenario``, ``mapping``): JSON data saved by name, replaced on save
documents_t = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("name", sa.String(400), nullable=False),
    sa.Column("data_json", sa.Text, nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
)
DOCUMENT_KINDS = ("scenario", "mapping", "merge")


# --------------------------------------------------------------------------------------------------
# errors and records
# --------------------------------------------------------------------------------------------------
class StoreError(Exception):
    """A store operation failed; carries a bilingual :class:`Message` (never shown as a traceback)."""

    def __init__(self, code: str, message_en: str, message_ja: str, value: Any = None):
        self.message = Message(code, ERROR, message_en, message_ja, table=None, value=value)
        self.messages = [self.message]
        super().__init__(message_en)

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)


@dataclass
class RevisionInfo:
    """One saved revision (``data`` holds the JSON form when it was asked for)."""

    name: str
    period_start: dt.date
    period_end: dt.date
    number: int
    saved_at: dt.datetime
    author: str
    comment: str
    input_sha256: str
    content_sha256: str
    indicators: dict[str, float | None] = field(default_factory=dict)
    data: dict | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["period_start"] = self.period_start.isoformat()
        d["period_end"] = self.period_end.isoformat()
        d["saved_at"] = self.saved_at.isoformat()
        if self.data is None:
            d.pop("data")
        return d


@dataclass
class AssessmentInfo:
    """One saved assessment (organisation + period) with its number of revisions."""

    name: str
    period_start: dt.date
    period_end: dt.date
    revisions: int
    latest_revision: int
    last_saved_at: dt.datetime
    last_author: str

    def to_dict(self) -> dict:
        d = asdict(self)
        d["period_start"] = self.period_start.isoformat()
        d["period_end"] = self.period_end.isoformat()
        d["last_saved_at"] = self.last_saved_at.isoformat()
        return d


@dataclass
class Target:
    """A target of one indicator for one year, with an optional baseline (year and value)."""

    name: str
    indicator_id: str
    target_year: int
    target_value: float
    baseline_year: int | None = None
    baseline_value: float | None = None
    note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------------------------------
# engine, URL and migrations
# --------------------------------------------------------------------------------------------------
def default_url() -> str:
    """``GCPCALC_DATABASE_URL`` when set, else a SQLite file in the user's data directory."""
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        return url
    from platformdirs import user_data_dir

    path = Path(user_data_dir("gcpcalc")) / "gcpcalc.sqlite"
    return f"sqlite:///{path}"


def _is_sqlite(url: str | sa.engine.URL) -> bool:
    return sa.engine.make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL mode, a busy timeout and ``BEGIN IMMEDIATE`` writes."""
    u = sa.engine.make_url(url)
    if u.get_backend_name() != "sqlite":
        return sa.create_engine(u, pool_pre_ping=True)
    memory = u.database in (None, "", ":memory:")
    if not memory:
        Path(u.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict[str, Any] = {"connect_args": {"timeout": _BUSY_TIMEOUT_S, "check_same_thread": False}}
    if memory:
        kwargs["poolclass"] = sa.pool.StaticPool
    engine = sa.create_engine(u, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised by every test
        dbapi_conn.isolation_level = None  # transactions are begun below, explicitly
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(_BUSY_TIMEOUT_S * 1000)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover - exercised by every test
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


def _alembic_config(conn: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(None)  # type: ignore[arg-type]
    return ScriptDirectory.from_config(cfg).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` (one process at a time: a write lock on SQLite, an advisory
    lock on PostgreSQL)."""
    from alembic import command

    target = head_revision() if revision == "head" else revision
    if current_revision(engine) == target:
        return
    with engine.connect() as conn:
        conn = conn.execution_options(write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(59020)")
            command.upgrade(_alembic_config(conn), revision)


# --------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------
def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


def parse_period_end(value: str | dt.date) -> dt.date:
    """A period end given as a date or as text (``2025-03-31``, ``2025/03/31``)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    from ..models import parse_date

    try:
        parsed = parse_date(str(value))
    except Exception:
        parsed = None
    if not isinstance(parsed, dt.date):
        raise StoreError("store_bad_date", f"'{value}' is not a date. Use YYYY-MM-DD.",
                         f"「{value}」は日付ではありません。YYYY-MM-DD 形式で指定してください。", value)
    return parsed


def canonical_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def key_indicator_values(assessment: Assessment) -> dict[str, tuple[float | None, str]]:
    """The key indicators of an assessment: id -> (value, unit). Empty when the indicators cannot be
    computed (the revision is kept all the same; the trends compute them again later)."""
    try:
        from ..indicators import compute

        results = compute(assessment)
    except Exception:
        return {}
    out: dict[str, tuple[float | None, str]] = {}
    for iid in KEY_INDICATORS:
        r = results.get(iid)
        if r is None:
            continue
        value = r.value if isinstance(r.value, (int, float)) and not isinstance(r.value, bool) else None
        out[iid] = (None if value is None else float(value), r.unit)
    return out


#: kinds of database failure -> (en, ja) explanation; the driver's own text is never shown
_FAILURE_KINDS: tuple[tuple[tuple[str, ...], str, str, str], ...] = (
    (("locked", "busy", "deadlock"), "busy",
     "the database is busy (another program is writing to it); try again",
     "データベースが使用中です（他のプログラムが書き込み中です）。時間をおいて再度お試しください"),
    (("readonly", "read-only", "permission denied", "unable to open"), "readonly",
     "the database file cannot be written (read-only or no permission)",
     "データベースファイルに書き込めません（読み取り専用、または権限がありません）"),
    (("disk i/o", "disk is full", "database or disk is full", "no space"), "disk",
     "the disk reported an error or is full", "ディスクの入出力エラー、または空き容量不足です"),
    (("malformed", "not a database", "file is encrypted", "corrupt"), "damaged",
     "the database file is damaged or is not a database", "データベースファイルが破損しているか、データベースではありません"),
    (("no such table", "no such column", "undefinedtable", "does not exist"), "schema",
     "the database does not have the tables of this version of gcpcalc",
     "データベースに、このバージョンの gcpcalc の表がありません"),
    (("could not connect", "connection refused", "timeout expired", "password authentication", "could not translate"),
     "connection", "the database server cannot be reached or refused the login",
     "データベースサーバーに接続できないか、ログインが拒否されました"),
)


def failure_reason(exc: BaseException) -> tuple[str, str, str]:
    """(kind, en, ja) of a database error, from its text, without repeating that text."""
    text = " ".join(str(x) for x in (getattr(exc, "orig", None), exc) if x is not None).lower()
    for needles, kind, en, ja in _FAILURE_KINDS:
        if any(n in text for n in needles):
            return kind, en, ja
    return "other", "the database refused the operation", "データベースが処理を拒否しました"


def _failed(exc: Exception, what_en: str, what_ja: str) -> StoreError:
    kind, en, ja = failure_reason(exc)
    return StoreError("store_failed", f"{what_en} failed: {en}. The saved revisions are unchanged.",
                      f"{what_ja}に失敗しました：{ja}。保存済みのリビジョンは変更されていません。", kind)


#: the tables only gcpcalc's schema has (a database holding other tables but none of these is not ours)
OWN_TABLES = frozenset({"assessments", "revisions", "indicator_values"})


def check_sqlite_owner(path: str | Path, shown: str) -> None:
    """Refuse an existing SQLite file that is not a gcpcalc store, reading it only (no WAL switch, no
    table created): a file that is not SQLite, or one with tables but none of gcpcalc's."""
    import sqlite3

    p = Path(path).expanduser()
    if not p.exists() or p.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True, timeout=_BUSY_TIMEOUT_S)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        kind, en, ja = failure_reason(exc)
        if kind in ("damaged", "other"):
            raise StoreError("store_not_a_database",
                             f"{shown} is not a SQLite database (or it is damaged): it was left untouched.",
                             f"{shown} は SQLite データベースではない（または破損している）ため、変更せずにそのままにしました。",
                             shown) from None
        raise StoreError("store_open_failed", f"The database {shown} cannot be opened: {en}.",
                         f"データベース {shown} を開けません：{ja}。", shown) from None
    names.discard("alembic_version")
    names = {n for n in names if not n.startswith("sqlite_")}
    if names and not (names & OWN_TABLES):
        listed = ", ".join(sorted(names)[:5]) + (", …" if len(names) > 5 else "")
        raise StoreError("store_not_ours",
                         f"{shown} holds another application's tables ({listed}) and no gcpcalc store: it was left "
                         "untouched. Choose another file with --db.",
                         f"{shown} には他のアプリケーションの表（{listed}）があり、gcpcalc の保存データではありません。"
                         "変更せずにそのままにしました。--db で別のファイルを指定してください。", shown)


def _check_owner_engine(engine: Engine, shown: str) -> None:
    """The same check on a server database, before any migration creates a table."""
    names = set(sa.inspect(engine).get_table_names())
    names.discard("alembic_version")
    if names and not (names & OWN_TABLES):
        listed = ", ".join(sorted(names)[:5]) + (", …" if len(names) > 5 else "")
        raise StoreError("store_not_ours",
                         f"{shown} holds another application's tables ({listed}) and no gcpcalc store: it was left "
                         "untouched.",
                         f"{shown} には他のアプリケーションの表（{listed}）があり、gcpcalc の保存データではありません。"
                         "変更せずにそのままにしました。", shown)


def _revision_select():
    r = revisions_t.c
    return (sa.select(assessments_t.c.name, assessments_t.c.period_start, assessments_t.c.period_end,
                      r.id.label("rid"), r.number, r.saved_at, r.author, r.comment, r.input_sha256,
                      r.content_sha256, r.data_json)
            .join(revisions_t, r.assessment_id == assessments_t.c.id))


# --------------------------------------------------------------------------------------------------
# the store
# --------------------------------------------------------------------------------------------------
class Store:
    """Append-only store of assessments. ``Store()`` opens the default database; ``Store(url)`` any other.

    The database is created or upgraded to the current schema on opening (``upgrade=False`` leaves it
    as it is, for tests of the migrations).
    """

    def __init__(self, url: str | None = None, *, upgrade: bool = True):
        self.url = url or default_url()
        try:
            u = sa.engine.make_url(self.url)
            if u.get_backend_name() == "sqlite" and u.database not in (None, "", ":memory:"):
                check_sqlite_owner(u.database, self._safe_url())
            self.engine = make_engine(self.url)
            if u.get_backend_name() != "sqlite":
                _check_owner_engine(self.engine, self._safe_url())
            if upgrade:
                migrate(self.engine)
        except StoreError:
            raise
        except Exception as exc:
            _kind, en, ja = failure_reason(exc)
            raise StoreError("store_open_failed", f"The database {self._safe_url()} cannot be opened: {en}.",
                             f"データベース {self._safe_url()} を開けません：{ja}。", self._safe_url()) from None

    def _safe_url(self) -> str:
        try:
            return sa.engine.make_url(self.url).render_as_string(hide_password=True)
        except Exception:
            return "<invalid URL>"

    @property
    def display_url(self) -> str:
        """The database URL without its password, to show to the user."""
        return self._safe_url()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ save
    def save(self, assessment: Assessment, *, author: str = "", comment: str = "", input_sha256: str = "",
             indicators: dict[str, tuple[float | None, str]] | None = None) -> RevisionInfo:
        """Save ``assessment`` as a new revision and return it. Raises :class:`StoreError` when the
        database refuses; the earlier revisions are then unchanged."""
        data = assessment.to_json_dict()
        org = assessment.organisation
        name = org["name"]
        period_start, period_end = org["period_start"], org["period_end"]
        text = canonical_json(data)
        content_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if indicators is None:
            indicators = key_indicator_values(assessment)
        last_exc: Exception | None = None
        for attempt in range(_SAVE_ATTEMPTS):
            try:
                return self._save_once(name, period_start, period_end, text, content_sha, author or "",
                                       comment or "", input_sha256 or "", indicators)
            except IntegrityError as exc:  # a concurrent save took the number (or created the assessment)
                last_exc = exc
            except OperationalError as exc:
                if "locked" not in str(exc).lower() and "deadlock" not in str(exc).lower():
                    raise _failed(exc, "Saving", "保存") from exc
                last_exc = exc
            except SQLAlchemyError as exc:
                raise _failed(exc, "Saving", "保存") from exc
            time.sleep(random.uniform(0.001, 0.02) * min(attempt + 1, 10))
        raise _failed(last_exc or RuntimeError("busy"), "Saving", "保存")

    def _save_once(self, name, period_start, period_end, text, content_sha, author, comment, input_sha,
                   indicators) -> RevisionInfo:
        now = _utcnow()
        with self.engine.connect() as conn:
            conn = conn.execution_options(write=True)
            with conn.begin():
                aid = self._assessment_id(conn, name, period_end, lock=True)
                if aid is None:
                    aid = conn.execute(sa.insert(assessments_t).values(
                        name=name, period_start=period_start, period_end=period_end, created_at=now,
                    ).returning(assessments_t.c.id)).scalar_one()
                number = conn.execute(sa.select(sa.func.coalesce(sa.func.max(revisions_t.c.number), 0))
                                      .where(revisions_t.c.assessment_id == aid)).scalar_one() + 1
                rid = conn.execute(sa.insert(revisions_t).values(
                    assessment_id=aid, number=number, saved_at=now, author=author, comment=comment,
                    input_sha256=input_sha, content_sha256=content_sha, data_json=text,
                ).returning(revisions_t.c.id)).scalar_one()
                if indicators:
                    conn.execute(sa.insert(indicator_values_t), [
                        {"revision_id": rid, "indicator_id": iid, "value": v, "unit": unit or ""}
                        for iid, (v, unit) in indicators.items()
                    ])
        return RevisionInfo(name, period_start, period_end, number, now, author, comment, input_sha, content_sha,
                            {k: v for k, (v, _u) in indicators.items()})

    @staticmethod
    def _assessment_id(conn: Connection, name: str, period_end: dt.date, lock: bool = False) -> int | None:
        q = sa.select(assessments_t.c.id).where(assessments_t.c.name == name,
                                                  assessments_t.c.period_end == period_end)
        if lock and conn.dialect.name == "postgresql":
            q = q.with_for_update()
        return conn.execute(q).scalar_one_or_none()

    # ------------------------------------------------------------------ read
    def _read(self, fn):
        try:
            with self.engine.connect() as conn:
                with conn.begin():
                    return fn(conn)
        except SQLAlchemyError as exc:
            raise _failed(exc, "Reading the store", "保存データの読み込み") from exc

    def _not_found(self, name: str, period_end: dt.date, number: int | None = None) -> StoreError:
        if number is None:
            return StoreError("store_not_found", f"No saved assessment '{name}' for the period ending {period_end}.",
                              f"「{name}」（期末 {period_end}）の保存データはありません。", name)
        return StoreError("store_revision_not_found",
                          f"Assessment '{name}' (period ending {period_end}) has no revision {number}.",
                          f"「{name}」（期末 {period_end}）にリビジョン {number} はありません。", number)

    def revision(self, name: str, period_end: str | dt.date, number: int | None = None,
                 with_data: bool = True) -> RevisionInfo:
        """One revision (the latest when ``number`` is None) with its JSON form."""
        pe = parse_period_end(period_end)

        def q(conn):
            aid = self._assessment_id(conn, name, pe)
            if aid is None:
                raise self._not_found(name, pe)
            sel = _revision_select().where(assessments_t.c.id == aid)
            if number is None:
                sel = sel.order_by(revisions_t.c.number.desc()).limit(1)
            else:
                sel = sel.where(revisions_t.c.number == number)
            row = conn.execute(sel).mappings().first()
            if row is None:
                raise self._not_found(name, pe, number)
            values = self._values(conn, [row["rid"]]).get(row["rid"], {})
            return self._info(row, values, with_data)

        return self._read(q)

    @staticmethod
    def _values(conn: Connection, revision_ids: list[int]) -> dict[int, dict[str, float | None]]:
        out: dict[int, dict[str, float | None]] = {}
        if not revision_ids:
            return out
        for r in conn.execute(sa.select(indicator_values_t).where(indicator_values_t.c.revision_id.in_(revision_ids))):
            out.setdefault(r.revision_id, {})[r.indicator_id] = r.value
        return out

    @staticmethod
    def _info(row, values: dict, with_data: bool) -> RevisionInfo:
        data = None
        if with_data:
            try:
                data = json.loads(row["data_json"])
                if not isinstance(data, dict):
                    raise ValueError("not an object")
            except (ValueError, TypeError, RecursionError):
                raise StoreError(
                    "store_revision_damaged",
                    f"Revision {row['number']} of '{row['name']}' (period ending {row['period_end']}) is damaged and "
                    "cannot be read; the other revisions are unaffected.",
                    f"「{row['name']}」（期末 {row['period_end']}）のリビジョン {row['number']} は破損しているため"
                    "読み込めません。他のリビジョンには影響ありません。", row["number"]) from None
        return RevisionInfo(
            name=row["name"], period_start=row["period_start"], period_end=row["period_end"], number=row["number"],
            saved_at=_aware(row["saved_at"]), author=row["author"], comment=row["comment"],
            input_sha256=row["input_sha256"], content_sha256=row["content_sha256"], indicators=dict(values),
            data=data,
        )

    def load(self, name: str, period_end: str | dt.date, number: int | None = None) -> Assessment:
        """The assessment of a revision (the latest when ``number`` is None)."""
        info = self.revision(name, period_end, number)
        assessment, messages = validate_assessment(info.data)
        if assessment is None:  # a revision saved by an older version no longer validates
            errors = "; ".join(m.message_en for m in messages if m.severity == ERROR)
            errors_ja = "；".join(m.message_ja for m in messages if m.severity == ERROR)
            raise StoreError("store_invalid_revision",
                             f"Revision {info.number} of '{name}' no longer validates: {errors}",
                             f"「{name}」のリビジョン {info.number} は検証を通りません：{errors_ja}", info.number)
        return assessment

    def list_assessments(self) -> list[AssessmentInfo]:
        """Every saved assessment, by name and period end, with its number of revisions."""

        def q(conn):
            last = (sa.select(revisions_t.c.assessment_id, sa.func.max(revisions_t.c.number).label("latest"),
                              sa.func.count().label("n"))
                    .group_by(revisions_t.c.assessment_id).subquery())
            sel = (sa.select(assessments_t.c.name, assessments_t.c.period_start, assessments_t.c.period_end,
                             last.c.n, last.c.latest, revisions_t.c.saved_at, revisions_t.c.author)
                   .join(last, last.c.assessment_id == assessments_t.c.id)
                   .join(revisions_t, sa.and_(revisions_t.c.assessment_id == assessments_t.c.id,
                                              revisions_t.c.number == last.c.latest))
                   .order_by(assessments_t.c.name, assessments_t.c.period_end))
            return [AssessmentInfo(r.name, r.period_start, r.period_end, r.n, r.latest, _aware(r.saved_at), r.author)
                    for r in conn.execute(sel)]

        return self._read(q)

    def history(self, name: str, period_end: str | dt.date | None = None) -> list[RevisionInfo]:
        """Every revision of ``name`` (of one period when given), oldest period and revision first."""
        pe = None if period_end is None else parse_period_end(period_end)

        def q(conn):
            sel = _revision_select().where(assessments_t.c.name == name)
            if pe is not None:
                sel = sel.where(assessments_t.c.period_end == pe)
            rows = conn.execute(sel.order_by(assessments_t.c.period_end, revisions_t.c.number)).mappings().all()
            values = self._values(conn, [r["rid"] for r in rows])
            return [self._info(r, values.get(r["rid"], {}), False) for r in rows]

        out = self._read(q)
        if not out:
            if pe is None:
                raise StoreError("store_name_not_found", f"No saved assessment is named '{name}'.",
                                 f"「{name}」という名前の保存データはありません。", name)
            raise self._not_found(name, pe)
        return out

    def latest_revisions(self, name: str) -> list[RevisionInfo]:
        """The latest revision of every period of ``name``, oldest period first (with data)."""
        periods = {}
        for info in self.history(name):
            periods[info.period_end] = info
        return [self.revision(name, pe, info.number) for pe, info in sorted(periods.items())]

    def diff(self, name: str, period_end: str | dt.date, r1: int, r2: int):
        """What changed from revision ``r1`` to ``r2`` (:class:`gcpcalc.store.diff.AssessmentDiff`)."""
        from .diff import diff_assessments

        a = self.revision(name, period_end, r1)
        b = self.revision(name, period_end, r2)
        return diff_assessments(a.data, b.data)

    def restore(self, name: str, period_end: str | dt.date, number: int, *, author: str = "",
                comment: str = "") -> RevisionInfo:
        """Save the content of revision ``number`` again as the newest revision (nothing is deleted)."""
        assessment = self.load(name, period_end, number)
        old = self.revision(name, period_end, number, with_data=False)
        return self.save(assessment, author=author, input_sha256=old.input_sha256,
                         comment=comment or f"restored revision {number} / リビジョン {number} を復元")

    # ------------------------------------------------------------------ targets
    def set_target(self, target: Target) -> Target:
        """Add or replace the target of (name, indicator, year)."""
        now = _utcnow()
        values = {"baseline_year": target.baseline_year, "baseline_value": target.baseline_value,
                  "target_value": float(target.target_value), "note": target.note or "", "saved_at": now}
        where = (targets_t.c.name == target.name, targets_t.c.indicator_id == target.indicator_id,
                 targets_t.c.target_year == int(target.target_year))
        for _ in range(_SAVE_ATTEMPTS):
            try:
                with self.engine.connect() as conn:
                    conn = conn.execution_options(write=True)
                    with conn.begin():
                        done = conn.execute(sa.update(targets_t).where(*where).values(**values)).rowcount
                        if not done:
                            conn.execute(sa.insert(targets_t).values(
                                name=target.name, indicator_id=target.indicator_id,
                                target_year=int(target.target_year), **values))
                return target
            except IntegrityError:
                time.sleep(random.uniform(0.001, 0.02))
            except SQLAlchemyError as exc:
                raise _failed(exc, "Saving the target", "目標の保存") from exc
        raise StoreError("store_failed", "Saving the target failed: the database stayed busy.",
                         "目標の保存に失敗しました：データベースが使用中のままです。")

    def delete_target(self, name: str, indicator_id: str, target_year: int) -> bool:
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(write=True)
                with conn.begin():
                    n = conn.execute(sa.delete(targets_t).where(
                        targets_t.c.name == name, targets_t.c.indicator_id == indicator_id,
                        targets_t.c.target_year == int(target_year))).rowcount
            return bool(n)
        except SQLAlchemyError as exc:
            raise _failed(exc, "Deleting the target", "目標の削除") from exc

    # ------------------------------------------------------------------ named documents
    def save_document(self, kind: str, name: str, data: dict, author: str = "") -> None:
        """Save (or replace) the named document of ``kind`` (a scenario, an import mapping)."""
        if kind not in DOCUMENT_KINDS:
            raise StoreError("document_kind", f"Unknown document kind '{kind}'.", f"文書の種類「{kind}」は使用できません。",
                             kind)
        if not str(name).strip():
            raise StoreError("document_name", "A name is required.", "名前を入力してください。")
        values = {"data_json": canonical_json(data), "author": author or "", "saved_at": _utcnow()}
        where = (documents_t.c.kind == kind, documents_t.c.name == name)
        for _ in range(_SAVE_ATTEMPTS):
            try:
                with self.engine.connect() as conn:
                    conn = conn.execution_options(write=True)
                    with conn.begin():
                        done = conn.execute(sa.update(documents_t).where(*where).values(**values)).rowcount
                        if not done:
                            conn.execute(sa.insert(documents_t).values(kind=kind, name=name, **values))
                return
            except IntegrityError:
                time.sleep(random.uniform(0.001, 0.02))
            except SQLAlchemyError as exc:
                raise _failed(exc, "Saving the document", "文書の保存") from exc
        raise StoreError("store_failed", "Saving the document failed: the database stayed busy.",
                         "文書の保存に失敗しました：データベースが使用中のままです。")

    def load_document(self, kind: str, name: str) -> dict:
        """The named document of ``kind``; StoreError ``document_not_found`` when there is none."""
        def q(conn):
            return conn.execute(sa.select(documents_t.c.data_json).where(
                documents_t.c.kind == kind, documents_t.c.name == name)).scalar()

        text = self._read(q)
        if text is None:
            raise StoreError("document_not_found", f"No saved {kind} named '{name}'.",
                             f"「{name}」という名前の保存済み{ {'scenario': 'シナリオ', 'mapping': '取込設定'}.get(kind, kind)}"
                             "はありません。", name)
        try:
            return json.loads(text)
        except ValueError as exc:
            raise StoreError("document_damaged", f"The saved {kind} '{name}' is damaged and cannot be read.",
                             f"保存済みの「{name}」が破損しているため読み込めません。", name) from exc

    def list_documents(self, kind: str) -> list[tuple[str, dt.datetime, str]]:
        """(name, saved at, author) of every saved document of ``kind``, by name."""
        def q(conn):
            rows = conn.execute(sa.select(documents_t.c.name, documents_t.c.saved_at, documents_t.c.author)
                                .where(documents_t.c.kind == kind).order_by(documents_t.c.name))
            return [(r[0], _aware(r[1]), r[2]) for r in rows]

        return self._read(q)

    def delete_document(self, kind: str, name: str) -> bool:
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(write=True)
                with conn.begin():
                    n = conn.execute(sa.delete(documents_t).where(documents_t.c.kind == kind,
                                                                  documents_t.c.name == name)).rowcount
            return bool(n)
        except SQLAlchemyError as exc:
            raise _failed(exc, "Deleting the document", "文書の削除") from exc

    def targets(self, name: str) -> list[Target]:
        def q(conn):
            rows = conn.execute(sa.select(targets_t).where(targets_t.c.name == name)
                                .order_by(targets_t.c.indicator_id, targets_t.c.target_year)).mappings()
            return [Target(r["name"], r["indicator_id"], r["target_year"], r["target_value"], r["baseline_year"],
                           r["baseline_value"], r["note"]) for r in rows]

        return self._read(q)
