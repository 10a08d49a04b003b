//! Signing requests in the shapes dApp libraries hand a wallet, turned into what this module
//! signs:
//!
//! - polkadot.js `Signer.signPayload(SignerPayloadJSON)` → [`signing_payload_from_polkadot_js`]
//!   (a [`SigningPayload`] whose extension bytes are re-derived from the listed values, so the
//!   signer needs no metadata);
//! - polkadot-api `PolkadotSigner.signTx(callData, signedExtensions, metadata, …)` →
//!   [`PreparedTx`] (the given extension bytes in the runtime's order).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde_json::{Map, Value};

use super::era::Era;
use super::extensions::{ExtensionBytes, ExtensionValues, extension_list, known_extension_bytes};
use super::payload::{PAYLOAD_FORMAT, blake2_256};
use super::{Call, ChainContext, SignedExtrinsic, SigningPayload, TxError, TxMetadata};
use crate::keys::{Keypair, PublicKey};

/// The `summary` of a payload that came from polkadot.js (the signer has no metadata to decode
/// the call with).
pub const POLKADOT_JS_SUMMARY: &str = "(call not decoded: polkadot.js payload)";

fn bad(message: impl Into<String>) -> TxError {
    TxError::BadPayload(message.into())
}

fn field<'a>(obj: &'a Map<String, Value>, name: &str) -> Result<&'a Value, TxError> {
    match obj.get(name) {
        Some(Value::Null) | None => Err(bad(format!("missing field `{name}`"))),
        Some(v) => Ok(v),
    }
}

fn hex_field(obj: &Map<String, Value>, name: &str) -> Result<Vec<u8>, TxError> {
    let s = field(obj, name)?
        .as_str()
        .ok_or_else(|| bad(format!("`{name}` must be a hex string")))?;
    let digits = s
        .strip_prefix("0x")
        .ok_or_else(|| bad(format!("`{name}` must start with 0x")))?;
    hex::decode(digits).map_err(|e| bad(format!("`{name}`: {e}")))
}

fn hash_field(obj: &Map<String, Value>, name: &str) -> Result<[u8; 32], TxError> {
    let bytes = hex_field(obj, name)?;
    bytes
        .try_into()
        .map_err(|v: Vec<u8>| bad(format!("`{name}`: {} bytes, not 32", v.len())))
}

/// An unsigned integer as polkadot.js writes it: a big-endian `0x` hex string (`"0x00000005"`)
/// or, leniently, a JSON number.
fn uint_field(obj: &Map<String, Value>, name: &str, max: u128) -> Result<u128, TxError> {
    let value = match field(obj, name)? {
        Value::Number(n) => n
            .as_u64()
            .map(u128::from)
            .ok_or_else(|| bad(format!("`{name}` must be a non-negative integer")))?,
        Value::String(s) => {
            let digits = s
                .strip_prefix("0x")
                .ok_or_else(|| bad(format!("`{name}` must be 0x-hex")))?;
            let digits = digits.trim_start_matches('0');
            if digits.len() > 32 {
                return Err(bad(format!("`{name}` is out of range")));
            }
            if digits.is_empty() {
                0
            } else {
                u128::from_str_radix(digits, 16).map_err(|e| bad(format!("`{name}`: {e}")))?
            }
        }
        _ => return Err(bad(format!("`{name}` must be a hex string or a number"))),
    };
    if value > max {
        return Err(bad(format!("`{name}` is out of range")));
    }
    Ok(value)
}

/// Reads a polkadot.js `SignerPayloadJSON` (what `Signer.signPayload` receives) into a
/// [`SigningPayload`].
///
/// Numbers are `0x` hex as polkadot.js writes them; `blockNumber` is the block the era was made
/// at (the era's birth is derived from it); `mode` 1 needs `metadataHash`. The extension bytes are
/// derived from the values for every extension in `signedExtensions` that this module knows;
/// any other identifier is taken to carry no data (true of Bittensor's own extensions) — if it
/// does, the chain rejects the signature. `version` must be 4; `assetId` is refused.
pub fn signing_payload_from_polkadot_js(json: &str) -> Result<SigningPayload, TxError> {
    let value: Value = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
    let obj = value
        .as_object()
        .ok_or_else(|| bad("a SignerPayloadJSON must be an object"))?;
    let version = uint_field(obj, "version", u8::MAX.into())?;
    if version != 4 {
        return Err(bad(format!(
            "extrinsic version {version} (only 4 is supported)"
        )));
    }
    if obj.get("assetId").is_some_and(|v| !v.is_null()) {
        return Err(bad("`assetId` (fees in another asset) is not supported"));
    }
    let signer = field(obj, "address")?
        .as_str()
        .ok_or_else(|| bad("`address` must be an SS58 string"))?
        .to_string();
    PublicKey::from_ss58(&signer).map_err(|e| bad(format!("address: {e}")))?;
    let call = hex_field(obj, "method")?;
    let genesis_hash = hash_field(obj, "genesisHash")?;
    let block_hash = hash_field(obj, "blockHash")?;
    let block_number = uint_field(obj, "blockNumber", u64::MAX.into())? as u64;
    let era_bytes = hex_field(obj, "era")?;
    let (era, used) = Era::decode(&era_bytes)?;
    if used != era_bytes.len() {
        return Err(bad("`era` has trailing bytes"));
    }
    let nonce = uint_field(obj, "nonce", u32::MAX.into())? as u32;
    let tip = uint_field(obj, "tip", u64::MAX.into())? as u64;
    let spec_version = uint_field(obj, "specVersion", u32::MAX.into())? as u32;
    let transaction_version = uint_field(obj, "transactionVersion", u32::MAX.into())? as u32;
    let mode = match obj.get("mode") {
        None | Some(Value::Null) => 0,
        Some(_) => uint_field(obj, "mode", u8::MAX.into())?,
    };
    let metadata_hash = match mode {
        0 => None,
        1 => Some(hash_field(obj, "metadataHash")?),
        other => return Err(bad(format!("CheckMetadataHash mode {other}"))),
    };
    let identifiers = field(obj, "signedExtensions")?
        .as_array()
        .ok_or_else(|| bad("`signedExtensions` must be an array of names"))?;
    let values = ExtensionValues {
        ctx: ChainContext {
            genesis_hash,
            spec_version,
            transaction_version,
        },
        nonce,
        tip,
        era,
        era_hash: block_hash,
        metadata_hash,
    };
    let extensions = identifiers
        .iter()
        .map(|id| {
            let identifier = id
                .as_str()
                .ok_or_else(|| bad("`signedExtensions` must be an array of names"))?
                .to_string();
            let (extra, additional) =
                known_extension_bytes(&identifier, &values).unwrap_or_default();
            Ok(ExtensionBytes {
                identifier,
                extra,
                additional,
            })
        })
        .collect::<Result<Vec<_>, TxError>>()?;
    let payload = SigningPayload {
        format: PAYLOAD_FORMAT.into(),
        signer,
        call,
        summary: POLKADOT_JS_SUMMARY.into(),
        genesis_hash,
        spec_version,
        transaction_version,
        nonce,
        tip,
        era: era_bytes,
        era_block_hash: block_hash,
        era_block_number: match era {
            Era::Immortal => None,
            Era::Mortal { .. } => Some(era.birth(block_number)),
        },
        metadata_hash,
        extensions,
    };
    payload.check()?;
    Ok(payload)
}

/// A call and extension bytes made by someone else (polkadot-api's `signTx`), in the runtime's
/// extension order, ready to sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedTx {
    /// The encoded call.
    pub call: Vec<u8>,
    /// Every extension of the runtime, in its order, with the bytes given for it.
    pub extensions: Vec<ExtensionBytes>,
}

impl PreparedTx {
    /// Orders `given` (one entry per identifier, any order) as the runtime lists its v4
    /// extensions; the call must decode with `md`. An extension of the runtime missing from
    /// `given` is refused; entries the runtime does not list are ignored (as polkadot-api does).
    pub fn new(
        md: &TxMetadata,
        call: &[u8],
        given: &[ExtensionBytes],
    ) -> Result<PreparedTx, TxError> {
        Call::decode(md, call)?;
        let extensions = extension_list(md)?
            .into_iter()
            .map(|(identifier, _, _)| {
                given
                    .iter()
                    .find(|e| e.identifier == identifier)
                    .cloned()
                    .ok_or_else(|| bad(format!("missing extension `{identifier}`")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PreparedTx {
            call: call.to_vec(),
            extensions,
        })
    }

    /// `call ‖ extra ‖ additional`.
    pub fn payload_bytes(&self) -> Vec<u8> {
        let mut out = self.call.clone();
        out.extend(self.extensions.iter().flat_map(|e| e.extra.iter().copied()));
        out.extend(
            self.extensions
                .iter()
                .flat_map(|e| e.additional.iter().copied()),
        );
        out
    }

    /// Signs with `key`: the payload as is up to 256 bytes, else `hasher(payload)`.
    pub fn sign_with_hasher(
        &self,
        key: &Keypair,
        hasher: impl FnOnce(&[u8]) -> Vec<u8>,
    ) -> SignedExtrinsic {
        let payload = self.payload_bytes();
        let message = if payload.len() > super::MAX_UNHASHED_PAYLOAD {
            hasher(&payload)
        } else {
            payload
        };
        SignedExtrinsic {
            signer: key.public(),
            crypto: key.crypto_type(),
            signature: key.sign(&message),
            extra: self
                .extensions
                .iter()
                .flat_map(|e| e.extra.iter().copied())
                .collect(),
            call: self.call.clone(),
        }
    }

    /// Signs with `key`, hashing long payloads with blake2b-256 (what the runtime verifies).
    pub fn sign(&self, key: &Keypair) -> SignedExtrinsic {
        self.sign_with_hasher(key, |p| blake2_256(p).to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{self, CryptoType};
    use parity_scale_codec::{Compact, Encode};

    const EXTENSIONS: [&str; 12] = [
        "CheckNonZeroSender",
        "CheckSpecVersion",
        "CheckTxVersion",
        "CheckGenesis",
        "CheckMortality",
        "CheckNonce",
        "CheckWeight",
        "ChargeTransactionPaymentWrapper",
        "SudoTransactionExtension",
        "SubtensorTransactionExtension",
        "DrandPriority",
        "CheckMetadataHash",
    ];

    fn pjs_json(alice: &Keypair, mode: Option<u8>) -> String {
        let mut v = serde_json::json!({
            "address": alice.address(),
            "blockHash": format!("0x{}", "11".repeat(32)),
            "blockNumber": "0x00000064",
            // Era::mortal(64, 100): period 64, phase 36.
            "era": format!("0x{}", hex::encode(Era::mortal(64, 100).unwrap().encode())),
            "genesisHash": format!("0x{}", "62".repeat(32)),
            "method": "0x0503dead",
            "nonce": "0x00000007",
            "specVersion": "0x0000012c",
            "tip": "0x00000000000000000000000000000009",
            "transactionVersion": "0x00000001",
            "signedExtensions": EXTENSIONS,
            "version": 4,
        });
        if let Some(m) = mode {
            v["mode"] = m.into();
            v["metadataHash"] = format!("0x{}", "33".repeat(32)).into();
        }
        v.to_string()
    }

    #[test]
    fn polkadot_js_payload_gives_the_payload_bytes_written_by_hand() {
        let alice = Keypair::from_uri("//Alice", CryptoType::Sr25519).unwrap();
        let p = signing_payload_from_polkadot_js(&pjs_json(&alice, Some(1))).unwrap();
        // call ‖ era ‖ Compact(nonce) ‖ Compact(tip) ‖ mode ‖ spec ‖ tx ‖ genesis ‖ block ‖ Some(hash)
        let mut want = vec![0x05, 0x03, 0xde, 0xad];
        want.extend(Era::mortal(64, 100).unwrap().encode());
        want.extend(Compact(7u32).encode());
        want.extend(Compact(9u64).encode());
        want.push(1);
        want.extend(300u32.to_le_bytes());
        want.extend(1u32.to_le_bytes());
        want.extend([0x62; 32]);
        want.extend([0x11; 32]);
        want.push(1);
        want.extend([0x33; 32]);
        assert_eq!(p.payload_bytes(), want);
        assert_eq!(p.era_block_number, Some(100), "the era was made at #100");
        let sig = p.sign(&alice).unwrap();
        assert!(keys::verify(
            CryptoType::Sr25519,
            &alice.public(),
            &want,
            &keys::Signature::from_slice(&sig.signature).unwrap()
        ));
        // Mode 0 (or no mode): one `0` byte of extra and `None` signed.
        let p0 = signing_payload_from_polkadot_js(&pjs_json(&alice, None)).unwrap();
        assert_eq!(p0.metadata_hash, None);
        assert_eq!(p0.payload_bytes().len(), want.len() - 32);
    }

    #[test]
    fn polkadot_js_payload_refusals_are_typed() {
        let alice = Keypair::from_uri("//Alice", CryptoType::Sr25519).unwrap();
        let good: Value = serde_json::from_str(&pjs_json(&alice, Some(1))).unwrap();
        let cases: [(&str, Value); 9] = [
            ("version", 5.into()),
            ("nonce", "0x0100000000".into()),
            ("tip", "0x10000000000000000".into()),
            ("era", "0x0500ff".into()),
            ("genesisHash", "0x1234".into()),
            ("method", "dead".into()),
            ("address", "5Grwva".into()),
            ("assetId", 1.into()),
            ("mode", 2.into()),
        ];
        for (name, value) in cases {
            let mut v = good.clone();
            v[name] = value;
            let err = signing_payload_from_polkadot_js(&v.to_string()).unwrap_err();
            assert!(
                matches!(err, TxError::BadPayload(_) | TxError::BadEraPeriod(_)),
                "{name}: {err:?}"
            );
        }
        let mut v = good.clone();
        v.as_object_mut().unwrap().remove("metadataHash");
        assert!(signing_payload_from_polkadot_js(&v.to_string()).is_err());
        assert!(signing_payload_from_polkadot_js("[1]").is_err());
        assert!(signing_payload_from_polkadot_js("{").is_err());
        // Immortal era with a block hash other than genesis is inconsistent.
        let mut v = good.clone();
        v["era"] = "0x00".into();
        assert!(signing_payload_from_polkadot_js(&v.to_string()).is_err());
        v["blockHash"] = v["genesisHash"].clone();
        let p = signing_payload_from_polkadot_js(&v.to_string()).unwrap();
        assert_eq!(p.era_block_number, None);
    }
}
