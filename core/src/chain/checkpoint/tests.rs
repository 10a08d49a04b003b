//! Checkpoint format tests: round trips, tampering, and what smoldot reads back.

use super::*;
use crate::chain::{SavedDatabase, database::start_database};

const GENESIS: [u8; 32] = [0x8f; 32];

/// Aura pre-runtime digest item (engine `aura`, slot as SCALE `u64`), SCALE-encoded.
fn aura_pre_digest(slot: u64) -> Vec<u8> {
    let mut d = alloc::vec![6, b'a', b'u', b'r', b'a', 8 << 2];
    d.extend_from_slice(&slot.to_le_bytes());
    d
}

/// Aura seal digest item (engine `aura`, 64-byte signature), SCALE-encoded.
fn aura_seal() -> Vec<u8> {
    let mut d = alloc::vec![5, b'a', b'u', b'r', b'a', 0x01, 0x01];
    d.extend_from_slice(&[0x5e; 64]);
    d
}

/// A SCALE-encoded Aura header at `number`, as Bittensor produces them (pre-runtime slot and
/// seal in the digest; smoldot requires both for an Aura block after genesis).
fn header(number: u64) -> Vec<u8> {
    let mut h = alloc::vec![7; 32];
    encode_compact(number, &mut h);
    h.extend_from_slice(&[1; 32]);
    h.extend_from_slice(&[2; 32]);
    h.push(2 << 2);
    h.extend_from_slice(&aura_pre_digest(number + 1_000));
    h.extend_from_slice(&aura_seal());
    // smoldot reads it back as such.
    let decoded = header::decode(&h, 4).unwrap();
    assert_eq!(decoded.number, number);
    assert!(decoded.digest.aura_pre_runtime().is_some() && decoded.digest.aura_seal().is_some());
    h
}

fn parts(number: u64) -> CheckpointParts {
    CheckpointParts {
        genesis_hash: GENESIS,
        header: header(number),
        aura_slot_duration_ms: 12_000,
        aura_authorities: alloc::vec![[0xd4; 32], [0x8e; 32]],
        grandpa_set_id: 3,
        grandpa_authorities: alloc::vec![([0x88; 32], 1), ([0xd1; 32], 2)],
    }
}

#[test]
fn json_round_trip_keeps_every_field() {
    let cp = Checkpoint::from_parts(parts(4200)).unwrap();
    assert_eq!(cp.block_number(), 4200);
    assert_eq!(
        cp.block_hash(),
        header::hash_from_scale_encoded_header(header(4200))
    );
    let json = cp.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], CHECKPOINT_FORMAT);
    assert_eq!(v["blockNumber"], 4200);
    assert_eq!(v["grandpa"]["setId"], 3);
    assert_eq!(v["aura"]["slotDurationMs"], 12_000);
    assert_eq!(v["grandpa"]["authorities"][1]["weight"], 2);
    assert_eq!(Checkpoint::from_json(&json).unwrap(), cp);
}

#[test]
fn smoldot_reads_the_checkpoint_database_as_our_aura_grandpa_chain() {
    let cp = Checkpoint::from_parts(parts(4200)).unwrap();
    let db_text = cp.to_database_content().unwrap();
    let db: serde_json::Value = serde_json::from_str(&db_text).unwrap();
    assert_eq!(db["genesisHash"], hex::encode(GENESIS));
    // Decode with smoldot's own deserializer, as smoldot-light does on start.
    let decoded = smoldot::database::finalized_serialize::decode_chain(&db["chain"].to_string(), 4)
        .unwrap()
        .chain_information;
    let decoded: ChainInformation = decoded.into();
    assert_eq!(decoded.finalized_block_header.number, 4200);
    match decoded.consensus {
        ChainInformationConsensus::Aura {
            finalized_authorities_list,
            slot_duration,
        } => {
            assert_eq!(slot_duration.get(), 12_000);
            let keys: Vec<_> = finalized_authorities_list
                .iter()
                .map(|a| a.public_key)
                .collect();
            assert_eq!(keys, [[0xd4; 32], [0x8e; 32]]);
        }
        other => panic!("expected Aura, got {other:?}"),
    }
    match decoded.finality {
        ChainInformationFinality::Grandpa {
            after_finalized_block_authorities_set_id,
            finalized_triggered_authorities,
            finalized_scheduled_change,
        } => {
            assert_eq!(after_finalized_block_authorities_set_id, 3);
            assert_eq!(finalized_triggered_authorities.len(), 2);
            assert_eq!(finalized_triggered_authorities[1].weight.get(), 2);
            assert!(finalized_scheduled_change.is_none());
        }
        other => panic!("expected GRANDPA, got {other:?}"),
    }
    let saved = SavedDatabase::parse(&db_text).unwrap();
    assert_eq!(saved.finalized_number(), Some(4200));
    assert_eq!(saved.genesis_hash(), GENESIS);
}

/// Edits one field of a valid checkpoint's JSON.
fn tampered(f: impl FnOnce(&mut serde_json::Value)) -> Result<Checkpoint, ChainError> {
    let mut v: serde_json::Value =
        serde_json::from_str(&Checkpoint::from_parts(parts(4200)).unwrap().to_json()).unwrap();
    f(&mut v);
    Checkpoint::from_json(&v.to_string())
}

/// An edit of a checkpoint's JSON.
type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;

#[test]
fn tampered_checkpoints_are_rejected() {
    let cases: Vec<(&str, Edit)> = alloc::vec![
        ("number", Box::new(|v| v["blockNumber"] = 4201.into())),
        (
            "hash",
            Box::new(|v| v["blockHash"] = hash_hex(&[9; 32]).into())
        ),
        (
            "header byte",
            Box::new(|v| {
                let h = v["header"].as_str().unwrap().replacen("0707", "0708", 1);
                v["header"] = h.into();
            })
        ),
        (
            "format",
            Box::new(|v| v["format"] = "taolight-checkpoint/9".into())
        ),
        ("unknown field", Box::new(|v| v["extra"] = 1.into())),
        (
            "zero weight",
            Box::new(|v| v["grandpa"]["authorities"][0]["weight"] = 0.into())
        ),
        (
            "no grandpa",
            Box::new(|v| v["grandpa"]["authorities"] = serde_json::json!([]))
        ),
        (
            "no aura",
            Box::new(|v| v["aura"]["authorities"] = serde_json::json!([]))
        ),
        (
            "zero slot",
            Box::new(|v| v["aura"]["slotDurationMs"] = 0.into())
        ),
        (
            "short key",
            Box::new(|v| v["aura"]["authorities"][0] = "0x1234".into())
        ),
        (
            "genesis not hex",
            Box::new(|v| v["genesisHash"] = "8f8f".into())
        ),
        ("header garbage", Box::new(|v| v["header"] = "0x00".into())),
    ];
    for (name, f) in cases {
        match tampered(f) {
            Err(ChainError::BadCheckpoint(msg)) => assert!(!msg.is_empty(), "{name}"),
            other => panic!("{name}: expected BadCheckpoint, got {other:?}"),
        }
    }
    assert!(matches!(
        Checkpoint::from_json("{"),
        Err(ChainError::BadCheckpoint(_))
    ));
}

#[test]
fn checkpoint_at_genesis_is_rejected() {
    assert!(matches!(
        Checkpoint::from_parts(parts(0)),
        Err(ChainError::BadCheckpoint(_))
    ));
}

#[test]
fn checkpoint_of_another_chain_is_rejected() {
    let cp = Checkpoint::from_parts(parts(10)).unwrap();
    assert!(cp.check_chain(&GENESIS).is_ok());
    assert!(matches!(
        cp.check_chain(&[1; 32]),
        Err(ChainError::CheckpointWrongChain { .. })
    ));
    assert!(matches!(
        start_database(&[1; 32], Some(&cp), None),
        Err(ChainError::CheckpointWrongChain { .. })
    ));
}

/// A saved database at `number` that knows one peer.
fn saved_at(number: u64) -> SavedDatabase {
    let mut v: serde_json::Value = serde_json::from_str(
        &Checkpoint::from_parts(parts(number))
            .unwrap()
            .to_database_content()
            .unwrap(),
    )
    .unwrap();
    v["nodes"] = serde_json::json!({ "12D3KooWPeer": ["/ip4/10.0.0.1/tcp/30333"] });
    SavedDatabase::parse(&v.to_string()).unwrap()
}

#[test]
fn the_newer_of_checkpoint_and_saved_database_is_used() {
    let number_of = |text: &str| SavedDatabase::parse(text).unwrap().finalized_number();
    let cp = Checkpoint::from_parts(parts(100)).unwrap();
    // Nothing: empty database content (start from the spec's genesis).
    assert_eq!(start_database(&GENESIS, None, None).unwrap(), "");
    // Only a checkpoint.
    assert_eq!(
        number_of(&start_database(&GENESIS, Some(&cp), None).unwrap()),
        Some(100)
    );
    // A newer saved database wins, as is.
    let newer = saved_at(150);
    assert_eq!(
        start_database(&GENESIS, Some(&cp), Some(&newer)).unwrap(),
        newer.as_str()
    );
    // An older one loses its chain information but keeps its peers.
    let older = saved_at(50);
    let text = start_database(&GENESIS, Some(&cp), Some(&older)).unwrap();
    assert_eq!(number_of(&text), Some(100));
    assert!(text.contains("12D3KooWPeer"));
    // A database of another chain is refused.
    assert!(matches!(
        start_database(&[1; 32], None, Some(&older)),
        Err(ChainError::BadDatabase(_))
    ));
}

#[test]
fn corrupt_saved_databases_are_typed_errors() {
    for bad in [
        "",
        "{}",
        r#"{"genesisHash": "zz", "nodes": {}}"#,
        r#"{"genesisHash": "8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f", "nodes": {}, "chain": {"version": "1"}}"#,
    ] {
        assert!(
            matches!(SavedDatabase::parse(bad), Err(ChainError::BadDatabase(_))),
            "{bad:?}"
        );
    }
}

/// A canned trusted node at a finalized block with number `number`.
fn canned_node(
    number: u64,
    logs: Vec<String>,
    round_state: Option<u64>,
) -> (
    impl FnMut(&str, serde_json::Value) -> Result<serde_json::Value, ChainError>,
    [u8; 32],
) {
    use serde_json::json;
    // The header as the node's JSON-RPC shows it, and its SCALE encoding built independently of
    // the code under test's re-encoder (smoldot must decode it back with the same fields).
    let mut encoded = alloc::vec![3; 32];
    encoded.extend_from_slice(&smoldot_compact(number));
    encoded.extend_from_slice(&[4; 32]);
    encoded.extend_from_slice(&[5; 32]);
    encoded.push((logs.len() as u8) << 2);
    for l in &logs {
        encoded.extend_from_slice(&parse_hex(l).unwrap());
    }
    let back = header::decode(&encoded, 4).unwrap();
    assert_eq!(back.number, number);
    assert_eq!(back.digest.logs().count(), logs.len());
    let hash = header::hash_from_scale_encoded_header(&encoded);
    let header_json = json!({
        "parentHash": hash_hex(&[3; 32]),
        "number": format!("0x{number:x}"),
        "stateRoot": hash_hex(&[4; 32]),
        "extrinsicsRoot": hash_hex(&[5; 32]),
        "digest": { "logs": logs },
    });
    let mut aura = alloc::vec![2 << 2];
    aura.extend_from_slice(&[0xd4; 32]);
    aura.extend_from_slice(&[0x8e; 32]);
    let mut grandpa = alloc::vec![1 << 2];
    grandpa.extend_from_slice(&[0x88; 32]);
    grandpa.extend_from_slice(&7u64.to_le_bytes());
    let rpc =
        move |method: &str, params: serde_json::Value| -> Result<serde_json::Value, ChainError> {
            let hx = |b: &[u8]| json!(format!("0x{}", hex::encode(b)));
            Ok(match method {
                "chain_getBlockHash" => {
                    assert_eq!(params, json!([0]));
                    json!(hash_hex(&GENESIS))
                }
                "chain_getFinalizedHead" => json!(hash_hex(&hash)),
                "chain_getHeader" => {
                    assert_eq!(params, json!([hash_hex(&hash)]));
                    header_json.clone()
                }
                "state_call" => {
                    assert_eq!(
                        params[2],
                        json!(hash_hex(&hash)),
                        "calls at the finalized block"
                    );
                    match params[0].as_str().unwrap() {
                        "AuraApi_slot_duration" => hx(&12_000u64.to_le_bytes()),
                        "AuraApi_authorities" => hx(&aura),
                        "GrandpaApi_grandpa_authorities" => hx(&grandpa),
                        "GrandpaApi_current_set_id" => hx(&1u64.to_le_bytes()),
                        other => panic!("unexpected call {other}"),
                    }
                }
                "grandpa_roundState" => match round_state {
                    Some(id) => json!({ "setId": id, "best": {}, "background": [] }),
                    None => {
                        return Err(ChainError::Rpc {
                            method: method.into(),
                            code: -32601,
                            message: "Method not found".into(),
                        });
                    }
                },
                other => panic!("unexpected method {other}"),
            })
        };
    (rpc, hash)
}

/// Digest logs of an Aura block as `chain_getHeader` shows them.
fn aura_logs() -> Vec<String> {
    alloc::vec![
        format!("0x{}", hex::encode(aura_pre_digest(123_456))),
        format!("0x{}", hex::encode(aura_seal())),
    ]
}

/// SCALE compact encoding of `n` written out by hand from the SCALE rules (modes 0b00/01/10),
/// independently of `encode_compact`.
fn smoldot_compact(n: u64) -> Vec<u8> {
    match n {
        0..=63 => alloc::vec![(n as u8) << 2],
        64..=16_383 => ((n as u16) << 2 | 1).to_le_bytes().to_vec(),
        _ => ((n as u32) << 2 | 2).to_le_bytes().to_vec(),
    }
}

#[test]
fn checkpoint_from_a_trusted_node_uses_the_voters_set_id() {
    // Number above 2^14 exercises the 4-byte compact form; the Aura pre-runtime digest
    // (engine `aura`, slot as u64) is what Bittensor headers carry.
    let (rpc, hash) = canned_node(5_000_000, aura_logs(), Some(3));
    let cp = checkpoint_from_node(rpc, 0).unwrap();
    assert_eq!(cp.block_number(), 5_000_000);
    assert_eq!(cp.block_hash(), hash);
    assert_eq!(cp.genesis_hash(), GENESIS);
    // The voters' set id (3) wins over the runtime's (1).
    assert_eq!(cp.grandpa_set_id(), 3);
    let v: serde_json::Value = serde_json::from_str(&cp.to_json()).unwrap();
    assert_eq!(v["aura"]["authorities"].as_array().unwrap().len(), 2);
    assert_eq!(v["aura"]["slotDurationMs"], 12_000);
    assert_eq!(v["grandpa"]["authorities"][0]["weight"], 7);
}

#[test]
fn checkpoint_from_node_falls_back_to_runtime_set_id_plus_offset() {
    let (rpc, _) = canned_node(70, aura_logs(), None);
    let cp = checkpoint_from_node(rpc, 2).unwrap();
    assert_eq!(cp.grandpa_set_id(), 1 + 2);
    assert_eq!(cp.block_number(), 70);
}

#[test]
fn checkpoint_from_node_rejects_a_header_that_does_not_hash_to_the_head() {
    let (mut inner, _) = canned_node(70, aura_logs(), Some(0));
    let lying = move |m: &str, p: serde_json::Value| {
        let mut v = inner(m, p)?;
        if m == "chain_getHeader" {
            v["stateRoot"] = serde_json::json!(hash_hex(&[9; 32]));
        }
        Ok(v)
    };
    assert!(matches!(
        checkpoint_from_node(lying, 0),
        Err(ChainError::BadCheckpoint(_))
    ));
}

#[test]
fn scale_compact_round_trips_at_every_width() {
    for n in [
        0u64,
        1,
        63,
        64,
        16_383,
        16_384,
        (1 << 30) - 1,
        1 << 30,
        u64::from(u32::MAX) + 7,
        u64::MAX,
    ] {
        let mut out = Vec::new();
        encode_compact(n, &mut out);
        let (back, rest) = decode_compact(&out).unwrap();
        assert_eq!(back, n);
        assert!(rest.is_empty());
    }
    // Known encodings (SCALE spec examples).
    let enc = |n| {
        let mut o = Vec::new();
        encode_compact(n, &mut o);
        o
    };
    assert_eq!(enc(1), [0x04]);
    assert_eq!(enc(42), [0xa8]);
    assert_eq!(enc(69), [0x15, 0x01]);
    assert_eq!(enc(65535), [0xfe, 0xff, 0x03, 0x00]);
    assert_eq!(
        enc(100_000_000_000_000),
        [0x0b, 0x00, 0x40, 0x7a, 0x10, 0xf3, 0x5a]
    );
}

#[test]
fn a_header_without_aura_seal_is_not_an_aura_checkpoint() {
    let mut unsealed = alloc::vec![7; 32];
    encode_compact(4200, &mut unsealed);
    unsealed.extend_from_slice(&[1; 32]);
    unsealed.extend_from_slice(&[2; 32]);
    unsealed.push(1 << 2);
    unsealed.extend_from_slice(&aura_pre_digest(5200));
    let mut p = parts(4200);
    p.header = unsealed;
    assert!(matches!(
        Checkpoint::from_parts(p),
        Err(ChainError::BadCheckpoint(_))
    ));
}
