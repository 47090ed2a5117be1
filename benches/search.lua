-- wrk script for benches/run.sh: GET /api/search (JSON with snippets) for each query of a file
-- of URL-encoded queries (one per line), in turn; counts answers other than 200. With a second
-- argument, that prefix instead of /api/search?q= (an empty one: the lines are paths).
-- Usage: wrk ... -s benches/search.lua URL -- QUERIES_FILE [PREFIX]
local queries = {}
local prefix = "/api/search?q="
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  if args[2] ~= nil then prefix = args[2] end
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(queries, line) end
  end
  not_ok = 0
end

function request()
  counter = counter + 1
  local q = queries[(counter % #queries) + 1]
  return wrk.format("GET", prefix .. q)
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("not_ok") end
  io.write(string.format("BENCH requests=%d non200=%d socket_errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f rps=%.0f\n",
    summary.requests, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests / (summary.duration / 1e6)))
end
