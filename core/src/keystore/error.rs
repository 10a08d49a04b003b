//! The keystore module's error type.

use alloc::string::String;

use crate::keys::KeysError;

/// Which container a [`KeystoreError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// btwallet `$NACL` keyfile (Argon2i + XSalsa20-Poly1305).
    Nacl,
    /// btwallet legacy `$ANSIBLE_VAULT;1.1;AES256` keyfile.
    AnsibleVault,
    /// btwallet legacy Fernet (`gAAAAA…`) keyfile.
    Fernet,
    /// Plaintext btwallet keyfile JSON.
    KeyfileJson,
    /// polkadot.js JSON keystore.
    PolkadotJson,
    /// PKCS8 body inside a polkadot.js keystore.
    Pkcs8,
}

impl core::fmt::Display for Container {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Container::Nacl => "$NACL keyfile",
            Container::AnsibleVault => "Ansible Vault keyfile",
            Container::Fernet => "Fernet keyfile",
            Container::KeyfileJson => "keyfile JSON",
            Container::PolkadotJson => "polkadot.js keystore",
            Container::Pkcs8 => "PKCS8 key",
        })
    }
}

/// Errors of the keystore module.
///
/// Messages name fields, formats and lengths only; they never contain passwords, secrets or
/// (parts of) decrypted plaintext. Public data (addresses) may appear.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeystoreError {
    /// The password does not open the file (MAC/authentication check failed).
    #[error("wrong password for the {0}")]
    WrongPassword(Container),
    /// The data is shorter than the format's fixed parts.
    #[error("{container} is truncated: {len} bytes, at least {min} needed")]
    Truncated {
        /// Which container.
        container: Container,
        /// Length found.
        len: usize,
        /// Minimum length of a valid container.
        min: usize,
    },
    /// The container's structure is broken (bad header, bad line layout, bad padding, …).
    #[error("malformed {container}: {reason}")]
    Malformed {
        /// Which container.
        container: Container,
        /// What is wrong (static text, no data).
        reason: &'static str,
    },
    /// A field that must be hex is not valid hex (or has the wrong length).
    #[error("field `{0}` is not valid hex of the expected length")]
    InvalidHex(&'static str),
    /// A field that must be base64 is not valid base64.
    #[error("field `{0}` is not valid base64")]
    InvalidBase64(&'static str),
    /// Input that must be UTF-8 is not.
    #[error("{0} is not valid UTF-8")]
    NotUtf8(Container),
    /// The JSON could not be parsed (position only; the parser's message can quote content).
    #[error("invalid JSON in the {container} at line {line}, column {column}")]
    InvalidJson {
        /// Which container.
        container: Container,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// A required field is absent.
    #[error("missing field `{0}`")]
    MissingField(&'static str),
    /// A field has the wrong type or an unusable value.
    #[error("invalid field `{field}`: {reason}")]
    InvalidField {
        /// The field's name.
        field: &'static str,
        /// What is wrong (static text, no data).
        reason: &'static str,
    },
    /// `cryptoType` (btwallet) or `encoding.content` (polkadot.js) names a curve we do not support.
    #[error("unsupported key type {0}")]
    UnsupportedCryptoType(String),
    /// The polkadot.js `encoding` (version/type) is not supported.
    #[error("unsupported polkadot.js encoding: {0}")]
    UnsupportedEncoding(String),
    /// scrypt parameters outside the polkadot.js whitelist (DoS protection).
    #[error("unsupported scrypt parameters N={n}, p={p}, r={r}")]
    UnsupportedScryptParams {
        /// Cost parameter N.
        n: u32,
        /// Parallelism p.
        p: u32,
        /// Block size r.
        r: u32,
    },
    /// The secret does not reproduce the public key/address stored next to it.
    #[error("field `{field}` holds {stored}, but the secret key belongs to {derived}")]
    AddressMismatch {
        /// The field that disagrees (`publicKey`, `accountId`, `ss58Address`, `address`, PKCS8 public key).
        field: &'static str,
        /// The value stored in the file (public data).
        stored: String,
        /// The address/public key derived from the secret (public data).
        derived: String,
    },
    /// The file has no secret key (public-only keyfile), but a secret was required.
    #[error("the keyfile holds only a public key")]
    PublicOnly,
    /// A file is encrypted but no password was given.
    #[error("the {0} is encrypted; a password is required")]
    PasswordRequired(Container),
    /// Key derivation (Argon2/scrypt/PBKDF2) could not run, e.g. out of memory.
    #[error("key derivation failed: {0}")]
    Kdf(&'static str),
    /// The platform random number generator failed.
    #[error("the system random number generator failed")]
    Random,
    /// Building the key pair failed.
    #[error(transparent)]
    Keys(#[from] KeysError),
    /// A wallet or hotkey name that is empty or could escape the wallet directory.
    #[error(
        "invalid wallet or hotkey name (empty, `.`/`..`, or containing a path separator or NUL)"
    )]
    InvalidName,
    /// The key to be written exists and `overwrite` was not requested.
    #[error("{0} already exists (pass overwrite to replace it)")]
    AlreadyExists(String),
    /// The requested key or wallet does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// A storage backend failed.
    #[error("storage error: {0}")]
    Storage(String),
}

/// Maps a `serde_json` error to [`KeystoreError::InvalidJson`] without keeping its message
/// (which may quote the offending, possibly secret, value).
pub(crate) fn json_error(container: Container, e: &serde_json::Error) -> KeystoreError {
    KeystoreError::InvalidJson {
        container,
        line: e.line(),
        column: e.column(),
    }
}
