-- Line items move to a table range-partitioned by month on occurred_at (the request's start, which reports
-- bucket by). See docs/adr/0006-cost-storage-partitioning-and-rollups.md.
--
-- Idempotency: a partitioned table's primary key must include the partition key, so the key becomes
-- (event_id, occurred_at). A redelivered event is the same event: same event id, same startedAt, so it
-- lands in the same partition and conflicts there. ON CONFLICT (event_id, occurred_at) DO NOTHING keeps
-- redelivery from counting twice, exactly as the old key on event_id alone did.

alter table line_items rename to line_items_v1;
alter table line_items_v1 rename constraint line_items_pkey to line_items_v1_pkey;
drop index line_items_occurred_at_idx;
drop index line_items_tenant_occurred_at_idx;
drop index line_items_team_occurred_at_idx;
drop index line_items_model_occurred_at_idx;

create table line_items (
    event_id                 uuid           not null,
    request_id               text           not null,
    decision_id              text,
    trace_id                 text,
    occurred_at              timestamptz    not null, -- the event's startedAt: reports bucket by this
    completed_at             timestamptz    not null,
    tenant_id                text           not null,
    team_id                  text,
    key_id                   text           not null,
    tags                     jsonb          not null default '{}'::jsonb,
    operation                text           not null,
    requested_model          text           not null,
    route_alias              text,
    policy                   text,
    model_id                 text,
    model_name               text,
    provider_id              text,
    pool_id                  text,
    endpoint_id              text,
    http_status              integer        not null,
    succeeded                boolean        not null,
    error_class              text,
    interrupted              boolean        not null,
    -- token counts stay null when the upstream did not report them: "not reported" is not zero
    prompt_tokens            integer,
    completion_tokens        integer,
    cached_prompt_tokens     integer,
    reasoning_tokens         integer,
    tokens_estimated         boolean        not null,
    -- an event without a price is kept with cost 0 and flagged, never dropped
    unpriced                 boolean        not null,
    price_id                 text,
    currency                 text,
    -- rates are kept exactly as the price snapshot carried them (unconstrained numeric)
    input_per_million        numeric,
    output_per_million       numeric,
    cached_input_per_million numeric,
    reasoning_per_million    numeric, -- null: reasoning tokens are charged as output (and for rows from V1)
    cost                     numeric(20, 6) not null,
    -- what the producer computed, kept for audit when it disagrees with cost
    reported_cost            numeric,
    -- the re-pricing run that last changed cost and price, if any (cost_repricing_runs)
    repricing_run_id         uuid,
    created_at               timestamptz    not null default now(),
    constraint line_items_pk primary key (event_id, occurred_at),
    constraint line_items_priced_has_price check (unpriced or (price_id is not null and currency is not null)),
    constraint line_items_unpriced_costs_nothing check (not unpriced or cost = 0)
) partition by range (occurred_at);

-- Creates the month's partition unless it exists; answers its name. Months are calendar months in UTC.
-- The advisory lock makes concurrent callers (replicas, the ingest and the scheduled job) wait for each
-- other instead of racing on the catalog; it is released at the end of the caller's transaction.
create function cost_line_item_partition(month date) returns text
language plpgsql as $$
declare
    first_day date := date_trunc('month', month)::date;
    partition_name text := format('line_items_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
begin
    perform pg_advisory_xact_lock(hashtext('signalbox.cost.line_item_partitions'));
    if to_regclass(partition_name) is null then
        execute format('create table %I partition of line_items for values from (%L) to (%L)',
                partition_name,
                first_day::timestamp at time zone 'UTC',
                (first_day + interval '1 month')::timestamp at time zone 'UTC');
    end if;
    return partition_name;
end
$$;

-- A partition for every month that holds data, and for the current month.
do $$
declare
    month date;
    last_month date := date_trunc('month', now() at time zone 'UTC')::date;
begin
    select coalesce(least(min(date_trunc('month', occurred_at at time zone 'UTC'))::date, last_month), last_month)
      into month from line_items_v1;
    select greatest(last_month, coalesce(max(date_trunc('month', occurred_at at time zone 'UTC'))::date, last_month))
      into last_month from line_items_v1;
    while month <= last_month loop
        perform cost_line_item_partition(month);
        month := month + interval '1 month';
    end loop;
end
$$;

insert into line_items (
    event_id, request_id, decision_id, trace_id, occurred_at, completed_at,
    tenant_id, team_id, key_id, tags, operation, requested_model, route_alias, policy,
    model_id, model_name, provider_id, pool_id, endpoint_id,
    http_status, succeeded, error_class, interrupted,
    prompt_tokens, completion_tokens, cached_prompt_tokens, reasoning_tokens, tokens_estimated,
    unpriced, price_id, currency, input_per_million, output_per_million, cached_input_per_million,
    cost, reported_cost, created_at)
select
    event_id, request_id, decision_id, trace_id, occurred_at, completed_at,
    tenant_id, team_id, key_id, tags, operation, requested_model, route_alias, policy,
    model_id, model_name, provider_id, pool_id, endpoint_id,
    http_status, succeeded, error_class, interrupted,
    prompt_tokens, completion_tokens, cached_prompt_tokens, reasoning_tokens, tokens_estimated,
    unpriced, price_id, currency, input_per_million, output_per_million, cached_input_per_million,
    cost, reported_cost, created_at
from line_items_v1;

drop table line_items_v1;

-- Indexes, declared once on the parent and created on every partition. Reports read rollups; line items
-- are read by the fallback for queries rollups cannot answer (mostly narrowed by team), by re-pricing
-- (one model over a period) and by statements' checks. A BRIN index on occurred_at serves time-range
-- scans inside a partition at a tiny fraction of a b-tree's size, because rows arrive roughly in time order.
create index line_items_team_occurred_at_idx on line_items (team_id, occurred_at);
create index line_items_model_occurred_at_idx on line_items (model_id, occurred_at);
create index line_items_occurred_at_brin on line_items using brin (occurred_at);
