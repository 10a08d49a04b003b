//! Runs in Node (`wasm-pack test --node`) and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1` / `wasm-pack test --headless --chrome`).
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(taolight_wasm::version(), env!("CARGO_PKG_VERSION"));
}
