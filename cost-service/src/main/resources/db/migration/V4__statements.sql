-- Monthly showback/chargeback statements per team. Issuing a statement freezes its lines: rows here are
-- never updated or deleted (the triggers below refuse it), so an issued statement never changes. A later
-- correction (after a re-pricing) is a new revision that names the one it corrects.

create table cost_statements (
    id                uuid        primary key,
    team_id           text        not null,
    month             date        not null, -- first day of the calendar month (UTC)
    revision          integer     not null,
    issued_at         timestamptz not null,
    issued_by         text        not null,
    corrects          uuid        references cost_statements (id), -- the revision this one replaces
    reason            text,
    repricing_run_id  uuid,
    constraint cost_statements_month_is_first_day check (month = date_trunc('month', month)::date),
    constraint cost_statements_revision_once unique (team_id, month, revision)
);

create table cost_statement_lines (
    statement_id         uuid           not null references cost_statements (id),
    line_no              integer        not null,
    model                text           not null, -- model name, else model id, else (none)
    currency             text,
    requests             bigint         not null,
    prompt_tokens        bigint         not null,
    completion_tokens    bigint         not null,
    cached_prompt_tokens bigint         not null,
    reasoning_tokens     bigint         not null,
    estimated_requests   bigint         not null,
    unpriced_requests    bigint         not null,
    cost                 numeric(24, 6) not null,
    primary key (statement_id, line_no)
);

-- Also guards other records that must stay as written (re-pricing runs).
create function cost_refuse_change_to_issued() returns trigger
language plpgsql as $$
begin
    raise exception '% rows are never changed or removed once written (refused %)', tg_table_name, tg_op
        using errcode = 'integrity_constraint_violation';
end
$$;

create trigger cost_statements_are_immutable before update or delete on cost_statements
    for each row execute function cost_refuse_change_to_issued();
create trigger cost_statement_lines_are_immutable before update or delete on cost_statement_lines
    for each row execute function cost_refuse_change_to_issued();
