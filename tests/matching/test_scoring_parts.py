"""Exact checks of the scoring building blocks on tiny hand-made inputs."""

import numpy as np

from missionmatch.matching import MatchConfig, Profile
from missionmatch.matching.normalise import hub_correct, sinkhorn_log, symmetric_score
from missionmatch.matching.recommender import peer_matrix
from missionmatch.matching.rules import allowed_matrix
from missionmatch.matching.units import embed_profiles
from tests.matching.support import HashEmbedder


def test_peer_matrix_is_one_for_identical_profiles_and_half_when_one_field_is_empty() -> None:
    profiles = [
        Profile("a", "LU", "A", "en", offers="Sensors.", needs="Pilots."),
        Profile("b", "JP", "B", "en", offers="Sensors.", needs="Pilots."),
        Profile("c", "JP", "C", "en", offers="Sensors.", needs=""),
    ]
    ep = embed_profiles(profiles, HashEmbedder())
    peer = peer_matrix(ep, allowed_matrix(profiles, MatchConfig()))
    assert abs(peer[0, 1] - 1.0) < 1e-6 and abs(peer[1, 0] - 1.0) < 1e-6
    assert abs(peer[0, 2] - 0.5) < 1e-6
    assert peer[1, 2] == 0.0  # same side: never computed


def test_hub_correction_removes_a_column_that_is_close_to_everybody() -> None:
    # rows ask, columns answer; column 2 is a hub, 0.6 to everyone; row 0's real partner is column 0 at 0.55
    m = np.array([[0.55, 0.1, 0.6], [0.1, 0.7, 0.6], [0.2, 0.1, 0.6]], np.float32)
    allowed = np.ones_like(m, dtype=bool)
    corrected = hub_correct(m, allowed, k=3)
    assert np.array_equal(hub_correct(m, allowed, k=0), m)
    assert int(np.argmax(m[0])) == 2
    assert int(np.argmax(corrected[0])) == 0


def test_missing_direction_counts_as_the_median_match() -> None:
    d = np.array([[np.nan, 0.2, 0.4], [0.6, np.nan, np.nan], [0.8, 0.1, np.nan]], np.float32)
    allowed = ~np.eye(3, dtype=bool)
    s = symmetric_score(d, allowed, 0.5)
    # observed allowed values 0.2 0.4 0.6 0.8 0.1: median 0.4 fills the NaNs
    assert abs(s[1, 2] - 0.5 * (0.4 + 0.1)) < 1e-6
    assert abs(s[0, 1] - 0.5 * (0.2 + 0.6)) < 1e-6


def test_sinkhorn_balancing_makes_rows_and_columns_sum_to_one_and_respects_rules() -> None:
    rng = np.random.default_rng(1)
    score = rng.uniform(-0.2, 0.8, (6, 6)).astype(np.float32)
    allowed = ~np.eye(6, dtype=bool)
    log_p = sinkhorn_log(score, allowed, temperature=0.1, iters=200)
    p = np.exp(log_p)
    assert np.all(p[~allowed] == 0.0)
    np.testing.assert_allclose(p.sum(axis=0), 1.0, atol=1e-3)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-3)
