"""Emission factors per material as versioned data: loading, validation and merging of factor files.

The factors shipped with the calculator live in ``templates/emission_factors.toml`` (UK Government GHG
Conversion Factors for Company Reporting, "Material use", Open Government Licence v3.0). Each entry gives,
for one inflow material, the emissions of supplying one tonne from primary (virgin) production, from a
closed-loop (recycled) source and as re-used supply. A user file with the same layout adds entries for new
materials and replaces the entries of the materials it repeats (``gcpcalc compute --factors FILE``, the
upload in the app).

A malformed file is never an exception for the user: every problem is a
:class:`~gcpcalc.messages.Message` naming the file, the entry (index and ``id``) and the field, in
English and Japanese, and all problems of a file are reported at once.

References
----------
UK Government GHG Conversion Factors for Company Reporting, DESNZ/Defra, sheet "Material use"
(Open Government Licence v3.0). The status of the shipped values is stated in the file itself.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Optional

from . import shipped
from .messages import ERROR, INFO, Message, config_error_detail

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The factors shipped with the calculator.
DEFAULT_FACTORS_PATH = Path(__file__).resolve().parents[1] / "templates" / "emission_factors.toml"

#: unit of a factor file -> multiplier to t CO2e per t
UNITS: dict[str, float] = {"t CO2e/t": 1.0, "kg CO2e/t": 0.001}
#: evidence status of an entry -> (en, ja)
STATUSES: dict[str, tuple[str, str]] = {
    "confirmed": ("confirmed", "確認済み"),
    "secondary": ("secondary source", "二次情報"),
    "unconfirmed": ("unconfirmed", "未確認"),
}
#: the kinds of supply an inflow line is split into -> (en, ja)
SUPPLY_KINDS: dict[str, tuple[str, str]] = {
    "virgin": ("virgin (primary production)", "バージン材（一次生産）"),
    "recycled": ("recycled (closed-loop source)", "再生材（クローズドループ）"),
    "reused": ("reused", "リユース"),
}

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

_TEXTS: dict[str, tuple[str, str]] = {
    "factors_syntax": ("Emission factor file {file}: cannot be read as TOML: {detail}",
                       "排出係数ファイル {file}：TOML として読めません：{detail_ja}"),
    "factors_invalid": ("Emission factor file {file}, {entry}, field '{field}': {detail} (value: '{value}').",
                        "排出係数ファイル {file}、{entry_ja}、項目「{field}」：{detail_ja}（値：「{value}」）。"),
    "factors_missing": ("Emission factor file {file}, {entry}, field '{field}': {detail}.",
                        "排出係数ファイル {file}、{entry_ja}、項目「{field}」：{detail_ja}。"),
    "factors_duplicate": ("Emission factor file {file}, {entry}, field '{field}': '{value}' is already used by "
                          "factor[{other}]; one entry per {field}.",
                          "排出係数ファイル {file}、{entry_ja}、項目「{field}」：「{value}」は factor[{other}] で"
                          "既に使われています。{field} ごとに1件にしてください。"),
    "factors_empty": ("Emission factor file {file}: no [[factor]] entry.",
                      "排出係数ファイル {file}：[[factor]] の項目がありません。"),
    "factors_overridden": ("Emission factors: {file} replaces the shipped factor of material '{value}' "
                           "({old} -> {new}).",
                           "排出係数：{file} が素材「{value}」の既定の係数を置き換えました（{old} → {new}）。"),
}


def _texts(code: str, **kw) -> tuple[str, str]:
    en, ja = _TEXTS[code]

    class _D(dict):
        def __missing__(self, key):
            return ""

    kw.setdefault("detail_ja", kw.get("detail", ""))
    if "entry" in kw:  # factor[3] (steel_eaf) -> factor[3]（steel_eaf） in Japanese text
        kw["entry_ja"] = re.sub(r" \((.*)\)$", r"（\1）", str(kw["entry"]))
    return en.format_map(_D(kw)), ja.format_map(_D(kw))


def material_key(material: Any) -> str:
    """The matching key of a material name: stripped, case-folded, inner spaces collapsed."""
    return " ".join(str(material or "").split()).casefold()


# --------------------------------------------------------------------------------------------------
# the entry model
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FactorEntry:
    """Emission factors of one material (in the file's unit; :meth:`factor` gives t CO2e per t), as validated by
    the entry model of :func:`_models`."""

    id: str
    material: str
    name_en: str
    name_ja: str
    virgin: float
    unit: str  # "t CO2e/t" or "kg CO2e/t"
    source: str
    year: int
    licence: str
    status: str  # confirmed | secondary | unconfirmed
    recycled: Optional[float] = None
    reused: Optional[float] = None
    reused_assumed: bool = False
    source_item: str = ""
    url: str = ""
    note_en: str = ""
    note_ja: str = ""

    @property
    def key(self) -> str:
        return material_key(self.material)

    def factor(self, kind: str) -> float | None:
        """The factor of supply ``kind`` (virgin / recycled / reused) in t CO2e per t, None when not given."""
        value = getattr(self, kind)
        return None if value is None else float(value) * UNITS[self.unit]

    def name(self, lang: str = "en") -> str:
        return self.name_ja if lang == "ja" else self.name_en

    def note(self, lang: str = "en") -> str:
        return (self.note_ja or self.note_en) if lang == "ja" else (self.note_en or self.note_ja)

    def status_label(self, lang: str = "en") -> str:
        en, ja = STATUSES.get(self.status, (self.status, self.status))
        return ja if lang == "ja" else en

    def as_plain(self) -> dict[str, Any]:
        """The entry as plain data with the factors in t CO2e per t (for results, JSON and reports)."""
        return {
            "id": self.id, "material": self.material, "name_en": self.name_en, "name_ja": self.name_ja,
            "virgin_tco2e_per_t": self.factor("virgin"), "recycled_tco2e_per_t": self.factor("recycled"),
            "reused_tco2e_per_t": self.factor("reused"), "reused_assumed": self.reused_assumed,
            "source": self.source, "source_item": self.source_item, "url": self.url, "year": self.year,
            "licence": self.licence, "status": self.status,
        }


@lru_cache(maxsize=1)
def _models():
    """(entry model, file model): the pydantic models that validate a factor file, built when a file is first
    validated (the shipped file, validated when it was recorded, is read without them: :mod:`gcpcalc.shipped`)."""
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class FactorEntryModel(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        id: str
        material: str
        name_en: str
        name_ja: str
        virgin: float = Field(ge=0)
        recycled: Optional[float] = Field(default=None, ge=0)
        reused: Optional[float] = Field(default=None, ge=0)
        reused_assumed: bool = False
        unit: Literal["t CO2e/t", "kg CO2e/t"]
        source: str
        source_item: str = ""
        url: str = ""
        year: int = Field(ge=1990, le=2100)
        licence: str
        status: Literal["confirmed", "secondary", "unconfirmed"]
        note_en: str = ""
        note_ja: str = ""

        @field_validator("id")
        @classmethod
        def _id(cls, v: str) -> str:
            if not _ID_RE.match(v):
                raise ValueError(f"'{v}' is not a valid id: use letters, digits, '.', '_' and '-'")
            return v

        @field_validator(*_STRIPPED)
        @classmethod
        def _not_blank(cls, v: str) -> str:
            if not v.strip():
                raise ValueError("must not be empty")
            return v.strip()

    class FactorFileModel(BaseModel):
        model_config = ConfigDict(extra="forbid")
        schema_version: int = 1
        factor: list[Any] = []  # each entry validated on its own, to name it in messages

    return FactorEntryModel, FactorFileModel


# --------------------------------------------------------------------------------------------------
# the factor set
# --------------------------------------------------------------------------------------------------
@dataclass
class FactorSet:
    """Factor entries by material key, plus where they came from."""

    entries: dict[str, FactorEntry] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    #: file each entry came from, by material key
    origin: dict[str, str] = field(default_factory=dict)
    #: information about entries a later file replaced
    notes: list[Message] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, material: object) -> bool:
        return material_key(material) in self.entries

    def get(self, material: Any) -> FactorEntry | None:
        return self.entries.get(material_key(material))

    def merged(self, other: "FactorSet") -> "FactorSet":
        """A new set: ``other``'s entries added to, or replacing (by material), this set's."""
        entries = dict(self.entries)
        origin = dict(self.origin)
        notes = list(self.notes)
        for key, entry in other.entries.items():
            old = entries.get(key)
            if old is not None:
                fname = other.origin.get(key, "")
                en, ja = _texts("factors_overridden", file=fname, value=entry.material, old=old.id, new=entry.id)
                notes.append(Message("factors_overridden", INFO, en, ja, table="emission_factors", field="material",
                                     value=entry.material, location=f"{fname}: {entry.id}"))
            entries[key] = entry
            origin[key] = other.origin.get(key, "")
        return FactorSet(entries, self.files + other.files, origin, notes)

    def as_plain(self) -> list[dict[str, Any]]:
        return [{**e.as_plain(), "file": self.origin.get(k, "")} for k, e in self.entries.items()]


def _msg(code: str, location: str, message_value: Any = None, message_field: str | None = None, **kw) -> Message:
    en, ja = _texts(code, **kw)
    return Message(code, ERROR, en, ja, table="emission_factors", field=message_field, value=message_value,
                   location=location)


def _entry_name(index: int, raw: Any) -> str:
    fid = raw.get("id") if isinstance(raw, dict) else None
    return f"factor[{index}]" + (f" ({fid})" if fid else "")  # the index counts [[factor]] entries from 1


def _translate(err: dict, name: str, entry: str) -> Message:
    loc_parts = [str(p) for p in err["loc"]]
    fld = ".".join(loc_parts) if loc_parts else "(entry)"
    model = _models()[0] if entry.startswith("factor[") else _models()[1]
    detail_en, detail_ja, value = config_error_detail(err, list(model.model_fields),
                                                      list_hint=("a list of [[factor]] tables", "[[factor]] の表のリスト"))
    if err["type"] == "value_error":  # the checks of the factor file itself
        msg = str((err.get("ctx") or {}).get("error", err["msg"]))
        detail_en = msg
        if msg.startswith("must not be empty"):
            detail_ja = "空にできません"
        elif "valid id" in msg:
            detail_ja = "ID として使えません。英数字と . _ - を使ってください"
    shown = "" if isinstance(value, (dict, list)) else value
    if shown is None:
        return _msg("factors_missing", f"{name}: {entry}.{fld}", None, fld, file=name, entry=entry, field=fld,
                    detail=detail_en, detail_ja=detail_ja)
    return _msg("factors_invalid", f"{name}: {entry}.{fld}", shown, fld, file=name, entry=entry, field=fld,
                value="" if shown is None else shown, detail=detail_en, detail_ja=detail_ja)


#: the text fields the entry model strips, and its fields of type float
_STRIPPED = ("material", "name_en", "name_ja", "source", "licence")
_NUMBERS = ("virgin", "recycled", "reused")

#: a factor file larger than this is refused unread (a list of a few hundred materials takes a few kB)
MAX_FILE_BYTES = 2_000_000


def parse_factors_bytes(data: bytes, name: str = "factors.toml", full: bool = False) -> tuple[FactorSet | None,
                                                                                             list[Message]]:
    """Parse and validate one factor file (TOML). Returns (factors or None when any error, messages).

    The shipped file as recorded in :mod:`gcpcalc.shipped` is read without validating it again, unless ``full``."""
    if len(data) > MAX_FILE_BYTES:
        return None, [_msg("factors_syntax", name, file=name,
                           detail=f"the file is {len(data):,} bytes; at most {MAX_FILE_BYTES:,} are accepted",
                           detail_ja=f"ファイルが {len(data):,} バイトあります。受け付けるのは {MAX_FILE_BYTES:,} "
                                     f"バイトまでです")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [_msg("factors_syntax", name, file=name, detail=f"not UTF-8 text ({exc.reason})",
                           detail_ja=f"UTF-8 のテキストではありません（{exc.reason}）")]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_msg("factors_syntax", name, file=name, detail=str(exc), detail_ja=str(exc))]
    except RecursionError:  # pathologically nested arrays or tables
        return None, [_msg("factors_syntax", name, file=name, detail="nested too deeply",
                           detail_ja="入れ子が深すぎます")]
    if not full and shipped.recorded("emission_factors", data):  # the shipped file as it was validated: no pydantic needed
        entries = {}
        for item in raw["factor"]:
            entry = FactorEntry(**{k: v.strip() if k in _STRIPPED else float(v) if k in _NUMBERS else v
                                   for k, v in item.items()})
            entries[entry.key] = entry
        return FactorSet(entries, [name], {k: name for k in entries}), []
    from pydantic import ValidationError

    entry_model, file_model = _models()
    try:
        top = file_model.model_validate(raw)
    except ValidationError as exc:
        return None, [_translate(e, name, "file") for e in exc.errors()]
    if not top.factor:
        return None, [_msg("factors_empty", name, file=name)]
    messages: list[Message] = []
    entries: dict[str, FactorEntry] = {}
    first_id: dict[str, int] = {}
    first_material: dict[str, int] = {}
    for i, item in enumerate(top.factor, 1):
        ename = _entry_name(i, item)
        if not isinstance(item, dict):
            messages.append(_msg("factors_invalid", f"{name}: {ename}", None, None, file=name, entry=ename,
                                 field="(entry)", detail="each entry must be a table [[factor]]",
                                 detail_ja="各項目は [[factor]] の表である必要があります"))
            continue
        try:
            entry = FactorEntry(**entry_model.model_validate(item).model_dump())
        except ValidationError as exc:
            messages.extend(_translate(e, name, ename) for e in exc.errors())
            continue
        if entry.id in first_id:
            messages.append(_msg("factors_duplicate", f"{name}: {ename}.id", entry.id, "id", file=name, entry=ename,
                                 field="id", value=entry.id, other=first_id[entry.id]))
            continue
        if entry.key in first_material:
            messages.append(_msg("factors_duplicate", f"{name}: {ename}.material", entry.material, "material",
                                 file=name, entry=ename, field="material", value=entry.material,
                                 other=first_material[entry.key]))
            continue
        first_id[entry.id] = i
        first_material[entry.key] = i
        entries[entry.key] = entry
    if messages:
        return None, messages
    return FactorSet(entries, [name], {k: name for k in entries}), []


@lru_cache(maxsize=2)
def _default_cached(path: str, mtime: float) -> tuple[FactorSet | None, tuple[Message, ...]]:
    p = Path(path)
    factors, messages = parse_factors_bytes(p.read_bytes(), p.name)
    return factors, tuple(messages)


def load_default_factors() -> tuple[FactorSet | None, list[Message]]:
    """The factors shipped in ``templates/emission_factors.toml``."""
    p = DEFAULT_FACTORS_PATH
    try:
        mtime = p.stat().st_mtime
    except OSError as exc:
        return None, [_msg("factors_syntax", p.name, file=p.name, detail=f"cannot be read ({exc.strerror})",
                           detail_ja=f"読み込めません（{exc.strerror}）")]
    factors, messages = _default_cached(str(p), mtime)
    return factors, list(messages)


def load_factors(user_data: bytes | None = None, user_name: str = "factors.toml", *,
                 include_default: bool = True) -> tuple[FactorSet | None, list[Message]]:
    """The default factors merged with an optional user factor file (given as bytes, e.g. an upload).

    Returns (factors, messages): factors is None when a file has errors; the messages then name every
    problem. A user entry that replaces a default one gives an information message."""
    base = FactorSet()
    if include_default:
        default, messages = load_default_factors()
        if default is None:
            return None, messages
        base = default
    if user_data is not None:
        user, messages = parse_factors_bytes(user_data, user_name)
        if user is None:
            return None, messages
        base = base.merged(user)
    return base, list(base.notes)


def load_factors_path(path: str | Path | None = None) -> tuple[FactorSet | None, list[Message]]:
    """The default factors merged with the user factor file at ``path`` (None: the defaults only)."""
    if path is None:
        return load_factors()
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        return None, [_msg("factors_syntax", str(p), file=str(p), detail=f"cannot be read ({exc.strerror})",
                           detail_ja=f"読み込めません（{exc.strerror}）")]
    return load_factors(data, p.name)


def default_factors() -> FactorSet:
    """The shipped factors (an empty set if the shipped file cannot be read, which the tests guard)."""
    factors, _ = load_default_factors()
    return factors if factors is not None else FactorSet()
