-- Tenant and team allow-lists, enforced by routing-service as hard constraints: the models (names or route
-- aliases) a tenant's or team's requests may use, and the regions a tenant's requests may run in.
-- Empty: unrestricted, so existing rows keep their meaning.
alter table tenants
    add column allowed_models  text[] not null default '{}',
    add column allowed_regions text[] not null default '{}';

alter table teams
    add column allowed_models text[] not null default '{}';

-- The complexity and semantic policies were accepted by the API but refused by this check (a 500 on create).
alter table routes drop constraint routes_policy_type_check;
alter table routes
    add constraint routes_policy_type_check
        check (policy_type in ('static', 'weighted', 'fallback', 'tiered', 'cost-aware', 'latency-aware',
                               'complexity', 'semantic'));
