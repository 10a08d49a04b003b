#!/usr/bin/env bash
# Installs everything the demo and the tests need on a fresh Debian machine, idempotently.
# Run by scripts/test.sh and scripts/demo.sh; safe to run again (a kept machine skips what it has).
#
# Nothing here downloads a binary outside the package registries: Debian packages, rustup
# targets, crates built with `cargo install`, npm packages, PyPI packages.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE="${TAOLIGHT_CACHE:-$HOME/.cache/taolight}"
mkdir -p "$CACHE"
log() { printf '[setup] %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------
# chromium + chromium-driver: headless browser tests (wasm-bindgen-test, Playwright).
# libjna-java: JNA for the Kotlin/JVM binding test. protobuf-compiler + clang: the devnet node; wasi-libc: C headers for zstd-sys in its wasm runtime.
# Never Debian's binaryen: its wasm-opt (v108) breaks modules; npm binaryen is used instead.
APT_PKGS=(chromium chromium-driver libjna-java protobuf-compiler clang libclang-dev wasi-libc)
# Base tools the image normally has; Debian's packages if it does not (java runs kotlinc and the JVM test).
command -v java >/dev/null || APT_PKGS+=(openjdk-17-jdk-headless)
command -v node >/dev/null || APT_PKGS+=(nodejs npm)
command -v python3 >/dev/null || APT_PKGS+=(python3 python3-venv)
missing=()
for p in "${APT_PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- Rust targets and cargo tools -------------------------------------------------------
export PATH="$HOME/.cargo/bin:$PATH"
# Patched smoldot crates for the root Cargo.toml's [patch.crates-io]: must exist before any cargo
# command loads the workspace (patches/, scripts/patch-crates.sh).
scripts/patch-crates.sh
for t in wasm32-unknown-unknown wasm32v1-none; do  # wasm32v1-none: devnet runtime
  rustup target list --installed | grep -qx "$t" || { log "rustup target add $t"; rustup target add "$t"; }
done
for c in rust-src clippy rustfmt; do
  rustup component list --installed | grep -q "^$c" || { log "rustup component add $c"; rustup component add "$c"; }
done
# wasm-bindgen-cli must equal the pinned wasm-bindgen crate (=0.2.130). No --locked (see toolchain.md).
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen 0.2.130" ]; then
  log "cargo install wasm-bindgen-cli 0.2.130"
  cargo install -q wasm-bindgen-cli --version 0.2.130
fi
command -v wasm-pack >/dev/null || { log "cargo install wasm-pack"; cargo install -q wasm-pack --locked; }
command -v cargo-fuzz >/dev/null || { log "cargo install cargo-fuzz"; cargo install -q cargo-fuzz --locked; }

# --- npm tools (wasm-opt, Playwright, kotlinc, polkadot.js, npm smoldot) ---------------
# Keyed by the lock file's hash (npm's own node_modules/.package-lock.json has a different layout).
npm_stamp=tools/node_modules/.taolight-lock-sha256
npm_hash=$(sha256sum tools/package-lock.json | cut -c1-64)
if [ "$(cat "$npm_stamp" 2>/dev/null)" != "$npm_hash" ]; then
  log "npm ci (tools/)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
  echo "$npm_hash" >"$npm_stamp"
fi

# --- Python venv (pytest, bittensor-wallet, cryptography), cached by requirements hash ---
req_hash=$(sha256sum tools/requirements.txt | cut -c1-16)
VENV="$CACHE/venv-$req_hash"
if [ ! -x "$VENV/bin/python" ]; then
  log "python venv $VENV"
  python3 -m venv "$VENV.tmp"
  "$VENV.tmp/bin/pip" install -q -r tools/requirements.txt
  mv "$VENV.tmp" "$VENV"
fi
ln -sfn "$VENV" "$ROOT/.venv"
log "ready"
