-- Admins now change and delete configuration. Every changeable table gets a revision (JPA's
-- optimistic lock and the API's ETag) and the time of its last change.
alter table providers    add column revision bigint not null default 0, add column updated_at timestamptz;
alter table models       add column revision bigint not null default 0, add column updated_at timestamptz;
alter table pools        add column revision bigint not null default 0, add column updated_at timestamptz;
alter table endpoints    add column revision bigint not null default 0, add column updated_at timestamptz;
alter table routes       add column revision bigint not null default 0, add column updated_at timestamptz;
alter table tenants      add column revision bigint not null default 0, add column updated_at timestamptz;
alter table teams        add column revision bigint not null default 0, add column updated_at timestamptz;
alter table virtual_keys add column revision bigint not null default 0, add column updated_at timestamptz;

update providers    set updated_at = created_at;
update models       set updated_at = created_at;
update pools        set updated_at = created_at;
update endpoints    set updated_at = created_at;
update routes       set updated_at = created_at;
update tenants      set updated_at = created_at;
update teams        set updated_at = created_at;
update virtual_keys set updated_at = created_at;

alter table providers    alter column updated_at set not null;
alter table models       alter column updated_at set not null;
alter table pools        alter column updated_at set not null;
alter table endpoints    alter column updated_at set not null;
alter table routes       alter column updated_at set not null;
alter table tenants      alter column updated_at set not null;
alter table teams        alter column updated_at set not null;
alter table virtual_keys alter column updated_at set not null;

-- Keys are listed by team.
create index virtual_keys_team_idx on virtual_keys (team_id);

-- Who changed what, when: one row per create, update and delete, written in the transaction of the
-- change. States are the API's view of the entity with secrets left out; they are never updated.
create table audit_log (
    id               uuid primary key,
    seq              bigint generated always as identity,
    occurred_at      timestamptz  not null,
    actor            varchar(200) not null,
    entity           varchar(40)  not null,
    entity_id        varchar(64)  not null,
    operation        varchar(10)  not null,
    catalog_version  bigint       not null,
    before_state     jsonb,
    after_state      jsonb,
    constraint audit_log_seq_key unique (seq),
    constraint audit_log_operation_check check (operation in ('CREATED', 'UPDATED', 'DELETED'))
);

create index audit_log_entity_idx on audit_log (entity, entity_id);
create index audit_log_actor_idx on audit_log (actor);
create index audit_log_occurred_at_idx on audit_log (occurred_at);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only';
end;
$$;

create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
