//! JSON-RPC multiplexer over smoldot's single response stream.
//!
//! smoldot takes requests as strings and hands back every response and every subscription
//! notification, for all callers, on one stream. [`RpcMultiplexer`] gives each request an id and
//! a one-shot reply channel, and each subscription its own event channel, then routes what comes
//! back. It is a pure state machine (no I/O, no executor): the client's driver task feeds it
//! the messages smoldot produces, so it is tested here against canned JSON.
//!
//! Notifications that arrive before the response that announces their subscription id are kept
//! and delivered once the subscription is known.

use alloc::{
    borrow::ToOwned as _,
    format,
    string::{String, ToString as _},
    vec::Vec,
};
use std::collections::HashMap;

use futures_channel::{mpsc, oneshot};
use serde_json::{Value, json};

use super::ChainError;

/// Reply to a plain request: the `result` value, or an error.
pub(crate) type RequestReply = Result<Value, ChainError>;

/// An open subscription: its server-side id and the stream of its notifications' `result`s.
#[derive(Debug)]
pub(crate) struct Subscription {
    /// Subscription id chosen by the server.
    pub(crate) id: String,
    /// The `params.result` of every notification for this subscription, in order.
    pub(crate) events: mpsc::UnboundedReceiver<Value>,
}

/// What a pending request id is waiting for.
enum Pending {
    Request {
        method: String,
        reply: oneshot::Sender<RequestReply>,
    },
    Subscribe {
        method: String,
        reply: oneshot::Sender<Result<Subscription, ChainError>>,
    },
}

/// Most notifications kept for a subscription id that is not known yet.
const MAX_EARLY_NOTIFICATIONS: usize = 1024;

/// Routes JSON-RPC responses and notifications to the callers that are waiting for them.
#[derive(Default)]
pub(crate) struct RpcMultiplexer {
    next_id: u64,
    pending: HashMap<u64, Pending>,
    subscriptions: HashMap<String, mpsc::UnboundedSender<Value>>,
    early: HashMap<String, Vec<Value>>,
}

impl RpcMultiplexer {
    /// Registers a request and returns the JSON text to send plus the receiver of its reply.
    pub(crate) fn request(
        &mut self,
        method: &str,
        params: Value,
    ) -> (u64, String, oneshot::Receiver<RequestReply>) {
        let (tx, rx) = oneshot::channel();
        let id = self.alloc_id();
        self.pending.insert(
            id,
            Pending::Request {
                method: method.to_owned(),
                reply: tx,
            },
        );
        (id, encode_request(id, method, params), rx)
    }

    /// Registers a subscription request (`chainHead_v1_follow`,
    /// `transactionWatch_v1_submitAndWatch`, ...): the reply is the [`Subscription`].
    pub(crate) fn subscribe(
        &mut self,
        method: &str,
        params: Value,
    ) -> (
        u64,
        String,
        oneshot::Receiver<Result<Subscription, ChainError>>,
    ) {
        let (tx, rx) = oneshot::channel();
        let id = self.alloc_id();
        self.pending.insert(
            id,
            Pending::Subscribe {
                method: method.to_owned(),
                reply: tx,
            },
        );
        (id, encode_request(id, method, params), rx)
    }

    /// Forgets a request whose text could not be sent; its caller gets `err`.
    pub(crate) fn fail(&mut self, id: u64, err: ChainError) {
        match self.pending.remove(&id) {
            Some(Pending::Request { reply, .. }) => {
                let _ = reply.send(Err(err));
            }
            Some(Pending::Subscribe { reply, .. }) => {
                let _ = reply.send(Err(err));
            }
            None => {}
        }
    }

    /// Stops routing notifications of a subscription (after unsubscribing, or when it ended).
    pub(crate) fn forget_subscription(&mut self, subscription_id: &str) {
        self.subscriptions.remove(subscription_id);
        self.early.remove(subscription_id);
    }

    /// Number of requests still waiting for a response.
    #[cfg(test)]
    pub(crate) fn pending_requests(&self) -> usize {
        self.pending.len()
    }

    /// Number of subscriptions being routed.
    #[cfg(test)]
    pub(crate) fn active_subscriptions(&self) -> usize {
        self.subscriptions.len()
    }

    /// Ends everything: pending callers get [`ChainError::Stopped`], subscription streams end.
    pub(crate) fn close(&mut self) {
        for (_, p) in self.pending.drain() {
            match p {
                Pending::Request { reply, .. } => {
                    let _ = reply.send(Err(ChainError::Stopped));
                }
                Pending::Subscribe { reply, .. } => {
                    let _ = reply.send(Err(ChainError::Stopped));
                }
            }
        }
        self.subscriptions.clear();
        self.early.clear();
    }

    /// Routes one message from the server. Messages that are not valid JSON-RPC are reported
    /// as [`ChainError::MalformedRpc`] (the caller logs them; nothing else changes).
    pub(crate) fn handle_message(&mut self, text: &str) -> Result<(), ChainError> {
        let msg: Value = serde_json::from_str(text)
            .map_err(|e| ChainError::MalformedRpc(format!("not JSON ({e})")))?;
        let obj = msg
            .as_object()
            .ok_or_else(|| ChainError::MalformedRpc("not a JSON object".to_owned()))?;

        // Notification: {"method": ..., "params": {"subscription": id, "result": ...}}
        if obj.contains_key("method") && !obj.contains_key("id") {
            let params = obj
                .get("params")
                .and_then(Value::as_object)
                .ok_or_else(|| {
                    ChainError::MalformedRpc("notification without `params` object".to_owned())
                })?;
            let sub = subscription_id(params.get("subscription")).ok_or_else(|| {
                ChainError::MalformedRpc("notification without `params.subscription`".to_owned())
            })?;
            let result = params.get("result").cloned().unwrap_or(Value::Null);
            match self.subscriptions.get(&sub) {
                Some(tx) => {
                    if tx.unbounded_send(result).is_err() {
                        // The receiver is gone: nobody listens any more.
                        self.subscriptions.remove(&sub);
                    }
                }
                None => {
                    let buf = self.early.entry(sub).or_default();
                    if buf.len() < MAX_EARLY_NOTIFICATIONS {
                        buf.push(result);
                    }
                }
            }
            return Ok(());
        }

        // Response: {"id": n, "result": ...} or {"id": n, "error": {...}}
        let id = obj
            .get("id")
            .and_then(Value::as_u64)
            .ok_or_else(|| ChainError::MalformedRpc("response without numeric `id`".to_owned()))?;
        let pending = self
            .pending
            .remove(&id)
            .ok_or_else(|| ChainError::MalformedRpc(format!("response to unknown id {id}")))?;
        let outcome: Result<Value, (i64, String)> = match (obj.get("result"), obj.get("error")) {
            (_, Some(err)) => Err((
                err.get("code").and_then(Value::as_i64).unwrap_or(0),
                err.get("message")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
            )),
            (Some(result), None) => Ok(result.clone()),
            (None, None) => Err((0, "response without `result` or `error`".to_owned())),
        };
        match pending {
            Pending::Request { method, reply } => {
                let _ = reply.send(outcome.map_err(|(code, message)| ChainError::Rpc {
                    method,
                    code,
                    message,
                }));
            }
            Pending::Subscribe { method, reply } => {
                let result = match outcome {
                    Err((code, message)) => Err(ChainError::Rpc {
                        method,
                        code,
                        message,
                    }),
                    Ok(v) => match subscription_id(Some(&v)) {
                        None => Err(ChainError::MalformedRpc(format!(
                            "{method} returned {v} instead of a subscription id"
                        ))),
                        Some(sub) => {
                            let (tx, rx) = mpsc::unbounded();
                            for early in self.early.remove(&sub).unwrap_or_default() {
                                let _ = tx.unbounded_send(early);
                            }
                            self.subscriptions.insert(sub.clone(), tx);
                            Ok(Subscription {
                                id: sub,
                                events: rx,
                            })
                        }
                    },
                };
                if let Err(Ok(sub)) = reply.send(result) {
                    // The caller gave up waiting: stop routing (the server-side subscription
                    // stays open until the chain is removed).
                    self.subscriptions.remove(&sub.id);
                }
            }
        }
        Ok(())
    }

    fn alloc_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}

/// Encodes a JSON-RPC 2.0 request.
fn encode_request(id: u64, method: &str, params: Value) -> String {
    json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }).to_string()
}

/// Subscription ids are strings in the new JSON-RPC API; legacy ones may be numbers.
fn subscription_id(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
