-- A provider's first-byte and stream-idle timeouts, attempts per target and circuit-breaker thresholds,
-- which the gateway applies to every target of the provider; null: the gateway's defaults.
alter table providers
    add column resilience jsonb;
