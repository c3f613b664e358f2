#!/usr/bin/env bash
# Instructions per call, generated client against hand-written reqwest, counted by callgrind:
# repeatable where timings are not. Each figure is (run of 1,100 calls - run of 100) / 1,000,
# so start-up and the connection's opening cancel out. The server runs in the same process
# and its work (the same for both) is included.
# Usage: bench/callgrind.sh   (needs valgrind; builds the release bench first)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p semaphore-api-bench
out=$(mktemp -d)
count() { # variant call calls
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" target/release/bench --profile "$1" "$2" "$3" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
echo "| call | generated instructions/call | hand-written instructions/call | ratio |"
echo "|---|---|---|---|"
for call in login_get login_post tokens_get token_delete; do
    g=$(( ($(count generated $call 1100) - $(count generated $call 100)) / 1000 ))
    h=$(( ($(count hand $call 1100) - $(count hand $call 100)) / 1000 ))
    echo "| $call | $g | $h | $(awk "BEGIN { printf \"%.3f\", $g / $h }") |"
done
rm -rf "$out"
