//! Native smoke tests of the patched light client with no reachable peer: it starts on the
//! published Bittensor testnet spec (read from ../shared/data, not copied into the repo),
//! reports a typed "no peers" stall through its status stream, and (patch B4) starts from a
//! taolight checkpoint or a saved database instead of genesis.
//!
//! Nothing here reaches the network: the bootnodes are replaced by a closed local port. A
//! generous watchdog turns a hang into a failure; it is not a performance assertion.
#![cfg(all(feature = "chain", not(target_arch = "wasm32")))]

use std::{sync::mpsc, thread, time::Duration};

use futures_executor::block_on;
use taolight_core::chain::{
    ChainError, ChainSpec, Checkpoint, CheckpointParts, LightClient, LightClientConfig, Phase,
    SavedDatabase, Stall,
};

/// Genesis hash of the Bittensor testnet (shared/data/README.md).
const TESTFINNEY_GENESIS: [u8; 32] =
    hex_literal(b"8f9cf856bf558a14440e75569c9e58594757048d7b3a84b5d25f6bd978263105");

/// An address nothing listens on (TCP port 1 on loopback), with a valid peer id.
const DEAD_BOOTNODE: &str =
    "/ip4/127.0.0.1/tcp/1/p2p/12D3KooWPM4mLcKJGtyVtkggqdG84zWrd7Rij6PGQDoijh1X86Vr";

const fn hex_literal(s: &[u8; 64]) -> [u8; 32] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("not hex"),
        }
    }
    let mut out = [0; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = nibble(s[2 * i]) << 4 | nibble(s[2 * i + 1]);
        i += 1;
    }
    out
}

fn offline_testfinney() -> ChainSpec {
    let path = format!(
        "{}/../../shared/data/chain-specs/testfinney-raw.json",
        std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")
    );
    let mut spec = ChainSpec::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    spec.set_bootnodes([DEAD_BOOTNODE]).unwrap();
    spec
}

/// Runs `f` on a thread and fails (instead of hanging) if it has not finished in `limit`.
fn with_watchdog<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit)
        .expect("watchdog: the light client neither progressed nor failed")
}

/// A made-up but well-formed checkpoint of the testnet at `number`.
fn checkpoint(number: u64, genesis: [u8; 32]) -> Checkpoint {
    let header = smoldot_header(number);
    Checkpoint::from_parts(CheckpointParts {
        genesis_hash: genesis,
        header,
        aura_slot_duration_ms: 12_000,
        aura_authorities: vec![[0xd4; 32]],
        grandpa_set_id: 2,
        grandpa_authorities: vec![([0x88; 32], 1)],
    })
    .unwrap()
}

/// SCALE header: parent ‖ compact(number) ‖ state root ‖ extrinsics root ‖ digest with an Aura
/// pre-runtime slot and an Aura seal (smoldot requires both after genesis on an Aura chain).
fn smoldot_header(number: u64) -> Vec<u8> {
    let mut h = vec![0x42; 32];
    // compact encoding for numbers < 2^14
    assert!(number < 1 << 14);
    if number < 64 {
        h.push((number as u8) << 2);
    } else {
        h.extend_from_slice(&(((number as u16) << 2) | 1).to_le_bytes());
    }
    h.extend_from_slice(&[0x11; 32]);
    h.extend_from_slice(&[0x22; 32]);
    h.push(2 << 2);
    h.extend_from_slice(&[6, b'a', b'u', b'r', b'a', 8 << 2]);
    h.extend_from_slice(&(number + 1_000).to_le_bytes());
    h.extend_from_slice(&[5, b'a', b'u', b'r', b'a', 0x01, 0x01]);
    h.extend_from_slice(&[0x5e; 64]);
    h
}

#[test]
fn without_reachable_peers_the_status_stream_reports_no_peers() {
    with_watchdog(Duration::from_secs(240), || {
        let client = LightClient::start(LightClientConfig::new(offline_testfinney())).unwrap();
        assert_eq!(client.genesis_hash(), TESTFINNEY_GENESIS);
        // JSON-RPC round trips through the multiplexer that smoldot answers without any peer,
        // several in flight at once.
        let (genesis, name, client_name, unknown) = block_on(futures_util::future::join4(
            client.rpc("chainSpec_v1_genesisHash", serde_json::json!([])),
            client.rpc("chainSpec_v1_chainName", serde_json::json!([])),
            client.rpc("system_name", serde_json::json!([])),
            client.rpc("no_such_method", serde_json::json!([])),
        ));
        assert_eq!(
            genesis.unwrap(),
            "0x8f9cf856bf558a14440e75569c9e58594757048d7b3a84b5d25f6bd978263105"
        );
        assert_eq!(name.unwrap(), "Bittensor");
        assert_eq!(client_name.unwrap(), "taolight");
        match unknown {
            Err(ChainError::Rpc { method, code, .. }) => {
                assert_eq!(method, "no_such_method");
                assert_eq!(code, -32601, "JSON-RPC 'method not found'");
            }
            other => panic!("expected a JSON-RPC error, got {other:?}"),
        }

        let mut status = client.status();
        let first = block_on(status.next()).unwrap();
        assert_eq!(first.phase, Phase::Connecting);
        assert_eq!(first.peers, 0);
        assert_eq!(first.finalized, None);

        // smoldot declares "no peers" after 30 s without any; status changes are few (peer
        // count and stall verdict only), so a bounded number of events must get there.
        let mut seen = 1;
        let stalled = loop {
            let s = block_on(status.next()).expect("stream open while the client runs");
            seen += 1;
            assert_eq!(s.peers, 0, "no peer can be connected");
            assert_ne!(s.phase, Phase::Ready);
            if s.stalled.is_some() {
                break s;
            }
            assert!(seen < 50, "no stall verdict after {seen} status events");
        };
        assert_eq!(stalled.stalled, Some(Stall::NoPeers));
        assert_eq!(block_on(client.wait_ready()), Err(ChainError::NoPeers));

        client.stop();
        assert_eq!(
            block_on(client.rpc("system_name", serde_json::json!([]))),
            Err(ChainError::Stopped)
        );
        // After stop: a status stream gives the last status and ends (it used to stay open
        // forever, so `wait_ready()` and reads at "the finalized block" never returned).
        let mut after = client.status();
        assert!(block_on(after.next()).is_some());
        assert_eq!(block_on(after.next()), None);
        assert!(client.is_stopped());
        assert_eq!(block_on(client.wait_ready()), Err(ChainError::Stopped));
        assert_eq!(block_on(client.finalized_head()), Err(ChainError::Stopped));
    });
}

#[test]
fn smoldot_starts_from_a_checkpoint_and_from_a_saved_database() {
    with_watchdog(Duration::from_secs(240), || {
        let cp = checkpoint(1000, TESTFINNEY_GENESIS);
        let mut config = LightClientConfig::new(offline_testfinney());
        config.checkpoint = Some(cp.clone());
        let client = LightClient::start(config).unwrap();
        // smoldot's own export of its finalized state: the checkpoint, not genesis (without
        // the B4 patch smoldot would have started at block 0).
        let saved = block_on(client.save_database(usize::MAX)).unwrap();
        assert_eq!(saved.genesis_hash(), TESTFINNEY_GENESIS);
        assert_eq!(saved.finalized_number(), Some(1000));
        client.stop();

        // Restart from the saved database alone: still block 1000.
        let mut config = LightClientConfig::new(offline_testfinney());
        config.database = Some(SavedDatabase::parse(saved.as_str()).unwrap());
        let client = LightClient::start(config).unwrap();
        let again = block_on(client.save_database(usize::MAX)).unwrap();
        assert_eq!(again.finalized_number(), Some(1000));
        client.stop();
    });
}

#[test]
fn a_checkpoint_or_database_of_another_chain_is_refused_at_start() {
    let mut config = LightClientConfig::new(offline_testfinney());
    config.checkpoint = Some(checkpoint(1000, [0x2f; 32]));
    assert!(matches!(
        LightClient::start(config),
        Err(ChainError::CheckpointWrongChain { .. })
    ));
}
