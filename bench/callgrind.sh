#!/usr/bin/env bash
# Instructions per call, generated client against hand-written reqwest, and the resource
# layer's verbs against the operations they call (tokens_get, token_delete), counted by callgrind:
# repeatable where timings are not. Each figure is (run of 1,100 calls - run of 100) / 1,000,
# so start-up and the connection's opening cancel out.
# Usage: bench/callgrind.sh [--client-only] [CALL...]   (needs valgrind; builds the release bench first)
# By default the server runs in the same process, both sides share one reqwest::Client, and
# the server's work (the same for both) is included. With --client-only the server is another
# process and each side has its own reqwest::Client, as in `bench --pinned`: the figures are
# the client's alone.
set -euo pipefail
cd "$(dirname "$0")/.."
server_args=()
if [[ "${1:-}" == "--client-only" ]]; then
    shift
    cargo build --release -q -p semaphore-api-bench
    coproc SERVER { exec target/release/bench --serve; }
    read -r base <&"${SERVER[0]}"
    server_args=(--server "$base")
    trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
else
    cargo build --release -q -p semaphore-api-bench
fi
calls=("$@")
[[ ${#calls[@]} -gt 0 ]] || calls=(login_get login_post tokens_get token_delete)
out=$(mktemp -d)
count() { # variant call calls
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" target/release/bench --profile "$1" "$2" "$3" "${server_args[@]}" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
per_call() { # variant call
    echo $(( ($(count "$1" "$2" 1100) - $(count "$1" "$2" 100)) / 1000 ))
}
echo "| call | generated instructions/call | hand-written instructions/call | ratio | through the resource layer | resource / operation |"
echo "|---|---|---|---|---|---|"
for call in "${calls[@]}"; do
    g=$(per_call generated "$call")
    h=$(per_call hand "$call")
    case "$call" in
        tokens_get|token_delete)
            r=$(per_call resource "$call")
            resource="$r | $(awk "BEGIN { printf \"%.3f\", $r / $g }")" ;;
        *) resource="- | -" ;;
    esac
    echo "| $call | $g | $h | $(awk "BEGIN { printf \"%.3f\", $g / $h }") | $resource |"
done
rm -rf "$out"
