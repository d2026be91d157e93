"""Who may be recommended to whom: the hard rules, as a boolean matrix (True = allowed)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

import numpy as np

from missionmatch.matching.config import MatchConfig
from missionmatch.matching.language import language_path
from missionmatch.matching.profile import Profile


def norm_org(name: str) -> str:
    """Organisation key: accents, case, spaces and punctuation ignored ("Éole Lux S.A." = "Eole Lux SA"),
    because the same company is typed differently by different people."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed.casefold() if c.isalnum())


def allowed_matrix(
    profiles: Sequence[Profile], config: MatchConfig, excluded: Iterable[tuple[str, str]] = ()
) -> np.ndarray:
    """allowed[i, j]: j may be recommended to i. Never i itself, never the same organisation, never a pair in
    `excluded` (already met or declined, in either order), only across sides unless configured, and only when
    the two can talk (a common language or an interpreter)."""
    n = len(profiles)
    # integer codes: comparing 10,000 × 10,000 Python strings would dominate the run time
    _, sides = np.unique(np.array([p.side for p in profiles], dtype=object), return_inverse=True)
    org_keys = [norm_org(p.organisation) for p in profiles]
    _, orgs = np.unique(np.array(org_keys, dtype=object), return_inverse=True)
    ok = ~np.eye(n, dtype=bool)
    if config.cross_sides_only:
        ok &= sides[:, None] != sides[None, :]
    has_org = np.array([k != "" for k in org_keys])
    ok &= ~((orgs[:, None] == orgs[None, :]) & has_org[:, None] & has_org[None, :])
    index = {p.id: i for i, p in enumerate(profiles)}
    for a, b in excluded:
        if a in index and b in index:
            ok[index[a], index[b]] = ok[index[b], index[a]] = False
    if not config.interpreter_available or config.interpreter_languages is not None:
        # language feasibility depends only on the language sets, so check each distinct combination once
        keys = [p.languages for p in profiles]
        groups: dict[frozenset[str], list[int]] = {}
        for i, k in enumerate(keys):
            groups.setdefault(k, []).append(i)
        for ka, ia in groups.items():
            for kb, ib in groups.items():
                if language_path(ka, kb, config) is None:
                    ok[np.ix_(ia, ib)] = False
    return ok
