#!/usr/bin/env bash
# engine-ratios.sh: the engine's two ratio measurements (README.md, "Engine benchmarks").
#
#   1. spawn:    LocalExecutor.submit of /bin/true against a bare posix_spawn of /bin/true,
#                interleaved (target: ratio of medians <= 1.2).
#   2. download: a 1 GiB file over loopback HTTP from nginx on 127.0.0.1, `curl -s -o` against
#                arkd's Stager.stageIn into a session directory on the same filesystem with the
#                default configuration (no fsync; target: arkd >= 0.9 x curl's MB/s), and with
#                syncInputsToDisk against curl followed by fsync, interleaved.
#
# Environment: ITERATIONS (spawn pairs, 2000), WARMUP (spawn warm-up pairs, 100), ROUNDS (download
# rounds, 3), SIZE_MIB (file size, 1024), ONLY (spawn | download: run just one), WORK_PARENT
# (where the temporary directory with the served file and the downloads goes; default $TMPDIR or
# /tmp). Needs nginx (`apt-get install -y nginx`, or nginx-light) and curl. The temporary
# directory, the 1 GiB files and nginx are removed/stopped on exit.
set -euo pipefail
cd "$(dirname "$0")"

ITERATIONS=${ITERATIONS:-2000}
WARMUP=${WARMUP:-100}
ROUNDS=${ROUNDS:-3}
SIZE_MIB=${SIZE_MIB:-1024}
ONLY=${ONLY:-}

if [[ "$ONLY" != spawn ]]; then
    for tool in nginx curl; do
        command -v "$tool" >/dev/null || command -v "/usr/sbin/$tool" >/dev/null || {
            echo "engine-ratios.sh: $tool is needed (apt-get install -y nginx curl)" >&2
            exit 1
        }
    done
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

echo "== building engine-ratios (release)"
swift build -c release --product engine-ratios
BIN="$(swift build -c release --show-bin-path)/engine-ratios"

WORK=$(mktemp -d "${WORK_PARENT:-${TMPDIR:-/tmp}}/arkd-engine-ratios.XXXXXX")
NGINX_PID=""
cleanup() {
    if [[ -n "$NGINX_PID" ]]; then
        kill "$NGINX_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

if [[ "$ONLY" != download ]]; then
    echo
    echo "== spawn: LocalExecutor.submit vs bare posix_spawn of /bin/true"
    "$BIN" spawn --iterations "$ITERATIONS" --warmup "$WARMUP"
fi

if [[ "$ONLY" != spawn ]]; then
    echo
    echo "== download: ${SIZE_MIB} MiB over loopback HTTP (nginx), curl -o vs arkd Stager.stageIn (fsync off and on)"
    BYTES=$((SIZE_MIB * 1024 * 1024))
    # nginx's workers run as nobody when started by root: the served tree must be readable.
    chmod 755 "$WORK"
    mkdir -p "$WORK/www" "$WORK/nginx/tmp" "$WORK/downloads"
    chmod 755 "$WORK/www"
    echo "writing $WORK/www/big.bin"
    head -c "$BYTES" /dev/urandom >"$WORK/www/big.bin"
    chmod 644 "$WORK/www/big.bin"

    started=""
    for _ in $(seq 10); do
        PORT=$((20000 + RANDOM % 20000))
        cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon on;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$PORT;
        root $WORK/www;
        location / { }
    }
}
EOF
        if "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" 2>>"$WORK/nginx/start.log"; then
            for _ in $(seq 50); do [[ -s "$WORK/nginx/nginx.pid" ]] && break; sleep 0.1; done
            NGINX_PID=$(cat "$WORK/nginx/nginx.pid")
            started=yes
            break
        fi
    done
    if [[ -z "$started" ]]; then
        echo "engine-ratios.sh: nginx did not start:" >&2
        cat "$WORK/nginx/start.log" "$WORK/nginx/error.log" >&2 || true
        exit 1
    fi
    URL="http://127.0.0.1:$PORT/big.bin"
    for _ in $(seq 50); do curl -sf -r 0-0 -o /dev/null "$URL" && break; sleep 0.1; done
    echo "nginx $("$NGINX" -v 2>&1 | sed 's/.*\///') (pid $NGINX_PID) serving $URL; downloads to $WORK/downloads"
    "$BIN" download "$URL" --dir "$WORK/downloads" --bytes "$BYTES" --rounds "$ROUNDS"
fi
