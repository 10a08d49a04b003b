use alloc::vec::Vec;

use super::*;
use crate::chain::test_metadata::{Shape, metadata};

fn h(s: &str) -> Vec<u8> {
    hex::decode(s.replace(' ', "")).unwrap()
}

/// `//Alice`'s sr25519 public key.
const ALICE: &str = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";

fn alice() -> [u8; 32] {
    h(ALICE).try_into().unwrap()
}

#[test]
fn entry_prefixes_are_the_published_twox128_values() {
    // subtensor-staking.md §4 and the well-known `System.Account` prefix.
    assert_eq!(
        entry_prefix("System", "Account").to_vec(),
        h("26aa394eea5630e07c48ae0c9558cef7 b99d880ec681799c0cf30e8886371da9")
    );
    assert_eq!(
        entry_prefix("SubtensorModule", "SubnetTAO").to_vec(),
        h("658faa385070e074c85bf6b568cf0555 7a57dce016211512d1700561066b85a3")
    );
    assert_eq!(
        entry_prefix("SubtensorModule", "Alpha").to_vec(),
        h("658faa385070e074c85bf6b568cf0555 7261f9a8fde18018cccf70368697902f")
    );
    assert_eq!(
        entry_prefix("Swap", "FeeRate").to_vec(),
        h("746cc6d1e9dbcf1d03868e492c1d836e 9e110c291062e3d22e10ec17c4e83ebd")
    );
}

#[test]
fn keys_use_the_hashers_from_metadata() {
    let md = metadata(Shape::Finney);
    // Twox64Concat(NetUid 1): the suffix given in subtensor-staking.md §4.
    assert_eq!(
        md.storage_entry("Swap", "FeeRate")
            .unwrap()
            .key(&[KeyArg::U16(1)])
            .unwrap(),
        h(
            "746cc6d1e9dbcf1d03868e492c1d836e 9e110c291062e3d22e10ec17c4e83ebd f1577fbf1d628fdd 0100"
        )
    );
    // Identity(NetUid 3).
    assert_eq!(
        md.storage_entry("SubtensorModule", "SubnetTAO")
            .unwrap()
            .key(&[KeyArg::U16(3)])
            .unwrap(),
        h("658faa385070e074c85bf6b568cf0555 7a57dce016211512d1700561066b85a3 0300")
    );
    // Blake2_128Concat(Alice): the well-known System.Account key of //Alice.
    assert_eq!(
        md.storage_entry("System", "Account")
            .unwrap()
            .key(&[KeyArg::AccountId(alice())])
            .unwrap(),
        h(&alloc::format!(
            "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9 de1e86a9a8c739864cf3cc5ec2bea59f {ALICE}"
        ))
    );
}

#[test]
fn hashers_have_their_lengths_and_keep_transparent_keys() {
    let k = [7u8, 8, 9];
    assert_eq!(hash_key(StorageHasher::Blake2_128, &k).len(), 16);
    assert_eq!(hash_key(StorageHasher::Blake2_256, &k).len(), 32);
    assert_eq!(hash_key(StorageHasher::Twox128, &k).len(), 16);
    assert_eq!(hash_key(StorageHasher::Twox256, &k).len(), 32);
    assert_eq!(hash_key(StorageHasher::Identity, &k), k.to_vec());
    assert_eq!(hash_key(StorageHasher::Twox64Concat, &k)[8..], k);
    assert_eq!(hash_key(StorageHasher::Blake2_128Concat, &k)[16..], k);
    // Twox256 = two twox128 halves with seeds 0..1, Twox128 the first of them.
    assert_eq!(
        hash_key(StorageHasher::Twox256, &k)[..16],
        hash_key(StorageHasher::Twox128, &k)[..]
    );
}

#[test]
fn nmap_keys_round_trip_and_partial_keys_are_prefixes() {
    let md = metadata(Shape::Finney);
    let alpha = md.storage_entry("SubtensorModule", "Alpha").unwrap();
    let hot = [0x11u8; 32];
    let args = [
        KeyArg::AccountId(hot),
        KeyArg::AccountId(alice()),
        KeyArg::U16(513),
    ];
    let full = alpha.key(&args).unwrap();
    assert_eq!(full.len(), 32 + 16 + 32 + 16 + 32 + 2);
    let prefix = alpha.partial_key(&args[..2]).unwrap();
    assert!(full.starts_with(&prefix));
    assert_eq!(&full[prefix.len()..], &513u16.to_le_bytes());
    let kinds = [KeyKind::AccountId, KeyKind::AccountId, KeyKind::U16];
    assert_eq!(alpha.decode_key(&full, &kinds).unwrap(), args.to_vec());

    // A key whose hash does not match its key bytes is not ours.
    let mut tampered = full.clone();
    tampered[32 + 16] ^= 1;
    assert!(matches!(
        alpha.decode_key(&tampered, &kinds),
        Err(ChainError::Decode { .. })
    ));
    // Trailing bytes, or a key of another entry.
    let mut long = full.clone();
    long.push(0);
    assert!(matches!(
        alpha.decode_key(&long, &kinds),
        Err(ChainError::Decode { .. })
    ));
    assert!(matches!(
        alpha.decode_key(&full[..full.len() - 1], &kinds),
        Err(ChainError::Decode { .. })
    ));
    let other = md.storage_entry("SubtensorModule", "AlphaV2").unwrap();
    assert!(matches!(
        other.decode_key(&full, &kinds),
        Err(ChainError::Decode { .. })
    ));
}

#[test]
fn wrong_key_types_or_counts_are_shape_mismatches() {
    let md = metadata(Shape::Finney);
    let alpha = md.storage_entry("SubtensorModule", "Alpha").unwrap();
    let shape = |r: Result<Vec<u8>, ChainError>| {
        assert!(matches!(r, Err(ChainError::ShapeMismatch { .. })), "{r:?}")
    };
    shape(alpha.key(&[KeyArg::AccountId(alice())]));
    shape(alpha.key(&[KeyArg::U16(1), KeyArg::AccountId(alice()), KeyArg::U16(1)]));
    shape(alpha.partial_key(&[
        KeyArg::AccountId(alice()),
        KeyArg::AccountId(alice()),
        KeyArg::U16(1),
        KeyArg::U16(1),
    ]));
    // A runtime whose FeeRate is keyed by u32.
    let changed = metadata(Shape::Changed);
    let fee = changed.storage_entry("Swap", "FeeRate").unwrap();
    shape(fee.key(&[KeyArg::U16(1)]));
    // Unknown pallet or entry.
    assert!(matches!(
        md.storage_entry("Swap", "Nope"),
        Err(ChainError::ShapeMismatch { .. })
    ));
    assert!(matches!(
        md.storage_entry("Nope", "FeeRate"),
        Err(ChainError::ShapeMismatch { .. })
    ));
}

#[test]
fn absent_values_take_the_metadata_default() {
    let md = metadata(Shape::Finney);
    let fee = md.storage_entry("Swap", "FeeRate").unwrap();
    let r = crate::chain::decode::Reader {
        types: md.types(),
        item: fee.item(),
    };
    let v = fee.decode_value(None).unwrap().unwrap();
    assert_eq!(r.u16(&v).unwrap(), 33);
    let v = fee.decode_value(Some(&[0x10, 0x27])).unwrap().unwrap();
    assert_eq!(r.u16(&v).unwrap(), 10_000);
    // Too short, or too long, for a u16.
    assert!(matches!(
        fee.decode_value(Some(&[1])),
        Err(ChainError::Decode { .. })
    ));
    assert!(matches!(
        fee.decode_value(Some(&[1, 2, 3])),
        Err(ChainError::Decode { .. })
    ));
}
