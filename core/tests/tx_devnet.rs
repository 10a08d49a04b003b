//! core::tx against the running devnet and an independent client (npm @polkadot/api 16 and
//! @polkadot-api/merkleize-metadata, through tests/tx/polkadotjs.mjs).
//!
//! Run by scripts/test.d/63-tx.sh, which starts a node and sets `TAOLIGHT_DEVNET_STATE` to its
//! state.env. By hand: `scripts/devnet.sh start`, then
//! `TAOLIGHT_DEVNET_STATE=~/.cache/taolight/devnet-run/state.env cargo test -p taolight-core --test tx_devnet -- --ignored --test-threads 1`.
#![cfg(feature = "tx")]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value as Json, json};
use taolight_core::keys::{CryptoType, Keypair, Mnemonic, PublicKey};
use taolight_core::tx::{
    self, ChainContext, MetadataHashInfo, MetadataHashMode, Mortality, SignedExtrinsic,
    SigningPayload, TxError, TxMetadata, TxParams, runtime_api,
};

const IGNORE: &str = "needs a running devnet (scripts/test.d/63-tx.sh)";

// ---------------------------------------------------------------- node access (HTTP JSON-RPC)

struct Node {
    host_port: String,
    state_file: String,
}

impl Node {
    fn from_env() -> Node {
        let state_file = std::env::var("TAOLIGHT_DEVNET_STATE").expect(IGNORE);
        let text = std::fs::read_to_string(&state_file).expect("state.env readable");
        let http = text
            .lines()
            .find_map(|l| l.strip_prefix("RPC_HTTP="))
            .expect("RPC_HTTP in state.env")
            .to_string();
        Node {
            host_port: http
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string(),
            state_file,
        }
    }

    /// One JSON-RPC call; returns `Ok(result)` or `Err(error object)`.
    fn call(&self, method: &str, params: Json) -> Result<Json, Json> {
        let body =
            json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
        let mut s = TcpStream::connect(&self.host_port).expect("connect to the devnet RPC");
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            s,
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
            self.host_port,
            body.len(),
            body
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8(raw).expect("utf-8 response");
        let (head, body) = text.split_once("\r\n\r\n").expect("HTTP response");
        let body = if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            dechunk(body)
        } else {
            body.to_string()
        };
        let v: Json = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("bad JSON from {method}: {e}: {body}"));
        match v.get("error") {
            Some(e) => Err(e.clone()),
            None => Ok(v["result"].clone()),
        }
    }

    fn ok(&self, method: &str, params: Json) -> Json {
        self.call(method, params)
            .unwrap_or_else(|e| panic!("{method} failed: {e}"))
    }

    fn state_call(&self, name: &str, params: &[u8], at: Option<&str>) -> Vec<u8> {
        let mut p = vec![json!(name), json!(hex0x(params))];
        if let Some(at) = at {
            p.push(json!(at));
        }
        unhex(self.ok("state_call", Json::Array(p)).as_str().unwrap())
    }

    fn metadata(&self) -> TxMetadata {
        let out = self.state_call("Metadata_metadata_at_version", &15u32.to_le_bytes(), None);
        TxMetadata::from_metadata_at_version_output(&out).expect("V15 metadata decodes")
    }

    fn context(&self) -> ChainContext {
        let v = self.ok("state_getRuntimeVersion", json!([]));
        ChainContext {
            genesis_hash: h32(self.ok("chain_getBlockHash", json!([0])).as_str().unwrap()),
            spec_version: v["specVersion"].as_u64().unwrap() as u32,
            transaction_version: v["transactionVersion"].as_u64().unwrap() as u32,
        }
    }

    fn hash_info(&self) -> MetadataHashInfo {
        let v = self.ok("state_getRuntimeVersion", json!([]));
        let p = self.ok("system_properties", json!([]));
        MetadataHashInfo {
            spec_name: v["specName"].as_str().unwrap().to_string(),
            spec_version: v["specVersion"].as_u64().unwrap() as u32,
            decimals: p["tokenDecimals"].as_u64().unwrap() as u8,
            token_symbol: p["tokenSymbol"].as_str().unwrap().to_string(),
        }
    }

    /// (number, hash) of the best block.
    fn best(&self) -> (u64, [u8; 32]) {
        let h = self.ok("chain_getHeader", json!([]));
        let number =
            u64::from_str_radix(h["number"].as_str().unwrap().trim_start_matches("0x"), 16)
                .unwrap();
        let hash = self.ok("chain_getBlockHash", json!([number]));
        (number, h32(hash.as_str().unwrap()))
    }

    fn block_hash(&self, number: u64) -> [u8; 32] {
        h32(self
            .ok("chain_getBlockHash", json!([number]))
            .as_str()
            .unwrap())
    }

    fn nonce(&self, who: &PublicKey) -> u32 {
        self.ok("system_accountNextIndex", json!([who.address()]))
            .as_u64()
            .unwrap() as u32
    }

    fn validate(&self, md: &TxMetadata, xt: &[u8]) -> runtime_api::Validity {
        let (_, best) = self.best();
        let params = runtime_api::validate_transaction_params(
            runtime_api::TransactionSource::External,
            xt,
            best,
        );
        let out = self.state_call(
            runtime_api::VALIDATE_TRANSACTION,
            &params,
            Some(&hex0x(&best)),
        );
        runtime_api::decode_validity(md, &out).expect("validity decodes")
    }

    fn submit(&self, xt: &[u8]) -> Result<Json, Json> {
        self.call("author_submitExtrinsic", json!([hex0x(xt)]))
    }

    /// Waits (bounded by 30 new blocks) until `xt` is in a block of the best chain; returns the block number.
    fn wait_included(&self, xt: &[u8]) -> u64 {
        let want = hex0x(xt);
        let (start, _) = self.best();
        let mut next = start;
        let deadline = Instant::now() + Duration::from_secs(180);
        while next <= start + 30 && Instant::now() < deadline {
            let (best, _) = self.best();
            while next <= best {
                let hash = self.block_hash(next);
                let block = self.ok("chain_getBlock", json!([hex0x(&hash)]));
                if block["block"]["extrinsics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x.as_str() == Some(&want))
                {
                    return next;
                }
                next += 1;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        panic!("extrinsic not included within 30 blocks");
    }
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&tail[..n]);
        rest = &tail[n + 2..];
    }
    out
}

fn hex0x(b: &[u8]) -> String {
    format!("0x{}", hex::encode(b))
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s.trim_start_matches("0x")).expect("hex")
}

fn h32(s: &str) -> [u8; 32] {
    unhex(s).try_into().expect("32 bytes")
}

fn repo_root() -> PathBuf {
    PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs tests/tx/polkadotjs.mjs with a JSON input file; returns its JSON output.
fn polkadotjs(node: &Node, cmd: &str, input: &Json) -> Json {
    let dir = std::env::temp_dir().join(format!("taolight-tx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{cmd}.json"));
    std::fs::write(&file, input.to_string()).unwrap();
    let out = Command::new("node")
        .arg(repo_root().join("tests/tx/polkadotjs.mjs"))
        .arg(cmd)
        .arg(&file)
        .env("TAOLIGHT_DEVNET_STATE", &node.state_file)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "polkadotjs.mjs {cmd} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("polkadotjs.mjs prints JSON")
}

fn pk(uri: &str) -> PublicKey {
    Keypair::from_uri(uri, CryptoType::Sr25519)
        .unwrap()
        .public()
}

fn alice() -> Keypair {
    Keypair::from_uri("//Alice", CryptoType::Sr25519).unwrap()
}

// ---------------------------------------------------------------- the shared case list

/// One call in both encodings: ours (a typed constructor) and polkadot.js's (pallet, call, args).
struct Case {
    name: &'static str,
    ours: tx::Call,
    theirs: Json,
}

fn cases(md: &TxMetadata) -> Vec<Case> {
    let hot = pk("//Hotkey1");
    let hot2 = pk("//Hotkey2");
    let bob = pk("//Bob");
    let (h, h2, b) = (hot.address(), hot2.address(), bob.address());
    let sub =
        |call: &str, args: Json| json!({"pallet": "SubtensorModule", "call": call, "args": args});
    let bal = |call: &str, args: Json| json!({"pallet": "Balances", "call": call, "args": args});
    let big = u64::MAX - 1; // amounts near u64::MAX catch any truncation or compact mistakes
    let mut v = vec![
        Case {
            name: "transfer_allow_death",
            ours: tx::calls::transfer_allow_death(md, &bob, 1_500_000_000).unwrap(),
            theirs: bal("transfer_allow_death", json!([{"Id": b}, "1500000000"])),
        },
        Case {
            name: "transfer_keep_alive",
            ours: tx::calls::transfer_keep_alive(md, &bob, big).unwrap(),
            theirs: bal("transfer_keep_alive", json!([{"Id": b}, big.to_string()])),
        },
        Case {
            name: "transfer_all",
            ours: tx::calls::transfer_all(md, &bob, true).unwrap(),
            theirs: bal("transfer_all", json!([{"Id": b}, true])),
        },
        Case {
            name: "add_stake",
            ours: tx::calls::add_stake(md, &hot, 1, 1_000_000_000).unwrap(),
            theirs: sub("add_stake", json!([h, 1, "1000000000"])),
        },
        Case {
            name: "remove_stake",
            ours: tx::calls::remove_stake(md, &hot, 2, big).unwrap(),
            theirs: sub("remove_stake", json!([h, 2, big.to_string()])),
        },
        Case {
            name: "add_stake_limit",
            ours: tx::calls::add_stake_limit(md, &hot, 1, 1_000_000_000, 200_000_000, false)
                .unwrap(),
            theirs: sub(
                "add_stake_limit",
                json!([h, 1, "1000000000", "200000000", false]),
            ),
        },
        Case {
            name: "remove_stake_limit",
            ours: tx::calls::remove_stake_limit(md, &hot, 1, 5_000_000, 150_000_000, true).unwrap(),
            theirs: sub(
                "remove_stake_limit",
                json!([h, 1, "5000000", "150000000", true]),
            ),
        },
        Case {
            name: "remove_stake_full_limit_some",
            ours: tx::calls::remove_stake_full_limit(md, &hot, 1, Some(150_000_000)).unwrap(),
            theirs: sub("remove_stake_full_limit", json!([h, 1, "150000000"])),
        },
        Case {
            name: "remove_stake_full_limit_none",
            ours: tx::calls::remove_stake_full_limit(md, &hot, 1, None).unwrap(),
            theirs: sub("remove_stake_full_limit", json!([h, 1, null])),
        },
        Case {
            name: "unstake_all",
            ours: tx::calls::unstake_all(md, &hot).unwrap(),
            theirs: sub("unstake_all", json!([h])),
        },
        Case {
            name: "unstake_all_alpha",
            ours: tx::calls::unstake_all_alpha(md, &hot2).unwrap(),
            theirs: sub("unstake_all_alpha", json!([h2])),
        },
        Case {
            name: "move_stake",
            ours: tx::calls::move_stake(md, &hot, &hot2, 1, 2, 3_000_000).unwrap(),
            theirs: sub("move_stake", json!([h, h2, 1, 2, "3000000"])),
        },
        Case {
            name: "transfer_stake",
            ours: tx::calls::transfer_stake(md, &bob, &hot, 1, 65535, 4_000_000).unwrap(),
            theirs: sub("transfer_stake", json!([b, h, 1, 65535, "4000000"])),
        },
        Case {
            name: "swap_stake",
            ours: tx::calls::swap_stake(md, &hot, 1, 2, 5_000_000).unwrap(),
            theirs: sub("swap_stake", json!([h, 1, 2, "5000000"])),
        },
        Case {
            name: "swap_stake_limit",
            ours: tx::calls::swap_stake_limit(md, &hot, 1, 2, 5_000_000, 999_999_999, true)
                .unwrap(),
            theirs: sub(
                "swap_stake_limit",
                json!([h, 1, 2, "5000000", "999999999", true]),
            ),
        },
    ];
    let inner = vec![
        tx::calls::transfer_keep_alive(md, &bob, 12_345).unwrap(),
        tx::calls::add_stake_limit(md, &hot, 1, 2_001_007, u64::MAX, false).unwrap(),
        tx::calls::remove_stake_full_limit(md, &hot, 2, None).unwrap(),
    ];
    v.push(Case {
        name: "batch_all",
        ours: tx::calls::batch_all(md, &inner).unwrap(),
        theirs: json!({"pallet": "Utility", "call": "batch_all", "args": [[
            bal("transfer_keep_alive", json!([{"Id": b}, "12345"])),
            sub("add_stake_limit", json!([h, 1, "2001007", u64::MAX.to_string(), false])),
            sub("remove_stake_full_limit", json!([h, 2, null])),
        ]]}),
    });
    // Five limit stakes: the signing payload exceeds 256 bytes and is hashed before signing.
    let long: Vec<tx::Call> = (0..5u16)
        .map(|n| {
            tx::calls::add_stake_limit(
                md,
                &hot,
                n,
                2_001_007 + u64::from(n),
                1 << 40,
                n.is_multiple_of(2),
            )
            .unwrap()
        })
        .collect();
    let long_theirs: Vec<Json> = (0..5u16)
        .map(|n| {
            sub(
                "add_stake_limit",
                json!([
                    h,
                    n,
                    (2_001_007 + u64::from(n)).to_string(),
                    (1u64 << 40).to_string(),
                    n % 2 == 0
                ]),
            )
        })
        .collect();
    v.push(Case {
        name: "batch_all_long",
        ours: tx::calls::batch_all(md, &long).unwrap(),
        theirs: json!({"pallet": "Utility", "call": "batch_all", "args": [long_theirs]}),
    });
    v
}

/// The per-case signing parameters (fixed nonce, tip and era; modes and eras vary by case).
fn case_params(i: usize, block: (u64, [u8; 32]), metadata_hash: [u8; 32]) -> (TxParams, Json) {
    let nonce = [0u32, 1, 63, 64, 16_383, 16_384, u32::MAX][i % 7];
    let tip = [0u64, 1, 1_000_000_000, u64::MAX][i % 4];
    let mortal = i % 3 != 2;
    let period = [64u64, 4, 1024][i % 3];
    let mode1 = i.is_multiple_of(2);
    let params = TxParams {
        nonce,
        tip,
        mortality: if mortal {
            Mortality::Mortal {
                period,
                number: block.0,
                hash: block.1,
            }
        } else {
            Mortality::Immortal
        },
        metadata_hash: if mode1 {
            MetadataHashMode::Enabled(metadata_hash)
        } else {
            MetadataHashMode::Disabled
        },
    };
    let ctx = json!({
        "nonce": nonce, "tip": tip.to_string(),
        "era_period": if mortal { period } else { 0 }, "block_number": block.0, "block_hash": hex0x(&block.1),
        "metadata_hash": if mode1 { json!(hex0x(&metadata_hash)) } else { Json::Null },
    });
    (params, ctx)
}

// ---------------------------------------------------------------- tests

#[test]
#[ignore = "needs a running devnet (scripts/test.d/63-tx.sh)"]
fn calls_payloads_and_extrinsics_equal_polkadotjs() {
    let node = Node::from_env();
    let md = node.metadata();
    let ctx = node.context();
    let our_hash = md.metadata_hash(&node.hash_info()).unwrap();
    // A block number with a non-trivial phase for every period tried.
    let block = (1_000_003u64, [0x5a; 32]);
    let ed = Keypair::from_uri("//TxTest", CryptoType::Ed25519).unwrap();
    let sr = alice();
    let all = cases(&md);
    let mut input_cases = Vec::new();
    let mut ours = Vec::new();
    for (i, c) in all.iter().enumerate() {
        let (params, ctx_json) = case_params(i, block, our_hash);
        let mut theirs = c.theirs.clone();
        theirs["name"] = json!(c.name);
        theirs["ctx"] = ctx_json;
        input_cases.push(theirs);
        ours.push(params);
    }
    let out = polkadotjs(
        &node,
        "build",
        &json!({"ed25519_uri": "//TxTest", "sr25519_uri": "//Alice", "cases": input_cases}),
    );
    assert_eq!(out["genesis_hash"], json!(hex0x(&ctx.genesis_hash)));
    assert_eq!(
        out["ed25519_public"],
        json!(hex0x(&ed.public().0)),
        "same ed25519 key from //TxTest"
    );
    assert_eq!(
        out["metadata_hash"],
        json!(hex0x(&our_hash)),
        "RFC-0078 hash vs @polkadot-api/merkleize-metadata"
    );

    let mut verify_cases = Vec::new();
    let mut long_payloads = 0;
    for (i, c) in all.iter().enumerate() {
        let theirs = &out["cases"][i];
        assert_eq!(theirs["name"], json!(c.name));
        assert_eq!(
            theirs["call"],
            json!(hex0x(c.ours.bytes())),
            "{}: call bytes",
            c.name
        );

        let payload = SigningPayload::new(&md, &c.ours, &ed.public(), &ctx, &ours[i]).unwrap();
        assert_eq!(
            theirs["payload"],
            json!(hex0x(&payload.payload_bytes())),
            "{}: signing payload",
            c.name
        );
        if payload.payload_bytes().len() > 256 {
            long_payloads += 1;
        }

        // ed25519 is deterministic: the whole signed extrinsic must be identical.
        let sig = payload.sign(&ed).unwrap();
        let xt = payload.assemble(&sig).unwrap();
        assert_eq!(
            theirs["ed25519_extrinsic"],
            json!(hex0x(&xt.encode())),
            "{}: ed25519 extrinsic",
            c.name
        );

        // sr25519: theirs decodes with our code to the same parts and verifies with our code.
        let sr_payload = SigningPayload::new(&md, &c.ours, &sr.public(), &ctx, &ours[i]).unwrap();
        let their_sr =
            SignedExtrinsic::decode(&md, &unhex(theirs["sr25519_extrinsic"].as_str().unwrap()))
                .unwrap();
        assert_eq!(their_sr.signer, sr.public());
        assert_eq!(their_sr.crypto, CryptoType::Sr25519);
        assert_eq!(their_sr.call, c.ours.bytes());
        assert_eq!(
            their_sr.extra,
            sr_payload.extra(),
            "{}: sr25519 extra",
            c.name
        );
        their_sr
            .verify(&sr_payload.additional())
            .unwrap_or_else(|e| panic!("{}: their sr25519 signature: {e}", c.name));
        let mode1 = matches!(ours[i].metadata_hash, MetadataHashMode::Enabled(_));
        let additional = their_sr
            .additional(
                &md,
                &ctx,
                sr_payload.era_block_hash,
                mode1.then_some(our_hash),
            )
            .unwrap();
        assert_eq!(additional, sr_payload.additional());
        // A flipped bit in their signature must not verify.
        let mut bad = their_sr.clone();
        bad.signature.0[5] ^= 1;
        assert_eq!(
            bad.verify(&sr_payload.additional()),
            Err(TxError::BadSignature)
        );

        // Ours, sr25519, for polkadot.js to verify.
        let our_sr = sr_payload.assemble(&sr_payload.sign(&sr).unwrap()).unwrap();
        let mut vc = input_cases[i].clone();
        vc["extrinsic"] = json!(hex0x(&our_sr.encode()));
        verify_cases.push(vc);
    }
    assert!(
        long_payloads > 0,
        "at least one payload exceeds 256 bytes (hashed before signing)"
    );

    let verdict = polkadotjs(
        &node,
        "verify",
        &json!({"ed25519_uri": "//TxTest", "sr25519_uri": "//Alice", "cases": verify_cases}),
    );
    for (i, r) in verdict["results"].as_array().unwrap().iter().enumerate() {
        let c = &all[i];
        assert_eq!(
            r["call"],
            json!(hex0x(c.ours.bytes())),
            "{}: polkadot.js decodes our call",
            c.name
        );
        assert_eq!(r["nonce"], json!(ours[i].nonce));
        assert_eq!(r["tip"], json!(ours[i].tip.to_string()));
        assert_eq!(r["signer"], json!(hex0x(&sr.public().0)));
        assert_eq!(
            r["is_valid"],
            json!(true),
            "{}: polkadot.js verifies our sr25519 signature",
            c.name
        );
        assert_eq!(r["crypto"], json!("sr25519"));
    }
    assert_eq!(verdict["results"].as_array().unwrap().len(), all.len());
}

/// Builds, signs and encodes a transfer from Alice with the given params.
fn alice_transfer(
    md: &TxMetadata,
    ctx: &ChainContext,
    params: &TxParams,
    value: u64,
) -> SignedExtrinsic {
    let call = tx::calls::transfer_keep_alive(md, &pk("//Bob"), value).unwrap();
    let payload = SigningPayload::new(md, &call, &alice().public(), ctx, params).unwrap();
    payload.assemble(&payload.sign(&alice()).unwrap()).unwrap()
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/63-tx.sh)"]
fn metadata_hash_mode_1_is_accepted_and_a_wrong_hash_rejected() {
    let node = Node::from_env();
    let md = node.metadata();
    let ctx = node.context();
    assert!(md.has_metadata_hash_extension());
    let hash = md.metadata_hash(&node.hash_info()).unwrap();
    let best = node.best();
    let nonce = node.nonce(&alice().public());

    // One byte of the hash changed: the node rejects it (the signed payload differs from what the
    // runtime rebuilds with its own hash: BadProof), both in validation and on submission.
    let mut wrong = hash;
    wrong[31] ^= 0x01;
    let params = |h| TxParams {
        nonce,
        tip: 0,
        mortality: Mortality::mortal_from(best.0, best.1),
        metadata_hash: MetadataHashMode::Enabled(h),
    };
    let bad = alice_transfer(&md, &ctx, &params(wrong), 1_000_000);
    assert_eq!(
        node.validate(&md, &bad.encode()),
        runtime_api::Validity::Invalid("BadProof".into())
    );
    let err = node
        .submit(&bad.encode())
        .expect_err("wrong metadata hash must be rejected");
    assert_eq!(err["code"], json!(1010), "invalid transaction: {err}");

    // With our hash: valid, accepted, included, nonce consumed.
    let good = alice_transfer(&md, &ctx, &params(hash), 1_000_000);
    assert!(matches!(
        node.validate(&md, &good.encode()),
        runtime_api::Validity::Valid { .. }
    ));
    let submitted = node
        .submit(&good.encode())
        .expect("mode-1 transaction accepted");
    assert_eq!(
        submitted,
        json!(hex0x(&good.hash())),
        "node reports our transaction hash"
    );
    node.wait_included(&good.encode());
    assert_eq!(node.nonce(&alice().public()), nonce + 1);
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/63-tx.sh)"]
fn offline_flow_mnemonic_only_signer_then_submit() {
    let node = Node::from_env();
    let md = node.metadata();
    let ctx = node.context();
    let hash = md.metadata_hash(&node.hash_info()).unwrap();
    // A fresh mnemonic account, funded by Alice first.
    let mnemonic = Mnemonic::generate(12).unwrap();
    let phrase = mnemonic.phrase().to_string();
    let cold = Keypair::from_phrase(&phrase, None, CryptoType::Sr25519).unwrap();
    let best = node.best();
    let fund = alice_transfer_to(
        &md,
        &ctx,
        &cold.public(),
        10_000_000_000,
        node.nonce(&alice().public()),
        best,
    );
    node.submit(&fund.encode()).expect("funding accepted");
    node.wait_included(&fund.encode());

    // Side A (online, has metadata): build the payload, send it as JSON.
    let best = node.best();
    let call = tx::calls::add_stake(&md, &pk("//Hotkey1"), 1, 1_000_000_000).unwrap();
    let params = TxParams {
        nonce: node.nonce(&cold.public()),
        tip: 0,
        mortality: Mortality::mortal_from(best.0, best.1),
        metadata_hash: MetadataHashMode::Enabled(hash),
    };
    let payload = SigningPayload::new(&md, &call, &cold.public(), &ctx, &params).unwrap();
    assert!(
        payload
            .summary
            .starts_with("SubtensorModule.add_stake(hotkey: 5"),
        "{}",
        payload.summary
    );
    assert!(
        payload
            .summary
            .ends_with("netuid: 1, amount_staked: 1000000000)"),
        "{}",
        payload.summary
    );
    let json = payload.to_json();

    // Side B (offline, mnemonic only, no metadata): parse, check, sign.
    let signer = Keypair::from_phrase(&phrase, None, CryptoType::Sr25519).unwrap();
    let received = SigningPayload::from_json(&json).unwrap();
    let sig_json = serde_json::to_string(&received.sign(&signer).unwrap()).unwrap();
    // A different key is refused.
    assert_eq!(received.sign(&alice()), Err(TxError::WrongSigner));
    // A payload whose listed values disagree with its bytes is refused before signing.
    let mut tampered: Json = serde_json::from_str(&json).unwrap();
    tampered["nonce"] = json!(params.nonce + 1);
    assert!(matches!(
        SigningPayload::from_json(&tampered.to_string()),
        Err(TxError::BadPayload(_))
    ));

    // Side A: verify and assemble, then submit.
    let sig: tx::PayloadSignature = serde_json::from_str(&sig_json).unwrap();
    let mut forged = sig.clone();
    forged.signature[0] ^= 0xff;
    assert_eq!(payload.assemble(&forged), Err(TxError::BadSignature));
    let xt = payload.assemble(&sig).unwrap();
    let decoded = SignedExtrinsic::decode(&md, &xt.encode()).unwrap();
    assert_eq!(decoded, xt);
    decoded.verify(&payload.additional()).unwrap();
    node.submit(&xt.encode())
        .expect("offline-signed transaction accepted");
    node.wait_included(&xt.encode());
    assert_eq!(node.nonce(&cold.public()), params.nonce + 1);
}

fn alice_transfer_to(
    md: &TxMetadata,
    ctx: &ChainContext,
    to: &PublicKey,
    value: u64,
    nonce: u32,
    best: (u64, [u8; 32]),
) -> SignedExtrinsic {
    let call = tx::calls::transfer_keep_alive(md, to, value).unwrap();
    let params = TxParams {
        nonce,
        tip: 0,
        mortality: Mortality::mortal_from(best.0, best.1),
        metadata_hash: MetadataHashMode::Disabled,
    };
    let payload = SigningPayload::new(md, &call, &alice().public(), ctx, &params).unwrap();
    payload.assemble(&payload.sign(&alice()).unwrap()).unwrap()
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/63-tx.sh)"]
fn failure_paths_give_typed_errors() {
    let node = Node::from_env();
    let md = node.metadata();
    let ctx = node.context();
    let hot = pk("//Hotkey1");
    use scale_value::Value;

    // Unknown pallet / call.
    assert_eq!(
        tx::Call::from_values(&md, "Staking", "bond", []),
        Err(TxError::UnknownPallet("Staking".into()))
    );
    assert_eq!(
        tx::Call::from_values(&md, "SubtensorModule", "add_stake_v9", []),
        Err(TxError::UnknownCall {
            pallet: "SubtensorModule".into(),
            call: "add_stake_v9".into()
        })
    );
    // Wrong argument types through the generic path: netuid out of u16, a bool for an amount.
    let account = Value::unnamed_composite([Value::from_bytes(hot.0)]);
    let r = tx::Call::from_values(
        &md,
        "SubtensorModule",
        "add_stake",
        [
            ("hotkey", account.clone()),
            ("netuid", Value::u128(70_000)),
            ("amount_staked", Value::u128(1)),
        ],
    );
    assert!(
        matches!(&r, Err(TxError::ArgumentType { argument, .. }) if argument == "netuid"),
        "{r:?}"
    );
    let r = tx::Call::from_values(
        &md,
        "SubtensorModule",
        "add_stake",
        [
            ("hotkey", account.clone()),
            ("netuid", Value::u128(1)),
            ("amount_staked", Value::bool(true)),
        ],
    );
    assert!(
        matches!(&r, Err(TxError::ArgumentType { argument, .. }) if argument == "amount_staked"),
        "{r:?}"
    );
    // Missing and unexpected arguments.
    let r = tx::Call::from_values(
        &md,
        "SubtensorModule",
        "add_stake",
        [("hotkey", account.clone()), ("netuid", Value::u128(1))],
    );
    assert_eq!(
        r,
        Err(TxError::MissingArgument {
            call: "SubtensorModule.add_stake".into(),
            argument: "amount_staked".into()
        })
    );
    let r = tx::Call::from_values(
        &md,
        "SubtensorModule",
        "unstake_all",
        [("hotkey", account.clone()), ("netuid", Value::u128(1))],
    );
    assert_eq!(
        r,
        Err(TxError::UnexpectedArgument {
            call: "SubtensorModule.unstake_all".into(),
            argument: "netuid".into()
        })
    );
    // The generic path builds the same bytes as the typed constructor.
    let generic = tx::Call::from_values(
        &md,
        "SubtensorModule",
        "add_stake",
        [
            ("hotkey", account),
            ("netuid", Value::u128(1)),
            ("amount_staked", Value::u128(7)),
        ],
    )
    .unwrap();
    assert_eq!(generic, tx::calls::add_stake(&md, &hot, 1, 7).unwrap());
    // Call bytes of another runtime (unknown pallet index) are refused by batch_all.
    let foreign = tx::Call::decode(&md, &[0xee, 0x00]);
    assert!(matches!(foreign, Err(TxError::BadCall(_))), "{foreign:?}");

    // Stale nonce: the node's validation says Stale, submission is refused.
    let alice_nonce = node.nonce(&alice().public());
    let best = node.best();
    let fresh = alice_transfer_to(&md, &ctx, &pk("//Bob"), 1_000, alice_nonce, best);
    node.submit(&fresh.encode()).expect("accepted");
    node.wait_included(&fresh.encode());
    let stale = alice_transfer_to(&md, &ctx, &pk("//Bob"), 2_000, alice_nonce, node.best());
    assert_eq!(
        node.validate(&md, &stale.encode()),
        runtime_api::Validity::Invalid("Stale".into())
    );
    let err = node
        .submit(&stale.encode())
        .expect_err("stale nonce rejected");
    assert_eq!(err["code"], json!(1010), "{err}");

    // Expired era: period 4 from a block more than 4 blocks back. Our check refuses it locally,
    // and the node rejects it (the era's birth block in the current window is another block,
    // so the signed block hash does not match: BadProof).
    let now = node.best().0;
    assert!(now > 8, "devnet has produced blocks");
    let old = now - 8;
    let old_hash = node.block_hash(old);
    let call = tx::calls::transfer_keep_alive(&md, &pk("//Bob"), 3_000).unwrap();
    let params = TxParams {
        nonce: node.nonce(&alice().public()),
        tip: 0,
        mortality: Mortality::Mortal {
            period: 4,
            number: old,
            hash: old_hash,
        },
        metadata_hash: MetadataHashMode::Disabled,
    };
    let payload = SigningPayload::new(&md, &call, &alice().public(), &ctx, &params).unwrap();
    assert_eq!(
        payload.check_era_at(now),
        Err(TxError::EraExpired {
            birth: old,
            death: old + 4,
            current: now
        })
    );
    payload.check_era_at(old + 3).unwrap();
    let expired = payload.assemble(&payload.sign(&alice()).unwrap()).unwrap();
    let verdict = node.validate(&md, &expired.encode());
    assert!(
        matches!(&verdict, runtime_api::Validity::Invalid(r) if r == "BadProof" || r == "AncientBirthBlock"),
        "{verdict:?}"
    );
    assert!(node.submit(&expired.encode()).is_err());

    // Era periods out of range are refused; the birth block must be the given block.
    assert_eq!(tx::Era::mortal(2, 10), Err(TxError::BadEraPeriod(2)));
    let m = Mortality::Mortal {
        period: 8192,
        number: 5,
        hash: [0; 32],
    };
    assert_eq!(
        SigningPayload::new(
            &md,
            &call,
            &alice().public(),
            &ctx,
            &TxParams {
                mortality: m,
                ..params
            }
        )
        .map(|_| ()),
        Err(TxError::EraBirthMismatch { given: 5, birth: 4 })
    );
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/63-tx.sh)"]
fn fee_query_decodes_like_the_node() {
    let node = Node::from_env();
    let md = node.metadata();
    let ctx = node.context();
    let best = node.best();
    for (i, xt) in [
        alice_transfer_to(&md, &ctx, &pk("//Bob"), 1_000_000_000, 0, best),
        {
            let call = tx::calls::add_stake_limit(
                &md,
                &pk("//Hotkey1"),
                1,
                5_000_000_000,
                300_000_000,
                false,
            )
            .unwrap();
            let params = TxParams {
                nonce: 3,
                tip: 1_000,
                mortality: Mortality::Immortal,
                metadata_hash: MetadataHashMode::Disabled,
            };
            let p = SigningPayload::new(&md, &call, &alice().public(), &ctx, &params).unwrap();
            p.assemble(&p.sign(&alice()).unwrap()).unwrap()
        },
    ]
    .iter()
    .enumerate()
    {
        let bytes = xt.encode();
        let at = hex0x(&best.1);
        let out = node.state_call(
            runtime_api::QUERY_INFO,
            &runtime_api::query_info_params(&bytes),
            Some(&at),
        );
        let ours = runtime_api::decode_query_info(&md, &out).unwrap();
        // The node's own RPC decodes the same runtime call independently.
        let theirs = node.ok("payment_queryInfo", json!([hex0x(&bytes), at]));
        assert_eq!(
            theirs["partialFee"]
                .as_str()
                .map(|s| s.parse::<u64>().unwrap())
                .or(theirs["partialFee"].as_u64()),
            Some(ours.partial_fee),
            "case {i}: {theirs}"
        );
        assert_eq!(
            theirs["weight"]["ref_time"].as_u64(),
            Some(ours.ref_time),
            "case {i}: {theirs}"
        );
        assert_eq!(
            theirs["weight"]["proof_size"].as_u64(),
            Some(ours.proof_size),
            "case {i}: {theirs}"
        );
        assert_eq!(theirs["class"], json!("normal"));
        assert_eq!(ours.class, runtime_api::DispatchClass::Normal);
        assert!(
            ours.partial_fee > bytes.len() as u64,
            "fee includes at least 1 rao per byte"
        );
    }
}

/// Submits, waits for inclusion and decodes what the extrinsic did from that block's events.
fn submit_and_outcome(
    node: &Node,
    md: &TxMetadata,
    xt: &SignedExtrinsic,
) -> tx::events::ExtrinsicOutcome {
    let bytes = xt.encode();
    node.submit(&bytes).expect("accepted");
    let number = node.wait_included(&bytes);
    let hash = hex0x(&node.block_hash(number));
    let block = node.ok("chain_getBlock", json!([hash]));
    let index = block["block"]["extrinsics"]
        .as_array()
        .unwrap()
        .iter()
        .position(|x| x.as_str() == Some(&hex0x(&bytes)))
        .unwrap();
    let events = node.ok(
        "state_getStorage",
        json!([hex0x(&tx::events::SYSTEM_EVENTS_KEY), hash]),
    );
    tx::events::extrinsic_outcome(md, &unhex(events.as_str().unwrap()), index as u32).unwrap()
}

#[test]
#[ignore = "needs a running devnet (scripts/test.d/63-tx.sh)"]
fn dispatch_errors_and_events_are_named() {
    let node = Node::from_env();
    let md = node.metadata();
    let ctx = node.context();
    let sign = |call: tx::Call| {
        let best = node.best();
        let params = TxParams {
            nonce: node.nonce(&alice().public()),
            tip: 0,
            mortality: Mortality::mortal_from(best.0, best.1),
            metadata_hash: MetadataHashMode::Disabled,
        };
        let p = SigningPayload::new(&md, &call, &alice().public(), &ctx, &params).unwrap();
        p.assemble(&p.sign(&alice()).unwrap()).unwrap()
    };
    // Below the minimum stake: included (fee paid), dispatch fails with the pallet's error.
    let low = sign(tx::calls::add_stake(&md, &pk("//Hotkey1"), 1, 1_000).unwrap());
    let out = submit_and_outcome(&node, &md, &low);
    assert!(!out.success);
    assert_eq!(out.error.as_deref(), Some("SubtensorModule.AmountTooLow"));
    assert!(
        out.events
            .iter()
            .any(|e| e.pallet == "System" && e.name == "ExtrinsicFailed")
    );
    // A transfer: success, with Balances.Transfer among its events.
    let ok = sign(tx::calls::transfer_keep_alive(&md, &pk("//Bob"), 777).unwrap());
    let out = submit_and_outcome(&node, &md, &ok);
    assert!(out.success, "{out:?}");
    assert_eq!(out.error, None);
    let transfer = out
        .events
        .iter()
        .find(|e| e.pallet == "Balances" && e.name == "Transfer")
        .expect("Transfer event");
    assert!(
        transfer.fields.to_string().contains("777"),
        "{}",
        transfer.fields
    );
    assert!(
        out.events
            .iter()
            .any(|e| e.pallet == "TransactionPayment" && e.name == "TransactionFeePaid")
    );
}

/// The node's V15 metadata, mutated as a runtime upgrade might, to check that changes are
/// followed (indices) or refused (argument names and types, extensions).
#[test]
#[ignore = "needs a running devnet (scripts/test.d/63-tx.sh)"]
fn runtime_upgrades_are_followed_or_refused() {
    use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed, v15::SignedExtensionMetadata};
    use parity_scale_codec::{Decode, Encode};
    use scale_info::{TypeDef, TypeDefPrimitive};

    let node = Node::from_env();
    let out = node.state_call("Metadata_metadata_at_version", &15u32.to_le_bytes(), None);
    let raw: Vec<u8> = Option::<Vec<u8>>::decode(&mut &out[..]).unwrap().unwrap();
    let mutate = |f: &dyn Fn(&mut frame_metadata::v15::RuntimeMetadataV15)| {
        let mut m = RuntimeMetadataPrefixed::decode(&mut &raw[..]).unwrap();
        let RuntimeMetadata::V15(v15) = &mut m.1 else {
            panic!("V15")
        };
        f(v15);
        TxMetadata::from_bytes(&m.encode()).unwrap()
    };
    let hot = pk("//Hotkey1");
    let ctx = node.context();
    let params = TxParams {
        nonce: 0,
        tip: 0,
        mortality: Mortality::Immortal,
        metadata_hash: MetadataHashMode::Disabled,
    };
    let calls_ty = |v15: &frame_metadata::v15::RuntimeMetadataV15, pallet: &str| {
        v15.pallets
            .iter()
            .find(|p| p.name == pallet)
            .unwrap()
            .calls
            .as_ref()
            .unwrap()
            .ty
            .id
    };
    let type_id =
        |v15: &frame_metadata::v15::RuntimeMetadataV15,
         want: &dyn Fn(&TypeDef<scale_info::form::PortableForm>) -> bool| {
            v15.types
                .types
                .iter()
                .find(|t| want(&t.ty.type_def))
                .unwrap()
                .id
        };

    // Followed: SubtensorModule moved from index 7 to 42 (pallet index and outer call variant).
    let moved = mutate(&|v15| {
        let p = v15
            .pallets
            .iter_mut()
            .find(|p| p.name == "SubtensorModule")
            .unwrap();
        p.index = 42;
        let outer = v15.outer_enums.call_enum_ty.id as usize;
        let TypeDef::Variant(v) = &mut v15.types.types[outer].ty.type_def else {
            panic!()
        };
        v.variants
            .iter_mut()
            .find(|x| x.name == "SubtensorModule")
            .unwrap()
            .index = 42;
    });
    let call = tx::calls::add_stake(&moved, &hot, 1, 5).unwrap();
    assert_eq!(call.bytes()[0], 42);
    assert_eq!(
        &call.bytes()[1..],
        &tx::calls::add_stake(&node.metadata(), &hot, 1, 5)
            .unwrap()
            .bytes()[1..]
    );
    assert!(
        call.summary(&moved)
            .unwrap()
            .starts_with("SubtensorModule.add_stake(")
    );

    // Refused: an argument renamed.
    let renamed = mutate(&|v15| {
        let id = calls_ty(v15, "SubtensorModule") as usize;
        let TypeDef::Variant(v) = &mut v15.types.types[id].ty.type_def else {
            panic!()
        };
        let add = v
            .variants
            .iter_mut()
            .find(|x| x.name == "add_stake")
            .unwrap();
        add.fields[2].name = Some("amount".into());
    });
    assert!(matches!(
        tx::calls::add_stake(&renamed, &hot, 1, 5),
        Err(TxError::CallSignatureChanged { .. })
    ));

    // Refused: netuid became a u32.
    let retyped = mutate(&|v15| {
        let u32_ty = type_id(v15, &|d| {
            matches!(d, TypeDef::Primitive(TypeDefPrimitive::U32))
        });
        let id = calls_ty(v15, "SubtensorModule") as usize;
        let TypeDef::Variant(v) = &mut v15.types.types[id].ty.type_def else {
            panic!()
        };
        let add = v
            .variants
            .iter_mut()
            .find(|x| x.name == "add_stake")
            .unwrap();
        add.fields[1].ty = u32_ty.into();
    });
    let r = tx::calls::add_stake(&retyped, &hot, 1, 5);
    assert!(
        matches!(&r, Err(TxError::ArgumentType { argument, .. }) if argument == "netuid"),
        "{r:?}"
    );

    // Refused: a new extension that carries data; accepted: a new one with empty payloads.
    let with_ext = |ty_of: &dyn Fn(&frame_metadata::v15::RuntimeMetadataV15) -> u32| {
        mutate(&|v15| {
            let ty = ty_of(v15);
            let empty = type_id(
                v15,
                &|d| matches!(d, TypeDef::Tuple(t) if t.fields.is_empty()),
            );
            v15.extrinsic
                .signed_extensions
                .push(SignedExtensionMetadata {
                    identifier: "FutureExtension".into(),
                    ty: ty.into(),
                    additional_signed: empty.into(),
                });
        })
    };
    let data_ext = with_ext(&|v15| {
        type_id(v15, &|d| {
            matches!(d, TypeDef::Primitive(TypeDefPrimitive::U32))
        })
    });
    let call = tx::calls::add_stake(&data_ext, &hot, 1, 5).unwrap();
    assert_eq!(
        SigningPayload::new(&data_ext, &call, &alice().public(), &ctx, &params),
        Err(TxError::UnsupportedExtension("FutureExtension".into()))
    );
    let empty_ext = with_ext(&|v15| {
        type_id(
            v15,
            &|d| matches!(d, TypeDef::Tuple(t) if t.fields.is_empty()),
        )
    });
    let payload = SigningPayload::new(&empty_ext, &call, &alice().public(), &ctx, &params).unwrap();
    assert_eq!(
        payload.extensions.last().unwrap().identifier,
        "FutureExtension"
    );

    // Refused: CheckNonce's payload changed type.
    let nonce_changed = mutate(&|v15| {
        let u32_ty = type_id(v15, &|d| {
            matches!(d, TypeDef::Primitive(TypeDefPrimitive::U32))
        });
        let e = v15
            .extrinsic
            .signed_extensions
            .iter_mut()
            .find(|e| e.identifier == "CheckNonce")
            .unwrap();
        e.ty = u32_ty.into();
    });
    let r = SigningPayload::new(&nonce_changed, &call, &alice().public(), &ctx, &params);
    assert!(
        matches!(&r, Err(TxError::ExtensionTypeChanged { identifier, .. }) if identifier == "CheckNonce"),
        "{r:?}"
    );
}
