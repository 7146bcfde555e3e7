-- The audit record of every re-pricing run: who, when, what (model, period, new price), why, and the
-- totals before and after per currency. Runs are never changed afterwards.

create table cost_repricing_runs (
    id                       uuid        primary key,
    requested_by             text        not null,
    requested_at             timestamptz not null,
    model_id                 text        not null,
    period_from              timestamptz not null,
    period_to                timestamptz not null,
    reason                   text        not null,
    price_id                 text        not null,
    currency                 text        not null,
    input_per_million        numeric     not null,
    output_per_million       numeric     not null,
    cached_input_per_million numeric     not null,
    reasoning_per_million    numeric,
    line_items               bigint      not null
);

-- side: 'before' or 'after'; currency null for items that had no price before the run.
create table cost_repricing_run_totals (
    run_id   uuid           not null references cost_repricing_runs (id),
    side     text           not null check (side in ('before', 'after')),
    currency text,
    requests bigint         not null,
    cost     numeric(24, 6) not null
);
create index cost_repricing_run_totals_run_idx on cost_repricing_run_totals (run_id);

create trigger cost_repricing_runs_are_immutable before update or delete on cost_repricing_runs
    for each row execute function cost_refuse_change_to_issued();
create trigger cost_repricing_run_totals_are_immutable before update or delete on cost_repricing_run_totals
    for each row execute function cost_refuse_change_to_issued();
