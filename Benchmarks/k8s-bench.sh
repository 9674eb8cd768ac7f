#!/usr/bin/env bash
# k8s-bench.sh: arkd's Kubernetes measurements against the fake API server (README.md,
# "Kubernetes benchmarks"); everything on 127.0.0.1 with TLS.
#
#   1. create:  pods/s through KubernetesClient at QPS 50 (burst 100) and unlimited, 1/4/16
#               creators; `kubectl create -f` one process per pod in the same run, and the ratio.
#   2. latency: the pod's terminal watch event to the job's committed finishing/terminal state,
#               p50/p99, all jobs at once and one at a time.
#   3. track:   RSS and CPU of a PodListWatch over 10,000 pods: snapshot, then one MODIFIED each.
#
# Environment: ROUNDS (create rounds, 3), LIMITED_PODS (400), UNLIMITED_PODS (2000), KUBECTL_PODS
# (50), JOBS (200), PACED_JOBS (50), TRACK_PODS (10000), ONLY (create | latency | track). Needs
# kubectl for `create`.
set -euo pipefail
cd "$(dirname "$0")"

ONLY=${ONLY:-}

echo "== building k8s-bench (release)"
swift build -c release --product k8s-bench
BIN="$(swift build -c release --show-bin-path)/k8s-bench"

if [[ -z "$ONLY" || "$ONLY" == create ]]; then
    echo
    echo "== create: pods/s, arkd's client against kubectl create -f"
    "$BIN" create --rounds "${ROUNDS:-3}" --limited-pods "${LIMITED_PODS:-400}" \
        --unlimited-pods "${UNLIMITED_PODS:-2000}" --kubectl-pods "${KUBECTL_PODS:-50}"
fi

if [[ -z "$ONLY" || "$ONLY" == latency ]]; then
    echo
    echo "== latency: pod terminal event -> job state committed, all jobs at once"
    "$BIN" latency --jobs "${JOBS:-200}"
    echo
    echo "== latency: one job at a time"
    "$BIN" latency --jobs "${PACED_JOBS:-50}" --in-flight 1
fi

if [[ -z "$ONLY" || "$ONLY" == track ]]; then
    echo
    echo "== track: a PodListWatch over ${TRACK_PODS:-10000} pods"
    "$BIN" track --pods "${TRACK_PODS:-10000}"
fi
