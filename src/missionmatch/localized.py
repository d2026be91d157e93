"""Content that organisers write in several languages (mission names, programme titles, session and venue
names), kept as a map language -> text, the way pretix keeps its translatable fields. A `LocalizedText` is a
`str` (its value: the text in the mission's default language, else English, else any) that also knows every
language: `localize(language)` walks viewer's language -> mission's default -> English -> any. Pages render
it in the viewer's language (`__html__`, `str()` inside `viewing_in`) and the Translator does so in mails."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from markupsafe import Markup, escape

FALLBACK_LANGUAGE = "en"
# the language pages and exports are being written in; None: the text's own default
_viewer_language: ContextVar[str | None] = ContextVar("viewer_language", default=None)


def resolve(texts: Mapping[str, str], language: str | None, default_language: str | None) -> str:
    """The first non-blank text along language -> default language -> English -> any (in the map's order)."""
    for code in (language, default_language, FALLBACK_LANGUAGE):
        if code and texts.get(code, "").strip():
            return texts[code]
    return next((text for text in texts.values() if text.strip()), "")


def clean_texts(value: object, default_language: str | None, field: str = "text") -> dict[str, str]:
    """A map language -> text from what a form, a file or the API gives: a plain string is the text in the
    default language; a map keeps its non-blank entries. Anything else is refused, naming the field."""
    if value is None:
        return {}
    if isinstance(value, LocalizedText):
        return dict(value.texts)
    if isinstance(value, str):
        return {default_language or FALLBACK_LANGUAGE: value} if value.strip() else {}
    if isinstance(value, Mapping):
        texts: dict[str, str] = {}
        for code, text in value.items():
            if not isinstance(code, str) or not 2 <= len(code) <= 8 or not isinstance(text, str):
                raise ValueError(
                    f"{field}: expected a language code mapped to a text, got {code!r}: {text!r}"
                )
            if text.strip():
                texts[code] = text
        return texts
    raise ValueError(f"{field}: expected a text or a map language -> text, got {type(value).__name__}")


class LocalizedText(str):
    """A text in several languages; as a plain `str` it is the text in `default_language` (then English, then
    any), so sorting, comparing and older callers keep working."""

    texts: Mapping[str, str]
    default_language: str | None

    def __new__(cls, texts: Mapping[str, str] | str, default_language: str | None = None) -> "LocalizedText":
        mapping = clean_texts(texts, default_language)
        obj = super().__new__(cls, resolve(mapping, None, default_language))
        obj.texts = mapping
        obj.default_language = default_language
        return obj

    def localize(self, language: str | None) -> str:
        return resolve(self.texts, language, self.default_language)

    def __str__(self) -> str:
        return self.localize(_viewer_language.get())

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __html__(self) -> Markup:
        return escape(str(self))

    def __reduce__(self) -> tuple[type["LocalizedText"], tuple[dict[str, str], str | None]]:
        return (LocalizedText, (dict(self.texts), self.default_language))


def localize(value: object, language: str | None) -> object:
    """`value` in `language` when it is a LocalizedText; anything else as it is."""
    return value.localize(language) if isinstance(value, LocalizedText) else value


def current_language() -> str | None:
    return _viewer_language.get()


@contextmanager
def viewing_in(language: str | None) -> Iterator[None]:
    """Everything rendered inside shows LocalizedText in `language` (a page, a PDF, a mail)."""
    token = _viewer_language.set(language)
    try:
        yield
    finally:
        _viewer_language.reset(token)


def content_languages(default_language: str | None, languages: list[str]) -> list[str]:
    """The languages a mission's content is written in on forms: its default first, then its other
    languages, then those of the interface (en, fr, ja)."""
    ordered = [default_language or FALLBACK_LANGUAGE, *languages, "en", "fr", "ja"]
    return list(dict.fromkeys(ordered))


def join_texts(separator: str, parts: list[str]) -> str:
    """`separator.join(parts)` where some parts are in several languages: a LocalizedText joined language by
    language ("Salle 3, Osaka" / "3号室, Osaka"); plain strings when none is."""
    present = [part for part in parts if part]
    localized = [part for part in present if isinstance(part, LocalizedText)]
    if not localized:
        return separator.join(present)
    codes = dict.fromkeys(code for part in localized for code in part.texts)
    texts = {code: separator.join(filter(None, (str(localize(p, code)) for p in present))) for code in codes}
    return LocalizedText(texts, localized[0].default_language)


def text_in(value: object, language: str | None, default_language: str | None) -> str:
    """A document's value (a plain string or a map language -> text) in `language`, with the fallbacks."""
    return resolve(clean_texts(value, default_language), language, default_language)
