//! `Keypair`: an sr25519 or ed25519 secret key with what btwallet stores alongside it.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use zeroize::{ZeroizeOnDrop, Zeroizing};

use super::junction::parse_path;
use super::{
    CryptoType, DeriveJunction, KeysError, Mnemonic, PublicKey, SecretUri, Signature, ed25519,
    sr25519,
};

/// The curve-specific secret.
#[derive(Clone)]
enum Inner {
    Sr25519(schnorrkel::Keypair),
    Ed25519(ed25519_dalek::SigningKey),
}

/// A secret key of either curve, plus its mini-secret and phrase when they are known.
///
/// The secret parts wipe themselves on drop (schnorrkel and ed25519-dalek keys zeroize on drop; the
/// seed and phrase are `Zeroizing`). `Debug` shows only the crypto type and public key.
#[derive(Clone)]
pub struct Keypair {
    inner: Inner,
    mini_secret: Option<Zeroizing<[u8; 32]>>,
    phrase: Option<Zeroizing<String>>,
}

impl Keypair {
    fn bare(inner: Inner) -> Self {
        Self {
            inner,
            mini_secret: None,
            phrase: None,
        }
    }

    /// From a secret URI `<phrase | 0x-hex seed>(/soft | //hard)*(///password)?`; a URI starting with `/`
    /// uses the dev phrase. See [`SecretUri`].
    ///
    /// Without junctions the result keeps its mini-secret (and its phrase, when there is one and no
    /// password), so [`Keypair::mini_secret`]/[`Keypair::phrase`] can be written to a keyfile.
    pub fn from_uri(suri: &str, crypto: CryptoType) -> Result<Keypair, KeysError> {
        let uri = SecretUri::parse(suri)?;
        let seed = uri.mini_secret();
        let root = Self::from_mini_secret(&seed, crypto);
        if uri.junctions().is_empty() {
            let phrase = match (uri.mnemonic(), uri.password()) {
                (Some(m), None | Some("")) => Some(Zeroizing::new(String::from(m.phrase()))),
                _ => None,
            };
            Ok(Self { phrase, ..root })
        } else {
            root.derive_junctions(uri.junctions())
        }
    }

    /// [`Keypair::from_uri`] for raw bytes; non-UTF-8 input is [`KeysError::NotUtf8`].
    pub fn from_uri_bytes(suri: &[u8], crypto: CryptoType) -> Result<Keypair, KeysError> {
        Self::from_uri(
            core::str::from_utf8(suri).map_err(|_| KeysError::NotUtf8)?,
            crypto,
        )
    }

    /// From a BIP39 phrase and optional BIP39 passphrase (the `///password` of a URI).
    ///
    /// [`Keypair::phrase`] is kept only without a passphrase: a keyfile holding the phrase alone must
    /// reload to the same key.
    pub fn from_phrase(
        phrase: &str,
        password: Option<&str>,
        crypto: CryptoType,
    ) -> Result<Keypair, KeysError> {
        let mnemonic = Mnemonic::parse(phrase)?;
        let password = password.unwrap_or("");
        let seed = mnemonic.to_mini_secret(password);
        let mut pair = Self::from_mini_secret(&seed, crypto);
        if password.is_empty() {
            pair.phrase = Some(Zeroizing::new(String::from(mnemonic.phrase())));
        }
        Ok(pair)
    }

    /// From a 32-byte mini-secret (btwallet `secretSeed`): expanded for sr25519, the RFC 8032 seed for ed25519.
    pub fn from_mini_secret(seed: &[u8; 32], crypto: CryptoType) -> Keypair {
        let inner = match crypto {
            CryptoType::Sr25519 => Inner::Sr25519(sr25519::from_mini_secret(seed)),
            CryptoType::Ed25519 => Inner::Ed25519(ed25519::from_seed(seed)),
        };
        Self {
            inner,
            mini_secret: Some(Zeroizing::new(*seed)),
            phrase: None,
        }
    }

    /// From btwallet's sr25519 `privateKey`: 64 bytes, canonical scalar ‖ nonce.
    pub fn from_sr25519_secret(canonical: &[u8]) -> Result<Keypair, KeysError> {
        sr25519::from_canonical(canonical).map(|p| Self::bare(Inner::Sr25519(p)))
    }

    /// From a polkadot.js sr25519 secret (PKCS8 body): 64 bytes, (scalar × 8) ‖ nonce.
    pub fn from_sr25519_pjs_secret(pjs: &[u8]) -> Result<Keypair, KeysError> {
        sr25519::from_pjs(pjs).map(|p| Self::bare(Inner::Sr25519(p)))
    }

    /// From a 32-byte ed25519 seed (btwallet's ed25519 `privateKey`); it is also the mini-secret.
    pub fn from_ed25519_seed(seed: &[u8]) -> Result<Keypair, KeysError> {
        let key = ed25519::from_seed_slice(seed)?;
        let mini_secret = Some(ed25519::seed(&key));
        Ok(Self {
            inner: Inner::Ed25519(key),
            mini_secret,
            phrase: None,
        })
    }

    /// The signature scheme.
    pub fn crypto_type(&self) -> CryptoType {
        match self.inner {
            Inner::Sr25519(_) => CryptoType::Sr25519,
            Inner::Ed25519(_) => CryptoType::Ed25519,
        }
    }

    /// The public key (account id).
    pub fn public(&self) -> PublicKey {
        match &self.inner {
            Inner::Sr25519(p) => PublicKey(p.public.to_bytes()),
            Inner::Ed25519(k) => PublicKey(k.verifying_key().to_bytes()),
        }
    }

    /// SS58 address with prefix 42.
    pub fn address(&self) -> String {
        self.public().address()
    }

    /// btwallet's `privateKey`: sr25519 64-byte canonical secret, ed25519 32-byte seed.
    pub fn secret_bytes(&self) -> Zeroizing<Vec<u8>> {
        match &self.inner {
            Inner::Sr25519(p) => Zeroizing::new(sr25519::to_canonical(p).to_vec()),
            Inner::Ed25519(k) => Zeroizing::new(ed25519::seed(k).to_vec()),
        }
    }

    /// The 64-byte secret of a polkadot.js PKCS8: sr25519 (scalar × 8) ‖ nonce, ed25519 seed ‖ public key.
    pub fn pjs_secret(&self) -> Zeroizing<[u8; 64]> {
        match &self.inner {
            Inner::Sr25519(p) => sr25519::to_pjs(p),
            Inner::Ed25519(k) => ed25519::to_pjs(k),
        }
    }

    /// btwallet's `secretSeed`: the mini-secret, when known (made from a phrase or seed, no derivation).
    pub fn mini_secret(&self) -> Option<&[u8; 32]> {
        self.mini_secret.as_deref()
    }

    /// btwallet's `secretPhrase`: when made from a phrase with no derivation path and no password.
    pub fn phrase(&self) -> Option<&str> {
        self.phrase.as_deref().map(|s| s.as_str())
    }

    /// Applies a derivation path (`//hard`, `/soft`, …) to this key.
    ///
    /// The child has neither phrase nor mini-secret. ed25519 accepts only hard junctions; a path with
    /// `///password` is [`KeysError::PasswordInPath`]; an empty path returns the key unchanged.
    pub fn derive(&self, path: &str) -> Result<Keypair, KeysError> {
        let (junctions, password) = parse_path(path)?;
        if password.is_some() {
            return Err(KeysError::PasswordInPath);
        }
        if junctions.is_empty() {
            return Ok(self.clone());
        }
        self.derive_junctions(&junctions)
    }

    /// Applies parsed junctions in order.
    pub fn derive_junctions(&self, junctions: &[DeriveJunction]) -> Result<Keypair, KeysError> {
        if self.crypto_type() == CryptoType::Ed25519 && junctions.iter().any(|j| !j.is_hard()) {
            return Err(KeysError::SoftDerivationNotSupported);
        }
        let mut inner = self.inner.clone();
        for junction in junctions {
            inner = match (&inner, junction) {
                (Inner::Sr25519(p), DeriveJunction::Hard(cc)) => {
                    Inner::Sr25519(sr25519::derive_hard(p, cc))
                }
                (Inner::Sr25519(p), DeriveJunction::Soft(cc)) => {
                    Inner::Sr25519(sr25519::derive_soft(p, cc))
                }
                (Inner::Ed25519(k), DeriveJunction::Hard(cc)) => {
                    Inner::Ed25519(ed25519::derive_hard(k, cc))
                }
                (Inner::Ed25519(_), DeriveJunction::Soft(_)) => {
                    return Err(KeysError::SoftDerivationNotSupported);
                }
            };
        }
        Ok(Self::bare(inner))
    }

    /// Signs `message` as is (sr25519: randomised, context `substrate`; ed25519: deterministic).
    ///
    /// To sign like polkadot.js `signRaw`, pass [`super::wrap_bytes`]`(message)`.
    pub fn sign(&self, message: &[u8]) -> Signature {
        Signature(match &self.inner {
            Inner::Sr25519(p) => sr25519::sign(p, message),
            Inner::Ed25519(k) => ed25519::sign(k, message),
        })
    }

    /// Verifies a signature of this key over exactly `message`.
    pub fn verify(&self, message: &[u8], signature: &Signature) -> bool {
        super::verify(self.crypto_type(), &self.public(), message, signature)
    }
}

impl fmt::Debug for Keypair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keypair")
            .field("crypto", &self.crypto_type())
            .field("public", &self.public())
            .finish_non_exhaustive()
    }
}

/// schnorrkel's `Keypair` and ed25519-dalek's `SigningKey` zeroize themselves on drop; the mini-secret
/// and phrase are `Zeroizing`.
impl ZeroizeOnDrop for Keypair {}
