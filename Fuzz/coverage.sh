#!/usr/bin/env bash
# Source line/region coverage of Sources/JobDescriptions reached by a target's working corpus.
#
#   Fuzz/coverage.sh TARGET          TARGET: xrsl | adl   (run Fuzz/run.sh TARGET … first)
#
# Builds .build-fuzz/cov-TARGET (no ASan, -profile-coverage-mapping) when missing, runs every file
# of .build-fuzz/corpus-TARGET once, and prints llvm-cov's per-file report for the library.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: Fuzz/coverage.sh xrsl|adl}
SWIFT_BIN=${SWIFT_BIN:-/opt/swift/usr/bin}
export PATH="$SWIFT_BIN:$PATH"
OUT=.build-fuzz
binary="$OUT/cov-$target"
corpus="$OUT/corpus-$target"
[ -d "$corpus" ] || { echo "$corpus missing: run Fuzz/run.sh $target SECONDS first" >&2; exit 2; }
[ -x "$binary" ] || COVERAGE=1 COVERAGE_ONLY=1 Fuzz/build.sh "$target"

rm -f "$OUT/cov-$target".*.profraw
LLVM_PROFILE_FILE="$OUT/cov-$target.%p.profraw" "$binary" -runs=0 -timeout=60 -rss_limit_mb=4096 "$corpus" \
    >"$OUT/cov-$target.log" 2>&1
llvm-profdata merge -sparse "$OUT/cov-$target".*.profraw -o "$OUT/cov-$target.profdata"
llvm-cov report "$binary" -instr-profile="$OUT/cov-$target.profdata" \
    -ignore-filename-regex='Fuzz/' "$(pwd)/Sources/JobDescriptions" | tee "$OUT/cov-$target.txt"
