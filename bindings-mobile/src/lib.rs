//! Kotlin / Swift / Python bindings for taolight (uniffi, library mode).
//!
//! Thin translations of `taolight-core`: one file per core module, one error enum.
uniffi::setup_scaffolding!();

/// The taolight version this library was built from.
#[uniffi::export]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
