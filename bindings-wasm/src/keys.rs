//! Keys: mnemonics, sr25519/ed25519 key pairs from secret URIs, signing, SS58 addresses.
//!
//! ```js
//! import { Keypair, generateMnemonic, verify, ss58Decode } from 'taolight';
//! const alice = Keypair.fromUri('//Alice');            // sr25519 unless told otherwise
//! alice.address;                                        // '5GrwvaEF…'
//! const sig = alice.sign(new TextEncoder().encode('hi'));
//! verify('sr25519', alice.publicKey, new TextEncoder().encode('hi'), sig);   // true
//! alice.free();                                         // wipes the secret now (else on GC)
//! ```
use taolight_core::keys::{self, CryptoType, PublicKey, Signature};
use wasm_bindgen::prelude::*;

use crate::error::Error;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A signature scheme. Bittensor keys are sr25519 unless a keyfile says otherwise. */
export type CryptoType = "sr25519" | "ed25519";
/** A decoded SS58 address. */
export interface Ss58Decoded { prefix: number; publicKey: Uint8Array }
"#;

/// Reads a JS crypto type name; `undefined` means sr25519.
fn crypto_type(name: Option<String>) -> Result<CryptoType, Error> {
    match name.as_deref() {
        None | Some("sr25519") => Ok(CryptoType::Sr25519),
        Some("ed25519") => Ok(CryptoType::Ed25519),
        Some(other) => Err(Error::invalid_argument(format!(
            "crypto type must be \"sr25519\" or \"ed25519\", got {other:?}"
        ))),
    }
}

/// Reads a 32-byte public key.
fn public_key(bytes: &[u8]) -> Result<PublicKey, Error> {
    let array: [u8; 32] = bytes.try_into().map_err(|_| {
        Error::invalid_argument(format!(
            "a public key must be 32 bytes, got {}",
            bytes.len()
        ))
    })?;
    Ok(PublicKey(array))
}

/// Generates a new BIP39 English mnemonic of 12 (default), 15, 18, 21 or 24 words.
#[wasm_bindgen(js_name = generateMnemonic)]
pub fn generate_mnemonic(
    #[wasm_bindgen(unchecked_param_type = "12 | 15 | 18 | 21 | 24 | undefined")] words: Option<u32>,
) -> Result<String, Error> {
    let mnemonic = keys::Mnemonic::generate(words.unwrap_or(12) as usize)?;
    Ok(mnemonic.phrase().to_string())
}

/// Whether `phrase` is a valid BIP39 English mnemonic (word count, words and checksum).
#[wasm_bindgen(js_name = validateMnemonic)]
pub fn validate_mnemonic(phrase: &str) -> bool {
    keys::Mnemonic::parse(phrase).is_ok()
}

/// A key pair; its secret stays inside WebAssembly memory and is wiped by `free()`.
#[wasm_bindgen]
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

#[wasm_bindgen]
impl Keypair {
    /// From a secret URI: `phrase`, `phrase//hard/soft///password`, `0x<seed>`, or `//Alice`
    /// (a path alone uses the Substrate dev phrase). `cryptoType` defaults to `"sr25519"`.
    #[wasm_bindgen(js_name = fromUri)]
    pub fn from_uri(
        uri: &str,
        #[wasm_bindgen(unchecked_param_type = "CryptoType | undefined")] crypto: Option<String>,
    ) -> Result<Keypair, Error> {
        let inner = keys::Keypair::from_uri(uri, crypto_type(crypto)?)?;
        Ok(Keypair { inner })
    }

    /// From a mnemonic and an optional BIP39 password (the `///password` of a URI).
    #[wasm_bindgen(js_name = fromPhrase)]
    pub fn from_phrase(
        phrase: &str,
        password: Option<String>,
        #[wasm_bindgen(unchecked_param_type = "CryptoType | undefined")] crypto: Option<String>,
    ) -> Result<Keypair, Error> {
        let inner = keys::Keypair::from_phrase(phrase, password.as_deref(), crypto_type(crypto)?)?;
        Ok(Keypair { inner })
    }

    /// A child key pair along a derivation path such as `//hard/soft`.
    pub fn derive(&self, path: &str) -> Result<Keypair, Error> {
        Ok(Keypair {
            inner: self.inner.derive(path)?,
        })
    }

    /// The SS58 address with the Bittensor prefix 42.
    #[wasm_bindgen(getter)]
    pub fn address(&self) -> String {
        self.inner.address()
    }

    /// The 32-byte public key.
    #[wasm_bindgen(getter, js_name = publicKey)]
    pub fn public_key(&self) -> Vec<u8> {
        self.inner.public().0.to_vec()
    }

    /// `"sr25519"` or `"ed25519"`.
    #[wasm_bindgen(getter, js_name = cryptoType, unchecked_return_type = "CryptoType")]
    pub fn crypto_type(&self) -> String {
        self.inner.crypto_type().name().to_string()
    }

    /// Signs `message` (raw bytes, no `<Bytes>` wrapping); returns the 64-byte signature.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.inner.sign(message).0.to_vec()
    }

    /// Whether `signature` is this key's signature of `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<bool, Error> {
        Ok(self
            .inner
            .verify(message, &Signature::from_slice(signature)?))
    }
}

/// Whether `signature` is a valid `cryptoType` signature of `message` by `publicKey` (32 bytes).
#[wasm_bindgen]
pub fn verify(
    #[wasm_bindgen(unchecked_param_type = "CryptoType")] crypto: String,
    #[wasm_bindgen(js_name = publicKey)] public: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<bool, Error> {
    let crypto = crypto_type(Some(crypto))?;
    let signature = Signature::from_slice(signature)?;
    Ok(keys::verify(
        crypto,
        &public_key(public)?,
        message,
        &signature,
    ))
}

/// Encodes a 32-byte public key as an SS58 address (`prefix` defaults to 42, Bittensor).
#[wasm_bindgen(js_name = ss58Encode)]
pub fn ss58_encode(
    #[wasm_bindgen(js_name = publicKey)] public: &[u8],
    prefix: Option<u16>,
) -> Result<String, Error> {
    let public = public_key(public)?;
    Ok(keys::ss58::try_encode(
        &public.0,
        prefix.unwrap_or(keys::ss58::DEFAULT_PREFIX),
    )?)
}

/// Decodes an SS58 address into `{ prefix, publicKey }`, checking its checksum.
#[wasm_bindgen(js_name = ss58Decode, unchecked_return_type = "Ss58Decoded")]
pub fn ss58_decode(address: &str) -> Result<JsValue, Error> {
    let (prefix, public) = keys::ss58::decode(address)?;
    let out = js_sys::Object::new();
    // Setting properties on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&out, &"prefix".into(), &prefix.into());
    let _ = js_sys::Reflect::set(
        &out,
        &"publicKey".into(),
        &js_sys::Uint8Array::from(&public[..]).into(),
    );
    Ok(out.into())
}
