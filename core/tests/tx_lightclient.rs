//! core::tx submitted through our own light client (core::chain): metadata read through the
//! client, a mode-1 (`CheckMetadataHash`) transfer signed with core::tx, submitted with
//! `LightClient::submit_and_watch` and followed to finality; the node confirms the block and
//! the extrinsic's success. A wrong metadata hash is reported invalid by the watch.
//!
//! Run by scripts/test.d/63-tx.sh (`TAOLIGHT_DEVNET_STATE` = the node's state.env).
#![cfg(all(feature = "chain", feature = "tx", not(target_arch = "wasm32")))]

mod chain_devnet;

use std::time::Duration;

use chain_devnet::{Devnet, parse_hex, to_hex, with_watchdog};
use futures_executor::block_on;
use serde_json::json;
use taolight_core::chain::{
    InvalidTransaction, LightClient, LightClientConfig, TransactionStatus,
    TransactionValidityError, decode_validate_transaction,
};
use taolight_core::keys::{CryptoType, Keypair};
use taolight_core::tx::{
    self, ChainContext, MetadataHashInfo, MetadataHashMode, Mortality, SigningPayload, TxMetadata,
    TxParams,
};

/// Hang guard only (a loaded 2-core machine runs the runtime in smoldot's interpreter).
const WATCHDOG: Duration = Duration::from_secs(900);

/// Submits through the light client and follows the watch to its terminal status.
fn watch_to_end(client: &LightClient, xt: &[u8], label: &str) -> Option<TransactionStatus> {
    let mut watch = block_on(client.submit_and_watch(xt)).unwrap();
    let mut last = None;
    while let Some(s) = block_on(watch.next()) {
        eprintln!("{label}: {s:?}");
        let terminal = s.is_terminal();
        last = Some(s);
        if terminal {
            break;
        }
    }
    last
}

/// The watch ended Invalid with the runtime's typed reason `want`.
fn assert_invalid(status: &Option<TransactionStatus>, want: InvalidTransaction) {
    match status {
        Some(TransactionStatus::Invalid { message, reason }) => {
            assert!(!message.is_empty());
            assert_eq!(
                *reason,
                Some(TransactionValidityError::Invalid(want)),
                "smoldot said {message:?}"
            );
        }
        other => panic!("expected Invalid({want:?}), got {other:?}"),
    }
}

/// The node's own `TaggedTransactionQueue_validate_transaction` at its best block, decoded two
/// independent ways (our fixed SCALE layout, and tx's decoder driven by the runtime's metadata
/// types), gives `want`.
fn assert_node_says(devnet: &Devnet, md: &TxMetadata, xt: &[u8], want: InvalidTransaction) {
    let best = chain_devnet::parse_hash(
        devnet
            .rpc("chain_getBlockHash", json!([]))
            .as_str()
            .unwrap(),
    );
    let params = tx::runtime_api::validate_transaction_params(
        tx::runtime_api::TransactionSource::External,
        xt,
        best,
    );
    let out = devnet.state_call(tx::runtime_api::VALIDATE_TRANSACTION, &params, &best);
    assert_eq!(
        decode_validate_transaction(&out).unwrap(),
        Err(TransactionValidityError::Invalid(want))
    );
    assert_eq!(
        tx::runtime_api::decode_validity(md, &out).unwrap(),
        tx::runtime_api::Validity::Invalid(format!("{want:?}"))
    );
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/63-tx.sh)"]
fn transfer_with_metadata_hash_finalized_through_the_light_client() {
    with_watchdog(WATCHDOG, || {
        let devnet = Devnet::from_env();
        let spec = devnet.spec();
        let genesis = spec.genesis_hash().unwrap();
        // Connectivity is 61-lightclient's subject; here a NoPeers verdict on a loaded machine
        // (the node busy right after start) gets up to three fresh starts.
        let (client, at) = (1..=3)
            .find_map(|attempt| {
                let client = LightClient::start(LightClientConfig::new(spec.clone())).unwrap();
                match block_on(client.finalized_head()) {
                    Ok(at) => Some((client, at)),
                    Err(e) if attempt < 3 => {
                        eprintln!("light client not ready ({e}); starting again");
                        client.stop();
                        None
                    }
                    Err(e) => panic!("light client not ready after 3 starts: {e}"),
                }
            })
            .unwrap();

        // Metadata through the light client (proof-checked by smoldot).
        let out = block_on(client.runtime_call(
            &at.hash,
            "Metadata_metadata_at_version",
            &15u32.to_le_bytes(),
        ))
        .expect("metadata runtime call");
        let md = TxMetadata::from_metadata_at_version_output(&out).unwrap();
        let version = devnet.rpc("state_getRuntimeVersion", json!([to_hex(&at.hash)]));
        let props = devnet.rpc("system_properties", json!([]));
        let ctx = ChainContext {
            genesis_hash: genesis,
            spec_version: version["specVersion"].as_u64().unwrap() as u32,
            transaction_version: version["transactionVersion"].as_u64().unwrap() as u32,
        };
        let hash = md
            .metadata_hash(&MetadataHashInfo {
                spec_name: version["specName"].as_str().unwrap().into(),
                spec_version: ctx.spec_version,
                decimals: props["tokenDecimals"].as_u64().unwrap() as u8,
                token_symbol: props["tokenSymbol"].as_str().unwrap().into(),
            })
            .unwrap();

        let alice = Keypair::from_uri("//Alice", CryptoType::Sr25519).unwrap();
        let bob = Keypair::from_uri("//Bob", CryptoType::Sr25519)
            .unwrap()
            .public();
        let nonce = devnet
            .rpc("system_accountNextIndex", json!([alice.address()]))
            .as_u64()
            .unwrap() as u32;
        let sign = |metadata_hash| {
            let call = tx::calls::transfer_keep_alive(&md, &bob, 4_242).unwrap();
            let params = TxParams {
                nonce,
                tip: 0,
                mortality: Mortality::mortal_from(at.number, at.hash),
                metadata_hash: MetadataHashMode::Enabled(metadata_hash),
            };
            let p = SigningPayload::new(&md, &call, &alice.public(), &ctx, &params).unwrap();
            p.assemble(&p.sign(&alice).unwrap()).unwrap()
        };

        // One byte of the metadata hash wrong (the signed payload differs from what the
        // runtime checks): the watch ends Invalid, typed BadProof, as the node says.
        let mut wrong = hash;
        wrong[0] ^= 0x80;
        let bad_hash = sign(wrong).encode();
        let status = watch_to_end(&client, &bad_hash, "wrong metadata hash");
        assert_invalid(&status, InvalidTransaction::BadProof);
        assert_node_says(&devnet, &md, &bad_hash, InvalidTransaction::BadProof);

        // One bit of the signature flipped: BadProof.
        let mut tampered = sign(hash);
        tampered.signature.0[17] ^= 0x01;
        let bad_sig = tampered.encode();
        let status = watch_to_end(&client, &bad_sig, "bad signature");
        assert_invalid(&status, InvalidTransaction::BadProof);
        assert_node_says(&devnet, &md, &bad_sig, InvalidTransaction::BadProof);

        // Our hash: in a block, then finalized.
        let xt = sign(hash);
        let mut watch = block_on(client.submit_and_watch(&xt.encode())).unwrap();
        let mut statuses = Vec::new();
        let included = loop {
            let Some(s) = block_on(watch.next()) else {
                break None;
            };
            eprintln!("status: {s:?}");
            statuses.push(s.clone());
            match s {
                TransactionStatus::Finalized { hash, index } => break Some((hash, index)),
                s if s.is_terminal() => panic!("transaction ended {s:?}; statuses {statuses:?}"),
                _ => {}
            }
        };
        let (block, index) = included.unwrap_or_else(|| panic!("watch ended: {statuses:?}"));
        assert!(
            statuses
                .iter()
                .any(|s| matches!(s, TransactionStatus::Broadcast { peers } if *peers > 0)),
            "{statuses:?}"
        );
        assert!(
            statuses
                .iter()
                .any(|s| matches!(s, TransactionStatus::InBlock { .. })),
            "{statuses:?}"
        );

        // The same nonce again (another amount, so other bytes) once the first is final: Stale.
        let stale = {
            let call = tx::calls::transfer_keep_alive(&md, &bob, 4_243).unwrap();
            let params = TxParams {
                nonce,
                tip: 0,
                mortality: Mortality::mortal_from(at.number, at.hash),
                metadata_hash: MetadataHashMode::Enabled(hash),
            };
            let p = SigningPayload::new(&md, &call, &alice.public(), &ctx, &params).unwrap();
            p.assemble(&p.sign(&alice).unwrap()).unwrap().encode()
        };
        let status = watch_to_end(&client, &stale, "stale nonce");
        assert_invalid(&status, InvalidTransaction::Stale);
        assert_node_says(&devnet, &md, &stale, InvalidTransaction::Stale);
        // Asked directly, the runtime (through the light client) still says Stale and accepts
        // a fresh nonce.
        assert_eq!(
            block_on(client.validate_transaction(&stale)).unwrap(),
            Err(TransactionValidityError::Invalid(InvalidTransaction::Stale))
        );
        client.stop();

        // The node agrees: the finalized block holds our bytes at that index, and it succeeded.
        let body = devnet.rpc("chain_getBlock", json!([to_hex(&block)]));
        let exts = body["block"]["extrinsics"].as_array().unwrap();
        assert_eq!(
            parse_hex(exts[index as usize].as_str().unwrap()),
            xt.encode()
        );
        let finalized = devnet.rpc("chain_getFinalizedHead", json!([]));
        let fin_number = devnet.rpc("chain_getHeader", json!([finalized]))["number"]
            .as_str()
            .map(|n| u64::from_str_radix(n.trim_start_matches("0x"), 16).unwrap())
            .unwrap();
        let block_number = devnet.rpc("chain_getHeader", json!([to_hex(&block)]))["number"]
            .as_str()
            .map(|n| u64::from_str_radix(n.trim_start_matches("0x"), 16).unwrap())
            .unwrap();
        assert!(block_number <= fin_number);
        assert_eq!(devnet.block_hash(block_number), Some(block));
        let events = devnet.rpc(
            "state_getStorage",
            json!([to_hex(&tx::events::SYSTEM_EVENTS_KEY), to_hex(&block)]),
        );
        let outcome =
            tx::events::extrinsic_outcome(&md, &parse_hex(events.as_str().unwrap()), index)
                .unwrap();
        assert!(outcome.success, "{outcome:?}");
    })
}
