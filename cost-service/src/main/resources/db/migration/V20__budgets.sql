-- Budgets (issue 7). One budget per scope: routing keys budget status by '<scope>:<scopeId>'.
create table budgets (
    id                  uuid           primary key,
    name                text           not null,
    scope               text           not null,
    scope_id            text           not null,
    period              text           not null,
    time_zone           text           not null, -- an IANA zone id; periods are calendar days or months there
    currency            text           not null,
    amount              numeric(20, 6) not null,
    soft_limit_percent  integer        not null,
    enforce_hard_limit  boolean        not null,
    alert_thresholds    integer[]      not null, -- percentages of amount, ascending
    webhook_url         text,
    revision            bigint         not null,
    created_at          timestamptz    not null,
    updated_at          timestamptz    not null,
    constraint budgets_scope_key unique (scope, scope_id),
    constraint budgets_scope_known check (scope in ('tenant', 'team', 'key', 'tag')),
    constraint budgets_period_known check (period in ('daily', 'monthly')),
    constraint budgets_amount_positive check (amount > 0),
    constraint budgets_soft_limit_percent_range check (soft_limit_percent between 1 and 1000)
);

-- The generation of the set of budgets. Every budget change bumps it while holding the budget advisory lock
-- exclusively; ingest reads it with the lock held shared (budget_catalog_generation()), so an ingest
-- transaction either sees a budget change or has committed before the change's backfill reads line_items.
-- That is what makes a budget created mid-period count every line item exactly once.
create table budget_catalog (
    id          integer primary key check (id = 1),
    generation  bigint  not null
);
insert into budget_catalog (id, generation) values (1, 0);

-- VOLATILE, so the select runs with a snapshot taken after the lock is granted, not before.
-- The lock key must equal BudgetCatalog.LOCK_KEY.
create function budget_catalog_generation() returns bigint
    language plpgsql volatile as $$
begin
    perform pg_advisory_xact_lock_shared(4842175048877810276);
    return (select generation from budget_catalog where id = 1);
end
$$;

-- Spend per budget and period. Rows are created by a backfill from line_items (insert ... select sum) and
-- then only incremented, in the transaction that inserts each line item.
create table budget_spend (
    budget_id     uuid           not null references budgets (id) on delete cascade,
    period_start  timestamptz    not null,
    period_end    timestamptz    not null,
    spent         numeric(20, 6) not null,
    updated_at    timestamptz    not null default now(),
    primary key (budget_id, period_start)
);

-- Status keys that no budget holds any more (deleted, or moved to another scope). Their tombstones are sent
-- again for a while, in case another instance published a stale status after the first tombstone.
create table budget_retired_keys (
    status_key  text        primary key,
    retired_at  timestamptz not null
);

-- Alerts: at most one per budget, period, kind and threshold, however many consumers or replicas race.
create table budget_alerts (
    id                 uuid           primary key,
    budget_id          uuid           not null references budgets (id) on delete cascade,
    kind               text           not null,
    period             text           not null, -- the period's name; for anomalies the day's
    period_start       timestamptz    not null,
    period_end         timestamptz    not null,
    threshold_percent  integer,                  -- kind 'threshold': the percentage of the amount
    threshold_amount   numeric(20, 6) not null,  -- the spend that triggered the alert when reached
    spent              numeric(20, 6) not null,
    currency           text           not null,
    baseline_mean      numeric(20, 6),           -- kind 'anomaly'
    baseline_stddev    numeric(20, 6),
    raised_at          timestamptz    not null,
    webhook_url        text,                     -- where it goes, fixed when raised
    delivery_state     text           not null,
    delivery_attempts  integer        not null default 0,
    next_attempt_at    timestamptz,
    delivered_at       timestamptz,
    constraint budget_alerts_kind_known check (kind in ('threshold', 'hard-limit', 'anomaly')),
    constraint budget_alerts_delivery_state_known
        check (delivery_state in ('pending', 'delivered', 'failed', 'not-configured'))
);
create unique index budget_alerts_once
    on budget_alerts (budget_id, period_start, kind, coalesce(threshold_percent, 0));
create index budget_alerts_due on budget_alerts (next_attempt_at) where delivery_state = 'pending';

-- Every webhook delivery attempt and its outcome.
create table budget_alert_deliveries (
    alert_id      uuid        not null references budget_alerts (id) on delete cascade,
    attempt       integer     not null,
    attempted_at  timestamptz not null,
    status_code   integer,
    error         text,
    outcome       text        not null,
    primary key (alert_id, attempt),
    constraint budget_alert_deliveries_outcome_known check (outcome in ('delivered', 'retry', 'failed'))
);
