//! Kotlin / Swift / Python bindings for taolight (uniffi, library mode).
//!
//! Thin translations of `taolight-core`: one file per core module, one error enum
//! ([`TaolightError`]). Generate the foreign code with `scripts/gen-bindings.sh`.
uniffi::setup_scaffolding!();

mod error;
mod keys;
mod keystore;

pub use error::TaolightError;
pub use keys::{
    Keypair, Ss58Decoded, generate_mnemonic, ss58_decode, ss58_encode, validate_mnemonic, verify,
};
pub use keystore::{
    KeyfileEncryption, decrypt_keyfile, decrypt_keyfile_async, encrypt_keyfile,
    export_polkadot_json, import_polkadot_json,
};

/// The taolight version this library was built from.
#[uniffi::export]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
