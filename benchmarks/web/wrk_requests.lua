-- wrk's requests for one scenario (benchmarks/web/wrk_client.py writes them): each line of $WRK_REQUESTS is
-- "PATH<TAB>Header: value" (a participant's session cookie or API token); each request takes the next line,
-- each thread from its own offset, so the signed-in participants take turns. done() prints one JSON line.
local requests = {}
for line in io.lines(os.getenv("WRK_REQUESTS")) do
  local path, name, value = line:match("^([^\t]+)\t([^:]+): (.*)$")
  requests[#requests + 1] = wrk.format("GET", path, { [name] = value })
end

local threads = 0
function setup(thread)
  thread:set("offset", threads * 7919) -- a prime: threads start far apart in the list
  threads = threads + 1
end

local sent = 0
function request()
  sent = sent + 1
  return requests[((offset or 0) + sent - 1) % #requests + 1]
end

function done(summary, latency, _requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout
  ))
end
