"""A translatable attribute over two columns: `<field>_i18n`, the map language -> text (the content), and the
older single-language column `<field>`, kept equal to the text in the mission's default language so that
lookups, sorting and uniqueness in SQL keep working
(the class attribute is that column). Reading gives a LocalizedText; writing takes a plain
string (the default language's text), a map, or a LocalizedText."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.ext.hybrid import hybrid_property

from missionmatch.localized import LocalizedText, clean_texts, resolve


def localized_attribute(field: str, default_language: Callable[[Any], str | None]) -> Any:
    texts_attr = f"{field}_i18n"

    def read(obj: Any) -> LocalizedText:
        language = default_language(obj)
        texts = getattr(obj, texts_attr) or {}
        plain = getattr(obj, f"{field}_plain")
        if language is None:  # the mission is not at hand: the language whose text the plain column holds
            language = next((code for code, text in texts.items() if text == plain), None)
        if not texts and plain:
            texts = {language or "en": plain}
        return LocalizedText(texts, language)

    def write(obj: Any, value: object) -> None:
        language = default_language(obj)
        texts = clean_texts(value, language, field)
        if isinstance(value, str) and not isinstance(value, LocalizedText):
            # a plain string replaces the default language's text only: the translations stay
            kept = {code: text for code, text in (getattr(obj, texts_attr) or {}).items()}
            kept.pop(language or "en", None)
            texts = {**kept, **texts}
        setattr(obj, texts_attr, texts)
        setattr(obj, f"{field}_plain", resolve(texts, None, language))

    def expression(cls: Any) -> Any:
        # in SQL (lookups, ordering) the attribute is the default language's column
        return getattr(cls, f"{field}_plain")

    return hybrid_property(read, write, expr=expression)


def mission_language(obj: Any) -> str | None:
    """The default language of the mission a programme item or a session belongs to; None when not known yet
    or not at hand (an object read in a session since closed, whose mission was not loaded)."""
    state = inspect(obj)
    if state.session is None and "mission" in state.unloaded:
        return None
    mission = obj.mission
    return mission.default_language if mission is not None else None
