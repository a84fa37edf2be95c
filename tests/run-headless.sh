#!/usr/bin/env bash
# Runs a command the way the tests and CI need it (design.md, "Platform"):
# offscreen Qt, a private D-Bus session with an unlocked gnome-keyring (a real Secret Service for
# QtKeychain), HOME and XDG_* in a temporary directory, and the WebEngine sandbox off only when root.
set -euo pipefail

scratch="$(mktemp -d "${TMPDIR:-/tmp}/stratus-test.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/config" "$scratch/data" "$scratch/cache" "$scratch/runtime"
chmod 700 "$scratch/runtime"

export HOME="$scratch/home"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_DATA_HOME="$scratch/data"
export XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime"
# What tests that need this session check for (tests/headlesssession.h): they fail without it.
export STRATUS_HEADLESS_SESSION="$scratch"
export QT_QPA_PLATFORM=offscreen
unset DISPLAY WAYLAND_DISPLAY
if [ "$(id -u)" -eq 0 ]; then
    export QTWEBENGINE_DISABLE_SANDBOX=1
fi

# A non-empty password is what creates the login collection without a prompt.
exec dbus-run-session -- sh -c '
    printf %s stratus-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' sh "$@"
