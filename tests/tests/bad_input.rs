//! The bad-input catalogue of issue #2 for `core::keys` and `core::keystore`: every case must end
//! in a specific typed error variant, and none may panic. Table-driven: one row per case.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use taolight_core::keys::{CryptoType, Keypair, KeysError, Mnemonic, ss58};
use taolight_core::keystore::pjs::pkcs8::{PKCS8_DIVIDER, PKCS8_HEADER};
use taolight_core::keystore::pjs::{self, PjsKeystore};
use taolight_core::keystore::{
    Container, Keyfile, KeyfileEncryption, KeystoreError, MemoryStorage, WalletStore,
};

const ABANDON11: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon";
const STOOL: &str = "stool feel open east woman high can denial forget screen trust salt";
const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

fn fixture(path: &str) -> Vec<u8> {
    let p =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
            .join("../core/tests/fixtures/keystore")
            .join(path);
    std::fs::read(p).unwrap()
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn pjs_json(encoded: &str, content: &str, kind: &str, address: &str) -> Vec<u8> {
    format!(
        r#"{{"encoded":"{encoded}","encoding":{{"content":["pkcs8","{content}"],"type":{kind},"version":"3"}},"address":"{address}","meta":{{}}}}"#
    )
    .into_bytes()
}

/// A PKCS8 body for `kp` (generation 3) with an optional wrong public key.
fn pkcs8_hex(kp: &Keypair, public: Option<[u8; 32]>) -> String {
    let mut body = PKCS8_HEADER.to_vec();
    body.extend_from_slice(&*kp.pjs_secret());
    body.extend_from_slice(&PKCS8_DIVIDER);
    body.extend_from_slice(&public.unwrap_or(kp.public().0));
    format!("0x{}", to_hex(&body))
}

fn alice() -> Keypair {
    Keypair::from_uri("//Alice", CryptoType::Sr25519).unwrap()
}

fn alice_ed() -> Keypair {
    Keypair::from_uri("//Alice", CryptoType::Ed25519).unwrap()
}

fn none_sr() -> String {
    String::from_utf8(fixture("pjs/sr25519_none.json")).unwrap()
}

type Case = (&'static str, Box<dyn Fn() -> Result<(), String>>);

/// Builds a row: the expression must give `Err` matching the pattern.
macro_rules! case {
    ($name:expr, $expr:expr, $pat:pat) => {
        (
            $name,
            Box::new(|| match $expr {
                Err($pat) => Ok(()),
                Err(other) => Err(format!("wrong error: {other:?}")),
                Ok(_) => Err("accepted".to_string()),
            }) as Box<dyn Fn() -> Result<(), String>>,
        )
    };
}

fn keys_cases() -> Vec<Case> {
    use CryptoType::{Ed25519, Sr25519};
    vec![
        case!(
            "mnemonic: wrong word count",
            Mnemonic::parse("abandon abandon abandon"),
            KeysError::InvalidWordCount(3)
        ),
        case!(
            "mnemonic: unknown word",
            Mnemonic::parse(&format!("{ABANDON11} abandonn")),
            KeysError::UnknownWord { position: 12 }
        ),
        case!(
            "mnemonic: bad checksum",
            Mnemonic::parse(&format!("{ABANDON11} abandon")),
            KeysError::InvalidMnemonicChecksum
        ),
        case!(
            "keypair from phrase: bad checksum",
            Keypair::from_phrase(&format!("{ABANDON11} zoo"), None, Sr25519),
            KeysError::InvalidMnemonicChecksum
        ),
        case!(
            "ss58: bad checksum (last char changed)",
            ss58::decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"),
            KeysError::InvalidSs58Checksum
        ),
        case!(
            "ss58: not base58",
            ss58::decode("5GrwvaEF0OIl"),
            KeysError::InvalidBase58
        ),
        case!(
            "ss58: truncated address",
            ss58::decode(&ALICE[..40]),
            KeysError::InvalidSs58Length(_)
        ),
        case!(
            "ss58: reserved prefix 46",
            ss58::try_encode(&[0u8; 32], 46),
            KeysError::ReservedSs58Prefix(46)
        ),
        case!(
            "ss58: prefix out of range",
            ss58::try_encode(&[0u8; 32], 16384),
            KeysError::InvalidSs58Prefix
        ),
        case!(
            "uri: empty",
            Keypair::from_uri("", Sr25519),
            KeysError::EmptyPhrase
        ),
        case!(
            "uri: empty junction",
            Keypair::from_uri("//Alice//", Sr25519),
            KeysError::EmptyJunction { .. }
        ),
        case!(
            "uri: hex seed not hex",
            Keypair::from_uri("0xzz", Sr25519),
            KeysError::InvalidHexSeed
        ),
        case!(
            "uri: hex seed wrong length",
            Keypair::from_uri("0x1234", Sr25519),
            KeysError::InvalidSeedLength(2)
        ),
        case!(
            "uri: soft junction on ed25519",
            Keypair::from_uri("//Alice/soft", Ed25519),
            KeysError::SoftDerivationNotSupported
        ),
        case!(
            "uri: not UTF-8",
            Keypair::from_uri_bytes(&[0x2f, 0x2f, 0xff, 0xfe], Sr25519),
            KeysError::NotUtf8
        ),
        case!(
            "sr25519 secret: wrong length",
            Keypair::from_sr25519_secret(&[1u8; 10]),
            KeysError::InvalidSecretLength { actual: 10, .. }
        ),
        case!(
            "sr25519 secret: non-canonical scalar",
            Keypair::from_sr25519_secret(&[0xff; 64]),
            KeysError::InvalidSecretKey
        ),
        case!(
            "ed25519 seed: wrong length",
            Keypair::from_ed25519_seed(&[1u8; 31]),
            KeysError::InvalidSecretLength { actual: 31, .. }
        ),
    ]
}

fn keystore_cases() -> Vec<Case> {
    use Container::*;
    vec![
        // Wrong passwords, one per format (the $NACL and Fernet rows run the real KDFs once).
        case!(
            "$NACL: wrong password",
            Keyfile::read(
                &fixture("btwallet/nacl_minimal.keyfile"),
                Some("testing123?")
            ),
            KeystoreError::WrongPassword(Nacl)
        ),
        case!(
            "Ansible Vault: wrong password",
            Keyfile::read(
                &fixture("btwallet/ansible_sr25519.keyfile"),
                Some("ansible_passwor")
            ),
            KeystoreError::WrongPassword(AnsibleVault)
        ),
        case!(
            "Fernet: wrong password",
            Keyfile::read(
                &fixture("btwallet/fernet_sr25519.keyfile"),
                Some("fernet_passwore")
            ),
            KeystoreError::WrongPassword(Fernet)
        ),
        case!(
            "polkadot.js: wrong password",
            pjs::import(
                &fixture("pjs/sr25519_scrypt_n15_p1_r8.json"),
                "pjs_passwore"
            ),
            KeystoreError::WrongPassword(PolkadotJson)
        ),
        case!(
            "polkadot.js legacy (no scrypt): wrong password",
            pjs::import(&fixture("pjs/sr25519_legacy_noscrypt.json"), "legacy_pX"),
            KeystoreError::WrongPassword(PolkadotJson)
        ),
        // Truncated / garbled keyfiles, per format.
        case!(
            "$NACL: truncated",
            Keyfile::read(b"$NACL0123456789", Some("pw")),
            KeystoreError::Truncated {
                container: Nacl,
                ..
            }
        ),
        case!(
            "$NACL: encrypted but no password",
            Keyfile::read(&fixture("btwallet/wallets/sr/coldkey"), None),
            KeystoreError::PasswordRequired(Nacl)
        ),
        case!(
            "Ansible Vault: header only",
            Keyfile::read(b"$ANSIBLE_VAULT;1.1;AES256", Some("pw")),
            KeystoreError::Truncated {
                container: AnsibleVault,
                ..
            }
        ),
        case!(
            "Ansible Vault: body not hex",
            Keyfile::read(b"$ANSIBLE_VAULT;1.1;AES256\nnothex!", Some("pw")),
            KeystoreError::InvalidHex("vault body")
        ),
        case!(
            "Ansible Vault: unknown version",
            Keyfile::read(b"$ANSIBLE_VAULT;9.9;AES256\n3030", Some("pw")),
            KeystoreError::Malformed {
                container: AnsibleVault,
                ..
            }
        ),
        case!(
            "Ansible Vault: cut in the middle",
            {
                let f = fixture("btwallet/ansible_sr25519.keyfile");
                Keyfile::read(&f[..f.len() / 2], Some("ansible_password"))
            },
            KeystoreError::InvalidHex(_)
                | KeystoreError::Malformed {
                    container: AnsibleVault,
                    ..
                }
        ),
        case!(
            "Fernet: truncated token",
            Keyfile::read(b"gAAAAABk", Some("pw")),
            KeystoreError::Truncated {
                container: Fernet,
                ..
            }
        ),
        case!(
            "Fernet: not base64",
            Keyfile::read(b"gAAAAA!!!!", Some("pw")),
            KeystoreError::InvalidBase64(_)
        ),
        // Plaintext keyfile JSON.
        case!(
            "keyfile: not JSON",
            Keyfile::read(b"{not json", None),
            KeystoreError::InvalidJson {
                container: KeyfileJson,
                ..
            }
        ),
        case!(
            "keyfile: not UTF-8",
            Keyfile::read(&[b'{', 0xff, 0xfe, b'}'], None),
            KeystoreError::NotUtf8(KeyfileJson)
        ),
        case!(
            "keyfile: no key fields",
            Keyfile::read(b"{}", None),
            KeystoreError::MissingField("ss58Address")
        ),
        case!(
            "keyfile: privateKey not hex",
            Keyfile::read(br#"{"privateKey":"0xzz"}"#, None),
            KeystoreError::InvalidHex("privateKey")
        ),
        case!(
            "keyfile: privateKey wrong length",
            Keyfile::read(br#"{"privateKey":"0x0102"}"#, None),
            KeystoreError::Keys(KeysError::InvalidSecretLength { .. })
        ),
        case!(
            "keyfile: secretSeed garbage",
            Keyfile::read(br#"{"secretSeed":"0x12"}"#, None),
            KeystoreError::InvalidHex("secretSeed")
        ),
        case!(
            "keyfile: bad phrase",
            Keyfile::read(
                format!(r#"{{"secretPhrase":"{ABANDON11} abandon"}}"#).as_bytes(),
                None
            ),
            KeystoreError::Keys(KeysError::InvalidMnemonicChecksum)
        ),
        case!(
            "keyfile: unsupported cryptoType 2",
            Keyfile::read(
                format!(r#"{{"secretPhrase":"{STOOL}","cryptoType":2}}"#).as_bytes(),
                None
            ),
            KeystoreError::UnsupportedCryptoType(_)
        ),
        case!(
            "keyfile: cryptoType not a number",
            Keyfile::read(
                format!(r#"{{"secretPhrase":"{STOOL}","cryptoType":"sr25519"}}"#).as_bytes(),
                None
            ),
            KeystoreError::InvalidField {
                field: "cryptoType",
                ..
            }
        ),
        case!(
            "keyfile: ss58Address of another key (4.1 file)",
            Keyfile::read(
                format!(r#"{{"secretPhrase":"{STOOL}","ss58Address":"{ALICE}","cryptoType":1}}"#)
                    .as_bytes(),
                None
            ),
            KeystoreError::AddressMismatch {
                field: "ss58Address",
                ..
            }
        ),
        case!(
            "keyfile: accountId of another key",
            Keyfile::read(
                format!(
                    r#"{{"secretPhrase":"{STOOL}","accountId":"0x{}"}}"#,
                    to_hex(&alice().public().0)
                )
                .as_bytes(),
                None
            ),
            KeystoreError::AddressMismatch {
                field: "accountId",
                ..
            }
        ),
        case!(
            "keyfile: pub file with bad SS58 checksum",
            Keyfile::read(
                br#"{"ss58Address":"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"}"#,
                None
            ),
            KeystoreError::Keys(KeysError::InvalidSs58Checksum)
        ),
        case!(
            "keyfile: public-only has no keypair",
            Keyfile::read(&fixture("btwallet/wallets/sr/coldkeypub.txt"), None)
                .and_then(Keyfile::into_keypair),
            KeystoreError::PublicOnly
        ),
        // polkadot.js JSON.
        case!(
            "polkadot.js: scrypt N outside the whitelist",
            PjsKeystore::parse(&fixture("pjs/sr25519_scrypt_n14_p1_r8.json")),
            KeystoreError::UnsupportedScryptParams {
                n: 16384,
                p: 1,
                r: 8
            }
        ),
        case!(
            "polkadot.js: legacy p=5 entry that can never pass",
            PjsKeystore::parse(&fixture("pjs/sr25519_scrypt_n14_p5_r8.json")),
            KeystoreError::UnsupportedScryptParams { p: 5, .. }
        ),
        case!(
            "polkadot.js: not JSON",
            PjsKeystore::parse(b"[1,2"),
            KeystoreError::InvalidJson {
                container: PolkadotJson,
                ..
            }
        ),
        case!(
            "polkadot.js: not UTF-8",
            PjsKeystore::parse(&[0xc3, 0x28]),
            KeystoreError::NotUtf8(PolkadotJson)
        ),
        case!(
            "polkadot.js: missing encoding",
            PjsKeystore::parse(br#"{"encoded":"","address":""}"#),
            KeystoreError::MissingField("encoding")
        ),
        case!(
            "polkadot.js: missing address",
            PjsKeystore::parse(none_sr().replace("\"address\"", "\"addr\"").as_bytes()),
            KeystoreError::MissingField("address")
        ),
        case!(
            "polkadot.js: encoded not base64",
            PjsKeystore::parse(&pjs_json("!!!", "sr25519", r#"["none"]"#, ALICE)),
            KeystoreError::InvalidBase64("encoded")
        ),
        case!(
            "polkadot.js: encoded not hex",
            PjsKeystore::parse(&pjs_json("0xzz", "sr25519", r#"["none"]"#, ALICE)),
            KeystoreError::InvalidHex("encoded")
        ),
        case!(
            "polkadot.js: ecdsa content",
            PjsKeystore::parse(&pjs_json("", "ecdsa", r#"["none"]"#, ALICE)),
            KeystoreError::UnsupportedCryptoType(_)
        ),
        case!(
            "polkadot.js: version 4",
            PjsKeystore::parse(
                none_sr()
                    .replace("\"version\": \"3\"", "\"version\": \"4\"")
                    .as_bytes()
            ),
            KeystoreError::UnsupportedEncoding(_)
        ),
        case!(
            "polkadot.js: unknown cipher",
            PjsKeystore::parse(&pjs_json("", "sr25519", r#"["scrypt","aes-gcm"]"#, ALICE)),
            KeystoreError::UnsupportedEncoding(_)
        ),
        case!(
            "polkadot.js: scrypt payload truncated",
            PjsKeystore::parse(&pjs_json(
                "AAAA",
                "sr25519",
                r#"["scrypt","xsalsa20-poly1305"]"#,
                ALICE
            )),
            KeystoreError::Truncated {
                container: PolkadotJson,
                ..
            }
        ),
        case!(
            "polkadot.js: address with bad checksum",
            PjsKeystore::parse(&pjs_json(
                "",
                "sr25519",
                r#"["none"]"#,
                "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"
            )),
            KeystoreError::Keys(KeysError::InvalidSs58Checksum)
        ),
        case!(
            "polkadot.js: encrypted, empty password",
            pjs::import(&fixture("pjs/sr25519_stool_default.json"), ""),
            KeystoreError::PasswordRequired(PolkadotJson)
        ),
        case!(
            "PKCS8: wrong length",
            pjs::import(
                &pjs_json(
                    &format!("0x{}", to_hex(&PKCS8_HEADER)),
                    "sr25519",
                    r#"["none"]"#,
                    ALICE
                ),
                ""
            ),
            KeystoreError::Truncated {
                container: Pkcs8,
                ..
            }
        ),
        case!(
            "PKCS8: divider missing",
            {
                let mut h = pkcs8_hex(&alice(), None);
                h.replace_range(2 + 160..2 + 170, "0000000000");
                pjs::import(&pjs_json(&h, "sr25519", r#"["none"]"#, ALICE), "")
            },
            KeystoreError::Malformed {
                container: Pkcs8,
                ..
            }
        ),
        case!(
            "PKCS8: public key is not the secret's",
            pjs::import(
                &pjs_json(
                    &pkcs8_hex(&alice(), Some([7u8; 32])),
                    "sr25519",
                    r#"["none"]"#,
                    ALICE
                ),
                ""
            ),
            KeystoreError::AddressMismatch {
                field: "PKCS8 public key",
                ..
            }
        ),
        case!(
            "polkadot.js: address is not the key's",
            pjs::import(
                &pjs_json(
                    &pkcs8_hex(&alice_ed(), None),
                    "ed25519",
                    r#"["none"]"#,
                    ALICE
                ),
                ""
            ),
            KeystoreError::AddressMismatch {
                field: "address",
                ..
            }
        ),
        case!(
            "polkadot.js: sr25519 body declared ed25519",
            pjs::import(
                &pjs_json(&pkcs8_hex(&alice(), None), "ed25519", r#"["none"]"#, ALICE),
                ""
            ),
            KeystoreError::AddressMismatch { .. }
        ),
        // Wallet store.
        case!(
            "wallet: name escaping the directory",
            WalletStore::new(MemoryStorage::new()).create_hotkey(
                "w",
                "../x",
                &alice(),
                KeyfileEncryption::Plaintext,
                false
            ),
            KeystoreError::InvalidName
        ),
        case!(
            "wallet: hotkey exists, no overwrite",
            {
                let store = WalletStore::new(MemoryStorage::new());
                store
                    .create_hotkey("w", "h", &alice(), KeyfileEncryption::Plaintext, false)
                    .unwrap();
                store.create_hotkey("w", "h", &alice(), KeyfileEncryption::Plaintext, false)
            },
            KeystoreError::AlreadyExists(_)
        ),
    ]
}

#[test]
fn every_bad_input_gives_its_typed_error_and_nothing_panics() {
    let cases: Vec<Case> = keys_cases().into_iter().chain(keystore_cases()).collect();
    let mut failures = Vec::new();
    for (name, run) in &cases {
        match catch_unwind(AssertUnwindSafe(run)) {
            Ok(Ok(())) => {}
            Ok(Err(why)) => failures.push(format!("{name}: {why}")),
            Err(_) => failures.push(format!("{name}: PANICKED")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(
        cases.len() >= 30,
        "the catalogue needs at least 30 cases, has {}",
        cases.len()
    );
    eprintln!(
        "bad-input catalogue: {} cases ({} keys, {} keystore)",
        cases.len(),
        keys_cases().len(),
        keystore_cases().len()
    );
}

#[test]
fn error_messages_carry_no_secrets() {
    // The phrase is in the input; the error must not echo it (serde's message would).
    let input = format!(r#"{{"secretPhrase":"{STOOL}","cryptoType":"{STOOL}"}}"#);
    let err = Keyfile::read(input.as_bytes(), None)
        .unwrap_err()
        .to_string();
    assert!(!err.contains("stool"), "{err}");
    let input = format!(r#"{{"secretPhrase":["{STOOL}"]}}"#);
    let err = Keyfile::read(input.as_bytes(), None)
        .unwrap_err()
        .to_string();
    assert!(!err.contains("stool"), "{err}");
}
