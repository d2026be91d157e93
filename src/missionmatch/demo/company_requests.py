"""Company meetings in the demo's draft mission: colleagues who asked the same host each for a meeting come
together instead (the host meets the company once, not each representative: issue 11).

The first accepted request of a company to a host brings the colleagues who had asked that host too; their
own requests are withdrawn (cancelled) in its favour. Nothing random is drawn, so the rest of the generated
campaign stays as it was.
"""

from typing import Any


def company_requests(requests: list[dict[str, Any]], participants: list[dict[str, Any]]) -> None:
    """Rewrites `requests` in place (delegation to host requests only; mutual answers are left alone)."""
    company = {p["key"]: p["organisation"] for p in participants}
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for request in requests:
        if request["status"] != "accepted" or not company[request["from"]].startswith("lu-"):
            continue
        group = (company[request["from"]], request["to"])
        if group not in first:
            first[group] = request
            continue
        lead = first[group]
        lead.setdefault("attendees", []).append(request["from"])
        request["status"] = "cancelled"
