#!/usr/bin/env bash
# `make bench`: a data set of BENCH_N complaints (default 1,000,000) on BENCH_DB (sqlite or
# postgres), the pages timed over HTTP against gunicorn as every level of staff, and intake
# throughput with wrk against the real API and, in the same run, against the framework's
# baseline (BENCH_BASELINE, default ../shared/bench/baseline). Results: bench/results/latest.json
# and a table.
# The data set is kept (var/bench-N.sqlite3, or database complaintdesk_bench_N) and a second
# run only measures; BENCH_FRESH=1 starts it again. BENCH_REPEAT (default 20) requests a page.
set -euo pipefail
cd "$(dirname "$0")/.."

n="${BENCH_N:-1000000}"
db="${BENCH_DB:-sqlite}"
port="${BENCH_PORT:-8091}"
baseline_port="${BENCH_BASELINE_PORT:-8099}"
# The framework's ceiling, measured in the same run: beside the project's folder by default.
baseline_dir="$(cd "${BENCH_BASELINE:-../shared/bench/baseline}" 2>/dev/null && pwd || true)"
if [ -z "$baseline_dir" ] || [ ! -x "$baseline_dir/serve.sh" ]; then
    echo "no baseline at ${BENCH_BASELINE:-../shared/bench/baseline} (set BENCH_BASELINE)" >&2
    exit 1
fi
python=.venv/bin/python
export PATH="$PWD/.venv/bin:$PATH"
export DJANGO_SETTINGS_MODULE=config.settings.local
# The pages are timed as a person uses them, not throttled as an API client is.
export API_REQUESTS_PER_MINUTE=100000000

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >/dev/null
    else
        echo "wrk is missing: sudo apt-get install wrk" >&2
        exit 1
    fi
fi

mkdir -p var bench/results
case "$db" in
    sqlite)
        file="$PWD/var/bench-${n}.sqlite3"
        [ "${BENCH_FRESH:-0}" = 1 ] && rm -f "$file" "$file-wal" "$file-shm"
        export DATABASE_URL="sqlite:///${file}"
        ;;
    postgres)
        name="complaintdesk_bench_${n}"
        server="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
        [ "${BENCH_FRESH:-0}" = 1 ] && psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $name"
        psql "$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
            || psql "$server/postgres" -qc "CREATE DATABASE $name"
        export DATABASE_URL="$server/$name"
        ;;
    *) echo "BENCH_DB is sqlite or postgres" >&2; exit 2 ;;
esac

echo "== data set: $n complaints on $db"
"$python" manage.py migrate --noinput -v0
"$python" manage.py load_demo --if-empty >/dev/null
"$python" manage.py bench_load "$n"
# PostgreSQL's autovacuum analyses a table some time after a bulk load; a production database
# has its statistics, so the benchmark takes them now rather than timing plans made blind.
# SQLite is left as an installation has it: nothing runs ANALYZE there.
if [ "$db" = postgres ]; then psql "$DATABASE_URL" -qc "ANALYZE"; fi

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT

wait_for() {
    for _ in $(seq 100); do
        curl -s -o /dev/null "$1" && return 0
        sleep 0.2
    done
    echo "no server at $1" >&2
    return 1
}

echo "== intake: wrk against the framework's baseline, then against POST /api/v1/complaints"
(cd "$baseline_dir" && exec ./serve.sh "$baseline_port") >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:${baseline_port}/"
baseline=$(wrk -t1 -c8 -d10s -s "$baseline_dir/post.lua" \
    "http://127.0.0.1:${baseline_port}/api/complaints" | awk '/Requests\/sec/ {print $2}')

gunicorn -w 2 -b "127.0.0.1:${port}" config.wsgi >var/bench-gunicorn.log 2>&1 &
server=$!
pids+=($server)
wait_for "http://127.0.0.1:${port}/login/"
BENCH_TOKEN=$("$python" manage.py api_token hk.receiver --name benchmark | tail -1)
export BENCH_TOKEN
ours=$(wrk -t1 -c8 -d10s -s bench/intake.lua "http://127.0.0.1:${port}" \
    | awk '/Requests\/sec/ {print $2}')
"$python" - "$ours" "$baseline" >var/bench-intake.json <<'PY'
import json, sys
ours, baseline = (float(x or 0) for x in sys.argv[1:3])
ratio = round(ours / baseline, 3) if baseline else None
print(json.dumps({"intake_per_s": ours, "baseline_per_s": baseline, "intake_ratio_vs_baseline": ratio}))
PY
cat var/bench-intake.json

echo "== pages over HTTP"
"$python" manage.py bench_run --base "http://127.0.0.1:${port}" --server-pid "$server" \
    --repeat "${BENCH_REPEAT:-20}" --extra var/bench-intake.json
