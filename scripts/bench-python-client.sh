#!/usr/bin/env bash
# The official Python client (pokitdok==2.8.1, requests-oauthlib) against the load program's
# fixed-response server (examples/loadgen.rs --serve-only: the same 6.9 KB eligibility answer),
# running the same sequence as the load program at concurrency 1: the generic GET
# (`pd.get('/eligibility/')`) and the typed call (`pd.eligibility(req)`, the documented request),
# in alternating rounds. Prints requests/s, p50/p99 latency and CPU per request (the Python
# process's own CPU time: the server is another process). Not part of CI: it needs PyPI.
#
#   scripts/bench-python-client.sh                 # 5 rounds of 2 s per call, port 8089
#   ROUNDS=9 SECS=3 PORT=8090 scripts/bench-python-client.sh
#
# Concurrency 1 only: the client is synchronous and its OAuth2Session (a requests.Session) is
# not documented as safe to share between threads.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${PORT:-8089}"
ROUNDS="${ROUNDS:-5}"
SECS="${SECS:-2}"
VENV="${VENV:-${TMPDIR:-/tmp}/pokitdok-python-bench-venv}"
LOG="$(mktemp)"

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check "pokitdok==2.8.1"

cargo build --quiet --release --example loadgen
target/release/examples/loadgen --serve-only --port "$PORT" >"$LOG" 2>&1 &
SERVER_PID=$!
cleanup() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    rm -f "$LOG"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
    if grep -q "listening on" "$LOG" 2>/dev/null; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$LOG"; exit 1; fi
    sleep 0.1
done
grep -q "listening on" "$LOG" || { echo "server did not start"; cat "$LOG"; exit 1; }

# requests-oauthlib refuses http:// unless told otherwise (loopback only).
export OAUTHLIB_INSECURE_TRANSPORT=1
export BASE="http://127.0.0.1:$PORT" ROUNDS SECS
REQUEST_FILE="$(pwd)/sandbox/fixtures/eligibility.request.json"
export REQUEST_FILE

"$VENV/bin/python" - <<'PY'
import json, os, statistics, time, warnings
import pokitdok

warnings.simplefilter("ignore", DeprecationWarning)
base = os.environ["BASE"]
rounds, secs = int(os.environ["ROUNDS"]), float(os.environ["SECS"])
req = json.load(open(os.environ["REQUEST_FILE"]))

# Fetches a token from the server's /oauth2/token first, as the client always does.
pd = pokitdok.api.connect("bench-id", "bench-secret", base=base)

calls = {
    "generic": lambda: pd.get("/eligibility/"),
    "typed": lambda: pd.eligibility(req),
}

def run(call):
    lat, until = [], time.perf_counter() + secs
    cpu0, t0 = time.process_time(), time.perf_counter()
    while time.perf_counter() < until:
        t = time.perf_counter()
        answer = call()
        lat.append(time.perf_counter() - t)
        assert isinstance(answer.get("data"), dict), answer
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    lat.sort()
    pct = lambda p: lat[max(0, min(len(lat) - 1, int(len(lat) * p + 0.999999) - 1))] * 1e6
    return len(lat) / elapsed, pct(0.5), pct(0.99), cpu / len(lat) * 1e6

for name, call in calls.items():
    run(call)  # warm-up: connection, caches
print("python pokitdok 2.8.1, c=1, %d round(s) of %g s, medians:" % (rounds, secs))
print("%-8s %9s %9s %9s %11s" % ("call", "req/s", "p50 us", "p99 us", "cpu us/req"))
results = {name: [] for name in calls}
for r in range(rounds):
    for name in (list(calls) if r % 2 == 0 else list(calls)[::-1]):
        results[name].append(run(calls[name]))
for name, runs in results.items():
    med = [statistics.median(x[i] for x in runs) for i in range(4)]
    print("%-8s %9.0f %9.0f %9.0f %11.1f" % (name, *med))
PY
