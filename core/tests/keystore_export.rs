//! Our polkadot.js export and btwallet keyfile writers, read back by our own readers (the
//! reverse direction, read by the real tools, is tests/interop/keystore_reverse.*).
#![cfg(feature = "keystore")]

use serde_json::Value;
use taolight_core::keys::{CryptoType, Keypair};
use taolight_core::keystore::pjs::{
    self, PjsEncryption, PjsExportOptions, PjsKeystore, ScryptParams,
};
use taolight_core::keystore::{Keyfile, KeyfileEncryption, KeystoreError};

const STOOL: &str = "stool feel open east woman high can denial forget screen trust salt";

#[test]
fn pjs_export_round_trip_both_curves_and_params() {
    for ct in [CryptoType::Sr25519, CryptoType::Ed25519] {
        let kp = Keypair::from_phrase(STOOL, None, ct).unwrap();
        let mut options = PjsExportOptions::new(1_700_000_000_123).with_name("exported");
        options.scrypt = ScryptParams {
            n: 1 << 15,
            p: 1,
            r: 8,
        };
        options.ss58_prefix = 0;
        let json = pjs::export(&kp, Some("export_pw"), &options).unwrap();
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["encoding"]["version"], "3");
        assert_eq!(
            v["encoding"]["type"],
            serde_json::json!(["scrypt", "xsalsa20-poly1305"])
        );
        assert_eq!(v["encoding"]["content"][1], ct.name());
        assert_eq!(v["meta"]["whenCreated"], 1_700_000_000_123u64);
        assert_eq!(v["meta"]["name"], "exported");
        assert_eq!(v["address"], kp.public().to_ss58(0));
        let ks = PjsKeystore::parse(json.as_bytes()).unwrap();
        assert_eq!(ks.encryption(), PjsEncryption::Scrypt(options.scrypt));
        let back = ks.decrypt("export_pw").unwrap();
        assert_eq!(back.keypair.public(), kp.public());
        assert_eq!(back.ss58_prefix, Some(0));
        assert!(matches!(
            ks.decrypt("export_pX"),
            Err(KeystoreError::WrongPassword(_))
        ));
    }
}

#[test]
fn pjs_export_defaults_and_unencrypted() {
    let kp = Keypair::from_uri("//Alice", CryptoType::Sr25519).unwrap();
    let json = pjs::export(&kp, Some("pw"), &PjsExportOptions::new(0)).unwrap();
    let ks = PjsKeystore::parse(json.as_bytes()).unwrap();
    assert_eq!(
        ks.encryption(),
        PjsEncryption::Scrypt(ScryptParams::DEFAULT)
    );
    // Two exports never share salt or nonce.
    let again = pjs::export(&kp, Some("pw"), &PjsExportOptions::new(0)).unwrap();
    let enc = |j: &str| {
        serde_json::from_str::<Value>(j).unwrap()["encoded"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_ne!(enc(&json), enc(&again));

    let none = pjs::export(&kp, None, &PjsExportOptions::new(0)).unwrap();
    let ks = PjsKeystore::parse(none.as_bytes()).unwrap();
    assert_eq!(ks.encryption(), PjsEncryption::None);
    assert_eq!(ks.decrypt("").unwrap().keypair.address(), kp.address());
    assert!(matches!(
        pjs::export(&kp, Some(""), &PjsExportOptions::new(0)),
        Err(KeystoreError::InvalidField {
            field: "password",
            ..
        })
    ));
    let mut bad = PjsExportOptions::new(0);
    bad.scrypt = ScryptParams {
        n: 1 << 14,
        p: 1,
        r: 8,
    };
    assert!(matches!(
        pjs::export(&kp, Some("pw"), &bad),
        Err(KeystoreError::UnsupportedScryptParams { .. })
    ));
}

#[test]
fn keyfile_write_read_plaintext_and_ansible() {
    for ct in [CryptoType::Sr25519, CryptoType::Ed25519] {
        let kp = Keypair::from_phrase(STOOL, None, ct).unwrap();
        let kf = Keyfile::from_keypair(kp.clone());
        let plain = kf.write(KeyfileEncryption::Plaintext).unwrap();
        assert_eq!(Keyfile::read(&plain, None).unwrap().public(), kp.public());
        let vault = kf
            .write(KeyfileEncryption::AnsibleVault("ansible_pw"))
            .unwrap();
        assert!(vault.starts_with(b"$ANSIBLE_VAULT;1.1;AES256\n"));
        let back = Keyfile::read(&vault, Some("ansible_pw")).unwrap();
        assert_eq!(back.public(), kp.public());
        assert_eq!(back.keypair().unwrap().phrase(), Some(STOOL));
        let public = Keyfile::read(&kf.to_public_json(), None).unwrap();
        assert!(!public.has_secret());
        assert!(matches!(
            public.into_keypair(),
            Err(KeystoreError::PublicOnly)
        ));
    }
}

#[test]
fn debug_output_never_shows_secrets() {
    let kp = Keypair::from_phrase(STOOL, None, CryptoType::Sr25519).unwrap();
    let kf = Keyfile::from_keypair(kp.clone());
    let debug = format!("{kf:?}");
    assert!(
        !debug.contains("stool") && !debug.contains("2b400f61"),
        "{debug}"
    );
    let json = pjs::export(&kp, None, &PjsExportOptions::new(0)).unwrap();
    let account = pjs::import(json.as_bytes(), "").unwrap();
    let debug = format!(
        "{account:?} {:?}",
        PjsKeystore::parse(json.as_bytes()).unwrap()
    );
    assert!(
        !debug.contains("stool") && !debug.contains("2b400f61") && !debug.contains("58017a08"),
        "{debug}"
    );
}
