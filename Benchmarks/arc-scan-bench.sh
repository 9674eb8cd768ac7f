#!/usr/bin/env bash
# arc-scan-bench.sh: one `arkctl arc scan` over 10,000 jobs that ended in arkd (acceptance: one
# batch request, at most 2 s); see Sources/arc-scan-bench/main.swift for what is measured.
# Environment: JOBS (10000), LAYOUT (flat = ARC 6, nested = ARC 7), LIMIT (2 s), CONCURRENCY (32,
# submissions at a time while setting up), TIMEOUT (1800 s for the whole run), CONFIGURATION
# (release; debug for a quick correctness run, whose time says nothing).
# Exit status: 0 within LIMIT with one request; 2 correct but slower or more requests; 1 failure.
set -euo pipefail
cd "$(dirname "$0")"
configuration="${CONFIGURATION:-release}"

echo "== building arkd, arkctl and arc-scan-bench ($configuration)"
swift build -c "$configuration" --product arkd
swift build -c "$configuration" --product arkctl
swift build -c "$configuration" --product arc-scan-bench
BIN="$(swift build -c "$configuration" --show-bin-path)"

"$BIN/arc-scan-bench" --arkd "$BIN/arkd" --arkctl "$BIN/arkctl" --jobs "${JOBS:-10000}" --layout "${LAYOUT:-flat}" \
    --limit "${LIMIT:-2}" --concurrency "${CONCURRENCY:-32}" --timeout "${TIMEOUT:-1800}"
