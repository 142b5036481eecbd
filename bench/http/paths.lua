-- wrk script: cycle GET /v1/paths over the pairs of a file ("from to" per
-- line, # comments), so that every request asks for another pair.
-- usage: wrk ... -s paths.lua URL -- PAIRS_FILE [extra query]
local list = {}
local extra = ""
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    local a, b = line:match("^(%S+)%s+(%S+)")
    if a and a:sub(1, 1) ~= "#" then
      list[#list + 1] = "/v1/paths?from=" .. a .. "&to=" .. b
    end
  end
  if args[2] then extra = "&" .. args[2] end
  i = math.random(#list) - 1
end

function request()
  i = i % #list + 1
  return wrk.format("GET", list[i] .. extra)
end
