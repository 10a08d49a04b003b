//! Signed v4 extrinsics: assembly, decoding and signature verification.
//!
//! Layout: `Compact(len) ‖ 0x84 ‖ MultiAddress::Id (0x00 ‖ 32 bytes) ‖ MultiSignature (0x00
//! ed25519 | 0x01 sr25519, 64 bytes) ‖ extra ‖ call`.

use alloc::format;
use alloc::string::ToString;
use alloc::vec::Vec;

use parity_scale_codec::{Compact, Decode, Encode};

use super::era::Era;
use super::extensions::{ExtensionValues, extension_list, known_extension_bytes};
use super::payload::{blake2_256, signature_message};
use super::{Call, ChainContext, TxError, TxMetadata};
use crate::keys::{self, CryptoType, PublicKey, Signature};

/// The version byte of a signed v4 extrinsic.
pub const SIGNED_V4: u8 = 0x84;

/// A signed v4 extrinsic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedExtrinsic {
    /// The signing account.
    pub signer: PublicKey,
    /// The signature scheme.
    pub crypto: CryptoType,
    /// The signature.
    pub signature: Signature,
    /// The extensions' extra bytes, concatenated.
    pub extra: Vec<u8>,
    /// The call.
    pub call: Vec<u8>,
}

impl SignedExtrinsic {
    /// The extrinsic as submitted (`author_submitExtrinsic`, `transactionWatch_v1_submitAndWatch`),
    /// with its compact length prefix.
    pub fn encode(&self) -> Vec<u8> {
        let mut body = Vec::with_capacity(2 + 32 + 65 + self.extra.len() + self.call.len());
        body.push(SIGNED_V4);
        body.push(0x00); // MultiAddress::Id
        body.extend_from_slice(&self.signer.0);
        body.push(match self.crypto {
            CryptoType::Ed25519 => 0x00,
            CryptoType::Sr25519 => 0x01,
        });
        body.extend_from_slice(&self.signature.0);
        body.extend_from_slice(&self.extra);
        body.extend_from_slice(&self.call);
        let mut out = Compact(body.len() as u32).encode();
        out.extend(body);
        out
    }

    /// The transaction hash (blake2b-256 of [`Self::encode`]), as the node reports it.
    pub fn hash(&self) -> [u8; 32] {
        blake2_256(&self.encode())
    }

    /// Decodes a signed v4 extrinsic (with its length prefix), splitting extra from call with the
    /// runtime's extension types; the call must decode with `md`.
    pub fn decode(md: &TxMetadata, bytes: &[u8]) -> Result<SignedExtrinsic, TxError> {
        let bad = |m: &str| TxError::BadExtrinsic(m.to_string());
        let mut input = bytes;
        let len = Compact::<u32>::decode(&mut input)
            .map_err(|_| bad("bad length prefix"))?
            .0 as usize;
        if len != input.len() {
            return Err(TxError::BadExtrinsic(format!(
                "length prefix {len} but {} bytes follow",
                input.len()
            )));
        }
        let (&version, rest) = input.split_first().ok_or_else(|| bad("empty"))?;
        match version {
            SIGNED_V4 => {}
            0x04 => return Err(bad("unsigned (bare) extrinsic")),
            v => {
                return Err(TxError::BadExtrinsic(format!(
                    "unsupported extrinsic version byte {v:#04x}"
                )));
            }
        }
        input = rest;
        let take = |input: &mut &[u8], n: usize| -> Result<Vec<u8>, TxError> {
            if input.len() < n {
                return Err(bad("truncated"));
            }
            let (a, b) = input.split_at(n);
            *input = b;
            Ok(a.to_vec())
        };
        let addr = take(&mut input, 1)?;
        if addr[0] != 0 {
            return Err(bad("only MultiAddress::Id signers are supported"));
        }
        let signer = PublicKey(take(&mut input, 32)?.try_into().expect("32 bytes"));
        let crypto = match take(&mut input, 1)?[0] {
            0 => CryptoType::Ed25519,
            1 => CryptoType::Sr25519,
            2 => return Err(bad("ecdsa signatures are not supported")),
            _ => return Err(bad("unknown signature type")),
        };
        let signature = Signature(take(&mut input, 64)?.try_into().expect("64 bytes"));
        let before = input;
        for (identifier, extra_ty, _) in extension_list(md)? {
            scale_value::scale::decode_as_type(&mut input, extra_ty, md.types())
                .map_err(|e| TxError::BadExtrinsic(format!("extension `{identifier}`: {e}")))?;
        }
        let extra = before[..before.len() - input.len()].to_vec();
        let call = Call::decode(md, input)?.into_bytes();
        Ok(SignedExtrinsic {
            signer,
            crypto,
            signature,
            extra,
            call,
        })
    }

    /// The per-extension extra bytes, split with the runtime's extension types.
    pub fn extra_parts(
        &self,
        md: &TxMetadata,
    ) -> Result<Vec<(alloc::string::String, Vec<u8>)>, TxError> {
        let mut input = &self.extra[..];
        let mut out = Vec::new();
        for (identifier, extra_ty, _) in extension_list(md)? {
            let before = input;
            scale_value::scale::decode_as_type(&mut input, extra_ty, md.types())
                .map_err(|e| TxError::BadExtrinsic(format!("extension `{identifier}`: {e}")))?;
            out.push((identifier, before[..before.len() - input.len()].to_vec()));
        }
        Ok(out)
    }

    /// The nonce, tip, era and metadata-hash mode carried in the extra bytes.
    pub fn extra_values(&self, md: &TxMetadata) -> Result<ExtraValues, TxError> {
        let mut v = ExtraValues {
            nonce: None,
            tip: None,
            era: None,
            metadata_hash_mode: None,
        };
        for (id, bytes) in self.extra_parts(md)? {
            let b = &mut &bytes[..];
            match id.as_str() {
                "CheckNonce" => v.nonce = Compact::<u32>::decode(b).ok().map(|c| c.0),
                "ChargeTransactionPayment" | "ChargeTransactionPaymentWrapper" => {
                    v.tip = Compact::<u64>::decode(b).ok().map(|c| c.0)
                }
                "CheckMortality" | "CheckEra" => v.era = Era::decode(&bytes).ok().map(|(e, _)| e),
                "CheckMetadataHash" => v.metadata_hash_mode = bytes.first().copied(),
                _ => {}
            }
        }
        Ok(v)
    }

    /// The additional-signed bytes the runtime would use for this extrinsic: `era_block_hash` is
    /// the era's birth block hash (genesis if immortal), `metadata_hash` what mode 1 commits to.
    pub fn additional(
        &self,
        md: &TxMetadata,
        ctx: &ChainContext,
        era_block_hash: [u8; 32],
        metadata_hash: Option<[u8; 32]>,
    ) -> Result<Vec<u8>, TxError> {
        let values = ExtensionValues {
            ctx: *ctx,
            nonce: 0,
            tip: 0,
            era: Era::Immortal,
            era_hash: era_block_hash,
            metadata_hash,
        };
        let mut out = Vec::new();
        for (identifier, _, _) in extension_list(md)? {
            if let Some((_, additional)) = known_extension_bytes(&identifier, &values) {
                out.extend(additional);
            }
        }
        Ok(out)
    }

    /// Verifies the signature over `call ‖ extra ‖ additional`.
    pub fn verify(&self, additional: &[u8]) -> Result<(), TxError> {
        let mut ordered = self.call.clone();
        ordered.extend_from_slice(&self.extra);
        ordered.extend_from_slice(additional);
        if keys::verify(
            self.crypto,
            &self.signer,
            &signature_message(&ordered),
            &self.signature,
        ) {
            Ok(())
        } else {
            Err(TxError::BadSignature)
        }
    }
}

/// Values decoded from an extrinsic's extra bytes (`None` where the runtime has no such extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtraValues {
    /// `CheckNonce`.
    pub nonce: Option<u32>,
    /// `ChargeTransactionPayment[Wrapper]`.
    pub tip: Option<u64>,
    /// `CheckMortality`.
    pub era: Option<Era>,
    /// `CheckMetadataHash` mode byte.
    pub metadata_hash_mode: Option<u8>,
}
