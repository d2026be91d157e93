"""The sparse path's shards as Ray tasks on a one-CPU local Ray instance give the single-process ranking.
Ray is the optional `cluster` extra (requirements-cluster.lock)."""

from collections.abc import Iterator
from dataclasses import replace

import pytest

from missionmatch.matching import recommend
from missionmatch.matching.cluster import RayRunner
from tests.matching.support import HashEmbedder
from tests.matching.test_sparse import SPARSE, random_mission

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_a_ray_runner_without_ray_init_says_so() -> None:
    if ray.is_initialized():
        pytest.skip("a Ray instance of this process is running")
    with pytest.raises(RuntimeError, match=r"ray\.init"):
        RayRunner(shards=2).map(len, [("ab",)])


def test_ray_shards_give_the_single_process_top_k(local_ray: None) -> None:
    profiles = random_mission(90, seed=6)
    config = replace(SPARSE, top_k=20, ann_neighbours=4)
    single = recommend(profiles, HashEmbedder(), config, with_reasons=False)
    on_ray = recommend(profiles, HashEmbedder(), config, with_reasons=False, runner=RayRunner(shards=3))
    assert on_ray.ranked_ids() == single.ranked_ids()
    assert [r.score for r in on_ray.recommendations["r0"]] == [r.score for r in single.recommendations["r0"]]
