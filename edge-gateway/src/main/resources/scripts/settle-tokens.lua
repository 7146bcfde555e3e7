-- Adds token corrections to per-minute counters.
-- KEYS: the counters (all of one tenant, so one Redis Cluster hash slot); ARGV: their corrections, same order.
-- A counter no check has created yet (or one that expired) gets the check's expiry, so none outlives its window.
for i = 1, #KEYS do
  redis.call('INCRBY', KEYS[i], ARGV[i])
  if redis.call('PTTL', KEYS[i]) < 0 then
    redis.call('PEXPIRE', KEYS[i], 120000)
  end
end
return #KEYS
