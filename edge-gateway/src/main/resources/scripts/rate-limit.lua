-- Sliding-window rate limit over one or more windows, checked and counted atomically.
-- KEYS: pairs (current minute bucket, previous minute bucket) per window
-- ARGV[1]: milliseconds elapsed in the current minute; then pairs (limit, cost) per window
-- Returns {blocked window index or 0, used_1, ..., used_n}; counts only when nothing is blocked.
local elapsed = tonumber(ARGV[1])
local windows = #KEYS / 2
local result = { 0 }
for i = 1, windows do
  local current = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  local previous = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  local limit = tonumber(ARGV[2 * i])
  local cost = tonumber(ARGV[2 * i + 1])
  local used = math.floor(previous * (60000 - elapsed) / 60000 + current)
  if result[1] == 0 and used + cost > limit then
    result[1] = i
  end
  result[i + 1] = used
end
if result[1] == 0 then
  for i = 1, windows do
    redis.call('INCRBY', KEYS[2 * i - 1], ARGV[2 * i + 1])
    redis.call('PEXPIRE', KEYS[2 * i - 1], 120000)
  end
end
return result
