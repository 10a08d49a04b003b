//! [`LightClient`]: the patched smoldot-light running one chain, driven through JSON-RPC.
//!
//! Starting the client adds the chain to smoldot (with a checkpoint and/or a saved database as
//! `database_content`) and spawns three tasks on the platform's executor:
//! - the **responses** task feeds every message smoldot produces to the [`RpcMultiplexer`];
//! - the **lifecycle** task turns smoldot's lifecycle subscription (phase, peers, stall verdict)
//!   into [`SyncStatus`] updates;
//! - the **follow** task keeps a `chainHead_v1_follow` subscription open (following again after
//!   `stop`), tracks the finalized and best blocks, unpins what is no longer needed, and routes
//!   `operation*` events to the callers waiting for them.
//!
//! Values read through the client come from `chainHead_v1_storage`/`call`, for which smoldot
//! fetches Merkle proofs from peers and checks them against the block's state root.

use alloc::{
    borrow::ToOwned as _,
    format,
    string::{String, ToString as _},
    sync::Arc,
    vec::Vec,
};
use core::num::NonZero;
use std::{collections::HashMap, sync::Mutex};

use futures_channel::{mpsc, oneshot};
use futures_util::StreamExt as _;
use serde_json::{Value, json};
use smoldot_light::platform::PlatformRef as _;

use super::{
    ChainError, ChainSpec, Checkpoint, SavedDatabase,
    chain_head::{
        FollowEvent, HeadTracker, OperationEvent, OperationStart, parse_follow_event,
        parse_operation_start,
    },
    checkpoint::parse_hex,
    database::start_database,
    platform::{Platform, new_platform},
    rpc::RpcMultiplexer,
    spec::{hash_hex, parse_hash},
    status::{BlockRef, Phase, Stall, SyncStatus, TransactionStatus},
    validity::{self, TransactionValidityError, ValidTransaction},
};

/// How the light client starts.
#[derive(Debug, Clone)]
pub struct LightClientConfig {
    /// The chain (sanitized spec; override its bootnodes with [`ChainSpec::set_bootnodes`]).
    pub spec: ChainSpec,
    /// A trusted starting point after genesis (required for Finney, see [`Checkpoint`]).
    pub checkpoint: Option<Checkpoint>,
    /// A database saved by [`LightClient::save_database`] on a previous run.
    pub database: Option<SavedDatabase>,
    /// Most JSON-RPC requests smoldot queues before answering [`ChainError::Busy`].
    pub max_pending_requests: u32,
    /// Most subscriptions (follow, transaction watches) at once.
    pub max_subscriptions: u32,
}

impl LightClientConfig {
    /// A configuration with no checkpoint, no database and default limits.
    pub fn new(spec: ChainSpec) -> Self {
        LightClientConfig {
            spec,
            checkpoint: None,
            database: None,
            max_pending_requests: 128,
            max_subscriptions: 1024,
        }
    }
}

/// Block number width of Bittensor-shaped chains (`u32`).
const BLOCK_NUMBER_BYTES: usize = 4;

/// Single-key storage operations [`LightClient::storage`] keeps in flight (smoldot allows 32
/// operations per follow subscription).
const STORAGE_READS_IN_FLIGHT: usize = 8;

/// How many times a storage read or runtime call is started when smoldot reports it
/// `operationInaccessible` (no peer answered with a proof, e.g. a request timed out under load):
/// the chainHead spec says such an operation may succeed when started again. After the last
/// attempt the read fails with [`ChainError::ProofInvalid`].
const INACCESSIBLE_ATTEMPTS: u32 = 5;

/// Pause before the second attempt of an inaccessible operation; doubled before each later one
/// (0.25 + 0.5 + 1 + 2 s at most in all). Starting again at once met the same busy peer: a
/// loaded node's light-client request queue is full or its answer times out again.
const INACCESSIBLE_BACKOFF: core::time::Duration = core::time::Duration::from_millis(250);

/// Most blocks the best block may be ahead of the finalized one before the status reports
/// [`Stall::NoFinality`] (GRANDPA finalizes within 2-3 blocks on the devnet and on Finney).
pub const FINALITY_LAG_LIMIT: u64 = 24;

/// A running light client following one chain. Cheap to clone (shared handle).
#[derive(Clone)]
pub struct LightClient {
    inner: Arc<Inner>,
}

impl core::fmt::Debug for LightClient {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("LightClient")
            .field("genesis_hash", &hash_hex(&self.inner.genesis_hash))
            .finish_non_exhaustive()
    }
}

struct Inner {
    platform: Platform,
    client: Mutex<Option<smoldot_light::Client<Platform, ()>>>,
    chain_id: smoldot_light::ChainId,
    genesis_hash: [u8; 32],
    mux: Mutex<RpcMultiplexer>,
    status: Mutex<StatusHub>,
    follow: Mutex<FollowState>,
}

/// Latest status plus the subscribers to notify of changes.
#[derive(Default)]
struct StatusHub {
    current: SyncStatus,
    /// `true` once smoldot's lifecycle says `Ready`.
    smoldot_ready: bool,
    /// smoldot's own stall verdict (no peers, no warp-sync progress).
    smoldot_stall: Option<Stall>,
    subscribers: Vec<mpsc::UnboundedSender<SyncStatus>>,
}

/// The follow subscription's state shared with callers starting operations.
#[derive(Default)]
struct FollowState {
    /// Current follow subscription id, while one is open and initialized.
    subscription: Option<String>,
    tracker: HeadTracker,
    /// Known block numbers by hash.
    numbers: HashMap<String, u64>,
    /// Operation id → events channel.
    operations: HashMap<String, mpsc::UnboundedSender<OperationEvent>>,
    /// Events for operation ids not registered yet (the follow task can see them before the
    /// caller has read the response that announces the id).
    early: HashMap<String, Vec<OperationEvent>>,
    /// Callers waiting for the follow subscription to be (re)initialized.
    waiting: Vec<oneshot::Sender<()>>,
}

impl LightClient {
    /// Starts the light client on a chain.
    ///
    /// Computes the spec's genesis hash, checks that the checkpoint and the database belong to
    /// that chain, decides which of them to start from
    /// (the newer), and adds the chain to smoldot. Returns as soon as the chain is added; follow
    /// progress through [`LightClient::status`] or wait with [`LightClient::wait_ready`].
    pub fn start(config: LightClientConfig) -> Result<Self, ChainError> {
        let genesis_hash = config.spec.genesis_hash()?;
        let database = start_database(
            &genesis_hash,
            config.checkpoint.as_ref(),
            config.database.as_ref(),
        )?;
        let platform = new_platform()?;
        let mut client = smoldot_light::Client::new(platform.clone());
        let spec_json = config.spec.to_json();
        let added = client
            .add_chain(smoldot_light::AddChainConfig {
                user_data: (),
                specification: &spec_json,
                database_content: &database,
                potential_relay_chains: core::iter::empty(),
                json_rpc: smoldot_light::AddChainConfigJsonRpc::Enabled {
                    max_pending_requests: NonZero::new(config.max_pending_requests)
                        .unwrap_or(NonZero::<u32>::MIN),
                    max_subscriptions: config.max_subscriptions,
                },
                statement_protocol_config: None,
            })
            .map_err(|e| match e {
                // The genesis runtime's consensus or finality parameters are unusable.
                smoldot_light::AddChainError::InvalidGenesisStorage(e) => {
                    ChainError::BadGenesis(e.to_string())
                }
                e => ChainError::StartFailed(e.to_string()),
            })?;
        let chain_id = added.chain_id;
        let mut responses = added
            .json_rpc_responses
            .ok_or_else(|| ChainError::StartFailed("JSON-RPC not enabled".to_owned()))?;
        let mut lifecycle = client.lifecycle_state(chain_id);

        let inner = Arc::new(Inner {
            platform: platform.clone(),
            client: Mutex::new(Some(client)),
            chain_id,
            genesis_hash,
            mux: Mutex::new(RpcMultiplexer::default()),
            status: Mutex::new(StatusHub::default()),
            follow: Mutex::new(FollowState::default()),
        });

        // Responses task: ends when the chain is removed (`next` gives `None`).
        let weak = Arc::downgrade(&inner);
        platform.spawn_task("taolight-json-rpc".into(), async move {
            while let Some(message) = responses.next().await {
                let Some(inner) = weak.upgrade() else { break };
                let _ = lock(&inner.mux).handle_message(&message);
            }
            if let Some(inner) = weak.upgrade() {
                lock(&inner.mux).close();
            }
        });

        // Lifecycle task: ends when the chain is removed.
        let weak = Arc::downgrade(&inner);
        platform.spawn_task("taolight-lifecycle".into(), async move {
            while let Some(state) = lifecycle.next().await {
                let Some(inner) = weak.upgrade() else { break };
                inner.update_status(|hub| {
                    hub.smoldot_ready =
                        matches!(state.phase, smoldot_light::lifecycle_service::Phase::Ready);
                    hub.current.peers = state.num_peers;
                    hub.smoldot_stall = match state.health {
                        smoldot_light::lifecycle_service::Health::Ok => None,
                        smoldot_light::lifecycle_service::Health::Stalled { reason } => {
                            Some(match reason {
                                smoldot_light::lifecycle_service::StallReason::NoPeers => {
                                    Stall::NoPeers
                                }
                                smoldot_light::lifecycle_service::StallReason::NoProgress => {
                                    Stall::NoProgress
                                }
                            })
                        }
                    };
                    if let smoldot_light::lifecycle_service::Phase::Syncing { at, target } =
                        state.phase
                    {
                        hub.current.phase = Phase::WarpSyncing { at, target };
                    }
                });
            }
        });

        // Follow task.
        let weak = Arc::downgrade(&inner);
        platform.spawn_task("taolight-follow".into(), follow_task(weak));

        Ok(LightClient { inner })
    }

    /// Genesis hash of the chain.
    pub fn genesis_hash(&self) -> [u8; 32] {
        self.inner.genesis_hash
    }

    /// A stream of status snapshots: the current one first, then one after every change. Ends
    /// when the client stops (after [`LightClient::stop`]: the last status, then the end).
    pub fn status(&self) -> StatusStream {
        let (tx, rx) = mpsc::unbounded();
        let stopped = self.is_stopped();
        let mut hub = lock(&self.inner.status);
        let _ = tx.unbounded_send(hub.current);
        if !stopped {
            hub.subscribers.push(tx);
        }
        StatusStream { rx }
    }

    /// `true` once [`LightClient::stop`] has been called.
    pub fn is_stopped(&self) -> bool {
        lock(&self.inner.client).is_none()
    }

    /// Waits until the client follows the head (phase [`Phase::Ready`]) and returns that status.
    ///
    /// Fails with [`ChainError::NoPeers`] or [`ChainError::Stalled`] as soon as the status
    /// reports the chain stalled (after 30 s without peers / 45 s without warp-sync progress /
    /// [`FINALITY_LAG_LIMIT`] blocks without finality), and with
    /// [`ChainError::Stopped`] if the client stops.
    pub async fn wait_ready(&self) -> Result<SyncStatus, ChainError> {
        if self.is_stopped() {
            return Err(ChainError::Stopped);
        }
        let mut stream = self.status();
        while let Some(s) = stream.next().await {
            match s.stalled {
                Some(Stall::NoPeers) => return Err(ChainError::NoPeers),
                Some(Stall::NoProgress | Stall::NoFinality) => return Err(ChainError::Stalled),
                None => {}
            }
            if s.phase == Phase::Ready && s.finalized.is_some() {
                return Ok(s);
            }
        }
        Err(ChainError::Stopped)
    }

    /// The finalized block (waits until the client is ready).
    pub async fn finalized_head(&self) -> Result<BlockRef, ChainError> {
        let s = self.wait_ready().await?;
        s.finalized.ok_or(ChainError::Stopped)
    }

    /// The best block (waits until the client is ready).
    pub async fn best_head(&self) -> Result<BlockRef, ChainError> {
        let s = self.wait_ready().await?;
        s.best.or(s.finalized).ok_or(ChainError::Stopped)
    }

    /// Sends any JSON-RPC request to smoldot and returns its `result`.
    pub async fn rpc(&self, method: &str, params: Value) -> Result<Value, ChainError> {
        let (id, text, rx) = lock(&self.inner.mux).request(method, params);
        self.inner.send(id, text)?;
        rx.await.map_err(|_| ChainError::Stopped)?
    }

    /// Reads storage values at a pinned block (the finalized block, or a recent one), each
    /// proven by smoldot against the block's state root. `None` for absent keys.
    ///
    /// One key per `chainHead_v1_storage` operation, a few in flight: smoldot-light 3.0.0 takes
    /// one of the subscription's 32 operation slots per *item* but gives back one per
    /// *operation*, so multi-item operations leak slots until every read is refused, and items
    /// beyond the free slots are silently discarded (`discardedItems`, refused as
    /// [`ChainError::Busy`] by this client rather than read as absent).
    pub async fn storage(
        &self,
        at: &[u8; 32],
        keys: &[Vec<u8>],
    ) -> Result<Vec<Option<Vec<u8>>>, ChainError> {
        let reads = keys.iter().map(|k| async move {
            let mut v = self
                .storage_one_operation(at, core::slice::from_ref(k))
                .await?;
            Ok::<_, ChainError>(v.pop().flatten())
        });
        futures_util::stream::iter(reads)
            .buffered(STORAGE_READS_IN_FLIGHT)
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .collect()
    }

    /// One `chainHead_v1_storage` operation for `keys` (see [`Self::storage`] for why callers
    /// pass a single key).
    async fn storage_one_operation(
        &self,
        at: &[u8; 32],
        keys: &[Vec<u8>],
    ) -> Result<Vec<Option<Vec<u8>>>, ChainError> {
        let items: Vec<Value> = keys
            .iter()
            .map(|k| json!({ "key": format!("0x{}", hex::encode(k)), "type": "value" }))
            .collect();
        let mut found: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
        for (k, v) in self.storage_raw_items(at, json!(items)).await? {
            let key =
                parse_hex(&k).ok_or_else(|| ChainError::MalformedRpc(format!("bad key {k}")))?;
            if let Some(v) = v {
                let value = parse_hex(&v)
                    .ok_or_else(|| ChainError::MalformedRpc(format!("bad value {v}")))?;
                found.insert(key, value);
            }
        }
        Ok(keys.iter().map(|k| found.remove(k)).collect())
    }

    /// Reads every `(key, value)` whose key starts with `prefix` at a pinned block
    /// (`descendantsValues`), each proven by smoldot against the block's state root; sorted by
    /// key. Used to iterate storage maps (see `core::chain::ChainReader`).
    pub async fn storage_descendants(
        &self,
        at: &[u8; 32],
        prefix: &[u8],
    ) -> Result<Vec<(Vec<u8>, Vec<u8>)>, ChainError> {
        let items = json!([{
            "key": format!("0x{}", hex::encode(prefix)),
            "type": "descendantsValues",
        }]);
        let mut found: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        for (k, v) in self.storage_raw_items(at, items).await? {
            let bad = || ChainError::MalformedRpc(format!("bad item {k}: {v:?}"));
            let key = parse_hex(&k).ok_or_else(bad)?;
            let value = v.as_deref().and_then(parse_hex).ok_or_else(bad)?;
            found.push((key, value));
        }
        found.sort();
        Ok(found)
    }

    /// Runs one `chainHead_v1_storage` operation for `items` to its end (answering
    /// `waitingForContinue`) and returns the `(key, value)` hex strings it reported. An operation
    /// smoldot reports inaccessible is started again (see [`INACCESSIBLE_ATTEMPTS`]); only the
    /// items of the attempt that completed are returned.
    async fn storage_raw_items(
        &self,
        at: &[u8; 32],
        items: Value,
    ) -> Result<Vec<(String, Option<String>)>, ChainError> {
        'attempts: for attempt in 0..INACCESSIBLE_ATTEMPTS {
            self.backoff_before(attempt).await;
            let (follow, mut events) = self
                .start_operation("chainHead_v1_storage", at, |sub, hash| {
                    json!([sub, hash, items, null])
                })
                .await?;
            let mut found = Vec::new();
            while let Some(ev) = events.next().await {
                match ev {
                    OperationEvent::StorageItems(list) => found.extend(list),
                    OperationEvent::WaitingForContinue => {
                        self.rpc("chainHead_v1_continue", json!([follow.0, follow.1]))
                            .await?;
                    }
                    OperationEvent::StorageDone => return Ok(found),
                    OperationEvent::Inaccessible => continue 'attempts,
                    OperationEvent::Error(e) => return Err(ChainError::ProofInvalid(e)),
                    other => {
                        return Err(ChainError::MalformedRpc(format!(
                            "unexpected storage event {other:?}"
                        )));
                    }
                }
            }
            return Err(ChainError::Stopped);
        }
        Err(ChainError::ProofInvalid(
            "storage inaccessible: no peer could prove it".to_owned(),
        ))
    }

    /// Calls a runtime API function (e.g. `SwapRuntimeApi_sim_swap_tao_for_alpha`) at a pinned
    /// block with SCALE-encoded parameters; returns the SCALE-encoded output.
    pub async fn runtime_call(
        &self,
        at: &[u8; 32],
        function: &str,
        params: &[u8],
    ) -> Result<Vec<u8>, ChainError> {
        let params_hex = format!("0x{}", hex::encode(params));
        let failed = |reason: String| ChainError::RuntimeCallFailed {
            method: function.to_owned(),
            reason,
        };
        for attempt in 0..INACCESSIBLE_ATTEMPTS {
            self.backoff_before(attempt).await;
            let (_, mut events) = self
                .start_operation("chainHead_v1_call", at, |sub, hash| {
                    json!([sub, hash, function, params_hex])
                })
                .await?;
            return match events.next().await {
                Some(OperationEvent::CallDone(out)) => {
                    parse_hex(&out).ok_or_else(|| failed(format!("output is not hex: {out}")))
                }
                Some(OperationEvent::Inaccessible) => continue,
                Some(OperationEvent::Error(e)) => Err(failed(e)),
                Some(other) => Err(failed(format!("unexpected event {other:?}"))),
                None => Err(ChainError::Stopped),
            };
        }
        Err(ChainError::ProofInvalid(
            "call inaccessible: no peer could prove the storage it reads".to_owned(),
        ))
    }

    /// Submits a signed, SCALE-encoded extrinsic and watches it
    /// (`transactionWatch_v1_submitAndWatch`).
    pub async fn submit_and_watch(&self, extrinsic: &[u8]) -> Result<TransactionWatch, ChainError> {
        let (id, text, rx) = lock(&self.inner.mux).subscribe(
            "transactionWatch_v1_submitAndWatch",
            json!([format!("0x{}", hex::encode(extrinsic))]),
        );
        self.inner.send(id, text)?;
        let sub = rx.await.map_err(|_| ChainError::Stopped)??;
        Ok(TransactionWatch {
            events: sub.events,
            done: false,
            client: self.clone(),
            extrinsic: extrinsic.to_vec(),
        })
    }

    /// Asks the runtime why a transaction is invalid: `TaggedTransactionQueue_validate_transaction`
    /// (source `External`, as a peer's pool validates it) at the best block, decoded. `Ok(Ok(_))`
    /// when the runtime considers it valid there.
    pub async fn validate_transaction(
        &self,
        extrinsic: &[u8],
    ) -> Result<Result<ValidTransaction, TransactionValidityError>, ChainError> {
        let at = self.best_head().await?.hash;
        let mut params = Vec::with_capacity(extrinsic.len() + 33);
        params.push(2); // TransactionSource::External
        params.extend_from_slice(extrinsic);
        params.extend_from_slice(&at);
        let out = self
            .runtime_call(&at, validity::VALIDATE_TRANSACTION, &params)
            .await?;
        validity::decode_validate_transaction(&out).map_err(|e| ChainError::RuntimeCallFailed {
            method: validity::VALIDATE_TRANSACTION.to_owned(),
            reason: e.to_string(),
        })
    }

    /// Exports smoldot's database (finalized chain information, known peers, runtime code),
    /// at most `max_size` bytes, for [`LightClientConfig::database`] on the next start.
    pub async fn save_database(&self, max_size: usize) -> Result<SavedDatabase, ChainError> {
        let v = self
            .rpc("chainHead_unstable_finalizedDatabase", json!([max_size]))
            .await?;
        let text = v
            .as_str()
            .ok_or_else(|| ChainError::MalformedRpc("database is not a string".to_owned()))?;
        SavedDatabase::parse(text)
    }

    /// Stops the client: removes the chain from smoldot; pending and later calls fail with
    /// [`ChainError::Stopped`]. The executor threads end once the background tasks have.
    pub fn stop(&self) {
        if let Some(mut client) = lock(&self.inner.client).take() {
            let () = client.remove_chain(self.inner.chain_id);
        }
        lock(&self.inner.mux).close();
        // Callers waiting for a follow subscription get `Stopped` (their sender is dropped).
        lock(&self.inner.follow).waiting.clear();
        let mut hub = lock(&self.inner.status);
        hub.subscribers.clear();
    }

    /// Waits before attempt `attempt` (from 0) of an operation smoldot reported inaccessible:
    /// nothing before the first, [`INACCESSIBLE_BACKOFF`] doubled each time after that.
    async fn backoff_before(&self, attempt: u32) {
        if attempt > 0 {
            let pause = INACCESSIBLE_BACKOFF * (1 << (attempt - 1));
            self.inner.platform.sleep(pause).await;
        }
    }

    /// Starts a chainHead operation on the current follow subscription and returns
    /// `(subscription id, operation id)` and the operation's events.
    async fn start_operation(
        &self,
        method: &str,
        at: &[u8; 32],
        params: impl Fn(&str, &str) -> Value,
    ) -> Result<((String, String), mpsc::UnboundedReceiver<OperationEvent>), ChainError> {
        let hash = hash_hex(at);
        let sub = self.inner.follow_subscription().await?;
        if !lock(&self.inner.follow).tracker.is_pinned(&hash) {
            return Err(ChainError::ProofInvalid(format!(
                "block {hash} is not pinned (unknown, or too old to read)"
            )));
        }
        let v = self.rpc(method, params(&sub, &hash)).await?;
        // Items the server had no room for are dropped without an event: never read them as
        // absent.
        if v.get("discardedItems").and_then(Value::as_u64).unwrap_or(0) > 0 {
            return Err(ChainError::Busy);
        }
        match parse_operation_start(&v)? {
            OperationStart::LimitReached => Err(ChainError::Busy),
            OperationStart::Started(op) => {
                let (tx, rx) = mpsc::unbounded();
                let mut follow = lock(&self.inner.follow);
                for ev in follow.early.remove(&op).unwrap_or_default() {
                    let _ = tx.unbounded_send(ev);
                }
                follow.operations.insert(op.clone(), tx);
                Ok(((sub, op), rx))
            }
        }
    }
}

impl Inner {
    /// Hands a request to smoldot; on refusal the multiplexer forgets it.
    fn send(&self, id: u64, text: String) -> Result<(), ChainError> {
        let mut guard = lock(&self.client);
        let Some(client) = guard.as_mut() else {
            lock(&self.mux).fail(id, ChainError::Stopped);
            return Err(ChainError::Stopped);
        };
        match client.json_rpc_request(text, self.chain_id) {
            Ok(()) => Ok(()),
            Err(smoldot_light::HandleRpcError::TooManyPendingRequests { .. }) => {
                drop(guard);
                lock(&self.mux).fail(id, ChainError::Busy);
                Err(ChainError::Busy)
            }
        }
    }

    /// Applies a change to the status and notifies subscribers if it changed anything.
    fn update_status(&self, f: impl FnOnce(&mut StatusHub)) {
        let mut hub = lock(&self.status);
        let before = hub.current;
        f(&mut hub);
        let follow_ready = lock(&self.follow).subscription.is_some();
        if hub.smoldot_ready || !matches!(hub.current.phase, Phase::WarpSyncing { .. }) {
            hub.current.phase = match (
                hub.smoldot_ready,
                follow_ready && hub.current.finalized.is_some(),
            ) {
                (true, true) => Phase::Ready,
                (true, false) => Phase::Syncing,
                (false, _) => match hub.current.phase {
                    Phase::WarpSyncing { at, target } => Phase::WarpSyncing { at, target },
                    _ => Phase::Connecting,
                },
            };
        }
        // smoldot's verdict first; else a finality stall: the best block keeps moving while
        // the finalized one does not (GRANDPA justifications that do not verify, e.g. from a
        // checkpoint with a wrong set id or authorities, or a chain whose finality halted).
        let lag = match (hub.current.best, hub.current.finalized) {
            (Some(best), Some(fin)) => best.number.saturating_sub(fin.number),
            _ => 0,
        };
        hub.current.stalled = hub
            .smoldot_stall
            .or((lag > FINALITY_LAG_LIMIT).then_some(Stall::NoFinality));
        if hub.current != before {
            let now = hub.current;
            hub.subscribers.retain(|s| s.unbounded_send(now).is_ok());
        }
    }

    /// The open follow subscription's id, waiting for one to be initialized if needed.
    async fn follow_subscription(&self) -> Result<String, ChainError> {
        // After `stop` no follow subscription will come (the follow task has ended).
        if lock(&self.client).is_none() {
            return Err(ChainError::Stopped);
        }
        let rx = {
            let mut f = lock(&self.follow);
            if let Some(s) = &f.subscription {
                return Ok(s.clone());
            }
            let (tx, rx) = oneshot::channel();
            f.waiting.push(tx);
            rx
        };
        rx.await.map_err(|_| ChainError::Stopped)?;
        lock(&self.follow)
            .subscription
            .clone()
            .ok_or(ChainError::Stopped)
    }

    /// Fetches a block's header through the follow subscription and returns its number.
    async fn block_number(self: &Arc<Self>, sub: &str, hash: &str) -> Result<u64, ChainError> {
        if let Some(n) = lock(&self.follow).numbers.get(hash) {
            return Ok(*n);
        }
        let client = LightClient {
            inner: self.clone(),
        };
        let v = client
            .rpc("chainHead_v1_header", json!([sub, hash]))
            .await?;
        let header = v
            .as_str()
            .and_then(parse_hex)
            .ok_or_else(|| ChainError::MalformedRpc(format!("header of {hash} is {v}")))?;
        let number = smoldot::header::decode(&header, BLOCK_NUMBER_BYTES)
            .map_err(|e| ChainError::MalformedRpc(format!("header of {hash}: {e}")))?
            .number;
        lock(&self.follow).numbers.insert(hash.to_owned(), number);
        Ok(number)
    }
}

/// Keeps a `chainHead_v1_follow` subscription open for as long as the client lives.
async fn follow_task(weak: alloc::sync::Weak<Inner>) {
    loop {
        let Some(inner) = weak.upgrade() else { return };
        let (id, text, rx) = lock(&inner.mux).subscribe("chainHead_v1_follow", json!([true]));
        if inner.send(id, text).is_err() {
            // Stopped, or smoldot busy: wait a little and retry unless stopped.
            if lock(&inner.client).is_none() {
                return;
            }
            let delay = inner.platform.sleep(core::time::Duration::from_secs(1));
            drop(inner);
            delay.await;
            continue;
        }
        drop(inner);
        let Ok(Ok(mut sub)) = rx.await else { return };
        while let Some(raw) = sub.events.next().await {
            let Some(inner) = weak.upgrade() else { return };
            let Ok(event) = parse_follow_event(&raw) else {
                continue;
            };
            if event == FollowEvent::Stop {
                break;
            }
            let unpin = {
                let mut f = lock(&inner.follow);
                match &event {
                    FollowEvent::Operation { id, event } => {
                        match f.operations.get(id) {
                            Some(tx) => {
                                if tx.unbounded_send(event.clone()).is_err() {
                                    f.operations.remove(id);
                                }
                            }
                            None => f.early.entry(id.clone()).or_default().push(event.clone()),
                        }
                        continue;
                    }
                    FollowEvent::Initialized { .. } => {
                        f.subscription = Some(sub.id.clone());
                        f.numbers.clear();
                        for w in f.waiting.drain(..) {
                            let _ = w.send(());
                        }
                    }
                    _ => {}
                }
                let unpin = f.tracker.apply(&event);
                for h in &unpin {
                    f.numbers.remove(h);
                }
                unpin
            };
            if !unpin.is_empty() {
                let client = LightClient {
                    inner: inner.clone(),
                };
                let _ = client
                    .rpc("chainHead_v1_unpin", json!([sub.id, unpin]))
                    .await;
            }
            if matches!(
                event,
                FollowEvent::Initialized { .. }
                    | FollowEvent::Finalized { .. }
                    | FollowEvent::BestBlockChanged { .. }
            ) {
                let (fin, best) = {
                    let f = lock(&inner.follow);
                    (
                        f.tracker.finalized().map(str::to_owned),
                        f.tracker.best().map(str::to_owned),
                    )
                };
                let fin = match fin {
                    Some(h) => block_ref(&inner, &sub.id, &h).await,
                    None => None,
                };
                let best = match best {
                    Some(h) => block_ref(&inner, &sub.id, &h).await,
                    None => None,
                };
                inner.update_status(|hub| {
                    if fin.is_some() {
                        hub.current.finalized = fin;
                    }
                    if best.is_some() {
                        hub.current.best = best;
                    }
                });
            }
        }
        // Subscription stopped: forget it and follow again.
        let Some(inner) = weak.upgrade() else { return };
        {
            let mut f = lock(&inner.follow);
            f.subscription = None;
            f.tracker = HeadTracker::default();
            f.operations.clear();
            f.early.clear();
        }
        lock(&inner.mux).forget_subscription(&sub.id);
        inner.update_status(|_| {});
    }
}

/// Number and hash of a block, or `None` if its header cannot be fetched.
async fn block_ref(inner: &Arc<Inner>, sub: &str, hash: &str) -> Option<BlockRef> {
    let number = inner.block_number(sub, hash).await.ok()?;
    Some(BlockRef {
        number,
        hash: parse_hash(hash)?,
    })
}

/// Status snapshots of a [`LightClient`] (see [`LightClient::status`]).
#[derive(Debug)]
pub struct StatusStream {
    rx: mpsc::UnboundedReceiver<SyncStatus>,
}

impl StatusStream {
    /// The next snapshot; `None` once the client is stopped.
    pub async fn next(&mut self) -> Option<SyncStatus> {
        self.rx.next().await
    }
}

/// Progress of a submitted transaction (see [`LightClient::submit_and_watch`]).
#[derive(Debug)]
pub struct TransactionWatch {
    events: mpsc::UnboundedReceiver<Value>,
    done: bool,
    /// For the typed reason of an `invalid` event (a runtime call).
    client: LightClient,
    extrinsic: Vec<u8>,
}

impl TransactionWatch {
    /// The next status; `None` after a terminal status or when the client stops.
    pub async fn next(&mut self) -> Option<TransactionStatus> {
        if self.done {
            return None;
        }
        let raw = self.events.next().await?;
        let mut status = parse_transaction_event(&raw);
        if let TransactionStatus::Invalid { reason, .. } = &mut status {
            // smoldot reports the verdict as text; the runtime gives it typed. `None` when the
            // call fails (client stopped, no peer to prove it) or the runtime now accepts it.
            *reason = self
                .client
                .validate_transaction(&self.extrinsic)
                .await
                .ok()
                .and_then(Result::err);
        }
        self.done = status.is_terminal();
        Some(status)
    }
}

/// Parses a `transactionWatch_v1_watchEvent` result.
pub(crate) fn parse_transaction_event(v: &Value) -> TransactionStatus {
    let text = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or("unspecified")
            .to_owned()
    };
    let block = || -> Option<([u8; 32], u32)> {
        let b = v.get("block")?;
        Some((
            parse_hash(b.get("hash")?.as_str()?)?,
            u32::try_from(b.get("index")?.as_u64()?).ok()?,
        ))
    };
    match v.get("event").and_then(Value::as_str) {
        Some("validated") => TransactionStatus::Validated,
        Some("broadcasted") => TransactionStatus::Broadcast {
            peers: v
                .get("numPeers")
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0),
        },
        Some("bestChainBlockIncluded") => match block() {
            Some((hash, index)) => TransactionStatus::InBlock { hash, index },
            None => TransactionStatus::Retracted,
        },
        Some("finalized") => match block() {
            Some((hash, index)) => TransactionStatus::Finalized { hash, index },
            None => TransactionStatus::Error(format!("malformed finalized event {v}")),
        },
        Some("invalid") => TransactionStatus::Invalid {
            message: text("error"),
            reason: None,
        },
        Some("dropped") => TransactionStatus::Dropped(text("error")),
        Some("error") => TransactionStatus::Error(text("error")),
        _ => TransactionStatus::Error(format!("unknown transaction event {v}")),
    }
}

/// Locks a mutex, recovering from poisoning (a panicking task must not wedge the client).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
