//! Signer adapters for dApp libraries, backed by our `Keypair`:
//!
//! - `new PolkadotJsSigner(keypair)`: the polkadot.js `Signer` (`api.tx.….signAsync(address,
//!   { signer })`, `new ApiPromise({ signer })`). `signPayload(SignerPayloadJSON)` and
//!   `signRaw({ address, data, type })` resolve to `{ id, signature }`, the signature as
//!   type-prefixed `MultiSignature` hex (`0x01` sr25519 / `0x00` ed25519 ‖ 64 bytes), which is
//!   what polkadot.js adds to the extrinsic. `signRaw` with `type: "bytes"` signs
//!   `<Bytes>data</Bytes>` (never wrapped twice), with `type: "payload"` the extrinsic payload as
//!   the runtime checks it (blake2b-256 hashed above 256 bytes), as polkadot.js falls back to when
//!   a signer has no `signPayload`.
//! - `polkadotApiSigner(keypair)`: the polkadot-api `PolkadotSigner` object (`publicKey`,
//!   `signTx(callData, signedExtensions, metadata, atBlockNumber, hasher?)` → the signed extrinsic,
//!   `signBytes(data)` → the 64-byte signature of `<Bytes>data</Bytes>`), plus `destroy()` to wipe
//!   its copy of the key.
//!
//! Both hold their own copy of the key (wiped by `free()` / `destroy()`, else when collected) and
//! refuse requests for another account with code `WrongSigner`.
use std::cell::Cell;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use taolight_core::keys::{self, CryptoType, PublicKey};
use taolight_core::tx::{self, ExtensionBytes, TxError};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::keys::Keypair;
use crate::tx::{bytes, get, set};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** polkadot.js `SignerPayloadJSON` (numbers as 0x-hex, as polkadot.js writes them). */
export interface SignerPayloadJSON {
  address: string; blockHash: string; blockNumber: string; era: string; genesisHash: string;
  method: string; nonce: string; specVersion: string; tip: string; transactionVersion: string;
  signedExtensions: string[]; version: number; mode?: number; metadataHash?: string;
  assetId?: unknown; withSignedTransaction?: boolean;
}
/** polkadot.js `SignerPayloadRaw`. */
export interface SignerPayloadRaw { address: string; data: string; type: "bytes" | "payload" }
/** polkadot.js `SignerResult`. */
export interface SignerResult { id: number; signature: `0x${string}` }
/** polkadot-api `PolkadotSigner` (from `@polkadot-api/polkadot-signer`), plus `destroy()`. */
export interface PolkadotSigner {
  publicKey: Uint8Array;
  signTx(
    callData: Uint8Array,
    signedExtensions: Record<string, { identifier: string; value: Uint8Array; additionalSigned: Uint8Array }>,
    metadata: Uint8Array,
    atBlockNumber: number,
    hasher?: (data: Uint8Array) => Uint8Array,
  ): Promise<Uint8Array>;
  signBytes(data: Uint8Array): Promise<Uint8Array>;
  /** Wipes this signer's copy of the key; later calls reject with `Destroyed`. */
  destroy(): void;
}
"#;

/// `0x` ‖ hex.
fn to_hex(data: &[u8]) -> String {
    let mut s = String::with_capacity(2 + data.len() * 2);
    s.push_str("0x");
    for b in data {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

fn from_hex(s: &str, what: &str) -> Result<Vec<u8>, Error> {
    let digits = s
        .strip_prefix("0x")
        .ok_or_else(|| Error::invalid_argument(format!("{what} must be 0x-hex")))?;
    if digits.len() % 2 != 0 || !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::invalid_argument(format!("{what} must be 0x-hex")));
    }
    Ok((0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap_or_default())
        .collect())
}

/// The `MultiSignature` encoding: scheme byte ‖ 64 bytes.
fn multi_signature(crypto: CryptoType, signature: &keys::Signature) -> Vec<u8> {
    let mut out = Vec::with_capacity(65);
    out.push(match crypto {
        CryptoType::Ed25519 => 0x00,
        CryptoType::Sr25519 => 0x01,
    });
    out.extend_from_slice(&signature.0);
    out
}

fn settle(result: Result<JsValue, Error>) -> Promise {
    match result {
        Ok(v) => Promise::resolve(&v),
        Err(e) => Promise::reject(&e.into()),
    }
}

fn destroyed() -> Error {
    Error {
        code: "Destroyed",
        message: "this signer's key was wiped".into(),
    }
}

/// The key as an `Option` so that `destroy()` can drop (and so wipe) it early.
struct HeldKey(std::cell::RefCell<Option<keys::Keypair>>);

impl HeldKey {
    fn new(key: &Keypair) -> Self {
        HeldKey(std::cell::RefCell::new(Some(key.inner().clone())))
    }

    fn with<T>(&self, f: impl FnOnce(&keys::Keypair) -> Result<T, Error>) -> Result<T, Error> {
        match self.0.borrow().as_ref() {
            Some(k) => f(k),
            None => Err(destroyed()),
        }
    }

    fn wipe(&self) {
        self.0.borrow_mut().take();
    }
}

fn check_address(key: &keys::Keypair, address: &JsValue) -> Result<(), Error> {
    let address = address
        .as_string()
        .ok_or_else(|| Error::invalid_argument("address must be an SS58 string"))?;
    if PublicKey::from_ss58(&address)? != key.public() {
        return Err(TxError::WrongSigner.into());
    }
    Ok(())
}

/// A polkadot.js `Signer` backed by a `Keypair` (see the module documentation).
#[wasm_bindgen]
pub struct PolkadotJsSigner {
    key: HeldKey,
    next_id: Cell<u32>,
}

impl PolkadotJsSigner {
    fn result(&self, signature: Vec<u8>) -> JsValue {
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        let out = Object::new();
        set(&out, "id", id);
        set(&out, "signature", to_hex(&signature));
        out.into()
    }

    fn sign_payload_now(&self, payload: &JsValue) -> Result<JsValue, Error> {
        let json = js_sys::JSON::stringify(payload)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| Error::invalid_argument("payload must be a SignerPayloadJSON object"))?;
        let payload = tx::signing_payload_from_polkadot_js(&json)?;
        let signature = self.key.with(|k| Ok(payload.sign(k)?))?;
        let (crypto, _, sig) = signature.parts()?;
        Ok(self.result(multi_signature(crypto, &sig)))
    }

    fn sign_raw_now(&self, raw: &JsValue) -> Result<JsValue, Error> {
        let what = "raw";
        let data = get(raw, "data", what)?
            .as_string()
            .ok_or_else(|| Error::invalid_argument("raw.data must be a hex string"))?;
        let data = from_hex(&data, "raw.data")?;
        let kind = get(raw, "type", what)?.as_string();
        let signature = self.key.with(|k| {
            check_address(k, &get(raw, "address", what)?)?;
            let message = match kind.as_deref() {
                Some("bytes") => keys::wrap_bytes(&data),
                Some("payload") => tx::signature_message(&data),
                _ => {
                    return Err(Error::invalid_argument(
                        "raw.type must be \"bytes\" or \"payload\"",
                    ));
                }
            };
            Ok(multi_signature(k.crypto_type(), &k.sign(&message)))
        })?;
        Ok(self.result(signature))
    }
}

#[wasm_bindgen]
impl PolkadotJsSigner {
    /// A signer for `key`'s account (it keeps its own copy of the key).
    #[wasm_bindgen(constructor)]
    pub fn new(key: &Keypair) -> PolkadotJsSigner {
        PolkadotJsSigner {
            key: HeldKey::new(key),
            next_id: Cell::new(1),
        }
    }

    /// Signs a polkadot.js `SignerPayloadJSON` for this account; rejects with `WrongSigner` for
    /// another address and `BadPayload` for an inconsistent payload.
    #[wasm_bindgen(js_name = signPayload, unchecked_return_type = "Promise<SignerResult>")]
    pub fn sign_payload(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignerPayloadJSON")] payload: JsValue,
    ) -> Promise {
        settle(self.sign_payload_now(&payload))
    }

    /// Signs raw data (hex): `type: "bytes"` as `<Bytes>data</Bytes>`, `type: "payload"` as an
    /// extrinsic payload (hashed above 256 bytes).
    #[wasm_bindgen(js_name = signRaw, unchecked_return_type = "Promise<SignerResult>")]
    pub fn sign_raw(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignerPayloadRaw")] raw: JsValue,
    ) -> Promise {
        settle(self.sign_raw_now(&raw))
    }

    /// Wipes this signer's copy of the key now; later requests reject with `Destroyed`.
    pub fn destroy(&self) {
        self.key.wipe();
    }
}

/// The object behind `polkadotApiSigner` (its methods are handed out bound).
#[wasm_bindgen]
pub struct PolkadotApiSigner {
    key: HeldKey,
    public: [u8; 32],
}

impl PolkadotApiSigner {
    fn sign_tx_now(
        &self,
        call_data: &JsValue,
        signed_extensions: &JsValue,
        metadata: &JsValue,
        hasher: &JsValue,
    ) -> Result<JsValue, Error> {
        let call = bytes(call_data, "callData")?;
        let md = tx::TxMetadata::from_bytes(&bytes(metadata, "metadata")?)?;
        if !signed_extensions.is_object() {
            return Err(Error::invalid_argument(
                "signedExtensions must be an object",
            ));
        }
        let given = Object::values(signed_extensions.unchecked_ref())
            .iter()
            .map(|e| {
                let identifier = get(&e, "identifier", "signedExtensions[…]")?
                    .as_string()
                    .ok_or_else(|| {
                        Error::invalid_argument("signedExtensions[…].identifier must be a string")
                    })?;
                let what = format!("signedExtensions.{identifier}");
                Ok(ExtensionBytes {
                    extra: bytes(&get(&e, "value", &what)?, &format!("{what}.value"))?,
                    additional: bytes(
                        &get(&e, "additionalSigned", &what)?,
                        &format!("{what}.additionalSigned"),
                    )?,
                    identifier,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let prepared = tx::PreparedTx::new(&md, &call, &given)?;
        let extrinsic = self.key.with(|k| {
            if hasher.is_undefined() || hasher.is_null() {
                return Ok(prepared.sign(k));
            }
            let hasher: &Function = hasher
                .dyn_ref()
                .ok_or_else(|| Error::invalid_argument("hasher must be a function"))?;
            let mut failed = None;
            let signed = prepared.sign_with_hasher(k, |payload| {
                match hasher
                    .call1(&JsValue::UNDEFINED, &Uint8Array::from(payload))
                    .map_err(|_| Error::invalid_argument("hasher threw"))
                    .and_then(|h| bytes(&h, "hasher result"))
                {
                    Ok(h) => h,
                    Err(e) => {
                        failed = Some(e);
                        Vec::new()
                    }
                }
            });
            match failed {
                Some(e) => Err(e),
                None => Ok(signed),
            }
        })?;
        Ok(Uint8Array::from(&extrinsic.encode()[..]).into())
    }
}

#[wasm_bindgen]
impl PolkadotApiSigner {
    /// The account's 32-byte public key.
    #[wasm_bindgen(getter, js_name = publicKey)]
    pub fn public_key(&self) -> Vec<u8> {
        self.public.to_vec()
    }

    /// polkadot-api `signTx`: the runtime's extensions (in its order, from `metadata`) with the
    /// given bytes; resolves to the signed v4 extrinsic (compact length prefixed).
    #[wasm_bindgen(js_name = signTx, unchecked_return_type = "Promise<Uint8Array>")]
    pub fn sign_tx(
        &self,
        #[wasm_bindgen(js_name = callData)] call_data: JsValue,
        #[wasm_bindgen(js_name = signedExtensions)] signed_extensions: JsValue,
        metadata: JsValue,
        #[wasm_bindgen(js_name = atBlockNumber)] _at_block_number: JsValue,
        hasher: JsValue,
    ) -> Promise {
        settle(self.sign_tx_now(&call_data, &signed_extensions, &metadata, &hasher))
    }

    /// polkadot-api `signBytes`: the 64-byte signature of `<Bytes>data</Bytes>` (not wrapped twice).
    #[wasm_bindgen(js_name = signBytes, unchecked_return_type = "Promise<Uint8Array>")]
    pub fn sign_bytes(&self, data: JsValue) -> Promise {
        settle((|| {
            let data = bytes(&data, "data")?;
            self.key
                .with(|k| Ok(Uint8Array::from(&k.sign(&keys::wrap_bytes(&data)).0[..]).into()))
        })())
    }

    /// Wipes this signer's copy of the key; later requests reject with `Destroyed`.
    pub fn destroy(&self) {
        self.key.wipe();
    }
}

/// The polkadot-api `PolkadotSigner` for `key`'s account: a plain object with `publicKey`,
/// `signTx`, `signBytes` and `destroy` as own properties (so spreading it, as
/// `withMetadataHash` does, keeps them).
#[wasm_bindgen(js_name = polkadotApiSigner, unchecked_return_type = "PolkadotSigner")]
pub fn polkadot_api_signer(key: &Keypair) -> Result<JsValue, Error> {
    let public = key.inner().public().0;
    let signer: JsValue = PolkadotApiSigner {
        key: HeldKey::new(key),
        public,
    }
    .into();
    let out = Object::new();
    set(&out, "publicKey", Uint8Array::from(&public[..]));
    for name in ["signTx", "signBytes", "destroy"] {
        let method: Function = Reflect::get(&signer, &JsValue::from_str(name))
            .ok()
            .and_then(|m| m.dyn_into().ok())
            .ok_or_else(|| Error::invalid_argument(format!("missing method {name}")))?;
        set(&out, name, method.bind0(&signer));
    }
    Ok(out.into())
}
