#!/bin/sh
# One-shot bootstrap of docker-compose.yml (runs in curlimages/curl; POSIX sh, no jq):
#   1. imports demo-catalog.yaml through the registry's configuration import (an idempotent upsert),
#   2. issues one virtual key per demo team, unless the team already has its demo key (keys are shown once:
#      the first run's log has them; `docker compose logs bootstrap`),
#   3. waits until routing-service serves the demo routes, so the first request through the gateway works.
set -eu

registry=${REGISTRY_URL:?}
routing=${ROUTING_URL:?}
admin="Authorization: Bearer ${SIGNALBOX_ADMIN_TOKEN:?}"
internal="Authorization: Bearer ${SIGNALBOX_INTERNAL_TOKEN:?}"

echo "Importing the demo catalog into $registry"
curl -sS --fail-with-body --retry 10 --retry-connrefused --retry-delay 3 -X POST "$registry/api/v1/config/import" \
    -H "$admin" -H 'Content-Type: application/yaml' --data-binary @/opt/signalbox/demo-catalog.yaml
echo

# The id of the object named $2 in the JSON list $1 (flat objects: id and name are top-level strings).
id_named() {
    printf '%s' "$1" | sed 's/},{/}\
{/g' | grep "\"name\":\"$2\"" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4
}

tenants=$(curl -sS --fail-with-body -H "$admin" "$registry/api/v1/tenants?q=demo&size=500")
tenant=$(id_named "$tenants" demo)
teams=$(curl -sS --fail-with-body -H "$admin" "$registry/api/v1/teams?tenantId=$tenant&size=500")

issue_key() { # team name, key name
    team=$(id_named "$teams" "$1")
    if [ -z "$team" ]; then
        echo "Team $1 of tenant demo is missing after the import" >&2
        exit 1
    fi
    existing=$(curl -sS --fail-with-body -H "$admin" "$registry/api/v1/keys?teamId=$team&status=active&q=$2")
    if printf '%s' "$existing" | grep -q "\"name\":\"$2\""; then
        echo "# team $1: key $2 was issued by an earlier run (its log showed it once)"
        return
    fi
    created=$(curl -sS --fail-with-body -X POST "$registry/api/v1/keys" -H "$admin" -H 'Content-Type: application/json' \
        -d "{\"teamId\":\"$team\",\"name\":\"$2\",\"tags\":{\"environment\":\"compose-demo\"}}")
    key=$(printf '%s' "$created" | grep -o '"key":"[^"]*"' | cut -d'"' -f4)
    echo "# team $1: $key"
    if [ "$1" = search ]; then
        echo "export OPENAI_API_KEY=$key"
    fi
}

echo "Waiting for routing-service to serve the demo routes"
tries=0
until curl -sS -H "$internal" "$routing/v1/models" 2>/dev/null | grep -q '"adaptive"'; do
    tries=$((tries + 1))
    if [ "$tries" -ge 90 ]; then
        echo "routing-service did not pick up the demo catalog within 3 minutes" >&2
        exit 1
    fi
    sleep 2
done

echo
echo "Signalbox is ready. Paste these lines:"
echo "export OPENAI_BASE_URL=${PUBLIC_GATEWAY_URL:-http://localhost:8080}/v1"
issue_key search search-demo
issue_key support support-demo
echo "export SIGNALBOX_ADMIN_TOKEN=$SIGNALBOX_ADMIN_TOKEN"
