#!/usr/bin/env bash
# Benchmarks `stratus-cli upload` against one fresh stratus-sandbox and records the figures in
# docs/benchmarks.md, section "## Uploads" (rewritten with the latest run):
#
#   - 500 files of 200 KB (random bytes, resource_type auto → raw): stratus-cli upload --concurrency N
#     against the official Node SDK (cloudinary.v2.uploader.upload, N uploads in flight at once);
#     two rounds each, alternating, the better round counts;
#   - one 2 GB file: stratus-cli upload (20 MB chunks, one X-Unique-Upload-Id) against curl posting
#     the same 20 MB chunks one after the other (one curl per chunk, signed, Content-Range);
#   - wall time and peak RSS (/usr/bin/time -v, the largest process of each run).
#
#   tests/bench/upload-bench.sh [BUILD_DIR] [CONCURRENCY]
#
# BUILD_DIR (default: build) must hold built stratus-cli and stratus-sandbox; the pinned Node SDK
# is installed into BUILD_DIR/tests/conformance/node as run-benchmarks.sh does. Inputs (2.5 GB) live
# in a temporary directory under /tmp, removed at the end. Not part of ctest.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "${1:-$repo/build}" && pwd)"
concurrency="${2:-4}"
cli="$build/src/cli/stratus-cli"
sandbox="$build/src/sandbox/stratus-sandbox"
node_dir="$build/tests/conformance/node"
doc="$repo/docs/benchmarks.md"

for tool in node curl sha1sum md5sum split /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "upload-bench: $tool not found" >&2; exit 1; }
done
[ -x "$cli" ] && [ -x "$sandbox" ] || { echo "upload-bench: build stratus-cli and stratus-sandbox in $build first" >&2; exit 1; }
cmake -DNODE="$(command -v node)" -DNPM="$(command -v npm || echo NPM-NOTFOUND)" \
      -DSOURCE_DIR="$repo/tests/conformance" -DNODE_DIR="$node_dir" \
      -P "$repo/tests/conformance/npm-install.cmake" >/dev/null

work="$(mktemp -d /tmp/stratus-upload-bench.XXXXXX)"
sandbox_pid=""
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "upload-bench: making the inputs in $work"
mkdir -p "$work/small" "$work/chunks"
for i in $(seq -w 1 500); do head -c 204800 /dev/urandom > "$work/small/file$i.bin"; done
head -c 2000000000 /dev/urandom > "$work/big.bin"
(cd "$work/chunks" && split -b 20000000 -d -a 3 "$work/big.bin" chunk.)
big_md5="$(md5sum "$work/big.bin" | cut -d' ' -f1)"

key=benchkey
secret=benchsecret
"$sandbox" --port 0 --data "$work/sandbox" \
    --environment "cloudinary://$key:$secret@bench?folder_mode=dynamic&admin_rate_limit=100000" > "$work/sandbox.out" 2>&1 &
sandbox_pid=$!
for _ in $(seq 100); do grep -q '^CLOUDINARY_URL=' "$work/sandbox.out" && break; sleep 0.1; done
url="$(sed -n 's/^CLOUDINARY_URL=//p' "$work/sandbox.out")"
base="$(sed -n 's/^listening on //p' "$work/sandbox.out")"
export CLOUDINARY_URL="$url" XDG_DATA_HOME="$work/xdg-data" XDG_CONFIG_HOME="$work/xdg-config"

cat > "$work/node-upload.js" <<'EOF'
// The official Node SDK uploading every file of a folder, N at a time.
const cloudinary = require('cloudinary').v2;
const fs = require('fs');
const path = require('path');
const [dir, concurrency, folder] = process.argv.slice(2);
const files = fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
let next = 0;
let failed = 0;
async function worker() {
    while (next < files.length) {
        const file = files[next++];
        try {
            await cloudinary.uploader.upload(file, { resource_type: 'auto', asset_folder: folder });
        } catch (e) {
            failed++;
            console.error(file, e.message || e.error?.message);
        }
    }
}
Promise.all(Array.from({ length: Number(concurrency) }, worker)).then(() => {
    console.log(`${files.length - failed} uploaded, ${failed} failed`);
    process.exit(failed ? 1 : 0);
});
EOF

cat > "$work/curl-chunks.sh" <<'EOF'
#!/usr/bin/env bash
# The 2 GB file's 20 MB chunks, one signed curl POST each, one after the other.
set -euo pipefail
work="$1"; base="$2"; key="$3"; secret="$4"; total="$5"
upload_id="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
offset=0
for chunk in "$work"/chunks/chunk.*; do
    size="$(stat -c %s "$chunk")"
    last=$((offset + size - 1))
    range_total=$([ $((last + 1)) -eq "$total" ] && echo "$total" || echo -1)
    timestamp="$(date +%s)"
    signature="$(printf 'public_id=curl/big.bin&timestamp=%s%s' "$timestamp" "$secret" | sha1sum | cut -d' ' -f1)"
    curl -sS --fail-with-body -o "$work/curl-answer.json" -H 'Expect:' -H "X-Unique-Upload-Id: $upload_id" \
        -H "Content-Range: bytes $offset-$last/$range_total" -F "file=@$chunk;filename=big.bin" \
        -F "public_id=curl/big.bin" -F "timestamp=$timestamp" -F "api_key=$key" -F "signature=$signature" \
        "$base/v1_1/bench/raw/upload"
    offset=$((last + 1))
done
EOF
chmod +x "$work/curl-chunks.sh"

# Runs a command under /usr/bin/time -v; prints "SECONDS RSS_KIB".
measure() {
    local log="$work/time.log"
    if ! /usr/bin/time -v -o "$log" "$@" > "$work/run.out" 2> "$work/run.err"; then
        echo "upload-bench: failed: $*" >&2; tail -5 "$work/run.out" "$work/run.err" >&2; exit 1
    fi
    local wall rss
    wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')"
    rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")"
    echo "$wall $rss"
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "upload-bench: load average $load_before"
declare -a cli_small node_small
for round in 1 2; do
    echo "upload-bench: round $round, 500 × 200 KB, concurrency $concurrency"
    cli_small[$round]="$(measure "$cli" upload "$work/small" --folder "cli-$round" --concurrency "$concurrency")"
    grep -q '500 uploaded, 0 already there, 0 failed' "$work/run.out" || { cat "$work/run.out" >&2; exit 1; }
    echo "  stratus-cli: ${cli_small[$round]}"
    node_small[$round]="$(NODE_PATH="$node_dir/node_modules" measure node "$work/node-upload.js" "$work/small" "$concurrency" "node-$round")"
    grep -q '500 uploaded, 0 failed' "$work/run.out" || { cat "$work/run.out" >&2; exit 1; }
    echo "  Node SDK:    ${node_small[$round]}"
done
load_middle="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "upload-bench: 2 GB, stratus-cli"
cli_big="$(measure "$cli" upload "$work/big.bin" --folder cli-big --json)"
grep -q '"uploaded": 1' "$work/run.out" || { cat "$work/run.out" >&2; exit 1; }
echo "  stratus-cli: $cli_big"
echo "upload-bench: 2 GB, curl"
curl_big="$(measure "$work/curl-chunks.sh" "$work" "$base" "$key" "$secret" 2000000000)"
grep -q "\"etag\":\"$big_md5\"" "$work/curl-answer.json" || { cat "$work/curl-answer.json" >&2; exit 1; }
echo "  curl:        $curl_big"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

best() { printf '%s\n' "$@" | sort -n -k1,1 | head -n 1; }
cli_best="$(best "${cli_small[1]}" "${cli_small[2]}")"
node_best="$(best "${node_small[1]}" "${node_small[2]}")"
read -r cli_s cli_rss <<< "$cli_best"
read -r node_s node_rss <<< "$node_best"
read -r cli_big_s cli_big_rss <<< "$cli_big"
read -r curl_big_s curl_big_rss <<< "$curl_big"
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", n / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }

commit="$(git -C "$repo" rev-parse --short HEAD)"
[ -n "$(git -C "$repo" status --porcelain -- src tests | head -n 1)" ] && commit="$commit (with local changes)"
section="$work/section.md"
cat > "$section" <<EOF
<!-- bench:upload:begin -->
## Uploads

\`stratus-cli upload\` against the official Node SDK and curl, all against one fresh
\`stratus-sandbox\` (dynamic folder mode, \`--data\` in /tmp) on 127.0.0.1, inputs in /tmp:

- **small files**: 500 files of 200 KB (random bytes, \`resource_type\` auto → raw), $concurrency in flight:
  \`stratus-cli upload DIR --concurrency $concurrency\` (journal, progress, no catalogue) against
  \`cloudinary.v2.uploader.upload\` (Node SDK $(node -p "require('$node_dir/node_modules/cloudinary/package.json').version"), Node $(node --version)) with $concurrency promises
  at a time; two rounds each, alternating; the better round counts.
- **large file**: one 2 GB file (random bytes) in 20 MB chunks sent one after the other:
  \`stratus-cli upload FILE\` against a loop of \`curl -F file=@chunk\` (one process and connection
  per chunk, signed, \`X-Unique-Upload-Id\`, \`Content-Range\`); final etag = MD5 checked.
- Time and peak RSS from \`/usr/bin/time -v\` (for curl: the largest of the loop's processes).
  Both sides share the machine with the sandbox, which does most of the work.

- Command: \`tests/bench/upload-bench.sh ${build#"$repo/"} $concurrency\`
- Machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $(. /etc/os-release && echo "$PRETTY_NAME")
- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $commit; build type $(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
- Load average (1, 5, 15 min): $load_before at the start, $load_middle after the small files, $load_after at the end

| benchmark | stratus-cli | reference | stratus-cli / reference | peak RSS stratus-cli | peak RSS reference |
| --- | ---: | ---: | ---: | ---: | ---: |
| 500 × 200 KB, concurrency $concurrency (vs Node SDK) | **$(rate 500 "$cli_s") files/s** ($cli_s s) | $(rate 500 "$node_s") files/s ($node_s s) | $(ratio "$node_s" "$cli_s") | $(mib "$cli_rss") | $(mib "$node_rss") |
| 2 GB in 20 MB chunks (vs curl) | **$(rate 2000 "$cli_big_s") MB/s** ($cli_big_s s) | $(rate 2000 "$curl_big_s") MB/s ($curl_big_s s) | $(ratio "$curl_big_s" "$cli_big_s") | $(mib "$cli_big_rss") | $(mib "$curl_big_rss") |

Targets (issue 6): at least the Node SDK's rate on the small files, at least 90 % of curl's on the
large file, peak RSS under 150 MB. Rounds: stratus-cli ${cli_small[1]% *} s / ${cli_small[2]% *} s,
Node SDK ${node_small[1]% *} s / ${node_small[2]% *} s.
<!-- bench:upload:end -->
EOF
python3 - "$doc" "$section" <<'EOF'
import re, sys
doc, section = sys.argv[1], open(sys.argv[2]).read().rstrip('\n')
text = open(doc).read()
pattern = re.compile(r'<!-- bench:upload:begin -->.*?<!-- bench:upload:end -->', re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip('\n') + '\n\n' + section + '\n'
open(doc, 'w').write(text)
EOF
cat "$section"
