//! The npm package's exports, run in Node (`wasm-pack test --node`) and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome`): one file, both engines.
//!
//! Known values are the published vectors in wallets.md §7 (btwallet 4.1.1 and polkadot.js 14
//! agree on them).
use taolight_wasm::keys::{self, Keypair};
use taolight_wasm::keystore;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const ALICE_SR: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const ALICE_SR_PUBLIC: &str = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
const ALICE_ED: &str = "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu";
const DEV_PHRASE: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
const HELLO: &[u8] = b"hello bittensor";

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The JS value a failing export throws: checks it is an `Error` named `TaolightError` and
/// returns its `code`.
fn thrown_code(err: taolight_wasm::Error) -> String {
    let js = JsValue::from(err);
    let error = js
        .dyn_ref::<js_sys::Error>()
        .expect("thrown value is an Error");
    assert_eq!(String::from(error.name()), "TaolightError");
    assert!(!String::from(error.message()).is_empty());
    js_sys::Reflect::get(&js, &"code".into())
        .unwrap()
        .as_string()
        .expect("code is a string")
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(taolight_wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn alice_sr25519_from_uri() {
    let alice = Keypair::from_uri("//Alice", None).unwrap();
    assert_eq!(alice.address(), ALICE_SR);
    assert_eq!(alice.public_key(), unhex(ALICE_SR_PUBLIC));
    assert_eq!(alice.crypto_type(), "sr25519");
}

#[wasm_bindgen_test]
fn alice_ed25519_signature_is_the_published_one() {
    let alice = Keypair::from_uri("//Alice", Some("ed25519".into())).unwrap();
    assert_eq!(alice.address(), ALICE_ED);
    assert_eq!(alice.crypto_type(), "ed25519");
    let expected = unhex(
        "4b793986c78867bc6a34c86a39d3d00d77a7172e660ecbf1d7df90a6bd084c3d\
         d2ab90dfd931b46cda801a0487978d1c5970592b58f5125c8114eacf3d8be903",
    );
    assert_eq!(alice.sign(HELLO), expected);
    assert!(keys::verify("ed25519".into(), &alice.public_key(), HELLO, &expected).unwrap());
}

#[wasm_bindgen_test]
fn polkadot_js_sr25519_signature_verifies_and_tampering_does_not() {
    // Signed by polkadot.js (sr25519 signatures are randomised: verify, don't compare).
    let sig = unhex(
        "c61daf8ef73f45c25f4e39dd8b6e0a0419000f592cdb7c58c948de5f3d2c725b\
         31375e86ca7245c3e2d02ca917318382bd9a12ab77d5b8c1e54e68a57d3b4781",
    );
    let public = unhex(ALICE_SR_PUBLIC);
    assert!(keys::verify("sr25519".into(), &public, HELLO, &sig).unwrap());
    assert!(!keys::verify("sr25519".into(), &public, b"hello bittensor!", &sig).unwrap());
    assert!(!keys::verify("ed25519".into(), &public, HELLO, &sig).unwrap());
}

#[wasm_bindgen_test]
fn sr25519_sign_then_verify_round_trip() {
    let pair = Keypair::from_uri(&format!("{DEV_PHRASE}//Bob"), None).unwrap();
    let sig = pair.sign(b"stake 1 TAO");
    assert_eq!(sig.len(), 64);
    assert!(pair.verify(b"stake 1 TAO", &sig).unwrap());
    assert!(!pair.verify(b"stake 2 TAO", &sig).unwrap());
    let mut flipped = sig.clone();
    flipped[10] ^= 1;
    assert!(
        !keys::verify(
            "sr25519".into(),
            &pair.public_key(),
            b"stake 1 TAO",
            &flipped
        )
        .unwrap()
    );
}

#[wasm_bindgen_test]
fn derive_and_phrase_password_match_the_vectors() {
    let stash = Keypair::from_uri("//Alice", None)
        .unwrap()
        .derive("//stash")
        .unwrap();
    assert_eq!(
        stash.address(),
        "5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY"
    );
    let soft = Keypair::from_uri("//Alice", None)
        .unwrap()
        .derive("/0")
        .unwrap();
    assert_eq!(
        soft.address(),
        "5FKxrLQM24ZhLxcaQfJR3uMxMZh5gU6E4CP3yghPJLzCDnHN"
    );
    let with_password = Keypair::from_phrase(DEV_PHRASE, Some("password".into()), None).unwrap();
    assert_eq!(
        with_password.address(),
        "5GC6LfpV352HtJPySfAecb5JdePtf4R9Vq49NUU8RhzgBqgq"
    );
    let ed = Keypair::from_phrase(DEV_PHRASE, None, Some("ed25519".into())).unwrap();
    assert_eq!(
        ed.address(),
        "5DFJF7tY4bpbpcKPJcBTQaKuCDEPCpiz8TRjpmLeTtweqmXL"
    );
}

#[wasm_bindgen_test]
fn generated_mnemonics_are_valid_and_random() {
    let a = keys::generate_mnemonic(Some(24)).unwrap();
    let b = keys::generate_mnemonic(None).unwrap();
    assert_eq!(a.split(' ').count(), 24);
    assert_eq!(b.split(' ').count(), 12);
    assert!(keys::validate_mnemonic(&a) && keys::validate_mnemonic(&b));
    assert_ne!(
        keys::generate_mnemonic(None).unwrap(),
        b,
        "two fresh mnemonics collided"
    );
    assert!(!keys::validate_mnemonic(
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"
    ));
    assert!(keys::validate_mnemonic(DEV_PHRASE));
}

#[wasm_bindgen_test]
fn ss58_encode_and_decode() {
    let public = unhex(ALICE_SR_PUBLIC);
    assert_eq!(keys::ss58_encode(&public, None).unwrap(), ALICE_SR);
    assert_eq!(
        keys::ss58_encode(&public, Some(0)).unwrap(),
        "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"
    );
    let decoded = keys::ss58_decode("HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F").unwrap();
    let prefix = js_sys::Reflect::get(&decoded, &"prefix".into()).unwrap();
    let key = js_sys::Reflect::get(&decoded, &"publicKey".into()).unwrap();
    assert_eq!(prefix.as_f64(), Some(2.0));
    assert_eq!(
        key.dyn_into::<js_sys::Uint8Array>().unwrap().to_vec(),
        public
    );
}

#[wasm_bindgen_test]
fn bad_input_throws_typed_errors() {
    let bad_checksum = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ";
    assert_eq!(
        thrown_code(keys::ss58_decode(bad_checksum).unwrap_err()),
        "InvalidSs58Checksum"
    );
    assert_eq!(
        thrown_code(keys::generate_mnemonic(Some(13)).unwrap_err()),
        "InvalidWordCount"
    );
    let phrase = "abandon abandon abandon abandon abandon bittensor abandon abandon abandon abandon abandon about";
    let unknown = Keypair::from_uri(phrase, None).err().unwrap();
    assert_eq!(thrown_code(unknown), "UnknownWord");
    let secp = Keypair::from_uri("//Alice", Some("secp256k1".into()))
        .err()
        .unwrap();
    assert_eq!(thrown_code(secp), "InvalidArgument");
    let ed = Keypair::from_uri("//Alice", Some("ed25519".into())).unwrap();
    assert_eq!(
        thrown_code(ed.derive("/soft").err().unwrap()),
        "SoftDerivationNotSupported"
    );
    let short_key = keys::verify("sr25519".into(), &[0; 31], HELLO, &[0; 64]).unwrap_err();
    assert_eq!(thrown_code(short_key), "InvalidArgument");
    let short_sig = keys::verify("sr25519".into(), &[0; 32], HELLO, &[0; 63]).unwrap_err();
    assert_eq!(thrown_code(short_sig), "InvalidSignatureLength");
}

// --- keystore: fixtures written by bittensor-wallet 4.1.1 and @polkadot/keyring 14.0.3
// (core/tests/fixtures/keystore/README.md); all hold the `stool feel…salt` key.

const STOOL: &str = "5F7cAYCZEBz21YEjzSZPGyP7W2fva7qUXDexxXsVezSHyktz";

macro_rules! fixture {
    ($path:literal) => {
        include_bytes!(concat!("../../core/tests/fixtures/keystore/", $path))
    };
}

#[wasm_bindgen_test]
fn btwallet_nacl_keyfile_unlocks() {
    // Argon2i over 512 MiB of WebAssembly memory: the expensive case, once per engine.
    let file = fixture!("btwallet/nacl_minimal.keyfile");
    let pair = keystore::decrypt_keyfile(file, Some("testing123!".into())).unwrap();
    assert_eq!(pair.address(), STOOL);
    assert!(taolight_wasm::wasm_memory_bytes() >= 512.0 * 1024.0 * 1024.0);
}

#[wasm_bindgen_test]
fn btwallet_ansible_keyfile_unlocks_and_round_trips() {
    let file = fixture!("btwallet/ansible_sr25519.keyfile");
    let pair = keystore::decrypt_keyfile(file, Some("ansible_password".into())).unwrap();
    assert_eq!(pair.address(), STOOL);
    let wrong = keystore::decrypt_keyfile(file, Some("nope".into()))
        .err()
        .unwrap();
    assert_eq!(thrown_code(wrong), "WrongPassword");
    let missing = keystore::decrypt_keyfile(file, None).err().unwrap();
    assert_eq!(thrown_code(missing), "PasswordRequired");

    let written =
        keystore::encrypt_keyfile(&pair, Some("pw".into()), Some("ansible-vault".into())).unwrap();
    assert!(written.starts_with(b"$ANSIBLE_VAULT;1.1;AES256"));
    let back = keystore::decrypt_keyfile(&written, Some("pw".into())).unwrap();
    assert_eq!(back.public_key(), pair.public_key());
    let plain = keystore::encrypt_keyfile(&pair, None, Some("plaintext".into())).unwrap();
    assert_eq!(
        keystore::decrypt_keyfile(&plain, None).unwrap().address(),
        STOOL
    );
    let no_pw = keystore::encrypt_keyfile(&pair, None, None).err().unwrap();
    assert_eq!(thrown_code(no_pw), "InvalidArgument");
}

#[wasm_bindgen_test]
fn polkadot_js_json_imports_and_round_trips() {
    let json = std::str::from_utf8(fixture!("pjs/sr25519_scrypt_n15_p1_r8.json")).unwrap();
    let pair = keystore::import_polkadot_json(json, "pjs_password").unwrap();
    assert_eq!(pair.address(), STOOL);
    let wrong = keystore::import_polkadot_json(json, "nope").err().unwrap();
    assert_eq!(thrown_code(wrong), "WrongPassword");

    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"name".into(), &"stool".into()).unwrap();
    let exported = keystore::export_polkadot_json(&pair, "new password", options.into()).unwrap();
    assert!(exported.contains("\"name\":\"stool\""));
    let back = keystore::import_polkadot_json(&exported, "new password").unwrap();
    assert_eq!(back.address(), STOOL);
}

#[wasm_bindgen_test]
fn polkadot_js_json_outside_the_scrypt_whitelist_is_refused() {
    let json = std::str::from_utf8(fixture!("pjs/sr25519_scrypt_n14_p1_r8.json")).unwrap();
    let refused = keystore::import_polkadot_json(json, "pjs_password")
        .err()
        .unwrap();
    assert_eq!(thrown_code(refused), "UnsupportedScryptParams");
    let garbage = keystore::import_polkadot_json("{\"encoded\": 1}", "pw")
        .err()
        .unwrap();
    assert!(
        ["InvalidField", "MissingField", "InvalidJson"].contains(&thrown_code(garbage).as_str())
    );
}
