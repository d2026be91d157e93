"""LocalizedText: the fallback chain viewer's language -> mission's default -> English -> any, and how pages,
formatting and the Translator see it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from missionmatch.i18n import Translator
from missionmatch.localized import LocalizedText, clean_texts, resolve, viewing_in

TITLE = {"en": "Space forum", "fr": "Forum spatial", "ja": "宇宙フォーラム"}


def test_the_viewers_language_comes_first() -> None:
    assert LocalizedText(TITLE, "fr").localize("ja") == "宇宙フォーラム"


def test_a_missing_language_falls_back_to_the_missions_then_english_then_any() -> None:
    assert LocalizedText({"fr": "Forum", "en": "Forum EN"}, "fr").localize("ja") == "Forum"
    assert LocalizedText({"de": "Forum DE", "en": "Forum EN"}, "fr").localize("ja") == "Forum EN"
    assert LocalizedText({"de": "Forum DE"}, "fr").localize("ja") == "Forum DE"
    assert LocalizedText({"ja": "  ", "en": "Forum"}, None).localize("ja") == "Forum"
    assert LocalizedText({}, "fr").localize("ja") == ""


def test_as_a_plain_string_it_is_the_default_languages_text() -> None:
    text = LocalizedText(TITLE, "fr")
    assert text == "Forum spatial"
    assert sorted([LocalizedText({"en": "b"}), LocalizedText({"en": "a"})]) == ["a", "b"]


def test_pages_and_formatting_show_the_viewers_language() -> None:
    text = LocalizedText({**TITLE, "en": "Space <forum>"}, "fr")
    with viewing_in("ja"):
        shown = (str(text), f"{text}", "%s" % text)  # noqa: UP031 (the catalogs format this way)
        assert shown == ("宇宙フォーラム",) * 3
    with viewing_in("en"):
        assert escape(text) == "Space &lt;forum&gt;"
    assert str(text) == "Forum spatial"


def test_the_translator_writes_values_in_its_language() -> None:
    line = Translator("fr").gettext("%(title)s", title=LocalizedText(TITLE, "en"))
    assert line == "Forum spatial"


def test_a_plain_string_is_the_default_languages_text_and_a_bad_map_names_the_field() -> None:
    assert clean_texts("Forum", "fr") == {"fr": "Forum"}
    assert clean_texts({"en": "Forum", "fr": " "}, "fr") == {"en": "Forum"}
    with pytest.raises(ValueError, match="title: expected a language code mapped to a text"):
        clean_texts({"en": 3}, "fr", "title")
    with pytest.raises(ValueError, match="title: expected a text or a map"):
        clean_texts(["Forum"], "fr", "title")


@given(
    st.dictionaries(st.sampled_from(["en", "fr", "ja", "de"]), st.text(min_size=1)),
    st.sampled_from(["en", "fr", "ja"]),
)
def test_resolution_is_a_present_text_and_the_viewers_when_present(
    texts: dict[str, str], viewer: str
) -> None:
    shown = resolve(texts, viewer, "de")
    present = [t for t in texts.values() if t.strip()]
    assert shown in present if present else shown == ""
    if texts.get(viewer, "").strip():
        assert shown == texts[viewer]
