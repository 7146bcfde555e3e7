-- Hourly and daily rollups of line items, maintained in the transaction that inserts the line items (and
-- in the one that re-prices them), so that a rollup always equals the sum of its line items.
-- See docs/adr/0006-cost-storage-partitioning-and-rollups.md.
--
-- Key: bucket (start of the UTC hour or UTC day), tenant, team, key, model (id and name), provider, route
-- and currency. Nullable key columns take part in the key (NULLS NOT DISTINCT), so "no team" is one group.
-- Tags live in their own rollups: one row per tag name and value of an item, with the same key besides,
-- so that a tag report can be filtered and scoped like any other report. Items without a tag are what
-- the plain rollup holds beyond the tag rollup for that name.
--
-- fillfactor leaves room on each page so that the counter updates of an upsert stay HOT (no index churn).

create table cost_rollups_hourly (
    bucket_start         timestamptz    not null,
    tenant_id            text           not null,
    team_id              text,
    key_id               text           not null,
    model_id             text,
    model_name           text,
    provider_id          text,
    route_alias          text,
    currency             text,
    requests             bigint         not null,
    prompt_tokens        bigint         not null,
    completion_tokens    bigint         not null,
    cached_prompt_tokens bigint         not null,
    reasoning_tokens     bigint         not null,
    estimated_requests   bigint         not null, -- items whose token counts were estimated
    unpriced_requests    bigint         not null, -- items that carried no price (cost 0)
    cost                 numeric(24, 6) not null
) with (fillfactor = 80);

create table cost_rollups_daily (like cost_rollups_hourly) with (fillfactor = 80);

create table cost_tag_rollups_hourly (
    tag_name  text not null,
    tag_value text not null,
    like cost_rollups_hourly
) with (fillfactor = 80);

create table cost_tag_rollups_daily (like cost_tag_rollups_hourly) with (fillfactor = 80);

create unique index cost_rollups_hourly_key on cost_rollups_hourly
    (bucket_start, tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias, currency) nulls not distinct;
create unique index cost_rollups_daily_key on cost_rollups_daily
    (bucket_start, tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias, currency) nulls not distinct;
create unique index cost_tag_rollups_hourly_key on cost_tag_rollups_hourly
    (tag_name, bucket_start, tag_value, tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias, currency)
    nulls not distinct;
create unique index cost_tag_rollups_daily_key on cost_tag_rollups_daily
    (tag_name, bucket_start, tag_value, tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias, currency)
    nulls not distinct;

-- Team-scoped reports and statements (the common finance question) narrow by team first.
create index cost_rollups_hourly_team_idx on cost_rollups_hourly (team_id, bucket_start);
create index cost_rollups_daily_team_idx on cost_rollups_daily (team_id, bucket_start);

-- Line items stored before this migration.
insert into cost_rollups_hourly
select date_trunc('hour', occurred_at, 'UTC'), tenant_id, team_id, key_id, model_id, model_name, provider_id,
       route_alias, currency, count(*), coalesce(sum(prompt_tokens), 0), coalesce(sum(completion_tokens), 0),
       coalesce(sum(cached_prompt_tokens), 0), coalesce(sum(reasoning_tokens), 0),
       count(*) filter (where tokens_estimated), count(*) filter (where unpriced), sum(cost)
  from line_items
 group by 1, 2, 3, 4, 5, 6, 7, 8, 9;

insert into cost_rollups_daily
select date_trunc('day', bucket_start, 'UTC'), tenant_id, team_id, key_id, model_id, model_name, provider_id,
       route_alias, currency, sum(requests), sum(prompt_tokens), sum(completion_tokens), sum(cached_prompt_tokens),
       sum(reasoning_tokens), sum(estimated_requests), sum(unpriced_requests), sum(cost)
  from cost_rollups_hourly
 group by 1, 2, 3, 4, 5, 6, 7, 8, 9;

insert into cost_tag_rollups_hourly
select t.key, t.value, date_trunc('hour', occurred_at, 'UTC'), tenant_id, team_id, key_id, model_id, model_name,
       provider_id, route_alias, currency, count(*), coalesce(sum(prompt_tokens), 0),
       coalesce(sum(completion_tokens), 0), coalesce(sum(cached_prompt_tokens), 0),
       coalesce(sum(reasoning_tokens), 0), count(*) filter (where tokens_estimated), count(*) filter (where unpriced),
       sum(cost)
  from line_items cross join lateral jsonb_each_text(tags) as t
 group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11;

insert into cost_tag_rollups_daily
select tag_name, tag_value, date_trunc('day', bucket_start, 'UTC'), tenant_id, team_id, key_id, model_id, model_name,
       provider_id, route_alias, currency, sum(requests), sum(prompt_tokens), sum(completion_tokens),
       sum(cached_prompt_tokens), sum(reasoning_tokens), sum(estimated_requests), sum(unpriced_requests), sum(cost)
  from cost_tag_rollups_hourly
 group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11;
