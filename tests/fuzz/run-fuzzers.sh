#!/usr/bin/env bash
# Builds every libFuzzer target (tests/fuzz/fuzz_*.cpp) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer in build-fuzz/ at the top of this checkout, then runs each one for
# SECONDS seconds (default 20) over a scratch copy of its seed corpus (tests/fuzz/corpus/<target>/),
# so the checked-in corpus is never modified.
#
# Exit status: 0 when every target built and ran clean; 1 when any target crashed, timed out,
# leaked or triggered a sanitizer report (the input is kept in build-fuzz/fuzz-artifacts/<target>/
# and the end of the log is printed); 2 on a usage error or when something failed to build (the
# targets that did build still run).
#
#   tests/fuzz/run-fuzzers.sh           # 20 s per target
#   tests/fuzz/run-fuzzers.sh 300       # 5 min per target
#   STRATUS_FUZZ_JOBS=4 tests/fuzz/run-fuzzers.sh
set -euo pipefail

seconds="${1:-20}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [[ "$seconds" -eq 0 ]]; then
    echo "usage: $0 [SECONDS]   (a positive whole number; default 20)" >&2
    exit 2
fi

here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd -- "$here/../.." && pwd)"
build="$root/build-fuzz"
artifacts="$build/fuzz-artifacts"
jobs="${STRATUS_FUZZ_JOBS:-2}"

generator=()
if command -v ninja >/dev/null 2>&1; then
    generator=(-G Ninja)
fi

echo "== configuring $build (clang, -DSTRATUS_FUZZ=ON)"
mkdir -p -- "$build"
if ! CC=clang CXX=clang++ cmake -S "$root" -B "$build" "${generator[@]}" -DSTRATUS_FUZZ=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/configure.log" 2>&1; then
    tail -n 40 "$build/configure.log" >&2
    echo "run-fuzzers: configuring failed (full log: $build/configure.log)" >&2
    exit 2
fi

# One target per fuzz_<name>.cpp, the same rule as tests/fuzz/CMakeLists.txt.
targets=()
for source in "$here"/fuzz_*.cpp; do
    [[ -e "$source" ]] || continue
    name="$(basename -- "$source" .cpp)"
    targets+=("$name")
done
if [[ ${#targets[@]} -eq 0 ]]; then
    echo "run-fuzzers: no tests/fuzz/fuzz_*.cpp found" >&2
    exit 2
fi

# Built one by one, so a target that does not compile yet does not keep the others from running.
built=()
unbuilt=()
for name in "${targets[@]}"; do
    echo "== building $name"
    if cmake --build "$build" --target "$name" -j "$jobs" >"$build/build-$name.log" 2>&1; then
        built+=("$name")
    else
        grep -E 'error|FAILED' "$build/build-$name.log" | head -n 20 | sed 's/^/   /' >&2 || true
        echo "   build FAILED (full log: $build/build-$name.log)" >&2
        unbuilt+=("$name")
    fi
done

# Every finding must end the run: sanitizers abort, leaks count, stacks are symbolised.
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:symbolize=1:allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export QT_QPA_PLATFORM=offscreen

scratch="$(mktemp -d "${TMPDIR:-/tmp}/stratus-fuzz.XXXXXX")"
trap 'rm -rf -- "$scratch"' EXIT

crashed=()
for name in "${built[@]}"; do
    fuzzer="$build/tests/fuzz/$name"
    corpus="$scratch/$name"
    mkdir -p -- "$corpus" "$artifacts/$name"
    if [[ -d "$here/corpus/$name" ]]; then
        cp -R -- "$here/corpus/$name/." "$corpus/"
    fi
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
             -artifact_prefix="$artifacts/$name/")
    if [[ -f "$here/$name.dict" ]]; then
        options+=(-dict="$here/$name.dict")
    fi
    log="$scratch/$name.log"
    echo "== running $name for ${seconds}s over $(find "$corpus" -type f | wc -l) seed(s)"
    status=0
    "$fuzzer" "${options[@]}" "$corpus" >"$log" 2>&1 || status=$?
    if [[ $status -eq 0 ]]; then
        grep -E '^(Done [0-9]+ runs|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb))' \
            "$log" | sed 's/^/   /' || true
        echo "   ok: corpus grew to $(find "$corpus" -type f | wc -l) entries"
    else
        echo "   FAILED (exit $status); end of the log:" >&2
        tail -n 60 "$log" | sed 's/^/   /' >&2
        echo "   the input is in $artifacts/$name/; reproduce with: \"$fuzzer\" <that file>" >&2
        crashed+=("$name")
    fi
done

if [[ ${#crashed[@]} -gt 0 ]]; then
    echo "run-fuzzers: ${#crashed[@]} target(s) found a problem: ${crashed[*]}" >&2
    exit 1
fi
if [[ ${#unbuilt[@]} -gt 0 ]]; then
    echo "run-fuzzers: ${#unbuilt[@]} target(s) did not build: ${unbuilt[*]}; the other ${#built[@]} ran clean" >&2
    exit 2
fi
echo "run-fuzzers: all ${#built[@]} target(s) ran ${seconds}s each without a finding"
