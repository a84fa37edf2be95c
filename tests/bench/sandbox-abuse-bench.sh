#!/usr/bin/env bash
# What one hostile request costs stratus-sandbox (issue 11, item 13): its peak RSS while it answers
# a 300 MB request (unauthenticated Admin POST, Upload API with Content-Length, Upload API chunked),
# and the processor time it spends on one delivery URL with a 5000x5000 scale and ten
# e_sharpen:2000 steps (asked twice: the second answer shows what is remembered).
#
#   tests/bench/sandbox-abuse-bench.sh [BUILD_DIR]
#
# Prints the figures; docs/benchmarks.md ("stratus-sandbox under abuse") records them with the
# machine. Needs curl, node and /usr/bin/time. Not part of ctest. Temporary files live under /tmp.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "${1:-$repo/build}" && pwd)"
sandbox="$build/src/sandbox/stratus-sandbox"
[ -x "$sandbox" ] || { echo "sandbox-abuse-bench: no stratus-sandbox at $sandbox" >&2; exit 1; }
command -v curl >/dev/null || { echo "sandbox-abuse-bench: curl not found" >&2; exit 1; }
command -v node >/dev/null || { echo "sandbox-abuse-bench: node not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "sandbox-abuse-bench: /usr/bin/time not found" >&2; exit 1; }

work="$(mktemp -d /tmp/stratus-abuse-bench.XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
head -c 300000000 /dev/zero >"$work/body"

# Starts the sandbox (under /usr/bin/time -v when $1 is "timed"); sets $port and $pid.
start() {
    local timed="$1" seed="$2"
    local prefix=()
    [ "$timed" = timed ] && prefix=(/usr/bin/time -v -o "$work/time")
    "${prefix[@]}" "$sandbox" --port 0 --seed "$seed" --environment "cloudinary://123456:s3cret@bench" \
        >"$work/out" 2>"$work/err" &
    pid=$!
    for _ in $(seq 1 150); do grep -q '^listening on' "$work/out" 2>/dev/null && break; sleep 0.2; done
    port="$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/out")"
    [ -n "$port" ] || { echo "the sandbox did not start: $(cat "$work/err")" >&2; exit 1; }
}

stop() {
    kill -TERM "$(pgrep -P "$pid" || echo "$pid")" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

echo "\$ tests/bench/sandbox-abuse-bench.sh ${build#"$repo/"}"
for case in "admin:/v1_1/bench/resources/image/upload/x:" \
            "upload:/v1_1/bench/image/upload:" \
            "upload chunked:/v1_1/bench/image/upload:-H Transfer-Encoding:chunked"; do
    IFS=: read -r name path extra <<<"$case"
    start timed 0
    # shellcheck disable=SC2086
    answer="$(curl -s -o "$work/answer" -w 'HTTP %{http_code} after %{time_total} s, %{size_upload} bytes sent' \
        -H 'Expect:' -H 'Content-Type: application/octet-stream' $extra --data-binary @"$work/body" \
        "http://127.0.0.1:$port$path" || true)"
    stop
    rss="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/time")"
    printf '300 MB POST (%s): %s; sandbox peak RSS %s kB\n' "$name" "$answer" "$rss"
done

start plain 1
id="$(curl -s -u 123456:s3cret "http://127.0.0.1:$port/v1_1/bench/resources/image" |
    node -e 'let t = ""; process.stdin.on("data", d => t += d).on("end", () => {
        const r = JSON.parse(t).resources[0]; console.log(r.public_id + "." + r.format); })')"
[ -n "$id" ] || { echo "sandbox-abuse-bench: the seeded image was not found" >&2; exit 1; }
transformation="w_5000,h_5000,c_scale"
for _ in $(seq 10); do transformation="$transformation/e_sharpen:2000"; done
url="http://127.0.0.1:$port/bench/image/upload/$transformation/$id"
tick="$(getconf CLK_TCK)"
for attempt in first again; do
    before="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    answer="$(curl -s -o /dev/null -D "$work/headers" -w 'HTTP %{http_code} after %{time_total} s' "$url" || true)"
    after="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    error="$(grep -i '^x-cld-error' "$work/headers" | tr -d '\r' || true)"
    printf 'heavy delivery URL (%s): %s, %s s of the sandbox'"'"'s CPU %s\n' "$attempt" "$answer" \
        "$(awk -v t="$((after - before))" -v k="$tick" 'BEGIN { printf "%.2f", t / k }')" "$error"
done
stop
