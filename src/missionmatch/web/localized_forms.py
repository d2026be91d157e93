"""Form values of content written in several languages: `name` holds the mission's default language,
`name_<code>` each other language of `content_languages` (the templates' `_localized_inputs.html`)."""

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
