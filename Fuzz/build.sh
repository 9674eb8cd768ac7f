#!/usr/bin/env bash
# Builds the libFuzzer targets: every Swift file of Sources/JobDescriptions compiled into one module
# together with one target file, instrumented for libFuzzer and AddressSanitizer.
#
#   Fuzz/build.sh                 # both targets
#   Fuzz/build.sh xrsl            # one target (xrsl | adl)
#   COVERAGE=1 Fuzz/build.sh      # also source-coverage builds (.build-fuzz/cov-*), see Fuzz/coverage.sh
#
# Outputs .build-fuzz/fuzz-xrsl and .build-fuzz/fuzz-adl (.build* is git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT_BIN=${SWIFT_BIN:-/opt/swift/usr/bin}
export PATH="$SWIFT_BIN:$PATH"
OUT=.build-fuzz
mkdir -p "$OUT"

mapfile -t LIBRARY < <(find Sources/JobDescriptions -name '*.swift' | LC_ALL=C sort)

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(xrsl adl)

for target in "${targets[@]}"; do
    case "$target" in
        xrsl) main=Fuzz/XRSLFuzzTarget.swift ;;
        adl) main=Fuzz/ADLFuzzTarget.swift ;;
        *) echo "unknown target '$target' (xrsl | adl)" >&2; exit 2 ;;
    esac
    [ "${COVERAGE_ONLY:-0}" = 1 ] || echo "== fuzz-$target"
    # -sanitize=fuzzer makes swiftc link libclang_rt.fuzzer (which brings main) and add
    # -fsanitize-coverage; -parse-as-library because no file is main.swift. lld avoids gold's
    # "Cannot export local symbol '__asan_check_*'" warnings; the binary works with either.
    if [ "${COVERAGE_ONLY:-0}" != 1 ]; then
        swiftc -sanitize=fuzzer,address -parse-as-library -module-name JobDescriptions -O -g \
            -use-ld=lld \
            "${LIBRARY[@]}" "$main" -o "$OUT/fuzz-$target"
    fi
    if [ "${COVERAGE:-0}" = 1 ]; then
        echo "== cov-$target"
        # Same sources without ASan, with source-based coverage mapping; libFuzzer stays linked
        # as the driver (coverage.sh runs every corpus file once with -runs=0).
        swiftc -sanitize=fuzzer -parse-as-library -module-name JobDescriptions -Onone -g \
            -use-ld=lld -profile-generate -profile-coverage-mapping \
            "${LIBRARY[@]}" "$main" -o "$OUT/cov-$target"
    fi
done
