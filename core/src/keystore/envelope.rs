//! Keyfile encryption envelopes: detection by leading bytes, and dispatch to the three formats.
//!
//! Detection is btwallet's: data starting with `$NACL` is [`KeyfileFormat::Nacl`], `$ANSIBLE_VAULT`
//! is [`KeyfileFormat::AnsibleVault`], `gAAAAA` is [`KeyfileFormat::Fernet`], and anything else is
//! treated as plaintext keyfile JSON.

use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::ansible_vault::{self, ANSIBLE_PREFIX, AnsibleVault};
use super::error::{Container, KeystoreError};
use super::fernet::{FERNET_PREFIX, FernetToken};
use super::nacl::{self, NACL_PREFIX, NaclKeyfile};

/// How a keyfile's bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyfileFormat {
    /// `$NACL` (current btwallet format).
    Nacl,
    /// `$ANSIBLE_VAULT;1.1;AES256` (legacy).
    AnsibleVault,
    /// Fernet token `gAAAAA…` (oldest).
    Fernet,
    /// Not encrypted: keyfile JSON.
    Plaintext,
}

impl KeyfileFormat {
    /// Detects the format from the leading bytes.
    pub fn detect(data: &[u8]) -> Self {
        if data.starts_with(NACL_PREFIX) {
            KeyfileFormat::Nacl
        } else if data.starts_with(ANSIBLE_PREFIX) {
            KeyfileFormat::AnsibleVault
        } else if data.starts_with(FERNET_PREFIX) {
            KeyfileFormat::Fernet
        } else {
            KeyfileFormat::Plaintext
        }
    }

    /// Whether the format needs a password.
    pub fn is_encrypted(self) -> bool {
        self != KeyfileFormat::Plaintext
    }

    fn container(self) -> Container {
        match self {
            KeyfileFormat::Nacl => Container::Nacl,
            KeyfileFormat::AnsibleVault => Container::AnsibleVault,
            KeyfileFormat::Fernet => Container::Fernet,
            KeyfileFormat::Plaintext => Container::KeyfileJson,
        }
    }
}

/// Checks an envelope's structure without deriving any key (cheap; for validation and fuzzing).
pub fn check_envelope(data: &[u8]) -> Result<KeyfileFormat, KeystoreError> {
    let format = KeyfileFormat::detect(data);
    match format {
        KeyfileFormat::Nacl => {
            NaclKeyfile::parse(data)?;
        }
        KeyfileFormat::AnsibleVault => {
            AnsibleVault::parse(data)?;
        }
        KeyfileFormat::Fernet => {
            FernetToken::parse(data)?;
        }
        KeyfileFormat::Plaintext => {}
    }
    Ok(format)
}

/// Returns the keyfile's plaintext JSON bytes, decrypting if needed.
///
/// The structure is checked before the (slow) key derivation runs. An encrypted file without a
/// password gives [`KeystoreError::PasswordRequired`]; a plaintext file ignores `password`.
pub fn decrypt_keyfile_data(
    data: &[u8],
    password: Option<&str>,
) -> Result<Zeroizing<Vec<u8>>, KeystoreError> {
    let format = KeyfileFormat::detect(data);
    if format == KeyfileFormat::Plaintext {
        return Ok(Zeroizing::new(data.to_vec()));
    }
    let password = password.ok_or(KeystoreError::PasswordRequired(format.container()))?;
    match format {
        KeyfileFormat::Nacl => NaclKeyfile::parse(data)?.decrypt(password.as_bytes()),
        KeyfileFormat::AnsibleVault => AnsibleVault::parse(data)?.decrypt(password.as_bytes()),
        KeyfileFormat::Fernet => FernetToken::parse(data)?.decrypt(password.as_bytes()),
        KeyfileFormat::Plaintext => unreachable!("handled above"),
    }
}

/// How to protect a keyfile when writing it.
#[derive(Clone, Copy)]
pub enum KeyfileEncryption<'a> {
    /// Plain JSON (btwallet's default for hotkeys).
    Plaintext,
    /// `$NACL` with this password (btwallet's default for coldkeys).
    Nacl(&'a str),
    /// Legacy Ansible Vault with this password (btwallet `legacy_encrypt_keyfile_data`).
    AnsibleVault(&'a str),
}

impl core::fmt::Debug for KeyfileEncryption<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            KeyfileEncryption::Plaintext => "Plaintext",
            KeyfileEncryption::Nacl(_) => "Nacl(<password>)",
            KeyfileEncryption::AnsibleVault(_) => "AnsibleVault(<password>)",
        })
    }
}

/// Wraps keyfile JSON bytes in the chosen envelope (random nonce/salt).
pub fn encrypt_keyfile_data(
    plaintext: &[u8],
    encryption: KeyfileEncryption<'_>,
) -> Result<Vec<u8>, KeystoreError> {
    match encryption {
        KeyfileEncryption::Plaintext => Ok(plaintext.to_vec()),
        KeyfileEncryption::Nacl(pw) => nacl::encrypt(plaintext, pw.as_bytes()),
        KeyfileEncryption::AnsibleVault(pw) => ansible_vault::encrypt(plaintext, pw.as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_leading_bytes() {
        assert_eq!(KeyfileFormat::detect(b"$NACLxyz"), KeyfileFormat::Nacl);
        assert_eq!(
            KeyfileFormat::detect(b"$ANSIBLE_VAULT;1.1;AES256\n"),
            KeyfileFormat::AnsibleVault
        );
        assert_eq!(KeyfileFormat::detect(b"gAAAAABl"), KeyfileFormat::Fernet);
        assert_eq!(
            KeyfileFormat::detect(b"{\"a\":1}"),
            KeyfileFormat::Plaintext
        );
        assert_eq!(KeyfileFormat::detect(b""), KeyfileFormat::Plaintext);
        assert_eq!(KeyfileFormat::detect(b"$NAC"), KeyfileFormat::Plaintext);
    }

    #[test]
    fn encrypted_file_without_password_is_a_typed_error() {
        let file = nacl::encrypt_with_key(b"{}", &[0u8; 32], &[0u8; 24]);
        assert!(matches!(
            decrypt_keyfile_data(&file, None),
            Err(KeystoreError::PasswordRequired(Container::Nacl))
        ));
    }

    #[test]
    fn ansible_round_trip_through_dispatch() {
        let file =
            encrypt_keyfile_data(b"{\"x\":1}", KeyfileEncryption::AnsibleVault("pw")).unwrap();
        assert_eq!(check_envelope(&file).unwrap(), KeyfileFormat::AnsibleVault);
        assert_eq!(
            decrypt_keyfile_data(&file, Some("pw")).unwrap().as_slice(),
            b"{\"x\":1}"
        );
        assert!(matches!(
            decrypt_keyfile_data(&file, Some("pW")),
            Err(KeystoreError::WrongPassword(_))
        ));
    }
}
