//! Transactions: runtime calls built from metadata by name, signed v4 extrinsics with the
//! runtime's own extension list (including `CheckMetadataHash` with the RFC-0078 hash), an
//! offline signing flow, and the codecs of the fee and validity runtime calls.
//!
//! Pure functions of their inputs: no network, no clock. The caller fetches the metadata
//! (`Metadata_metadata_at_version(15)`), the runtime version, the genesis hash, the account
//! nonce and a recent block through [`crate::chain`] or any node.
//!
//! ```no_run
//! use taolight_core::keys::{CryptoType, Keypair, PublicKey};
//! use taolight_core::tx::{self, ChainContext, MetadataHashMode, Mortality, SigningPayload, TxMetadata, TxParams};
//! # fn get() -> (Vec<u8>, ChainContext, u64, [u8; 32]) { unimplemented!() }
//! let (metadata_bytes, ctx, best_number, best_hash) = get();
//! let md = TxMetadata::from_bytes(&metadata_bytes)?;
//! let hotkey = PublicKey::from_ss58("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty").unwrap();
//! let call = tx::calls::add_stake(&md, &hotkey, 1, 1_000_000_000)?;
//! let coldkey = Keypair::from_uri("//Alice", CryptoType::Sr25519).unwrap();
//! let params = TxParams { nonce: 0, tip: 0, mortality: Mortality::mortal_from(best_number, best_hash),
//!     metadata_hash: MetadataHashMode::Disabled };
//! let payload = SigningPayload::new(&md, &call, &coldkey.public(), &ctx, &params)?;
//! let signature = payload.sign(&coldkey)?;          // may happen on another device
//! let extrinsic = payload.assemble(&signature)?;    // verifies the signature
//! let bytes = extrinsic.encode();                   // submit these
//! # Ok::<(), tx::TxError>(())
//! ```

mod call;
pub mod calls;
mod dapp_signer;
mod era;
mod error;
pub mod events;
mod extensions;
mod extrinsic;
mod metadata;
mod nonce;
mod payload;
pub mod runtime_api;
mod shape;

#[cfg(test)]
mod tests;

pub use call::Call;
pub use dapp_signer::{POLKADOT_JS_SUMMARY, PreparedTx, signing_payload_from_polkadot_js};
pub use era::{DEFAULT_ERA_PERIOD, Era};
pub use error::TxError;
pub use extensions::{
    ChainContext, ExtensionBytes, MetadataHashMode, Mortality, TxParams, check_extensions,
    encode_extensions,
};
pub use extrinsic::{ExtraValues, SIGNED_V4, SignedExtrinsic};
pub use metadata::{MetadataHashInfo, TxMetadata};
pub use nonce::NonceTracker;
pub use payload::{
    MAX_UNHASHED_PAYLOAD, PAYLOAD_FORMAT, PayloadSignature, SigningPayload, signature_message,
};
