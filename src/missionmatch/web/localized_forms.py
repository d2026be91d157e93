"""Form values of content written in several languages: `name` holds the mission's default language,
`name_<code>` each other language of `content_languages` (the templates' `_localized_inputs.html`)."""

from collections.abc import Mapping

from missionmatch.localized import LocalizedText, content_languages
from missionmatch.models import Mission


def form_languages(mission: Mission) -> list[str]:
    return content_languages(mission.default_language, mission.languages)


def localized_values(name: str, text: LocalizedText, mission: Mission) -> dict[str, str]:
    """The form's values of one field: the default language's text, then one per other language."""
    default, *others = form_languages(mission)
    return {
        name: text.texts.get(default, ""),
        **{f"{name}_{code}": text.texts.get(code, "") for code in others},
    }


def submitted_texts(form: Mapping[str, str], name: str, mission: Mission) -> dict[str, str] | None:
    """The languages of one field that a form sent, blank ones included (they remove a text); a language
    whose input was not sent is left out, so that its text stays. None when the field was not sent."""
    if name not in form:
        return None
    default, *others = form_languages(mission)
    sent = {code: form[f"{name}_{code}"] for code in others if f"{name}_{code}" in form}
    return {default: form[name], **sent}
