//! Chain-spec tests on the published Bittensor testnet spec (read from ../shared/data, never
//! copied into the repo) and on small hand-made specs.

use super::*;

/// Genesis hash of the Bittensor testnet, as published with the spec (shared/data/README.md)
/// and reported by the live chain's `chain_getBlockHash(0)`.
const TESTFINNEY_GENESIS: &str =
    "0x8f9cf856bf558a14440e75569c9e58594757048d7b3a84b5d25f6bd978263105";

fn testfinney() -> String {
    let path = format!(
        "{}/../../shared/data/chain-specs/testfinney-raw.json",
        std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("the shared testfinney spec is readable")
}

/// Replaces the first occurrence of `from` (which must exist) in `text`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "test fixture lacks {from}");
    text.replacen(from, to, 1)
}

#[test]
fn testfinney_genesis_hash_matches_the_published_one() {
    let spec = ChainSpec::from_json(&testfinney()).unwrap();
    assert_eq!(spec.name(), "Bittensor");
    assert_eq!(spec.id(), "bittensor");
    assert_eq!(hash_hex(&spec.genesis_hash().unwrap()), TESTFINNEY_GENESIS);
    spec.expect_genesis_hash(&parse_hash(TESTFINNEY_GENESIS).unwrap())
        .unwrap();
    // Its only key smoldot does not need is the (empty) `codeSubstitutes`.
    assert_eq!(spec.removed_keys(), ["codeSubstitutes"]);
    assert_eq!(spec.block_number_bytes(), 4);
    assert_eq!(
        spec.bootnodes().unwrap(),
        [
            "/dns/bootnode.test.chain.opentensor.ai/tcp/30333/p2p/12D3KooWPM4mLcKJGtyVtkggqdG84zWrd7Rij6PGQDoijh1X86Vr"
        ]
    );
}

#[test]
fn sanitizing_drops_unknown_keys_and_code_substitutes_without_changing_the_chain() {
    let raw = testfinney();
    let extended = edit(
        &raw,
        "\"codeSubstitutes\": {}",
        "\"codeSubstitutes\": {\"2585476\": \"0x0061736d\"}, \
         \"grandpaWarpSyncCheckpoint\": {\"setId\": 3}, \"zzz\": 1",
    );
    // smoldot itself rejects the unknown key (blocker B5)...
    assert!(smoldot::chain_spec::ChainSpec::from_json_bytes(&extended).is_err());
    // ...the sanitized spec is accepted and is the same chain.
    let spec = ChainSpec::from_json(&extended).unwrap();
    assert_eq!(
        spec.removed_keys(),
        ["codeSubstitutes", "grandpaWarpSyncCheckpoint", "zzz"]
    );
    let json = spec.to_json();
    assert!(!json.contains("codeSubstitutes") && !json.contains("grandpaWarpSyncCheckpoint"));
    assert_eq!(hash_hex(&spec.genesis_hash().unwrap()), TESTFINNEY_GENESIS);
}

#[test]
fn altered_genesis_storage_gives_another_genesis_hash() {
    // System.Number-adjacent `:heappages`-free item: the first top-level storage value.
    let tampered = edit(
        &testfinney(),
        "\"0x26aa394eea5630e07c48ae0c9558cef74e7b9012096b41c4eb3aaf947f6ea429\": \"0x0000\"",
        "\"0x26aa394eea5630e07c48ae0c9558cef74e7b9012096b41c4eb3aaf947f6ea429\": \"0x0100\"",
    );
    let spec = ChainSpec::from_json(&tampered).unwrap();
    let hash = spec.genesis_hash().unwrap();
    assert_ne!(hash_hex(&hash), TESTFINNEY_GENESIS);
    match spec.expect_genesis_hash(&parse_hash(TESTFINNEY_GENESIS).unwrap()) {
        Err(ChainError::GenesisMismatch { expected, actual }) => {
            assert_eq!(expected, TESTFINNEY_GENESIS);
            assert_eq!(actual, hash_hex(&hash));
        }
        other => panic!("expected GenesisMismatch, got {other:?}"),
    }
}

#[test]
fn genesis_without_runtime_is_a_typed_error() {
    // Remove `:code` (0x3a636f6465): smoldot cannot build the genesis chain information.
    let raw = testfinney();
    let start = raw.find("\"0x3a636f6465\"").unwrap();
    let end = start + raw[start..].find(",\n").unwrap() + 2;
    let no_code = format!("{}{}", &raw[..start], &raw[end..]);
    let spec = ChainSpec::from_json(&no_code).unwrap();
    assert!(matches!(
        spec.genesis_hash(),
        Err(ChainError::BadGenesis(_))
    ));
}

#[test]
fn malformed_specs_are_typed_errors() {
    for bad in [
        "",
        "not json",
        "[1, 2]",
        r#"{"name": "x", "id": "x", "bootNodes": []}"#,
        r#"{"name": "x", "id": "x", "genesis": {"raw": {"top": {}, "childrenDefault": {}}}}"#,
        r#"{"name": 5, "id": "x", "bootNodes": [], "genesis": {"raw": {"top": {}, "childrenDefault": {}}}}"#,
        r#"{"name": "x", "id": "x", "bootNodes": [], "genesis": {"neither": 1}}"#,
        r#"{"name": "x", "id": "x", "bootNodes": 7, "genesis": {"raw": {"top": {}, "childrenDefault": {}}}}"#,
    ] {
        match ChainSpec::from_json(bad) {
            Err(ChainError::BadSpec(_)) => {}
            other => panic!("{bad:?}: expected BadSpec, got {other:?}"),
        }
    }
}

#[test]
fn state_root_only_spec_has_a_genesis_hash_from_its_root() {
    let root = "0x0000000000000000000000000000000000000000000000000000000000000001";
    let json =
        format!(r#"{{"name":"x","id":"x","bootNodes":[],"genesis":{{"stateRootHash":"{root}"}}}}"#);
    let spec = ChainSpec::from_json(&json).unwrap();
    // Independent computation: blake2b-256 of the SCALE header
    // parent(32×0) ‖ compact(0) ‖ state_root ‖ extrinsics_root(empty trie) ‖ compact(0 logs).
    let mut header = alloc::vec![0u8; 32];
    header.push(0);
    header.extend_from_slice(&parse_hash(root).unwrap());
    header.extend_from_slice(&smoldot::trie::EMPTY_BLAKE2_TRIE_MERKLE_VALUE);
    header.push(0);
    use blake2::Digest as _;
    let expected = blake2::Blake2b::<blake2::digest::consts::U32>::digest(&header);
    assert_eq!(&spec.genesis_hash().unwrap()[..], &expected[..]);
}

#[test]
fn bootnodes_can_be_overridden_and_are_validated() {
    let mut spec = ChainSpec::from_json(&testfinney()).unwrap();
    let local =
        "/ip4/127.0.0.1/tcp/30334/ws/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
    spec.set_bootnodes([local]).unwrap();
    assert_eq!(spec.bootnodes().unwrap(), [local]);
    assert!(spec.to_json().contains(local));
    assert!(matches!(
        spec.set_bootnodes(["/ip4/127.0.0.1/tcp/30334"]),
        Err(ChainError::BadSpec(_))
    ));
    assert!(matches!(
        spec.set_bootnodes(["garbage/p2p/xyz"]),
        Err(ChainError::BadSpec(_))
    ));
    // A failed override does not stick.
    assert_eq!(spec.bootnodes().unwrap(), [local]);
}
