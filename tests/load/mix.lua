-- wrk request mix for tests/load/load.sh.
--   wrk -s tests/load/mix.lua http://127.0.0.1:PORT -- /decisions/SOME-ID/
-- Cycles through static pages, the search page, the JSON API and the health check, and
-- counts every response with status >= 400 per status (wrk's `response` callback is not told
-- which request it answers, so no path); `done` prints them and machine-readable `MIX_*`
-- lines that load.sh checks.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local decision = args[1] or "/decisions/"
  paths = {
    "/",
    "/risks/R-001-1/",
    "/decisions/",
    decision,
    "/search?q=%E9%97%A8%E5%8F%A3%E6%91%86%E6%91%8A", -- 门口摆摊
    "/api/search?q=%E6%B2%B9%E7%83%9F&kind=risk",      -- 油烟, risk points only
    "/healthz",
  }
  -- Browsers ask for compression; so does the mix (exercises the compression layer).
  wrk.headers["Accept-Encoding"] = "gzip, br"
  requests = {}
  for i, p in ipairs(paths) do
    requests[i] = wrk.format("GET", p)
  end
  n = 0
  bad = 0
  bad_detail = ""
end

function request()
  n = n + 1
  return requests[(n - 1) % #paths + 1]
end

function response(status, headers, body)
  if status >= 400 then
    bad = bad + 1
    if #bad_detail < 2000 then
      local ctype = headers["Content-Type"] or headers["content-type"] or "?"
      bad_detail = bad_detail .. string.format(" %d(%s)", status, ctype)
    end
  end
end

function done(summary, latency, requests_)
  local total_bad = 0
  for _, t in ipairs(threads) do
    local b = t:get("bad") or 0
    total_bad = total_bad + b
    local d = t:get("bad_detail") or ""
    if b > 0 then
      io.write(string.format("thread responses >= 400: %d;%s\n", b, d))
    end
  end
  local e = summary.errors
  io.write(string.format(
    "MIX_REQUESTS=%d MIX_BAD=%d MIX_CONNECT=%d MIX_READ=%d MIX_WRITE=%d MIX_TIMEOUT=%d MIX_STATUS=%d\n",
    summary.requests, total_bad, e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format("MIX_P50_MS=%.2f MIX_P99_MS=%.2f MIX_RPS=%.1f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
