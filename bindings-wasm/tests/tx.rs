//! The tx and signer exports as JavaScript sees them, without a chain (stage 20 runs this file
//! in Node and headless Chromium). The metadata-driven parts (calls by name, polkadot-api
//! `signTx`) are checked against @polkadot/api and @polkadot-api/signer on the devnet by
//! examples/node/signers.mjs (stage 65).
//!
//! Expected bytes are written out by hand from the extrinsic format (call ‖ era ‖ Compact(nonce)
//! ‖ Compact(tip) ‖ mode ‖ spec ‖ tx version ‖ genesis ‖ era block ‖ Option<hash>); ed25519 is
//! deterministic, so signatures are compared byte for byte with `Keypair.sign` of those bytes.
use js_sys::futures::JsFuture;
use taolight_wasm::keys::Keypair;
use taolight_wasm::signer::{PolkadotJsSigner, polkadot_api_signer};
use taolight_wasm::tx::SigningPayload;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const EXTENSIONS: [&str; 12] = [
    "CheckNonZeroSender",
    "CheckSpecVersion",
    "CheckTxVersion",
    "CheckGenesis",
    "CheckMortality",
    "CheckNonce",
    "CheckWeight",
    "ChargeTransactionPaymentWrapper",
    "SudoTransactionExtension",
    "SubtensorTransactionExtension",
    "DrandPriority",
    "CheckMetadataHash",
];

fn hex(data: &[u8]) -> String {
    let mut s = String::from("0x");
    for b in data {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

fn unhex(s: &str) -> Vec<u8> {
    let s = s.strip_prefix("0x").unwrap();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn get(obj: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(obj, &name.into()).unwrap()
}

fn code_of(js: &JsValue) -> String {
    let error = js.dyn_ref::<js_sys::Error>().expect("an Error");
    assert_eq!(String::from(error.name()), "TaolightError");
    get(js, "code").as_string().unwrap()
}

fn thrown(err: taolight_wasm::Error) -> String {
    code_of(&JsValue::from(err))
}

async fn rejected(p: js_sys::Promise) -> String {
    code_of(&JsFuture::from(p).await.expect_err("the promise rejects"))
}

/// Era made at block #100 with period 64: `(64.trailing_zeros() - 1) | (100 % 64) << 4`, LE.
fn era_bytes() -> Vec<u8> {
    let v: u16 = 5 | (36 << 4);
    v.to_le_bytes().to_vec()
}

/// A polkadot.js `SignerPayloadJSON` for `address` (mode 1, nonce 7, tip 9, spec 300, tx 1).
fn pjs_payload(address: &str, call: &[u8]) -> JsValue {
    let json = format!(
        r#"{{"address":"{address}","blockHash":"0x{}","blockNumber":"0x00000064","era":"{}",
        "genesisHash":"0x{}","method":"{}","nonce":"0x00000007","specVersion":"0x0000012c",
        "tip":"0x00000000000000000000000000000009","transactionVersion":"0x00000001",
        "signedExtensions":{},"version":4,"mode":1,"metadataHash":"0x{}"}}"#,
        "11".repeat(32),
        hex(&era_bytes()),
        "62".repeat(32),
        hex(call),
        serde_json::to_string(&EXTENSIONS).unwrap(),
        "33".repeat(32),
    );
    js_sys::JSON::parse(&json).unwrap()
}

/// The payload bytes `pjs_payload` describes, written out by hand.
fn expected_payload_bytes(call: &[u8]) -> Vec<u8> {
    let mut want = call.to_vec();
    want.extend(era_bytes()); // CheckMortality extra
    want.push(7 << 2); // CheckNonce: Compact(7)
    want.push(9 << 2); // ChargeTransactionPaymentWrapper: Compact(9)
    want.push(1); // CheckMetadataHash mode 1
    want.extend(300u32.to_le_bytes()); // CheckSpecVersion
    want.extend(1u32.to_le_bytes()); // CheckTxVersion
    want.extend([0x62; 32]); // CheckGenesis
    want.extend([0x11; 32]); // CheckMortality: era block hash
    want.push(1); // CheckMetadataHash: Some(hash)
    want.extend([0x33; 32]);
    want
}

const CALL: [u8; 4] = [0x05, 0x03, 0xde, 0xad];

#[wasm_bindgen_test]
async fn polkadot_js_sign_payload_signs_the_payload_bytes() {
    let alice = Keypair::from_uri("//Alice", Some("ed25519".into())).unwrap();
    let signer = PolkadotJsSigner::new(&alice);
    let result = JsFuture::from(signer.sign_payload(pjs_payload(&alice.address(), &CALL)))
        .await
        .unwrap();
    assert_eq!(get(&result, "id").as_f64(), Some(1.0));
    let signature = unhex(&get(&result, "signature").as_string().unwrap());
    assert_eq!(signature[0], 0x00, "MultiSignature::Ed25519");
    assert_eq!(
        signature[1..],
        alice.sign(&expected_payload_bytes(&CALL))[..]
    );
    // A second request gets the next id.
    let again = JsFuture::from(signer.sign_payload(pjs_payload(&alice.address(), &CALL)))
        .await
        .unwrap();
    assert_eq!(get(&again, "id").as_f64(), Some(2.0));

    // sr25519 (randomized): the prefix is 0x01 and the signature verifies over the same bytes.
    let alice_sr = Keypair::from_uri("//Alice", None).unwrap();
    let signer = PolkadotJsSigner::new(&alice_sr);
    let result = JsFuture::from(signer.sign_payload(pjs_payload(&alice_sr.address(), &CALL)))
        .await
        .unwrap();
    let signature = unhex(&get(&result, "signature").as_string().unwrap());
    assert_eq!(signature[0], 0x01, "MultiSignature::Sr25519");
    assert!(
        alice_sr
            .verify(&expected_payload_bytes(&CALL), &signature[1..])
            .unwrap()
    );
}

#[wasm_bindgen_test]
async fn polkadot_js_signer_refusals_are_typed() {
    let alice = Keypair::from_uri("//Alice", None).unwrap();
    let bob = Keypair::from_uri("//Bob", None).unwrap();
    let signer = PolkadotJsSigner::new(&alice);
    assert_eq!(
        rejected(signer.sign_payload(pjs_payload(&bob.address(), &CALL))).await,
        "WrongSigner"
    );
    let bad = pjs_payload(&alice.address(), &CALL);
    js_sys::Reflect::set(&bad, &"nonce".into(), &"0x0100000000".into()).unwrap();
    assert_eq!(rejected(signer.sign_payload(bad)).await, "BadPayload");
    let raw = js_sys::JSON::parse(&format!(
        r#"{{"address":"{}","data":"0x0102","type":"bytes"}}"#,
        bob.address()
    ))
    .unwrap();
    assert_eq!(rejected(signer.sign_raw(raw)).await, "WrongSigner");
    let raw = js_sys::JSON::parse(&format!(
        r#"{{"address":"{}","data":"0x01g2","type":"bytes"}}"#,
        alice.address()
    ))
    .unwrap();
    assert_eq!(rejected(signer.sign_raw(raw)).await, "InvalidArgument");
    let raw = js_sys::JSON::parse(&format!(
        r#"{{"address":"{}","data":"0x0102","type":"text"}}"#,
        alice.address()
    ))
    .unwrap();
    assert_eq!(rejected(signer.sign_raw(raw)).await, "InvalidArgument");
    assert_eq!(
        rejected(signer.sign_payload(JsValue::from_str("nope"))).await,
        "BadPayload"
    );
    signer.destroy();
    assert_eq!(
        rejected(signer.sign_payload(pjs_payload(&alice.address(), &CALL))).await,
        "Destroyed"
    );
}

#[wasm_bindgen_test]
async fn polkadot_js_sign_raw_wraps_bytes_once_and_signs_payloads_as_the_runtime() {
    let alice = Keypair::from_uri("//Alice", Some("ed25519".into())).unwrap();
    let signer = PolkadotJsSigner::new(&alice);
    let raw = |data: &[u8], kind: &str| {
        js_sys::JSON::parse(&format!(
            r#"{{"address":"{}","data":"{}","type":"{kind}"}}"#,
            alice.address(),
            hex(data)
        ))
        .unwrap()
    };
    let sig_of = |result: JsValue| unhex(&get(&result, "signature").as_string().unwrap());
    let wrapped = b"<Bytes>hello</Bytes>".to_vec();
    let s = sig_of(
        JsFuture::from(signer.sign_raw(raw(b"hello", "bytes")))
            .await
            .unwrap(),
    );
    assert_eq!(s[0], 0x00);
    assert_eq!(s[1..], alice.sign(&wrapped)[..]);
    let s = sig_of(
        JsFuture::from(signer.sign_raw(raw(&wrapped, "bytes")))
            .await
            .unwrap(),
    );
    assert_eq!(
        s[1..],
        alice.sign(&wrapped)[..],
        "already wrapped: not twice"
    );
    let short = [0xab; 256];
    let s = sig_of(
        JsFuture::from(signer.sign_raw(raw(&short, "payload")))
            .await
            .unwrap(),
    );
    assert_eq!(s[1..], alice.sign(&short)[..], "up to 256 bytes: as is");
    let long = [0xab; 257];
    let s = sig_of(
        JsFuture::from(signer.sign_raw(raw(&long, "payload")))
            .await
            .unwrap(),
    );
    assert_ne!(s[1..], alice.sign(&long)[..], "over 256 bytes: hashed");
    assert_eq!(s[1..].len(), 64);
}

#[wasm_bindgen_test]
async fn polkadot_api_signer_shape_and_sign_bytes() {
    let alice = Keypair::from_uri("//Alice", Some("ed25519".into())).unwrap();
    let signer = polkadot_api_signer(&alice).unwrap();
    for name in ["publicKey", "signTx", "signBytes", "destroy"] {
        assert!(
            js_sys::Object::has_own(signer.unchecked_ref::<js_sys::Object>(), &name.into()),
            "{name} is an own property"
        );
    }
    assert_eq!(
        get(&signer, "publicKey")
            .dyn_into::<js_sys::Uint8Array>()
            .unwrap()
            .to_vec(),
        alice.public_key()
    );
    let sign_bytes: js_sys::Function = get(&signer, "signBytes").dyn_into().unwrap();
    // Called unbound, as a spread copy would call it.
    let p: js_sys::Promise = sign_bytes
        .call1(
            &JsValue::UNDEFINED,
            &js_sys::Uint8Array::from(&b"hello"[..]),
        )
        .unwrap()
        .dyn_into()
        .unwrap();
    let sig = JsFuture::from(p)
        .await
        .unwrap()
        .dyn_into::<js_sys::Uint8Array>()
        .unwrap()
        .to_vec();
    assert_eq!(sig, alice.sign(b"<Bytes>hello</Bytes>"));
    let sign_tx: js_sys::Function = get(&signer, "signTx").dyn_into().unwrap();
    let p: js_sys::Promise = sign_tx
        .call2(
            &JsValue::UNDEFINED,
            &js_sys::Uint8Array::from(&CALL[..]),
            &js_sys::Object::new(),
        )
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(rejected(p).await, "InvalidArgument", "no metadata given");
    let destroy: js_sys::Function = get(&signer, "destroy").dyn_into().unwrap();
    destroy.call0(&JsValue::UNDEFINED).unwrap();
    let p: js_sys::Promise = sign_bytes
        .call1(&JsValue::UNDEFINED, &js_sys::Uint8Array::from(&b"x"[..]))
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(rejected(p).await, "Destroyed");
}

#[wasm_bindgen_test]
fn signing_payload_offline_round_trip_sign_assemble_verify() {
    let alice = Keypair::from_uri("//Alice", Some("ed25519".into())).unwrap();
    // A payload built from the polkadot.js form by the core, then carried as JSON text.
    let core_payload = taolight_core::tx::signing_payload_from_polkadot_js(
        &js_sys::JSON::stringify(&pjs_payload(&alice.address(), &CALL))
            .unwrap()
            .as_string()
            .unwrap(),
    )
    .unwrap();
    let payload = SigningPayload::from_json(core_payload.to_json().into()).unwrap();
    assert_eq!(payload.payload_bytes(), expected_payload_bytes(&CALL));
    assert_eq!(
        payload.message(),
        expected_payload_bytes(&CALL),
        "≤ 256 bytes"
    );
    assert_eq!(payload.nonce(), 7);
    assert_eq!(payload.tip(), 9);
    assert_eq!(payload.era_block_number(), Some(100.0));
    assert_eq!(payload.metadata_hash(), Some(vec![0x33; 32]));
    // toJSON() is a plain object: JSON.stringify works and fromJSON takes either form.
    let obj = payload.to_json().unwrap();
    assert_eq!(get(&obj, "nonce").as_f64(), Some(7.0));
    let text = js_sys::JSON::stringify(&obj).unwrap().as_string().unwrap();
    let again = SigningPayload::from_json(text.into()).unwrap();
    assert_eq!(again.payload_bytes(), payload.payload_bytes());
    let again = SigningPayload::from_json(obj.clone()).unwrap();
    assert_eq!(again.payload_bytes(), payload.payload_bytes());

    let signature = again.sign(&alice).unwrap();
    assert_eq!(
        get(&signature, "signature")
            .dyn_into::<js_sys::Uint8Array>()
            .unwrap()
            .to_vec(),
        alice.sign(&expected_payload_bytes(&CALL))
    );
    let extrinsic = payload.assemble(signature.clone()).unwrap();
    extrinsic.verify(&payload.additional()).unwrap();
    // Layout: Compact(len) ‖ 0x84 ‖ 0x00 ‖ AccountId ‖ 0x00 ed25519 ‖ sig ‖ extra ‖ call.
    let mut body = vec![0x84, 0x00];
    body.extend(alice.public_key());
    body.push(0x00);
    body.extend(alice.sign(&expected_payload_bytes(&CALL)));
    body.extend(era_bytes());
    body.extend([7 << 2, 9 << 2, 1]);
    body.extend(CALL);
    // Two-byte compact length (64 ≤ len < 2^14).
    let mut want = ((body.len() as u16) << 2 | 0b01).to_le_bytes().to_vec();
    want.extend(&body);
    assert_eq!(extrinsic.encode(), want);
    assert_eq!(extrinsic.signer(), alice.address());
    assert_eq!(extrinsic.crypto_type(), "ed25519");
    assert_eq!(extrinsic.call(), CALL.to_vec());
    assert_eq!(extrinsic.hash().len(), 32);

    // Refusals.
    let bob = Keypair::from_uri("//Bob", Some("ed25519".into())).unwrap();
    assert_eq!(thrown(payload.sign(&bob).err().unwrap()), "WrongSigner");
    let forged = signature.clone();
    let sig_bytes = get(&forged, "signature")
        .dyn_into::<js_sys::Uint8Array>()
        .unwrap();
    sig_bytes.set_index(0, sig_bytes.get_index(0) ^ 1);
    assert_eq!(
        thrown(payload.assemble(forged).err().unwrap()),
        "BadSignature"
    );
    let tampered = payload.to_json().unwrap();
    js_sys::Reflect::set(&tampered, &"nonce".into(), &8.into()).unwrap();
    assert_eq!(
        thrown(SigningPayload::from_json(tampered).err().unwrap()),
        "BadPayload"
    );
    assert_eq!(
        thrown(
            SigningPayload::from_json(JsValue::from_str("{"))
                .err()
                .unwrap()
        ),
        "BadPayload"
    );
    assert_eq!(
        thrown(SigningPayload::from_json(JsValue::from(3)).err().unwrap()),
        "InvalidArgument"
    );
    payload.check_era_at(100.into()).unwrap();
    payload.check_era_at(163.into()).unwrap();
    assert_eq!(
        thrown(payload.check_era_at(164.into()).err().unwrap()),
        "EraExpired"
    );
    assert_eq!(
        thrown(extrinsic.verify(&[0u8; 3]).err().unwrap()),
        "BadSignature"
    );
    let bad_md = taolight_wasm::tx::TxMetadata::from_bytes(&[1, 2, 3]);
    assert_eq!(thrown(bad_md.err().expect("not metadata")), "BadMetadata");
}
