#!/usr/bin/env bash
# Load test of `verdict serve`: starts the service (Release build), drives it with wrk on loopback, checks the
# decision log with `verdict log verify` afterwards, and prints decisions/s, p50, p99 and records per fsync.
# Not part of CI. Usage:
#   tests/load/run.sh [--endpoint decisions|access] [--log on|off] [--flush always|interval]
#                     [--duration 15s] [--connections 16] [--threads 1] [--facts FILE.yaml] [--no-build]
# Example, the issue's setting: tests/load/run.sh --endpoint decisions --log on --connections 16 --threads 1
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
endpoint=decisions log=on flush=always duration=15s connections=16 threads=1 build=1 dll=""
facts="$root/policies/examples/fintech-credit-risk-sync.yaml"
while [ $# -gt 0 ]; do
  case "$1" in
    --endpoint) endpoint="$2"; shift 2 ;;
    --log) log="$2"; shift 2 ;;
    --flush) flush="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --facts) facts="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --dll) dll="$2"; build=0; shift 2 ;;   # another build of verdict.dll, e.g. of main, to compare
    *) echo "error: unknown argument \`$1\`" >&2; exit 64 ;;
  esac
done

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is missing; installing it with apt-get" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi

[ -n "$dll" ] || dll="$root/tools/verdict/bin/Release/net10.0/verdict.dll"
[ "$build" = 1 ] && dotnet build -c Release "$root/tools/verdict" -v q -nologo >/dev/null
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# The request body: the facts as JSON, or an access request.
if [ "$endpoint" = access ]; then
  printf '%s' '{"actor":"support-agent","purpose":"customer-support","object":"Case","fields":["Case.Subject","Contact.Email"],"records":10,"external":false}' > "$work/body.json"
else
  # YAML to JSON keeping instants as written (PyYAML would turn them into datetimes).
  python3 - "$facts" > "$work/body.json" <<'PY'
import sys, json, yaml
class Loader(yaml.SafeLoader): pass
Loader.yaml_implicit_resolvers = {k: [(t, r) for t, r in v if t != 'tag:yaml.org,2002:timestamp']
                                  for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
json.dump(yaml.load(open(sys.argv[1]), Loader=Loader), sys.stdout)
PY
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
args=(serve --policies "$root/policies" --urls "$url" --no-watch)
if [ "$log" = on ]; then args+=(--decision-log "$work/decisions.jsonl" --log-flush "$flush"); else args+=(--no-decision-log); fi
dotnet "$dll" "${args[@]}" 2> "$work/server.err" &
server_pid=$!
for _ in $(seq 1 200); do curl -fs "$url/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$url/readyz" >/dev/null || { echo "error: the server did not become ready" >&2; cat "$work/server.err" >&2; exit 1; }

cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/body.json", "rb"); wrk.body = f:read("*a"); f:close()
local errors = 0
response = function(status, headers, body) if status ~= 200 then errors = errors + 1 end end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.0f p50_ms=%.3f p99_ms=%.3f non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
LUA

code="$(curl -s -o "$work/first.json" -w '%{http_code}' -X POST --data-binary @"$work/body.json" "$url/v1/$endpoint")"
[ "$code" = 200 ] || { echo "error: the body was answered $code:" >&2; cat "$work/first.json" >&2; exit 1; }

# A short warm-up (JIT), then the measured run.
wrk -t1 -c4 -d3s -s "$work/post.lua" "$url/v1/$endpoint" >/dev/null
before_records=0 before_fsyncs=0
if [ "$log" = on ]; then
  m="$(curl -fs "$url/metrics")"
  before_records="$(echo "$m" | awk '/^verdict_decision_log_records_total/ {print $2}')"
  before_fsyncs="$(echo "$m" | awk '/^verdict_decision_log_fsyncs_total/ {print $2}')"
fi
result="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/post.lua" "$url/v1/$endpoint" | grep '^RESULT')"
echo "endpoint=$endpoint log=$log flush=$flush connections=$connections threads=$threads duration=$duration"
echo "$result" | sed 's/^RESULT /  /'

if [ "$log" = on ]; then
  m="$(curl -fs "$url/metrics")"
  records="$(echo "$m" | awk '/^verdict_decision_log_records_total/ {print $2}')"
  fsyncs="$(echo "$m" | awk '/^verdict_decision_log_fsyncs_total/ {print $2}')"
  records="${records:-0}" fsyncs="${fsyncs:-0}" before_records="${before_records:-0}" before_fsyncs="${before_fsyncs:-0}"
  awk -v r="$((records - before_records))" -v f="$((fsyncs - before_fsyncs))" 'BEGIN { if (f > 0) printf "  records_per_fsync=%.1f (%d records, %d fsyncs)\n", r / f, r, f; else print "  records_per_fsync=n/a (this build has no fsync metric)" }'
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  verify="$(dotnet "$dll" log verify "$work/decisions.jsonl" 2>&1)" || { echo "  log verify FAILED: $verify"; exit 1; }
  echo "  log verify: $verify"
fi
