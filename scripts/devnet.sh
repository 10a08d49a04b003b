#!/usr/bin/env bash
# The taolight devnet: a local Bittensor-shaped Substrate node (devnet/), built once and cached.
#
#   scripts/devnet.sh build                 # build (or reuse) the node; prints the binary path
#   scripts/devnet.sh start [--chain devnet|devnet-plain|devnet-two-authorities] [--bob]
#                                           # start in the background, wait for finality, print ports
#   scripts/devnet.sh stop                  # stop the node(s) started by `start`
#   scripts/devnet.sh status                # print the state file of the running devnet
#   scripts/devnet.sh spec [--out DIR]      # regenerate chain-specs/devnet.json and devnet-plain.json
#                                           # (or write them to DIR, e.g. to compare with the committed ones)
#   scripts/devnet.sh key                   # print the cache key
#   scripts/devnet.sh prepare               # build, export the raw specs and compile each runtime
#                                           # once (fills the caches `start` uses; scripts/test.sh runs
#                                           # it in the background while the stages without a devnet run)
#
# The binary is cached in $TAOLIGHT_CACHE/devnet/<key>/ where <key> hashes the devnet sources,
# devnet/Cargo.lock, the core files the runtime compiles (core/Cargo.toml, core/src/lib.rs,
# core/src/stake/**, core/src/amount.rs) and the rustc version. The cargo target directory
# ($DEVNET_TARGET_DIR, default $TAOLIGHT_CACHE/devnet-target) is kept too, so a changed key
# rebuilds incrementally.
#
# `start` writes $DEVNET_RUN_DIR/state.env (default $TAOLIGHT_CACHE/devnet-run) with PID, CHAIN,
# RPC_URL (ws), RPC_HTTP, P2P_TCP_ADDR, P2P_WS_ADDR, PEER_ID, LOG; tests source it.
# Ports: DEVNET_RPC_PORT (9944), DEVNET_P2P_PORT (30333, TCP), DEVNET_WS_PORT (30334, /ws);
# the exported chain specs' bootNodes use the default p2p ports.
set -euo pipefail
# scripts/test.sh lints the root workspace's builds through clippy-driver; not this one's.
unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
TARGET_DIR="${DEVNET_TARGET_DIR:-$TAOLIGHT_CACHE/devnet-target}"
RUN_DIR="${DEVNET_RUN_DIR:-$TAOLIGHT_CACHE/devnet-run}"
RPC_PORT="${DEVNET_RPC_PORT:-9944}"
P2P_PORT="${DEVNET_P2P_PORT:-30333}"
WS_PORT="${DEVNET_WS_PORT:-30334}"
PEER_ID="12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp"
BOB_NODE_KEY="0000000000000000000000000000000000000000000000000000000000000002"
log() { echo "[devnet] $*" >&2; }
# core::stake pulls safe-bigmath -> lencode -> zstd-sys (C) into the runtime wasm; its C sources
# need libc headers for the wasm target (Debian wasi-libc, installed by scripts/setup.sh).
if [[ -d /usr/include/wasm32-wasi ]]; then
  export CFLAGS_wasm32v1_none="${CFLAGS_wasm32v1_none:-"-isystem /usr/include/wasm32-wasi"}"
fi

cache_key() {
  (
    cd "$ROOT"
    {
      rustc -V
      find devnet -path devnet/target -prune -o -type f \( -name '*.rs' -o -name '*.toml' -o -name 'Cargo.lock' \) -print | LC_ALL=C sort | xargs sha256sum
      find core/src/stake -type f -name '*.rs' | LC_ALL=C sort | xargs sha256sum
      sha256sum core/src/amount.rs devnet/patches/*.patch
      echo "built from a snapshot at \$TAOLIGHT_CACHE/devnet-src, remapped to /taolight"
      echo "runtime wasm resolved with devnet/Cargo.lock (WASM_BUILD_WORKSPACE_HINT)"
      core_manifest_for_runtime
      core_lib_for_runtime
    } | sha256sum | cut -c1-16
  )
}

# The runtime builds taolight-core with `default-features = false`: only [package], [lib], the
# non-optional [dependencies] and the un-gated items of lib.rs reach it. Hash just those, so
# adding an optional (std-only) dependency, a feature line or a feature-gated module to core does
# not force a 6-9 minute devnet rebuild.
core_manifest_for_runtime() {
  awk '
    /^\[/ { keep = ($0 == "[package]" || $0 == "[lib]" || $0 == "[dependencies]" || $0 ~ /^\[lints/) ; if (keep) print; next }
    keep && !/optional = true/ && !/^[[:space:]]*#/ && NF { print }
  ' "$ROOT/core/Cargo.toml"
}
core_lib_for_runtime() {
  sed -e '/^#\[cfg(feature = /{N;d}' -e '/^\/\/!/d' "$ROOT/core/src/lib.rs"
}

# zstd-safe forces its `std` feature on every wasm32 target, which breaks the runtime's
# wasm32v1-none build (it comes in through core::stake -> safe-bigmath -> lencode). The devnet
# workspace patches it (`[patch.crates-io]` -> target/patched/zstd-safe): the published crate
# plus devnet/patches/zstd-safe-7.4.0-wasm32v1-none.patch (only build.rs changes).
prepare_patches() {
  local patch="$ROOT/devnet/patches/zstd-safe-7.4.0-wasm32v1-none.patch"
  local dest="$ROOT/target/patched/zstd-safe" stamp
  stamp="$(sha256sum "$patch" | cut -c1-16)"
  [[ -f $dest/.taolight-patch-$stamp ]] && return 0
  cargo fetch -q --manifest-path "$ROOT/devnet/patches/fetch/Cargo.toml" >&2
  local src
  src="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/zstd-safe-7.4.0 | head -1)"
  rm -rf "$dest"; mkdir -p "$(dirname "$dest")"; cp -r "$src" "$dest"
  (cd "$dest" && patch -s -p1 <"$patch")
  touch "$dest/.taolight-patch-$stamp"
}

# The runtime wasm is part of the chain specs' genesis (`:code`), and where the sources live leaks
# into it: rustc embeds source paths (panic locations) and hashes a path dependency's location into
# its symbols, which moves code around. So the node is built from a snapshot of the sources it
# compiles at a fixed place ($BUILD_ROOT), with that place mapped to /taolight: every clone,
# wherever it lives, builds the same wasm and so the same genesis as the committed
# chain-specs/devnet*.json (stage 60 checks it).
BUILD_ROOT="$TAOLIGHT_CACHE/devnet-src"
wasm_rustflags() { echo "--remap-path-prefix=$BUILD_ROOT=/taolight"; }

# Copies what the build reads (the root manifest for workspace inheritance, core without its
# benches' build outputs, devnet/, the patched zstd-safe) to $BUILD_ROOT. Unchanged files keep
# their timestamps (cp -p), so cargo rebuilds only what changed.
snapshot_sources() {
  mkdir -p "$BUILD_ROOT/target/patched"
  rm -rf "$BUILD_ROOT/core" "$BUILD_ROOT/devnet" "$BUILD_ROOT/target/patched/zstd-safe"
  (cd "$ROOT" && tar -cf - --exclude=devnet/target --exclude=core/benches/stake-wasm/target \
    Cargo.toml core/Cargo.toml core/src core/benches core/examples core/tests devnet target/patched/zstd-safe) |
    tar -C "$BUILD_ROOT" -xpf -
}

binary_path() { echo "$TAOLIGHT_CACHE/devnet/$(cache_key)/taolight-devnet"; }

# Start-up time of the debug node (measured, docs/ci-budget.md): building the genesis state from
# the built-in spec runs the runtime's genesis builder in a freshly compiled runtime (~50 s of
# unoptimised cranelift on 2 cores), then the client compiles the runtime again (~60 s). So the
# node starts from a raw spec exported once per binary (genesis storage precomputed: no genesis
# builder), and wasmtime keeps compiled runtimes in a cache directory next to the binary
# (TAOLIGHT_DEVNET_WASM_CACHE, read by devnet/node/src/service.rs): after the first start of
# each runtime, a start no longer compiles anything.
raw_spec() { # raw_spec <bin> <chain>: prints the path of the binary's raw export of <chain>
  local bin=$1 chain=$2
  local out; out="$(dirname "$bin")/$chain.raw.json"
  if [[ ! -s $out ]]; then
    if ! "$bin" build-spec --chain "$chain" --raw --disable-default-bootnode 2>/dev/null >"$out.tmp.$$"; then
      rm -f "$out.tmp.$$"; log "build-spec --chain $chain failed"; return 1
    fi
    mv "$out.tmp.$$" "$out"
  fi
  echo "$out"
}

cmd_build() {
  local bin; bin="$(binary_path)"
  if [[ -x $bin ]]; then
    log "cached: $bin"
    echo "$bin"; return
  fi
  # One build at a time: the snapshot below is shared by every checkout on this machine.
  mkdir -p "$TAOLIGHT_CACHE"
  exec 9>"$TAOLIGHT_CACHE/devnet-build.lock"
  flock 9
  if [[ -x $bin ]]; then
    log "cached (built meanwhile): $bin"
    echo "$bin"; return
  fi
  prepare_patches
  snapshot_sources
  log "building the devnet node (cold: about 40 min on 2 cores; target dir $TARGET_DIR)"
  local start=$SECONDS
  # WASM_BUILD_WORKSPACE_HINT: substrate-wasm-builder builds the runtime wasm in a project of its
  # own under the target dir and copies the Cargo.lock it finds from there upwards; the target dir
  # is not under the sources, so without the hint it finds none and resolves the wasm's
  # dependencies afresh (whatever the registry index holds that day: a different wasm, and
  # different chain specs, on another machine). With it, the wasm uses devnet/Cargo.lock.
  (cd "$BUILD_ROOT/devnet" && CARGO_TARGET_DIR="$TARGET_DIR" WASM_BUILD_RUSTFLAGS="$(wasm_rustflags)" \
    WASM_BUILD_WORKSPACE_HINT="$BUILD_ROOT/devnet" nice -n 10 cargo build --locked -p taolight-devnet-node >&2)
  mkdir -p "$(dirname "$bin")"
  cp "$TARGET_DIR/debug/taolight-devnet" "$bin.tmp" && mv "$bin.tmp" "$bin"
  log "built in $((SECONDS - start)) s: $bin"
  echo "$bin"
}

rpc() { # rpc <port> <method> [params-json]
  curl -sf -H 'Content-Type: application/json' \
    -d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$2\",\"params\":${3:-[]}}" "http://127.0.0.1:$1"
}

finalized_number() { # finalized_number <port>
  local hash
  hash=$(rpc "$1" chain_getFinalizedHead | jq -r .result) || return 1
  rpc "$1" chain_getHeader "[\"$hash\"]" | jq -r '.result.number' | xargs printf '%d\n'
}

wait_finalized() { # wait_finalized <port> <pid> <log> <min-number>: 1 = timeout, 2 = node exited
  local deadline=$((SECONDS + ${DEVNET_START_TIMEOUT:-180})) n
  while ((SECONDS < deadline)); do
    kill -0 "$2" 2>/dev/null || { log "node exited; last log lines:"; tail -30 "$3" >&2; return 2; }
    n=$(finalized_number "$1" 2>/dev/null || echo -1)
    if ((n >= $4)); then return 0; fi
    sleep 1
  done
  log "no finalized block #$4 within the timeout; last log lines:"; tail -30 "$3" >&2
  return 1
}

launch() { # launch <bin> <spec> <chain> <bob>: starts the node(s), writes state.env; sets pid, bob_pid, alice_log
  local bin=$1 spec=$2 chain=$3 bob=$4
  mkdir -p "$RUN_DIR"; rm -f "$RUN_DIR"/*.log "$RUN_DIR/state.env"
  alice_log="$RUN_DIR/alice.log"
  local force=()
  # With Bob, Alice keeps authoring even when Bob is gone (shows that finality, not
  # authoring, needs both authorities).
  ((bob)) && force=(--force-authoring)
  "$bin" --chain "$spec" --alice --tmp --network-backend libp2p "${force[@]}" \
    --listen-addr "/ip4/127.0.0.1/tcp/$P2P_PORT" --listen-addr "/ip4/127.0.0.1/tcp/$WS_PORT/ws" \
    --rpc-port "$RPC_PORT" --rpc-cors all --no-prometheus --no-telemetry --no-mdns \
    >"$alice_log" 2>&1 &
  pid=$! bob_pid=""
  if ((bob)); then
    "$bin" --chain "$spec" --bob --tmp --network-backend libp2p --node-key "$BOB_NODE_KEY" \
      --listen-addr "/ip4/127.0.0.1/tcp/$((P2P_PORT + 2))" --rpc-port "$((RPC_PORT + 1))" \
      --bootnodes "/ip4/127.0.0.1/tcp/$P2P_PORT/p2p/$PEER_ID" \
      --no-prometheus --no-telemetry --no-mdns >"$RUN_DIR/bob.log" 2>&1 &
    bob_pid=$!
  fi
  cat >"$RUN_DIR/state.env" <<EOF
PID=$pid
BOB_PID=$bob_pid
CHAIN=$chain
BINARY=$bin
RPC_URL=ws://127.0.0.1:$RPC_PORT
RPC_HTTP=http://127.0.0.1:$RPC_PORT
RPC_PORT=$RPC_PORT
P2P_TCP_ADDR=/ip4/127.0.0.1/tcp/$P2P_PORT/p2p/$PEER_ID
P2P_WS_ADDR=/ip4/127.0.0.1/tcp/$WS_PORT/ws/p2p/$PEER_ID
PEER_ID=$PEER_ID
LOG=$alice_log
EOF
}

cmd_start() {
  local chain=devnet bob=0
  while (($#)); do
    case $1 in
      --chain) chain=$2; shift 2 ;;
      --bob) bob=1; shift ;;
      *) log "unknown option $1"; exit 2 ;;
    esac
  done
  if [[ -f $RUN_DIR/state.env ]]; then
    # shellcheck disable=SC1091
    source "$RUN_DIR/state.env"
    if kill -0 "$PID" 2>/dev/null; then log "already running (pid $PID); stop it first"; exit 1; fi
  fi
  local bin; bin="$(cmd_build)"
  local spec="$chain"
  [[ -f $chain ]] || spec="$(raw_spec "$bin" "$chain")"
  export TAOLIGHT_DEVNET_WASM_CACHE="$(dirname "$bin")/wasmtime-cache"
  # A node under heavy machine load sometimes exits right after start ("Essential task
  # `txpool-background` failed"); that is not what any test is about, so a node that exits
  # before its first finalized block is started again (DEVNET_START_ATTEMPTS, default 3).
  local attempt rc pid bob_pid alice_log
  for ((attempt = 1; ; attempt++)); do
    launch "$bin" "$spec" "$chain" "$bob"
    rc=0; wait_finalized "$RPC_PORT" "$pid" "$alice_log" 1 || rc=$?
    ((rc == 0)) && break
    cmd_stop
    if ((rc == 2 && attempt < ${DEVNET_START_ATTEMPTS:-3})); then
      log "node exited during start (attempt $attempt); starting again"; continue
    fi
    exit 1
  done
  log "running: chain $chain, pid $pid${bob_pid:+, bob pid $bob_pid}"
  cat "$RUN_DIR/state.env"
}

stop_pid() { # stop_pid <pid>
  [[ -n ${1:-} ]] || return 0
  kill -0 "$1" 2>/dev/null || return 0
  kill -INT "$1" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done
  log "pid $1 did not stop on SIGINT; killing"
  kill -KILL "$1" 2>/dev/null || true
}

cmd_stop() {
  [[ -f $RUN_DIR/state.env ]] || { log "not running"; return 0; }
  # shellcheck disable=SC1091
  source "$RUN_DIR/state.env"
  stop_pid "${BOB_PID:-}"
  stop_pid "$PID"
  rm -f "$RUN_DIR/state.env"
  log "stopped"
}

cmd_status() {
  [[ -f $RUN_DIR/state.env ]] || { log "not running"; exit 1; }
  cat "$RUN_DIR/state.env"
}

cmd_spec() {
  local out="$ROOT/chain-specs"
  while (($#)); do
    case $1 in
      --out) out=$2; shift 2 ;;
      *) log "unknown option $1"; exit 2 ;;
    esac
  done
  local bin; bin="$(cmd_build)"
  mkdir -p "$out"
  for chain in devnet devnet-plain; do
    cp "$(raw_spec "$bin" "$chain")" "$out/$chain.json.tmp"
    mv "$out/$chain.json.tmp" "$out/$chain.json"
    log "$out/$chain.json ($(stat -c %s "$out/$chain.json") bytes)"
  done
}

# Everything a first `start` of each chain would do besides running the chain: the build, the
# raw spec exports and one start per runtime (fills the wasmtime cache, ≈ 1.5–3.5 min each on a
# fresh binary). Uses its own run dir and ports, so it can run beside tests that use the devnet.
cmd_prepare() {
  local bin; bin="$(cmd_build)"
  local chain
  for chain in devnet devnet-plain devnet-two-authorities; do raw_spec "$bin" "$chain" >/dev/null; done
  local stamp; stamp="$(dirname "$bin")/prepared"
  if [[ -e $stamp ]]; then log "prepared: $bin"; return; fi
  RUN_DIR="$TAOLIGHT_CACHE/devnet-run-prepare" RPC_PORT=9939 P2P_PORT=30327 WS_PORT=30328
  trap cmd_stop EXIT
  for chain in devnet devnet-plain; do
    cmd_start --chain "$chain" >/dev/null
    cmd_stop
  done
  trap - EXIT
  touch "$stamp"
  log "prepared: $bin"
}

case "${1:-}" in
  build) cmd_build ;;
  prepare) cmd_prepare ;;
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  spec) shift; cmd_spec "$@" ;;
  key) cache_key ;;
  *) sed -n '2,25p' "$0"; exit 2 ;;
esac
