//! Typed reads and runtime calls on canned bytes, through a fake [`StateSource`] serving the
//! test metadata (`test_metadata`).

use alloc::{string::String, vec::Vec};
use std::{cell::RefCell, collections::HashMap};

use futures_executor::block_on;
use parity_scale_codec::Encode as _;

use super::*;
use crate::chain::{
    KeyArg,
    test_metadata::{Shape, metadata_bytes},
};
use crate::stake::SimSwapResult;

const AT: [u8; 32] = [0xab; 32];

/// Canned state: storage by key, runtime call outputs by function name; records calls.
struct Fake {
    storage: HashMap<Vec<u8>, Vec<u8>>,
    calls: HashMap<String, Vec<u8>>,
    seen: RefCell<Vec<(String, Vec<u8>)>>,
}

impl Fake {
    fn new(shape: Shape) -> Self {
        let version = (
            String::from("test"),
            String::from("test"),
            0u32,
            7u32,
            1u32,
            Vec::<([u8; 8], u32)>::new(),
            1u32,
            1u8,
        )
            .encode();
        let mut calls = HashMap::new();
        calls.insert("Core_version".into(), version);
        calls.insert(
            "Metadata_metadata_at_version".into(),
            Some(metadata_bytes(shape)).encode(),
        );
        Fake {
            storage: HashMap::new(),
            calls,
            seen: RefCell::new(Vec::new()),
        }
    }
}

impl StateSource for Fake {
    async fn storage(
        &self,
        at: &[u8; 32],
        keys: &[Vec<u8>],
    ) -> Result<Vec<Option<Vec<u8>>>, ChainError> {
        assert_eq!(at, &AT);
        Ok(keys.iter().map(|k| self.storage.get(k).cloned()).collect())
    }

    async fn storage_descendants(
        &self,
        at: &[u8; 32],
        prefix: &[u8],
    ) -> Result<Vec<(Vec<u8>, Vec<u8>)>, ChainError> {
        assert_eq!(at, &AT);
        let mut out: Vec<_> = self
            .storage
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        out.sort();
        Ok(out)
    }

    async fn runtime_call(
        &self,
        at: &[u8; 32],
        function: &str,
        params: &[u8],
    ) -> Result<Vec<u8>, ChainError> {
        assert_eq!(at, &AT);
        self.seen
            .borrow_mut()
            .push((function.into(), params.to_vec()));
        self.calls
            .get(function)
            .cloned()
            .ok_or_else(|| ChainError::RuntimeCallFailed {
                method: function.into(),
                reason: "not canned".into(),
            })
    }
}

fn account_bytes() -> Vec<u8> {
    (
        5u32,
        1u32,
        2u32,
        0u32,
        1_000_000_000_000_000u64,
        42u64,
        7u64,
        1u128 << 127,
    )
        .encode()
}

#[test]
fn account_is_decoded_by_field_name_and_width() {
    let alice = [0xd4u8; 32];
    let mut fake = Fake::new(Shape::Finney);
    let md = crate::chain::test_metadata::metadata(Shape::Finney);
    let key = md
        .storage_entry("System", "Account")
        .unwrap()
        .key(&[KeyArg::AccountId(alice)])
        .unwrap();
    fake.storage.insert(key, account_bytes());
    let reader = ChainReader::new(fake);
    let a = block_on(reader.account(&AT, &alice)).unwrap();
    assert_eq!(
        a,
        AccountInfo {
            nonce: 5,
            consumers: 1,
            providers: 2,
            sufficients: 0,
            free: 1_000_000_000_000_000,
            reserved: 42,
            frozen: 7,
            flags: 1u128 << 127,
        }
    );
    // Unknown account: the metadata default (all zero).
    assert_eq!(
        block_on(reader.account(&AT, &[1u8; 32])).unwrap(),
        AccountInfo::default()
    );
    // Metadata fetched once: Core_version per new block, metadata once.
    let _ = block_on(reader.account(&AT, &alice)).unwrap();
    let seen: Vec<String> = reader
        .source()
        .seen
        .borrow()
        .iter()
        .map(|(f, _)| f.clone())
        .collect();
    assert_eq!(seen, ["Core_version", "Metadata_metadata_at_version"]);
    assert_eq!(reader.source().seen.borrow()[1].1, 15u32.to_le_bytes());
}

#[test]
fn a_changed_value_type_is_a_shape_mismatch_not_a_wrong_number() {
    let alice = [0xd4u8; 32];
    let mut fake = Fake::new(Shape::Changed);
    let md = crate::chain::test_metadata::metadata(Shape::Changed);
    let key = md
        .storage_entry("System", "Account")
        .unwrap()
        .key(&[KeyArg::AccountId(alice)])
        .unwrap();
    // Same fields, but `free` a u128 (8 more bytes).
    let bytes = (5u32, 1u32, 2u32, 0u32, 1_000u128, 42u64, 7u64, 0u128).encode();
    fake.storage.insert(key, bytes);
    let reader = ChainReader::new(fake);
    let err = block_on(reader.account(&AT, &alice)).unwrap_err();
    assert!(
        matches!(&err, ChainError::ShapeMismatch { item, .. } if item == "System.Account"),
        "{err:?}"
    );
}

#[test]
fn truncated_or_padded_values_do_not_decode() {
    let alice = [0xd4u8; 32];
    for bytes in [
        account_bytes()[..account_bytes().len() - 1].to_vec(),
        [account_bytes(), alloc::vec![0]].concat(),
    ] {
        let mut fake = Fake::new(Shape::Finney);
        let md = crate::chain::test_metadata::metadata(Shape::Finney);
        let key = md
            .storage_entry("System", "Account")
            .unwrap()
            .key(&[KeyArg::AccountId(alice)])
            .unwrap();
        fake.storage.insert(key, bytes);
        let reader = ChainReader::new(fake);
        assert!(matches!(
            block_on(reader.account(&AT, &alice)),
            Err(ChainError::Decode { .. })
        ));
    }
}

#[test]
fn sim_swap_arguments_are_encoded_and_results_decoded() {
    let mut fake = Fake::new(Shape::Finney);
    // P3 `sim_swap_tao_for_alpha(1e9)` from subtensor-staking.md §7.2.
    let out = (
        999_496_453u64,
        7_967_921_105u64,
        503_547u64,
        0u64,
        0u64,
        4_078_671u64,
    )
        .encode();
    fake.calls
        .insert("SwapRuntimeApi_sim_swap_tao_for_alpha".into(), out);
    fake.calls.insert(
        "SwapRuntimeApi_current_alpha_price".into(),
        125_439_040u64.encode(),
    );
    let reader = ChainReader::new(fake);
    let r = block_on(reader.sim_swap_tao_for_alpha(&AT, 3, 1_000_000_000)).unwrap();
    assert_eq!(
        r,
        SimSwapResult {
            tao_amount: 999_496_453,
            alpha_amount: 7_967_921_105,
            tao_fee: 503_547,
            alpha_fee: 0,
            tao_slippage: 0,
            alpha_slippage: 4_078_671,
        }
    );
    assert_eq!(
        block_on(reader.current_alpha_price(&AT, 3)).unwrap(),
        125_439_040
    );
    let seen = reader.source().seen.borrow();
    let (f, params) = &seen[2];
    assert_eq!(f, "SwapRuntimeApi_sim_swap_tao_for_alpha");
    assert_eq!(
        params,
        &[&3u16.to_le_bytes()[..], &1_000_000_000u64.to_le_bytes()].concat()
    );
    // A method the runtime does not have.
    drop(seen);
    assert!(matches!(
        block_on(reader.sim_swap_alpha_for_tao(&AT, 3, 1)),
        Err(ChainError::ShapeMismatch { .. })
    ));
}

#[test]
fn runtime_api_argument_types_are_checked() {
    // `current_alpha_price` takes a u32 in the changed runtime: not called at all.
    let reader = ChainReader::new(Fake::new(Shape::Changed));
    let err = block_on(reader.current_alpha_price(&AT, 1)).unwrap_err();
    assert!(matches!(err, ChainError::ShapeMismatch { .. }), "{err:?}");
    assert!(
        !reader
            .source()
            .seen
            .borrow()
            .iter()
            .any(|(f, _)| f.starts_with("SwapRuntimeApi"))
    );
}

#[test]
fn metadata_falls_back_to_metadata_metadata() {
    let mut fake = Fake::new(Shape::Finney);
    fake.calls.remove("Metadata_metadata_at_version");
    fake.calls.insert(
        "Metadata_metadata".into(),
        metadata_bytes(Shape::Finney).encode(),
    );
    let reader = ChainReader::new(fake);
    let md = block_on(reader.metadata(&AT)).unwrap();
    assert_eq!(md.spec_version(), 7);
    assert_eq!(md.spec_name(), "test");
    assert_eq!(md.bytes(), &metadata_bytes(Shape::Finney)[..]);
    assert!(md.frame_metadata().is_ok());
    // A runtime answering `None` for V15 also falls back.
    let mut fake = Fake::new(Shape::Finney);
    fake.calls.insert(
        "Metadata_metadata_at_version".into(),
        None::<Vec<u8>>.encode(),
    );
    fake.calls.insert(
        "Metadata_metadata".into(),
        metadata_bytes(Shape::Finney).encode(),
    );
    assert!(block_on(ChainReader::new(fake).metadata(&AT)).is_ok());
    // Garbage metadata is a typed error.
    let mut fake = Fake::new(Shape::Finney);
    fake.calls.insert(
        "Metadata_metadata_at_version".into(),
        Some(alloc::vec![1u8, 2, 3]).encode(),
    );
    assert!(matches!(
        block_on(ChainReader::new(fake).metadata(&AT)),
        Err(ChainError::Metadata(_))
    ));
}
