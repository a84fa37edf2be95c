#!/usr/bin/env bash
# Cold start of the app to a usable window (issue 15, point 5: embedding Cloudinary's widgets must not
# make it grow). Starts `stratus` RUNS times on a private Xvfb display, each a new process with the
# same private HOME (the Local sandbox account exists after the first, untimed, run), and measures:
#   - window: from exec to the main window mapped and visible (xdotool search --sync --onlyvisible);
#   - RSS of the app 2 s after that (VmRSS, MiB);
#   - WebEngine processes (QtWebEngineProcess) running then — WebEngine must start only when a widget
#     is first opened, so this must be 0.
# Prints one line per run and a summary (median, min, max).
#
#   tests/bench/startup-bench.sh [BUILD_DIR] [RUNS]
#
# Needs Xvfb, xdotool, dbus-run-session and gnome-keyring-daemon (the README's install command adds
# them). Not part of ctest: a benchmark, see docs/benchmarks.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "${1:-$repo/build}" && pwd)"
runs="${2:-9}"
app="$build/src/app/stratus"
[ -x "$app" ] || { echo "startup-bench: no stratus at $app; build it first" >&2; exit 1; }
for tool in Xvfb xdotool dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { echo "startup-bench: $tool not found" >&2; exit 1; }
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/stratus-startup.XXXXXX")"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() { kill "$xvfb" 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT
sleep 1

mkdir -p "$scratch"/{home,config,data,cache,runtime}
chmod 700 "$scratch/runtime"
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
       XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime" DISPLAY="$display"
unset QT_QPA_PLATFORM WAYLAND_DISPLAY
[ "$(id -u)" = 0 ] && export QTWEBENGINE_DISABLE_SANDBOX=1

# One run: prints "window_ms rss_mib webengine_processes".
one_run() {
    dbus-run-session -- bash -c '
        printf %s bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        start=$(date +%s%N)
        "$1" >/dev/null 2>&1 &
        pid=$!
        xdotool search --sync --onlyvisible --pid "$pid" >/dev/null 2>&1
        mapped=$(date +%s%N)
        sleep 2
        rss=$(awk "/^VmRSS/ {print \$2}" /proc/$pid/status 2>/dev/null || echo 0)
        # WebEngine processes of this app (its descendants, not only its children).
        engines=0
        for engine in $(pgrep -f QtWebEngineProcess); do
            ancestor=$engine
            while [ "$ancestor" -gt 1 ]; do
                ancestor=$(awk "/^PPid/ {print \$2}" /proc/$ancestor/status 2>/dev/null || echo 1)
                [ "$ancestor" = "$pid" ] && { engines=$((engines + 1)); break; }
            done
        done
        kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
        echo "$(( (mapped - start) / 1000000 )) $(( rss / 1024 )) ${engines:-0}"
    ' bash "$app" 2>/dev/null
}

echo "startup-bench: $app, $runs runs, display $display, load $(cut -d" " -f1-3 /proc/loadavg)"
one_run >/dev/null # the first run makes the Local sandbox account and seeds it: not a cold start to time
times=()
for i in $(seq 1 "$runs"); do
    read -r ms rss engines < <(one_run)
    echo "run $i: window ${ms} ms, RSS ${rss} MiB, WebEngine processes ${engines}"
    times+=("$ms")
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "window: median ${sorted[$(( runs / 2 ))]} ms, min ${sorted[0]} ms, max ${sorted[$(( runs - 1 ))]} ms; load $(cut -d" " -f1-3 /proc/loadavg)"
