-- wrk: send GET requests cycling through the paths in $BENCH_PATHS (one per line), each thread from its own offset.
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local i = 0
local id = 0
setup = function(thread)
  id = id + 1
  thread:set("offset", id * 997)
end
init = function(args)
  i = (offset or 0) % #paths
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
