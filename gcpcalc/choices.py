"""Lists offered as drop-downs for free-text codes: currencies (ISO 4217), countries (ISO 3166-1) and the ids
of the green-procurement rules, each shown with its name ("JPY｜円", "JP｜日本",
"ecomark.ballpoint_pen｜ボールペン（…）").

A value picked from such a list keeps only its code: :func:`code_of` cuts the name off at :data:`SEPARATOR`
(the importer and every other input path do this through :func:`gcpcalc.models.coerce_value`). Names come
from pycountry's ISO data and its Japanese translations, with the usual Japanese business names where the
translation differs (台湾, 韓国, 英ポンド).
"""
from __future__ import annotations

from functools import lru_cache

#: between a code and its name in a drop-down entry
SEPARATOR = "｜"

#: currencies Japanese companies report in, most common first (ISO 4217)
COMMON_CURRENCIES = ("JPY", "USD", "EUR", "CNY", "GBP", "KRW", "TWD", "HKD", "SGD", "THB", "VND", "IDR", "MYR", "PHP",
                     "INR", "AUD", "NZD", "CAD", "CHF", "SEK", "DKK", "NOK", "MXN", "BRL", "ZAR", "AED", "SAR")
#: countries listed first (the rest follow in code order)
FIRST_COUNTRIES = ("JP", "CN", "US", "KR", "TW", "TH", "VN", "ID", "MY", "PH", "SG", "IN", "DE", "GB", "FR", "NL")

_JA_NAMES = {"TW": "台湾", "KR": "韓国", "KP": "北朝鮮", "RU": "ロシア", "GB": "英国", "US": "米国"}
_JA_CURRENCIES = {"GBP": "英ポンド", "KRW": "韓国ウォン", "JPY": "日本円", "CNY": "人民元", "TWD": "台湾ドル"}


@lru_cache(maxsize=4)
def _translator(domain: str, lang: str):
    import gettext

    import pycountry

    if lang != "ja":
        return lambda s: s
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["ja"], fallback=True).gettext


def country_name(code: str, lang: str = "en") -> str:
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    if lang == "ja":
        return _JA_NAMES.get(code) or _translator("iso3166-1", "ja")(c.name)
    return getattr(c, "common_name", None) or c.name


def currency_name(code: str, lang: str = "en") -> str:
    import pycountry

    c = pycountry.currencies.get(alpha_3=code)
    if c is None:
        return code
    if lang == "ja":
        return _JA_CURRENCIES.get(code) or _translator("iso4217", "ja")(c.name)
    return c.name


@lru_cache(maxsize=4)
def currency_choices(lang: str = "en") -> tuple[str, ...]:
    return tuple(f"{c}{SEPARATOR}{currency_name(c, lang)}" for c in COMMON_CURRENCIES)


@lru_cache(maxsize=4)
def country_choices(lang: str = "en") -> tuple[str, ...]:
    import pycountry

    rest = sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in FIRST_COUNTRIES)
    return tuple(f"{c}{SEPARATOR}{country_name(c, lang)}" for c in (*FIRST_COUNTRIES, *rest))


def rule_choices(lang: str = "en") -> tuple[str, ...]:
    """Every rule of the default green-procurement rules file: "rule_id｜name"."""
    from .procurement.rules import load_default_rules

    ruleset, _ = load_default_rules()
    if ruleset is None:
        return ()
    return tuple(f"{r.rule_id}{SEPARATOR}{r.name(lang)}" for r in ruleset.rules.values())


def choices(list_id: str, lang: str = "en") -> tuple[str, ...]:
    """The drop-down entries of list ``list_id`` ("currencies", "countries", "procurement_rules")."""
    return {"currencies": currency_choices, "countries": country_choices,
            "procurement_rules": rule_choices}[list_id](lang)


def code_of(value):
    """The code of a drop-down entry ("JPY｜円" -> "JPY"); other values unchanged."""
    if isinstance(value, str) and SEPARATOR in value:
        return value.split(SEPARATOR, 1)[0].strip()
    return value
