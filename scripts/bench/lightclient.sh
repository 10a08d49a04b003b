#!/usr/bin/env bash
# Light-client benchmark on the devnet-plain chain (BENCHMARKS.md, "Light client (devnet-plain)"):
# time from start to the first finalized block at or past the node's finalized head at start, and
# peak resident memory, for
#   - taolight native, cold (spec only: warp sync from genesis),
#   - taolight native, warm (spec + the database saved at the end of the cold run),
#   - npm smoldot 3.4.1 in Node (spec only).
# All three follow the same node, one after the other, ROUNDS times (default 3); each run is a
# fresh process. Release build of core/examples/chain_follow.rs; scripts/bench/lightclient-npm.mjs.
#
#   scripts/bench/lightclient.sh [ROUNDS]
#
# Starts its own devnet-plain node with scripts/devnet.sh (DEVNET_* env respected) unless
# BENCH_USE_RUNNING=1, in which case the node in $DEVNET_RUN_DIR/state.env must run devnet-plain.
#
# BENCH_WAN=DELAY_MS:MBIT (e.g. 40:10) puts scripts/bench/wan-proxy.mjs between the clients and the
# node (one-way delay DELAY_MS, MBIT Mbit/s each way, on port BENCH_WAN_PORT, default 30399): every
# client dials the node through it, and the saved database's known addresses of the node are
# rewritten to the proxy, so no run reaches the node over plain loopback.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
ROUNDS=${1:-3}
export DEVNET_RUN_DIR="${DEVNET_RUN_DIR:-$TAOLIGHT_CACHE/devnet-run}"
STATE="$DEVNET_RUN_DIR/state.env"
OUT="${BENCH_OUT:-$DEVNET_RUN_DIR/bench}"
mkdir -p "$OUT"

# BENCH_NO_BUILD=1: use the binary already built (e.g. while others hold the cargo lock).
[[ ${BENCH_NO_BUILD:-0} == 1 ]] || cargo build -q --release -p taolight-core --example chain_follow
FOLLOW="$(taolight_target_dir)/release/examples/chain_follow"
if [[ ${BENCH_USE_RUNNING:-0} != 1 ]]; then
  trap 'scripts/devnet.sh stop' EXIT
  scripts/devnet.sh start --chain devnet-plain >/dev/null
fi
# shellcheck disable=SC1090
source "$STATE"
[[ $CHAIN == devnet-plain ]] || { echo "the running devnet is $CHAIN, not devnet-plain" >&2; exit 1; }
SPEC=chain-specs/devnet-plain.json
BOOT=$P2P_TCP_ADDR
if [[ -n ${BENCH_WAN:-} ]]; then
  WAN_PORT=${BENCH_WAN_PORT:-30399}
  node_port=$(sed -E 's#^/ip4/[^/]+/tcp/([0-9]+)/.*#\1#' <<<"$P2P_TCP_ADDR")
  node scripts/bench/wan-proxy.mjs "$WAN_PORT" "127.0.0.1:$node_port" \
    --delay-ms "${BENCH_WAN%%:*}" --mbit "${BENCH_WAN##*:}" >"$OUT/wan-proxy.log" 2>&1 &
  proxy_pid=$!
  trap 'kill "$proxy_pid" 2>/dev/null; wait "$proxy_pid" 2>/dev/null; [[ ${BENCH_USE_RUNNING:-0} == 1 ]] || scripts/devnet.sh stop' EXIT
  for _ in $(seq 1 50); do grep -q listening "$OUT/wan-proxy.log" && break; sleep 0.1; done
  BOOT="/ip4/127.0.0.1/tcp/$WAN_PORT/p2p/$PEER_ID"
fi
# The node's addresses in a saved database, pointed at the proxy when there is one.
route_database() {
  [[ -n ${BENCH_WAN:-} ]] || return 0
  jq -c --arg id "$PEER_ID" --arg addr "/ip4/127.0.0.1/tcp/$WAN_PORT" \
    '.nodes |= with_entries(select(.key == $id) | .value = [$addr])' "$1" >"$1.tmp"
  mv "$1.tmp" "$1"
}

node_finalized() {
  local hash
  hash=$(curl -sf -H 'Content-Type: application/json' \
    -d '{"id":1,"jsonrpc":"2.0","method":"chain_getFinalizedHead","params":[]}' "$RPC_HTTP" | jq -r .result)
  curl -sf -H 'Content-Type: application/json' \
    -d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"chain_getHeader\",\"params\":[\"$hash\"]}" "$RPC_HTTP" |
    jq -r .result.number | xargs printf '%d\n'
}

results="$OUT/results.jsonl"
: >"$results"
for round in $(seq 1 "$ROUNDS"); do
  n=$(node_finalized)
  "$FOLLOW" "$SPEC" "$BOOT" --until "$n" --save-database "$OUT/db.json" 2>"$OUT/cold-$round.log" |
    jq -c --arg r "$round" '. + {run: "native cold", round: ($r|tonumber)}' | tee -a "$results"
  route_database "$OUT/db.json"
  n=$(node_finalized)
  "$FOLLOW" "$SPEC" "$BOOT" --until "$n" --database "$OUT/db.json" 2>"$OUT/warm-$round.log" |
    jq -c --arg r "$round" '. + {run: "native warm", round: ($r|tonumber)}' | tee -a "$results"
  n=$(node_finalized)
  node scripts/bench/lightclient-npm.mjs "$SPEC" "$BOOT" --until "$n" 2>"$OUT/npm-$round.log" |
    jq -c --arg r "$round" '. + {run: "npm smoldot cold", round: ($r|tonumber)}' | tee -a "$results"
done

echo
echo "median over $ROUNDS rounds (ms to first finalized block >= node's head at start; peak RSS MiB):"
jq -rs '
  def median: sort | if length % 2 == 1 then .[(length - 1) / 2] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  group_by(.run) | map({run: .[0].run, ms: (map(.ms_to_finalized) | median),
                        ready: (map(.ms_to_ready // .ms_to_finalized) | median),
                        first_ready: (map(.ms_to_first_ready // .ms_to_ready // .ms_to_finalized) | median),
                        rss_mib: ((map(.peak_rss_kib) | median) / 1024 * 10 | round / 10)})
  | (map({key: .run, value: .}) | from_entries) as $r
  | (.[] | "\(.run): first finalized \(.ms) ms, ready \(.ready) ms, first ready \(.first_ready) ms, \(.rss_mib) MiB"),
    "native cold / npm cold: time \(($r["native cold"].ms / $r["npm smoldot cold"].ms * 100 | round) / 100), memory \(($r["native cold"].rss_mib / $r["npm smoldot cold"].rss_mib * 100 | round) / 100)",
    "native warm / native cold (ready at the node head at start): \(($r["native warm"].ready / $r["native cold"].ready * 100 | round))%",
    "native warm / native cold (first ready, any verified finalized block): \(($r["native warm"].first_ready / $r["native cold"].first_ready * 100 | round))%"
' "$results"
