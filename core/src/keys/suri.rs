//! Secret URIs: `<phrase | 0x-hex seed>(/soft | //hard)*(///password)?`.
//!
//! The grammar and its meaning follow sp-core's `SecretUri` (used by btwallet) and polkadot.js
//! `keyExtractSuri`:
//! - a URI starting with `/` means the dev phrase ([`crate::keys::dev::DEV_PHRASE`]) followed by that path;
//! - `///password` is the BIP39 passphrase: it goes into the mini-secret salt (`"mnemonic" ‖ password`);
//! - a `0x` + 64-hex seed is the mini-secret itself; as in both references, a password is ignored for it.

use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::junction::parse_path;
use super::{DeriveJunction, KeysError, Mnemonic, dev};

/// The secret a URI starts from.
#[derive(Clone)]
enum Root {
    Phrase(Mnemonic),
    Seed(Zeroizing<[u8; 32]>),
}

/// A parsed secret URI. Everything in it is secret: zeroized on drop, `Debug` shows only its shape.
#[derive(Clone)]
pub struct SecretUri {
    root: Root,
    junctions: Vec<DeriveJunction>,
    password: Option<Zeroizing<alloc::string::String>>,
}

impl SecretUri {
    /// Parses a secret URI, validating the mnemonic (or hex seed) and every junction.
    pub fn parse(suri: &str) -> Result<Self, KeysError> {
        let split = suri.find('/').unwrap_or(suri.len());
        let (phrase, path) = suri.split_at(split);
        let phrase = phrase.trim();
        let root = if phrase.is_empty() {
            if path.is_empty() {
                return Err(KeysError::EmptyPhrase);
            }
            if !suri.starts_with('/') {
                // Whitespace before the path: sp-core would try to read it as a phrase and fail.
                return Err(KeysError::EmptyPhrase);
            }
            Root::Phrase(Mnemonic::parse(dev::DEV_PHRASE)?)
        } else if let Some(hex_seed) = phrase.strip_prefix("0x") {
            let bytes =
                Zeroizing::new(hex::decode(hex_seed).map_err(|_| KeysError::InvalidHexSeed)?);
            let seed: [u8; 32] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| KeysError::InvalidSeedLength(bytes.len()))?;
            Root::Seed(Zeroizing::new(seed))
        } else {
            Root::Phrase(Mnemonic::parse(phrase)?)
        };
        let (junctions, password) = parse_path(path)?;
        let password = password.map(|p| Zeroizing::new(p.into()));
        Ok(Self {
            root,
            junctions,
            password,
        })
    }

    /// [`SecretUri::parse`] for raw bytes; non-UTF-8 input is [`KeysError::NotUtf8`].
    pub fn parse_bytes(suri: &[u8]) -> Result<Self, KeysError> {
        Self::parse(core::str::from_utf8(suri).map_err(|_| KeysError::NotUtf8)?)
    }

    /// The mnemonic, if the URI starts with one (or with `/`, meaning the dev phrase).
    pub fn mnemonic(&self) -> Option<&Mnemonic> {
        match &self.root {
            Root::Phrase(m) => Some(m),
            Root::Seed(_) => None,
        }
    }

    /// The derivation junctions, in order.
    pub fn junctions(&self) -> &[DeriveJunction] {
        &self.junctions
    }

    /// The `///password`, if present (an empty one is `Some("")`).
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref().map(|s| s.as_str())
    }

    /// The 32-byte mini-secret the junctions are applied to: the hex seed, or the phrase's
    /// mini-secret salted with the password.
    pub fn mini_secret(&self) -> Zeroizing<[u8; 32]> {
        match &self.root {
            Root::Phrase(m) => m.to_mini_secret(self.password().unwrap_or("")),
            Root::Seed(seed) => seed.clone(),
        }
    }
}

impl FromStr for SecretUri {
    type Err = KeysError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Debug for SecretUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretUri")
            .field(
                "root",
                &match self.root {
                    Root::Phrase(_) => "phrase",
                    Root::Seed(_) => "seed",
                },
            )
            .field("junctions", &self.junctions)
            .field("password", &self.password.is_some())
            .finish()
    }
}

impl Zeroize for SecretUri {
    fn zeroize(&mut self) {
        match &mut self.root {
            Root::Phrase(m) => m.zeroize(),
            Root::Seed(s) => s.zeroize(),
        }
        self.junctions.zeroize();
        self.password.zeroize();
    }
}

impl Drop for SecretUri {
    fn drop(&mut self) {
        self.junctions.zeroize();
    }
}

/// Mnemonic, seed and password are `Zeroizing`; junctions are wiped in `Drop`.
impl ZeroizeOnDrop for SecretUri {}
