//! Following the chain with `chainHead_v1_follow`: typed follow events and the bookkeeping of
//! heads and pinned blocks.
//!
//! The JSON-RPC spec (paritytech/json-rpc-interface-spec, `chainHead_v1_follow`) says: every
//! block reported by `initialized`/`newBlock` is pinned until the client unpins it; results of
//! `chainHead_v1_storage`/`call`/`body` arrive later as `operation*` events keyed by
//! `operationId`; after `stop` the subscription is dead and the client must follow again.
//! [`HeadTracker`] is the pure part of that protocol (no I/O), tested on canned events.

use alloc::{
    borrow::ToOwned as _,
    collections::VecDeque,
    format,
    string::{String, ToString as _},
    vec::Vec,
};
use std::collections::HashSet;

use serde_json::Value;

use super::ChainError;

/// One `chainHead_v1_followEvent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FollowEvent {
    /// First event: the current finalized block(s), oldest first.
    Initialized {
        /// Finalized block hashes, the last one being the current finalized block.
        finalized: Vec<String>,
    },
    /// A new (non-finalized) block.
    NewBlock {
        /// The new block's hash.
        hash: String,
        /// Its parent's hash.
        parent: String,
    },
    /// The best block changed.
    BestBlockChanged {
        /// The new best block's hash.
        hash: String,
    },
    /// Blocks were finalized; other branches were pruned.
    Finalized {
        /// Newly finalized hashes, oldest first.
        finalized: Vec<String>,
        /// Hashes of blocks that will never be finalized.
        pruned: Vec<String>,
    },
    /// An event of an operation started by `chainHead_v1_storage`/`call`/`body`.
    Operation {
        /// The operation's id.
        id: String,
        /// What happened.
        event: OperationEvent,
    },
    /// The subscription is dead; follow again.
    Stop,
}

/// Progress of one chainHead operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OperationEvent {
    /// `operationCallDone`: SCALE output of a runtime call, `0x`-hex.
    CallDone(String),
    /// `operationBodyDone`: the extrinsics, `0x`-hex each.
    BodyDone(Vec<String>),
    /// `operationStorageItems`: `(key, value)` pairs, `0x`-hex; `None` value for items whose
    /// requested type was not `value`.
    StorageItems(Vec<(String, Option<String>)>),
    /// `operationWaitingForContinue`: call `chainHead_v1_continue`.
    WaitingForContinue,
    /// `operationStorageDone`: no more items.
    StorageDone,
    /// `operationInaccessible`: the block's data could not be obtained from peers.
    Inaccessible,
    /// `operationError`: the operation failed (e.g. the runtime call trapped).
    Error(String),
}

/// Parses the `result` of a `chainHead_v1_followEvent` notification.
pub(crate) fn parse_follow_event(v: &Value) -> Result<FollowEvent, ChainError> {
    let event = v
        .get("event")
        .and_then(Value::as_str)
        .ok_or_else(|| malformed("follow event without `event`"))?;
    let s = |k: &str| -> Result<String, ChainError> {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| malformed(&format!("`{event}` event without string `{k}`")))
    };
    let list = |k: &str| -> Result<Vec<String>, ChainError> {
        v.get(k)
            .and_then(Value::as_array)
            .ok_or_else(|| malformed(&format!("`{event}` event without list `{k}`")))?
            .iter()
            .map(|h| {
                h.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| malformed(&format!("`{event}`: non-string in `{k}`")))
            })
            .collect()
    };
    let op = |e: OperationEvent| -> Result<FollowEvent, ChainError> {
        Ok(FollowEvent::Operation {
            id: s("operationId")?,
            event: e,
        })
    };
    match event {
        "initialized" => Ok(FollowEvent::Initialized {
            finalized: list("finalizedBlockHashes")?,
        }),
        "newBlock" => Ok(FollowEvent::NewBlock {
            hash: s("blockHash")?,
            parent: s("parentBlockHash")?,
        }),
        "bestBlockChanged" => Ok(FollowEvent::BestBlockChanged {
            hash: s("bestBlockHash")?,
        }),
        "finalized" => Ok(FollowEvent::Finalized {
            finalized: list("finalizedBlockHashes")?,
            pruned: list("prunedBlockHashes")?,
        }),
        "operationCallDone" => op(OperationEvent::CallDone(s("output")?)),
        "operationBodyDone" => op(OperationEvent::BodyDone(list("value")?)),
        "operationStorageItems" => {
            let items = v
                .get("items")
                .and_then(Value::as_array)
                .ok_or_else(|| malformed("`operationStorageItems` without `items`"))?
                .iter()
                .map(|it| {
                    let key = it
                        .get("key")
                        .and_then(Value::as_str)
                        .ok_or_else(|| malformed("storage item without `key`"))?;
                    let value = it.get("value").and_then(Value::as_str).map(str::to_owned);
                    Ok((key.to_owned(), value))
                })
                .collect::<Result<Vec<_>, ChainError>>()?;
            op(OperationEvent::StorageItems(items))
        }
        "operationWaitingForContinue" => op(OperationEvent::WaitingForContinue),
        "operationStorageDone" => op(OperationEvent::StorageDone),
        "operationInaccessible" => op(OperationEvent::Inaccessible),
        "operationError" => op(OperationEvent::Error(
            v.get("error")
                .and_then(Value::as_str)
                .unwrap_or("unspecified error")
                .to_owned(),
        )),
        "stop" => Ok(FollowEvent::Stop),
        other => Err(malformed(&format!("unknown follow event `{other}`"))),
    }
}

/// How many recently finalized blocks stay pinned, so that a read started at "the finalized
/// block" can finish after later finalizations (16 blocks: half a minute on the devnet's 2 s
/// slots, over three minutes on Finney's 12 s; smoldot-light 3.0.0 sets no pin limit).
pub(crate) const KEEP_FINALIZED_PINNED: usize = 16;

/// The heads of a followed chain and the set of blocks pinned on the server.
#[derive(Debug, Default)]
pub(crate) struct HeadTracker {
    /// Finalized blocks still pinned, oldest first; the last is the current finalized block.
    finalized: VecDeque<String>,
    /// Current best block, once known.
    best: Option<String>,
    /// Every block the server considers pinned for us.
    pinned: HashSet<String>,
    /// Old finalized blocks kept pinned only because they were the best block; unpinned when
    /// the best block moves on.
    deferred: Vec<String>,
}

impl HeadTracker {
    /// Applies a follow event and returns the hashes to unpin now (already removed from the
    /// pinned set). Operation events and `stop` do not change heads.
    pub(crate) fn apply(&mut self, event: &FollowEvent) -> Vec<String> {
        let mut unpin = Vec::new();
        match event {
            FollowEvent::Initialized { finalized } => {
                *self = HeadTracker::default();
                for h in finalized {
                    self.pinned.insert(h.clone());
                    self.finalized.push_back(h.clone());
                }
                self.best = finalized.last().cloned();
            }
            FollowEvent::NewBlock { hash, .. } => {
                self.pinned.insert(hash.clone());
            }
            FollowEvent::BestBlockChanged { hash } => {
                self.best = Some(hash.clone());
                for old in core::mem::take(&mut self.deferred) {
                    if &old == hash {
                        self.deferred.push(old);
                    } else if self.pinned.remove(&old) {
                        unpin.push(old);
                    }
                }
            }
            FollowEvent::Finalized { finalized, pruned } => {
                for h in finalized {
                    self.finalized.push_back(h.clone());
                }
                for h in pruned {
                    if self.pinned.remove(h) {
                        unpin.push(h.clone());
                    }
                }
            }
            FollowEvent::Operation { .. } | FollowEvent::Stop => {}
        }
        while self.finalized.len() > KEEP_FINALIZED_PINNED {
            if let Some(old) = self.finalized.pop_front() {
                if self.best.as_deref() == Some(&old) {
                    self.deferred.push(old);
                } else if self.pinned.remove(&old) {
                    unpin.push(old);
                }
            }
        }
        unpin
    }

    /// The current finalized block's hash.
    pub(crate) fn finalized(&self) -> Option<&str> {
        self.finalized.back().map(String::as_str)
    }

    /// The current best block's hash.
    pub(crate) fn best(&self) -> Option<&str> {
        self.best.as_deref()
    }

    /// Whether `hash` is pinned (reads at it are possible).
    pub(crate) fn is_pinned(&self, hash: &str) -> bool {
        self.pinned.contains(hash)
    }

    /// Number of pinned blocks.
    #[cfg(test)]
    pub(crate) fn pinned_count(&self) -> usize {
        self.pinned.len()
    }
}

/// Outcome of starting a chainHead operation (`chainHead_v1_storage`/`call`/`body`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OperationStart {
    /// Started; events will carry this id.
    Started(String),
    /// The server is at its limit of concurrent operations; retry later.
    LimitReached,
}

/// Parses the response to `chainHead_v1_storage`/`call`/`body`.
pub(crate) fn parse_operation_start(v: &Value) -> Result<OperationStart, ChainError> {
    match v.get("result").and_then(Value::as_str) {
        Some("started") => v
            .get("operationId")
            .and_then(Value::as_str)
            .map(|id| OperationStart::Started(id.to_string()))
            .ok_or_else(|| malformed("`started` without `operationId`")),
        Some("limitReached") => Ok(OperationStart::LimitReached),
        _ => Err(malformed(&format!("unexpected operation response {v}"))),
    }
}

fn malformed(msg: &str) -> ChainError {
    ChainError::MalformedRpc(msg.to_owned())
}

#[cfg(test)]
mod tests;
