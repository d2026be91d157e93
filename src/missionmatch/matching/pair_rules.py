"""The hard rules of `rules.allowed_matrix`, checked for a list of pairs instead of as an n × n matrix, so a
mission of 100,000 profiles never holds 10^10 booleans."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from missionmatch.matching.config import MatchConfig
from missionmatch.matching.language import language_path
from missionmatch.matching.profile import Profile
from missionmatch.matching.rules import norm_org


@dataclass(frozen=True)
class PairRules:
    """Integer codes of every profile; `allowed(i, j)` answers for arrays of pairs."""

    sides: np.ndarray
    orgs: np.ndarray  # -1: no organisation given
    language_groups: np.ndarray
    can_talk: np.ndarray  # can_talk[group a, group b]
    excluded: np.ndarray  # sorted keys i * n + j, both orders
    cross_sides_only: bool

    def allowed(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        ok = i != j
        if self.cross_sides_only:
            ok &= self.sides[i] != self.sides[j]
        ok &= (self.orgs[i] != self.orgs[j]) | (self.orgs[i] < 0)
        ok &= self.can_talk[self.language_groups[i], self.language_groups[j]]
        if len(self.excluded):
            keys = i.astype(np.int64) * len(self.sides) + j
            pos = np.minimum(np.searchsorted(self.excluded, keys), len(self.excluded) - 1)
            ok &= self.excluded[pos] != keys
        return ok


def pair_rules(
    profiles: Sequence[Profile], config: MatchConfig, excluded: Iterable[tuple[str, str]] = ()
) -> PairRules:
    n = len(profiles)
    _, sides = np.unique(np.array([p.side for p in profiles], dtype=object), return_inverse=True)
    org_keys = [norm_org(p.organisation) for p in profiles]
    _, orgs = np.unique(np.array(org_keys, dtype=object), return_inverse=True)
    orgs = np.where([k != "" for k in org_keys], orgs, -1)
    groups: dict[frozenset[str], int] = {}
    language_groups = np.array([groups.setdefault(p.languages, len(groups)) for p in profiles], np.int64)
    keys = list(groups)
    can_talk = np.ones((len(keys), len(keys)), dtype=bool)
    if not config.interpreter_available or config.interpreter_languages is not None:
        for a, ka in enumerate(keys):
            for b, kb in enumerate(keys):
                can_talk[a, b] = language_path(ka, kb, config) is not None
    index = {p.id: i for i, p in enumerate(profiles)}
    pairs = [(index[a], index[b]) for a, b in excluded if a in index and b in index]
    excluded_keys = np.unique(np.array([k for a, b in pairs for k in (a * n + b, b * n + a)], dtype=np.int64))
    return PairRules(
        sides.astype(np.int64),
        orgs.astype(np.int64),
        language_groups,
        can_talk,
        excluded_keys,
        config.cross_sides_only,
    )
