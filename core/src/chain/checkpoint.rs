//! taolight's checkpoint format: a trusted finalized block of an Aura + GRANDPA chain, from which
//! the light client starts instead of genesis.
//!
//! smoldot's own checkpoint (`lightSyncState` in a chain spec) can only describe BABE chains, and
//! Finney cannot be warp-synced from genesis (its GRANDPA set id jumps: the node hard-codes an
//! initial set id of 3 on Finney and 2 on testnet). A [`Checkpoint`] carries what smoldot needs to
//! start at a later finalized block: the SCALE-encoded header, the Aura authorities and slot
//! duration, and the GRANDPA set id and authorities *as the voters use them* (so it carries
//! Finney's set-id correction), bound to the chain by its genesis hash.
//!
//! It is converted into smoldot's database format with smoldot's own serializer and handed to
//! smoldot as `database_content`; the patched smoldot-light (patches/smoldot-light-3.0.0) starts
//! from a database's finalized block when the spec has no `lightSyncState`.
//!
//! A checkpoint is **trusted input**: the light client verifies everything after it, nothing
//! before it. Ship it with the application or take it from a node you trust.
//!
//! ```json
//! {
//!   "format": "taolight-checkpoint/1",
//!   "genesisHash": "0x…",
//!   "blockNumber": 4200,
//!   "blockHash": "0x…",
//!   "header": "0x…",
//!   "aura": { "slotDurationMs": 12000, "authorities": ["0x…"] },
//!   "grandpa": { "setId": 3, "authorities": [{ "publicKey": "0x…", "weight": 1 }] }
//! }
//! ```
//! `blockNumber` and `blockHash` are redundant with `header` and checked against it, so a
//! checkpoint edited by hand is caught.

use alloc::{borrow::ToOwned as _, boxed::Box, format, string::String, vec::Vec};
use core::num::NonZero;

use serde::{Deserialize, Serialize};
use smoldot::{
    chain::chain_information::{
        ChainInformation, ChainInformationConsensus, ChainInformationFinality,
        ValidChainInformation,
    },
    header,
};

use super::{
    ChainError,
    spec::{hash_hex, parse_hash},
};

/// Value of the `format` field of the current checkpoint format.
pub const CHECKPOINT_FORMAT: &str = "taolight-checkpoint/1";

/// A trusted Aura + GRANDPA starting point (see the [module documentation](self)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    genesis_hash: [u8; 32],
    header: Vec<u8>,
    block_number: u64,
    block_hash: [u8; 32],
    aura_slot_duration_ms: u64,
    aura_authorities: Vec<[u8; 32]>,
    grandpa_set_id: u64,
    grandpa_authorities: Vec<([u8; 32], u64)>,
}

/// The parts of a checkpoint, as the caller (or a trusted node) provides them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointParts {
    /// Genesis hash of the chain the checkpoint belongs to.
    pub genesis_hash: [u8; 32],
    /// SCALE-encoded header of the finalized block.
    pub header: Vec<u8>,
    /// Aura slot duration in milliseconds (`AuraApi_slot_duration`).
    pub aura_slot_duration_ms: u64,
    /// Aura authorities (sr25519 public keys) at that block (`AuraApi_authorities`).
    pub aura_authorities: Vec<[u8; 32]>,
    /// GRANDPA set id that signs justifications of the blocks after this one (the voters' set
    /// id, e.g. `grandpa_roundState.setId`; on Finney the runtime's `CurrentSetId` plus the
    /// node's correction).
    pub grandpa_set_id: u64,
    /// GRANDPA authorities (ed25519 public key, weight) of that set.
    pub grandpa_authorities: Vec<([u8; 32], u64)>,
}

/// JSON shape of a checkpoint.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CheckpointJson {
    format: String,
    genesis_hash: String,
    block_number: u64,
    block_hash: String,
    header: String,
    aura: AuraJson,
    grandpa: GrandpaJson,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AuraJson {
    slot_duration_ms: u64,
    authorities: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct GrandpaJson {
    set_id: u64,
    authorities: Vec<GrandpaAuthorityJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct GrandpaAuthorityJson {
    public_key: String,
    weight: u64,
}

/// Block number width of Bittensor-shaped chains (`u32`).
const BLOCK_NUMBER_BYTES: usize = 4;

impl Checkpoint {
    /// Builds and validates a checkpoint from its parts.
    ///
    /// Fails with [`ChainError::BadCheckpoint`] if the header does not decode, an authority list
    /// is empty, a weight or the slot duration is zero, or smoldot finds the whole inconsistent.
    pub fn from_parts(parts: CheckpointParts) -> Result<Self, ChainError> {
        let decoded = header::decode(&parts.header, BLOCK_NUMBER_BYTES)
            .map_err(|e| bad(format!("header does not decode: {e}")))?;
        let checkpoint = Checkpoint {
            genesis_hash: parts.genesis_hash,
            block_number: decoded.number,
            block_hash: header::hash_from_scale_encoded_header(&parts.header),
            header: parts.header,
            aura_slot_duration_ms: parts.aura_slot_duration_ms,
            aura_authorities: parts.aura_authorities,
            grandpa_set_id: parts.grandpa_set_id,
            grandpa_authorities: parts.grandpa_authorities,
        };
        checkpoint.to_chain_information()?;
        Ok(checkpoint)
    }

    /// Parses and validates a checkpoint in taolight's JSON format.
    pub fn from_json(json: &str) -> Result<Self, ChainError> {
        let j: CheckpointJson =
            serde_json::from_str(json).map_err(|e| bad(format!("not a checkpoint: {e}")))?;
        if j.format != CHECKPOINT_FORMAT {
            return Err(bad(format!(
                "unknown format {:?} (expected {CHECKPOINT_FORMAT:?})",
                j.format
            )));
        }
        let genesis_hash =
            parse_hash(&j.genesis_hash).ok_or_else(|| bad("`genesisHash` is not a 0x-hex hash"))?;
        let block_hash =
            parse_hash(&j.block_hash).ok_or_else(|| bad("`blockHash` is not a 0x-hex hash"))?;
        let header = parse_hex(&j.header).ok_or_else(|| bad("`header` is not 0x-hex"))?;
        let aura_authorities = j
            .aura
            .authorities
            .iter()
            .map(|a| {
                parse_hash(a)
                    .ok_or_else(|| bad(format!("Aura authority {a:?} is not 32 bytes of 0x-hex")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let grandpa_authorities = j
            .grandpa
            .authorities
            .iter()
            .map(|a| {
                parse_hash(&a.public_key)
                    .map(|k| (k, a.weight))
                    .ok_or_else(|| {
                        bad(format!(
                            "GRANDPA authority {:?} is not 32 bytes of 0x-hex",
                            a.public_key
                        ))
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let checkpoint = Checkpoint::from_parts(CheckpointParts {
            genesis_hash,
            header,
            aura_slot_duration_ms: j.aura.slot_duration_ms,
            aura_authorities,
            grandpa_set_id: j.grandpa.set_id,
            grandpa_authorities,
        })?;
        if checkpoint.block_number != j.block_number {
            return Err(bad(format!(
                "`blockNumber` {} does not match the header's number {}",
                j.block_number, checkpoint.block_number
            )));
        }
        if checkpoint.block_hash != block_hash {
            return Err(bad(format!(
                "`blockHash` {} does not match the header's hash {}",
                j.block_hash,
                hash_hex(&checkpoint.block_hash)
            )));
        }
        Ok(checkpoint)
    }

    /// Serializes the checkpoint in taolight's JSON format (pretty-printed).
    pub fn to_json(&self) -> String {
        let j = CheckpointJson {
            format: CHECKPOINT_FORMAT.to_owned(),
            genesis_hash: hash_hex(&self.genesis_hash),
            block_number: self.block_number,
            block_hash: hash_hex(&self.block_hash),
            header: format!("0x{}", hex::encode(&self.header)),
            aura: AuraJson {
                slot_duration_ms: self.aura_slot_duration_ms,
                authorities: self.aura_authorities.iter().map(hash_hex).collect(),
            },
            grandpa: GrandpaJson {
                set_id: self.grandpa_set_id,
                authorities: self
                    .grandpa_authorities
                    .iter()
                    .map(|(k, w)| GrandpaAuthorityJson {
                        public_key: hash_hex(k),
                        weight: *w,
                    })
                    .collect(),
            },
        };
        // Plain strings and numbers: serialization cannot fail.
        serde_json::to_string_pretty(&j).unwrap_or_default()
    }

    /// Genesis hash of the chain this checkpoint belongs to.
    pub fn genesis_hash(&self) -> [u8; 32] {
        self.genesis_hash
    }

    /// Number of the checkpoint's finalized block.
    pub fn block_number(&self) -> u64 {
        self.block_number
    }

    /// Hash of the checkpoint's finalized block.
    pub fn block_hash(&self) -> [u8; 32] {
        self.block_hash
    }

    /// GRANDPA set id after the checkpoint's block.
    pub fn grandpa_set_id(&self) -> u64 {
        self.grandpa_set_id
    }

    /// Checks that the checkpoint belongs to the chain whose genesis hash is `spec_genesis`.
    pub fn check_chain(&self, spec_genesis: &[u8; 32]) -> Result<(), ChainError> {
        if &self.genesis_hash == spec_genesis {
            Ok(())
        } else {
            Err(ChainError::CheckpointWrongChain {
                checkpoint: hash_hex(&self.genesis_hash),
                spec: hash_hex(spec_genesis),
            })
        }
    }

    /// The checkpoint as smoldot's database content (what `database_content` takes): the chain
    /// information serialized by smoldot's `finalized_serialize`, no known peers, no runtime.
    pub fn to_database_content(&self) -> Result<String, ChainError> {
        let info = self.to_chain_information()?;
        let chain = smoldot::database::finalized_serialize::encode_chain(&info, BLOCK_NUMBER_BYTES);
        let chain: Box<serde_json::value::RawValue> =
            serde_json::value::RawValue::from_string(chain)
                .map_err(|e| bad(format!("smoldot serialized invalid JSON: {e}")))?;
        let db = DatabaseJson {
            genesis_hash: hex::encode(self.genesis_hash),
            chain: Some(chain),
            nodes: serde_json::Map::new(),
        };
        serde_json::to_string(&db).map_err(|e| bad(e.to_string()))
    }

    /// Builds smoldot's chain information, which also checks the checkpoint's consistency.
    fn to_chain_information(&self) -> Result<ValidChainInformation, ChainError> {
        let decoded = header::decode(&self.header, BLOCK_NUMBER_BYTES)
            .map_err(|e| bad(format!("header does not decode: {e}")))?;
        if decoded.number == 0 {
            return Err(bad(
                "a checkpoint at genesis is pointless; start from the chain spec",
            ));
        }
        let slot_duration = NonZero::new(self.aura_slot_duration_ms)
            .ok_or_else(|| bad("Aura slot duration is zero"))?;
        if self.aura_authorities.is_empty() {
            return Err(bad("no Aura authorities"));
        }
        if self.grandpa_authorities.is_empty() {
            return Err(bad("no GRANDPA authorities"));
        }
        let grandpa = self
            .grandpa_authorities
            .iter()
            .map(|(key, weight)| {
                Ok(header::GrandpaAuthority {
                    public_key: *key,
                    weight: NonZero::new(*weight)
                        .ok_or_else(|| bad("GRANDPA authority with weight 0"))?,
                })
            })
            .collect::<Result<Vec<_>, ChainError>>()?;
        let info = ChainInformation {
            finalized_block_header: Box::new(decoded.into()),
            consensus: ChainInformationConsensus::Aura {
                finalized_authorities_list: self
                    .aura_authorities
                    .iter()
                    .map(|k| header::AuraAuthority { public_key: *k })
                    .collect(),
                slot_duration,
            },
            finality: ChainInformationFinality::Grandpa {
                after_finalized_block_authorities_set_id: self.grandpa_set_id,
                finalized_triggered_authorities: grandpa,
                finalized_scheduled_change: None,
            },
        };
        ValidChainInformation::try_from(info).map_err(|e| bad(format!("inconsistent: {e}")))
    }
}

/// Builds a checkpoint at the finalized head of a **trusted** full node, through its legacy
/// JSON-RPC methods. `rpc(method, params)` performs one call and returns its `result`
/// (the transport, HTTP or WebSocket, is the caller's).
///
/// Reads `chain_getBlockHash(0)`, `chain_getFinalizedHead`, `chain_getHeader`, the runtime calls
/// `AuraApi_slot_duration`, `AuraApi_authorities`, `GrandpaApi_grandpa_authorities` and
/// `GrandpaApi_current_set_id` at that block, and the voters' `grandpa_roundState.setId`.
/// The GRANDPA set id used is the voters' (it includes corrections such as Finney's initial set
/// id of 3); when the node does not serve `grandpa_roundState`, the runtime's set id plus
/// `set_id_offset`. The header is re-encoded and must hash to the node's finalized hash.
pub fn checkpoint_from_node(
    mut rpc: impl FnMut(&str, serde_json::Value) -> Result<serde_json::Value, ChainError>,
    set_id_offset: u64,
) -> Result<Checkpoint, ChainError> {
    use serde_json::{Value, json};
    let node =
        |m: &'static str| move |e: String| ChainError::BadCheckpoint(format!("node's {m}: {e}"));
    let as_str = |v: &Value, what: &str| -> Result<String, ChainError> {
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| bad(format!("node's {what} is not a string: {v}")))
    };
    let genesis = as_str(&rpc("chain_getBlockHash", json!([0]))?, "genesis hash")?;
    let genesis_hash =
        parse_hash(&genesis).ok_or_else(|| bad("node's genesis hash is not a hash"))?;
    let hash_text = as_str(&rpc("chain_getFinalizedHead", json!([]))?, "finalized head")?;
    let hash = parse_hash(&hash_text).ok_or_else(|| bad("node's finalized head is not a hash"))?;
    let header_json = rpc("chain_getHeader", json!([hash_text]))?;
    let header = encode_rpc_header(&header_json).map_err(node("header"))?;
    let mut call = |f: &str| -> Result<Vec<u8>, ChainError> {
        let out = as_str(&rpc("state_call", json!([f, "0x", hash_text]))?, f)?;
        parse_hex(&out).ok_or_else(|| bad(format!("{f} output is not hex")))
    };
    let slot = call("AuraApi_slot_duration")?;
    let aura = call("AuraApi_authorities")?;
    let grandpa = call("GrandpaApi_grandpa_authorities")?;
    let runtime_set_id = call("GrandpaApi_current_set_id")?;
    let slot_ms = u64::from_le_bytes(
        slot.try_into()
            .map_err(|_| bad("AuraApi_slot_duration is not a u64"))?,
    );
    let aura_authorities = decode_vec(&aura, 32)
        .ok_or_else(|| bad("AuraApi_authorities does not decode"))?
        .into_iter()
        .map(|k| <[u8; 32]>::try_from(k).unwrap_or([0; 32]))
        .collect();
    let grandpa_authorities = decode_vec(&grandpa, 40)
        .ok_or_else(|| bad("GrandpaApi_grandpa_authorities does not decode"))?
        .into_iter()
        .map(|e| {
            let mut key = [0; 32];
            key.copy_from_slice(&e[..32]);
            let mut w = [0; 8];
            w.copy_from_slice(&e[32..]);
            (key, u64::from_le_bytes(w))
        })
        .collect();
    let runtime_set_id = u64::from_le_bytes(
        runtime_set_id
            .try_into()
            .map_err(|_| bad("GrandpaApi_current_set_id is not a u64"))?,
    );
    let grandpa_set_id = match rpc("grandpa_roundState", json!([])) {
        Ok(v) => v
            .get("setId")
            .and_then(Value::as_u64)
            .ok_or_else(|| bad(format!("grandpa_roundState without setId: {v}")))?,
        Err(_) => runtime_set_id + set_id_offset,
    };
    let checkpoint = Checkpoint::from_parts(CheckpointParts {
        genesis_hash,
        header,
        aura_slot_duration_ms: slot_ms,
        aura_authorities,
        grandpa_set_id,
        grandpa_authorities,
    })?;
    if checkpoint.block_hash != hash {
        return Err(bad(format!(
            "re-encoded header hashes to {}, node said {hash_text}",
            hash_hex(&checkpoint.block_hash)
        )));
    }
    Ok(checkpoint)
}

/// SCALE-encodes a header given as `chain_getHeader` JSON
/// (`parentHash`, `number` as hex, `stateRoot`, `extrinsicsRoot`, `digest.logs` as hex items).
fn encode_rpc_header(v: &serde_json::Value) -> Result<Vec<u8>, String> {
    let field = |k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_str)
            .ok_or(format!("no `{k}`"))
    };
    let hash = |k: &str| -> Result<[u8; 32], String> {
        parse_hash(field(k)?).ok_or(format!("`{k}` is not a hash"))
    };
    let number = u64::from_str_radix(field("number")?.trim_start_matches("0x"), 16)
        .map_err(|e| format!("`number`: {e}"))?;
    let logs = v
        .get("digest")
        .and_then(|d| d.get("logs"))
        .and_then(serde_json::Value::as_array)
        .ok_or("no `digest.logs`")?;
    let mut out = Vec::with_capacity(200);
    out.extend_from_slice(&hash("parentHash")?);
    encode_compact(number, &mut out);
    out.extend_from_slice(&hash("stateRoot")?);
    out.extend_from_slice(&hash("extrinsicsRoot")?);
    encode_compact(logs.len() as u64, &mut out);
    for log in logs {
        let bytes = log
            .as_str()
            .and_then(parse_hex)
            .ok_or("digest item is not hex")?;
        out.extend_from_slice(&bytes);
    }
    Ok(out)
}

/// SCALE compact encoding of an unsigned integer.
fn encode_compact(n: u64, out: &mut Vec<u8>) {
    if n < 1 << 6 {
        out.push((n as u8) << 2);
    } else if n < 1 << 14 {
        out.extend_from_slice(&(((n as u16) << 2) | 1).to_le_bytes());
    } else if n < 1 << 30 {
        out.extend_from_slice(&(((n as u32) << 2) | 2).to_le_bytes());
    } else {
        let bytes = n.to_le_bytes();
        let len = 8 - (n.leading_zeros() / 8) as usize;
        out.push((((len - 4) as u8) << 2) | 3);
        out.extend_from_slice(&bytes[..len]);
    }
}

/// Decodes a SCALE `Vec` of fixed-size elements; `None` unless the input is exactly that.
fn decode_vec(bytes: &[u8], elem: usize) -> Option<Vec<Vec<u8>>> {
    let (len, rest) = decode_compact(bytes)?;
    let len = usize::try_from(len).ok()?;
    if rest.len() != len.checked_mul(elem)? {
        return None;
    }
    Some(rest.chunks(elem).map(<[u8]>::to_vec).collect())
}

/// Decodes a SCALE compact integer, returning it and the remaining bytes.
fn decode_compact(b: &[u8]) -> Option<(u64, &[u8])> {
    let first = *b.first()?;
    match first & 3 {
        0 => Some((u64::from(first >> 2), &b[1..])),
        1 => Some((
            u64::from(u16::from_le_bytes([*b.first()?, *b.get(1)?]) >> 2),
            &b[2..],
        )),
        2 => Some((
            u64::from(u32::from_le_bytes(b.get(..4)?.try_into().ok()?) >> 2),
            &b[4..],
        )),
        _ => {
            let len = usize::from(first >> 2) + 4;
            if len > 8 {
                return None;
            }
            let mut buf = [0u8; 8];
            buf[..len].copy_from_slice(b.get(1..1 + len)?);
            Some((u64::from_le_bytes(buf), &b[1 + len..]))
        }
    }
}

/// smoldot-light 3.0.0's database JSON (`SerdeDatabase` in its `database.rs`; the format is
/// smoldot's and unstable, which is why the smoldot crates are pinned with `=`).
#[derive(Serialize, Deserialize)]
pub(crate) struct DatabaseJson {
    /// Genesis hash, hex without `0x`.
    #[serde(rename = "genesisHash")]
    pub(crate) genesis_hash: String,
    /// Chain information in smoldot's `finalized_serialize` format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) chain: Option<Box<serde_json::value::RawValue>>,
    /// Known peers: peer id → addresses.
    pub(crate) nodes: serde_json::Map<String, serde_json::Value>,
}

/// Shorthand for a [`ChainError::BadCheckpoint`].
fn bad(msg: impl Into<String>) -> ChainError {
    ChainError::BadCheckpoint(msg.into())
}

/// Parses `0x`-prefixed hex of any length.
pub(crate) fn parse_hex(s: &str) -> Option<Vec<u8>> {
    hex::decode(s.strip_prefix("0x")?).ok()
}

#[cfg(test)]
mod tests;
