-- wrk script: GET the path (its "{day}" replaced) with another peildatum on every request, counting back day by
-- day from 2025-12-31 over one year, each thread from its own starting day, so that no answer comes from a
-- cache; prints the 95th percentile latency (microseconds) as p95.lua does.
threads = 0

function setup(thread)
  thread:set("offset", threads * 180)
  threads = threads + 1
end

function init(args)
  path = args[1]
  last = os.time{year = 2025, month = 12, day = 31, hour = 12}
  counter = 0
end

function request()
  counter = counter + 1
  local day = os.date("!%Y-%m-%d", last - ((counter + offset) % 365) * 86400)
  return wrk.format("GET", (path:gsub("{day}", day)))
end

done = function(summary, latency, requests)
  io.write(string.format("p95_us=%d\n", latency:percentile(95)))
end
