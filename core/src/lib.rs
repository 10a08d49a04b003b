//! # taolight-core
//!
//! The portable heart of taolight: everything a Bittensor wallet needs, in plain Rust,
//! for native targets and `wasm32-unknown-unknown`.
//!
//! - [`keys`]: BIP39 mnemonics, sr25519/ed25519 keypairs, secret URIs (`//hard/soft///password`),
//!   SS58 addresses, signing and verification.
//! - [`keystore`]: Bittensor keyfiles (`$NACL`, Ansible Vault, Fernet, plaintext), wallet
//!   directories, and polkadot.js JSON keystores.
//! - [`stake`]: the subnet pool (weighted two-asset AMM) computed bit-for-bit as the chain does:
//!   prices, swaps, fees, limit prices and quotes. Pure and `no_std`.
//! - [`chain`]: the embedded smoldot light client (patched for Bittensor), chain specs,
//!   checkpoints and JSON-RPC plumbing.
//! - [`wallet`]: the staking flows the bindings expose: plan (quote, guards, fee) → sign →
//!   submit → status, through the light client.
//! - [`amount`]: decimal TAO/alpha strings ⇄ rao without floating point.
//!
//! With `default-features = false` only [`stake`] and [`amount`] are built, without `std`.
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

pub mod amount;
pub mod stake;

#[cfg(feature = "chain")]
pub mod chain;
#[cfg(feature = "keys")]
pub mod keys;
#[cfg(feature = "keystore")]
pub mod keystore;
#[cfg(feature = "tx")]
pub mod tx;
#[cfg(feature = "wallet")]
pub mod wallet;
