#!/usr/bin/env bash
# api-fuzz.sh: schemathesis (from PyPI) against Docs/openapi.yaml on a live arkd (local executor,
# plain HTTP on 127.0.0.1, an admin token), looking for 5xx answers and answers the document does
# not describe. Not part of `swift test`: it needs PyPI and takes minutes.
#
#   Tools/api-fuzz.sh [extra schemathesis options, e.g. --max-examples 200]
# Environment: ARKD (default: .build/debug/arkd, built when missing), PORT (18443). Every check
# schemathesis has runs, but for the exception in Tools/schemathesis.toml (a --checks option would
# override it).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v schemathesis >/dev/null || python3 -m pip install --quiet schemathesis
ARKD=${ARKD:-.build/debug/arkd}
[ -x "$ARKD" ] || swift build --product arkd
PORT=${PORT:-18443}

work=$(mktemp -d)
trap 'kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; rm -rf "$work"' EXIT
token="fuzz-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
echo "$(printf %s "$token" | sha256sum | cut -d' ' -f1) fuzzer admin" > "$work/tokens"
cat > "$work/arkd.yaml" <<YAML
stateDirectory: $work/state
logLevel: error
maxRunningJobs: 4
server:
  tokenFile: $work/tokens
  listen: {host: 127.0.0.1, port: $PORT}
YAML
"$ARKD" serve --config "$work/arkd.yaml" &
daemon=$!
for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break
    sleep 0.1
done

schemathesis --config-file Tools/schemathesis.toml run Docs/openapi.yaml --url "http://127.0.0.1:$PORT" -H "Authorization: Bearer $token" \
    --workers 4 --report junit --report-dir "$work/report" "$@"
