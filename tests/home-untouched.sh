#!/usr/bin/env bash
# Runs a test the way plain `ctest` does on a developer's machine — no tests/run-headless.sh, so HOME
# and XDG_* are whatever the person has — except that HOME is an empty directory and XDG_CONFIG_HOME,
# XDG_DATA_HOME and XDG_CACHE_HOME are unset (so they follow HOME). Fails when the test left
# anything of Stratus there, or anything in Qt's test-mode folders: it would have written into the
# real home. Tests pass a temporary StorageLayout instead.
#
# Usage: home-untouched.sh TEST_BINARY [ARGS…]
set -euo pipefail

home="$(mktemp -d "${TMPDIR:-/tmp}/stratus-home.XXXXXX")"
trap 'rm -rf "$home"' EXIT

status=0
env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_CACHE_HOME HOME="$home" "$@" || status=$?

# Other libraries' caches (fontconfig, Mesa) may appear under HOME; Stratus's own files all have
# "Stratus" in their path, and a QSettings() of a test would be under .config.
written="$(cd "$home" && find . -mindepth 1 \( -ipath '*stratus*' -o -path './.qttest*' -o -path './.config/*' \) \
    -print | sort)"
if [ -n "$written" ]; then
    echo "FAIL: the test wrote into HOME ($home):" >&2
    printf '%s\n' "$written" >&2
    exit 1
fi
exit "$status"
