"""Which column of a sheet holds which field: headers recognised in English, French and Japanese."""

import unicodedata

FIELDS = (
    "email",
    "first_name",
    "last_name",
    "organisation",
    "side",
    "country",
    "city",
    "job_title",
    "languages",
    "sectors",
    "offers",
    "needs",
    "profile_language",
    "website",
    "min_meetings",
    "max_meetings",
    "hosted_table",
)
# also read from a sheet, not written by the export: a whole name to split, and the participant's reference
MAPPABLE = (*FIELDS, "full_name", "key")
KEY_FIELDS = ("email", "key")  # what finds the participant a row is about

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "email": (
        "email",
        "e-mail",
        "mail",
        "courriel",
        "adresse e-mail",
        "adresse email",
        "メール",
        "メールアドレス",
        "eメール",
    ),
    "first_name": ("first name", "firstname", "given name", "prénom", "prenom", "名", "名前"),
    "last_name": ("last name", "lastname", "surname", "family name", "nom", "nom de famille", "姓", "苗字"),
    "organisation": (
        "organisation",
        "organization",
        "company",
        "entreprise",
        "société",
        "societe",
        "organisme",
        "会社",
        "会社名",
        "企業",
        "企業名",
        "組織",
        "所属",
    ),
    "side": ("side", "role", "delegation/host", "côté", "cote", "partie", "type", "区分", "立場"),
    "country": ("country", "pays", "国", "国名"),
    "city": ("city", "ville", "都市", "市"),
    "job_title": ("job title", "title", "position", "fonction", "poste", "titre", "役職", "肩書"),
    "languages": (
        "languages",
        "language",
        "spoken languages",
        "langues",
        "langues parlées",
        "言語",
        "使用言語",
    ),
    "sectors": ("sectors", "sector", "secteurs", "secteur", "業種", "分野", "セクター"),
    "offers": (
        "offers",
        "offer",
        "we offer",
        "offres",
        "offre",
        "nous offrons",
        "提供",
        "提供内容",
        "提供できるもの",
    ),
    "needs": (
        "needs",
        "need",
        "we need",
        "looking for",
        "besoins",
        "besoin",
        "recherche",
        "ニーズ",
        "求めるもの",
        "探しているもの",
    ),
    "profile_language": ("profile language", "langue du profil", "プロフィール言語"),
    "website": ("website", "web", "site", "site web", "site internet", "ウェブサイト", "url"),
    "min_meetings": (
        "min meetings",
        "minimum meetings",
        "rendez-vous min",
        "rendez-vous minimum",
        "nombre minimum de rendez-vous",
        "最少商談数",
        "最低商談数",
    ),
    "max_meetings": (
        "max meetings",
        "maximum meetings",
        "rendez-vous max",
        "rendez-vous maximum",
        "nombre maximum de rendez-vous",
        "最大商談数",
        "最多商談数",
    ),
    "hosted_table": ("hosted table", "host table", "table fixe", "table d'accueil", "固定テーブル"),
    "full_name": ("name", "full name", "nom complet", "prénom et nom", "氏名", "お名前", "フルネーム"),
    "key": ("key", "id", "reference", "participant id", "référence", "identifiant", "参加者id", "参加者番号"),
}


def normalise(header: str) -> str:
    folded = unicodedata.normalize("NFKC", header).casefold().strip()
    return " ".join(folded.replace("_", " ").split())


_LOOKUP = {normalise(name): field for field, names in _SYNONYMS.items() for name in names}
_LOOKUP.update({normalise(field): field for field in MAPPABLE})


def suggest_columns(headers: list[str], saved: dict[str, str] | None = None) -> dict[str, str]:
    """field -> header: what the mission's last import chose for a header of the same name first (`saved`:
    normalised header -> field, "" for a column chosen to be ignored), then the known names of each field."""
    mapping: dict[str, str] = {}
    for header in headers:
        name = normalise(header)
        field = (saved or {}).get(name, _LOOKUP.get(name))
        if field and field in MAPPABLE and field not in mapping:
            mapping[field] = header
    return mapping


def missing_fields(mapping: dict[str, str], key_field: str = "email") -> list[str]:
    """The fields a mapping needs and lacks: the key column, the organisation, and the names (a first and a
    last name column, or one column of whole names)."""
    names = ("first_name", "last_name") if "full_name" not in mapping else ()
    needed = dict.fromkeys((key_field, "email", "organisation", *names))
    return [field for field in needed if field not in mapping]


def detect_columns(
    headers: list[str], overrides: dict[str, str] | None = None, saved: dict[str, str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """field -> header in the file, and the problems found (an override naming an absent column...)."""
    mapping = suggest_columns(headers, saved)
    problems: list[str] = []
    for field, header in (overrides or {}).items():
        if field not in MAPPABLE:
            problems.append(f"--map names an unknown field {field!r} (fields: {', '.join(MAPPABLE)})")
        elif header not in headers:
            problems.append(f"--map {field}={header}: the file has no column {header!r}")
        else:
            mapping = {name: column for name, column in mapping.items() if column != header}
            mapping[field] = header
    for field in missing_fields(mapping):
        problems.append(
            f"no column for {field!r} (columns found: {', '.join(headers)}; use --map {field}=COLUMN)"
        )
    return mapping, problems


def parse_map_option(values: list[str]) -> dict[str, str]:
    """`--map email=Courriel --map side=Type` -> {"email": "Courriel", "side": "Type"}."""
    overrides = {}
    for value in values:
        field, _, header = value.partition("=")
        overrides[field.strip()] = header.strip()
    return overrides
