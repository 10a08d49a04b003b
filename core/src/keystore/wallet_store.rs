//! btwallet wallets on top of a [`KeyStorage`]: `<wallet>/coldkey`, `<wallet>/coldkeypub.txt`,
//! `<wallet>/hotkeys/<name>`, `<wallet>/hotkeys/<name>pub.txt`.
//!
//! Defaults follow btwallet: coldkeys are written `$NACL`-encrypted, hotkeys as plaintext JSON;
//! every secret keyfile gets its public companion file. Nothing is replaced unless `overwrite`.

use alloc::string::String;
use alloc::vec::Vec;

use super::KeystoreError;
use super::envelope::KeyfileEncryption;
use super::keyfile::Keyfile;
use super::storage::KeyStorage;
use crate::keys::Keypair;

/// Rejects names that are empty or could leave the wallet directory.
pub fn validate_name(name: &str) -> Result<(), KeystoreError> {
    if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\', '\0']) {
        return Err(KeystoreError::InvalidName);
    }
    Ok(())
}

/// btwallet wallets kept in a [`KeyStorage`].
#[derive(Debug)]
pub struct WalletStore<S> {
    storage: S,
}

impl<S: KeyStorage> WalletStore<S> {
    /// Wallets in `storage` (for the native directory: `~/.bittensor/wallets`).
    pub fn new(storage: S) -> Self {
        Self { storage }
    }

    /// The underlying storage.
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// Names of the wallets that have a `coldkey` or `coldkeypub.txt`, sorted.
    pub fn list_wallets(&self) -> Result<Vec<String>, KeystoreError> {
        let mut out = Vec::new();
        for name in self.storage.list("")? {
            if validate_name(&name).is_err() {
                continue;
            }
            let children = self.storage.list(&name)?;
            if children
                .iter()
                .any(|c| c == "coldkey" || c == "coldkeypub.txt")
            {
                out.push(name);
            }
        }
        Ok(out)
    }

    /// Names of a wallet's hotkeys (secret or public-only), sorted.
    pub fn list_hotkeys(&self, wallet: &str) -> Result<Vec<String>, KeystoreError> {
        validate_name(wallet)?;
        let files = self.storage.list(&alloc::format!("{wallet}/hotkeys"))?;
        let mut out: Vec<String> = Vec::new();
        for f in &files {
            let name = match f.strip_suffix("pub.txt") {
                // `<name>pub.txt` is the companion of `<name>`; list it only when `<name>` is absent.
                Some(base) if !base.is_empty() => base,
                _ => f.as_str(),
            };
            if !out.iter().any(|o| o == name) {
                out.push(String::from(name));
            }
        }
        out.sort();
        Ok(out)
    }

    fn write_pair(
        &self,
        secret_key: &str,
        public_key: &str,
        keypair: &Keypair,
        encryption: KeyfileEncryption<'_>,
        overwrite: bool,
    ) -> Result<(), KeystoreError> {
        if !overwrite {
            for key in [secret_key, public_key] {
                if self.storage.read(key)?.is_some() {
                    return Err(KeystoreError::AlreadyExists(String::from(key)));
                }
            }
        }
        let keyfile = Keyfile::from_keypair(keypair.clone());
        let data = keyfile.write(encryption)?;
        self.storage.write(secret_key, &data, overwrite)?;
        self.storage
            .write(public_key, &keyfile.to_public_json(), overwrite)
    }

    /// Writes `coldkey` (encrypted as given; btwallet's default is `$NACL`) and `coldkeypub.txt`.
    pub fn create_coldkey(
        &self,
        wallet: &str,
        keypair: &Keypair,
        encryption: KeyfileEncryption<'_>,
        overwrite: bool,
    ) -> Result<(), KeystoreError> {
        validate_name(wallet)?;
        self.write_pair(
            &alloc::format!("{wallet}/coldkey"),
            &alloc::format!("{wallet}/coldkeypub.txt"),
            keypair,
            encryption,
            overwrite,
        )
    }

    /// Writes `hotkeys/<name>` (btwallet's default: plaintext) and `hotkeys/<name>pub.txt`.
    pub fn create_hotkey(
        &self,
        wallet: &str,
        hotkey: &str,
        keypair: &Keypair,
        encryption: KeyfileEncryption<'_>,
        overwrite: bool,
    ) -> Result<(), KeystoreError> {
        validate_name(wallet)?;
        validate_name(hotkey)?;
        self.write_pair(
            &alloc::format!("{wallet}/hotkeys/{hotkey}"),
            &alloc::format!("{wallet}/hotkeys/{hotkey}pub.txt"),
            keypair,
            encryption,
            overwrite,
        )
    }

    fn load(&self, key: &str, password: Option<&str>) -> Result<Keyfile, KeystoreError> {
        let data = self
            .storage
            .read(key)?
            .ok_or_else(|| KeystoreError::NotFound(String::from(key)))?;
        Keyfile::read(&data, password)
    }

    /// Reads and decrypts the coldkey.
    pub fn load_coldkey(
        &self,
        wallet: &str,
        password: Option<&str>,
    ) -> Result<Keyfile, KeystoreError> {
        validate_name(wallet)?;
        self.load(&alloc::format!("{wallet}/coldkey"), password)
    }

    /// Reads `coldkeypub.txt` (public key only; no password).
    pub fn load_coldkeypub(&self, wallet: &str) -> Result<Keyfile, KeystoreError> {
        validate_name(wallet)?;
        self.load(&alloc::format!("{wallet}/coldkeypub.txt"), None)
    }

    /// Reads a hotkey (password only if it was written encrypted).
    pub fn load_hotkey(
        &self,
        wallet: &str,
        hotkey: &str,
        password: Option<&str>,
    ) -> Result<Keyfile, KeystoreError> {
        validate_name(wallet)?;
        validate_name(hotkey)?;
        self.load(&alloc::format!("{wallet}/hotkeys/{hotkey}"), password)
    }

    /// Reads `hotkeys/<name>pub.txt`.
    pub fn load_hotkeypub(&self, wallet: &str, hotkey: &str) -> Result<Keyfile, KeystoreError> {
        validate_name(wallet)?;
        validate_name(hotkey)?;
        self.load(&alloc::format!("{wallet}/hotkeys/{hotkey}pub.txt"), None)
    }
}
