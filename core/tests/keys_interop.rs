//! taolight vs polkadot.js 14.0.3, both directions.
//!
//! `pjs_vectors_match`: vectors computed by polkadot.js (`tests/interop/keys_pjs.mjs gen`) from seeded
//! random URIs, mnemonics, SS58 prefixes, secrets and signatures. By default it reads the committed
//! `core/tests/keys_pjs_vectors.json` (seed 1); stage `50-interop-keys.sh` regenerates them with a fresh
//! seed and points `TAOLIGHT_KEYS_PJS_VECTORS` at the new file.
//!
//! `taolight_vectors_for_pjs`: signatures, addresses and derived keys made by taolight, self-checked here
//! and, when `TAOLIGHT_KEYS_REVERSE_OUT` is set, written for `keys_pjs.mjs verify` to check in polkadot.js.

use serde_json::{Value, json};
use taolight_core::keys::{
    CryptoType, Keypair, KeysError, Mnemonic, PublicKey, Signature, Ss58Address, ss58, verify,
    verify_wrapped_or_raw, wrap_bytes,
};

fn h(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().unwrap().trim_start_matches("0x")).unwrap()
}

fn h32(v: &Value) -> [u8; 32] {
    h(v).try_into().unwrap()
}

fn crypto(name: &str) -> CryptoType {
    match name {
        "sr25519" => CryptoType::Sr25519,
        "ed25519" => CryptoType::Ed25519,
        other => panic!("unknown crypto {other}"),
    }
}

fn load() -> Value {
    let path = std::env::var("TAOLIGHT_KEYS_PJS_VECTORS").unwrap_or_else(|_| {
        format!(
            "{}/tests/keys_pjs_vectors.json",
            std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")
        )
    });
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .unwrap()
}

#[test]
fn pjs_vectors_match() {
    let doc = load();
    let mut checks = 0usize;

    for u in doc["uris"].as_array().unwrap() {
        let uri = u["uri"].as_str().unwrap();
        for c in ["sr25519", "ed25519"] {
            let ours = Keypair::from_uri(uri, crypto(c));
            match &u[c] {
                Value::Null => {
                    // polkadot.js refused: only soft junctions on ed25519 do that in these inputs.
                    assert_eq!(c, "ed25519", "{uri}");
                    assert_eq!(
                        ours.unwrap_err(),
                        KeysError::SoftDerivationNotSupported,
                        "{uri}"
                    );
                }
                expected => {
                    let kp = ours.unwrap_or_else(|e| panic!("{c} {uri:?}: {e}"));
                    assert_eq!(kp.public(), PublicKey(h32(expected)), "{c} {uri:?}");
                }
            }
            checks += 1;
        }
    }

    for m in doc["mini_secrets"].as_array().unwrap() {
        let mnemonic = Mnemonic::parse(m["phrase"].as_str().unwrap()).unwrap();
        assert_eq!(
            *mnemonic.to_mini_secret(m["password"].as_str().unwrap()),
            h32(&m["mini_secret"])
        );
        checks += 1;
    }

    for m in doc["mnemonics"].as_array().unwrap() {
        let phrase = m["phrase"].as_str().unwrap();
        assert_eq!(
            Mnemonic::from_entropy(&h(&m["entropy"])).unwrap().phrase(),
            phrase
        );
        assert_eq!(
            Mnemonic::parse(phrase).unwrap().entropy(),
            &h(&m["entropy"])[..]
        );
        checks += 1;
    }

    for a in doc["ss58"].as_array().unwrap() {
        let key = h32(&a["public"]);
        let prefix = a["prefix"].as_u64().unwrap() as u16;
        let address = a["address"].as_str().unwrap();
        assert_eq!(
            ss58::try_encode(&key, prefix).unwrap(),
            address,
            "prefix {prefix}"
        );
        assert_eq!(ss58::decode(address).unwrap(), (prefix, key));
        assert_eq!(address.parse::<Ss58Address>().unwrap().prefix(), prefix);
        checks += 1;
    }

    for s in doc["secrets"].as_array().unwrap() {
        let seed = h32(&s["mini_secret"]);
        let sr = Keypair::from_mini_secret(&seed, CryptoType::Sr25519);
        assert_eq!(sr.public(), PublicKey(h32(&s["sr25519_public"])));
        assert_eq!(&sr.pjs_secret()[..], &h(&s["sr25519_pjs_secret"])[..]);
        let back = Keypair::from_sr25519_pjs_secret(&h(&s["sr25519_pjs_secret"])).unwrap();
        assert_eq!(back.public(), sr.public());
        assert_eq!(back.secret_bytes(), sr.secret_bytes());
        let ed = Keypair::from_mini_secret(&seed, CryptoType::Ed25519);
        assert_eq!(ed.public(), PublicKey(h32(&s["ed25519_public"])));
        assert_eq!(&ed.pjs_secret()[..], &h(&s["ed25519_pjs_secret"])[..]);
        checks += 1;
    }

    for s in doc["signatures"].as_array().unwrap() {
        let c = crypto(s["crypto"].as_str().unwrap());
        let public = PublicKey(h32(&s["public"]));
        let message = h(&s["message"]);
        let signature = Signature::from_slice(&h(&s["signature"])).unwrap();
        let wrapped = s["wrapped"].as_bool().unwrap();
        assert_eq!(verify(c, &public, &message, &signature), !wrapped);
        assert_eq!(
            verify(c, &public, &wrap_bytes(&message), &signature),
            wrapped
        );
        assert!(verify_wrapped_or_raw(c, &public, &message, &signature));
        if let Some(seed) = s.get("mini_secret") {
            // ed25519 is deterministic: our signature is byte-identical.
            let kp = Keypair::from_mini_secret(&h32(seed), c);
            let signed = if wrapped {
                wrap_bytes(&message)
            } else {
                message.clone()
            };
            assert_eq!(kp.sign(&signed), signature);
        }
        checks += 1;
    }

    // Documented differences (DeriveJunction docs): sp-core reads these junctions differently.
    for d in doc["divergent"].as_array().unwrap() {
        let uri = d["uri"].as_str().unwrap();
        let ours = Keypair::from_uri(uri, CryptoType::Sr25519).unwrap();
        assert_ne!(
            ours.public(),
            PublicKey(h32(&d["sr25519"])),
            "{uri} was expected to differ from polkadot.js"
        );
        checks += 1;
    }

    println!(
        "keys interop: {checks} polkadot.js vectors matched (seed {})",
        doc["seed"]
    );
    assert!(checks > 150, "too few vectors: {checks}");
}

#[test]
fn taolight_vectors_for_pjs() {
    let mut signatures = Vec::new();
    let mut keys = Vec::new();
    let uris = [
        "//Alice",
        "//Alice/soft/0",
        "/Bob//test///pw",
        "//bittensor//hotkey/1",
        "//Ωmega//x",
    ];
    for (i, uri) in uris.iter().enumerate() {
        for c in [CryptoType::Sr25519, CryptoType::Ed25519] {
            let Ok(kp) = Keypair::from_uri(uri, c) else {
                assert_eq!(c, CryptoType::Ed25519);
                continue;
            };
            keys.push(json!({"crypto": c.name(), "uri": uri, "public": kp.public().to_hex()}));
            for wrapped in [false, true] {
                let message: Vec<u8> = format!("taolight message {i}").into_bytes();
                let signed = if wrapped {
                    wrap_bytes(&message)
                } else {
                    message.clone()
                };
                let sig = kp.sign(&signed);
                assert!(verify_wrapped_or_raw(c, &kp.public(), &message, &sig));
                signatures.push(json!({
                    "crypto": c.name(), "public": kp.public().to_hex(), "wrapped": wrapped,
                    "message": format!("0x{}", hex::encode(&message)), "signature": format!("0x{}", hex::encode(sig.0)),
                }));
            }
        }
    }
    let mut addresses = Vec::new();
    for (i, prefix) in [0u16, 2, 42, 63, 64, 255, 1337, 16383]
        .into_iter()
        .enumerate()
    {
        let kp = Keypair::from_uri(&format!("//addr{i}"), CryptoType::Sr25519).unwrap();
        let address = kp.public().to_ss58(prefix);
        assert_eq!(ss58::decode(&address).unwrap(), (prefix, kp.public().0));
        addresses
            .push(json!({"public": kp.public().to_hex(), "prefix": prefix, "address": address}));
    }
    assert_eq!(
        signatures.len(),
        14,
        "5 sr25519 + 2 ed25519 keys (soft paths refused), raw and wrapped"
    );
    if let Ok(out) = std::env::var("TAOLIGHT_KEYS_REVERSE_OUT") {
        let doc = json!({"signatures": signatures, "addresses": addresses, "keys": keys});
        std::fs::write(&out, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    }
}
