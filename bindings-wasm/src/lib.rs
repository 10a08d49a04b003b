//! JavaScript/TypeScript bindings for taolight (`npm i taolight`).
//!
//! Thin translations of `taolight-core`: amounts are `bigint` rao, addresses SS58 strings,
//! byte strings `Uint8Array`, errors `Error` objects named `TaolightError` with a stable
//! `code` (see [`error`]). No logic lives here: one file per core module.
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

pub mod amount;
pub mod chain;
pub mod error;
pub mod keys;
pub mod keystore;
pub mod signer;
pub mod stake;
pub mod storage;
pub mod tx;
pub mod wallet;

pub use error::Error;

/// The taolight version this package was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Bytes of WebAssembly memory this module holds now (it grows and never shrinks: a `$NACL`
/// unlock leaves it above 512 MiB). For diagnostics and benchmarks.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}
