#!/usr/bin/env bash
# arc-e2e.sh -- end-to-end test: a real NorduGrid ARC 6 computing element (A-REX
# from Debian's packages, on loopback only) with arkd as its batch system.
#
# Run as root after `swift build` (CI: .ci/run). It
#   1. installs the ARC packages it needs (apt-get) when they are missing;
#   2. makes everything else under a fresh temporary root: a test CA with host
#      and user certificates (arcctl test-ca --ca-dir, not the system's CA
#      directory), an arc.conf with [lrms] lrms = arkd, control and session
#      directories, logs; plus an unprivileged account grid users map to;
#   3. installs the backend with Scripts/install-arkd-backend.sh (arkctl = this
#      tree's .build/debug/arkctl) and enables ENV/ARKD-CONTAINER;
#   4. starts `arkd serve` (local executor) as the mapped account, with
#      gridSessionRoots = A-REX's session directory, and A-REX (grid-manager and
#      the REST interface, bound to 127.0.0.1);
#   5. drives jobs with the real ARC client over REST (arcsub -T arcrest,
#      arcstat, arcget, arckill) and checks each case: hello (FINISHED, outputs
#      retrieved, accounting in .diag), exit 3, wall time exceeded, arckill, a
#      submission arkd refuses, and the ENV/ARKD-CONTAINER RTE with a site RTE whose
#      stages 0, 1 and 2 each leave a trace; plus the
#      information-system module (ARKDmod.pm) against the live arkd;
#   6. prints one PASS/FAIL line per case and the duration, and exits non-zero
#      if any case failed. On exit it cancels what is still running in arkd,
#      stops exactly the daemons it started (by pid), removes the backend it
#      installed, and deletes its temporary root (kept on failure, or with
#      ARC_E2E_KEEP=1, for the logs).
#
# The refused submission is count=0 (jobs/reject.xrsl): A-REX passes it on and
# arkd refuses it. Queue limits (maxMemoryMiB, maxCPUs) are not a way to get a
# refusal here: the local executor does not check them at submission.
#
# Waits are bounded. A-REX's own state files in the control directory are what
# it waits on; arcstat (which shows the information system's view, refreshed
# about once a minute) is the final check.
#
# Environment:
#   ARC_E2E_KEEP=1          keep the temporary root (logs, control files)
#   ARC_E2E_USER=name       the mapped account (default arkde2e; created if missing)
#   ARC_E2E_BUILD=dir       where arkd and arkctl are (default <repo>/.build/debug)
#   ARC_E2E_CASES="a b"     run only these cases (hello exit3 walltime kill reject rte;
#                           the infosys check runs with kill)
#   ARC_E2E_HOLD=1          development aid: once A-REX is up, wait (up to 30 min)
#                           until <root>/hold is removed, then run the cases; the
#                           client environment is in <root>/client.env
#   ARC_E2E_LRMS=fork       development aid: bring A-REX up with ARC's own fork
#                           backend instead of arkd and run the generic cases only
set -uo pipefail

T_START=$(date +%s)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
LRMS=${ARC_E2E_LRMS:-arkd}
GRIDUSER=${ARC_E2E_USER:-arkde2e}
BUILD=${ARC_E2E_BUILD:-$REPO/.build/debug}
QUEUE=grid
CA_ID=arkde2e
PKGS="nordugrid-arc-arex nordugrid-arc-client nordugrid-arc-plugins-arcrest nordugrid-arc-plugins-needed
      nordugrid-arc-arcctl nordugrid-arc-arcctl-service openssl"

log() { echo "[$(date +%T)] $*"; }
die() { echo "arc-e2e: $*" >&2; echo "FAIL setup: $*"; exit 1; }
elapsed() { echo $(( $(date +%s) - T_START )); }

[ "$(id -u)" = 0 ] || die "must run as root (it installs packages and starts A-REX)"
case "$LRMS" in arkd|fork) ;; *) die "ARC_E2E_LRMS must be arkd or fork" ;; esac

# ---------------------------------------------------------------------------
# 0. Binaries of this tree
# ---------------------------------------------------------------------------
ARKD_BIN=$(readlink -f "$BUILD/arkd" 2>/dev/null || true)
ARKCTL_BIN=$(readlink -f "$BUILD/arkctl" 2>/dev/null || true)
if [ "$LRMS" = arkd ]; then
    [ -x "$ARKD_BIN" ] && [ -x "$ARKCTL_BIN" ] || die "no $BUILD/arkd or $BUILD/arkctl: run 'swift build' first"
    "$ARKCTL_BIN" arc --help >/dev/null 2>&1 || die "$ARKCTL_BIN has no 'arc' command (arkctl arc submit|scan|cancel)"
fi

# ---------------------------------------------------------------------------
# 1. Packages (Debian archive). A-REX's postinst tries to start the service via
#    invoke-rc.d; without systemd that is skipped.
# ---------------------------------------------------------------------------
MISSING=$(for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$MISSING" ]; then
    log "installing packages: $(echo "$MISSING" | tr "\n" " ")"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -qq >/dev/null || die "apt-get update failed"
    # shellcheck disable=SC2086
    timeout 1200 apt-get install -y -qq $MISSING >/dev/null || die "apt-get install $MISSING failed"
fi
for tool in /usr/share/arc/arc-arex-start /usr/share/arc/arc-arex-ws-start /usr/sbin/arched arcsub arcstat arcget arckill arcproxy arcctl openssl setpriv flock; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
done
log "packages ready ($(elapsed) s)"

# ---------------------------------------------------------------------------
# 2. Layout under a temporary root
# ---------------------------------------------------------------------------
# The name's random part is lower-case hex: arcctl names RTEs by stripping the
# runtimedir off their paths with Python's str.lstrip, which strips a set of
# characters, so a root whose random part held an 'E' turned ENV/ARKD-CONTAINER
# into NV/ARKD-CONTAINER and "arcctl rte enable" failed (about 1 run in 11).
ROOT=""
for _ in 1 2 3 4 5 6 7 8; do
    candidate=/var/tmp/arkd-arc-e2e.$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
    if mkdir -m 0700 "$candidate" 2>/dev/null; then ROOT=$candidate; break; fi
done
[ -n "$ROOT" ] || die "cannot make a temporary root under /var/tmp"
chmod 0755 "$ROOT"
CONFDIR=$ROOT/etc
CONF=$CONFDIR/arc.conf
RTEDIR=$CONFDIR/rte
CTL=$ROOT/control
SESS=$ROOT/session
LOGDIR=$ROOT/log
RUNDIR=$ROOT/run
CERTS=$ROOT/certificates
HOSTCRED=$ROOT/hostcred
CLIENT=$ROOT/client
ARKDDIR=$ROOT/arkd
SOCK=$ARKDDIR/arkd.sock
mkdir -p "$CONFDIR" "$RTEDIR" "$CTL" "$SESS" "$LOGDIR" "$RUNDIR" "$CERTS" "$HOSTCRED" "$CLIENT/home" "$ROOT/tmp"
chmod 1777 "$ROOT/tmp"                    # A-REX's validator wants tmpdir writable and sticky
chmod 0755 "$CTL" "$SESS"

ARKD_PID=""
BACKEND_INSTALLED=""
BACKEND_BACKUP=""
CREATED_USER=""
ARCCTL_CACHE=/run/arc/arcctl.runtime.conf
ARCCTL_CACHE_SAVED=""
FAILED_CASES=0
PASSED_CASES=0
declare -A JOB_URL JOB_ID

# Stops one daemon by pid: TERM, wait up to $2 s, then KILL.
stop_pid() {
    local pid=$1 wait=${2:-30} i=0
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null
    while kill -0 "$pid" 2>/dev/null && [ $i -lt "$wait" ]; do sleep 1; i=$((i+1)); done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid still running after $wait s: KILL"
        kill -KILL "$pid" 2>/dev/null
    fi
    return 0
}

dump_logs() {
    echo "---- diagnostics (temporary root $ROOT) ----"
    for f in "$LOGDIR/arex.log" "$LOGDIR/job.helper.errors" "$LOGDIR/arkd.log" "$LOGDIR/infoprovider.log" "$LOGDIR/ws-interface.log"; do
        [ -s "$f" ] || continue
        echo "==== tail of $f"; tail -n 40 "$f"
    done
    for f in "$CTL"/job.*.errors; do
        [ -s "$f" ] || continue
        echo "==== $f"; tail -n 30 "$f"
    done
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    [ $rc -ne 0 ] && [ -d "${ROOT:-/nonexistent}/log" ] && dump_logs
    # jobs still alive in arkd: cancel them, so no payload outlives the test
    if [ -n "$ARKD_PID" ] && kill -0 "$ARKD_PID" 2>/dev/null; then
        local ids
        ids=$("$ARKCTL_BIN" list -o json --server "$SOCK" 2>/dev/null | /usr/bin/python3 -c '
import json, sys
try: jobs = json.load(sys.stdin).get("jobs", [])
except Exception: jobs = []
print(" ".join(j["id"] for j in jobs if j.get("state") not in ("finished", "failed", "killed", "deleted")))' 2>/dev/null)
        if [ -n "$ids" ]; then
            log "cancelling unfinished arkd jobs: $ids"
            # shellcheck disable=SC2086
            "$ARKCTL_BIN" cancel --server "$SOCK" $ids >/dev/null 2>&1
            sleep 3
        fi
    fi
    # A-REX (REST interface, then grid-manager), then arkd: exactly the pids started here
    for pf in "$RUNDIR/arex-ws.pid" "$RUNDIR/arex.pid"; do
        [ -s "$pf" ] && stop_pid "$(cat "$pf")" 60
    done
    stop_pid "$ARKD_PID" 30
    if [ -n "$BACKEND_INSTALLED" ]; then
        "$REPO/Scripts/install-arkd-backend.sh" --uninstall --datadir /usr/share/arc >/dev/null
        if [ -n "$BACKEND_BACKUP" ] && [ -s "$BACKEND_BACKUP" ]; then
            tar -xpf "$BACKEND_BACKUP" -C / && log "restored the arkd backend that was installed before"
        fi
    fi
    restore_arcctl_cache
    if [ -n "$CREATED_USER" ]; then userdel "$GRIDUSER" >/dev/null 2>&1; fi
    if [ $rc -eq 0 ] && [ -z "${ARC_E2E_KEEP:-}" ]; then
        rm -rf "$ROOT"
    else
        log "kept $ROOT (logs in $LOGDIR)"
    fi
    log "total duration $(elapsed) s"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# arcctl caches the last config it parsed in /run/arc/arcctl.runtime.conf, and a
# later plain `arcctl` (e.g. test-ca init) would take its hostname from our test
# config. So keep a copy and put it back after our arcctl calls.
save_arcctl_cache() {
    if [ -f "$ARCCTL_CACHE" ]; then cp -p "$ARCCTL_CACHE" "$ROOT/arcctl.runtime.conf.saved"; ARCCTL_CACHE_SAVED=yes
    else ARCCTL_CACHE_SAVED=none; fi
}
restore_arcctl_cache() {
    case "$ARCCTL_CACHE_SAVED" in
        yes) cp -p "$ROOT/arcctl.runtime.conf.saved" "$ARCCTL_CACHE" ;;
        none) rm -f "$ARCCTL_CACHE" ;;
    esac
    ARCCTL_CACHE_SAVED=""
}

# ---------------------------------------------------------------------------
# 3. The mapped account: A-REX runs submit/cancel as this user, arkd runs as it
#    too (so payloads can write the session directories A-REX gives it).
# ---------------------------------------------------------------------------
if ! id "$GRIDUSER" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$GRIDUSER" \
        || die "cannot create user $GRIDUSER"
    CREATED_USER=yes
fi
GRID_UID=$(id -u "$GRIDUSER")
GRID_GID=$(id -g "$GRIDUSER")
as_user() { setpriv --reuid="$GRID_UID" --regid="$GRID_GID" --init-groups "$@"; }

if [ "$LRMS" = arkd ]; then
    # arkd and arkctl must be executable by the mapped account; a build tree it
    # cannot reach is copied into the temporary root
    if ! as_user test -x "$ARKCTL_BIN" || ! as_user test -x "$ARKD_BIN"; then
        log "$GRIDUSER cannot run $BUILD/*: copying arkd and arkctl to $ROOT/bin"
        install -d -m 0755 "$ROOT/bin"
        install -m 0755 "$ARKD_BIN" "$ROOT/bin/arkd" && install -m 0755 "$ARKCTL_BIN" "$ROOT/bin/arkctl" || die "copy failed"
        ARKD_BIN=$ROOT/bin/arkd
        ARKCTL_BIN=$ROOT/bin/arkctl
    fi
fi

# ---------------------------------------------------------------------------
# 4. Free TCP port on loopback for the REST interface
# ---------------------------------------------------------------------------
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()') \
    || die "cannot find a free port"
CE=https://localhost:$PORT/arex

# ---------------------------------------------------------------------------
# 5. arc.conf. Only standard options in [lrms]/[queue:x]; arkd's in [custom:arkd].
# ---------------------------------------------------------------------------
cat > "$CONF" <<EOF
[common]
hostname = localhost
x509_host_key = $HOSTCRED/hostkey.pem
x509_host_cert = $HOSTCRED/hostcert.pem
x509_cert_dir = $CERTS

[authgroup:e2eusers]
file = $CONFDIR/allowed-subjects

[mapping]
map_to_user = e2eusers $GRIDUSER:$GRIDUSER
policy_on_nomap = stop

[lrms]
lrms = $LRMS

[arex]
controldir = $CTL
sessiondir = $SESS
tmpdir = $ROOT/tmp
logfile = $LOGDIR/arex.log
joblog = $LOGDIR/arex-jobs.log
helperlog = $LOGDIR/job.helper.errors
pidfile = $RUNDIR/arex.pid
loglevel = 5
wakeupperiod = 15
shared_filesystem = yes
runtimedir = $RTEDIR

[arex/ws]
wsurl = $CE
logfile = $LOGDIR/ws-interface.log
pidfile = $RUNDIR/arex-ws.pid

[arex/ws/jobs]
allowaccess = e2eusers

[infosys]
logfile = $LOGDIR/infoprovider.log
loglevel = INFO

[infosys/glue2]

[infosys/cluster]
advertisedvo = arkde2e

[queue:$QUEUE]
comment = arkd end-to-end test queue

[custom:arkd]
server = $SOCK
EOF

# ---------------------------------------------------------------------------
# 6. Certificates: a test CA of our own in $CERTS (arcctl test-ca --ca-dir),
#    host certificate for "localhost", and a user certificate for the client.
# ---------------------------------------------------------------------------
save_arcctl_cache
TESTCA=(timeout 120 arcctl -c "$CONF" test-ca --ca-id "$CA_ID" --ca-dir "$CERTS")
"${TESTCA[@]}" init >"$LOGDIR/test-ca.log" 2>&1 || { restore_arcctl_cache; die "arcctl test-ca init failed (see $LOGDIR/test-ca.log)"; }
( cd "$HOSTCRED" && "${TESTCA[@]}" hostcert -n localhost -f \
    && mv host-localhost-cert.pem hostcert.pem && mv host-localhost-key.pem hostkey.pem ) >>"$LOGDIR/test-ca.log" 2>&1 \
    || { restore_arcctl_cache; die "arcctl test-ca hostcert failed (see $LOGDIR/test-ca.log)"; }
chmod 0600 "$HOSTCRED/hostkey.pem"
( cd "$CLIENT" && "${TESTCA[@]}" usercert -n arkde2euser --no-auth -f \
    && mv client-arkde2euser-cert.pem usercert.pem && mv client-arkde2euser-key.pem userkey.pem ) >>"$LOGDIR/test-ca.log" 2>&1 \
    || { restore_arcctl_cache; die "arcctl test-ca usercert failed (see $LOGDIR/test-ca.log)"; }
chmod 0600 "$CLIENT/userkey.pem"
restore_arcctl_cache
USER_DN=$(openssl x509 -in "$CLIENT/usercert.pem" -noout -subject -nameopt compat | sed 's/^subject=//')
echo "\"$USER_DN\"" > "$CONFDIR/allowed-subjects"
log "test CA, host and user certificates in $ROOT ($(elapsed) s); user $USER_DN"

# the client: our CA only, our proxy, an isolated HOME (no ~/.arc of root's);
# each call bounded
client() {
    timeout 120 env HOME="$CLIENT/home" X509_USER_CERT="$CLIENT/usercert.pem" X509_USER_KEY="$CLIENT/userkey.pem" \
        X509_CERT_DIR="$CERTS" X509_USER_PROXY="$CLIENT/proxy.pem" "$@"
}

# ---------------------------------------------------------------------------
# 7. The backend and arkd
# ---------------------------------------------------------------------------
if [ "$LRMS" = arkd ]; then
    if [ -f /usr/share/arc/arkd-backend.manifest ]; then
        # an arkd backend is installed on this machine: keep a copy to put back
        BACKEND_BACKUP=$ROOT/backend-before.tar
        files=$(awk '$1 == "file" { print $3 }' /usr/share/arc/arkd-backend.manifest | while read -r f; do [ -e "$f" ] && echo "${f#/}"; done)
        # shellcheck disable=SC2086
        tar -cpf "$BACKEND_BACKUP" -C / usr/share/arc/arkd-backend.manifest $files || die "cannot back up the installed backend"
    fi
    "$REPO/Scripts/install-arkd-backend.sh" --datadir /usr/share/arc --rtedir "$RTEDIR" --arkctl "$ARKCTL_BIN" \
        >"$LOGDIR/install-backend.log" 2>&1 || die "install-arkd-backend.sh failed: $(cat "$LOGDIR/install-backend.log")"
    BACKEND_INSTALLED=yes
    for f in submit-arkd-job scan-arkd-job cancel-arkd-job ARKDmod.pm; do
        [ -e "/usr/share/arc/$f" ] || die "install-arkd-backend.sh did not install /usr/share/arc/$f"
    done
    [ -e "$RTEDIR/ENV/ARKD-CONTAINER" ] || die "install-arkd-backend.sh did not install $RTEDIR/ENV/ARKD-CONTAINER"

    install -d -o "$GRID_UID" -g "$GRID_GID" -m 0755 "$ARKDDIR" "$ARKDDIR/state"
    cat > "$ARKDDIR/arkd.yaml" <<EOF
stateDirectory: $ARKDDIR/state
executor: local
maxRunningJobs: 4
gridSessionRoots: [$SESS]
logLevel: debug
server:
  socketPath: $SOCK
defaultQueue: $QUEUE
queues:
  $QUEUE:
    defaultMemoryMiB: 1024
    maxMemoryMiB: 4096
    maxCPUs: 2
    defaultWallTime: 1h
    maxWallTime: 2h
EOF
    chmod 0644 "$ARKDDIR/arkd.yaml"
    : > "$LOGDIR/arkd.log"
    # a simple command (not the as_user function) so that $! is arkd's own pid:
    # setpriv and env exec into it
    setpriv --reuid="$GRID_UID" --regid="$GRID_GID" --init-groups \
        env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$ARKDDIR" USER="$GRIDUSER" LOGNAME="$GRIDUSER" \
        "$ARKD_BIN" serve --config "$ARKDDIR/arkd.yaml" >>"$LOGDIR/arkd.log" 2>&1 &
    ARKD_PID=$!
    ok=""
    for _ in $(seq 1 60); do
        kill -0 "$ARKD_PID" 2>/dev/null || break
        if "$ARKCTL_BIN" info --server "$SOCK" >/dev/null 2>&1 \
           && as_user "$ARKCTL_BIN" info --server "$SOCK" >/dev/null 2>&1; then ok=yes; break; fi
        sleep 1
    done
    [ -n "$ok" ] || die "arkd did not come up on $SOCK within 60 s: $(tail -n 20 "$LOGDIR/arkd.log")"
    [ "$(readlink -f "/proc/$ARKD_PID/exe")" = "$(readlink -f "$ARKD_BIN")" ] \
        || die "pid $ARKD_PID is not arkd ($(readlink -f "/proc/$ARKD_PID/exe"))"
    log "arkd (pid $ARKD_PID, as $GRIDUSER) serves $SOCK ($(elapsed) s)"
fi

# RTE: enabled ones are symlinks in <controldir>/rte/enabled (arcctl rte enable)
if [ "$LRMS" = arkd ]; then
    save_arcctl_cache
    # A site RTE whose every stage leaves a trace: stage 0 (submit) adds a job
    # option, an environment variable, stage 1 (before the payload) exports one
    # from its argument and its params file, stage 2 (after it) writes a file.
    mkdir -p "$RTEDIR/ENV"
    cat >"$RTEDIR/ENV/ARKD-E2E" <<'RTE'
# description: arkd end-to-end test: each stage leaves a trace
# param:ARKD_E2E_PARAM:string:unset:a value from the params file
ARKD_E2E_PARAM="${ARKD_E2E_PARAM:-unset}"
if [ "x$1" = "x0" ]; then
    arkd_e2e_i=0
    while eval "[ -n \"\${joboption_env_${arkd_e2e_i}+set}\" ]"; do arkd_e2e_i=$((arkd_e2e_i + 1)); done
    eval "joboption_env_${arkd_e2e_i}='ARKD_E2E_STAGE0=stage0:$2'"
elif [ "x$1" = "x1" ]; then
    export ARKD_E2E_RTE="stage1:$2:$ARKD_E2E_PARAM"
elif [ "x$1" = "x2" ]; then
    echo "stage2:$2" >arkd-e2e-stage2.txt
fi
RTE
    {
        timeout 120 arcctl -c "$CONF" rte enable ENV/ARKD-CONTAINER ENV/ARKD-E2E \
            && timeout 120 arcctl -c "$CONF" rte params-set ENV/ARKD-E2E ARKD_E2E_PARAM from-params
    } >"$LOGDIR/rte-enable.log" 2>&1
    restore_arcctl_cache
    for rte in ENV/ARKD-CONTAINER ENV/ARKD-E2E; do
        [ -e "$CTL/rte/enabled/$rte" ] || die "arcctl rte enable $rte failed: $(cat "$LOGDIR/rte-enable.log")"
    done
    [ -s "$CTL/rte/params/ENV/ARKD-E2E" ] || die "arcctl rte params-set ENV/ARKD-E2E failed: $(cat "$LOGDIR/rte-enable.log")"
fi

# ---------------------------------------------------------------------------
# 8. A-REX: the grid-manager (stock start script; it opens no port), and the
#    REST interface with its listener pinned to 127.0.0.1 (the stock ws start
#    script listens on every address: dump its arched XML, add the interface).
# ---------------------------------------------------------------------------
ARC_CONFIG=$CONF timeout 120 /usr/share/arc/arc-arex-start >"$LOGDIR/arex-start.log" 2>&1 \
    || die "arc-arex-start failed: $(cat "$LOGDIR/arex-start.log")"
ARC_CONFIG=$CONF timeout 120 /usr/share/arc/arc-arex-ws-start -d >"$RUNDIR/arex-ws.xml.orig" 2>"$LOGDIR/arex-ws-start.log" \
    || die "arc-arex-ws-start -d failed: $(cat "$LOGDIR/arex-ws-start.log")"
sed 's|<tcp:Listen><tcp:Port>|<tcp:Listen><tcp:Interface>127.0.0.1</tcp:Interface><tcp:Port>|' \
    "$RUNDIR/arex-ws.xml.orig" > "$RUNDIR/arex-ws.xml"
grep -q '<tcp:Interface>127.0.0.1' "$RUNDIR/arex-ws.xml" || die "could not pin the REST interface to 127.0.0.1"
( cd "$LOGDIR" && ulimit -S -n "$(ulimit -H -n)" && ARC_CONFIG=$CONF timeout 120 /usr/sbin/arched -c "$RUNDIR/arex-ws.xml" ) \
    >"$LOGDIR/arched.log" 2>&1 || die "arched failed: $(cat "$LOGDIR/arched.log")"
ok=""
for _ in $(seq 1 60); do
    if [ -s "$RUNDIR/arex.pid" ] && kill -0 "$(cat "$RUNDIR/arex.pid")" 2>/dev/null \
       && [ -s "$RUNDIR/arex-ws.pid" ] && kill -0 "$(cat "$RUNDIR/arex-ws.pid")" 2>/dev/null \
       && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then ok=yes; break; fi
    sleep 1
done
[ -n "$ok" ] || die "A-REX did not come up (grid-manager and REST on 127.0.0.1:$PORT) within 60 s"
log "A-REX up: $CE (grid-manager pid $(cat "$RUNDIR/arex.pid"), REST pid $(cat "$RUNDIR/arex-ws.pid")) ($(elapsed) s)"

# ---------------------------------------------------------------------------
# 9. Client: proxy, and wait until the information system has published once
#    (arcsub refuses a CE that returned no information).
# ---------------------------------------------------------------------------
client arcproxy -P "$CLIENT/proxy.pem" -c validityPeriod=12h >"$LOGDIR/arcproxy.log" 2>&1 \
    || die "arcproxy failed: $(cat "$LOGDIR/arcproxy.log")"
ok=""
for _ in $(seq 1 120); do
    if [ -s "$CTL/info.xml" ] && grep -q "ComputingShare" "$CTL/info.xml" 2>/dev/null; then ok=yes; break; fi
    sleep 1
done
[ -n "$ok" ] || die "the information system published nothing within 120 s (see $LOGDIR/infoprovider.log)"
log "information system published ($(elapsed) s)"

mkdir -p "$CLIENT/jobs"
cp "$HERE"/jobs/* "$CLIENT/jobs/"
JOBLIST=$CLIENT/jobs.dat

# submit NAME FILE: arcsub over REST; sets JOB_URL[NAME], JOB_ID[NAME]
submit() {
    local name=$1 file=$2 out url i
    for i in 1 2 3; do
        out=$(cd "$CLIENT/jobs" && client arcsub -j "$JOBLIST" -C "$CE" -T arcrest "$file" 2>&1)
        url=$(echo "$out" | grep -o 'https://[^ ]*' | tail -1)
        [ -n "$url" ] && break
        log "arcsub of $name failed (try $i): $(echo "$out" | tail -n 3)"
        sleep 10
    done
    [ -n "$url" ] || return 1
    JOB_URL[$name]=$url
    JOB_ID[$name]=${url##*/}
    log "submitted $name: ${JOB_ID[$name]}"
}

# A-REX's internal state of a job, from the control directory
arex_state() {
    local id=$1 d
    for d in accepting processing restarting finished; do
        [ -f "$CTL/$d/job.$id.status" ] && { cat "$CTL/$d/job.$id.status"; return; }
    done
    echo NONE
}

# wait_state ID DEADLINE STATE...: until A-REX's state is one of STATEs, or the
# absolute time DEADLINE (seconds since the epoch)
wait_state() {
    local id=$1 deadline=$2 s
    shift 2
    while :; do
        s=$(arex_state "$id")
        for want in "$@"; do [ "$s" = "$want" ] && return 0; done
        [ "$(date +%s)" -ge "$deadline" ] && { log "job $id: still $s (waited for $*)"; return 1; }
        sleep 2
    done
}

local_id() { sed -n 's/^localid=//p' "$CTL/job.$1.local" 2>/dev/null; }

pass() { PASSED_CASES=$((PASSED_CASES+1)); echo "PASS $1: $2"; }
fail() { FAILED_CASES=$((FAILED_CASES+1)); echo "FAIL $1: $2"; }

# arcstat_state NAME: the client's view ("Finished", "Failed", ...)
arcstat_state() {
    client arcstat -j "$JOBLIST" "${JOB_URL[$1]}" 2>/dev/null | sed -n 's/^ *State: \([A-Za-z]*\).*/\1/p' | head -1
}

# wait_arcstat NAME STATE: until arcstat shows STATE (the information system
# lags A-REX by up to a minute), or $ARCSTAT_DEADLINE, shared by all cases
wait_arcstat() {
    local name=$1 want=$2 s
    while :; do
        s=$(arcstat_state "$name")
        [ "$s" = "$want" ] && return 0
        [ "$(date +%s)" -ge "$ARCSTAT_DEADLINE" ] && { ARCSTAT_LAST=$s; return 1; }
        sleep 5
    done
}

# ---------------------------------------------------------------------------
# 10. The cases. All jobs are submitted first so that they run together.
# ---------------------------------------------------------------------------
if [ "$LRMS" = arkd ]; then CASES="hello exit3 walltime kill reject rte"
else CASES="hello exit3 kill"; fi    # ARC's fork backend enforces no wall time
[ -n "${ARC_E2E_CASES:-}" ] && CASES=$ARC_E2E_CASES

if [ -n "${ARC_E2E_HOLD:-}" ]; then
    cat > "$ROOT/client.env" <<EOF
export HOME=$CLIENT/home X509_USER_CERT=$CLIENT/usercert.pem X509_USER_KEY=$CLIENT/userkey.pem
export X509_CERT_DIR=$CERTS X509_USER_PROXY=$CLIENT/proxy.pem
CE=$CE CTL=$CTL SOCK=$SOCK ARKCTL=$ARKCTL_BIN
EOF
    touch "$ROOT/hold"
    log "holding: source $ROOT/client.env; rm $ROOT/hold to go on"
    for _ in $(seq 1 900); do [ -e "$ROOT/hold" ] || break; sleep 2; done
fi
for name in $CASES; do
    case $name in
        hello) file=hello.xrsl ;; exit3) file=exit3.xrsl ;; walltime) file=walltime.xrsl ;;
        kill) file=sleep.xrsl ;; reject) file=reject.xrsl ;; rte) file=rte.xrsl ;;
    esac
    submit "$name" "$file" || fail "$name" "arcsub failed"
done
log "all jobs submitted ($(elapsed) s)"

# The information system's module (ARKDmod.pm, as CEinfo.pl loads it) against the
# live arkd, while the sleeping job runs: its status letter is R, the cluster has
# CPUs, the queue is published; and A-REX's GLUE2 document names arkd.
check_infosys() {
    local lid=$1 out
    out=$(perl -I/usr/share/arc -e '
        use ARKDmod;
        $main::configfile = shift;
        my $lid = shift;
        my $r = ARKDmod::get_lrms_info({ queues => { shift() => { users => [ shift() ] } }, jobs => [ $lid ] });
        printf "status=%s totalcpus=%d queues=%s lrms=%s\n", $r->{jobs}{$lid}{status} // "-",
            $r->{cluster}{totalcpus}, join(",", sort keys %{ $r->{queues} }), $r->{cluster}{lrms_type};
    ' "$RUNDIR/arex.cfg" "$lid" "$QUEUE" "$GRIDUSER" 2>"$LOGDIR/arkdmod-probe.log")
    if ! echo "$out" | grep -qE "^status=R totalcpus=[1-9][0-9]* queues=$QUEUE lrms=arkd\$"; then
        fail infosys "ARKDmod.pm answered '$out' ($(tail -n 3 "$LOGDIR/arkdmod-probe.log" | tr '\n' ' '))"
    elif ! grep -q '<ProductName>arkd<' "$CTL/info.xml"; then
        fail infosys "A-REX's info.xml does not name arkd as the LRMS"
    else
        pass infosys "ARKDmod.pm: $out; info.xml names arkd"
    fi
}

# arckill of the sleeping job, once it runs
if [ -n "${JOB_ID[kill]:-}" ]; then
    id=${JOB_ID[kill]}
    if wait_state "$id" $(( $(date +%s) + 120 )) INLRMS; then
        running=""
        for _ in $(seq 1 60); do
            if [ "$LRMS" = arkd ]; then
                lid=$(local_id "$id")
                [ -n "$lid" ] && "$ARKCTL_BIN" status -o json --server "$SOCK" "$lid" 2>/dev/null | grep -q '"state" *: *"running"' && { running=yes; break; }
            else
                running=yes; sleep 5; break
            fi
            sleep 1
        done
        [ -n "$running" ] || log "kill: the job did not reach running in arkd; killing anyway"
        [ "$LRMS" = arkd ] && [ -n "$running" ] && check_infosys "$lid"
        client arckill -j "$JOBLIST" "${JOB_URL[kill]}" >"$LOGDIR/arckill.log" 2>&1 \
            || log "arckill: $(cat "$LOGDIR/arckill.log")"
        log "arckill sent to $id ($(elapsed) s)"
    fi
fi

# Wait until every job is FINISHED in A-REX (walltime: 1 min in the LRMS + grace)
FINISH_DEADLINE=$(( $(date +%s) + 300 ))
for name in $CASES; do
    [ -n "${JOB_ID[$name]:-}" ] || continue
    wait_state "${JOB_ID[$name]}" "$FINISH_DEADLINE" FINISHED DELETED || true
done
log "A-REX finished every job ($(elapsed) s)"

failed_text() { cat "$CTL/job.$1.failed" 2>/dev/null; }

# hello: FINISHED, no failure, accounting in .diag, outputs retrieved by arcget
check_hello() {
    local id=${JOB_ID[hello]:-} diag missing="" key
    [ -n "$id" ] || return
    [ "$(arex_state "$id")" = FINISHED ] || { fail hello "A-REX state $(arex_state "$id")"; return; }
    [ -s "$CTL/job.$id.failed" ] && { fail hello "failed: $(failed_text "$id")"; return; }
    diag=$CTL/job.$id.diag
    for key in WallTime UserTime KernelTime MaxResidentMemory nodename exitcode; do
        grep -qi "^$key=" "$diag" 2>/dev/null || missing="$missing $key"
    done
    if [ -n "$missing" ]; then fail hello-diag "job.$id.diag lacks:$missing ($(tr '\n' ' ' < "$diag" 2>/dev/null))"
    elif ! grep -qi '^exitcode=0$' "$diag"; then fail hello-diag "exit code in .diag is not 0: $(grep -i '^exitcode=' "$diag")"
    else pass hello-diag "$(grep -iE '^(WallTime|UserTime|KernelTime|MaxResidentMemory|nodename|exitcode)=' "$diag" | tr '\n' ' ')"
    fi
    if ! wait_arcstat hello Finished; then fail hello "arcstat shows '${ARCSTAT_LAST:-}', expected Finished"; return; fi
    rm -rf "${CLIENT:?}/get"; mkdir -p "$CLIENT/get"
    if ! client arcget -j "$JOBLIST" -D "$CLIENT/get" "${JOB_URL[hello]}" >"$LOGDIR/arcget.log" 2>&1; then
        fail hello "arcget failed: $(tail -n 3 "$LOGDIR/arcget.log")"; return
    fi
    local got=$CLIENT/get/$id
    if [ "$(cat "$got/out.txt" 2>/dev/null)" = "HELLO FROM THE INPUT FILE" ] \
       && grep -q "ARKD_E2E=42" "$got/stdout.txt" 2>/dev/null && grep -q "^done$" "$got/stdout.txt" \
       && grep -q "hello to stderr" "$got/stderr.txt" 2>/dev/null; then
        pass hello "FINISHED; arcget fetched out.txt, stdout.txt, stderr.txt ($(head -1 "$got/stdout.txt"))"
    else
        fail hello "outputs wrong or missing in $got: $(ls "$got" 2>&1 | tr '\n' ' ')"
    fi
}

# FAILED job whose failure text matches a pattern, as seen by A-REX and arcstat
check_failed() {
    local name=$1 pattern=$2 id=${JOB_ID[$1]:-} text
    [ -n "$id" ] || return
    [ "$(arex_state "$id")" = FINISHED ] || { fail "$name" "A-REX state $(arex_state "$id")"; return; }
    text=$(failed_text "$id")
    if ! echo "$text" | grep -q -- "$pattern"; then fail "$name" "failure text '$text' lacks '$pattern'"; return; fi
    if ! wait_arcstat "$name" Failed; then fail "$name" "arcstat shows '${ARCSTAT_LAST:-}', expected Failed"; return; fi
    pass "$name" "FAILED: $(echo "$text" | head -1)"
}

check_kill() {
    local id=${JOB_ID[kill]:-} text
    [ -n "$id" ] || return
    [ "$(arex_state "$id")" = FINISHED ] || { fail kill "A-REX state $(arex_state "$id")"; return; }
    text=$(failed_text "$id")
    echo "$text" | grep -q "Job is canceled by external request" || { fail kill "not cancelled: '$text'"; return; }
    if ! wait_arcstat kill Killed; then fail kill "arcstat shows '${ARCSTAT_LAST:-}', expected Killed"; return; fi
    if [ "$LRMS" = arkd ]; then
        local lid st
        lid=$(local_id "$id")
        st=$("$ARKCTL_BIN" status -o json --server "$SOCK" "$lid" 2>/dev/null | tr -d '\n ')
        echo "$st" | grep -q '"state":"killed"' || { fail kill "arkd's job $lid is not killed: $st"; return; }
    fi
    pass kill "KILLED after arckill (arkd job $(local_id "$id"))"
}

# a submission arkd refuses: FAILED in SUBMIT, with arkd's reason in job.<ID>.errors
check_reject() {
    local id=${JOB_ID[reject]:-} text
    [ -n "$id" ] || return
    [ "$(arex_state "$id")" = FINISHED ] || { fail reject "A-REX state $(arex_state "$id")"; return; }
    text=$(failed_text "$id")
    grep -q '^failedstate=SUBMIT' "$CTL/job.$id.local" 2>/dev/null \
        || { fail reject "did not fail in SUBMIT: $(grep '^failed' "$CTL/job.$id.local" | tr '\n' ' ') $text"; return; }
    if ! grep -qiE "$REJECT_REASON" "$CTL/job.$id.errors" 2>/dev/null; then
        fail reject "job.$id.errors lacks arkd's reason /$REJECT_REASON/: $(grep -v 'Job state change' "$CTL/job.$id.errors" | tail -n 5 | tr '\n' ' ')"
        return
    fi
    if ! wait_arcstat reject Failed; then fail reject "arcstat shows '${ARCSTAT_LAST:-}', expected Failed"; return; fi
    pass reject "FAILED in SUBMIT; job.<ID>.errors: $(grep -iE "$REJECT_REASON" "$CTL/job.$id.errors" | head -1 | grep -o 'error: .*')"
}

# ENV/ARKD-CONTAINER with an image reaches arkd: the GRAMI arkd parsed carries
# the RTE and its image, arkd ran that job (its local id), and it finished.
check_rte() {
    local id=${JOB_ID[rte]:-} grami lid st
    [ -n "$id" ] || return
    [ "$(arex_state "$id")" = FINISHED ] || { fail rte "A-REX state $(arex_state "$id")"; return; }
    [ -s "$CTL/job.$id.failed" ] && { fail rte "failed: $(failed_text "$id")"; return; }
    grami=$CTL/job.$id.grami
    grep -q "^joboption_runtime_0='ENV/ARKD-CONTAINER'" "$grami" 2>/dev/null \
        && grep -q "^joboption_runtime_0_1='docker.io/library/alpine:3.20'" "$grami" \
        || { fail rte "the GRAMI lacks the RTE and its image: $(grep runtime "$grami" 2>&1 | tr '\n' ' ')"; return; }
    lid=$(local_id "$id")
    grep -q "^joboption_jobid=$lid\$" "$grami" || { fail rte "the GRAMI has no joboption_jobid=$lid"; return; }
    st=$("$ARKCTL_BIN" status -o json --server "$SOCK" "$lid" 2>/dev/null | tr -d '\n ')
    echo "$st" | grep -q '"state":"finished"' || { fail rte "arkd's job $lid: $st"; return; }
    # ENV/ARKD-E2E: the option stage 0 added and the variable stage 1 exported
    # reached the payload (with the RTE's argument and its params file), and
    # stage 2 ran after it (its file is an output, so A-REX keeps it).
    grep -q '^rte job stage0:e2e arg stage1:e2e arg:from-params$' "$SESS/$id/stdout.txt" 2>/dev/null \
        || { fail rte "stages 0 and 1 did not reach the payload: stdout $(head -c 300 "$SESS/$id/stdout.txt" 2>&1 | tr '\n' ' ')"; return; }
    grep -q '^stage2:e2e arg$' "$SESS/$id/arkd-e2e-stage2.txt" 2>/dev/null \
        || { fail rte "stage 2 did not run: $(ls -a "$SESS/$id" 2>&1 | tr '\n' ' ')"; return; }
    grep -q '^runtimeenvironments=ENV/ARKD-CONTAINER;ENV/ARKD-E2E;$' "$CTL/job.$id.diag" 2>/dev/null \
        || { fail rte "job.<ID>.diag does not list the RTEs: $(grep -i runtime "$CTL/job.$id.diag" 2>&1 | tr '\n' ' ')"; return; }
    if ! wait_arcstat rte Finished; then fail rte "arcstat shows '${ARCSTAT_LAST:-}', expected Finished"; return; fi
    pass rte "FINISHED; arkd job $lid ran the GRAMI with ENV/ARKD-CONTAINER docker.io/library/alpine:3.20 and ENV/ARKD-E2E, whose stages 0 and 1 set the payload's environment and stage 2 ran after it; .diag lists both$(grep -i '^wninstance=' "$CTL/job.$id.diag" 2>/dev/null | sed 's/^/; /')"
}

REJECT_REASON="count must be a positive number"
ARCSTAT_DEADLINE=$(( $(date +%s) + 240 ))
for name in $CASES; do
    case $name in
        hello) check_hello ;;
        exit3) check_failed exit3 "(3)" ;;
        walltime) check_failed walltime "(271)" ;;
        kill) check_kill ;;
        reject) check_reject ;;
        rte) check_rte ;;
    esac
done

echo "$PASSED_CASES passed, $FAILED_CASES failed"
echo "duration: $(elapsed) s"
[ "$FAILED_CASES" -eq 0 ]
