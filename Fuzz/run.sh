#!/usr/bin/env bash
# Runs one fuzz target for a while, single process, from a working corpus seeded with the
# committed seeds (and, when present, the shared example corpus, copied at run time only).
#
#   Fuzz/run.sh TARGET SECONDS [extra libFuzzer flags…]     TARGET: xrsl | adl
#
# Working corpus: .build-fuzz/corpus-TARGET/ (kept between runs, git-ignored).
# Crashes, leaks, timeouts, OOMs: .build-fuzz/artifacts/TARGET/.  Log: .build-fuzz/run-TARGET.log
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: Fuzz/run.sh xrsl|adl SECONDS [libFuzzer flags…]}
seconds=${2:?usage: Fuzz/run.sh xrsl|adl SECONDS [libFuzzer flags…]}
shift 2
case "$target" in
    xrsl) shared=(/work/shared/corpus/xrsl /work/shared/corpus/bad) ;;
    adl) shared=(/work/shared/corpus/adl /work/shared/corpus/bad) ;;
    *) echo "unknown target '$target' (xrsl | adl)" >&2; exit 2 ;;
esac

OUT=.build-fuzz
binary="$OUT/fuzz-$target"
[ -x "$binary" ] || { echo "$binary missing: run Fuzz/build.sh $target first" >&2; exit 2; }
corpus="$OUT/corpus-$target"
artifacts="$OUT/artifacts/$target/"
mkdir -p "$corpus" "$artifacts"

cp -f Fuzz/seeds/"$target"/* "$corpus"/
for dir in "${shared[@]}"; do
    [ -d "$dir" ] || continue
    for file in "$dir"/*; do
        [ -f "$file" ] || continue
        # The xRSL target's first byte picks the dialect ('0' or any even byte: user, '1' or any odd byte: server) and is dropped;
        # store each example once for each dialect.
        if [ "$target" = xrsl ]; then
            { printf '0'; cat "$file"; } >"$corpus/shared-user-$(basename "$file")"
            { printf '1'; cat "$file"; } >"$corpus/shared-server-$(basename "$file")"
        else
            cp -f "$file" "$corpus/shared-$(basename "$file")"
        fi
    done
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:handle_abort=1:symbolize=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(pwd)/Fuzz/lsan.supp:print_suppressions=0}
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/opt/swift/usr/bin/llvm-symbolizer}

# One process (no -jobs/-workers): the machine is shared. -max_len lets inputs grow to 64 KiB,
# -timeout flags any input that takes over 10 s, -rss_limit_mb any that needs over 4 GiB.
"$binary" "$corpus" \
    -dict="Fuzz/$target.dict" \
    -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$artifacts" \
    "$@" 2>&1 | tee "$OUT/run-$target.log"
exit "${PIPESTATUS[0]}"
