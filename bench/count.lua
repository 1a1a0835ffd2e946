-- wrk sends exactly WRK_COUNT requests over its connections, then stops: each thread sends
-- its share, answers are counted by status, and the "id" of every 2xx answer is kept, so the
-- bench can look each one up in the database. WRK_BODY is a template: every "{n}" becomes a
-- token unique to the request (WRK_TAG, the thread, a counter), e.g. a unique address.
-- Each finished thread appends a line to WRK_REPORT..".finished" (the bench then interrupts
-- wrk, which would otherwise sleep out its -d); done() writes WRK_REPORT as JSON.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  local count, total = tonumber(os.getenv("WRK_COUNT")), tonumber(os.getenv("WRK_THREADS"))
  local index = #threads
  local share = math.floor(count / total)
  if index <= count % total then share = share + 1 end
  thread:set("index", index)
  thread:set("quota", share)
end

function init(args)
  method = os.getenv("WRK_METHOD") or "GET"
  template = os.getenv("WRK_BODY") or ""
  tag = os.getenv("WRK_TAG") or "w"
  finished_file = os.getenv("WRK_REPORT") .. ".finished"
  allowed, sent, answered = 0, 0, 0
  statuses, ids = {}, {}
  -- wrk calls the first thread's request() once before it runs, to check the request it
  -- builds; that one is never sent, so it is not counted.
  checking = index == 1
end

function finish()
  local file = io.open(finished_file, "a")
  file:write(index, "\n")
  file:close()
  wrk.thread:stop()
end

function delay()
  -- Called before each request: the share is counted here, as a request is allowed, since
  -- several connections are allowed theirs before the first of them builds its request.
  -- Past the share a connection waits (~11 days): the bench interrupts wrk long before.
  if allowed >= quota then return 1000000000 end
  allowed = allowed + 1
  return 0
end

function request()
  if checking then checking = false else sent = sent + 1 end
  if template == "" then return wrk.format(method) end
  local token = tag .. index .. "x" .. math.max(sent, 1)
  return wrk.format(method, nil, nil, (template:gsub("{n}", token)))
end

function response(status, headers, body)
  answered = answered + 1
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 200 and status < 300 then
    local id = body:match('"id"%s*:%s*"?([%w%-]+)')
    if id then table.insert(ids, id) end
  end
  if answered >= quota then finish() end
end

local function quoted(items)
  local out = {}
  for _, item in ipairs(items) do table.insert(out, '"' .. item .. '"') end
  return "[" .. table.concat(out, ",") .. "]"
end

function done(summary, latency, requests)
  local counts, all_ids, sent_total = {}, {}, 0
  local by_status = {}
  for _, thread in ipairs(threads) do
    sent_total = sent_total + (thread:get("sent") or 0)
    for status, n in pairs(thread:get("statuses") or {}) do
      by_status[status] = (by_status[status] or 0) + n
    end
    for _, id in ipairs(thread:get("ids") or {}) do table.insert(all_ids, id) end
  end
  for status, n in pairs(by_status) do table.insert(counts, '"' .. status .. '":' .. n) end
  local errors = summary.errors
  local report = string.format(
    '{"duration_us":%d,"requests":%d,"sent":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d},"statuses":{%s},"ids":%s}',
    summary.duration, summary.requests, sent_total,
    errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    table.concat(counts, ","), quoted(all_ids))
  local file = io.open(os.getenv("WRK_REPORT"), "w")
  file:write(report)
  file:close()
end
