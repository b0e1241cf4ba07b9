#!/usr/bin/env bash
# One measurement round of issue 21's table (docs/PERFORMANCE.md, "Speed (issue 21)"), each part
# with the ceiling — a plain net/http handler serving 1 KB (scripts/ceiling), wrk -t2 -c16 10 s —
# measured in the same run. Needs wrk and, for the pg parts, PostgreSQL on its local socket.
#
#   export SPEED_OUT=/some/dir/outside/the/repository
#   go build -o $SPEED_OUT/tiendo ./cmd/tiendo && go build -o $SPEED_OUT/bin-ceiling ./scripts/ceiling
#   mkdir -p $SPEED_OUT/data $SPEED_OUT/raw
#   $SPEED_OUT/tiendo gen --db $SPEED_OUT/data/prov.db --provinces 1 --agencies 100 --tasks 2000 --quarters 8 --today 2026-12-04
#   $SPEED_OUT/tiendo gen --db $SPEED_OUT/data/nat.db --today 2026-12-04
#   createdb speed_nat && $SPEED_OUT/tiendo gen --db 'postgres:///speed_nat?host=/var/run/postgresql' --today 2026-12-04
#   scripts/speed.sh $SPEED_OUT/tiendo run1 w prov nat pgprov pgnat     # three runs or more: medians
#
# PARTS: w (W1 sequential POSTs to 10,000 tasks, W2 the open-by-due list, W3 PATCH, on a demo
# database), prov / nat (the deadline mix, 32 clients, 20 s after 5 s of warm-up, on a copy of the
# SQLite data; the first national read timed cold; peak RSS), pgprov (PostgreSQL: gen of one province
# into a new database, then the mix at once), pgnat (the mix on the national PostgreSQL data).
# Raw outputs go to $SPEED_OUT/raw/TAG-*.txt. The ceiling listens on SPEED_PORT (18311 unless set), the
# server on the port after it.
set -uo pipefail
BIN=$1; TAG=$2; shift 2
OUT=${SPEED_OUT:?set SPEED_OUT: a directory for the data and the raw outputs, outside the repository}
SRC=$(cd "$(dirname "$0")/.." && pwd)
CP=${SPEED_PORT:-18311}; SP=$((CP + 1))   # SPEED_PORT: another pair when two rounds share the machine
PG='postgres:///%s?host=/var/run/postgresql'
PGNAT=${SPEED_PGNAT:-speed_nat}
tmp=$(mktemp -d)
cpid=; spid=
cleanup() { [ -n "$spid" ] && kill $spid 2>/dev/null; [ -n "$cpid" ] && kill $cpid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
$OUT/bin-ceiling 127.0.0.1:$CP & cpid=$!
ceiling() { sleep 0.3; wrk -t2 -c16 -d10s --latency http://127.0.0.1:$CP/ | tee -a "$1" | grep -E "Requests/sec" | sed "s/^/ceiling /"; }
up() { for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$SP/healthz >/dev/null && return 0; sleep 0.1; done; echo "server not up"; cat $tmp/serve.log; return 1; }
serve() { "$BIN" serve --db "$1" --addr 127.0.0.1:$SP --write-rate 0 "${@:2}" >$tmp/serve.log 2>&1 & spid=$!; up; }
stop() { kill $spid; wait $spid 2>/dev/null; spid=; }
mix() { # db label
  local f=$OUT/raw/$TAG-$2.txt; : >"$f"
  ceiling "$f"
  local tok; tok=$("$BIN" token create --db "$1" --user quantri 2>>"$f")
  curl -s -o /dev/null -w "first national read %{time_total}s\n" -H "Authorization: Bearer $tok" http://127.0.0.1:$SP/api/v1/dashboard | tee -a "$f"
  "$BIN" load --url http://127.0.0.1:$SP --db "$1" --duration 5s --concurrency 32 --mix deadline >>"$f" 2>&1
  echo "== measured" >>"$f"
  "$BIN" load --url http://127.0.0.1:$SP --db "$1" --duration 20s --concurrency 32 --mix deadline | tee -a "$f" | sed -n 1p
  grep -E "VmHWM|VmRSS" /proc/$spid/status | tee -a "$f" | tr '\n' ' '; echo
}
for part in "$@"; do
  echo "### $TAG $part $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  case $part in
  w)
    f=$OUT/raw/$TAG-w.txt; : >"$f"
    rm -f $tmp/demo.db*
    serve $tmp/demo.db --demo
    export TOKEN=$("$BIN" token create --db $tmp/demo.db --user dieuphoi) PLAN_ID=1
    export SECTION_ID=$(curl -sf -H "Authorization: Bearer $TOKEN" http://127.0.0.1:$SP/api/v1/plans/1/sections |
      python3 -c 'import json,sys; print([s["id"] for s in json.load(sys.stdin)["items"] if s.get("label")=="III.5"][0])')
    total() { curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SP/api/v1/plans/1/tasks?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
    ceiling "$f"
    echo "== W1" >>"$f"
    while [ "$(total)" -lt 10000 ]; do
      wrk -t1 -c1 -d5s --latency -s $SRC/scripts/wrk/create_task.lua http://127.0.0.1:$SP | tee -a "$f" | grep Requests/sec | sed 's/^/W1 /'
    done
    echo "tasks: $(total)" | tee -a "$f"
    echo "== W2" >>"$f"
    wrk -t2 -c16 -d10s --latency -s $SRC/scripts/wrk/list_open.lua http://127.0.0.1:$SP | tee -a "$f" | grep -E "Requests/sec|  99%|Non-2xx" | sed 's/^/W2 /'
    ids=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SP/api/v1/plans/1/tasks?limit=500&offset=100" |
      python3 -c 'import json,sys; i=[t["id"] for t in json.load(sys.stdin)["items"]]; print(min(i), max(i))')
    export FIRST_ID=${ids% *} LAST_ID=${ids#* }
    echo "== W3" >>"$f"
    wrk -t2 -c16 -d10s --latency -s $SRC/scripts/wrk/patch_task.lua http://127.0.0.1:$SP 2>>"$f" | tee -a "$f" | grep -E "Requests/sec|  99%|Non-2xx|errors" | sed 's/^/W3 /'
    stop ;;
  prov|nat)
    cp $OUT/data/$part.db $tmp/x.db; rm -f $tmp/x.db-wal $tmp/x.db-shm
    serve $tmp/x.db --clock 2026-12-04
    mix $tmp/x.db sqlite-$part
    stop; rm -f $tmp/x.db* ;;
  pgprov)
    db=speed_p_$$
    psql "$(printf $PG postgres)" -qc "create database $db" 
    u=$(printf $PG $db)
    /usr/bin/time -f "gen %e s" "$BIN" gen --db "$u" --provinces 1 --agencies 100 --tasks 2000 --quarters 8 --today 2026-12-04 2>&1 | tail -1
    serve "$u" --clock 2026-12-04
    mix "$u" pg-prov
    stop
    psql "$(printf $PG postgres)" -qc "drop database $db" ;;
  pgnat)
    u=$(printf $PG $PGNAT)
    serve "$u" --clock 2026-12-04
    mix "$u" pg-nat
    stop ;;
  esac
done
