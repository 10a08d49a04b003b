//! The devnet chain specs: genesis accounts, subnets, pools and stake positions.
//!
//! `devnet` runs the runtime with Finney's stub `BabeApi`; `devnet-plain` the same runtime
//! without it. Both have the same genesis state apart from the runtime code.
use polkadot_sdk::{
    sc_service::{ChainType, Properties},
    sp_core::{Pair, Public, ed25519, sr25519},
    sp_runtime::AccountId32,
};
use serde_json::{Value, json};

/// The chain spec type (no extensions).
pub type ChainSpec = polkadot_sdk::sc_service::GenericChainSpec;

/// Peer id of the fixed node key 0x00…01.
pub const PEER_ID: &str = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
/// Default p2p TCP port (`/ip4/127.0.0.1/tcp/30333`).
pub const P2P_TCP_PORT: u16 = 30333;
/// Default p2p WebSocket port (`/ip4/127.0.0.1/tcp/30334/ws`).
pub const P2P_WS_PORT: u16 = 30334;

/// 1 TAO in rao.
pub const TAO: u64 = 1_000_000_000;

/// Which runtime the spec carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// AuraApi and Finney's stub BabeApi.
    BabeStub,
    /// AuraApi only.
    Plain,
}

fn public<P: Public>(seed: &str) -> P
where
    P::Pair: Pair<Public = P>,
{
    <P::Pair as Pair>::from_string(seed, None)
        .expect("static dev seeds are valid")
        .public()
}

/// The sr25519 account of a dev seed such as `//Alice`.
pub fn account(seed: &str) -> AccountId32 {
    AccountId32::from(public::<sr25519::Public>(seed).0)
}

fn ss58(seed: &str) -> String {
    use polkadot_sdk::sp_core::crypto::Ss58Codec;
    account(seed).to_ss58check()
}

/// Genesis: six funded dev accounts, Alice as Aura/GRANDPA authority and sudo (Bob as well when
/// `two_authorities`), root + two dynamic subnets, two hotkeys and a few stake positions.
pub fn genesis_patch(two_authorities: bool) -> Value {
    let authorities: &[&str] = if two_authorities {
        &["//Alice", "//Bob"]
    } else {
        &["//Alice"]
    };
    let aura: Vec<String> = authorities
        .iter()
        .map(|s| {
            use polkadot_sdk::sp_core::crypto::Ss58Codec;
            public::<sr25519::Public>(s).to_ss58check()
        })
        .collect();
    let grandpa: Vec<Value> = authorities
        .iter()
        .map(|s| {
            use polkadot_sdk::sp_core::crypto::Ss58Codec;
            json!([public::<ed25519::Public>(s).to_ss58check(), 1])
        })
        .collect();
    let funded = [
        "//Alice",
        "//Bob",
        "//Charlie",
        "//Dave",
        "//Eve",
        "//Ferdie",
    ];
    let balances: Vec<Value> = funded
        .iter()
        .map(|s| json!([ss58(s), 1_000_000 * TAO]))
        .collect();
    json!({
        "balances": { "balances": balances },
        "aura": { "authorities": aura },
        "grandpa": { "authorities": grandpa },
        "sudo": { "key": ss58("//Alice") },
        "subtensorModule": {
            "subnets": [
                { "netuid": 0, "mechanism": 0, "tao_in": 0, "alpha_in": 0,
                  "symbol": "\u{03a4}".as_bytes() },
                { "netuid": 1, "mechanism": 1, "tao_in": 10_000 * TAO, "alpha_in": 50_000 * TAO,
                  "symbol": "\u{03b1}".as_bytes() },
                { "netuid": 2, "mechanism": 1, "tao_in": 5_000 * TAO, "alpha_in": 20_000 * TAO,
                  "symbol": "\u{03b2}".as_bytes() },
            ],
            "hotkeys": [
                [ss58("//Hotkey1"), ss58("//Alice")],
                [ss58("//Hotkey2"), ss58("//Bob")],
            ],
            "stakes": [
                [ss58("//Hotkey1"), ss58("//Alice"), 1, 1_000 * TAO],
                [ss58("//Hotkey1"), ss58("//Charlie"), 1, 500 * TAO],
                [ss58("//Hotkey2"), ss58("//Bob"), 2, 800 * TAO],
                [ss58("//Hotkey1"), ss58("//Alice"), 0, 100 * TAO],
            ],
        },
        "swap": {
            "pools": [[1, 500_000_000_000_000_000u64, 33], [2, 499_123_456_789_012_345u64, 33]],
        },
    })
}

/// Chain properties as Finney's testnet: SS58 42, 9 decimals, "testTAO".
pub fn properties() -> Properties {
    let mut p = Properties::new();
    p.insert("ss58Format".into(), 42.into());
    p.insert("tokenDecimals".into(), 9.into());
    p.insert("tokenSymbol".into(), "testTAO".into());
    p
}

/// The devnet chain spec of `variant`; `two`: Alice and Bob are both authorities, so
/// finality needs both nodes.
pub fn devnet(variant: Variant, two: bool) -> Result<ChainSpec, String> {
    let (code, mut id, mut name) = match variant {
        Variant::BabeStub => (
            taolight_devnet_runtime::wasm_stub::WASM_BINARY,
            "taolight_devnet",
            "taolight devnet",
        ),
        Variant::Plain => (
            taolight_devnet_runtime::wasm_plain::WASM_BINARY,
            "taolight_devnet_plain",
            "taolight devnet (plain)",
        ),
    };
    if two {
        id = "taolight_devnet_two_authorities";
        name = "taolight devnet (Alice + Bob)";
    }
    let code = code.ok_or("runtime wasm not built (SKIP_WASM_BUILD?)")?;
    let boot_nodes = [
        format!("/ip4/127.0.0.1/tcp/{P2P_TCP_PORT}/p2p/{PEER_ID}"),
        format!("/ip4/127.0.0.1/tcp/{P2P_WS_PORT}/ws/p2p/{PEER_ID}"),
    ]
    .iter()
    .map(|a| a.parse().map_err(|e| format!("bad boot node {a}: {e:?}")))
    .collect::<Result<Vec<_>, String>>()?;
    Ok(ChainSpec::builder(code, Default::default())
        .with_name(name)
        .with_id(id)
        .with_chain_type(ChainType::Local)
        .with_protocol_id(id)
        .with_boot_nodes(boot_nodes)
        .with_properties(properties())
        .with_genesis_config_patch(genesis_patch(two))
        .build())
}
