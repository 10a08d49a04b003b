//! Writes keystores with OUR code for the reverse interop check: bittensor-wallet and
//! @polkadot/keyring must open them (tests/interop/keystore_reverse.{py,mjs}, stage
//! scripts/test.d/51-interop-keystore.sh). Output goes to `$TAOLIGHT_KEYSTORE_REVERSE_DIR`
//! (or a temp dir) with a manifest `expected.json`. The files are also read back here, so the test
//! checks our writer→reader round trip (including one `$NACL` unlock) on every run.
#![cfg(all(feature = "keystore", not(target_arch = "wasm32")))]

use std::path::PathBuf;

use serde_json::{Value, json};
use taolight_core::keys::{CryptoType, Keypair};
use taolight_core::keystore::pjs::{self, PjsExportOptions};
use taolight_core::keystore::{DirectoryStorage, Keyfile, KeyfileEncryption, WalletStore};

const STOOL: &str = "stool feel open east woman high can denial forget screen trust salt";
const LEOPARD: &str =
    "old leopard transfer rib spatial phone calm indicate online fire caution review";
const COLD_PW: &str = "reverse_password";
const PJS_PW: &str = "reverse_pjs";

#[test]
fn write_keystores_for_the_reverse_interop_check() {
    let out = std::env::var_os("TAOLIGHT_KEYSTORE_REVERSE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::temp_dir().join(format!("taolight-reverse-{}", std::process::id()))
        });
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(out.join("pjs")).unwrap();
    let store = WalletStore::new(DirectoryStorage::new(out.join("wallets")));
    let mut manifest = serde_json::Map::new();

    // Wallets: $NACL coldkey (btwallet default), plaintext hotkey, both pub files; one per curve.
    for (wallet, cold, hot, ct) in [
        (
            "rsr",
            Keypair::from_phrase(STOOL, None, CryptoType::Sr25519).unwrap(),
            "//Alice",
            CryptoType::Sr25519,
        ),
        (
            "red",
            Keypair::from_phrase(LEOPARD, None, CryptoType::Ed25519).unwrap(),
            "//Bob",
            CryptoType::Ed25519,
        ),
    ] {
        let hot = Keypair::from_uri(hot, ct).unwrap();
        store
            .create_coldkey(wallet, &cold, KeyfileEncryption::Nacl(COLD_PW), false)
            .unwrap();
        store
            .create_hotkey(wallet, "default", &hot, KeyfileEncryption::Plaintext, false)
            .unwrap();
        manifest.insert(
            wallet.into(),
            json!({"coldkey": cold.address(), "hotkey": hot.address(), "password": COLD_PW, "cryptoType": ct.to_btwallet()}),
        );
        assert_eq!(
            store.load_coldkeypub(wallet).unwrap().address(),
            cold.address()
        );
        assert_eq!(
            store
                .load_hotkey(wallet, "default", None)
                .unwrap()
                .address(),
            hot.address()
        );
    }
    // One $NACL read-back through our own reader (Argon2, 512 MiB).
    assert_eq!(
        store.load_coldkey("rsr", Some(COLD_PW)).unwrap().address(),
        manifest["rsr"]["coldkey"].as_str().unwrap()
    );

    // A single Ansible Vault keyfile (btwallet's legacy writer format).
    let kp = Keypair::from_phrase(STOOL, None, CryptoType::Sr25519).unwrap();
    let vault = Keyfile::from_keypair(kp.clone())
        .write(KeyfileEncryption::AnsibleVault("reverse_ansible"))
        .unwrap();
    std::fs::write(out.join("ansible_sr25519.keyfile"), &vault).unwrap();
    assert_eq!(
        Keyfile::read(&vault, Some("reverse_ansible"))
            .unwrap()
            .address(),
        kp.address()
    );
    manifest.insert("ansible".into(), json!({"file": "ansible_sr25519.keyfile", "password": "reverse_ansible", "address": kp.address()}));

    // polkadot.js JSON: sr25519 and ed25519 encrypted with default params, plus one unencrypted.
    let mut files = Vec::new();
    for (file, ct, password) in [
        ("sr25519.json", CryptoType::Sr25519, Some(PJS_PW)),
        ("ed25519.json", CryptoType::Ed25519, Some(PJS_PW)),
        ("sr25519_none.json", CryptoType::Sr25519, None),
    ] {
        let kp = Keypair::from_phrase(STOOL, None, ct).unwrap();
        let json = pjs::export(
            &kp,
            password,
            &PjsExportOptions::new(1_700_000_000_000).with_name("taolight"),
        )
        .unwrap();
        std::fs::write(out.join("pjs").join(file), &json).unwrap();
        assert_eq!(
            pjs::import(json.as_bytes(), password.unwrap_or(""))
                .unwrap()
                .keypair
                .address(),
            kp.address()
        );
        files.push(json!({"file": file, "password": password.unwrap_or(""), "address": kp.address(), "type": ct.name()}));
    }
    manifest.insert("pjs".into(), Value::Array(files));
    std::fs::write(
        out.join("expected.json"),
        serde_json::to_string_pretty(&manifest).unwrap(),
    )
    .unwrap();
    if std::env::var_os("TAOLIGHT_KEYSTORE_REVERSE_DIR").is_none() {
        std::fs::remove_dir_all(&out).unwrap();
    }
}
