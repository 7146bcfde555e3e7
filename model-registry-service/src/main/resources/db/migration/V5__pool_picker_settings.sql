-- A pool's endpoint-picker settings (scorer weights, saturation thresholds); null: routing's defaults.
alter table pools
    add column picker_settings jsonb;
