"""Critical raw materials as versioned data: the vocabulary of the ``critical_raw_material`` column.

The list lives in ``templates/critical_materials.toml``: the EU critical raw materials of Regulation (EU)
2024/1252 Annex II (the strategic ones of Annex I marked) and Japan's 重要鉱物 (特定重要物資 under the Economic
Security Promotion Act). Each entry has an id, en/ja names, a chemical symbol where there is one, aliases, the
lists it is on and the list's source and status. A user file with the same layout can replace the list
(:func:`load_critical_materials`); a malformed file is never an exception for the user: every problem is a
:class:`~gcpcalc.messages.Message` naming the file, the entry and the field, in English and Japanese.

:func:`resolve` turns what a user typed into an entry: by id, en or ja name, symbol or alias, ignoring case,
character width (NFKC), spaces and punctuation. Blank-like words (``none``, ``なし``, ``該当なし``, ``-``,
``N/A`` …) mean *no critical material*; any other unknown text is an error with the closest listed name.

References
----------
Specification ``data_dictionary.md`` (rev. 2): inflows and outflows, ``critical_raw_material``.
Regulation (EU) 2024/1252, Annex I Section 1 and Annex II Section 1 [secondary transcription].
"""
from __future__ import annotations

import difflib
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import shipped
from .i18n import message_texts
from .messages import ERROR, Message, config_error_detail

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The list shipped with the calculator.
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "templates" / "critical_materials.toml"

#: Words that mean "no critical material" (compared after :func:`key`).
BLANK_WORDS: tuple[str, ...] = (
    "", "none", "no", "nil", "null", "n/a", "na", "n.a.", "-", "--", "–", "—", "ー", "－", "/", "0",
    "なし", "無し", "該当なし", "該当無し", "非該当", "特になし", "ない", "無", "対象外",
)
_PUNCT = str.maketrans("", "", " \t\u3000-–—_・･()（）/／.,，、[]「」'\"")


def key(text: str) -> str:
    """The comparison key of a spelling: NFKC, case-folded, without spaces and punctuation."""
    return unicodedata.normalize("NFKC", str(text)).casefold().strip().translate(_PUNCT)


_BLANK_KEYS = frozenset(unicodedata.normalize("NFKC", w).casefold().strip() for w in BLANK_WORDS) | {""}


def is_blank_like(text: object) -> bool:
    """True for None and for the words that mean *no critical material*."""
    if text is None:
        return True
    raw = unicodedata.normalize("NFKC", str(text)).casefold().strip()
    return raw in _BLANK_KEYS or key(raw) == ""


@lru_cache(maxsize=1)
def _models():
    """(list model, entry model): the pydantic models that validate a critical-materials file, built when a file
    is first validated (the shipped file, validated when it was recorded, is read without them:
    :mod:`gcpcalc.shipped`)."""
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class ListInfo(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        name_en: str = Field(min_length=1)
        name_ja: str = Field(min_length=1)
        source: str = Field(min_length=1)
        status: str

        @field_validator("status")
        @classmethod
        def _status(cls, v: str) -> str:
            if v not in ("confirmed", "secondary", "unconfirmed"):
                raise ValueError("status must be confirmed, secondary or unconfirmed")
            return v

    class Entry(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
        name_en: str = Field(min_length=1)
        name_ja: str = Field(min_length=1)
        symbol: str = ""
        aliases: tuple[str, ...] = ()
        lists: tuple[str, ...] = Field(min_length=1)
        strategic: bool = False

    return ListInfo, Entry


#: the fields of a [lists.<id>] table, in the order of the list model
_LIST_FIELDS = ("name_en", "name_ja", "source", "status")


@dataclass(frozen=True)
class CriticalMaterial:
    """One listed critical material."""

    id: str
    name_en: str
    name_ja: str
    symbol: str
    aliases: tuple[str, ...]
    lists: tuple[str, ...]
    strategic: bool

    def name(self, lang: str = "en") -> str:
        return self.name_ja if lang == "ja" else self.name_en


@dataclass(frozen=True, eq=False)
class CriticalList:
    """The versioned list: entries by id, list descriptions, and the spelling index."""

    version: str
    materials: dict[str, CriticalMaterial]
    lists: dict[str, dict]
    source_name: str = "critical_materials.toml"

    @property
    def index(self) -> dict[str, str]:
        return _index(self)

    def get(self, material_id: str) -> CriticalMaterial | None:
        return self.materials.get(material_id)

    def names(self, lang: str = "en") -> list[str]:
        """Display names in list order (for drop-downs)."""
        return [m.name(lang) for m in self.materials.values()]

    def label(self, material_id: str, lang: str = "en") -> str:
        m = self.materials.get(material_id)
        return m.name(lang) if m is not None else material_id


@lru_cache(maxsize=8)
def _index_cached(materials: tuple[CriticalMaterial, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in materials:
        for spelling in (m.id, m.name_en, m.name_ja, m.symbol, *m.aliases):
            k = key(spelling)
            if k and k not in out:
                out[k] = m.id
    return out


def _index(cl: CriticalList) -> dict[str, str]:
    return _index_cached(tuple(cl.materials.values()))


@dataclass(frozen=True)
class Resolution:
    """What a typed value means: ``none`` (blank-like), ``listed`` (``material_id`` set) or ``unknown``
    (``suggestion`` holds the closest listed entry id, if any)."""

    status: str
    material_id: str | None = None
    suggestion: str | None = None


def resolve(text: object, critical_list: CriticalList | None = None) -> Resolution:
    """Resolve a typed ``critical_raw_material`` value against the list (the shipped one by default)."""
    cl = critical_list or default_list()
    return _resolve_cached(None if text is None else str(text), cl)


@lru_cache(maxsize=4096)
def _resolve_cached(text: str | None, cl: CriticalList) -> Resolution:
    if is_blank_like(text):
        return Resolution("none")
    index = cl.index
    k = key(text)
    if k in index:
        return Resolution("listed", index[k])
    close = difflib.get_close_matches(k, list(index), n=1, cutoff=0.6)
    return Resolution("unknown", suggestion=index[close[0]] if close else None)


def _entry_label(i: int, raw: object) -> str:
    mid = raw.get("id") if isinstance(raw, dict) else None
    return f"material #{i + 1}" + (f" ({mid})" if mid else "")


def parse_critical_materials(data: bytes, name: str = "critical_materials.toml",
                             full: bool = False) -> tuple[CriticalList | None, list[Message]]:
    """Parse and validate a critical-materials file; (list or None, every problem as a message).

    The shipped file as recorded in :mod:`gcpcalc.shipped` is read without validating it again, unless ``full``."""
    msgs: list[Message] = []
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        en, ja = message_texts("crm_file_syntax", file=name, detail=str(exc))
        return None, [Message("crm_file_syntax", ERROR, en, ja, value=name)]
    if not full and shipped.recorded("critical_materials", data):  # as validated: no pydantic needed
        lists = {lid: {f: info[f] for f in _LIST_FIELDS} for lid, info in doc["lists"].items()}
        materials = {e["id"]: CriticalMaterial(e["id"], e["name_en"], e["name_ja"], e.get("symbol", ""),
                                               tuple(e.get("aliases", ())), tuple(e["lists"]),
                                               e.get("strategic", False))
                     for e in doc["material"]}
        return CriticalList(str(doc.get("version", "")), materials, lists, name), []
    from pydantic import ValidationError

    list_model, entry_model = _models()
    lists_raw = doc.get("lists")
    lists: dict[str, dict] = {}
    if not isinstance(lists_raw, dict) or not lists_raw:
        en, ja = message_texts("crm_file_invalid", file=name, entry="[lists]", field="lists",
                               detail="at least one [lists.<id>] table is required",
                               detail_ja="[lists.<id>] が1つ以上必要です", value="")
        msgs.append(Message("crm_file_invalid", ERROR, en, ja, field="lists"))
    else:
        for lid, info in lists_raw.items():
            try:
                lists[lid] = list_model.model_validate(info).model_dump()
            except ValidationError as exc:
                msgs.extend(_validation_messages(name, f"[lists.{lid}]", info, exc))
    materials: dict[str, CriticalMaterial] = {}
    raw_entries = doc.get("material")
    if not isinstance(raw_entries, list) or not raw_entries:
        en, ja = message_texts("crm_file_invalid", file=name, entry="[[material]]", field="material",
                               detail="the file lists no [[material]] entry",
                               detail_ja="[[material]] の項目がありません", value="")
        msgs.append(Message("crm_file_invalid", ERROR, en, ja, field="material"))
        raw_entries = []
    for i, raw in enumerate(raw_entries):
        label = _entry_label(i, raw)
        try:
            e = entry_model.model_validate(raw)
        except ValidationError as exc:
            msgs.extend(_validation_messages(name, label, raw, exc))
            continue
        if e.id in materials:
            en, ja = message_texts("crm_file_invalid", file=name, entry=label, field="id",
                                   detail="the id is used twice", detail_ja="ID が重複しています", value=e.id)
            msgs.append(Message("crm_file_invalid", ERROR, en, ja, field="id", value=e.id))
            continue
        unknown = [lid for lid in e.lists if lid not in lists]
        if lists and unknown:
            en, ja = message_texts("crm_file_invalid", file=name, entry=label, field="lists",
                                   detail="names a list that has no [lists.<id>] table",
                                   detail_ja="[lists.<id>] に定義されていないリストを指定しています",
                                   value=", ".join(unknown))
            msgs.append(Message("crm_file_invalid", ERROR, en, ja, field="lists", value=", ".join(unknown)))
            continue
        materials[e.id] = CriticalMaterial(e.id, e.name_en, e.name_ja, e.symbol, tuple(e.aliases), tuple(e.lists),
                                           e.strategic)
    if msgs:
        return None, msgs
    return CriticalList(str(doc.get("version", "")), materials, lists, name), []


def _validation_messages(name: str, entry: str, raw: object, exc) -> list[Message]:
    out = []
    for err in exc.errors(include_url=False):
        fld = ".".join(str(p) for p in err["loc"]) or "(entry)"
        value = raw.get(err["loc"][0], "") if isinstance(raw, dict) and err["loc"] else ""
        detail_ja = _JA_DETAIL.get(err["type"]) or config_error_detail(err)[1]
        en, ja = message_texts("crm_file_invalid", file=name, entry=entry, field=fld, detail=err["msg"],
                               detail_ja=detail_ja, value=value)
        out.append(Message("crm_file_invalid", ERROR, en, ja, field=fld, value=str(value)))
    return out


#: the one check of this file with a wording of its own (the rest as in every configuration file)
_JA_DETAIL = {
    "value_error": "status は confirmed・secondary・unconfirmed のいずれかです",
}


def load_critical_materials(path: str | Path | None = None) -> tuple[CriticalList | None, list[Message]]:
    """Load a critical-materials file (the shipped one when ``path`` is None)."""
    p = Path(path) if path is not None else DEFAULT_PATH
    try:
        data = p.read_bytes()
    except OSError as exc:
        en, ja = message_texts("crm_file_syntax", file=p.name, detail=exc.strerror or str(exc))
        return None, [Message("crm_file_syntax", ERROR, en, ja, value=p.name)]
    return parse_critical_materials(data, p.name)


@lru_cache(maxsize=1)
def default_list() -> CriticalList:
    """The shipped list (it is tested to load without messages)."""
    cl, msgs = load_critical_materials()
    if cl is None:  # pragma: no cover - guarded by the test suite
        raise RuntimeError("; ".join(m.message_en for m in msgs))
    return cl


def material_label(material_id: str, lang: str = "en") -> str:
    """The name of a listed material in ``lang`` (the id itself when it is not listed)."""
    return default_list().label(material_id, lang)
