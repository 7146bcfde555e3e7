-- Sliding-window rate limit over one or more windows, checked and counted atomically.
-- KEYS: pairs (current minute bucket, previous minute bucket) per window
-- ARGV[1]: milliseconds elapsed in the current minute; then triples (limit, need, want) per window:
--   need is what the request must add to the window, want (>= need) what the replica would like to count ahead
--   for its next requests (a lease, handed out locally; at most half of what is left, never beyond the limit).
-- Returns {blocked window index or 0, used_1, granted_1, ..., used_n, granted_n}, used as before this call;
-- counts only when nothing is blocked.
local elapsed = tonumber(ARGV[1])
local windows = #KEYS / 2
local result = { 0 }
for i = 1, windows do
  local current = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  local previous = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  local limit = tonumber(ARGV[3 * i - 1])
  local need = tonumber(ARGV[3 * i])
  local want = tonumber(ARGV[3 * i + 1])
  -- the estimate of the last sixty seconds rounds up: rounded down, a key that used its whole limit in the
  -- minute before could send one more request right after the minute turned (2 + 1 within two seconds)
  local used = math.ceil(previous * (60000 - elapsed) / 60000 + current)
  if result[1] == 0 and used + need > limit then
    result[1] = i
  end
  local granted = math.max(need, math.min(want, math.floor((limit - used) / 2)))
  result[2 * i] = used
  result[2 * i + 1] = granted
end
if result[1] == 0 then
  for i = 1, windows do
    redis.call('INCRBY', KEYS[2 * i - 1], result[2 * i + 1])
    redis.call('PEXPIRE', KEYS[2 * i - 1], 120000)
  end
end
return result
