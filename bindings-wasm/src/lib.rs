//! JavaScript/TypeScript bindings for taolight (`npm i taolight`).
//!
//! Thin translations of `taolight-core`: amounts are `bigint` rao, addresses SS58 strings,
//! errors `Error` objects with a stable `code`. No logic lives here.
use wasm_bindgen::prelude::*;

/// The taolight version this package was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
