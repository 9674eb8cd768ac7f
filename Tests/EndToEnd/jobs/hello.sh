#!/bin/sh
# hello job of arc-e2e.sh: reads an uploaded input, writes an output file, uses a little CPU
echo "running on $(hostname) as $(id -un) in $(pwd)"
echo "GRID_GLOBAL_JOBID=$GRID_GLOBAL_JOBID"
echo "ARKD_E2E=$ARKD_E2E"
cat in.txt
tr a-z A-Z < in.txt > out.txt
i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done
echo "hello to stderr" >&2
echo done
