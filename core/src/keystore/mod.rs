//! Keystores: Bittensor (btwallet 4.1.1) keyfiles and wallets, and polkadot.js JSON keystores
//! (encoding version 3).
//!
//! - [`Keyfile`]: btwallet keyfile JSON and its envelopes ([`nacl`] = `$NACL`,
//!   [`ansible_vault`], [`fernet`]; detected by [`KeyfileFormat`]).
//! - [`KeyStorage`]: the storage trait hosts implement (filesystem, IndexedDB, keychain);
//!   [`WalletStore`] lays out btwallet wallets on top of it; [`DirectoryStorage`] is the native
//!   filesystem backend, [`MemoryStorage`] an in-memory one.
//! - [`pjs`]: polkadot.js JSON import and export.
//!
//! Nothing here reads a clock; randomness (nonces, salts) comes from getrandom. Costs:
//! `$NACL` unlock/lock = Argon2i with 512 MiB (seconds), Fernet = 10 M PBKDF2 iterations,
//! polkadot.js default scrypt = 128 MiB.
//!
//! ```
//! use taolight_core::keys::{CryptoType, Keypair};
//! use taolight_core::keystore::{Keyfile, KeyfileEncryption, MemoryStorage, WalletStore};
//!
//! let store = WalletStore::new(MemoryStorage::new());
//! let hotkey = Keypair::from_uri("//Alice", CryptoType::Sr25519)?;
//! store.create_hotkey("default", "miner", &hotkey, KeyfileEncryption::Plaintext, false)?;
//! assert_eq!(store.list_hotkeys("default")?, ["miner"]);
//! let loaded: Keyfile = store.load_hotkey("default", "miner", None)?;
//! assert_eq!(loaded.address(), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
//! # Ok::<(), taolight_core::keystore::KeystoreError>(())
//! ```

mod error;
mod random;

pub mod ansible_vault;
#[cfg(all(feature = "std", not(target_arch = "wasm32")))]
mod directory;
pub mod envelope;
pub mod fernet;
pub mod keyfile;
pub mod nacl;
pub mod pjs;
mod storage;
mod wallet_store;

#[cfg(all(feature = "std", not(target_arch = "wasm32")))]
pub use directory::DirectoryStorage;
pub use envelope::{KeyfileEncryption, KeyfileFormat};
pub use error::{Container, KeystoreError};
pub use keyfile::Keyfile;
pub use storage::{KeyStorage, MemoryStorage};
pub use wallet_store::{WalletStore, validate_name};
