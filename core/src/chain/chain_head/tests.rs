//! Follow-event parsing and pinning bookkeeping on canned `chainHead_v1_followEvent`s.

use super::*;
use serde_json::json;

fn ev(v: Value) -> FollowEvent {
    parse_follow_event(&v).unwrap()
}

#[test]
fn every_follow_event_of_the_spec_parses() {
    assert_eq!(
        ev(
            json!({"event":"initialized","finalizedBlockHashes":["0x01","0x02"],"finalizedBlockRuntime":{"type":"valid"}})
        ),
        FollowEvent::Initialized {
            finalized: alloc::vec!["0x01".into(), "0x02".into()]
        }
    );
    assert_eq!(
        ev(
            json!({"event":"newBlock","blockHash":"0x03","parentBlockHash":"0x02","newRuntime":null})
        ),
        FollowEvent::NewBlock {
            hash: "0x03".into(),
            parent: "0x02".into()
        }
    );
    assert_eq!(
        ev(json!({"event":"bestBlockChanged","bestBlockHash":"0x03"})),
        FollowEvent::BestBlockChanged {
            hash: "0x03".into()
        }
    );
    assert_eq!(
        ev(
            json!({"event":"finalized","finalizedBlockHashes":["0x03"],"prunedBlockHashes":["0x09"]})
        ),
        FollowEvent::Finalized {
            finalized: alloc::vec!["0x03".into()],
            pruned: alloc::vec!["0x09".into()]
        }
    );
    let op = |e| FollowEvent::Operation {
        id: "7".into(),
        event: e,
    };
    assert_eq!(
        ev(json!({"event":"operationCallDone","operationId":"7","output":"0x0102"})),
        op(OperationEvent::CallDone("0x0102".into()))
    );
    assert_eq!(
        ev(json!({"event":"operationBodyDone","operationId":"7","value":["0xaa"]})),
        op(OperationEvent::BodyDone(alloc::vec!["0xaa".into()]))
    );
    assert_eq!(
        ev(
            json!({"event":"operationStorageItems","operationId":"7","items":[{"key":"0x01","value":"0x02"},{"key":"0x03","hash":"0x04"}]})
        ),
        op(OperationEvent::StorageItems(alloc::vec![
            ("0x01".into(), Some("0x02".into())),
            ("0x03".into(), None)
        ]))
    );
    assert_eq!(
        ev(json!({"event":"operationWaitingForContinue","operationId":"7"})),
        op(OperationEvent::WaitingForContinue)
    );
    assert_eq!(
        ev(json!({"event":"operationStorageDone","operationId":"7"})),
        op(OperationEvent::StorageDone)
    );
    assert_eq!(
        ev(json!({"event":"operationInaccessible","operationId":"7"})),
        op(OperationEvent::Inaccessible)
    );
    assert_eq!(
        ev(json!({"event":"operationError","operationId":"7","error":"wasm trap"})),
        op(OperationEvent::Error("wasm trap".into()))
    );
    assert_eq!(ev(json!({"event":"stop"})), FollowEvent::Stop);
}

#[test]
fn malformed_follow_events_are_typed_errors() {
    for bad in [
        json!({}),
        json!({"event": 5}),
        json!({"event":"nonsense"}),
        json!({"event":"newBlock","blockHash":"0x03"}),
        json!({"event":"finalized","finalizedBlockHashes":["0x03"]}),
        json!({"event":"finalized","finalizedBlockHashes":[3],"prunedBlockHashes":[]}),
        json!({"event":"operationCallDone","output":"0x"}),
        json!({"event":"operationStorageItems","operationId":"1","items":[{"value":"0x"}]}),
    ] {
        assert!(
            matches!(parse_follow_event(&bad), Err(ChainError::MalformedRpc(_))),
            "{bad}"
        );
    }
}

#[test]
fn operation_start_responses_parse() {
    assert_eq!(
        parse_operation_start(&json!({"result":"started","operationId":"12","discardedItems":0}))
            .unwrap(),
        OperationStart::Started("12".into())
    );
    assert_eq!(
        parse_operation_start(&json!({"result":"limitReached"})).unwrap(),
        OperationStart::LimitReached
    );
    assert!(parse_operation_start(&json!({"result":"started"})).is_err());
    assert!(parse_operation_start(&json!("0x")).is_err());
}

fn h(n: u32) -> String {
    format!("0x{n:02x}")
}

#[test]
fn tracker_follows_heads_and_unpins_old_and_pruned_blocks() {
    let mut t = HeadTracker::default();
    assert_eq!(t.finalized(), None);
    assert!(
        t.apply(&FollowEvent::Initialized {
            finalized: alloc::vec![h(1)]
        })
        .is_empty()
    );
    assert_eq!(t.finalized(), Some("0x01"));
    assert_eq!(t.best(), Some("0x01"));
    // Blocks 2..=K+5 on the main branch, plus a fork block 0x63 that will be pruned.
    const K: u32 = KEEP_FINALIZED_PINNED as u32;
    for n in 2..=K + 5 {
        assert!(
            t.apply(&FollowEvent::NewBlock {
                hash: h(n),
                parent: h(n - 1)
            })
            .is_empty()
        );
    }
    t.apply(&FollowEvent::NewBlock {
        hash: h(99),
        parent: h(2),
    });
    t.apply(&FollowEvent::BestBlockChanged { hash: h(K + 5) });
    assert_eq!(t.pinned_count(), K as usize + 6);
    assert_eq!(t.best(), Some(h(K + 5).as_str()));

    // Finalize 2..=K+2 and prune the fork: blocks 1 and 2 fall out of the kept window
    // (K finalized blocks: 3..=K+2), 0x63 is pruned.
    let unpinned = t.apply(&FollowEvent::Finalized {
        finalized: (2..=K + 2).map(h).collect(),
        pruned: alloc::vec![h(99)],
    });
    let mut sorted = unpinned.clone();
    sorted.sort();
    assert_eq!(sorted, [h(1), h(2), h(99)]);
    assert_eq!(t.finalized(), Some(h(K + 2).as_str()));
    for n in 3..=K + 5 {
        assert!(t.is_pinned(&h(n)), "{n} stays pinned");
    }
    assert!(!t.is_pinned(&h(1)) && !t.is_pinned(&h(99)));
    assert_eq!(t.pinned_count(), K as usize + 3);

    // Unknown pruned hashes are not unpinned twice.
    assert!(
        t.apply(&FollowEvent::Finalized {
            finalized: alloc::vec![],
            pruned: alloc::vec![h(99)]
        })
        .is_empty()
    );
    // A new `initialized` (after `stop` and a new follow) starts from scratch.
    t.apply(&FollowEvent::Initialized {
        finalized: alloc::vec![h(50)],
    });
    assert_eq!(t.pinned_count(), 1);
    assert_eq!(t.best(), Some("0x32"));
}

#[test]
fn the_best_block_is_never_unpinned_while_it_is_best() {
    let mut t = HeadTracker::default();
    t.apply(&FollowEvent::Initialized {
        finalized: alloc::vec![h(1)],
    });
    // Best stays at block 1 (e.g. no bestBlockChanged yet) while 2..=K+2 finalize.
    const K: u32 = KEEP_FINALIZED_PINNED as u32;
    for n in 2..=K + 2 {
        t.apply(&FollowEvent::NewBlock {
            hash: h(n),
            parent: h(n - 1),
        });
    }
    let unpinned = t.apply(&FollowEvent::Finalized {
        finalized: (2..=K + 2).map(h).collect(),
        pruned: alloc::vec![],
    });
    assert_eq!(unpinned, [h(2)]);
    assert!(t.is_pinned(&h(1)));
    // Once the best block moves on, the old one is unpinned.
    assert_eq!(
        t.apply(&FollowEvent::BestBlockChanged { hash: h(K + 2) }),
        [h(1)]
    );
    assert!(!t.is_pinned(&h(1)));
}
