//! JavaScript/TypeScript bindings for taolight (`npm i taolight`).
//!
//! Thin translations of `taolight-core`: amounts are `bigint` rao, addresses SS58 strings,
//! byte strings `Uint8Array`, errors `Error` objects named `TaolightError` with a stable
//! `code` (see [`error`]). No logic lives here: one file per core module.
use wasm_bindgen::prelude::*;

pub mod error;
pub mod keys;

pub use error::Error;

/// The taolight version this package was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
