#!/usr/bin/env bash
# Produces the patched copies of published crates that the root Cargo.toml's [patch.crates-io]
# points at: for every directory patches/<crate>-<version>/, the exact published crate is fetched
# from crates.io (through tools/fetch-smoldot, a standalone manifest), copied to
# target/patched/<crate> and the directory's *.patch files are applied in name order.
#
# Idempotent: a copy whose stamp matches the hash of the patch files and this script is kept.
# Must run before any cargo command on the root workspace (cargo refuses to load a workspace whose
# patch path is missing); scripts/setup.sh calls it first. The repo holds only the patch files.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
log() { printf '[patch-crates] %s\n' "$*"; }

FETCH_MANIFEST=tools/fetch-smoldot/Cargo.toml
OUT=target/patched
CARGO_HOME_DIR="${CARGO_HOME:-$HOME/.cargo}"
fetched=0

for dir in patches/*/; do
  dir=${dir%/}
  spec=$(basename "$dir")              # e.g. smoldot-light-3.0.0
  crate=${spec%-*}                     # smoldot-light
  version=${spec##*-}                  # 3.0.0
  [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { log "skip $dir (not <crate>-<x.y.z>)"; continue; }
  shopt -s nullglob
  patch_files=("$dir"/*.patch)
  shopt -u nullglob
  ((${#patch_files[@]})) || continue

  stamp=$(cat "$0" "${patch_files[@]}" | sha256sum | cut -c1-16)
  dest="$OUT/$crate"
  if [[ -f $dest/.taolight-patched && $(cat "$dest/.taolight-patched") == "$spec $stamp" ]]; then
    continue
  fi

  if ((fetched == 0)); then
    log "cargo fetch ($FETCH_MANIFEST)"
    cargo fetch -q --manifest-path "$FETCH_MANIFEST"
    fetched=1
  fi
  src=$(ls -d "$CARGO_HOME_DIR"/registry/src/*/"$spec" 2>/dev/null | head -n1 || true)
  [[ -n $src && -f $src/Cargo.toml ]] || {
    log "error: $spec not found in $CARGO_HOME_DIR/registry/src (is it in $FETCH_MANIFEST?)"
    exit 1
  }

  log "$spec: applying ${#patch_files[@]} patch(es) -> $dest"
  tmp="$OUT/.$crate.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$OUT"
  cp -R "$src" "$tmp"
  chmod -R u+w "$tmp"
  for p in "${patch_files[@]}"; do
    patch -s -p1 --no-backup-if-mismatch -d "$tmp" < "$ROOT/$p" || {
      log "error: $p does not apply to $spec"
      rm -rf "$tmp"
      exit 1
    }
  done
  printf '%s %s\n' "$spec" "$stamp" > "$tmp/.taolight-patched"
  rm -rf "$dest"
  mv "$tmp" "$dest"
done
