-- wrk's requests for one scenario (benchmarks/web/wrk_client.py writes them): each line of $WRK_REQUESTS is
-- "PATH<TAB>Header: value" (a participant's session cookie or API token); each request takes the next line,
-- each thread from its own offset, so the signed-in participants take turns. done() prints one JSON line.
local requests = {}
for line in io.lines(os.getenv("WRK_REQUESTS")) do
  local path, name, value = line:match("^([^\t]+)\t([^:]+): (.*)$")
  requests[#requests + 1] = wrk.format("GET", path, { [name] = value })
end

local threads = {}
function setup(thread)
  thread:set("offset", #threads * 7919) -- a prime: threads start far apart in the list
  threads[#threads + 1] = thread
end

-- statuses counted per thread (a redirect to the sign-in page would be a success for wrk)
ok, redirected, busy, other = 0, 0, 0, 0
function response(status, _headers, _body)
  if status == 200 then
    ok = ok + 1
  elseif status == 303 then
    redirected = redirected + 1
  elseif status == 503 then
    busy = busy + 1
  else
    other = other + 1
  end
end

local sent = 0
function request()
  sent = sent + 1
  return requests[((offset or 0) + sent - 1) % #requests + 1]
end

function done(summary, latency, _requests)
  local e = summary.errors
  local counts = { ok = 0, redirected = 0, busy = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(counts) do
      counts[name] = counts[name] + thread:get(name)
    end
  end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, '
      .. '"200": %d, "303": %d, "503": %d, "other": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout,
    counts.ok, counts.redirected, counts.busy, counts.other
  ))
end
