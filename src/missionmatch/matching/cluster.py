"""The sparse matcher's shards as Ray tasks, for batches larger than one machine holds comfortably.

    import ray
    from missionmatch.matching.cluster import RayRunner
    ray.init(address="auto")  # the running cluster (`ray start --head` / `ray start --address=...`)
    result = recommend(profiles, embedder, config, runner=RayRunner(shards=8))

Each shard is a Ray task: one task per part of each side's sentences (an index per shard), then one per
range of profiles for the exact edge scores. The large arrays (sentence vectors, the graph's rows) go to the
object store once and the tasks read them without copying. The balancing and the ranking stay on the driver:
they are linear in the edges. Ray is an optional extra (`pip install missionmatch[cluster]`); it is imported
when a `RayRunner` runs, never when the matching package is imported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")
SHARED_FROM_BYTES = 1 << 20  # arguments at least this large are put in the object store once per map


@dataclass(frozen=True)
class RayRunner:
    shards: int = 4
    num_cpus: float = 1.0  # per task

    def map(self, fn: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> list[T]:
        import ray  # optional dependency: only here

        if not ray.is_initialized():
            raise RuntimeError("RayRunner needs ray.init() first (address='auto' on a cluster)")
        task = ray.remote(num_cpus=self.num_cpus)(fn)
        shared: dict[int, Any] = {}

        def ref(arg: Any) -> Any:
            if isinstance(arg, np.ndarray) and arg.nbytes >= SHARED_FROM_BYTES:
                if id(arg) not in shared:
                    shared[id(arg)] = ray.put(arg)
                return shared[id(arg)]
            return arg

        futures = [task.remote(*(ref(a) for a in args)) for args in calls]
        return list(ray.get(futures))
