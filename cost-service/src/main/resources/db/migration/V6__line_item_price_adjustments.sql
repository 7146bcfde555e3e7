-- A tenant's negotiated discount or markup, as the usage event's price carried it: the rates stay the list
-- rates, cost is the list cost times (100 + adjustment_percent) / 100, rounded once. Null: the list price was
-- charged (and for every row from before this migration). Added on the partitioned parent, so every month
-- partition, existing and future, has the columns; nullable without a default, so no partition is rewritten.
alter table line_items
    add column adjustment_percent numeric,
    add column adjustment_rule_id text;
