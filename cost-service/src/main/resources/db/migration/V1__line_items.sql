-- One row per usage event. event_id is the primary key so that a redelivered event is ignored
-- (INSERT ... ON CONFLICT DO NOTHING) and never counted twice.
create table line_items (
    event_id                 uuid           primary key,
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
    cost                     numeric(20, 6) not null,
    -- what the producer computed, kept for audit when it disagrees with cost
    reported_cost            numeric,
    created_at               timestamptz    not null default now(),
    constraint line_items_priced_has_price check (unpriced or (price_id is not null and currency is not null)),
    constraint line_items_unpriced_costs_nothing check (not unpriced or cost = 0)
);

-- Reports filter by a period and group by team, model or tenant.
create index line_items_occurred_at_idx on line_items (occurred_at);
create index line_items_tenant_occurred_at_idx on line_items (tenant_id, occurred_at);
create index line_items_team_occurred_at_idx on line_items (team_id, occurred_at);
create index line_items_model_occurred_at_idx on line_items (model_id, occurred_at);
