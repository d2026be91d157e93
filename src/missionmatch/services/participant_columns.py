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
REQUIRED = ("email", "first_name", "last_name", "organisation")

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
}


def normalise(header: str) -> str:
    folded = unicodedata.normalize("NFKC", header).casefold().strip()
    return " ".join(folded.replace("_", " ").split())


_LOOKUP = {normalise(name): field for field, names in _SYNONYMS.items() for name in names}
_LOOKUP.update({normalise(field): field for field in FIELDS})


def detect_columns(
    headers: list[str], overrides: dict[str, str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """field -> header in the file, and the problems found (an override naming an absent column...)."""
    mapping: dict[str, str] = {}
    problems: list[str] = []
    for header in headers:
        field = _LOOKUP.get(normalise(header))
        if field and field not in mapping:
            mapping[field] = header
    for field, header in (overrides or {}).items():
        if field not in FIELDS:
            problems.append(f"--map names an unknown field {field!r} (fields: {', '.join(FIELDS)})")
        elif header not in headers:
            problems.append(f"--map {field}={header}: the file has no column {header!r}")
        else:
            mapping[field] = header
    for field in REQUIRED:
        if field not in mapping:
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
