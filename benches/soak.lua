-- wrk request mix for benches/soak.sh (not CI).
--   wrk -s benches/soak.lua URL -- PATHS_FILE DELAY_MS
-- PATHS_FILE has one request per line: "GET <path>" or "POST <path> <form body>". Requests
-- are taken at random; a feedback POST carries a made-up X-Real-IP from a large pool so the
-- per-client feedback limit (5 per 10 minutes) admits most of them, as many visitors would.
-- Each connection waits DELAY_MS between requests, so the soak is a steady load rather than
-- a saturation test. `done` prints machine-readable SOAK_* lines.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local file = args[1]
  delay_ms = tonumber(args[2] or "10")
  math.randomseed(os.time() + (id or 0) * 7919)
  reqs = {}
  for line in io.lines(file) do
    local method, path, body = line:match("^(%u+) (%S+) ?(.*)$")
    if method == "GET" then
      table.insert(reqs, { get = wrk.format("GET", path, { ["Accept-Encoding"] = "gzip, br" }) })
    elseif method == "POST" then
      table.insert(reqs, { post = path, body = body })
    end
  end
  counts = { ok = 0, s3 = 0, s4 = 0, s429 = 0, s5 = 0 }
end

function delay()
  return delay_ms
end

function request()
  local r = reqs[math.random(#reqs)]
  if r.get then
    return r.get
  end
  local ip = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", r.post, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Real-IP"] = ip,
  }, r.body)
end

function response(status, headers, body)
  if status == 429 then
    counts.s429 = counts.s429 + 1
  elseif status >= 500 then
    counts.s5 = counts.s5 + 1
  elseif status >= 400 then
    counts.s4 = counts.s4 + 1
  elseif status >= 300 then
    counts.s3 = counts.s3 + 1
  else
    counts.ok = counts.ok + 1
  end
end

function done(summary, latency, requests_)
  local t = { ok = 0, s3 = 0, s4 = 0, s429 = 0, s5 = 0 }
  for _, th in ipairs(threads) do
    local c = th:get("counts")
    for k, _ in pairs(t) do
      t[k] = t[k] + (c[k] or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    "SOAK_REQUESTS=%d SOAK_2XX=%d SOAK_3XX=%d SOAK_4XX=%d SOAK_429=%d SOAK_5XX=%d SOAK_CONNECT=%d SOAK_READ=%d SOAK_WRITE=%d SOAK_TIMEOUT=%d\n",
    summary.requests, t.ok, t.s3, t.s4, t.s429, t.s5, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("SOAK_P50_MS=%.2f SOAK_P99_MS=%.2f SOAK_RPS=%.1f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
