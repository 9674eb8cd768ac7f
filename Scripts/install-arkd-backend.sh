#!/bin/sh
# install-arkd-backend.sh -- install (or remove) arkd's A-REX backend.
#
# Usage: install-arkd-backend.sh [--datadir DIR] [--rtedir DIR] [--arkctl PATH]
#        install-arkd-backend.sh --uninstall [--datadir DIR] [--force]
#
# Installs, next to ARC's own backends:
#   <datadir>/submit-arkd-job, scan-arkd-job, cancel-arkd-job   (0755)
#   <datadir>/ARKDmod.pm                                          (0644)
#   <rtedir>/ENV/ARKD-CONTAINER                                   (0644)
# and records them (with checksums) in <datadir>/arkd-backend.manifest.
#   --datadir DIR   ARC's data directory (default /usr/share/arc), where A-REX
#                   looks for submit-<lrms>-job etc. and the infoprovider for
#                   <LRMS>mod.pm
#   --rtedir DIR    a runtime-environment directory, i.e. [arex] runtimedir
#                   (default /etc/arc/runtime)
#   --arkctl PATH   absolute path of arkctl, written into the installed files as
#                   their fallback (after $ARKCTL and "arkctl =" in [custom:arkd],
#                   before arkctl on PATH)
#   --uninstall     remove exactly the files the manifest lists, and the
#                   directories the install created if they are empty; a file
#                   changed since it was installed is kept unless --force
# Running it again is harmless: unchanged files are left alone, changed ones
# replaced atomically, files of an earlier install that are no longer wanted
# (another --rtedir) removed.
#
# Afterwards: set "[lrms] lrms = arkd" and a [custom:arkd] block in arc.conf
# (see Scripts/arc.conf.example), and enable the RTE with
#   arcctl rte enable ENV/ARKD-CONTAINER
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DATADIR=/usr/share/arc
RTEDIR=/etc/arc/runtime
ARKCTL_PATH=""
MODE=install
FORCE=""

usage() { sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "install-arkd-backend: $*" >&2; exit 1; }
say() { echo "install-arkd-backend: $*"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --datadir) [ $# -ge 2 ] || die "--datadir needs a directory"; DATADIR=$2; shift 2 ;;
        --datadir=*) DATADIR=${1#--datadir=}; shift ;;
        --rtedir) [ $# -ge 2 ] || die "--rtedir needs a directory"; RTEDIR=$2; shift 2 ;;
        --rtedir=*) RTEDIR=${1#--rtedir=}; shift ;;
        --arkctl) [ $# -ge 2 ] || die "--arkctl needs a path"; ARKCTL_PATH=$2; shift 2 ;;
        --arkctl=*) ARKCTL_PATH=${1#--arkctl=}; shift ;;
        --uninstall) MODE=uninstall; shift ;;
        --force) FORCE=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done

case "$DATADIR" in /*) ;; *) die "--datadir must be an absolute path, not '$DATADIR'" ;; esac
case "$RTEDIR" in /*) ;; *) die "--rtedir must be an absolute path, not '$RTEDIR'" ;; esac
DATADIR=${DATADIR%/}
RTEDIR=${RTEDIR%/}
MANIFEST=$DATADIR/arkd-backend.manifest

checksum() { sha256sum "$1" | cut -d' ' -f1; }

# Removes what a manifest lists: "file <sha256> <path>" and "dir <path>" lines.
# $1 = manifest, $2 = paths to keep (newline-separated), for a reinstall.
remove_listed() {
    manifest=$1
    keep=$2
    [ -f "$manifest" ] || return 0
    while read -r kind a b; do
        [ "$kind" = file ] || continue
        path=$b
        if printf '%s\n' "$keep" | grep -Fqx -- "$path"; then continue; fi
        if [ ! -e "$path" ]; then continue; fi
        if [ "$(checksum "$path")" != "$a" ] && [ -z "$FORCE" ]; then
            echo "install-arkd-backend: $path was changed since it was installed; kept (--force removes it)" >&2
            continue
        fi
        rm -f -- "$path"
        say "removed $path"
    done < "$manifest"
    # directories, deepest first, only when empty
    grep '^dir ' "$manifest" | cut -d' ' -f2- | sort -r | while read -r dir; do
        if printf '%s\n' "$keep" | grep -Fqx -- "$dir"; then continue; fi
        if [ -d "$dir" ] && rmdir -- "$dir" 2>/dev/null; then say "removed directory $dir"; fi
    done
}

if [ "$MODE" = uninstall ]; then
    if [ ! -f "$MANIFEST" ]; then
        say "nothing to remove: no $MANIFEST"
        exit 0
    fi
    remove_listed "$MANIFEST" ""
    rm -f -- "$MANIFEST"
    say "removed $MANIFEST"
    exit 0
fi

# --- install --------------------------------------------------------------------
if [ -n "$ARKCTL_PATH" ]; then
    case "$ARKCTL_PATH" in /*) ;; *) die "--arkctl must be an absolute path, not '$ARKCTL_PATH'" ;; esac
    case "$ARKCTL_PATH" in *[\'\"\\\$\`\ ]*) die "--arkctl path must not contain quotes, '\\', '\$', '\`' or spaces" ;; esac
    [ -x "$ARKCTL_PATH" ] || echo "install-arkd-backend: warning: $ARKCTL_PATH is not executable (yet)" >&2
fi
for f in submit-arkd-job scan-arkd-job cancel-arkd-job ARKDmod.pm rte/ENV/ARKD-CONTAINER; do
    [ -f "$HERE/$f" ] || die "missing source file $HERE/$f"
done
[ -d "$DATADIR" ] || die "ARC data directory $DATADIR does not exist (is nordugrid-arc-arex installed?)"

NEW_MANIFEST=$(mktemp "$DATADIR/.arkd-backend.manifest.XXXXXX")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; rm -f "$NEW_MANIFEST"' EXIT

# directories this install creates (recorded so that --uninstall removes them);
# ones a previous install created stay recorded
created_dirs=""
if [ -f "$MANIFEST" ]; then created_dirs=$(grep '^dir ' "$MANIFEST" | cut -d' ' -f2- || true); fi
make_dir() {
    missing=""
    d=$1
    while [ ! -d "$d" ]; do missing="$d
$missing"; d=$(dirname "$d"); done
    mkdir -p -- "$1"
    created_dirs=$(printf '%s\n%s' "$created_dirs" "$missing" | sed '/^$/d' | sort -u)
}

# Renders a source file (with the arkctl fallback filled in) and installs it
# atomically if it differs from what is there.
put() {
    src=$1 target=$2 mode=$3
    rendered=$WORK/$(basename "$target")
    if [ -n "$ARKCTL_PATH" ]; then
        sed -e "s|^ARKD_ARKCTL_INSTALLED=\"\"|ARKD_ARKCTL_INSTALLED=\"$ARKCTL_PATH\"|" \
            -e "s|^our \$ARKCTL_INSTALLED = '';|our \$ARKCTL_INSTALLED = '$ARKCTL_PATH';|" "$src" > "$rendered"
    else
        cp "$src" "$rendered"
    fi
    chmod "$mode" "$rendered"
    if [ -f "$target" ] && cmp -s "$rendered" "$target" \
       && [ "$(stat -c %a "$target")" = "$(stat -c %a "$rendered")" ]; then
        say "unchanged $target"
    else
        tmp=$(mktemp "$(dirname "$target")/.$(basename "$target").XXXXXX")
        cp "$rendered" "$tmp"
        chmod "$mode" "$tmp"
        mv -f -- "$tmp" "$target"
        say "installed $target ($mode)"
    fi
    echo "file $(checksum "$target") $target" >> "$NEW_MANIFEST"
}

make_dir "$DATADIR"
for script in submit-arkd-job scan-arkd-job cancel-arkd-job; do
    put "$HERE/$script" "$DATADIR/$script" 0755
done
put "$HERE/ARKDmod.pm" "$DATADIR/ARKDmod.pm" 0644
make_dir "$RTEDIR/ENV"
put "$HERE/rte/ENV/ARKD-CONTAINER" "$RTEDIR/ENV/ARKD-CONTAINER" 0644

printf '%s\n' "$created_dirs" | sed '/^$/d' | sed 's/^/dir /' >> "$NEW_MANIFEST"
# an earlier install's files that this one no longer has (e.g. another --rtedir)
remove_listed "$MANIFEST" "$(grep '^file ' "$NEW_MANIFEST" | cut -d' ' -f3-; printf '%s\n' "$created_dirs")"
chmod 0644 "$NEW_MANIFEST"
mv -f -- "$NEW_MANIFEST" "$MANIFEST"
say "manifest $MANIFEST"
[ -n "$ARKCTL_PATH" ] && say "arkctl fallback: $ARKCTL_PATH"
say "next: '[lrms] lrms = arkd' and a [custom:arkd] block in arc.conf; arcctl rte enable ENV/ARKD-CONTAINER"
