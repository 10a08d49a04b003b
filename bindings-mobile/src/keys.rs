//! Keys: mnemonics, sr25519/ed25519 key pairs from secret URIs, signing, SS58 addresses.
use std::sync::Arc;

use taolight_core::keys::{self, CryptoType, PublicKey, Signature};

use crate::TaolightError;

/// The signature scheme of a key (the core's `CryptoType`, exported as is).
#[uniffi::remote(Enum)]
pub enum CryptoType {
    /// Schnorr signatures over Ristretto25519 (schnorrkel): Bittensor's default.
    Sr25519,
    /// RFC 8032 Ed25519.
    Ed25519,
}

/// A decoded SS58 address.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Ss58Decoded {
    /// The network prefix (42 for Bittensor).
    pub prefix: u16,
    /// The 32-byte public key.
    pub public_key: Vec<u8>,
}

fn public_key(bytes: &[u8]) -> Result<PublicKey, TaolightError> {
    let array: [u8; 32] = bytes.try_into().map_err(|_| {
        TaolightError::InvalidArgument(format!(
            "a public key must be 32 bytes, got {}",
            bytes.len()
        ))
    })?;
    Ok(PublicKey(array))
}

/// Generates a new BIP39 English mnemonic of 12, 15, 18, 21 or 24 words.
#[uniffi::export]
pub fn generate_mnemonic(word_count: u32) -> Result<String, TaolightError> {
    Ok(keys::Mnemonic::generate(word_count as usize)?
        .phrase()
        .to_string())
}

/// Whether `phrase` is a valid BIP39 English mnemonic (word count, words and checksum).
#[uniffi::export]
pub fn validate_mnemonic(phrase: String) -> bool {
    keys::Mnemonic::parse(&phrase).is_ok()
}

/// A key pair. Its secret is wiped when the object is destroyed (`close()` in Kotlin,
/// garbage collection in Python).
#[derive(uniffi::Object)]
pub struct Keypair {
    inner: keys::Keypair,
}

impl Keypair {
    /// The core key pair (for the other modules of this crate).
    pub(crate) fn inner(&self) -> &keys::Keypair {
        &self.inner
    }
}

impl From<keys::Keypair> for Keypair {
    fn from(inner: keys::Keypair) -> Self {
        Keypair { inner }
    }
}

#[uniffi::export]
impl Keypair {
    /// From a secret URI: `phrase`, `phrase//hard/soft///password`, `0x<seed>`, or `//Alice`.
    #[uniffi::constructor]
    pub fn from_uri(uri: String, crypto_type: CryptoType) -> Result<Arc<Self>, TaolightError> {
        Ok(Arc::new(Keypair {
            inner: keys::Keypair::from_uri(&uri, crypto_type)?,
        }))
    }

    /// From a mnemonic and an optional BIP39 password (the `///password` of a URI).
    #[uniffi::constructor]
    pub fn from_phrase(
        phrase: String,
        password: Option<String>,
        crypto_type: CryptoType,
    ) -> Result<Arc<Self>, TaolightError> {
        let inner = keys::Keypair::from_phrase(&phrase, password.as_deref(), crypto_type)?;
        Ok(Arc::new(Keypair { inner }))
    }

    /// A child key pair along a derivation path such as `//hard/soft`.
    pub fn derive(&self, path: String) -> Result<Arc<Keypair>, TaolightError> {
        Ok(Arc::new(Keypair {
            inner: self.inner.derive(&path)?,
        }))
    }

    /// The SS58 address with the Bittensor prefix 42.
    pub fn address(&self) -> String {
        self.inner.address()
    }

    /// The 32-byte public key.
    pub fn public_key(&self) -> Vec<u8> {
        self.inner.public().0.to_vec()
    }

    /// The key's signature scheme.
    pub fn crypto_type(&self) -> CryptoType {
        self.inner.crypto_type()
    }

    /// Signs `message` (raw bytes, no `<Bytes>` wrapping); returns the 64-byte signature.
    pub fn sign(&self, message: Vec<u8>) -> Vec<u8> {
        self.inner.sign(&message).0.to_vec()
    }

    /// Whether `signature` is this key's signature of `message`.
    pub fn verify(&self, message: Vec<u8>, signature: Vec<u8>) -> Result<bool, TaolightError> {
        Ok(self
            .inner
            .verify(&message, &Signature::from_slice(&signature)?))
    }
}

/// Whether `signature` is a valid signature of `message` by the 32-byte `public_key`.
#[uniffi::export]
pub fn verify(
    crypto_type: CryptoType,
    public_key: Vec<u8>,
    message: Vec<u8>,
    signature: Vec<u8>,
) -> Result<bool, TaolightError> {
    let signature = Signature::from_slice(&signature)?;
    Ok(keys::verify(
        crypto_type,
        &self::public_key(&public_key)?,
        &message,
        &signature,
    ))
}

/// Encodes a 32-byte public key as an SS58 address with `prefix` (42 for Bittensor).
#[uniffi::export]
pub fn ss58_encode(public_key: Vec<u8>, prefix: u16) -> Result<String, TaolightError> {
    Ok(keys::ss58::try_encode(
        &self::public_key(&public_key)?.0,
        prefix,
    )?)
}

/// Decodes an SS58 address, checking its checksum.
#[uniffi::export]
pub fn ss58_decode(address: String) -> Result<Ss58Decoded, TaolightError> {
    let (prefix, public_key) = keys::ss58::decode(&address)?;
    Ok(Ss58Decoded {
        prefix,
        public_key: public_key.to_vec(),
    })
}
