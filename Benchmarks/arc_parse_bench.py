#!/usr/bin/python3
"""Times ARC 6.17's own job description parser over the benchmark corpus.

Reads DIR/mix/*.xrsl, DIR/large/*.xrsl and DIR/adl/*.adl (written by `bench-corpus write DIR`),
checks that ARC accepts every file, then calls arc.JobDescription.Parse over them for a number of
seconds (or passes) and prints descriptions/s and MB/s (1 MB = 10^6 bytes) for the mix, for the
1 MiB file and for the ADL set.

Needs Debian's python3-nordugrid-arc and nordugrid-arc-plugins-needed (the latter holds the
xRSL parser plugin, libaccJobDescriptionParser.so); run it with the system Python, /usr/bin/python3.

    /usr/bin/python3 arc_parse_bench.py DIR [--seconds S] [--passes N] [--language L] [--json]

--language "" (the default) lets ARC try its parser plugins in turn, as arcsub does;
--language nordugrid:xrsl goes straight to the xRSL parser (for the xRSL sets; the ADL set is
then read with emies:adl).
"""

import argparse
import glob
import json
import os
import sys
import time

try:
    import arc
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"cannot import arc ({error}): install python3-nordugrid-arc and run with /usr/bin/python3")


def read_files(directory, suffix=".xrsl"):
    paths = sorted(glob.glob(os.path.join(directory, "*" + suffix)))
    if not paths:
        sys.exit(f"no {suffix} files in {directory}: write the corpus first with `bench-corpus write DIR`")
    files = []
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        files.append((os.path.basename(path), data.decode("utf-8"), len(data)))
    return files


def parse(text, language):
    """One call of ARC's parser, as a client makes it: a fresh list, then Parse."""
    descriptions = arc.JobDescriptionList()
    result = arc.JobDescription.Parse(text, descriptions, language, "")
    return bool(result), descriptions.size()


def check_accepted(files, language):
    """ARC must accept every file, or the timing would measure its error path."""
    jobs = 0
    rejected = []
    for name, text, _ in files:
        accepted, count = parse(text, language)
        if accepted and count > 0:
            jobs += count
        else:
            rejected.append(name)
    if rejected:
        sys.exit(f"ARC rejects {len(rejected)} of {len(files)} files: {', '.join(rejected[:10])}"
                 " (is nordugrid-arc-plugins-needed installed?)")
    return jobs


def measure(files, seconds, min_passes, language):
    jobs = check_accepted(files, language)
    texts = [text for _, text, _ in files]
    job_description_list = arc.JobDescriptionList
    parse_function = arc.JobDescription.Parse
    passes = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    while True:
        for text in texts:
            if not parse_function(text, job_description_list(), language, ""):
                sys.exit("ARC rejected a file it accepted before")
        passes += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds and passes >= min_passes:
            break
    cpu_seconds = time.process_time() - cpu_start
    total_bytes = sum(size for _, _, size in files)
    return {
        "descriptions": len(files),
        "bytes": total_bytes,
        "jobs": jobs,
        "passes": passes,
        "seconds": elapsed,
        "cpu_seconds": cpu_seconds,
        "descriptions_per_s": len(files) * passes / elapsed,
        "mb_per_s": total_bytes * passes / 1e6 / elapsed,
        "descriptions_per_cpu_s": len(files) * passes / cpu_seconds,
        "mb_per_cpu_s": total_bytes * passes / 1e6 / cpu_seconds,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", help="corpus directory written by `bench-corpus write DIR`")
    parser.add_argument("--seconds", type=float, default=5.0, help="time per set (default 5)")
    parser.add_argument("--passes", type=int, default=1, help="at least this many passes per set (default 1)")
    parser.add_argument("--language", default="", help='"" (auto-detect, default) or nordugrid:xrsl')
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    options = parser.parse_args()

    mix_files = read_files(os.path.join(options.directory, "mix"))
    large_files = read_files(os.path.join(options.directory, "large"))
    mix = measure(mix_files, options.seconds, max(options.passes, 1), options.language)
    large = measure(large_files, options.seconds, max(options.passes, 1), options.language)
    adl_files = read_files(os.path.join(options.directory, "adl"), ".adl")
    adl_language = "emies:adl" if options.language else ""
    adl = measure(adl_files, options.seconds, max(options.passes, 1), adl_language)
    if options.json:
        print(json.dumps({"parser": "ARC " + getattr(arc, "ARC_VERSION", "?"),
                          "language": options.language, "mix": mix, "large": large, "adl": adl}))
        return
    print(f"ARC mix:   {mix['descriptions']} descriptions ({mix['bytes']} bytes, {mix['jobs']} jobs) x "
          f"{mix['passes']} passes in {mix['seconds']:.2f} s: {mix['descriptions_per_s']:.1f} descriptions/s, "
          f"{mix['mb_per_s']:.3f} MB/s (per CPU second: {mix['descriptions_per_cpu_s']:.1f}, "
          f"{mix['mb_per_cpu_s']:.3f} MB/s)")
    print(f"ARC large: {large['bytes']} bytes x {large['passes']} passes in {large['seconds']:.2f} s: "
          f"{large['descriptions_per_s']:.3f} parses/s, {large['mb_per_s']:.3f} MB/s (per CPU second: "
          f"{large['descriptions_per_cpu_s']:.3f}, {large['mb_per_cpu_s']:.3f} MB/s)")
    print(f"ARC ADL:   {adl['descriptions']} descriptions ({adl['bytes']} bytes, {adl['jobs']} jobs) x "
          f"{adl['passes']} passes in {adl['seconds']:.2f} s: {adl['descriptions_per_s']:.1f} descriptions/s, "
          f"{adl['mb_per_s']:.3f} MB/s (per CPU second: {adl['descriptions_per_cpu_s']:.1f}, "
          f"{adl['mb_per_cpu_s']:.3f} MB/s)")


if __name__ == "__main__":
    main()
