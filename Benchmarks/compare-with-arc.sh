#!/usr/bin/env bash
# Head-to-head: arkd's xRSL parser against ARC 6.17's own parser, on the same files in the same run.
#
#   Benchmarks/compare-with-arc.sh            # SECONDS_PER_SET=5 ROUNDS=1 ARC_LANGUAGE="" by default
#
# Builds bench-corpus in release mode, writes the corpus to a temporary directory, times arkd over it
# (bench-corpus measure) and ARC over the very same files (arc_parse_bench.py), then prints both and
# the ratios. With ROUNDS>1 the two alternate and each one's best round counts, which evens out a
# machine whose load changes during the run. Needs Debian's python3-nordugrid-arc and
# nordugrid-arc-plugins-needed (ARC's xRSL parser plugin).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
seconds="${SECONDS_PER_SET:-5}"
rounds="${ROUNDS:-1}"
arc_language="${ARC_LANGUAGE:-}"
arc_python=/usr/bin/python3

if ! "$arc_python" -c 'import arc' 2>/dev/null; then
    echo "ARC's Python bindings are missing: apt-get install python3-nordugrid-arc nordugrid-arc-plugins-needed" >&2
    exit 2
fi
if ! compgen -G '/usr/lib*/arc/libaccJobDescriptionParser.so' >/dev/null \
    && ! compgen -G '/usr/lib/*/arc/libaccJobDescriptionParser.so' >/dev/null; then
    echo "ARC's job description parser plugin is missing: apt-get install nordugrid-arc-plugins-needed" >&2
    exit 2
fi

echo "== building bench-corpus (release)"
swift build -c release --package-path "$here" --product bench-corpus 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
bin="$(swift build -c release --package-path "$here" --show-bin-path)/bench-corpus"

corpus="$(mktemp -d "${TMPDIR:-/tmp}/arkd-corpus.XXXXXX")"
results="$(mktemp -d "${TMPDIR:-/tmp}/arkd-compare.XXXXXX")"
trap 'rm -rf "$corpus" "$results"' EXIT

echo "== writing the corpus"
"$bin" write "$corpus"

for round in $(seq 1 "$rounds"); do
    echo "== round $round/$rounds: arkd (${seconds}s per set)"
    "$bin" measure "$corpus" --seconds "$seconds" --json >"$results/arkd-$round.json"
    echo "== round $round/$rounds: ARC 6.17 (${seconds}s per set, at least one pass; language '${arc_language}')"
    "$arc_python" "$here/arc_parse_bench.py" "$corpus" --seconds "$seconds" --language "$arc_language" --json \
        >"$results/arc-$round.json"
done

echo "== the public model's own cost: the mix's jobs only built (bench-corpus model-floor, ${seconds}s each)"
"$bin" model-floor "$corpus" --seconds "$seconds" --json >"$results/floor.json"

python3 - "$results" "$rounds" <<'EOF'
import json, sys

directory, rounds = sys.argv[1], int(sys.argv[2])
def best(tool):
    runs = [json.load(open(f"{directory}/{tool}-{r}.json")) for r in range(1, rounds + 1)]
    pick = lambda key, field: max(run[key][field] for run in runs)
    result = {key: dict(runs[0][key]) for key in ("mix", "large", "adl")}
    for key in result:
        for field in ("descriptions_per_s", "mb_per_s", "descriptions_per_cpu_s", "mb_per_cpu_s"):
            result[key][field] = pick(key, field)
    return result

arkd, arc = best("arkd"), best("arc")
for key in ("mix", "large", "adl"):
    if arkd[key]["jobs"] != arc[key]["jobs"] or arkd[key]["descriptions"] != arc[key]["descriptions"]:
        sys.exit(f"{key}: arkd and ARC disagree on the corpus ({arkd[key]} vs {arc[key]})")

mix, large, adl = arkd["mix"], arkd["large"], arkd["adl"]
print()
print(f"corpus: mix = {mix['descriptions']} descriptions, {mix['bytes']} bytes, {mix['jobs']} jobs; "
      f"large = {large['bytes']} bytes; ADL = {adl['descriptions']} descriptions, {adl['bytes']} bytes "
      f"(every file accepted by both parsers)")
print(f"{'':22}{'arkd':>14}{'ARC 6.17':>14}{'arkd/ARC':>10}")
rows = [
    ("mix descriptions/s", "mix", "descriptions_per_s"),
    ("mix MB/s", "mix", "mb_per_s"),
    ("1 MiB MB/s", "large", "mb_per_s"),
    ("mix desc/CPU-s", "mix", "descriptions_per_cpu_s"),
    ("1 MiB MB/CPU-s", "large", "mb_per_cpu_s"),
    ("ADL descriptions/s", "adl", "descriptions_per_s"),
    ("ADL MB/s", "adl", "mb_per_s"),
    ("ADL desc/CPU-s", "adl", "descriptions_per_cpu_s"),
]
for label, key, field in rows:
    a, b = arkd[key][field], arc[key][field]
    print(f"{label:22}{a:14.2f}{b:14.2f}{a / b:9.1f}x")
ratio = arkd["mix"]["descriptions_per_s"] / arc["mix"]["descriptions_per_s"]
large_rate = arkd["large"]["mb_per_s"]
print()
print(f"target: mix >= 10x ARC      -> {ratio:.2f}x  {'MET' if ratio >= 10 else 'MISSED'}")
print(f"target: 1 MiB >= 50 MB/s    -> {large_rate:.2f} MB/s  {'MET' if large_rate >= 50 else 'MISSED'}")
floor = json.load(open(f"{directory}/floor.json"))
arc_cpu = arc["mix"]["descriptions_per_cpu_s"]
built, analysed = floor["model_only_descriptions_per_cpu_s"], floor["analyse_descriptions_per_cpu_s"]
print()
print(f"the public model alone (the mix's jobs only built and freed): {built:.0f} desc/CPU-s = "
      f"{built / arc_cpu:.1f}x ARC, the ceiling for any parser that returns it;")
print(f"  it is {100 * analysed / built:.0f}% of analyse's time ({1e6 / built:.2f} of {1e6 / analysed:.2f} µs per description); "
      f"10x ARC leaves {max(0.0, 1e6 / (10 * arc_cpu) - 1e6 / built):.2f} µs for reading and validating")
EOF
