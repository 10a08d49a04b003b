//! [`NodeRpcState`] on a canned node: the legacy RPC calls it makes and how it reads them.

use alloc::{string::String, vec, vec::Vec};
use std::{cell::RefCell, collections::BTreeMap};

use futures_executor::block_on;
use serde_json::{Value, json};

use super::*;

const AT: [u8; 32] = [0x42; 32];

/// A node with `storage` at block `AT`, answering the three methods `NodeRpcState` uses.
fn node(
    storage: BTreeMap<Vec<u8>, Vec<u8>>,
    log: &RefCell<Vec<(String, Value)>>,
) -> NodeRpcState<impl Fn(&str, Value) -> Result<Value, ChainError> + '_> {
    NodeRpcState::new(move |method: &str, params: Value| {
        log.borrow_mut().push((method.into(), params.clone()));
        let at = params.as_array().unwrap().last().unwrap().clone();
        assert_eq!(at, json!(hash_hex(&AT)), "every read names the block");
        match method {
            "state_queryStorageAt" => {
                let changes: Vec<Value> = params[0]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| {
                        let key = parse_hex(k.as_str().unwrap()).unwrap();
                        json!([k, storage.get(&key).map(|v| hex_of(v))])
                    })
                    .collect();
                Ok(json!([{ "block": hash_hex(&AT), "changes": changes }]))
            }
            "state_getKeysPaged" => {
                let prefix = parse_hex(params[0].as_str().unwrap()).unwrap();
                let count = params[1].as_u64().unwrap() as usize;
                let start = params[2].as_str().map(|s| parse_hex(s).unwrap());
                let page: Vec<Value> = storage
                    .keys()
                    .filter(|k| k.starts_with(&prefix))
                    .filter(|k| start.as_ref().is_none_or(|s| *k > s))
                    .take(count)
                    .map(|k| json!(hex_of(k)))
                    .collect();
                Ok(Value::Array(page))
            }
            "state_call" => match params[0].as_str().unwrap() {
                "Echo_echo" => Ok(params[1].clone()),
                "Bad_output" => Ok(json!(7)),
                _ => Err(ChainError::Rpc {
                    method: method.into(),
                    code: 4003,
                    message: "Client error: Execution failed: trapped".into(),
                }),
            },
            other => panic!("unexpected method {other}"),
        }
    })
}

#[test]
fn storage_reads_keys_in_order_with_absent_ones_as_none() {
    let mut storage = BTreeMap::new();
    storage.insert(vec![1, 2], vec![9]);
    storage.insert(vec![3], vec![]);
    let log = RefCell::new(Vec::new());
    let n = node(storage, &log);
    let got = block_on(n.storage(&AT, &[vec![3], vec![5], vec![1, 2]])).unwrap();
    assert_eq!(got, [Some(vec![]), None, Some(vec![9])]);
    assert_eq!(log.borrow().len(), 1);
}

#[test]
fn descendants_page_through_every_key_under_the_prefix() {
    // More keys than one page, plus keys outside the prefix on both sides.
    let mut storage = BTreeMap::new();
    for i in 0..(PAGE as u32 + 100) {
        let mut k = vec![0xaa];
        k.extend(i.to_be_bytes());
        storage.insert(k, i.to_le_bytes().to_vec());
    }
    storage.insert(vec![0xa9, 0xff], vec![1]);
    storage.insert(vec![0xab], vec![2]);
    let log = RefCell::new(Vec::new());
    let n = node(storage.clone(), &log);
    let got = block_on(n.storage_descendants(&AT, &[0xaa])).unwrap();
    let want: Vec<(Vec<u8>, Vec<u8>)> = storage.into_iter().filter(|(k, _)| k[0] == 0xaa).collect();
    assert_eq!(got, want);
    let methods: Vec<String> = log.borrow().iter().map(|(m, _)| m.clone()).collect();
    assert_eq!(
        methods,
        [
            "state_getKeysPaged",
            "state_getKeysPaged",
            "state_queryStorageAt",
            "state_queryStorageAt"
        ]
    );
    // The second page starts after the last key of the first.
    let second = &log.borrow()[1].1;
    assert_eq!(second[2], json!(hex_of(&want[PAGE - 1].0)));
}

#[test]
fn runtime_calls_map_node_errors_to_runtime_call_failed() {
    let log = RefCell::new(Vec::new());
    let n = node(BTreeMap::new(), &log);
    assert_eq!(
        block_on(n.runtime_call(&AT, "Echo_echo", &[1, 2, 3])).unwrap(),
        [1, 2, 3]
    );
    assert!(matches!(
        block_on(n.runtime_call(&AT, "Nope_nope", &[])),
        Err(ChainError::RuntimeCallFailed { method, .. }) if method == "Nope_nope"
    ));
    assert!(matches!(
        block_on(n.runtime_call(&AT, "Bad_output", &[])),
        Err(ChainError::MalformedRpc(_))
    ));
}
