-- wrk script: every request creates a new recommendation (If-None-Match: *), so no version tracking is needed.
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  counter = 0
  parent = args[1] or "munitiebeheer"
  token = args[2] or ""
  run = args[3] or "r"
end

function request()
  counter = counter + 1
  local key = "bench-" .. run .. "-" .. id .. "-" .. counter
  local body = '{"type": "aangemaakt", "data": {"kind": "aanbeveling", "title": "Bench ' .. key ..
               '", "parent": "' .. parent .. '"}}'
  return wrk.format("POST", "/api/v1/items/" .. key .. "/events",
    {["Content-Type"] = "application/json", ["If-None-Match"] = "*", ["Authorization"] = "Bearer " .. token}, body)
end
