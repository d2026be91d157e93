"""Schemathesis hooks for the API fuzz runs (loaded through SCHEMATHESIS_HOOKS=tests.web.fuzz_hooks).

A valid `time_limit` (1 to 120 seconds per session) is sent as 1 second: the scheduler and the replanner
spend their whole time limit on the demo mission, and a bounded run cannot wait two minutes per case. Values
outside the range, or not numbers, are sent as generated, so the validation is still fuzzed.

The stateful phase follows links it infers from field names: `meeting_id` of `GET /me/agenda` entries leads
to `/me/meetings/{meeting_id}/feedback`. A programme entry's `meeting_id` is null (it is no meeting), and
schemathesis 4.32 puts that null in the path as the text "None", then calls the 422 a valid request
rejected. A null taken for a path parameter is sent as 0 instead: an id that exists nowhere (404)."""

from typing import Any

import schemathesis

FUZZ_TIME_LIMIT = 1.0


NO_SUCH_ID = 0


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    parameters = case.path_parameters or {}
    for name, value in parameters.items():
        if value is None:
            parameters[name] = NO_SUCH_ID
    body = case.body
    if isinstance(body, dict):
        limit = body.get("time_limit")
        if isinstance(limit, int | float) and not isinstance(limit, bool) and 1 <= limit <= 120:
            body["time_limit"] = FUZZ_TIME_LIMIT
