-- Attributes the routing engine and the gateway need beyond the walking skeleton, encrypted provider
-- credentials, route versions, and key scopes and limits. All new columns are optional or defaulted,
-- so existing rows stay valid.

-- Providers: timeouts and the provider's own rate limits; credentials encrypted with AES-GCM under the
-- configured key named by credentials_key_id (so keys can rotate: any configured key still decrypts).
alter table providers
    add column connect_timeout_ms  integer check (connect_timeout_ms > 0),
    add column request_timeout_ms  integer check (request_timeout_ms > 0),
    add column requests_per_minute integer check (requests_per_minute > 0),
    add column tokens_per_minute   integer check (tokens_per_minute > 0),
    add column credentials_ciphertext text,
    add column credentials_key_id     varchar(64),
    add constraint providers_credentials_check
        check ((credentials_ciphertext is null) = (credentials_key_id is null));

alter table models
    add column family             varchar(100),
    add column max_output_tokens  integer check (max_output_tokens > 0),
    add column quality_tier       varchar(20) check (quality_tier in ('economy', 'standard', 'premium')),
    add column deprecation_date   date,
    add column regions            text[] not null default '{}';

-- The new column is set only when a price is inserted; the append-only trigger still refuses updates.
alter table prices
    add column reasoning_per_million numeric(18, 6) check (reasoning_per_million >= 0);

alter table pools
    add column hardware_profile varchar(100),
    add column lora_adapters    text[]  not null default '{}',
    add column private_pool     boolean not null default false;

alter table endpoints
    add column metrics_url varchar(2048);

-- Policy parameters beyond the targets (fallback chain, tier map, thresholds, constraints).
alter table routes drop constraint routes_policy_type_check;
alter table routes
    add column parameters jsonb check (parameters is null or jsonb_typeof(parameters) = 'object'),
    add constraint routes_policy_type_check
        check (policy_type in ('static', 'weighted', 'fallback', 'tiered', 'cost-aware', 'latency-aware'));

-- Every revision of every route, so an admin can see what a route was and roll back to it.
create table route_versions (
    route_id     uuid         not null,
    version      bigint       not null,
    alias        varchar(100) not null,
    policy_type  varchar(40)  not null,
    targets      jsonb        not null,
    parameters   jsonb,
    created_at   timestamptz  not null,
    actor        varchar(200) not null,
    primary key (route_id, version)
);

insert into route_versions (route_id, version, alias, policy_type, targets, parameters, created_at, actor)
select id, version, alias, policy_type, targets, null, updated_at, 'system' from routes;

alter table teams
    add column requests_per_minute integer check (requests_per_minute > 0),
    add column tokens_per_minute   integer check (tokens_per_minute > 0);

alter table virtual_keys
    add column allowed_models      text[] not null default '{}',
    add column requests_per_minute integer check (requests_per_minute > 0),
    add column tokens_per_minute   integer check (tokens_per_minute > 0);
