//! Decrypts every keystore fixture written by the real tools (bittensor-wallet 4.1.1, Python
//! `cryptography` Fernet, @polkadot/keyring 14.0.3; see fixtures/keystore/README.md) and checks
//! the addresses those tools reported (expected.json), plus the wallets.md §7.4 KDF vectors.
//!
//! The Argon2 work (512 MiB each) is done in one test, serialised by a lock, three derivations
//! in total; the fixtures sharing a password reuse one derived key.
#![cfg(feature = "keystore")]

use std::path::PathBuf;
use std::sync::Mutex;

use serde_json::Value;
use taolight_core::keys::CryptoType;
use taolight_core::keystore::fernet::{self, FernetToken};
use taolight_core::keystore::nacl::{self, NaclKeyfile};
use taolight_core::keystore::pjs::{self, PjsEncryption, PjsKeystore, ScryptParams};
use taolight_core::keystore::{Keyfile, KeyfileFormat, KeystoreError};

/// Serialises the memory-hungry KDF tests of this binary.
static HEAVY: Mutex<()> = Mutex::new(());

fn dir() -> PathBuf {
    PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keystore")
}

fn expected(sub: &str) -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(dir().join(sub).join("expected.json")).unwrap();
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_object()
        .unwrap()
        .clone()
}

fn check(name: &str, kf: &Keyfile, exp: &Value) {
    assert_eq!(kf.address(), exp["ss58Address"].as_str().unwrap(), "{name}");
    assert_eq!(
        kf.public().to_hex(),
        exp["publicKey"].as_str().unwrap(),
        "{name}"
    );
    let ct = exp["cryptoType"].as_u64().unwrap() as u8;
    assert_eq!(
        kf.crypto_type(),
        CryptoType::from_btwallet(ct).unwrap(),
        "{name}"
    );
    assert_eq!(
        kf.has_secret(),
        !exp["publicOnly"].as_bool().unwrap(),
        "{name}"
    );
}

#[test]
fn btwallet_nacl_fixtures_and_argon2_vectors() {
    let _guard = HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let exp = expected("btwallet");

    // wallets.md §7.4: Argon2i key for `testing123!`, which is also nacl_minimal's password.
    let key = nacl::derive_key(b"testing123!").unwrap();
    assert_eq!(
        hex::encode(*key),
        "4d45aaf6a0321801d5354e20b817756bf7a3d7b39308b6eb6a42955e0cfe7d5e"
    );
    let minimal = std::fs::read(dir().join("btwallet/nacl_minimal.keyfile")).unwrap();
    let plain = NaclKeyfile::parse(&minimal)
        .unwrap()
        .decrypt_with_key(&key)
        .unwrap();
    assert_eq!(minimal.len(), 45 + plain.len());
    let kf = Keyfile::from_json(&plain).unwrap();
    check("nacl_minimal.keyfile", &kf, &exp["nacl_minimal.keyfile"]);
    assert!(kf.keypair().unwrap().phrase().is_some());

    // The two btwallet wallet directories share the password `nacl_password`.
    let key = nacl::derive_key(
        exp["wallets/sr/coldkey"]["password"]
            .as_str()
            .unwrap()
            .as_bytes(),
    )
    .unwrap();
    for name in ["wallets/sr/coldkey", "wallets/ed/coldkey"] {
        let data = std::fs::read(dir().join("btwallet").join(name)).unwrap();
        assert_eq!(KeyfileFormat::detect(&data), KeyfileFormat::Nacl);
        let parsed = NaclKeyfile::parse(&data).unwrap();
        let kf = Keyfile::from_json(&parsed.decrypt_with_key(&key).unwrap()).unwrap();
        check(name, &kf, &exp[name]);
        let mut wrong = *key;
        wrong[0] ^= 1;
        assert!(matches!(
            parsed.decrypt_with_key(&wrong),
            Err(KeystoreError::WrongPassword(_))
        ));
    }

    // wallets.md §7.4: the empty password.
    let key = nacl::derive_key(b"").unwrap();
    assert_eq!(
        hex::encode(*key),
        "08719a8b7abb472eb87b85f7d0e2f899664dce735b3d0108ad86b5e4ba608495"
    );
}

#[test]
fn btwallet_fernet_fixture_and_key_vector() {
    let _guard = HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let exp = expected("btwallet");
    let e = &exp["fernet_sr25519.keyfile"];
    // wallets.md §7.4 Fernet key for `fernet_password`.
    let key = fernet::derive_key(b"fernet_password");
    assert_eq!(
        hex::encode(*key),
        "8cd07913517a04a3eb4b72325bd70bba374a1fad3011cd584f96ef7e6daa6c7e"
    );
    assert_eq!(hex::encode(*key), e["fernetKeyHex"].as_str().unwrap());
    let data = std::fs::read(dir().join("btwallet/fernet_sr25519.keyfile")).unwrap();
    assert_eq!(KeyfileFormat::detect(&data), KeyfileFormat::Fernet);
    let token = FernetToken::parse(&data).unwrap();
    let kf = Keyfile::from_json(&token.decrypt_with_key(&key).unwrap()).unwrap();
    check("fernet_sr25519.keyfile", &kf, e);
    // btwallet 4.1.1 itself fails on this file (its Fernet bug); we do not.
    assert!(e["btwallet"].as_str().unwrap().starts_with("fails"));
}

#[test]
fn btwallet_ansible_and_plaintext_fixtures() {
    let exp = expected("btwallet");
    let mut seen = 0;
    for (name, e) in &exp {
        let format = e["format"].as_str().unwrap();
        if format != "ansible" && format != "plaintext" {
            continue;
        }
        let data = std::fs::read(dir().join("btwallet").join(name)).unwrap();
        let password = e["password"].as_str();
        let kf = Keyfile::read(&data, password).unwrap_or_else(|err| panic!("{name}: {err}"));
        check(name, &kf, e);
        assert_eq!(
            kf.stale_ss58_address(),
            e.get("staleSs58Address").and_then(Value::as_str),
            "{name}"
        );
        if format == "ansible" {
            assert_eq!(KeyfileFormat::detect(&data), KeyfileFormat::AnsibleVault);
            assert!(matches!(
                Keyfile::read(&data, Some("wrong")),
                Err(KeystoreError::WrongPassword(_))
            ));
        }
        seen += 1;
    }
    // 2 Ansible, 2 URI keyfiles, 1 legacy, 2 × (coldkeypub, hotkey, hotkeypub).
    assert_eq!(seen, 11);
}

#[test]
fn our_keyfile_json_reads_back_in_every_writable_envelope() {
    let exp = expected("btwallet");
    // Re-serialise btwallet's plaintext hotkeys and check we reproduce the same key and fields.
    for name in [
        "wallets/sr/hotkeys/default",
        "wallets/ed/hotkeys/default",
        "plain_uri_alice_ed25519.keyfile",
    ] {
        let data = std::fs::read(dir().join("btwallet").join(name)).unwrap();
        let theirs: Value = serde_json::from_slice(&data).unwrap();
        let kf = Keyfile::read(&data, None).unwrap();
        let ours: Value = serde_json::from_slice(&kf.to_json()).unwrap();
        for (field, value) in theirs.as_object().unwrap() {
            assert_eq!(&ours[field], value, "{name}: {field} as btwallet wrote it");
        }
        for field in ours.as_object().unwrap().keys() {
            if theirs.get(field).is_none() {
                // btwallet omits secretSeed for URI-made ed25519 keys; we write the seed, which
                // for ed25519 is the privateKey itself, so both load paths give the same key.
                assert_eq!(field, "secretSeed", "{name}");
                assert_eq!(ours[field], ours["privateKey"], "{name}");
            }
        }
        let pub_ours: Value = serde_json::from_slice(&kf.to_public_json()).unwrap();
        for f in ["accountId", "publicKey", "ss58Address", "cryptoType"] {
            assert_eq!(pub_ours[f], theirs[f]);
        }
        check(name, &kf, &exp[name]);
    }
}

#[test]
fn pjs_fixtures() {
    let _guard = HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let exp = expected("pjs");
    let mut opened = 0;
    for (name, e) in &exp {
        let data = std::fs::read(dir().join("pjs").join(name)).unwrap();
        let password = e["password"].as_str().unwrap();
        if let Some(pjs_error) = e.get("polkadotJsError") {
            // polkadot.js refused it; we must refuse it too, before any scrypt work.
            assert!(
                pjs_error
                    .as_str()
                    .unwrap()
                    .to_lowercase()
                    .contains("scrypt"),
                "{name}"
            );
            assert!(
                matches!(
                    PjsKeystore::parse(&data),
                    Err(KeystoreError::UnsupportedScryptParams { .. })
                ),
                "{name}"
            );
            continue;
        }
        let ks = PjsKeystore::parse(&data).unwrap_or_else(|err| panic!("{name}: {err}"));
        let account = ks
            .decrypt(password)
            .unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(
            account.keypair.address(),
            e["address"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            account.keypair.public().to_hex(),
            e["publicKey"].as_str().unwrap(),
            "{name}"
        );
        let content = e["content"][1].as_str().unwrap();
        assert_eq!(account.keypair.crypto_type().name(), content, "{name}");
        if ks.encryption() != PjsEncryption::None {
            let wrong = ks.decrypt("not the password");
            assert!(
                matches!(wrong, Err(KeystoreError::WrongPassword(_))),
                "{name}"
            );
        }
        opened += 1;
    }
    assert_eq!(opened, 13);
}

#[test]
fn btwallet_test_keystore_gives_the_documented_canonical_secret() {
    // wallets.md §7.5: canonical secret 0x447448b1417dab5e…6a3c…8821 (the ÷8 conversion).
    let data = std::fs::read(dir().join("pjs/btwallet_test_keystore.json")).unwrap();
    let account = pjs::import(&data, "Password123").unwrap();
    assert_eq!(
        account.keypair.address(),
        "5CuByUQBWZci5AtXonuHHhcbRL3yxM5xDdJsTNaYN3vPDY6f"
    );
    let canonical = hex::encode(&*account.keypair.secret_bytes());
    assert!(
        canonical
            .starts_with("447448b1417dab5ee2af83b70be6b15cb57ace7fa97f650717351b2f83757a0d6a3c"),
        "{canonical}"
    );
    assert!(canonical.ends_with("8821"));
    assert_eq!(account.meta["name"], "test");
    assert!(account.meta["genesisHash"].is_null());
}

#[test]
fn pjs_sr25519_secret_is_converted_to_the_canonical_btwallet_form() {
    // wallets.md §7.2: stool feel…salt, polkadot.js ×8 secret vs btwallet canonical privateKey.
    let data = std::fs::read(dir().join("pjs/sr25519_none.json")).unwrap();
    let account = pjs::import(&data, "").unwrap();
    assert_eq!(
        hex::encode(&*account.keypair.secret_bytes()),
        "2b400f61c21cbaad4d5cb2dcbb4ef4fcdc238b98d04d48c6d2a451ebfd306c0eed845edcc69b0a19a6905afed0dd84c16ebd0f458928f2e91a6b67b95fc0b42f"
    );
    assert_eq!(
        hex::encode(*account.keypair.pjs_secret()),
        "58017a0813e6d06d6de292e5de75a2e7e71e59c4846e423296268d5aef876173ed845edcc69b0a19a6905afed0dd84c16ebd0f458928f2e91a6b67b95fc0b42f"
    );
    assert_eq!(account.ss58_prefix, Some(42));
    assert_eq!(account.meta["name"], "sr25519 fixture");
    assert_eq!(
        ScryptParams::DEFAULT,
        ScryptParams {
            n: 131072,
            p: 1,
            r: 8
        }
    );
}
