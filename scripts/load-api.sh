#!/usr/bin/env bash
# Load run for the plan register API (issue 2's speed targets), on loopback only.
#   1. builds tiendo, starts it on a fresh demo database;
#   2. POSTs tasks sequentially (wrk, 1 connection, 5 s runs) until the plan holds ≥ 10,000;
#   3. GETs open tasks by due date at 16 connections;
#   4. PATCHes random tasks at 16 connections.
# Needs wrk (Debian package). Usage: scripts/load-api.sh [seconds per phase, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
dir=$(mktemp -d)
port=18089
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
go build -o "$dir/tiendo" ./cmd/tiendo
"$dir/tiendo" serve --demo --db "$dir/load.db" --addr 127.0.0.1:$port >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done
export TOKEN=$("$dir/tiendo" token create --db "$dir/load.db" --user dieuphoi)
export PLAN_ID=1
export SECTION_ID=$(curl -sf -H "Authorization: Bearer $TOKEN" http://127.0.0.1:$port/api/v1/plans/1/sections |
  python3 -c 'import json,sys; print([s["id"] for s in json.load(sys.stdin)["items"] if s.get("label")=="III.5"][0])')
total() { curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/v1/plans/1/tasks?limit=1" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }

echo "== POST /api/v1/plans/1/tasks, sequential (1 connection)"
while [ "$(total)" -lt 10000 ]; do
  wrk -t1 -c1 -d5s --latency -s scripts/wrk/create_task.lua http://127.0.0.1:$port
done
echo "tasks in plan: $(total)"

echo "== GET /api/v1/plans/1/tasks?status=open&sort=due&limit=50, 16 connections"
wrk -t2 -c16 -d${secs}s --latency -s scripts/wrk/list_open.lua http://127.0.0.1:$port

ids=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/v1/plans/1/tasks?limit=500&offset=100" |
  python3 -c 'import json,sys; i=[t["id"] for t in json.load(sys.stdin)["items"]]; print(min(i), max(i))')
export FIRST_ID=${ids% *} LAST_ID=${ids#* }
echo "== PATCH /api/v1/tasks/{id} (ids $FIRST_ID..$LAST_ID), 16 connections"
wrk -t2 -c16 -d${secs}s --latency -s scripts/wrk/patch_task.lua http://127.0.0.1:$port
