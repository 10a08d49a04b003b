//! core::wallet end to end through our light client on the devnet: every flow planned,
//! signed, submitted and followed to finality; the node's RPC is the oracle. For each flow the
//! free balance, the pools, the stake positions and the events at the inclusion block equal
//! what `core::stake` predicts from the state at the parent block, exact in rao, with the fee
//! taken from the `TransactionFeePaid` event (and equal to the plan's `query_info` fee). The
//! plan's own quote equals that prediction (nothing else moves the pools on the devnet).
//! Failure paths give typed errors and change nothing (or only the fee, for a transaction the
//! chain includes and fails).
//!
//! Run by scripts/test.d/64-wallet.sh (`TAOLIGHT_DEVNET_STATE` = the node's state.env).
#![cfg(all(feature = "wallet", not(target_arch = "wasm32")))]

mod chain_devnet;

use std::time::Duration;

use chain_devnet::{Devnet, parse_hash, with_watchdog};
use futures_executor::block_on;
use serde_json::{Value, json};
use taolight_core::chain::{
    AccountInfo, ChainError, ChainReader, LightClient, LightClientConfig, NodeRpcState,
    StakePosition,
};
use taolight_core::keys::{CryptoType, Keypair, PublicKey};
use taolight_core::stake::{self, Pool, SafeFloat, SharePool};
use taolight_core::tx::SigningPayload;
use taolight_core::wallet::{
    Action, Inclusion, Plan, PlanQuote, Slippage, TxStatus, Wallet, WalletConfig, WalletError,
    Warning, event_u64,
};

/// Hang guard only (a loaded 2-core machine runs the runtime in smoldot's interpreter).
const WATCHDOG: Duration = Duration::from_secs(1500);
const TAO: u64 = 1_000_000_000;

type NodeState = NodeRpcState<Box<dyn Fn(&str, Value) -> Result<Value, ChainError> + Send>>;

/// The node's view, used as the oracle.
struct Oracle {
    devnet: Devnet,
    reader: ChainReader<NodeState>,
}

impl Oracle {
    fn new(devnet: Devnet) -> Oracle {
        let addr = devnet.rpc_addr.clone();
        let state: NodeState = NodeRpcState::new(Box::new(move |method: &str, params: Value| {
            chain_devnet::http_json_rpc(&addr, method, params).map_err(|message| ChainError::Rpc {
                method: method.to_owned(),
                code: 0,
                message,
            })
        }));
        Oracle {
            devnet,
            reader: ChainReader::new(state),
        }
    }

    fn parent(&self, block: &[u8; 32]) -> [u8; 32] {
        let header = self.devnet.rpc(
            "chain_getHeader",
            json!([format!("0x{}", hex::encode(block))]),
        );
        parse_hash(header["parentHash"].as_str().expect("parentHash"))
    }

    fn account(&self, at: &[u8; 32], who: &PublicKey) -> AccountInfo {
        block_on(self.reader.account(at, &who.0)).expect("oracle account")
    }

    fn pool(&self, at: &[u8; 32], netuid: u16) -> Pool {
        block_on(self.reader.subnet_pool(at, netuid))
            .expect("oracle pool")
            .pool
    }

    fn positions(&self, at: &[u8; 32], coldkey: &PublicKey) -> Vec<StakePosition> {
        block_on(self.reader.stake_positions(at, &coldkey.0)).expect("oracle positions")
    }

    fn position(
        &self,
        at: &[u8; 32],
        coldkey: &PublicKey,
        hotkey: &PublicKey,
        netuid: u16,
    ) -> Option<StakePosition> {
        self.positions(at, coldkey)
            .into_iter()
            .find(|p| p.hotkey == hotkey.0 && p.netuid == netuid)
    }

    /// The hotkey's share pool on `netuid` (from any coldkey's position, else empty).
    fn hotkey_pool(
        &self,
        at: &[u8; 32],
        hotkey: &PublicKey,
        netuid: u16,
        coldkeys: &[PublicKey],
    ) -> SharePool {
        coldkeys
            .iter()
            .find_map(|c| self.position(at, c, hotkey, netuid))
            .map_or(
                SharePool {
                    value: 0,
                    denominator: SafeFloat::ZERO,
                },
                |p| p.hotkey_pool,
            )
    }

    fn finalized_hash(&self) -> [u8; 32] {
        self.devnet.finalized().1
    }
}

fn key(uri: &str) -> Keypair {
    Keypair::from_uri(uri, CryptoType::Sr25519).expect("dev key")
}

/// Submits with `signer`, follows to finality, checks the status sequence.
fn run(wallet: &Wallet, plan: &Plan, signer: &Keypair) -> Inclusion {
    let mut sub = block_on(wallet.submit(plan, signer)).expect("submit");
    follow(&mut sub)
}

fn follow(sub: &mut taolight_core::wallet::Submission) -> Inclusion {
    let mut statuses = Vec::new();
    while let Some(s) = block_on(sub.next()) {
        eprintln!("  status: {}", short(&s));
        statuses.push(s.clone());
        if let TxStatus::Finalized(i) = s {
            assert!(
                statuses
                    .iter()
                    .any(|s| matches!(s, TxStatus::Broadcast { peers } if *peers > 0)),
                "no broadcast before finality: {statuses:?}"
            );
            return i;
        }
        assert!(!s.is_terminal(), "transaction ended {s:?}");
    }
    panic!("watch ended without finality: {statuses:?}")
}

fn short(s: &TxStatus) -> String {
    match s {
        TxStatus::InBlock(i) | TxStatus::Finalized(i) => format!(
            "{} #{} index {} success {} error {:?} fee {:?} events {:?}",
            if matches!(s, TxStatus::InBlock(_)) {
                "InBlock"
            } else {
                "Finalized"
            },
            i.block_number,
            i.index,
            i.success,
            i.error,
            i.fee_paid,
            i.events
                .iter()
                .map(|e| format!("{}.{}", e.pallet, e.name))
                .collect::<Vec<_>>()
        ),
        other => format!("{other:?}"),
    }
}

/// The extrinsic's event `pallet.name`, which must be there once.
fn event<'a>(i: &'a Inclusion, pallet: &str, name: &str) -> &'a taolight_core::tx::events::Event {
    let found: Vec<_> = i
        .events
        .iter()
        .filter(|e| e.pallet == pallet && e.name == name)
        .collect();
    assert_eq!(found.len(), 1, "{pallet}.{name} in {:?}", i.events);
    found[0]
}

fn field(e: &taolight_core::tx::events::Event, index: usize) -> u64 {
    event_u64(e, &index.to_string()).unwrap_or_else(|| panic!("field {index} of {e:?}"))
}

/// Fee of a successful inclusion, equal to the plan's estimate.
fn fee_of(plan: &Plan, i: &Inclusion) -> u64 {
    assert!(i.success, "failed: {:?}", i.error);
    let fee = i.fee_paid.expect("TransactionFeePaid");
    assert_eq!(
        fee, plan.fee.partial_fee,
        "fee paid = query_info's estimate for the signed shape"
    );
    fee
}

/// Share-pool value of a position after `deposit` / `withdraw` of `amount` alpha.
fn position_after(
    mut hotkey_pool: SharePool,
    share: Option<SafeFloat>,
    deposit: bool,
    amount: u64,
) -> u64 {
    let mut share = share.unwrap_or(SafeFloat::ZERO);
    if deposit {
        hotkey_pool.deposit(&mut share, amount);
    } else {
        hotkey_pool.withdraw(&mut share, amount);
    }
    hotkey_pool.value_of(&share)
}

fn alpha_of(p: &Option<StakePosition>) -> u64 {
    p.as_ref().map_or(0, |p| p.alpha)
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/64-wallet.sh)"]
fn wallet_flows_through_the_light_client() {
    with_watchdog(WATCHDOG, || {
        let devnet = Devnet::from_env();
        let spec = devnet.spec();
        let client = (1..=3)
            .find_map(|attempt| {
                let client = LightClient::start(LightClientConfig::new(spec.clone())).unwrap();
                match block_on(client.finalized_head()) {
                    Ok(_) => Some(client),
                    Err(e) if attempt < 3 => {
                        eprintln!("light client not ready ({e}); starting again");
                        client.stop();
                        None
                    }
                    Err(e) => panic!("light client not ready after 3 starts: {e}"),
                }
            })
            .unwrap();
        let wallet = Wallet::new(client.clone(), WalletConfig::default());
        let o = Oracle::new(devnet.clone());

        let alice = key("//Alice");
        let charlie = key("//Charlie");
        let dave = key("//Dave");
        let eve = key("//Eve");
        let ferdie = key("//Ferdie");
        let hk1 = key("//Hotkey1").public();
        let hk2 = key("//Hotkey2").public();
        let bob = key("//Bob").public();
        let everyone = [
            alice.public(),
            bob,
            charlie.public(),
            dave.public(),
            eve.public(),
            ferdie.public(),
        ];

        // ---- stake: add_stake_limit at the default 0.5 % tolerance ----
        eprintln!("stake");
        let tao = 10 * TAO + 123;
        let plan = block_on(wallet.stake(&dave.public(), &hk1, 1, tao, Slippage::default()))
            .expect("stake plan");
        let PlanQuote::Swap(q) = plan.quote else {
            panic!("{:?}", plan.quote)
        };
        let pool_at_plan = o.pool(&plan.at.hash, 1);
        assert_eq!(
            plan.limit_price,
            Some(
                pool_at_plan
                    .buy_limit_for_tolerance(5_000_000)
                    .expect("limit")
            )
        );
        assert!(matches!(
            plan.action,
            Action::Stake { tao: t, allow_partial: false, .. } if t == tao
        ));
        let i = run(&wallet, &plan, &dave);
        let fee = fee_of(&plan, &i);
        let parent = o.parent(&i.block);
        let mut pool = o.pool(&parent, 1);
        assert_eq!(pool, pool_at_plan, "nothing else moved the pool");
        let hp = o.hotkey_pool(&parent, &hk1, 1, &everyone);
        let before = o.account(&parent, &dave.public());
        let pos_before = o.position(&parent, &dave.public(), &hk1, 1);
        let out = pool
            .add_stake_limit(tao, plan.limit_price.unwrap(), false)
            .expect("chain-side prediction");
        assert_eq!(plan.expected_out, out.swap.amount_paid_out);
        assert_eq!(q.fee, out.swap.fee_paid);
        assert_eq!(o.pool(&i.block, 1), pool, "pool after = predicted");
        assert_eq!(
            o.account(&i.block, &dave.public()).free,
            before.free - out.tao_spent - fee
        );
        let e = event(&i, "SubtensorModule", "StakeAdded");
        assert_eq!(
            (field(e, 2), field(e, 3), field(e, 5)),
            (out.tao_spent, out.swap.amount_paid_out, out.swap.fee_paid)
        );
        let pos = o.position(&i.block, &dave.public(), &hk1, 1);
        assert_eq!(
            alpha_of(&pos),
            position_after(
                hp,
                pos_before.map(|p| p.share),
                true,
                out.swap.amount_paid_out
            )
        );

        // ---- unstake: remove_stake_limit of part of the position ----
        eprintln!("unstake");
        let held = alpha_of(&pos);
        let alpha = held / 3;
        let plan = block_on(wallet.unstake(&dave.public(), &hk1, 1, alpha, Slippage::default()))
            .expect("unstake plan");
        let i = run(&wallet, &plan, &dave);
        let fee = fee_of(&plan, &i);
        let parent = o.parent(&i.block);
        let mut pool = o.pool(&parent, 1);
        assert_eq!(pool, o.pool(&plan.at.hash, 1));
        let before = o.account(&parent, &dave.public());
        let pos_before = o.position(&parent, &dave.public(), &hk1, 1).unwrap();
        let out = pool
            .remove_stake_limit(alpha, plan.limit_price.unwrap(), false, false)
            .expect("prediction");
        assert_eq!(plan.expected_out, out.swap.amount_paid_out);
        assert_eq!(o.pool(&i.block, 1), pool);
        assert_eq!(
            o.account(&i.block, &dave.public()).free,
            before.free + out.swap.amount_paid_out - fee
        );
        let e = event(&i, "SubtensorModule", "StakeRemoved");
        assert_eq!(
            (field(e, 2), field(e, 3), field(e, 5)),
            (out.swap.amount_paid_out, out.alpha_spent, out.swap.fee_paid)
        );
        assert_eq!(
            alpha_of(&o.position(&i.block, &dave.public(), &hk1, 1)),
            position_after(
                pos_before.hotkey_pool,
                Some(pos_before.share),
                false,
                out.alpha_spent
            )
        );

        // ---- unstake_full: remove_stake_full_limit of the rest ----
        eprintln!("unstake_full");
        let plan = block_on(wallet.unstake_full(&dave.public(), &hk1, 1, Slippage::default()))
            .expect("unstake_full plan");
        let Action::UnstakeFull { alpha, .. } = plan.action else {
            panic!()
        };
        let i = run(&wallet, &plan, &dave);
        let fee = fee_of(&plan, &i);
        let parent = o.parent(&i.block);
        let mut pool = o.pool(&parent, 1);
        let before = o.account(&parent, &dave.public());
        assert_eq!(
            alpha,
            alpha_of(&o.position(&parent, &dave.public(), &hk1, 1))
        );
        let out = pool
            .remove_stake_limit(alpha, plan.limit_price.unwrap(), false, true)
            .expect("prediction");
        assert_eq!(plan.expected_out, out.swap.amount_paid_out);
        assert_eq!(o.pool(&i.block, 1), pool);
        assert_eq!(
            o.account(&i.block, &dave.public()).free,
            before.free + out.swap.amount_paid_out - fee
        );
        assert_eq!(o.position(&i.block, &dave.public(), &hk1, 1), None);

        // ---- transfer (keep-alive), signed offline: payload JSON → phrase device → submit ----
        eprintln!("transfer (offline signature)");
        let plan = block_on(wallet.transfer(&dave.public(), &ferdie.public(), 3 * TAO + 7, true))
            .expect("transfer plan");
        assert!(matches!(
            plan.action,
            Action::Transfer {
                keep_alive: true,
                ..
            }
        ));
        assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
        let json = plan.payload.to_json();
        let signature = SigningPayload::from_json(&json)
            .unwrap()
            .sign(&key("//Dave"))
            .unwrap();
        let mut sub = block_on(wallet.submit_signed(&plan, &signature)).expect("submit signed");
        let i = follow(&mut sub);
        let fee = fee_of(&plan, &i);
        let parent = o.parent(&i.block);
        assert_eq!(
            o.account(&i.block, &dave.public()).free,
            o.account(&parent, &dave.public()).free - (3 * TAO + 7) - fee
        );
        assert_eq!(
            o.account(&i.block, &ferdie.public()).free,
            o.account(&parent, &ferdie.public()).free + 3 * TAO + 7
        );
        assert_eq!(field(event(&i, "Balances", "Transfer"), 2), 3 * TAO + 7);

        // ---- stale nonce: the same plan again ----
        eprintln!("stale nonce");
        let again = block_on(wallet.submit_signed(&plan, &signature));
        assert!(
            matches!(again, Err(WalletError::NonceChanged { planned, next }) if next == planned + 1),
            "{again:?}"
        );

        // ---- transfer allow-death: reaping warned, account gone ----
        eprintln!("transfer allow_death (reaping)");
        let temp = key("//W1Temp");
        let plan = block_on(wallet.transfer(&dave.public(), &temp.public(), TAO, true)).unwrap();
        run(&wallet, &plan, &dave);
        let keep = block_on(wallet.transfer(&temp.public(), &dave.public(), TAO / 2, true))
            .expect("keep-alive transfer of half");
        let too_much = TAO - keep.fee.partial_fee - 100;
        let refused = block_on(wallet.transfer(&temp.public(), &dave.public(), too_much, true));
        assert_eq!(
            refused.unwrap_err(),
            WalletError::InsufficientBalance {
                needed: TAO - 100,
                available: TAO - 500
            },
            "keep-alive refuses to go below the ED"
        );
        let probe = block_on(wallet.transfer(&temp.public(), &dave.public(), TAO / 2, false))
            .expect("allow-death probe");
        let all_but_dust = TAO - probe.fee.partial_fee - 100;
        let plan = block_on(wallet.transfer(&temp.public(), &dave.public(), all_but_dust, false))
            .expect("allow-death plan");
        assert_eq!(
            plan.warnings,
            vec![Warning::AccountReaped {
                remaining: TAO - all_but_dust - plan.fee.partial_fee
            }]
        );
        let i = run(&wallet, &plan, &temp);
        assert!(i.success);
        // Reaped: the same as an account that never existed.
        assert_eq!(
            o.account(&i.block, &temp.public()),
            o.account(&i.block, &key("//W1NeverUsed").public())
        );
        assert_eq!(o.account(&i.block, &temp.public()).free, 0);
        assert!(
            i.events
                .iter()
                .any(|e| e.name == "DustLost" || e.name == "KilledAccount")
        );

        // ---- move_stake: Alice, Hotkey1 on 1 → Hotkey2 on 2 ----
        eprintln!("move_stake");
        let alpha = 40 * TAO;
        let plan = block_on(wallet.move_stake(&alice.public(), &hk1, &hk2, 1, 2, alpha))
            .expect("move plan");
        assert!(plan.warnings.contains(&Warning::NoPriceProtection));
        let i = run(&wallet, &plan, &alice);
        let fee = fee_of(&plan, &i);
        let parent = o.parent(&i.block);
        let (mut p1, mut p2) = (o.pool(&parent, 1), o.pool(&parent, 2));
        let hp2 = o.hotkey_pool(&parent, &hk2, 2, &everyone);
        let from = o.position(&parent, &alice.public(), &hk1, 1).unwrap();
        let to = o.position(&parent, &alice.public(), &hk2, 2);
        let before = o.account(&parent, &alice.public());
        let mv = stake::move_stake(&mut p1, &mut p2, alpha, false).expect("prediction");
        let alpha_out = mv.stake.expect("leg 2").swap.amount_paid_out;
        assert_eq!(plan.expected_out, alpha_out);
        assert_eq!((o.pool(&i.block, 1), o.pool(&i.block, 2)), (p1, p2));
        // Alice is also the block author: she receives the swap fee's TAO (fees are burned).
        let author = mv.unstake.author_tao + mv.stake.map_or(0, |s| s.author_tao);
        assert_eq!(
            o.account(&i.block, &alice.public()).free,
            before.free - fee + author
        );
        assert_eq!(
            alpha_of(&o.position(&i.block, &alice.public(), &hk1, 1)),
            position_after(from.hotkey_pool, Some(from.share), false, alpha)
        );
        assert_eq!(
            alpha_of(&o.position(&i.block, &alice.public(), &hk2, 2)),
            position_after(hp2, to.map(|p| p.share), true, alpha_out)
        );
        event(&i, "SubtensorModule", "StakeMoved");

        // ---- transfer_stake: Alice → Charlie, Hotkey1, subnet 1 → 1 (no swap) ----
        eprintln!("transfer_stake");
        let alpha = 25 * TAO;
        let plan =
            block_on(wallet.transfer_stake(&alice.public(), &charlie.public(), &hk1, 1, 1, alpha))
                .expect("transfer_stake plan");
        assert_eq!(plan.quote, PlanQuote::None);
        assert_eq!(plan.expected_out, alpha);
        let i = run(&wallet, &plan, &alice);
        let fee = fee_of(&plan, &i);
        let parent = o.parent(&i.block);
        assert_eq!(o.pool(&i.block, 1), o.pool(&parent, 1), "no swap");
        let from = o.position(&parent, &alice.public(), &hk1, 1).unwrap();
        let to = o.position(&parent, &charlie.public(), &hk1, 1);
        let mut hp = from.hotkey_pool;
        let (mut s_from, mut s_to) = (from.share, to.map_or(SafeFloat::ZERO, |p| p.share));
        hp.withdraw(&mut s_from, alpha);
        hp.deposit(&mut s_to, alpha);
        assert_eq!(
            alpha_of(&o.position(&i.block, &alice.public(), &hk1, 1)),
            hp.value_of(&s_from)
        );
        assert_eq!(
            alpha_of(&o.position(&i.block, &charlie.public(), &hk1, 1)),
            hp.value_of(&s_to)
        );
        assert_eq!(
            o.account(&i.block, &alice.public()).free,
            o.account(&parent, &alice.public()).free - fee
        );
        event(&i, "SubtensorModule", "StakeTransferred");

        // ---- swap_stake_limit: Alice, Hotkey1, 1 → 2 ----
        eprintln!("swap_stake_limit");
        let alpha = 30 * TAO;
        let plan = block_on(wallet.swap_stake(
            &alice.public(),
            &hk1,
            1,
            2,
            alpha,
            Some(Slippage {
                tolerance_bps: 500,
                allow_partial: false,
            }),
        ))
        .expect("swap plan");
        let PlanQuote::Move(mq) = plan.quote else {
            panic!("{:?}", plan.quote)
        };
        assert_eq!(plan.limit_price, Some(mq.limit_price));
        assert!(matches!(
            plan.action,
            Action::SwapStake { limit: Some(_), .. }
        ));
        let i = run(&wallet, &plan, &alice);
        let fee = fee_of(&plan, &i);
        let parent = o.parent(&i.block);
        let (mut p1, mut p2) = (o.pool(&parent, 1), o.pool(&parent, 2));
        let max = stake::max_amount_move(&p1, &p2, mq.limit_price).expect("max");
        assert!(alpha <= max, "fill-or-kill executable: {alpha} ≤ {max}");
        let hp2 = o.hotkey_pool(&parent, &hk1, 2, &everyone);
        let to = o.position(&parent, &alice.public(), &hk1, 2);
        let mv = stake::move_stake(&mut p1, &mut p2, alpha, false).expect("prediction");
        let alpha_out = mv.stake.expect("leg 2").swap.amount_paid_out;
        assert_eq!(plan.expected_out, alpha_out);
        assert_eq!((o.pool(&i.block, 1), o.pool(&i.block, 2)), (p1, p2));
        assert_eq!(
            alpha_of(&o.position(&i.block, &alice.public(), &hk1, 2)),
            position_after(hp2, to.map(|p| p.share), true, alpha_out)
        );
        let author = mv.unstake.author_tao + mv.stake.map_or(0, |s| s.author_tao);
        assert_eq!(
            o.account(&i.block, &alice.public()).free,
            o.account(&parent, &alice.public()).free - fee + author
        );
        event(&i, "SubtensorModule", "StakeSwapped");

        // ---- unstake_all_alpha, then unstake_all: Charlie on Hotkey1 ----
        eprintln!("unstake_all_alpha");
        let plan = block_on(wallet.unstake_all_alpha(&charlie.public(), &hk1)).expect("plan");
        let PlanQuote::Positions(ref positions) = plan.quote else {
            panic!("{:?}", plan.quote)
        };
        assert_eq!(positions.len(), 1, "{positions:?}");
        let i = run(&wallet, &plan, &charlie);
        let fee = fee_of(&plan, &i);
        let parent = o.parent(&i.block);
        let mut p1 = o.pool(&parent, 1);
        let held = o
            .position(&parent, &charlie.public(), &hk1, 1)
            .unwrap()
            .alpha;
        let root_before = o.position(&parent, &charlie.public(), &hk1, 0);
        let hp0 = o.hotkey_pool(&parent, &hk1, 0, &everyone);
        let out = p1
            .unstake(held, stake::MIN_PRICE_RAO, false)
            .expect("prediction");
        assert_eq!(plan.expected_out, out.swap.amount_paid_out);
        assert_eq!(o.pool(&i.block, 1), p1);
        assert_eq!(o.position(&i.block, &charlie.public(), &hk1, 1), None);
        assert_eq!(
            alpha_of(&o.position(&i.block, &charlie.public(), &hk1, 0)),
            position_after(
                hp0,
                root_before.map(|p| p.share),
                true,
                out.swap.amount_paid_out
            )
        );
        assert_eq!(
            o.account(&i.block, &charlie.public()).free,
            o.account(&parent, &charlie.public()).free - fee
        );

        eprintln!("unstake_all");
        let plan = block_on(wallet.unstake_all(&charlie.public(), &hk1)).expect("plan");
        let i = run(&wallet, &plan, &charlie);
        let fee = fee_of(&plan, &i);
        let parent = o.parent(&i.block);
        let root = o
            .position(&parent, &charlie.public(), &hk1, 0)
            .unwrap()
            .alpha;
        assert_eq!(plan.expected_out, root, "root unstakes 1:1");
        assert_eq!(o.positions(&i.block, &charlie.public()), vec![]);
        assert_eq!(
            o.account(&i.block, &charlie.public()).free,
            o.account(&parent, &charlie.public()).free + root - fee
        );

        // ---- failure paths ----
        eprintln!("failure paths");
        let fin = o.finalized_hash();
        let eve_before = o.account(&fin, &eve.public());
        // Below the minimum stake (2_000_000 + fee(2_000_000) = 2_001_007 at fee rate 33).
        let r = block_on(wallet.stake(&eve.public(), &hk1, 1, 2_001_006, Slippage::default()));
        assert_eq!(
            r.unwrap_err(),
            WalletError::BelowMinimumStake {
                amount: 2_001_006,
                minimum: 2_001_007
            }
        );
        // Insufficient balance (keep-alive: free − ED).
        let r = block_on(wallet.stake(
            &eve.public(),
            &hk1,
            1,
            eve_before.free,
            Slippage {
                tolerance_bps: 9_000,
                allow_partial: true,
            },
        ));
        assert!(
            matches!(r, Err(WalletError::InsufficientBalance { available, .. }) if available == eve_before.free - 500),
            "{r:?}"
        );
        // Unstaking more than the position; unknown subnet; fill-or-kill over the limit.
        let r = block_on(wallet.unstake(&eve.public(), &hk1, 1, TAO, Slippage::default()));
        assert_eq!(
            r.unwrap_err(),
            WalletError::InsufficientStake {
                requested: TAO,
                available: 0
            }
        );
        let r = block_on(wallet.stake(&eve.public(), &hk1, 77, TAO, Slippage::default()));
        assert_eq!(r.unwrap_err(), WalletError::UnknownSubnet(77));
        let r = block_on(wallet.stake(&eve.public(), &hk1, 1, 5_000 * TAO, Slippage::default()));
        assert!(
            matches!(r, Err(WalletError::LimitExceeded { amount, max_at_limit }) if amount == 5_000 * TAO && max_at_limit < amount),
            "{r:?}"
        );

        // Expired era: a 4-block era, submitted after it ended.
        let short_era = Wallet::new(
            client.clone(),
            WalletConfig {
                era_period: Some(4),
                ..WalletConfig::default()
            },
        );
        let plan =
            block_on(short_era.transfer(&eve.public(), &dave.public(), TAO, true)).expect("plan");
        let birth = plan.at.number;
        loop {
            let best = block_on(client.best_head()).unwrap();
            if best.number >= birth + 5 {
                break;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        let r = block_on(short_era.submit(&plan, &eve));
        assert!(
            matches!(r, Err(WalletError::EraExpired { birth: b, death, .. }) if b == birth && death == birth + 4),
            "{r:?}"
        );

        // The limit exceeded on chain: Eve's fill-or-kill stake of exactly what the limit allows
        // now, then Ferdie's stake moves the price (still under Eve's limit) before Eve's is
        // included: SubtensorModule.SlippageTooHigh, only the fee charged, stake unchanged.
        let probe = block_on(wallet.stake(&eve.public(), &hk1, 2, TAO, Slippage::default()))
            .expect("probe");
        let PlanQuote::Swap(pq) = probe.quote else {
            panic!()
        };
        let eve_plan =
            block_on(wallet.stake(&eve.public(), &hk1, 2, pq.max_at_limit, Slippage::default()))
                .expect("eve plan at the limit");
        let ferdie_plan = block_on(wallet.stake(
            &ferdie.public(),
            &hk1,
            2,
            pq.max_at_limit / 4,
            Slippage::default(),
        ))
        .expect("ferdie plan");
        run(&wallet, &ferdie_plan, &ferdie);
        let i = run(&wallet, &eve_plan, &eve);
        assert!(!i.success);
        assert_eq!(i.error.as_deref(), Some("SubtensorModule.SlippageTooHigh"));
        let parent = o.parent(&i.block);
        let fee = i.fee_paid.expect("fee charged");
        assert_eq!(fee, eve_plan.fee.partial_fee);
        assert_eq!(
            o.account(&i.block, &eve.public()).free,
            o.account(&parent, &eve.public()).free - fee
        );
        assert_eq!(o.pool(&i.block, 2), o.pool(&parent, 2));
        assert_eq!(
            o.positions(&i.block, &eve.public()),
            o.positions(&parent, &eve.public())
        );
        // Nothing Eve planned before changed her balance but that fee.
        assert_eq!(
            o.account(&i.block, &eve.public()).free,
            eve_before.free - fee
        );

        client.stop();
    })
}
