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

/// A spec of the repo (`chain-specs/<name>.json`).
fn repo_spec(name: &str) -> String {
    let path = format!(
        "{}/../chain-specs/{name}.json",
        std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("the repo's devnet spec is readable")
}

/// The genesis hash smoldot computes when it builds the genesis chain information (it runs the
/// genesis runtime): the oracle for [`ChainSpec::genesis_hash`].
fn smoldot_genesis_hash(spec: &ChainSpec) -> [u8; 32] {
    let parsed = smoldot::chain_spec::ChainSpec::from_json_bytes(spec.to_json()).unwrap();
    let (info, _) = parsed.to_chain_information().unwrap();
    info.as_ref()
        .finalized_block_header
        .hash(usize::from(parsed.block_number_bytes()))
}

/// Replaces the genesis `:code` of a spec (JSON text) with `code`.
fn with_code(spec: &str, code: &[u8]) -> String {
    let mut json: serde_json::Value = serde_json::from_str(spec).unwrap();
    json["genesis"]["raw"]["top"]["0x3a636f6465"] = format!("0x{}", hex::encode(code)).into();
    json.to_string()
}

/// The genesis `:code` of a spec (JSON text).
fn code_of(spec: &str) -> Vec<u8> {
    let json: serde_json::Value = serde_json::from_str(spec).unwrap();
    let hex = json["genesis"]["raw"]["top"]["0x3a636f6465"]
        .as_str()
        .unwrap();
    hex::decode(hex.trim_start_matches("0x")).unwrap()
}

/// The sections of a wasm module (after its 8-byte header), each with its name if custom.
fn wasm_sections(wasm: &[u8]) -> Vec<(Option<String>, &[u8])> {
    fn leb128(bytes: &[u8], at: &mut usize) -> usize {
        let (mut value, mut shift) = (0usize, 0);
        loop {
            let b = bytes[*at];
            *at += 1;
            value |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return value;
            }
            shift += 7;
        }
    }
    assert_eq!(&wasm[..4], b"\0asm");
    let mut sections = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let id = wasm[at];
        at += 1;
        let size = leb128(wasm, &mut at);
        let body = at;
        let name = (id == 0).then(|| {
            let mut p = body;
            let len = leb128(wasm, &mut p);
            String::from_utf8(wasm[p..p + len].to_vec()).unwrap()
        });
        at = body + size;
        sections.push((name, &wasm[start..at]));
    }
    sections
}

/// `wasm` with only the sections `keep` accepts.
fn filter_wasm(wasm: &[u8], keep: impl Fn(Option<&str>) -> bool) -> Vec<u8> {
    let mut out = wasm[..8].to_vec();
    for (name, bytes) in wasm_sections(wasm) {
        if keep(name.as_deref()) {
            out.extend_from_slice(bytes);
        }
    }
    out
}

#[test]
fn genesis_hash_is_the_one_smoldot_builds_by_running_the_runtime() {
    // Plain wasm with an embedded version (devnet), zstd-compressed (testnet).
    for text in [repo_spec("devnet"), repo_spec("devnet-plain"), testfinney()] {
        let spec = ChainSpec::from_json(&text).unwrap();
        assert_eq!(spec.genesis_hash().unwrap(), smoldot_genesis_hash(&spec));
    }
}

#[test]
fn a_runtime_without_an_embedded_version_is_asked_for_it() {
    let text = repo_spec("devnet-plain");
    let code = code_of(&text);
    let stripped = filter_wasm(&code, |name| {
        !matches!(name, Some("runtime_version" | "runtime_apis"))
    });
    assert!(
        stripped.len() < code.len(),
        "the devnet runtime embeds its version"
    );
    let spec = ChainSpec::from_json(&with_code(&text, &stripped)).unwrap();
    let hash = spec.genesis_hash().unwrap();
    assert_eq!(hash, smoldot_genesis_hash(&spec));
    assert_ne!(
        hash,
        ChainSpec::from_json(&text).unwrap().genesis_hash().unwrap()
    );
}

#[test]
fn a_genesis_runtime_smoldot_cannot_use_fails_to_start_with_bad_genesis() {
    // Only the version sections: the genesis hash is computable, the runtime is not runnable.
    let text = repo_spec("devnet-plain");
    let husk = filter_wasm(&code_of(&text), |name| {
        matches!(name, Some("runtime_version" | "runtime_apis"))
    });
    let spec = ChainSpec::from_json(&with_code(&text, &husk)).unwrap();
    spec.genesis_hash().unwrap();
    match crate::chain::LightClient::start(crate::chain::LightClientConfig::new(spec)) {
        Err(ChainError::BadGenesis(_)) => {}
        other => panic!("expected BadGenesis, got {:?}", other.map(|_| "a client")),
    }
    // A corrupt compressed runtime is caught before smoldot sees it.
    let mut corrupt = ZSTD_PREFIX_FOR_TESTS.to_vec();
    corrupt.extend_from_slice(&[0x28, 0xb5, 0x2f, 0xfd, 0xff]);
    let spec = ChainSpec::from_json(&with_code(&text, &corrupt)).unwrap();
    assert!(matches!(
        spec.genesis_hash(),
        Err(ChainError::BadGenesis(_))
    ));
}

/// Substrate's prefix of a zstd-compressed runtime, written out independently of `genesis`.
const ZSTD_PREFIX_FOR_TESTS: [u8; 8] = [0x52, 0xbc, 0x53, 0x76, 0x46, 0xdb, 0x8e, 0x05];
