#!/usr/bin/env bash
# api-load.sh: 10,000 submissions through arkd's API (unix socket, local executor), with a
# GET /healthz baseline in the same run; see README.md, "API load test".
# Environment: JOBS (10000), CONCURRENCY (32), TIMEOUT (900 s for the whole run).
set -euo pipefail
cd "$(dirname "$0")"

echo "== building arkd and api-load (release)"
swift build -c release --product arkd
swift build -c release --product api-load
BIN="$(swift build -c release --show-bin-path)"

"$BIN/api-load" --arkd "$BIN/arkd" --jobs "${JOBS:-10000}" --concurrency "${CONCURRENCY:-32}" --timeout "${TIMEOUT:-900}"
