-- A tenant's negotiated discounts and markups: while a rule is in effect, the tenant's requests pay the list
-- price changed by percent (-12.5: a 12.5 % discount; 5: a 5 % markup). A rule covers the whole tenant, one
-- provider or one model; routing applies the most specific rule in effect (model, provider, tenant-wide),
-- and among equally specific ones the one that took effect last.
create table tenant_price_adjustments (
    id              uuid primary key,
    tenant_id       uuid          not null references tenants (id),
    provider_id     uuid          references providers (id),
    model_id        uuid          references models (id),
    percent         numeric(8, 4) not null check (percent > -100 and percent <= 1000),
    effective_from  timestamptz   not null,
    effective_to    timestamptz,
    note            varchar(500),
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    revision        bigint        not null default 0,
    constraint tenant_price_adjustments_one_scope check (provider_id is null or model_id is null),
    constraint tenant_price_adjustments_period check (effective_to is null or effective_to > effective_from),
    -- One rule per scope and start: which of two rules applies must never depend on chance.
    constraint tenant_price_adjustments_scope_start_key
        unique nulls not distinct (tenant_id, provider_id, model_id, effective_from)
);

-- Provider and model deletion ask whether a rule names them.
create index tenant_price_adjustments_provider_idx on tenant_price_adjustments (provider_id) where provider_id is not null;
create index tenant_price_adjustments_model_idx on tenant_price_adjustments (model_id) where model_id is not null;
