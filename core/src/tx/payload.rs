//! The signing payload: everything a signature commits to, in a serializable form that can be
//! produced on a connected device and signed on another one that has only the mnemonic.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use blake2::{Blake2b256, Digest};
use serde::{Deserialize, Serialize};

use super::era::Era;
use super::extensions::{self, ExtensionBytes, ExtensionValues, known_extension_bytes};
use super::{Call, ChainContext, SignedExtrinsic, TxError, TxMetadata, TxParams};
use crate::keys::{self, CryptoType, Keypair, PublicKey, Signature};

/// The `format` field of a serialized [`SigningPayload`].
pub const PAYLOAD_FORMAT: &str = "taolight-signing-payload/1";

/// Payloads longer than this are blake2b-256 hashed before signing (as the runtime verifies).
pub const MAX_UNHASHED_PAYLOAD: usize = 256;

/// serde helpers: `Vec<u8>` and `[u8; 32]` as `0x`-hex strings.
pub(crate) mod hex_bytes {
    use alloc::string::String;
    use alloc::vec::Vec;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub(crate) fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&alloc::format!("0x{}", hex::encode(v)))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        hex::decode(s.strip_prefix("0x").unwrap_or(&s)).map_err(D::Error::custom)
    }

    pub(crate) mod array32 {
        use super::*;
        pub(crate) fn serialize<S: Serializer>(v: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
            super::serialize(v, s)
        }
        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
            let v = super::deserialize(d)?;
            v.try_into()
                .map_err(|_| D::Error::custom("expected 32 bytes"))
        }
    }

    pub(crate) mod option32 {
        use super::*;
        pub(crate) fn serialize<S: Serializer>(
            v: &Option<[u8; 32]>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match v {
                Some(h) => super::serialize(h, s),
                None => s.serialize_none(),
            }
        }
        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<[u8; 32]>, D::Error> {
            let v: Option<String> = Option::deserialize(d)?;
            v.map(|s| {
                let b =
                    hex::decode(s.strip_prefix("0x").unwrap_or(&s)).map_err(D::Error::custom)?;
                b.try_into()
                    .map_err(|_| D::Error::custom("expected 32 bytes"))
            })
            .transpose()
        }
    }
}

/// What a signature commits to: the call, every extension's extra and additional bytes, and
/// the values they were made from, plus a human-readable summary of the call.
///
/// The signing side needs no metadata: [`SigningPayload::sign`] re-derives the bytes of every
/// extension it knows from the listed values (nonce, tip, era, genesis, versions, metadata hash)
/// and refuses a payload whose bytes disagree, or that has data in an extension it does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigningPayload {
    /// Always [`PAYLOAD_FORMAT`].
    pub format: String,
    /// The account that must sign (SS58).
    pub signer: String,
    /// The encoded call.
    #[serde(with = "hex_bytes")]
    pub call: Vec<u8>,
    /// The call decoded from the metadata, for display.
    pub summary: String,
    /// Genesis hash.
    #[serde(with = "hex_bytes::array32")]
    pub genesis_hash: [u8; 32],
    /// Runtime spec version.
    pub spec_version: u32,
    /// Runtime transaction version.
    pub transaction_version: u32,
    /// Account nonce.
    pub nonce: u32,
    /// Tip in rao.
    pub tip: u64,
    /// Encoded era (`0x00` immortal, two bytes mortal).
    #[serde(with = "hex_bytes")]
    pub era: Vec<u8>,
    /// The block hash the era commits to (birth block, or genesis if immortal).
    #[serde(with = "hex_bytes::array32")]
    pub era_block_hash: [u8; 32],
    /// The birth block's number (`None` if immortal), to check expiry.
    pub era_block_number: Option<u64>,
    /// `CheckMetadataHash` mode 1 with this hash, or mode 0 (`None`).
    #[serde(with = "hex_bytes::option32")]
    pub metadata_hash: Option<[u8; 32]>,
    /// Every extension of the runtime, in order.
    pub extensions: Vec<ExtensionBytes>,
}

/// A signature over a [`SigningPayload`], as the signing device returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayloadSignature {
    /// `"sr25519"` or `"ed25519"`.
    pub crypto: String,
    /// The signer's public key.
    #[serde(with = "hex_bytes::array32")]
    pub public: [u8; 32],
    /// The 64-byte signature.
    #[serde(with = "hex_bytes")]
    pub signature: Vec<u8>,
}

impl PayloadSignature {
    /// The scheme, public key and signature, checked.
    pub fn parts(&self) -> Result<(CryptoType, PublicKey, Signature), TxError> {
        let crypto = match self.crypto.as_str() {
            "sr25519" => CryptoType::Sr25519,
            "ed25519" => CryptoType::Ed25519,
            other => {
                return Err(TxError::BadPayload(format!(
                    "unknown signature scheme `{other}`"
                )));
            }
        };
        let sig = Signature::from_slice(&self.signature)
            .map_err(|e| TxError::BadPayload(e.to_string()))?;
        Ok((crypto, PublicKey(self.public), sig))
    }
}

/// blake2b-256.
pub(crate) fn blake2_256(data: &[u8]) -> [u8; 32] {
    Blake2b256::digest(data).into()
}

/// The bytes a signature is made over: the payload, or its blake2b-256 if longer than 256 bytes.
pub fn signature_message(payload: &[u8]) -> Vec<u8> {
    if payload.len() > MAX_UNHASHED_PAYLOAD {
        blake2_256(payload).to_vec()
    } else {
        payload.to_vec()
    }
}

impl SigningPayload {
    /// Builds the payload of `call` signed by `signer` with the runtime's extension list.
    pub fn new(
        md: &TxMetadata,
        call: &Call,
        signer: &PublicKey,
        ctx: &ChainContext,
        params: &TxParams,
    ) -> Result<SigningPayload, TxError> {
        let summary = call.summary(md)?;
        let exts = extensions::encode_extensions(md, ctx, params)?;
        let (era, era_block_hash) = params.mortality.era_and_hash(ctx.genesis_hash)?;
        let era_block_number = match params.mortality {
            extensions::Mortality::Immortal => None,
            extensions::Mortality::Mortal { number, .. } => Some(number),
        };
        let metadata_hash = match params.metadata_hash {
            extensions::MetadataHashMode::Disabled => None,
            extensions::MetadataHashMode::Enabled(h) => Some(h),
        };
        let prefix = md.ss58_prefix().unwrap_or(keys::ss58::DEFAULT_PREFIX);
        Ok(SigningPayload {
            format: PAYLOAD_FORMAT.into(),
            signer: signer.to_ss58(prefix),
            call: call.bytes().to_vec(),
            summary,
            genesis_hash: ctx.genesis_hash,
            spec_version: ctx.spec_version,
            transaction_version: ctx.transaction_version,
            nonce: params.nonce,
            tip: params.tip,
            era: era.encode(),
            era_block_hash,
            era_block_number,
            metadata_hash,
            extensions: exts,
        })
    }

    /// Parses a payload received as JSON and checks its consistency ([`Self::check`]).
    pub fn from_json(json: &str) -> Result<SigningPayload, TxError> {
        let p: SigningPayload =
            serde_json::from_str(json).map_err(|e| TxError::BadPayload(e.to_string()))?;
        p.check()?;
        Ok(p)
    }

    /// JSON for transport (QR, file, message).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a signing payload always serializes")
    }

    /// The signer's public key.
    pub fn signer_public(&self) -> Result<PublicKey, TxError> {
        PublicKey::from_ss58(&self.signer).map_err(|e| TxError::BadPayload(format!("signer: {e}")))
    }

    /// The era.
    pub fn era(&self) -> Result<Era, TxError> {
        let (era, used) = Era::decode(&self.era)?;
        if used != self.era.len() {
            return Err(TxError::BadPayload("era has trailing bytes".into()));
        }
        Ok(era)
    }

    /// Checks that every extension's bytes are what the listed values give (known extensions)
    /// or empty (unknown ones), so what is signed is what is shown.
    pub fn check(&self) -> Result<(), TxError> {
        if self.format != PAYLOAD_FORMAT {
            return Err(TxError::BadPayload(format!(
                "unknown format `{}`",
                self.format
            )));
        }
        self.signer_public()?;
        let values = ExtensionValues {
            ctx: ChainContext {
                genesis_hash: self.genesis_hash,
                spec_version: self.spec_version,
                transaction_version: self.transaction_version,
            },
            nonce: self.nonce,
            tip: self.tip,
            era: self.era()?,
            era_hash: self.era_block_hash,
            metadata_hash: self.metadata_hash,
        };
        if matches!(values.era, Era::Immortal) != self.era_block_number.is_none()
            || (values.era == Era::Immortal && self.era_block_hash != self.genesis_hash)
        {
            return Err(TxError::BadPayload(
                "era, era block and genesis disagree".into(),
            ));
        }
        if self.metadata_hash.is_some()
            && !self
                .extensions
                .iter()
                .any(|e| e.identifier == "CheckMetadataHash")
        {
            return Err(TxError::NoMetadataHashExtension);
        }
        for ext in &self.extensions {
            let (extra, additional) =
                known_extension_bytes(&ext.identifier, &values).unwrap_or_default();
            if ext.extra != extra || ext.additional != additional {
                return Err(TxError::BadPayload(format!(
                    "extension `{}` carries bytes that do not match the payload's values",
                    ext.identifier
                )));
            }
        }
        Ok(())
    }

    /// Refuses the payload if its era does not cover block `current`.
    pub fn check_era_at(&self, current: u64) -> Result<(), TxError> {
        let era = self.era()?;
        let (birth, death) = match (era, self.era_block_number) {
            (Era::Immortal, _) | (_, None) => return Ok(()),
            (Era::Mortal { period, .. }, Some(b)) => (b, b.saturating_add(period)),
        };
        if current < birth || current >= death {
            return Err(TxError::EraExpired {
                birth,
                death,
                current,
            });
        }
        Ok(())
    }

    /// All extensions' extra bytes, concatenated in order.
    pub fn extra(&self) -> Vec<u8> {
        self.extensions
            .iter()
            .flat_map(|e| e.extra.iter().copied())
            .collect()
    }

    /// All extensions' additional-signed bytes, concatenated in order.
    pub fn additional(&self) -> Vec<u8> {
        self.extensions
            .iter()
            .flat_map(|e| e.additional.iter().copied())
            .collect()
    }

    /// `call ‖ extra ‖ additional`, the payload as the runtime rebuilds it.
    pub fn payload_bytes(&self) -> Vec<u8> {
        let mut out = self.call.clone();
        out.extend(self.extra());
        out.extend(self.additional());
        out
    }

    /// What is actually signed: [`Self::payload_bytes`], blake2b-256 hashed if over 256 bytes.
    pub fn message(&self) -> Vec<u8> {
        signature_message(&self.payload_bytes())
    }

    /// Signs on the signing device (no metadata needed): checks the payload, checks that `key`
    /// is the payload's signer, signs [`Self::message`].
    pub fn sign(&self, key: &Keypair) -> Result<PayloadSignature, TxError> {
        self.check()?;
        if key.public() != self.signer_public()? {
            return Err(TxError::WrongSigner);
        }
        let sig = key.sign(&self.message());
        Ok(PayloadSignature {
            crypto: key.crypto_type().name().into(),
            public: key.public().0,
            signature: sig.0.to_vec(),
        })
    }

    /// Assembles the signed extrinsic after verifying the signature (back on the first device).
    pub fn assemble(&self, signature: &PayloadSignature) -> Result<SignedExtrinsic, TxError> {
        self.check()?;
        let (crypto, public, sig) = signature.parts()?;
        if public != self.signer_public()? {
            return Err(TxError::WrongSigner);
        }
        if !keys::verify(crypto, &public, &self.message(), &sig) {
            return Err(TxError::BadSignature);
        }
        Ok(SignedExtrinsic {
            signer: public,
            crypto,
            signature: sig,
            extra: self.extra(),
            call: self.call.clone(),
        })
    }
}
