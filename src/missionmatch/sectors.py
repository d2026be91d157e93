"""The sector vocabulary shared by organisations, profiles, workshops and the matcher."""

from typing import Final

# code -> names by language; codes are stable identifiers stored in the database and in files.
SECTORS: Final[dict[str, dict[str, str]]] = {
    "space": {"en": "Space", "fr": "Spatial", "ja": "宇宙", "de": "Raumfahrt"},
    "hpc": {
        "en": "HPC & supercomputing",
        "fr": "Calcul haute performance",
        "ja": "スーパーコンピューティング",
        "de": "Hochleistungsrechnen",
    },
    "quantum": {
        "en": "Quantum technologies",
        "fr": "Technologies quantiques",
        "ja": "量子技術",
        "de": "Quantentechnologien",
    },
    "ai": {
        "en": "Artificial intelligence",
        "fr": "Intelligence artificielle",
        "ja": "人工知能",
        "de": "Künstliche Intelligenz",
    },
    "health": {
        "en": "Health & medtech",
        "fr": "Santé et medtech",
        "ja": "ヘルスケア・医療機器",
        "de": "Gesundheit & Medizintechnik",
    },
    "pharma": {"en": "Pharmaceuticals", "fr": "Pharmacie", "ja": "医薬品", "de": "Pharma"},
    "ict-telecom": {
        "en": "ICT & telecoms",
        "fr": "TIC et télécoms",
        "ja": "ICT・通信",
        "de": "IKT & Telekommunikation",
    },
    "fintech": {
        "en": "Fintech & financial services",
        "fr": "Fintech et services financiers",
        "ja": "フィンテック・金融サービス",
        "de": "Fintech & Finanzdienstleistungen",
    },
    "logistics": {"en": "Logistics", "fr": "Logistique", "ja": "物流", "de": "Logistik"},
    "data-centres": {
        "en": "Data centres",
        "fr": "Centres de données",
        "ja": "データセンター",
        "de": "Rechenzentren",
    },
    "materials": {
        "en": "Advanced materials",
        "fr": "Matériaux avancés",
        "ja": "先端材料",
        "de": "Neue Werkstoffe",
    },
    "circular-economy": {
        "en": "Circular economy",
        "fr": "Économie circulaire",
        "ja": "循環経済",
        "de": "Kreislaufwirtschaft",
    },
    "mobility": {"en": "Mobility", "fr": "Mobilité", "ja": "モビリティ", "de": "Mobilität"},
    "e-commerce": {"en": "E-commerce", "fr": "Commerce électronique", "ja": "Eコマース", "de": "E-Commerce"},
    "energy": {"en": "Energy", "fr": "Énergie", "ja": "エネルギー", "de": "Energie"},
    "cybersecurity": {
        "en": "Cybersecurity",
        "fr": "Cybersécurité",
        "ja": "サイバーセキュリティ",
        "de": "Cybersicherheit",
    },
    "manufacturing": {
        "en": "Manufacturing",
        "fr": "Industrie manufacturière",
        "ja": "製造業",
        "de": "Fertigung",
    },
    "food": {
        "en": "Food & agritech",
        "fr": "Agroalimentaire",
        "ja": "食品・アグリテック",
        "de": "Lebensmittel & Agritech",
    },
    "creative": {
        "en": "Creative industries",
        "fr": "Industries créatives",
        "ja": "クリエイティブ産業",
        "de": "Kreativwirtschaft",
    },
    "consulting": {
        "en": "Consulting & legal",
        "fr": "Conseil et juridique",
        "ja": "コンサルティング・法務",
        "de": "Beratung & Recht",
    },
}

SECTOR_CODES: Final[frozenset[str]] = frozenset(SECTORS)


def sector_name(code: str, language: str = "en") -> str:
    names = SECTORS[code]
    return names.get(language) or names["en"]


def find_sector(label: str) -> str | None:
    """The sector code for a code or a name in any language (case-insensitive), as typed in sheets."""
    wanted = label.strip().casefold()
    for code, names in SECTORS.items():
        if wanted == code or wanted in (name.casefold() for name in names.values()):
            return code
    return None
