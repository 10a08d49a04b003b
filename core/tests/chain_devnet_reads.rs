//! Issue #5, verified typed reads: the light client started from `chain-specs/<chain>.json`
//! against a running devnet reads accounts, stake positions, pools and subnets through
//! [`ChainReader`], and every value equals the same typed read over the node's own RPC at the
//! same block hash (the node is the oracle), the node's raw `state_getStorage` bytes (decoded
//! here by hand, independently of the metadata decoder) and the chain's own runtime APIs.
//! Then `core::stake` quotes on pools read through the client must equal the chain's
//! `sim_swap_*` at the same block, exactly, for hundreds of amounts on both dynamic subnets.
//!
//! Run by `scripts/test.d/61-lightclient.sh` (`--ignored`, `TAOLIGHT_DEVNET_STATE` set).
#![cfg(all(feature = "chain", not(target_arch = "wasm32")))]

mod chain_devnet;

use std::{collections::BTreeSet, time::Duration};

use chain_devnet::{Devnet, NEEDS_DEVNET, blake2_128_concat, dev_account, storage_prefix};
use futures_executor::block_on;
use serde_json::Value;
use taolight_core::{
    chain::{
        ChainError, ChainReader, KeyArg, LightClient, LightClientConfig, NodeRpcState,
        StateSource as _,
    },
    stake::{self, Pool},
};

const TAO: u64 = 1_000_000_000;

type NodeState = NodeRpcState<Box<dyn Fn(&str, Value) -> Result<Value, ChainError> + Send>>;

fn node_state(devnet: &Devnet) -> NodeState {
    let addr = devnet.rpc_addr.clone();
    NodeRpcState::new(Box::new(move |method: &str, params: Value| {
        chain_devnet::http_json_rpc(&addr, method, params).map_err(|message| ChainError::Rpc {
            method: method.to_owned(),
            code: 0,
            message,
        })
    }))
}

/// A light client on the devnet's committed spec, bootnode = the node, waited until ready.
fn ready_client(devnet: &Devnet) -> LightClient {
    let client = LightClient::start(LightClientConfig::new(devnet.spec())).expect("client starts");
    block_on(client.wait_ready()).expect("light client reaches Ready on the devnet");
    client
}

/// Whether an error means "the block we read at is no longer pinned": re-read at a newer one.
fn unpinned(e: &ChainError) -> bool {
    matches!(e, ChainError::ProofInvalid(m) if m.contains("not pinned"))
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/61-lightclient.sh)"]
fn typed_reads_through_the_light_client_equal_the_nodes() {
    let _ = NEEDS_DEVNET;
    let devnet = Devnet::from_env();
    chain_devnet::with_watchdog(Duration::from_secs(600), move || {
        let client = ready_client(&devnet);
        let light = ChainReader::new(client.clone());
        let node = ChainReader::new(node_state(&devnet));
        let mut attempts = 0;
        loop {
            let at = block_on(client.finalized_head()).unwrap().hash;
            match block_on(compare_reads_at(&devnet, &client, &light, &node, &at)) {
                Ok(()) => break,
                Err(e) if unpinned(&e) && attempts < 5 => attempts += 1,
                Err(e) => panic!("reads at {}: {e}", hex::encode(at)),
            }
        }
        client.stop();
    });
}

async fn compare_reads_at(
    devnet: &Devnet,
    client: &LightClient,
    light: &ChainReader<LightClient>,
    node: &ChainReader<NodeState>,
    at: &[u8; 32],
) -> Result<(), ChainError> {
    let alice = dev_account("//Alice");
    let charlie = dev_account("//Charlie");
    let hotkey1 = dev_account("//Hotkey1");

    // Metadata: the same bytes through both sources, with the devnet's pallets.
    let md = light.metadata(at).await?;
    assert_eq!(md.bytes(), node.metadata(at).await?.bytes());
    assert!(md.metadata().pallet_by_name("SubtensorModule").is_some());
    assert!(md.frame_metadata().is_ok());

    // Alice's account: typed read equal on both sides, raw bytes equal to the node's, and the
    // raw bytes decoded by hand (AccountInfo<u32, AccountData<u64>> layout) equal the typed read.
    let account = light.account(at, &alice).await?;
    assert_eq!(account, node.account(at, &alice).await?);
    let key = [
        storage_prefix("System", "Account"),
        blake2_128_concat(&alice),
    ]
    .concat();
    assert_eq!(
        md.storage_entry("System", "Account")?
            .key(&[KeyArg::AccountId(alice)])?,
        key,
        "metadata-built key equals the independently hashed key"
    );
    let raw = devnet.storage(&key, at).expect("Alice exists");
    assert_eq!(
        client.storage(at, std::slice::from_ref(&key)).await?[0].as_ref(),
        Some(&raw)
    );
    let le64 = |o: usize| u64::from_le_bytes(raw[o..o + 8].try_into().unwrap());
    assert_eq!(raw.len(), 16 + 24 + 16);
    assert_eq!(
        account.nonce,
        u32::from_le_bytes(raw[0..4].try_into().unwrap())
    );
    assert_eq!(account.free, le64(16));
    assert_eq!(account.reserved, le64(24));
    assert_eq!(account.frozen, le64(32));
    assert!(account.free > 0 && account.providers >= 1);

    // Stake positions: equal on both sides, equal to the chain's own StakeInfoRuntimeApi, and
    // Alice's genesis positions (Hotkey1: 1000 TAO on subnet 1, 100 TAO on root) are there.
    // Bob stakes on subnet 2 (weight != 0.5: the fallback power path), Alice and Charlie share
    // Hotkey1's pool on subnet 1, Alice also holds root.
    for cold in [alice, dev_account("//Bob"), charlie] {
        let positions = light.stake_positions(at, &cold).await?;
        assert_eq!(positions, node.stake_positions(at, &cold).await?);
        let chain: BTreeSet<([u8; 32], u16, u64)> = light
            .stake_info_for_coldkey(at, &cold)
            .await?
            .into_iter()
            .map(|s| (s.hotkey, s.netuid, s.stake))
            .collect();
        let ours: BTreeSet<([u8; 32], u16, u64)> = positions
            .iter()
            .map(|p| (p.hotkey, p.netuid, p.alpha))
            .collect();
        assert_eq!(
            ours, chain,
            "our share-pool values = the chain's stake info"
        );
        assert!(
            !positions.is_empty(),
            "every one of them has a genesis position"
        );
        for p in &positions {
            let pool = light.subnet_pool(at, p.netuid).await?.pool;
            assert_eq!(
                p.tao_value,
                pool.sim_swap_alpha_for_tao(p.alpha).tao_amount,
                "{p:?} on {pool:?}"
            );
            if p.netuid != 0 {
                // The chain's own sell quote for the whole position.
                let sim = light.sim_swap_alpha_for_tao(at, p.netuid, p.alpha).await?;
                assert_eq!(p.tao_value, sim.tao_amount);
            } else {
                assert_eq!(p.tao_value, p.alpha, "root is 1:1");
            }
        }
    }
    let positions = light.stake_positions(at, &alice).await?;
    let genesis = |netuid: u16| {
        positions
            .iter()
            .find(|p| p.hotkey == hotkey1 && p.netuid == netuid)
            .map(|p| p.alpha)
    };
    // Alice's genesis positions, exactly, as long as nothing has traded on this node since
    // genesis (pool 1 still holds its genesis 10_000 TAO, root its 100 TAO of stake).
    let untouched = |netuid: u16, tao: u64| {
        let key = [
            storage_prefix("SubtensorModule", "SubnetTAO"),
            netuid.to_le_bytes().to_vec(),
        ]
        .concat();
        devnet.storage(&key, at) == Some(tao.to_le_bytes().to_vec())
    };
    assert!(
        genesis(1).is_some() && genesis(0).is_some(),
        "{positions:?}"
    );
    if untouched(1, 10_000 * TAO) {
        assert_eq!(
            genesis(1),
            Some(1_000 * TAO),
            "Alice's genesis stake on subnet 1"
        );
    }
    if untouched(0, 100 * TAO) {
        assert_eq!(genesis(0), Some(100 * TAO), "Alice's genesis stake on root");
    }

    // Subnets and pools: equal on both sides; prices equal the chain's current_alpha_price; every
    // pool value equals the node's raw storage, decoded by hand.
    let subnets = light.subnets(at).await?;
    assert_eq!(subnets, node.subnets(at).await?);
    let netuids: Vec<u16> = subnets.iter().map(|s| s.pool.netuid).collect();
    assert_eq!(netuids, [0, 1, 2]);
    for s in &subnets {
        let n = s.pool.netuid;
        assert_eq!(s.pool, light.subnet_pool(at, n).await?);
        assert_eq!(s.price, light.current_alpha_price(at, n).await?);
        assert_eq!(s.price, node.current_alpha_price(at, n).await?);
        let nb = n.to_le_bytes();
        let u64_at = |pallet: &str, item: &str, suffix: &[u8]| -> Option<u64> {
            let key = [storage_prefix(pallet, item), suffix.to_vec()].concat();
            devnet
                .storage(&key, at)
                .map(|v| u64::from_le_bytes(v.try_into().expect("8 bytes")))
        };
        let u16_at = |pallet: &str, item: &str, suffix: &[u8]| -> Option<u16> {
            let key = [storage_prefix(pallet, item), suffix.to_vec()].concat();
            devnet
                .storage(&key, at)
                .map(|v| u16::from_le_bytes(v.try_into().expect("2 bytes")))
        };
        let twox64_concat = md
            .storage_entry("Swap", "FeeRate")?
            .key(&[KeyArg::U16(n)])?[32..]
            .to_vec();
        let p = s.pool.pool;
        assert_eq!(
            p.tao_reserve,
            u64_at("SubtensorModule", "SubnetTAO", &nb).unwrap_or(0)
        );
        assert_eq!(
            p.alpha_reserve,
            u64_at("SubtensorModule", "SubnetAlphaIn", &nb).unwrap_or(0)
        );
        assert_eq!(
            s.pool.alpha_out,
            u64_at("SubtensorModule", "SubnetAlphaOut", &nb).unwrap_or(0)
        );
        assert_eq!(
            p.mechanism,
            u16_at("SubtensorModule", "SubnetMechanism", &nb).unwrap_or(0)
        );
        // Swap defaults (0.5, 33) where the devnet has no entry (root).
        assert_eq!(
            p.quote_weight,
            u64_at("Swap", "SwapBalancer", &twox64_concat).unwrap_or(stake::DEFAULT_QUOTE_WEIGHT)
        );
        assert_eq!(
            p.fee_rate,
            u16_at("Swap", "FeeRate", &twox64_concat).unwrap_or(stake::DEFAULT_FEE_RATE)
        );
        // The same raw bytes through the light client.
        let keys: Vec<Vec<u8>> = [
            ("SubtensorModule", "SubnetTAO"),
            ("SubtensorModule", "SubnetAlphaIn"),
            ("Swap", "SwapBalancer"),
            ("Swap", "FeeRate"),
        ]
        .iter()
        .map(|(pallet, item)| md.storage_entry(pallet, item)?.key(&[KeyArg::U16(n)]))
        .collect::<Result<_, _>>()?;
        let through_client = client.storage(at, &keys).await?;
        for (k, v) in keys.iter().zip(through_client) {
            assert_eq!(
                v,
                devnet.storage(k, at),
                "raw value of 0x{}",
                hex::encode(k)
            );
        }
    }
    let weights: Vec<u64> = subnets.iter().map(|s| s.pool.pool.quote_weight).collect();
    assert_eq!(
        weights[1], 500_000_000_000_000_000,
        "subnet 1 has weight 0.5"
    );
    assert_ne!(
        weights[2], 500_000_000_000_000_000,
        "subnet 2 has weight != 0.5"
    );
    assert!(subnets[1].pool.pool.is_dynamic() && !subnets[0].pool.pool.is_dynamic());

    // Prefix iteration: the same descendants through both sources.
    let prefix = storage_prefix("SubtensorModule", "NetworksAdded");
    assert_eq!(
        client.storage_descendants(at, &prefix).await?,
        node.source().storage_descendants(at, &prefix).await?
    );
    Ok(())
}

/// Deterministic amounts: edge cases, then log-uniform from 1 rao to 10 × `reserve` (beyond
/// what the pool can take: 1000 × reserve is the input cap).
fn amounts(seed: u64, reserve: u64, n: usize) -> Vec<u64> {
    let mut out = vec![
        0,
        1,
        2,
        999,
        1_000,
        stake::MIN_STAKE,
        stake::MIN_STAKE + 1_007,
        TAO,
        reserve,
        reserve.saturating_mul(1_000),
        reserve.saturating_mul(1_000).saturating_add(1),
        u64::MAX,
    ];
    let mut x = seed | 1;
    let top = (reserve.saturating_mul(10) as f64).log2();
    while out.len() < n {
        // xorshift64*
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        let r = x.wrapping_mul(0x2545_f491_4f6c_dd1d);
        let exp = (r >> 11) as f64 / (1u64 << 53) as f64 * top;
        out.push(exp.exp2() as u64 + (r & 0xff));
    }
    out
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/61-lightclient.sh)"]
fn core_stake_quotes_equal_the_chains_sim_swap_at_the_same_block() {
    let devnet = Devnet::from_env();
    chain_devnet::with_watchdog(Duration::from_secs(1800), move || {
        let client = ready_client(&devnet);
        let light = ChainReader::new(client.clone());
        let node = ChainReader::new(node_state(&devnet));
        let mut checked = 0usize;
        // Quotes that actually swapped (the rest are the chain's all-zero refusals: too large
        // for the pool, zero, ...): most amounts must be in range, or the test proves little.
        let mut nonzero = 0usize;
        for (netuid, seed) in [(1u16, 0x5eed_0001u64), (2, 0x5eed_0002)] {
            let mut at = block_on(client.finalized_head()).unwrap().hash;
            let mut pool: Pool = block_on(light.subnet_pool(&at, netuid)).unwrap().pool;
            let reserves = [(true, pool.tao_reserve), (false, pool.alpha_reserve)];
            for (buy, reserve) in reserves {
                let list = amounts(seed ^ u64::from(buy), reserve, 200);
                let mut i = 0;
                while i < list.len() {
                    let amount = list[i];
                    let chain = if buy {
                        block_on(light.sim_swap_tao_for_alpha(&at, netuid, amount))
                    } else {
                        block_on(light.sim_swap_alpha_for_tao(&at, netuid, amount))
                    };
                    let chain = match chain {
                        Ok(c) => c,
                        Err(e) if unpinned(&e) => {
                            // Move to the current finalized block and re-read the pool there:
                            // every comparison stays within one block.
                            at = block_on(client.finalized_head()).unwrap().hash;
                            pool = block_on(light.subnet_pool(&at, netuid)).unwrap().pool;
                            continue;
                        }
                        Err(e) => panic!("sim_swap on subnet {netuid}, amount {amount}: {e}"),
                    };
                    let ours = if buy {
                        pool.sim_swap_tao_for_alpha(amount)
                    } else {
                        pool.sim_swap_alpha_for_tao(amount)
                    };
                    assert_eq!(
                        ours,
                        chain,
                        "subnet {netuid}, {} {amount} rao at 0x{}: core::stake on {pool:?}",
                        if buy { "buy" } else { "sell" },
                        hex::encode(at)
                    );
                    // Every 20th amount also against the node's own state_call at that block.
                    if i % 20 == 0 {
                        let oracle = if buy {
                            block_on(node.sim_swap_tao_for_alpha(&at, netuid, amount))
                        } else {
                            block_on(node.sim_swap_alpha_for_tao(&at, netuid, amount))
                        };
                        assert_eq!(oracle.unwrap(), chain, "node vs light client");
                    }
                    checked += 1;
                    nonzero += usize::from(ours.alpha_amount > 0 && ours.tao_amount > 0);
                    i += 1;
                }
            }
        }
        assert_eq!(checked, 2 * 2 * 200);
        assert!(
            nonzero > checked * 3 / 4,
            "{nonzero} of {checked} quotes swapped"
        );
        eprintln!(
            "{checked} quotes ({nonzero} non-zero) equal the chain's sim_swap_* at the same block"
        );
        client.stop();
    });
}

/// `TransactionPaymentApi_query_info` through the light client equals the node's `state_call`
/// at the same block, for a signed (unverified: query_info does not check signatures)
/// `Balances.transfer_keep_alive` built from metadata.
#[test]
#[ignore = "needs a running devnet (scripts/test.d/61-lightclient.sh)"]
fn query_info_through_the_light_client_equals_the_nodes() {
    let devnet = Devnet::from_env();
    chain_devnet::with_watchdog(Duration::from_secs(600), move || {
        let client = ready_client(&devnet);
        let light = ChainReader::new(client.clone());
        let node = ChainReader::new(node_state(&devnet));
        let mut attempts = 0;
        loop {
            let at = block_on(client.finalized_head()).unwrap().hash;
            let run = async {
                let md = light.metadata(&at).await?;
                let xt = unverified_transfer(&md);
                let ours = light.query_info(&at, &xt).await?;
                assert_eq!(ours, node.query_info(&at, &xt).await?);
                // The length fee alone (1 rao per byte) is part of the fee.
                assert!(ours.partial_fee > xt.len() as u64, "{ours:?}");
                assert!(ours.ref_time > 0);
                Ok::<_, ChainError>(())
            };
            match block_on(run) {
                Ok(()) => break,
                Err(e) if unpinned(&e) && attempts < 5 => attempts += 1,
                Err(e) => panic!("{e}"),
            }
        }
        client.stop();
    });
}

/// A v4 signed `Balances.transfer_keep_alive(Bob, 1 TAO)` from Alice with a zero signature and
/// every transaction extension's explicit data set to its neutral value (immortal era, nonce 0,
/// tip 0, metadata hash disabled), in the order the metadata lists them.
fn unverified_transfer(md: &taolight_core::chain::RuntimeMetadata) -> Vec<u8> {
    let m = md.metadata();
    let balances = m.pallet_by_name("Balances").expect("Balances pallet");
    let call_index = balances
        .call_variant_by_name("transfer_keep_alive")
        .expect("transfer_keep_alive")
        .index;
    let mut call = vec![balances.call_index(), call_index, 0x00];
    call.extend(dev_account("//Bob"));
    call.extend([0x02, 0x28, 0x6b, 0xee]); // Compact(1_000_000_000)
    let mut extra = Vec::new();
    for ext in m.extrinsic().transaction_extensions_to_use_for_encoding() {
        match ext.identifier() {
            "CheckMortality" | "CheckEra" => extra.push(0x00), // Era::Immortal
            "CheckNonce" => extra.push(0x00),                  // Compact(0)
            "ChargeTransactionPayment" | "ChargeTransactionPaymentWrapper" => extra.push(0x00),
            "CheckMetadataHash" => extra.push(0x00), // mode: disabled
            _ => {
                // Extensions without explicit data: their type must encode to nothing.
                let ty = m.types().resolve(ext.extra_ty()).expect("extension type");
                assert!(
                    matches!(&ty.type_def, scale_info::TypeDef::Composite(c) if c.fields.is_empty())
                        || matches!(&ty.type_def, scale_info::TypeDef::Tuple(t) if t.fields.is_empty()),
                    "extension {} has explicit data this test does not know",
                    ext.identifier()
                );
            }
        }
    }
    let mut body = vec![0x84, 0x00];
    body.extend(dev_account("//Alice"));
    body.push(0x01); // MultiSignature::Sr25519
    body.extend([0u8; 64]);
    body.extend(extra);
    body.extend(call);
    let mut xt = compact_len(body.len());
    xt.extend(body);
    xt
}

fn compact_len(n: usize) -> Vec<u8> {
    match n {
        0..=0x3f => vec![(n as u8) << 2],
        0x40..=0x3fff => ((n as u16) << 2 | 1).to_le_bytes().to_vec(),
        _ => ((n as u32) << 2 | 2).to_le_bytes().to_vec(),
    }
}
