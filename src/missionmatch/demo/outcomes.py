"""What happened at a past demo mission: its meetings placed and released (two schedule versions), held,
missed or cancelled, and the feedback the attendees left, in their own language."""

import datetime as dt
import random
from typing import Any

COMMENTS: dict[str, dict[str, list[str]]] = {
    "fr": {
        "good": [
            "Échange très concret, nous préparons une offre.",
            "Partenaire idéal pour notre projet, rendez-vous pris pour une visite.",
            "Excellente préparation des deux côtés, merci pour la mise en relation.",
        ],
        "fair": [
            "Intéressant, mais leur calendrier ne correspond pas au nôtre.",
            "Contact utile pour plus tard.",
        ],
        "poor": ["Pas de besoin commun, l'interprète nous a pourtant bien aidés."],
    },
    "en": {
        "good": [
            "Very focused meeting; they asked for our pricing.",
            "Exactly the partner we were looking for; a site visit is planned.",
            "Great match, we agreed on a pilot.",
        ],
        "fair": ["Good conversation, no immediate project.", "Worth keeping in touch."],
        "poor": ["Our offers did not fit their needs."],
    },
    "de": {
        "good": [
            "Sehr konkretes Gespräch, wir schicken ein Angebot.",
            "Genau der Partner, den wir gesucht haben.",
        ],
        "fair": ["Interessant, aber noch zu früh für ein Projekt."],
        "poor": ["Leider keine gemeinsamen Themen."],
    },
    "ja": {
        "good": [
            "具体的な協業の可能性があり、見積もりを依頼しました。",
            "ルクセンブルク拠点の活用について有意義な議論ができました。",
            "通訳のおかげでスムーズに話が進みました。次回は訪問予定です。",
        ],
        "fair": ["興味深い内容でしたが、時期尚早です。", "今後も情報交換を続けたいです。"],
        "poor": ["ニーズが合いませんでした。"],
    },
}
FOLLOW_UPS = {
    "good": ["send_offer", "visit", "call", "agreement"],
    "fair": ["call", "none"],
    "poor": ["none"],
}


def _slot_times(block: dict[str, Any]) -> list[dt.datetime]:
    pauses = {entry["after_slot"]: entry["minutes"] for entry in block["breaks"]}
    start, times = dt.datetime.fromisoformat(block["starts_at"]), []
    for index in range(block["slot_count"]):
        times.append(start)
        start += dt.timedelta(minutes=block["slot_minutes"] + pauses.get(index + 1, 0))
    return times


def _free(person: dict[str, Any], start: dt.datetime, minutes: int) -> bool:
    end = start + dt.timedelta(minutes=minutes)
    if person["arrives_at"] and dt.datetime.fromisoformat(person["arrives_at"]) > start:
        return False
    return all(
        dt.datetime.fromisoformat(w["ends_at"]) <= start or dt.datetime.fromisoformat(w["starts_at"]) >= end
        for w in person["unavailability"]
    )


def _interpreter(a: dict[str, Any], b: dict[str, Any], pairs: list[str]) -> str | None:
    """None when they share a language, else the session's pair that bridges them (or "" if none does)."""
    if set(a["languages"]) & set(b["languages"]):
        return None
    for pair in pairs:
        first, second = pair.split("-")
        if (first in a["languages"] and second in b["languages"]) or (
            second in a["languages"] and first in b["languages"]
        ):
            return pair
    return ""


def place_meetings(document: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """One meeting per accepted pair, in the first slot both attend with a table (and interpreter) free."""
    people = {p["key"]: p for p in document["participants"]}
    slug = document["mission"]["slug"]
    pairs_done: set[frozenset[str]] = set()
    meetings: list[dict[str, Any]] = []
    busy: set[tuple[str, int, str]] = set()
    tables: dict[tuple[str, int], int] = {}
    interpreters: dict[tuple[str, int, str], int] = {}
    for request in document["meeting_requests"]:
        pair = frozenset((request["from"], request["to"]))
        if request["status"] != "accepted" or pair in pairs_done:
            continue
        pairs_done.add(pair)
        a, b = people[request["from"]], people[request["to"]]
        for block in document["b2b_sessions"]:
            pools = {"-".join(p["languages"]): p["count"] for p in block["interpreters"]}
            need = _interpreter(a, b, list(pools))
            for slot, start in enumerate(_slot_times(block)):
                place = (block["key"], slot)
                if (
                    need == ""
                    or tables.get(place, 0) >= block["tables"]
                    or any(
                        (*place, p["key"]) in busy or not _free(p, start, block["slot_minutes"])
                        for p in (a, b)
                    )
                    or (need and interpreters.get((*place, need), 0) >= pools[need])
                ):
                    continue
                busy.update({(*place, a["key"]), (*place, b["key"])})
                if need:
                    interpreters[(*place, need)] = interpreters.get((*place, need), 0) + 1
                tables[place] = tables.get(place, 0) + 1
                status = rng.choices(["held", "no_show", "cancelled"], [82, 8, 10])[0]
                meetings.append(
                    {
                        "key": f"m-{slug}-{len(meetings) + 1:03d}",
                        "participants": [a["key"], b["key"]],
                        "request": request["key"],
                        "session": block["key"],
                        "slot": slot,
                        "table": tables[place] - 1,
                        "interpreter": need,
                        "status": status,
                        "starts_at": start.isoformat(timespec="minutes"),
                    }
                )
                break
            else:
                continue
            break
    return meetings


def schedule_versions(document: dict[str, Any], meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Version 1 a few days before the first B2B session; version 2 the eve, without the cancelled ones."""
    first = min(dt.datetime.fromisoformat(s["starts_at"]) for s in document["b2b_sessions"])
    fields = ("session", "slot", "starts_at", "table", "interpreter", "participants")
    entries = {m["key"]: {f: m[f] for f in fields} for m in meetings}
    cancelled = [m["key"] for m in meetings if m["status"] == "cancelled"]
    by = "b2b@cc.example.lu"
    return [
        {
            "number": 1,
            "published_at": (first - dt.timedelta(days=4)).replace(hour=17, minute=0).isoformat(),
            "published_by": by,
            "comment": "First schedule sent to all participants.",
            "snapshot": entries,
            "changelog": [
                {"meeting": key, "change": "added", "before": None, "after": entry}
                for key, entry in sorted(entries.items())
            ],
            "statistics": {"placed": len(entries), "unplaced": 0},
        },
        {
            "number": 2,
            "published_at": (first - dt.timedelta(days=1)).replace(hour=19, minute=30).isoformat(),
            "published_by": by,
            "comment": "Cancellations received by e-mail.",
            "snapshot": {k: v for k, v in entries.items() if k not in cancelled},
            "changelog": [
                {"meeting": key, "change": "cancelled", "before": entries[key], "after": None}
                for key in sorted(cancelled)
            ],
            "statistics": {"placed": len(entries) - len(cancelled), "unplaced": 0},
        },
    ]


def feedback(
    document: dict[str, Any], meetings: list[dict[str, Any]], rng: random.Random
) -> list[dict[str, Any]]:
    """Most attendees of a held meeting rate it; a good one often leads to a follow-up, some already done."""
    people = {p["key"]: p for p in document["participants"]}
    done_at = f"{document['mission']['end_date']}T18:00:00"
    out = []
    for meeting in meetings:
        if meeting["status"] != "held":
            continue
        for author in meeting["participants"]:
            if rng.random() > 0.7:
                continue
            rating = rng.choices([5, 4, 3, 2, 1], [30, 35, 20, 10, 5])[0]
            band = "good" if rating >= 4 else "fair" if rating == 3 else "poor"
            follow_up = rng.choice(FOLLOW_UPS[band])
            out.append(
                {
                    "meeting": meeting["key"],
                    "author": author,
                    "rating": rating,
                    "comment": rng.choice(COMMENTS[people[author]["profile"]["language"]][band]),
                    "follow_up": follow_up,
                    "follow_up_done_at": done_at if follow_up != "none" and rng.random() < 0.4 else None,
                }
            )
    return out
