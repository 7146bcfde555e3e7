#!/bin/bash
# Runs once, when the PostgreSQL data volume is first initialised (docker-entrypoint-initdb.d).
# One database per service, each owned by its own login role, so neither service can read the other's
# tables (each service owns its schema; Flyway creates it at the service's start-up).
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v registry_password="$REGISTRY_DB_PASSWORD" -v cost_password="$COST_DB_PASSWORD" <<'SQL'
CREATE ROLE signalbox_registry LOGIN PASSWORD :'registry_password';
CREATE DATABASE registry OWNER signalbox_registry;
REVOKE ALL ON DATABASE registry FROM PUBLIC;

CREATE ROLE signalbox_cost LOGIN PASSWORD :'cost_password';
CREATE DATABASE cost OWNER signalbox_cost;
REVOKE ALL ON DATABASE cost FROM PUBLIC;
SQL
