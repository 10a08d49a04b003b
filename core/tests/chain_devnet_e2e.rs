//! The native light client end to end on the devnet (issue #5), against the node that
//! `scripts/devnet.sh start` runs (`TAOLIGHT_DEVNET_STATE` = its `state.env`; the chain spec is
//! the committed `chain-specs/<CHAIN>.json`, so the same tests cover `devnet.json`, whose runtime
//! has Finney's stub BabeApi, and `devnet-plain.json`).
//!
//! The node is the oracle: every value read through the light client is compared byte for byte
//! with the node's own `state_getStorage` / `state_call` at the same block hash. Waiting is
//! bounded by block counts and status events; a generous watchdog only turns a hang into a
//! failure. Run by `scripts/test.d/61-lightclient.sh`:
//!
//! ```sh
//! TAOLIGHT_DEVNET_STATE=~/.cache/taolight/devnet-run/state.env \
//!   cargo test -p taolight-core --test chain_devnet_e2e -- --ignored --test-threads=1
//! ```
#![cfg(all(feature = "chain", not(target_arch = "wasm32")))]

mod chain_devnet;

use std::time::Duration;

use chain_devnet::{Devnet, blake2_128_concat, dev_account, storage_prefix, with_watchdog};
use futures_executor::block_on;
use taolight_core::chain::{
    ChainError, Checkpoint, LightClient, LightClientConfig, Phase, SavedDatabase, SyncStatus,
    checkpoint_from_node,
};

/// Hang guard for one test (a debug node on a loaded 2-core machine is slow; this is not a
/// performance bound).
const WATCHDOG: Duration = Duration::from_secs(900);

/// Most blocks the node may finalize between the client's start and the client being ready
/// (2 s slots: 90 blocks are three minutes of a loaded machine running the runtime in smoldot's
/// interpreter; a client that followed block by block from genesis or never caught up fails).
const MAX_BLOCKS_TO_READY: u64 = 90;

/// Consumes status snapshots until the client is ready; fails on a stall verdict. Returns the
/// ready snapshot and every snapshot seen.
fn ready_log(client: &LightClient) -> (SyncStatus, Vec<SyncStatus>) {
    let mut stream = client.status();
    let mut seen = Vec::new();
    loop {
        let s = block_on(stream.next()).expect("status stream open while the client runs");
        eprintln!("status: {s:?}");
        seen.push(s);
        assert_eq!(s.stalled, None, "stalled before ready; statuses: {seen:#?}");
        if s.phase == Phase::Ready && s.finalized.is_some() {
            return (s, seen);
        }
    }
}

/// `System.Account(account)` key.
fn account_key(account: &[u8; 32]) -> Vec<u8> {
    let mut k = storage_prefix("System", "Account");
    k.extend(blake2_128_concat(account));
    k
}

/// `SubtensorModule.<item>(hotkey, coldkey, netuid)` key (`Alpha`, `AlphaV2`).
fn position_key(item: &str, hotkey: &[u8; 32], coldkey: &[u8; 32], netuid: u16) -> Vec<u8> {
    let mut k = storage_prefix("SubtensorModule", item);
    k.extend(blake2_128_concat(hotkey));
    k.extend(blake2_128_concat(coldkey));
    k.extend(netuid.to_le_bytes());
    k
}

/// `SubtensorModule.TotalHotkeyAlpha(hotkey, netuid)` key.
fn hotkey_alpha_key(hotkey: &[u8; 32], netuid: u16) -> Vec<u8> {
    let mut k = storage_prefix("SubtensorModule", "TotalHotkeyAlpha");
    k.extend(blake2_128_concat(hotkey));
    k.extend(netuid.to_le_bytes());
    k
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/61-lightclient.sh)"]
fn warp_syncs_to_ready_and_reads_equal_the_nodes() {
    with_watchdog(WATCHDOG, || {
        let devnet = Devnet::from_env();
        let spec = devnet.spec();
        // The committed spec is the running chain's.
        assert_eq!(Some(spec.genesis_hash().unwrap()), devnet.block_hash(0));
        let (node_at_start, _) = devnet.finalized();
        let client = LightClient::start(LightClientConfig::new(spec)).unwrap();
        let (ready, seen) = ready_log(&client);
        let (node_at_ready, _) = devnet.finalized();
        let fin = ready.finalized.unwrap();
        eprintln!(
            "node finalized #{node_at_start} at start, #{node_at_ready} when the client was \
             ready at #{}; {} status snapshots",
            fin.number,
            seen.len()
        );
        assert!(
            node_at_ready - node_at_start <= MAX_BLOCKS_TO_READY,
            "ready only after the node finalized {} more blocks",
            node_at_ready - node_at_start
        );
        // Caught up: at least where the node was when the client started, on the node's chain.
        assert!(
            fin.number >= node_at_start,
            "{fin:?} behind #{node_at_start}"
        );
        assert_eq!(devnet.block_hash(fin.number), Some(fin.hash));
        // Warp sync, not block-by-block from genesis: the stream shows a GRANDPA warp sync,
        // and the first finalized block it ever reports is already the node's recent head.
        assert!(
            seen.iter()
                .any(|s| matches!(s.phase, Phase::WarpSyncing { at, .. } if at >= node_at_start)),
            "no warp sync to the head in {seen:#?}"
        );
        let first_finalized = seen.iter().find_map(|s| s.finalized).unwrap();
        assert!(
            first_finalized.number >= node_at_start,
            "{first_finalized:?}"
        );

        // Reads at the client's finalized block, compared with the node's at the same hash.
        let at = block_on(client.finalized_head()).unwrap();
        let alice = dev_account("//Alice");
        let hotkey1 = dev_account("//Hotkey1");
        let keys = [
            account_key(&alice),
            account_key(&dev_account("//NobodyHasThisAccount")),
            position_key("Alpha", &hotkey1, &alice, 1),
            position_key("AlphaV2", &hotkey1, &alice, 1),
            hotkey_alpha_key(&hotkey1, 1),
        ];
        let ours = block_on(client.storage(&at.hash, &keys)).unwrap();
        assert_eq!(ours.len(), keys.len());
        for (key, value) in keys.iter().zip(&ours) {
            assert_eq!(
                value,
                &devnet.storage(key, &at.hash),
                "key 0x{} at #{}",
                hex::encode(key),
                at.number
            );
        }
        // Non-vacuous: Alice's account and Hotkey1's pool on subnet 1 exist (devnet genesis),
        // the made-up account does not, and Alice's position is in one of the share formats.
        // AccountInfo: nonce, consumers, providers, sufficients (u32 each), then free, reserved,
        // frozen (u64 balances, as on Finney) and flags (u128).
        assert!(
            ours[0].as_ref().is_some_and(|v| v.len() == 56),
            "{:?}",
            ours[0]
        );
        assert_eq!(ours[1], None);
        assert!(ours[2].is_some() || ours[3].is_some(), "no Alpha position");
        assert!(
            ours[4].as_ref().is_some_and(|v| v.len() == 8),
            "{:?}",
            ours[4]
        );

        // Runtime calls, compared with the node's `state_call` at the same hash.
        for (function, params) in [
            ("Core_version", Vec::new()),
            (
                "SwapRuntimeApi_current_alpha_price",
                1u16.to_le_bytes().to_vec(),
            ),
            (
                "SwapRuntimeApi_current_alpha_price",
                2u16.to_le_bytes().to_vec(),
            ),
        ] {
            let out = block_on(client.runtime_call(&at.hash, function, &params)).unwrap();
            assert_eq!(
                out,
                devnet.state_call(function, &params, &at.hash),
                "{function}"
            );
        }
        // A typed error for a block that is not pinned (unknown here). Not tested: a runtime
        // call that traps. The full node refuses to build its call proof, which smoldot 3.0.0
        // reports as `operationInaccessible` (-> ProofInvalid) after banning that peer for a
        // while, which would leave the following tests without a peer.
        assert!(matches!(
            block_on(client.storage(&[0x77; 32], &keys[..1])),
            Err(ChainError::ProofInvalid(_))
        ));
        client.stop();
    });
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/61-lightclient.sh)"]
fn restarts_from_its_saved_database_without_warp_sync_from_genesis() {
    with_watchdog(WATCHDOG, || {
        let devnet = Devnet::from_env();
        let client = LightClient::start(LightClientConfig::new(devnet.spec())).unwrap();
        let (cold, cold_seen) = ready_log(&client);
        assert!(
            cold_seen
                .iter()
                .any(|s| matches!(s.phase, Phase::WarpSyncing { .. })),
            "the cold start warp-syncs"
        );
        let saved = block_on(client.save_database(usize::MAX)).unwrap();
        client.stop();
        let saved_at = saved
            .finalized_number()
            .expect("database has a finalized block");
        assert_eq!(saved.genesis_hash(), client.genesis_hash());
        assert!(saved_at >= cold.finalized.unwrap().number);
        let (node_at_restart, _) = devnet.finalized();

        // Restart from the spec plus the saved database (through its text, as an app would).
        let mut config = LightClientConfig::new(devnet.spec());
        config.database = Some(SavedDatabase::parse(saved.as_str()).unwrap());
        let client = LightClient::start(config).unwrap();
        let (warm, seen) = ready_log(&client);
        let first = seen.iter().find_map(|s| s.finalized).unwrap();
        eprintln!(
            "saved at #{saved_at}; node at #{node_at_restart} on restart; first finalized \
             reported #{}; ready at #{}",
            first.number,
            warm.finalized.unwrap().number
        );
        // What the stream shows: the first finalized block is the saved one or later, and no
        // warp sync at all (the node is fewer blocks ahead than smoldot's warp-sync gap), so in
        // particular none from genesis; a cold start shows one (asserted above).
        assert!(
            first.number >= saved_at,
            "first finalized {first:?} < saved #{saved_at}"
        );
        assert!(
            !seen
                .iter()
                .any(|s| matches!(s.phase, Phase::WarpSyncing { .. })),
            "warm start warp-synced: {seen:#?}"
        );
        let fin = warm.finalized.unwrap();
        assert_eq!(devnet.block_hash(fin.number), Some(fin.hash));
        // And it reads: Alice's account equals the node's.
        let key = account_key(&dev_account("//Alice"));
        let at = block_on(client.finalized_head()).unwrap();
        let ours = block_on(client.storage(&at.hash, std::slice::from_ref(&key))).unwrap();
        assert_eq!(ours[0], devnet.storage(&key, &at.hash));
        assert!(ours[0].is_some());
        client.stop();
    });
}

/// A checkpoint of the running node: the file written by the `chain_checkpoint` example
/// (`TAOLIGHT_DEVNET_CHECKPOINT`, as stage 61 does) unless `fresh`, else one built now the same
/// way (`checkpoint_from_node` over the node's HTTP JSON-RPC).
fn node_checkpoint(devnet: &Devnet, fresh: bool) -> (Checkpoint, String) {
    let file = std::env::var_os("TAOLIGHT_DEVNET_CHECKPOINT").filter(|_| !fresh);
    let json = match file {
        Some(path) => std::fs::read_to_string(&path).unwrap(),
        None => checkpoint_from_node(
            |m, p| {
                devnet.try_rpc(m, p).map_err(|e| ChainError::Rpc {
                    method: m.to_owned(),
                    code: 0,
                    message: e,
                })
            },
            0,
        )
        .unwrap()
        .to_json(),
    };
    (Checkpoint::from_json(json.trim()).unwrap(), json)
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/61-lightclient.sh)"]
fn starts_from_the_nodes_checkpoint_and_rejects_tampered_ones() {
    with_watchdog(WATCHDOG, || {
        let devnet = Devnet::from_env();
        let (cp, json) = node_checkpoint(&devnet, false);
        let genesis = devnet.block_hash(0).unwrap();
        assert_eq!(cp.genesis_hash(), genesis);
        assert_eq!(devnet.block_hash(cp.block_number()), Some(cp.block_hash()));
        assert!(cp.block_number() > 0);

        let mut config = LightClientConfig::new(devnet.spec());
        config.checkpoint = Some(cp.clone());
        let client = LightClient::start(config).unwrap();
        let (ready, seen) = ready_log(&client);
        let first = seen.iter().find_map(|s| s.finalized).unwrap();
        assert!(first.number >= cp.block_number(), "{first:?}");
        for s in &seen {
            if let Phase::WarpSyncing { at, .. } = s.phase {
                assert!(
                    at >= cp.block_number(),
                    "warp sync below the checkpoint: {s:?}"
                );
            }
        }
        let fin = ready.finalized.unwrap();
        assert!(fin.number >= cp.block_number());
        assert_eq!(devnet.block_hash(fin.number), Some(fin.hash));
        client.stop();

        // Tampered checkpoint: another block hash than its header's.
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["blockHash"] = chain_devnet::to_hex(&[0x11; 32]).into();
        match Checkpoint::from_json(&v.to_string()) {
            Err(ChainError::BadCheckpoint(msg)) => eprintln!("tampered hash: {msg}"),
            other => panic!("tampered hash accepted: {other:?}"),
        }

        // Tampered spec: one byte of genesis storage changed gives another chain, which the
        // node's genesis hash and the checkpoint both expose.
        let mut spec: serde_json::Value = serde_json::from_str(&devnet.spec_text()).unwrap();
        let top = spec["genesis"]["raw"]["top"].as_object_mut().unwrap();
        let account = chain_devnet::to_hex(&account_key(&dev_account("//Alice")));
        let value = top[&account].as_str().unwrap().to_owned();
        let last = u8::from_str_radix(&value[value.len() - 2..], 16).unwrap();
        top[&account] = format!("{}{:02x}", &value[..value.len() - 2], last ^ 1).into();
        let mut tampered = taolight_core::chain::ChainSpec::from_json(&spec.to_string()).unwrap();
        tampered.set_bootnodes([devnet.p2p_tcp.as_str()]).unwrap();
        match tampered.expect_genesis_hash(&genesis) {
            Err(ChainError::GenesisMismatch { expected, actual }) => {
                assert_eq!(expected, chain_devnet::to_hex(&genesis));
                assert_ne!(actual, expected);
            }
            other => panic!("tampered spec accepted: {other:?}"),
        }
        let mut config = LightClientConfig::new(tampered);
        config.checkpoint = Some(cp);
        assert!(matches!(
            LightClient::start(config),
            Err(ChainError::CheckpointWrongChain { .. })
        ));
    });
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/61-lightclient.sh)"]
fn a_checkpoint_with_a_wrong_grandpa_set_id_or_authority_never_finalizes_and_stalls() {
    with_watchdog(WATCHDOG, || {
        let devnet = Devnet::from_env();
        use taolight_core::chain::Stall::{NoFinality, NoPeers};
        // What each tampering leads to, as observed: with another set id smoldot keeps the
        // node's justifications unverified and the lag grows (`NoFinality`); with a wrong key it
        // may also ban the node for sending justifications that fail to verify, and the stream
        // can report `NoPeers` first.
        type Tamper = fn(&mut serde_json::Value);
        let tampered: [(&str, Tamper, &[taolight_core::chain::Stall]); 2] = [
            (
                "set id + 1",
                |v| {
                    let id = v["grandpa"]["setId"].as_u64().unwrap();
                    v["grandpa"]["setId"] = (id + 1).into();
                },
                &[NoFinality],
            ),
            (
                "GRANDPA authority key",
                |v| {
                    v["grandpa"]["authorities"][0]["publicKey"] =
                        chain_devnet::to_hex(&[0x22; 32]).into();
                },
                &[NoFinality, NoPeers],
            ),
        ];
        for (what, tamper, expected) in tampered {
            // Made now: smoldot follows block by block from it (a checkpoint more than 32
            // blocks behind would be warp-synced from, and that fails differently).
            let (_, json) = node_checkpoint(&devnet, true);
            let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
            tamper(&mut v);
            // Internally consistent, so it parses: only the chain can tell.
            let cp = Checkpoint::from_json(&v.to_string()).unwrap();
            let mut config = LightClientConfig::new(devnet.spec());
            config.checkpoint = Some(cp.clone());
            let client = LightClient::start(config).unwrap();
            let mut stream = client.status();
            let mut events = 0;
            let stalled = loop {
                let s = block_on(stream.next()).unwrap();
                events += 1;
                // Justifications signed by the real set never verify: nothing past the
                // checkpoint is ever finalized, while best blocks (Aura) keep coming.
                if let Some(f) = s.finalized {
                    assert_eq!(f.number, cp.block_number(), "{what}: finalized {s:?}");
                }
                if let Some(stall) = s.stalled {
                    break (stall, s);
                }
            };
            eprintln!("{what}: after {events} status events: {:?}", stalled.1);
            assert!(expected.contains(&stalled.0), "{what}: {:?}", stalled.0);
            if stalled.0 == NoFinality {
                let best = stalled.1.best.unwrap().number;
                assert!(best > cp.block_number() + taolight_core::chain::FINALITY_LAG_LIMIT);
                assert_eq!(block_on(client.wait_ready()), Err(ChainError::Stalled));
            } else {
                assert_eq!(stalled.1.peers, 0);
                assert_eq!(block_on(client.wait_ready()), Err(ChainError::NoPeers));
            }
            client.stop();
        }
    });
}

/// Restarts the devnet node with `scripts/devnet.sh start` (same chain, same ports and run
/// directory: the `DEVNET_*` variables are inherited, the run directory is the state file's).
fn restart_node(old: &Devnet) -> Devnet {
    let root = format!(
        "{}/..",
        std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")
    );
    let run_dir = old.state_file.parent().unwrap();
    let status = std::process::Command::new(format!("{root}/scripts/devnet.sh"))
        .args(["start", "--chain", &old.chain])
        .env("DEVNET_RUN_DIR", run_dir)
        // A debug node builds its genesis state first: minutes on a loaded machine.
        .env(
            "DEVNET_START_TIMEOUT",
            std::env::var("DEVNET_START_TIMEOUT").unwrap_or_else(|_| "900".into()),
        )
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "scripts/devnet.sh start failed");
    Devnet::from_file(&old.state_file)
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/61-lightclient.sh)"]
fn node_killed_during_sync_then_restarted_the_client_recovers() {
    // The restart rebuilds the genesis state in a debug node: allow for a slow machine.
    with_watchdog(Duration::from_secs(1800), || {
        let devnet = Devnet::from_env();
        let client = LightClient::start(LightClientConfig::new(devnet.spec())).unwrap();
        // SIGKILL the node while the client is syncing: it has just been added to smoldot,
        // far too early to have a warp proof and the runtime verified.
        let killed = std::process::Command::new("kill")
            .args(["-KILL", &devnet.pid.to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let mut stream = client.status();
        let mut down = Vec::new();
        loop {
            let s = block_on(stream.next()).unwrap();
            down.push(s);
            assert_ne!(s.phase, Phase::Ready, "ready without a node: {down:#?}");
            if s.stalled.is_some() {
                break;
            }
        }
        let stalled = *down.last().unwrap();
        eprintln!("node down: {} statuses, then {stalled:?}", down.len());
        assert_eq!(stalled.stalled, Some(taolight_core::chain::Stall::NoPeers));
        assert_eq!(stalled.peers, 0);
        assert_eq!(block_on(client.wait_ready()), Err(ChainError::NoPeers));
        // Nothing past genesis was finalized before the kill took effect.
        assert!(
            down.iter()
                .all(|s| s.finalized.is_none_or(|f| f.number == 0))
        );

        // The node comes back: `--tmp` storage, so it is a fresh chain with the same genesis
        // (same spec); the client, still at genesis, reconnects and warp-syncs to its head.
        let node = restart_node(&devnet);
        assert_ne!(node.pid, devnet.pid);
        let (node_at_restart, _) = node.finalized();
        let (ready, seen) = {
            let mut seen = Vec::new();
            loop {
                let s = block_on(stream.next()).unwrap();
                seen.push(s);
                if s.phase == Phase::Ready && s.stalled.is_none() && s.finalized.is_some() {
                    break (s, seen);
                }
            }
        };
        eprintln!("recovered after {} statuses: {ready:?}", seen.len());
        assert!(seen.iter().any(|s| s.peers >= 1 || s.stalled.is_none()));
        // Ready again: at the new node's head (warp sync), or at genesis when the new chain is
        // younger than smoldot's warp-sync gap; on the restarted node's chain either way.
        let fin = ready.finalized.unwrap();
        assert_eq!(node.block_hash(fin.number), Some(fin.hash));
        // And it follows that chain's finality: up to where the node was at its restart and
        // beyond, every block the node's own.
        let mut last = fin;
        while last.number < node_at_restart.max(1) + 1 {
            let s = block_on(stream.next()).unwrap();
            if let Some(f) = s.finalized.filter(|f| f.number > last.number) {
                assert_eq!(node.block_hash(f.number), Some(f.hash), "{f:?}");
                last = f;
            }
        }
        eprintln!("following the restarted node: finalized #{}", last.number);
        client.stop();
    });
}
