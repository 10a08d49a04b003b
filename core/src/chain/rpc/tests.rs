//! Multiplexer tests on canned JSON-RPC traffic (the shapes smoldot produces).

use super::*;
use futures_executor::block_on;
use futures_util::StreamExt as _;

fn sent_id(text: &str) -> u64 {
    let v: Value = serde_json::from_str(text).unwrap();
    assert_eq!(v["jsonrpc"], "2.0");
    v["id"].as_u64().unwrap()
}

#[test]
fn responses_reach_their_callers_in_any_order() {
    let mut mux = RpcMultiplexer::default();
    let (id1, text1, rx1) = mux.request("chainSpec_v1_genesisHash", json!([]));
    let (id2, text2, rx2) = mux.request("chainHead_v1_header", json!(["sub", "0x01"]));
    assert_ne!(id1, id2);
    assert_eq!(sent_id(&text1), id1);
    let v: Value = serde_json::from_str(&text2).unwrap();
    assert_eq!(v["method"], "chainHead_v1_header");
    assert_eq!(v["params"], json!(["sub", "0x01"]));
    assert_eq!(mux.pending_requests(), 2);

    mux.handle_message(&format!(
        r#"{{"jsonrpc":"2.0","id":{id2},"result":"0xbeef"}}"#
    ))
    .unwrap();
    mux.handle_message(&format!(
        r#"{{"jsonrpc":"2.0","id":{id1},"result":"0x8f9c"}}"#
    ))
    .unwrap();
    assert_eq!(block_on(rx1).unwrap().unwrap(), json!("0x8f9c"));
    assert_eq!(block_on(rx2).unwrap().unwrap(), json!("0xbeef"));
    assert_eq!(mux.pending_requests(), 0);
}

#[test]
fn error_responses_become_typed_errors() {
    let mut mux = RpcMultiplexer::default();
    let (id, _, rx) = mux.request("state_call", json!([]));
    mux.handle_message(&format!(
        r#"{{"jsonrpc":"2.0","id":{id},"error":{{"code":-32602,"message":"Invalid parameters"}}}}"#
    ))
    .unwrap();
    assert_eq!(
        block_on(rx).unwrap(),
        Err(ChainError::Rpc {
            method: "state_call".into(),
            code: -32602,
            message: "Invalid parameters".into()
        })
    );
}

#[test]
fn subscriptions_get_their_notifications_including_early_ones() {
    let mut mux = RpcMultiplexer::default();
    let (id, _, rx) = mux.subscribe("chainHead_v1_follow", json!([true]));
    // A notification overtakes the response that announces the subscription id.
    mux.handle_message(
        r#"{"jsonrpc":"2.0","method":"chainHead_v1_followEvent","params":{"subscription":"s1","result":{"event":"initialized","finalizedBlockHashes":["0xaa"]}}}"#,
    )
    .unwrap();
    mux.handle_message(&format!(r#"{{"jsonrpc":"2.0","id":{id},"result":"s1"}}"#))
        .unwrap();
    mux.handle_message(
        r#"{"jsonrpc":"2.0","method":"chainHead_v1_followEvent","params":{"subscription":"s1","result":{"event":"bestBlockChanged","bestBlockHash":"0xbb"}}}"#,
    )
    .unwrap();
    // Another subscription's notification is not delivered here.
    mux.handle_message(
        r#"{"jsonrpc":"2.0","method":"transactionWatch_v1_watchEvent","params":{"subscription":"s2","result":{"event":"validated"}}}"#,
    )
    .unwrap();
    let mut sub = block_on(rx).unwrap().unwrap();
    assert_eq!(sub.id, "s1");
    assert_eq!(mux.active_subscriptions(), 1);
    let first = block_on(sub.events.next()).unwrap();
    assert_eq!(first["event"], "initialized");
    let second = block_on(sub.events.next()).unwrap();
    assert_eq!(second["bestBlockHash"], "0xbb");
    mux.forget_subscription("s1");
    assert_eq!(block_on(sub.events.next()), None);
}

#[test]
fn failed_subscription_and_non_id_results_are_errors() {
    let mut mux = RpcMultiplexer::default();
    let (id, _, rx) = mux.subscribe("transactionWatch_v1_submitAndWatch", json!(["0x00"]));
    mux.handle_message(&format!(
        r#"{{"jsonrpc":"2.0","id":{id},"result":{{"x":1}}}}"#
    ))
    .unwrap();
    assert!(matches!(
        block_on(rx).unwrap(),
        Err(ChainError::MalformedRpc(_))
    ));
    let (id, _, rx) = mux.subscribe("chainHead_v1_follow", json!([true]));
    mux.handle_message(&format!(
        r#"{{"jsonrpc":"2.0","id":{id},"error":{{"code":-32800,"message":"too many"}}}}"#
    ))
    .unwrap();
    assert!(matches!(
        block_on(rx).unwrap(),
        Err(ChainError::Rpc { code: -32800, .. })
    ));
}

#[test]
fn malformed_messages_are_reported_and_change_nothing() {
    let mut mux = RpcMultiplexer::default();
    let (id, _, mut rx) = mux.request("rpc_methods", json!([]));
    for bad in [
        "",
        "nope",
        "[]",
        r#"{"jsonrpc":"2.0","id":"x","result":1}"#,
        r#"{"jsonrpc":"2.0","id":999,"result":1}"#,
        r#"{"jsonrpc":"2.0","method":"m","params":{"result":1}}"#,
        r#"{"jsonrpc":"2.0","method":"m"}"#,
    ] {
        assert!(
            matches!(mux.handle_message(bad), Err(ChainError::MalformedRpc(_))),
            "{bad:?}"
        );
    }
    assert_eq!(rx.try_recv().unwrap(), None);
    assert_eq!(mux.pending_requests(), 1);
    mux.handle_message(&format!(r#"{{"jsonrpc":"2.0","id":{id},"result":null}}"#))
        .unwrap();
    assert_eq!(block_on(rx).unwrap().unwrap(), Value::Null);
}

#[test]
fn closing_fails_pending_calls_and_ends_subscriptions() {
    let mut mux = RpcMultiplexer::default();
    let (_, _, rx1) = mux.request("chainHead_v1_header", json!([]));
    let (sid, _, rxs) = mux.subscribe("chainHead_v1_follow", json!([true]));
    let (_, _, rx2) = mux.subscribe("chainHead_v1_follow", json!([true]));
    mux.handle_message(&format!(r#"{{"jsonrpc":"2.0","id":{sid},"result":"s9"}}"#))
        .unwrap();
    let mut sub = block_on(rxs).unwrap().unwrap();
    mux.close();
    assert_eq!(block_on(rx1).unwrap(), Err(ChainError::Stopped));
    assert!(matches!(block_on(rx2).unwrap(), Err(ChainError::Stopped)));
    assert_eq!(block_on(sub.events.next()), None);
}

#[test]
fn requests_that_could_not_be_sent_fail_their_caller() {
    let mut mux = RpcMultiplexer::default();
    let (id, _, rx) = mux.request("rpc_methods", json!([]));
    mux.fail(id, ChainError::Busy);
    assert_eq!(block_on(rx).unwrap(), Err(ChainError::Busy));
    assert_eq!(mux.pending_requests(), 0);
}

#[test]
fn dropped_subscribers_stop_being_routed() {
    let mut mux = RpcMultiplexer::default();
    let (id, _, rx) = mux.subscribe("chainHead_v1_follow", json!([true]));
    mux.handle_message(&format!(r#"{{"jsonrpc":"2.0","id":{id},"result":"s3"}}"#))
        .unwrap();
    drop(block_on(rx).unwrap().unwrap());
    mux.handle_message(
        r#"{"jsonrpc":"2.0","method":"chainHead_v1_followEvent","params":{"subscription":"s3","result":{"event":"stop"}}}"#,
    )
    .unwrap();
    assert_eq!(mux.active_subscriptions(), 0);
}
