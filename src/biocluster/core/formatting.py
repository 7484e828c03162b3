"""How amounts, numbers, dates and times read in the reader's language, in one place for pages,
PDFs and e-mails.

The rules are the CLDR's, through Babel: "480 000,00 €" and "12 juin 2026" in French,
"€480,000.00" and "12 Jun 2026" in English. Django's own month abbreviations are not used
(its French "Jui" is June or July, and it capitalises "Déc"); nor are its 12-hour times
("noon:00"): the cluster reads a 24-hour clock in both languages.
"""

from datetime import date, datetime, time
from decimal import Decimal

from babel import Locale, dates, numbers
from django.utils import timezone, translation

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
NOTHING = "—"


def locale_of(language: str | None = None) -> str:
    code = (language or translation.get_language() or "en").split("-")[0].lower()
    return LOCALES.get(code, "en_GB")


def money(amount, currency: str = "EUR", *, cents: bool | None = None, language: str | None = None) -> str:
    """An amount with its currency; whole amounts drop their cents unless `cents` asks for them
    (statements and invoices do)."""
    if amount is None or amount == "":
        return NOTHING
    amount = Decimal(str(amount))
    if cents is None:
        cents = amount != amount.to_integral_value()
    locale = Locale.parse(locale_of(language))
    pattern = None if cents else locale.currency_formats["standard"].pattern.replace(".00", "")
    return numbers.format_currency(amount, currency, format=pattern, locale=locale, currency_digits=cents)


def number(value, *, decimals: int | None = None, language: str | None = None) -> str:
    if value is None or value == "":
        return NOTHING
    if decimals is None:
        return numbers.format_decimal(value, locale=locale_of(language))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return numbers.format_decimal(
        value, format=pattern, locale=locale_of(language), decimal_quantization=True
    )


def percent(ratio, *, decimals: int = 0, language: str | None = None) -> str:
    """A ratio (0.11) as a percentage ("11 %" in French, "11%" in English)."""
    if ratio is None or ratio == "":
        return NOTHING
    locale = Locale.parse(locale_of(language))
    pattern = locale.percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals)
    return numbers.format_percent(ratio, format=pattern, locale=locale, decimal_quantization=True)


def country(code: str | None, *, language: str | None = None) -> str:
    """A country's name in the reader's language, from its ISO code ("US": "États-Unis")."""
    if not code:
        return ""
    return Locale.parse(locale_of(language)).territories.get(code.upper(), code)


def _local(value, convert: bool = True):
    if convert and isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def day(
    value: date | datetime | None,
    *,
    weekday: bool = False,
    year: bool = True,
    language: str | None = None,
    convert: bool = True,
) -> str:
    """A day with its year by default: agendas and requests span more than one year."""
    if value is None:
        return NOTHING
    skeleton = ("y" if year else "") + "MMM" + ("E" if weekday else "") + "d"
    return dates.format_skeleton(skeleton, _local(value, convert), locale=locale_of(language), fuzzy=True)


def month(value: date | datetime | None, *, language: str | None = None, convert: bool = True) -> str:
    if value is None:
        return NOTHING
    return dates.format_skeleton("yMMM", _local(value, convert), locale=locale_of(language), fuzzy=True)


def clock(value: time | datetime | None, *, language: str | None = None, convert: bool = True) -> str:
    if value is None:
        return NOTHING
    return dates.format_skeleton("Hm", _local(value, convert), locale=locale_of(language), fuzzy=True)


def moment(
    value: datetime | None, *, weekday: bool = False, language: str | None = None, convert: bool = True
) -> str:
    """A day and a time, by default in the cluster's time zone: "ven. 12 juin 2026, 12:00".
    `convert=False` keeps the value's own zone (an event's agenda in its venue's time)."""
    if value is None:
        return NOTHING
    locale = locale_of(language)
    joined = dates.get_datetime_format("medium", locale=locale)
    return joined.replace("{1}", day(value, weekday=weekday, language=language, convert=convert)).replace(
        "{0}", clock(value, language=language, convert=convert)
    )
