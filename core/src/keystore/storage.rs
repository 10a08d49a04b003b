//! The storage trait hosts implement to keep keyfiles (filesystem, browser IndexedDB, mobile
//! keychain), in the spirit of bdk's two-method `WalletPersister`.
//!
//! Entries are addressed by relative, `/`-separated keys such as `default/coldkey` or
//! `default/hotkeys/miner1pub.txt` (the btwallet directory layout, see [`super::WalletStore`]).
//! Values are the keyfile bytes exactly as btwallet writes them (already encrypted where the key
//! is encrypted), so a host never sees a plaintext secret unless the keyfile itself is plaintext.
//!
//! Reading and writing are the two storage operations; `list` exists only because wallets and
//! hotkeys must be enumerable (btwallet lists directories).

use alloc::string::String;
use alloc::vec::Vec;

use super::KeystoreError;

/// Where keyfiles live. Implementations must make [`KeyStorage::write`] atomic (readers see the
/// old or the new value, never a mix) and must not replace an existing entry unless `overwrite`.
pub trait KeyStorage {
    /// The bytes stored under `key`, or `None` if there is no such entry.
    fn read(&self, key: &str) -> Result<Option<Vec<u8>>, KeystoreError>;

    /// Stores `data` under `key`. With `overwrite == false` an existing entry is left alone and
    /// [`KeystoreError::AlreadyExists`] is returned.
    fn write(&self, key: &str, data: &[u8], overwrite: bool) -> Result<(), KeystoreError>;

    /// Names of the direct children of `prefix` (`""` = the root; `"w/hotkeys"` = a wallet's
    /// hotkey files), sorted; empty if `prefix` does not exist.
    fn list(&self, prefix: &str) -> Result<Vec<String>, KeystoreError>;
}

impl<T: KeyStorage + ?Sized> KeyStorage for &T {
    fn read(&self, key: &str) -> Result<Option<Vec<u8>>, KeystoreError> {
        (**self).read(key)
    }
    fn write(&self, key: &str, data: &[u8], overwrite: bool) -> Result<(), KeystoreError> {
        (**self).write(key, data, overwrite)
    }
    fn list(&self, prefix: &str) -> Result<Vec<String>, KeystoreError> {
        (**self).list(prefix)
    }
}

impl<T: KeyStorage + ?Sized> KeyStorage for alloc::boxed::Box<T> {
    fn read(&self, key: &str) -> Result<Option<Vec<u8>>, KeystoreError> {
        (**self).read(key)
    }
    fn write(&self, key: &str, data: &[u8], overwrite: bool) -> Result<(), KeystoreError> {
        (**self).write(key, data, overwrite)
    }
    fn list(&self, prefix: &str) -> Result<Vec<String>, KeystoreError> {
        (**self).list(prefix)
    }
}

/// Lets a host hand over a shared, foreign-implemented storage (`Arc<dyn KeyStorage>`).
impl<T: KeyStorage + ?Sized> KeyStorage for alloc::sync::Arc<T> {
    fn read(&self, key: &str) -> Result<Option<Vec<u8>>, KeystoreError> {
        (**self).read(key)
    }
    fn write(&self, key: &str, data: &[u8], overwrite: bool) -> Result<(), KeystoreError> {
        (**self).write(key, data, overwrite)
    }
    fn list(&self, prefix: &str) -> Result<Vec<String>, KeystoreError> {
        (**self).list(prefix)
    }
}

/// An in-memory [`KeyStorage`] (tests, ephemeral sessions).
#[derive(Debug, Default)]
pub struct MemoryStorage {
    entries: core::cell::RefCell<alloc::collections::BTreeMap<String, Vec<u8>>>,
}

impl MemoryStorage {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl KeyStorage for MemoryStorage {
    fn read(&self, key: &str) -> Result<Option<Vec<u8>>, KeystoreError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn write(&self, key: &str, data: &[u8], overwrite: bool) -> Result<(), KeystoreError> {
        let mut entries = self.entries.borrow_mut();
        if !overwrite && entries.contains_key(key) {
            return Err(KeystoreError::AlreadyExists(String::from(key)));
        }
        entries.insert(String::from(key), data.to_vec());
        Ok(())
    }

    fn list(&self, prefix: &str) -> Result<Vec<String>, KeystoreError> {
        let mut out: Vec<String> = Vec::new();
        let entries = self.entries.borrow();
        for key in entries.keys() {
            let rest = if prefix.is_empty() {
                Some(key.as_str())
            } else {
                key.strip_prefix(prefix).and_then(|r| r.strip_prefix('/'))
            };
            if let Some(rest) = rest {
                let child = rest.split('/').next().unwrap_or(rest);
                if out.last().map(String::as_str) != Some(child) && !out.iter().any(|c| c == child)
                {
                    out.push(String::from(child));
                }
            }
        }
        out.sort();
        Ok(out)
    }
}
