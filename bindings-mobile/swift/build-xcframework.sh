#!/usr/bin/env bash
# Builds TaolightFFI.xcframework and Sources/Taolight/taolight_mobile.swift for the Swift package
# in this directory. Needs macOS with Xcode (xcodebuild, lipo) and the Rust iOS targets:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin
# NOT RUN in this repository's CI (Linux, no Swift toolchain); written from the uniffi and Xcode
# documentation, kept short so it is easy to check by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
SWIFT=bindings-mobile/swift
TARGET_DIR=${CARGO_TARGET_DIR:-target}

for t in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin; do
  cargo build -p taolight-mobile --release --target "$t"
done
# Swift source and header from the (unstripped) library's metadata.
cargo run -q -p uniffi-bindgen -- generate \
  --library "$TARGET_DIR/aarch64-apple-darwin/release/libtaolight_mobile.dylib" \
  --language swift --out-dir "$SWIFT/generated" --no-format
cp "$SWIFT/generated/taolight_mobile.swift" "$SWIFT/Sources/Taolight/"
headers=$(mktemp -d)
cp "$SWIFT/generated/taolight_mobileFFI.h" "$SWIFT/Headers/module.modulemap" "$headers/"

# One simulator slice for both simulator architectures.
mkdir -p "$TARGET_DIR/ios-sim-universal"
lipo -create "$TARGET_DIR/aarch64-apple-ios-sim/release/libtaolight_mobile.a" \
  "$TARGET_DIR/x86_64-apple-ios/release/libtaolight_mobile.a" \
  -output "$TARGET_DIR/ios-sim-universal/libtaolight_mobile.a"

rm -rf "$SWIFT/TaolightFFI.xcframework"
xcodebuild -create-xcframework \
  -library "$TARGET_DIR/aarch64-apple-ios/release/libtaolight_mobile.a" -headers "$headers" \
  -library "$TARGET_DIR/ios-sim-universal/libtaolight_mobile.a" -headers "$headers" \
  -library "$TARGET_DIR/aarch64-apple-darwin/release/libtaolight_mobile.a" -headers "$headers" \
  -output "$SWIFT/TaolightFFI.xcframework"
echo "built $SWIFT/TaolightFFI.xcframework; open $SWIFT in Xcode or 'swift build' there"
