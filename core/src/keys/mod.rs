//! Keys: BIP39 mnemonics, sr25519/ed25519 keypairs, secret URIs, SS58 addresses, signing.
//!
//! Everything here is byte-compatible with btwallet 4.1.1 (sp-core) and polkadot.js 14:
//! the substrate-bip39 mini-secret (not the BIP39 seed), schnorrkel with `ExpansionMode::Ed25519`
//! and signing context `b"substrate"`, RFC 8032 ed25519 with the mini-secret as seed, sp-core's
//! secret-URI grammar and junction encoding, and SS58 for any prefix.
//!
//! ```
//! use taolight_core::keys::{CryptoType, Keypair, dev, verify};
//!
//! let alice = Keypair::from_uri("//Alice", CryptoType::Sr25519)?;
//! assert_eq!(alice.address(), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
//! assert_eq!(alice.public(), dev::alice().public());
//! let sig = alice.sign(b"hello");
//! assert!(verify(CryptoType::Sr25519, &alice.public(), b"hello", &sig));
//! # Ok::<(), taolight_core::keys::KeysError>(())
//! ```
//!
//! Secrets (`Mnemonic`, `Keypair`, `SecretUri`) are wiped on drop and never shown by `Debug`;
//! [`KeysError`] messages carry no secret material.

mod crypto_type;
pub mod dev;
mod ed25519;
mod error;
mod junction;
mod keypair;
mod mnemonic;
mod os_rng;
mod public_key;
mod signing;
mod sr25519;
pub mod ss58;
mod suri;

pub use crypto_type::CryptoType;
pub use error::KeysError;
pub use junction::DeriveJunction;
pub use keypair::Keypair;
pub use mnemonic::{Mnemonic, VALID_WORD_COUNTS};
pub use public_key::PublicKey;
pub use signing::{Signature, is_wrapped, unwrap_bytes, verify, verify_wrapped_or_raw, wrap_bytes};
pub use ss58::Ss58Address;
pub use suri::SecretUri;
