"""Builds the demo campaign "Luxembourg–Japan 2025" as mission documents, deterministically (seed 2025).

`python -m missionmatch.demo.generate` rewrites `src/missionmatch/demo/data/<slug>.json`; the tests check
that the committed files equal a fresh generation. People and companies are fictional; the programme follows
the Tokyo mission and the three Osaka missions of the source articles.
"""

import json
import random
from pathlib import Path
from typing import Any

from missionmatch.demo import names
from missionmatch.demo.agreements import agreements
from missionmatch.demo.attendance import record_attendance
from missionmatch.demo.company_requests import company_requests
from missionmatch.demo.missions import MISSIONS
from missionmatch.demo.outcomes import feedback, place_meetings, schedule_versions
from missionmatch.demo.returning import come_back, come_back_person, returning_organisations
from missionmatch.demo.themes import THEMES

DATA_DIR = Path(__file__).parent / "data"
CAMPAIGN = {
    "name": "Luxembourg–Japan 2025",
    "description": "Economic missions of the Chamber of Commerce to Japan around Expo 2025 Osaka.",
}
DELEGATION_LANGUAGES = (("fr", 45), ("en", 30), ("de", 25))
HOST_LANGUAGES = (("ja", 75), ("en", 25))
PAST = (
    "tokyo",
    "osaka-2",
    "osaka-3",
)  # held: schedule released, meetings held, feedback; osaka-1 is the draft
# how many people each returning company brings back, per mission: 13 companies and 17 people come again
RETURNING = {"tokyo": [], "osaka-1": [2, 1, 1, 1, 1], "osaka-2": [2, 2, 1, 1], "osaka-3": [2, 1, 1, 1]}
# the public bodies of the source articles (the other organisations are fictional): side, theme, name
NAMED = {
    "tokyo": [
        ("delegation", 1, "Luxembourg Space Agency"),
        ("delegation", 2, "LuxProvide"),
        ("host", 1, "JAXA – Japan Aerospace Exploration Agency"),
    ]
}


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in weighted], [weight for _, weight in weighted])[0]


def _spread(rng: random.Random, people: int, organisations: int) -> list[int]:
    """How many participants each organisation sends: one each, the rest spread at random (max 3)."""
    counts = [1] * organisations
    while sum(counts) < people:
        index = rng.randrange(organisations)
        if counts[index] < 3:
            counts[index] += 1
    return counts


def _spoken(rng: random.Random, side: str, language: str) -> list[str]:
    if side == "host":
        return ["ja", "en"] if language == "en" or rng.random() < 0.4 else ["ja"]
    options = {
        "fr": [["fr", "en"], ["fr", "de", "en", "lb"], ["fr"]],
        "de": [["de", "fr", "en"], ["de", "en"]],
        "en": [["en", "fr"], ["en"]],
    }[language]
    return list(rng.choice(options))


class _Builder:
    def __init__(
        self, spec: dict[str, Any], rng: random.Random, used_emails: set[str], used_names: set[str]
    ) -> None:
        self.spec, self.rng, self.used_emails, self.used_names = spec, rng, used_emails, used_names
        self.organisations: list[dict[str, Any]] = []
        self.participants: list[dict[str, Any]] = []
        self.org_theme: dict[str, int] = {}

    def _email(self, first: str, last: str, domain: str) -> str:
        base = (
            f"{first}.{last}".lower().replace(" ", "").replace("ë", "e").replace("é", "e").replace("ï", "i")
        )
        email, number = f"{base}@{domain}", 2
        while email in self.used_emails:
            email, number = f"{base}{number}@{domain}", number + 1
        self.used_emails.add(email)
        return email

    def _organisation(self, side: str, number: int, theme_index: int) -> dict[str, Any]:
        theme = THEMES[theme_index]
        sector = theme["sector"]
        if side == "delegation":
            prefix, suffix = self.rng.choice(names.LU_PREFIX), self.rng.choice(names.LU_SUFFIX[sector])
            name, country = f"{prefix} {suffix} {self.rng.choice(names.LU_FORMS)}", "LU"
            city, key = self.rng.choice(names.LU_CITIES), f"lu-{self.spec['slug']}-{number:03d}"
        else:
            prefix, suffix = self.rng.choice(names.JP_PREFIX), self.rng.choice(names.JP_SUFFIX[sector])
            name, country = f"{prefix} {suffix} {self.rng.choice(names.JP_FORMS)}", "JP"
            city, key = self.rng.choice(self.spec["cities"]), f"jp-{self.spec['slug']}-{number:03d}"
        # names are unique over the campaign, legal form aside: a repeat is a company coming back
        form = name.removeprefix(f"{prefix} {suffix} ")
        while name.removesuffix(f" {form}") in self.used_names:
            name = name.replace(
                prefix, f"{prefix} {self.rng.choice(['Nord', 'Sud', 'Est', 'West', 'Neo'])}", 1
            )
        self.used_names.add(name.removesuffix(f" {form}"))
        size = self.rng.choice(["micro", "sme", "sme", "large"])
        return {
            "key": key,
            "name": name,
            "side": side,
            "country": country,
            "city": city,
            "sectors": [sector],
            "size": size,
            "website": f"https://{key}.example.{'lu' if side == 'delegation' else 'jp'}",
            "description": f"{suffix} ({city})",
            "description_language": "en",
        }

    def build_side(self, side: str, org_count: int, people: int) -> None:
        themes = self.spec["themes"]
        counts = _spread(self.rng, people, org_count)
        for number, count in enumerate(counts, start=1):
            theme_index = themes[(number - 1) % len(themes)]
            org = self._organisation(side, number, theme_index)
            self.organisations.append(org)
            self.org_theme[org["key"]] = theme_index
            language = _pick(self.rng, DELEGATION_LANGUAGES if side == "delegation" else HOST_LANGUAGES)
            for _ in range(count):
                self.participants.append(self._participant(org, side, language, theme_index))

    def _participant(self, org: dict[str, Any], side: str, language: str, theme_index: int) -> dict[str, Any]:
        rng = self.rng
        if side == "delegation":
            first, last = rng.choice(names.LU_FIRST), rng.choice(names.LU_LAST)
            domain, title, timezone = (
                f"{org['key']}.example.lu",
                rng.choice(names.LU_TITLES),
                "Europe/Luxembourg",
            )
        else:
            first, last = rng.choice(names.JP_FIRST), rng.choice(names.JP_LAST)
            domain, title, timezone = f"{org['key']}.example.jp", rng.choice(names.JP_TITLES), "Asia/Tokyo"
        theme = THEMES[theme_index]
        offers, needs = theme["lu" if side == "delegation" else "jp"][language]
        key = f"p-{self.spec['slug']}-{len(self.participants) + 1:03d}"
        return {
            "key": key,
            "email": self._email(first, last, domain),
            "first_name": first,
            "last_name": last,
            "organisation": org["key"],
            "job_title": title,
            "languages": _spoken(rng, side, language),
            "timezone": timezone,
            "arrives_at": None,
            "departs_at": None,
            "unavailability": [],
            "programme": [],
            "profile": {
                "language": language,
                "offers": offers,
                "needs": needs,
                "sectors": [theme["sector"]],
                "keywords": list(theme["keywords"]),
            },
        }

    def hard_cases(self) -> None:
        """A profile without needs and a generic one: the traps a matcher must not fall into."""
        delegation = [p for p in self.participants if p["organisation"].startswith("lu-")]
        delegation[-1]["profile"]["needs"] = ""
        generic = {
            "fr": "Nous sommes ouverts à toute coopération avec des entreprises japonaises innovantes.",
            "en": "We are open to any cooperation with innovative Japanese companies.",
            "de": "Wir sind offen für jede Zusammenarbeit mit innovativen japanischen Unternehmen.",
        }
        profile = delegation[-2]["profile"]
        profile["needs"] = generic[profile["language"]]


def _registrations(builder: _Builder, programme: list[dict[str, Any]]) -> None:
    for item in programme:
        capacity = item["capacity"] or 10**6
        if item["kind"] in ("forum", "reception", "pavilion_visit"):
            chosen = list(builder.participants)
        elif item["kind"] == "travel":
            chosen = [p for p in builder.participants if p["organisation"].startswith("lu-")]
        else:
            sector = item["sector"]
            host = item.get("host_organisation")
            chosen = [
                p
                for p in builder.participants
                if p["organisation"].startswith("lu-")
                and (sector is None or sector in p["profile"]["sectors"])
            ]
            chosen += [p for p in builder.participants if p["organisation"] == host]
        for person in chosen[:capacity]:
            person["programme"].append(item["key"])


def _availability(builder: _Builder, spec: dict[str, Any], rng: random.Random) -> None:
    delegation = [p for p in builder.participants if p["organisation"].startswith("lu-")]
    for person in rng.sample(delegation, k=max(1, len(delegation) // 10)):
        person["arrives_at"] = spec["late_arrival"]
    for person in rng.sample(builder.participants, k=max(1, len(builder.participants) // 12)):
        person["unavailability"].append(
            {
                "starts_at": spec["busy_window"][0],
                "ends_at": spec["busy_window"][1],
                "reason": "internal meeting",
            }
        )


def _requests(builder: _Builder, spec: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    hosts = [p for p in builder.participants if p["organisation"].startswith("jp-")]
    requests: list[dict[str, Any]] = []

    def add(source: dict[str, Any], target: dict[str, Any], status: str) -> None:
        requests.append(
            {
                "key": f"r-{spec['slug']}-{len(requests) + 1:03d}",
                "from": source["key"],
                "to": target["key"],
                "priority": rng.choice([1, 2, 2, 3]),
                "message": "",
                "status": status,
                "created_at": spec["requests_open"],
                "expires_at": spec["requests_expire"] if status == "pending" else None,
            }
        )

    for person in builder.participants:
        if not person["organisation"].startswith("lu-") or not person["profile"]["needs"]:
            continue
        theme = builder.org_theme[person["organisation"]]
        partners = [h for h in hosts if builder.org_theme[h["organisation"]] == theme]
        others = [h for h in hosts if h not in partners]
        targets = rng.sample(partners, k=min(2, len(partners))) + rng.sample(others, k=1)
        for target in targets:
            status = rng.choices(["accepted", "pending", "declined"], [70, 15, 15])[0]
            add(person, target, status)
            if status == "accepted" and target in partners and rng.random() < 0.3:
                add(target, person, "accepted")  # mutual interest
    return requests


def _name_public_bodies(builder: _Builder) -> None:
    for side, theme, name in NAMED.get(builder.spec["slug"], []):
        org = next(
            o for o in builder.organisations if o["side"] == side and builder.org_theme[o["key"]] == theme
        )
        builder.used_names.add(name)
        org.update(name=name, size="public", description=name)


def _bring_back(
    builder: _Builder, earlier: list[dict[str, Any]], org_theme: dict[str, int], taken: set[str]
) -> None:
    spec, slug = builder.spec, builder.spec["slug"]
    chosen = returning_organisations(earlier, spec["themes"], org_theme, RETURNING[slug], taken, builder.rng)
    delegation = sum(o["side"] == "delegation" for o in builder.organisations)
    for number, (org, people) in enumerate(chosen, start=delegation + 1):
        again = come_back(org, f"lu-{slug}-{number:03d}")
        builder.organisations.append(again)
        builder.org_theme[again["key"]] = org_theme[org["key"]]
        for person in people:
            key = f"p-{slug}-{len(builder.participants) + 1:03d}"
            builder.participants.append(come_back_person(person, key, again["key"]))


def _outcomes(document: dict[str, Any], rng: random.Random) -> None:
    meetings = place_meetings(document, rng)
    document["schedule_versions"] = schedule_versions(document, meetings)
    for meeting in meetings:
        del meeting["starts_at"]
    document["meetings"] = meetings
    document["feedback"] = feedback(document, meetings, rng)
    record_attendance(document)


def build_mission(
    spec: dict[str, Any],
    rng: random.Random,
    used: tuple[set[str], set[str], set[str]],
    earlier: list[dict[str, Any]],
    org_theme: dict[str, int],
) -> dict[str, Any]:
    """One mission document; `used` holds the e-mails and company names taken so far and the names of the
    companies that already came back, `org_theme` (filled here) every organisation's theme."""
    used_emails, used_names, returned = used
    builder = _Builder(spec, rng, used_emails, used_names)
    builder.build_side("delegation", *spec["delegation"])
    builder.build_side("host", *spec["hosts"])
    builder.hard_cases()
    _name_public_bodies(builder)
    _bring_back(builder, earlier, org_theme, returned)
    org_theme.update(builder.org_theme)
    programme = [dict(item) for item in spec["programme"]]
    for item in programme:
        if item.get("visit_theme") is not None:
            item["host_organisation"] = next(
                o["key"]
                for o in builder.organisations
                if o["side"] == "host" and builder.org_theme[o["key"]] == item["visit_theme"]
            )
        item.pop("visit_theme", None)
    _registrations(builder, programme)
    _availability(builder, spec, rng)
    document = {
        "format": "missionmatch/mission-v1",
        "campaign": CAMPAIGN,
        "mission": {
            key: spec[key]
            for key in (
                "name",
                "slug",
                "origin_country",
                "host_country",
                "cities",
                "start_date",
                "end_date",
                "timezone",
                "languages",
                "description",
                "organiser",
            )
        },
        "programme": programme,
        "b2b_sessions": spec["b2b_sessions"],
        "organisations": builder.organisations,
        "participants": builder.participants,
        "meeting_requests": _requests(builder, spec, rng),
        "meetings": [],
        "agreements": [],
        "feedback": [],
        "schedule_versions": [],
    }
    if spec["slug"] in PAST:
        _outcomes(document, rng)
    else:  # the draft mission to schedule: colleagues asking the same host meet them together
        company_requests(document["meeting_requests"], document["participants"])
    document["agreements"] = agreements(document, org_theme, spec)
    return document


def generate() -> dict[str, dict[str, Any]]:
    rng = random.Random(2025)
    used: tuple[set[str], set[str], set[str]] = (set(), set(), set())
    org_theme: dict[str, int] = {}
    documents: dict[str, dict[str, Any]] = {}
    for spec in MISSIONS:
        documents[spec["slug"]] = build_mission(spec, rng, used, list(documents.values()), org_theme)
    return documents


def serialise(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    DATA_DIR.mkdir(exist_ok=True)
    for slug, document in generate().items():
        (DATA_DIR / f"{slug}.json").write_text(serialise(document), encoding="utf-8")


if __name__ == "__main__":
    main()
