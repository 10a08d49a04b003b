//! Unit tests of core::tx that need no node (the metadata-driven parts are tested against the
//! devnet and @polkadot/api in core/tests/tx_devnet.rs).

use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;

use super::*;
use crate::keys::{CryptoType, Keypair};

#[test]
fn mortal_eras_follow_sp_runtime() {
    // sp-runtime's doc example: period 64 at block 42.
    let era = Era::mortal(64, 42).unwrap();
    assert_eq!(
        era,
        Era::Mortal {
            period: 64,
            phase: 42
        }
    );
    assert_eq!(era.encode(), vec![0xa5, 0x02]); // (64.trailing_zeros() - 1) | 42 << 4
    // Periods round up to a power of two; above 4096 the phase is quantized.
    assert_eq!(
        Era::mortal(100, 1000).unwrap(),
        Era::Mortal {
            period: 128,
            phase: 1000 % 128
        }
    );
    let big = Era::mortal(32768, 20_003).unwrap();
    assert_eq!(
        big,
        Era::Mortal {
            period: 32768,
            phase: 20_000
        }
    );
    assert_eq!(big.encode(), (14u16 + (2500 << 4)).to_le_bytes().to_vec());
    assert_eq!(Era::Immortal.encode(), vec![0]);
    for e in [
        era,
        big,
        Era::mortal(4, 7).unwrap(),
        Era::mortal(65536, 123_456).unwrap(),
        Era::Immortal,
    ] {
        let bytes = e.encode();
        assert_eq!(Era::decode(&bytes).unwrap(), (e, bytes.len()));
    }
    assert_eq!(Era::mortal(3, 1), Err(TxError::BadEraPeriod(3)));
    assert_eq!(Era::mortal(65537, 1), Err(TxError::BadEraPeriod(65537)));
    assert!(Era::decode(&[]).is_err());
    assert!(
        Era::decode(&[0x41, 0x00]).is_err(),
        "phase 4 in a period of 4"
    );
}

#[test]
fn era_birth_and_death() {
    let era = Era::mortal(4, 6).unwrap(); // phase 2
    assert_eq!((era.birth(6), era.death(6)), (6, 10));
    assert_eq!(era.birth(9), 6);
    assert_eq!(era.birth(10), 10, "the next window");
    assert_eq!(Era::Immortal.death(5), u64::MAX);
}

#[test]
fn long_payloads_are_hashed() {
    assert_eq!(signature_message(&[7u8; 256]), vec![7u8; 256]);
    let hashed = signature_message(&[7u8; 257]);
    assert_eq!(hashed.len(), 32);
    assert_ne!(hashed, signature_message(&[8u8; 257]));
}

/// A payload written out by hand with the devnet's extension list (no metadata involved).
fn hand_payload(signer: &Keypair) -> SigningPayload {
    let genesis = [0x62; 32];
    let block = [0x11; 32];
    let ext = |id: &str, extra: Vec<u8>, additional: Vec<u8>| ExtensionBytes {
        identifier: id.to_string(),
        extra,
        additional,
    };
    SigningPayload {
        format: PAYLOAD_FORMAT.into(),
        signer: signer.public().address(),
        call: vec![0x05, 0x03, 0x00, 0x22, 0x02, 0x28, 0x6b, 0xee],
        summary: "Balances.transfer_keep_alive(...)".into(),
        genesis_hash: genesis,
        spec_version: 425,
        transaction_version: 1,
        nonce: 64,
        tip: 1,
        era: vec![0xa5, 0x00],
        era_block_hash: block,
        era_block_number: Some(10),
        metadata_hash: Some([0x33; 32]),
        extensions: vec![
            ext("CheckNonZeroSender", vec![], vec![]),
            ext("CheckSpecVersion", vec![], vec![0xa9, 0x01, 0, 0]),
            ext("CheckTxVersion", vec![], vec![1, 0, 0, 0]),
            ext("CheckGenesis", vec![], genesis.to_vec()),
            ext("CheckMortality", vec![0xa5, 0x00], block.to_vec()),
            ext("CheckNonce", vec![0x01, 0x01], vec![]), // Compact(64)
            ext("CheckWeight", vec![], vec![]),
            ext("ChargeTransactionPaymentWrapper", vec![0x04], vec![]), // Compact(1)
            ext("SudoTransactionExtension", vec![], vec![]),
            ext(
                "CheckMetadataHash",
                vec![1],
                [vec![1], vec![0x33; 32]].concat(),
            ),
        ],
    }
}

#[test]
fn offline_payload_round_trip_sign_assemble() {
    let key = Keypair::from_uri("//Alice", CryptoType::Ed25519).unwrap();
    let p = hand_payload(&key);
    p.check().unwrap();
    let json = p.to_json();
    let back = SigningPayload::from_json(&json).unwrap();
    assert_eq!(back, p);
    assert_eq!(
        p.payload_bytes(),
        [
            p.call.clone(),
            vec![0xa5, 0x00, 0x01, 0x01, 0x04, 0x01],
            vec![0xa9, 1, 0, 0, 1, 0, 0, 0],
            vec![0x62; 32],
            vec![0x11; 32],
            vec![1],
            vec![0x33; 32]
        ]
        .concat()
    );
    let sig = back.sign(&key).unwrap();
    let xt = p.assemble(&sig).unwrap();
    let bytes = xt.encode();
    // Compact(len) ‖ 0x84 ‖ 0x00 ‖ signer ‖ 0x00 (ed25519) ‖ signature ‖ extra ‖ call
    let body = [
        vec![0x84, 0x00],
        key.public().0.to_vec(),
        vec![0x00],
        sig.signature.clone(),
        p.extra(),
        p.call.clone(),
    ]
    .concat();
    // 113 bytes: the two-byte compact length form.
    assert_eq!(body.len(), 113);
    assert_eq!(bytes[..2], (((113u16) << 2) | 1).to_le_bytes());
    assert_eq!(&bytes[2..], &body[..]);
    xt.verify(&p.additional()).unwrap();
    assert_eq!(xt.verify(&[0u8; 3]), Err(TxError::BadSignature));
}

#[test]
fn inconsistent_or_foreign_payloads_are_refused() {
    let key = Keypair::from_uri("//Alice", CryptoType::Sr25519).unwrap();
    let other = Keypair::from_uri("//Bob", CryptoType::Sr25519).unwrap();
    let p = hand_payload(&key);
    assert_eq!(p.sign(&other), Err(TxError::WrongSigner));

    let mut q = p.clone();
    q.nonce = 65; // value no longer matches the CheckNonce bytes
    assert!(matches!(q.sign(&key), Err(TxError::BadPayload(_))));
    let mut q = p.clone();
    q.extensions[8].extra = vec![9]; // data in an extension the signer does not know
    assert!(matches!(q.check(), Err(TxError::BadPayload(_))));
    let mut q = p.clone();
    q.format = "other/1".into();
    assert!(matches!(q.check(), Err(TxError::BadPayload(_))));
    let mut q = p.clone();
    q.extensions.pop(); // mode 1 without the extension
    assert_eq!(q.check(), Err(TxError::NoMetadataHashExtension));
    assert!(matches!(
        SigningPayload::from_json("{\"format\":1}"),
        Err(TxError::BadPayload(_))
    ));

    // A signature by another key, or a damaged one, does not assemble.
    let sig = p.sign(&key).unwrap();
    let mut wrong = sig.clone();
    wrong.public = other.public().0;
    assert_eq!(p.assemble(&wrong), Err(TxError::WrongSigner));
    let mut damaged = sig.clone();
    damaged.signature[10] ^= 1;
    assert_eq!(p.assemble(&damaged), Err(TxError::BadSignature));
    let mut scheme = sig;
    scheme.crypto = "ecdsa".into();
    assert!(matches!(p.assemble(&scheme), Err(TxError::BadPayload(_))));
}

#[test]
fn era_expiry_is_checked_locally() {
    let key = Keypair::from_uri("//Alice", CryptoType::Sr25519).unwrap();
    let p = hand_payload(&key); // period 64 from block 10
    p.check_era_at(10).unwrap();
    p.check_era_at(73).unwrap();
    assert_eq!(
        p.check_era_at(74),
        Err(TxError::EraExpired {
            birth: 10,
            death: 74,
            current: 74
        })
    );
    assert_eq!(
        p.check_era_at(9),
        Err(TxError::EraExpired {
            birth: 10,
            death: 74,
            current: 9
        })
    );
}

#[test]
fn runtime_call_params_layout() {
    let xt = vec![0x0c, 0x84, 0x00, 0x01];
    assert_eq!(
        runtime_api::query_info_params(&xt),
        vec![0x0c, 0x84, 0x00, 0x01, 4, 0, 0, 0]
    );
    let p = runtime_api::validate_transaction_params(
        runtime_api::TransactionSource::External,
        &xt,
        [9; 32],
    );
    assert_eq!(p, [vec![2], xt, vec![9; 32]].concat());
}

#[test]
fn bad_metadata_is_a_typed_error() {
    assert!(matches!(
        TxMetadata::from_bytes(&[1, 2, 3]),
        Err(TxError::BadMetadata(_))
    ));
    assert!(matches!(
        TxMetadata::from_metadata_at_version_output(&[0]),
        Err(TxError::BadMetadata(_))
    ));
}
