"""Thin task wrappers over services, run by the worker (`missionmatch worker`) from a Huey queue.

Each module's `register(huey, factory)` defines its tasks on one Huey instance, bound to one session
factory: the web application and the worker each build their own (`queue.build_queue`), so there is no
global queue. A task takes a job id; the job row carries the mission and the parameters."""
