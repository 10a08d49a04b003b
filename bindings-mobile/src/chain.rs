//! The light client: an embedded smoldot following the chain, with verified typed reads and
//! transaction submission (`taolight_core::chain`).
//!
//! The client keeps its own runtime: smoldot runs on its own executor threads, started by
//! [`LightClient::start`]; the foreign side only awaits (Kotlin `suspend`, Swift `async`,
//! Python `await`). Block hashes are 32-byte arrays, addresses SS58 strings, amounts `u64` rao.
//! Status snapshots and transaction progress are pulled with `next_event()`.
use std::future::Future;
use std::sync::Arc;

use futures_util::lock::Mutex as AsyncMutex;
use taolight_core::chain::{self, ChainReader, ChainSpec, Checkpoint, SavedDatabase};
use taolight_core::keys::ss58;
use taolight_core::stake::SimSwapResult;

use crate::{SafeFloat, TaolightError, runtime::Runtime, tx::TxMetadata};
use taolight_core::stake::Pool;

/// A block, by number and 32-byte hash.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BlockRef {
    /// Block number.
    pub number: u64,
    /// Block hash (32 bytes).
    pub hash: Vec<u8>,
}

/// Where the client is in reaching the chain's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SyncPhase {
    /// Connecting to bootnodes, discovering peers.
    Connecting,
    /// A GRANDPA warp sync is running.
    WarpSyncing {
        /// Highest block proven finalized so far.
        at: u64,
        /// Highest best block a peer advertised.
        target: u64,
    },
    /// Blocks stream in; the finalized block is not readable yet.
    Syncing,
    /// Following the head: the finalized block can be read.
    Ready,
}

/// Why the chain is considered stalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SyncStall {
    /// No peer connected for a while.
    NoPeers,
    /// A warp sync does not advance although peers are connected.
    NoProgress,
    /// Blocks arrive but none is finalized.
    NoFinality,
}

/// A snapshot of the client's state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncStatus {
    /// Sync phase.
    pub phase: SyncPhase,
    /// Connected peers.
    pub peers: u32,
    /// Set while the chain is stalled.
    pub stalled: Option<SyncStall>,
    /// Best block, once known.
    pub best: Option<BlockRef>,
    /// Finalized block, once known.
    pub finalized: Option<BlockRef>,
}

/// `System.Account`: nonce and balances (rao).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccountInfo {
    /// Transactions sent.
    pub nonce: u32,
    /// Consumer references.
    pub consumers: u32,
    /// Provider references.
    pub providers: u32,
    /// Sufficient references.
    pub sufficients: u32,
    /// Free balance.
    pub free: u64,
    /// Reserved balance.
    pub reserved: u64,
    /// Frozen part of the balance.
    pub frozen: u64,
    /// `ExtraFlags` bits (a 128-bit integer as a decimal string).
    pub flags: String,
}

/// One subnet's pool at one block.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SubnetPool {
    /// The subnet.
    pub netuid: u16,
    /// The five values the swap reads, ready for the calculator functions.
    pub pool: Pool,
    /// `SubnetAlphaOut`: alpha held as stake.
    pub alpha_out: u64,
}

/// One entry of the subnet list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SubnetSummary {
    /// The subnet's pool.
    pub pool: SubnetPool,
    /// Spot price, rao per alpha (as `current_alpha_price`).
    pub price: u64,
    /// `TokenSymbol` (UTF-8 bytes).
    pub symbol: Vec<u8>,
}

/// One stake position of a coldkey.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StakePosition {
    /// The hotkey staked to (SS58).
    pub hotkey: String,
    /// The subnet.
    pub netuid: u16,
    /// Alpha owned, rao (as the chain computes stake).
    pub alpha: u64,
    /// TAO received for unstaking all of it now (swap fee deducted), rao.
    pub tao_value: u64,
    /// Alpha at spot price, rao.
    pub spot_tao_value: u64,
    /// The coldkey's shares.
    pub share: SafeFloat,
    /// `TotalHotkeyAlpha`: alpha in the hotkey's pool, rao.
    pub hotkey_alpha: u64,
    /// `TotalHotkeyShares`: all shares of the hotkey's pool.
    pub hotkey_shares: SafeFloat,
}

/// `StakeInfoRuntimeApi` `StakeInfo`: one position as the chain reports it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StakeInfo {
    /// Hotkey (SS58).
    pub hotkey: String,
    /// Coldkey (SS58).
    pub coldkey: String,
    /// Subnet.
    pub netuid: u16,
    /// Alpha value of the position, rao.
    pub stake: u64,
    /// Locked alpha.
    pub locked: u64,
    /// Emission.
    pub emission: u64,
    /// TAO emission.
    pub tao_emission: u64,
    /// Drain.
    pub drain: u64,
    /// Whether the hotkey is registered.
    pub is_registered: bool,
}

/// `TransactionPaymentApi::query_info`: weight, class and fee of an extrinsic.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FeeInfo {
    /// Weight: reference time.
    pub ref_time: u64,
    /// Weight: proof size.
    pub proof_size: u64,
    /// `Normal`, `Operational` or `Mandatory`.
    pub dispatch_class: String,
    /// The fee, rao.
    pub partial_fee: u64,
}

/// Progress of a submitted transaction.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum TransactionStatus {
    /// Valid at the best block, being gossiped.
    Validated,
    /// Sent to `peers` peers.
    Broadcast {
        /// Peers it was sent to so far.
        peers: u32,
    },
    /// Included in a best-chain block.
    InBlock {
        /// Block hash.
        hash: Vec<u8>,
        /// Index in the block's extrinsics.
        index: u32,
    },
    /// The including block left the best chain.
    Retracted,
    /// Included in a finalized block. Terminal.
    Finalized {
        /// Block hash.
        hash: Vec<u8>,
        /// Index in the block's extrinsics.
        index: u32,
    },
    /// Invalid. Terminal.
    Invalid {
        /// smoldot's report.
        message: String,
        /// The runtime's typed verdict when it could be obtained (`Invalid(Stale)`,
        /// `Invalid(Payment)`, `Invalid(BadProof)`, ...).
        reason: Option<String>,
    },
    /// Dropped. Terminal.
    Dropped {
        /// Why.
        reason: String,
    },
    /// The watch failed. Terminal.
    Error {
        /// Why.
        reason: String,
    },
}

pub(crate) fn hash32(bytes: &[u8], what: &str) -> Result<[u8; 32], TaolightError> {
    bytes.try_into().map_err(|_| {
        TaolightError::InvalidArgument(format!("{what} must be 32 bytes, got {}", bytes.len()))
    })
}

pub(crate) fn account_id(address: &str) -> Result<[u8; 32], TaolightError> {
    Ok(ss58::decode(address)?.1)
}

fn address(public: &[u8; 32]) -> String {
    ss58::encode(public, ss58::DEFAULT_PREFIX)
}

fn safe_float(f: &taolight_core::stake::SafeFloat) -> SafeFloat {
    SafeFloat {
        mantissa: f.mantissa.to_string(),
        exponent: f.exponent,
    }
}

impl From<chain::BlockRef> for BlockRef {
    fn from(b: chain::BlockRef) -> Self {
        BlockRef {
            number: b.number,
            hash: b.hash.to_vec(),
        }
    }
}

impl From<chain::SyncStatus> for SyncStatus {
    fn from(s: chain::SyncStatus) -> Self {
        SyncStatus {
            phase: match s.phase {
                chain::Phase::Connecting => SyncPhase::Connecting,
                chain::Phase::WarpSyncing { at, target } => SyncPhase::WarpSyncing { at, target },
                chain::Phase::Syncing => SyncPhase::Syncing,
                chain::Phase::Ready => SyncPhase::Ready,
            },
            peers: s.peers,
            stalled: s.stalled.map(|st| match st {
                chain::Stall::NoPeers => SyncStall::NoPeers,
                chain::Stall::NoProgress => SyncStall::NoProgress,
                chain::Stall::NoFinality => SyncStall::NoFinality,
            }),
            best: s.best.map(Into::into),
            finalized: s.finalized.map(Into::into),
        }
    }
}

impl From<chain::TransactionStatus> for TransactionStatus {
    fn from(s: chain::TransactionStatus) -> Self {
        use taolight_core::chain::TransactionStatus as T;
        match s {
            T::Validated => Self::Validated,
            T::Broadcast { peers } => Self::Broadcast { peers },
            T::InBlock { hash, index } => Self::InBlock {
                hash: hash.to_vec(),
                index,
            },
            T::Retracted => Self::Retracted,
            T::Finalized { hash, index } => Self::Finalized {
                hash: hash.to_vec(),
                index,
            },
            T::Invalid { message, reason } => Self::Invalid {
                message,
                reason: reason.map(|r| r.to_string()),
            },
            T::Dropped(reason) => Self::Dropped { reason },
            T::Error(reason) => Self::Error { reason },
        }
    }
}

impl From<chain::AccountInfo> for AccountInfo {
    fn from(a: chain::AccountInfo) -> Self {
        AccountInfo {
            nonce: a.nonce,
            consumers: a.consumers,
            providers: a.providers,
            sufficients: a.sufficients,
            free: a.free,
            reserved: a.reserved,
            frozen: a.frozen,
            flags: a.flags.to_string(),
        }
    }
}

impl From<&chain::StakePosition> for StakePosition {
    fn from(p: &chain::StakePosition) -> Self {
        StakePosition {
            hotkey: address(&p.hotkey),
            netuid: p.netuid,
            alpha: p.alpha,
            tao_value: p.tao_value,
            spot_tao_value: p.spot_tao_value,
            share: safe_float(&p.share),
            hotkey_alpha: p.hotkey_pool.value,
            hotkey_shares: safe_float(&p.hotkey_pool.denominator),
        }
    }
}

impl From<chain::SubnetPool> for SubnetPool {
    fn from(p: chain::SubnetPool) -> Self {
        SubnetPool {
            netuid: p.netuid,
            pool: p.pool,
            alpha_out: p.alpha_out,
        }
    }
}

impl From<chain::FeeInfo> for FeeInfo {
    fn from(f: chain::FeeInfo) -> Self {
        FeeInfo {
            ref_time: f.ref_time,
            proof_size: f.proof_size,
            dispatch_class: format!("{:?}", f.class),
            partial_fee: f.partial_fee,
        }
    }
}

/// A running light client following one chain (`taolight_core::chain::LightClient` plus a
/// typed reader with its metadata cache). Reads take the hash of a block the client has
/// pinned: the finalized head (or a recent block).
#[derive(uniffi::Object)]
pub struct LightClient {
    reader: Arc<ChainReader<chain::LightClient>>,
    rt: Runtime,
}

type Reader = Arc<ChainReader<chain::LightClient>>;

impl LightClient {
    /// The core client (for the other modules of this crate).
    pub(crate) fn core(&self) -> &chain::LightClient {
        self.reader.source()
    }

    /// The runtime the client's futures run on (for the other modules of this crate).
    pub(crate) fn runtime(&self) -> &Runtime {
        &self.rt
    }

    /// Runs `f(reader)` on the client's runtime.
    async fn with_reader<T, F>(
        &self,
        f: impl FnOnce(Reader) -> F + Send + 'static,
    ) -> Result<T, TaolightError>
    where
        T: Send + 'static,
        F: Future<Output = Result<T, TaolightError>> + 'static,
    {
        let reader = self.reader.clone();
        self.rt.run(move || f(reader)).await
    }
}

#[uniffi::export]
impl LightClient {
    /// Starts following the chain of `spec_json` (a raw chain spec). `bootnodes` replaces the
    /// spec's bootnodes when given; `checkpoint_json` is a `taolight-checkpoint/1` starting
    /// point; `database` is what [`LightClient::save_database`] returned on a previous run
    /// (the newer of checkpoint and database wins). Returns once the chain is added; await
    /// [`LightClient::wait_ready`] before reading.
    #[uniffi::constructor]
    pub fn start(
        spec_json: String,
        bootnodes: Option<Vec<String>>,
        checkpoint_json: Option<String>,
        database: Option<String>,
    ) -> Result<Arc<Self>, TaolightError> {
        let mut spec = ChainSpec::from_json(&spec_json)?;
        if let Some(bootnodes) = bootnodes {
            spec.set_bootnodes(&bootnodes)?;
        }
        let mut config = chain::LightClientConfig::new(spec);
        config.checkpoint = checkpoint_json
            .as_deref()
            .map(Checkpoint::from_json)
            .transpose()?;
        config.database = database.as_deref().map(SavedDatabase::parse).transpose()?;
        let rt = Runtime::new()?;
        Ok(Arc::new(LightClient {
            reader: Arc::new(ChainReader::new(chain::LightClient::start(config)?)),
            rt,
        }))
    }

    /// Genesis hash of the chain (32 bytes).
    pub fn genesis_hash(&self) -> Vec<u8> {
        self.core().genesis_hash().to_vec()
    }

    /// The current status snapshot.
    pub async fn status(&self) -> Result<SyncStatus, TaolightError> {
        let mut stream = self.core().status();
        stream
            .next()
            .await
            .map(Into::into)
            .ok_or_else(|| chain::ChainError::Stopped.into())
    }

    /// Status snapshots: the current one first, then one after every change.
    pub fn status_events(&self) -> Arc<StatusEvents> {
        Arc::new(StatusEvents {
            stream: AsyncMutex::new(self.core().status()),
        })
    }

    /// Waits until the client follows the head; fails with `NoPeers`, `Stalled` or `Stopped`.
    pub async fn wait_ready(&self) -> Result<SyncStatus, TaolightError> {
        self.with_reader(|r| async move { Ok(r.source().wait_ready().await?.into()) })
            .await
    }

    /// The finalized block (waits until ready).
    pub async fn finalized_head(&self) -> Result<BlockRef, TaolightError> {
        self.with_reader(|r| async move { Ok(r.source().finalized_head().await?.into()) })
            .await
    }

    /// The best block (waits until ready).
    pub async fn best_head(&self) -> Result<BlockRef, TaolightError> {
        self.with_reader(|r| async move { Ok(r.source().best_head().await?.into()) })
            .await
    }

    /// `System.Account(address)` at block `at`.
    pub async fn account(
        &self,
        at: Vec<u8>,
        address: String,
    ) -> Result<AccountInfo, TaolightError> {
        let at = hash32(&at, "at")?;
        let who = account_id(&address)?;
        self.with_reader(move |r| async move { Ok(r.account(&at, &who).await?.into()) })
            .await
    }

    /// Every non-zero stake position of `coldkey` at block `at`.
    pub async fn stake_positions(
        &self,
        at: Vec<u8>,
        coldkey: String,
    ) -> Result<Vec<StakePosition>, TaolightError> {
        let at = hash32(&at, "at")?;
        let cold = account_id(&coldkey)?;
        self.with_reader(move |r| async move {
            let positions = r.stake_positions(&at, &cold).await?;
            Ok(positions.iter().map(Into::into).collect())
        })
        .await
    }

    /// The pool of subnet `netuid` at block `at`.
    pub async fn subnet_pool(&self, at: Vec<u8>, netuid: u16) -> Result<SubnetPool, TaolightError> {
        let at = hash32(&at, "at")?;
        self.with_reader(move |r| async move { Ok(r.subnet_pool(&at, netuid).await?.into()) })
            .await
    }

    /// Every subnet at block `at`, in netuid order.
    pub async fn subnets(&self, at: Vec<u8>) -> Result<Vec<SubnetSummary>, TaolightError> {
        let at = hash32(&at, "at")?;
        self.with_reader(move |r| async move {
            Ok(r.subnets(&at)
                .await?
                .into_iter()
                .map(|s| SubnetSummary {
                    pool: s.pool.into(),
                    price: s.price,
                    symbol: s.symbol,
                })
                .collect())
        })
        .await
    }

    /// The chain's `SwapRuntimeApi::sim_swap_tao_for_alpha(netuid, tao)` at block `at`.
    pub async fn sim_swap_tao_for_alpha(
        &self,
        at: Vec<u8>,
        netuid: u16,
        tao: u64,
    ) -> Result<SimSwapResult, TaolightError> {
        let at = hash32(&at, "at")?;
        self.with_reader(
            move |r| async move { Ok(r.sim_swap_tao_for_alpha(&at, netuid, tao).await?) },
        )
        .await
    }

    /// The chain's `SwapRuntimeApi::sim_swap_alpha_for_tao(netuid, alpha)` at block `at`.
    pub async fn sim_swap_alpha_for_tao(
        &self,
        at: Vec<u8>,
        netuid: u16,
        alpha: u64,
    ) -> Result<SimSwapResult, TaolightError> {
        let at = hash32(&at, "at")?;
        self.with_reader(
            move |r| async move { Ok(r.sim_swap_alpha_for_tao(&at, netuid, alpha).await?) },
        )
        .await
    }

    /// The chain's `SwapRuntimeApi::current_alpha_price(netuid)` at block `at`, rao per alpha.
    pub async fn current_alpha_price(
        &self,
        at: Vec<u8>,
        netuid: u16,
    ) -> Result<u64, TaolightError> {
        let at = hash32(&at, "at")?;
        self.with_reader(move |r| async move { Ok(r.current_alpha_price(&at, netuid).await?) })
            .await
    }

    /// The chain's `StakeInfoRuntimeApi::get_stake_info_for_coldkey` at block `at`.
    pub async fn stake_info_for_coldkey(
        &self,
        at: Vec<u8>,
        coldkey: String,
    ) -> Result<Vec<StakeInfo>, TaolightError> {
        let at = hash32(&at, "at")?;
        let cold = account_id(&coldkey)?;
        self.with_reader(move |r| async move {
            let infos = r.stake_info_for_coldkey(&at, &cold).await?;
            Ok(infos
                .iter()
                .map(|s| StakeInfo {
                    hotkey: address(&s.hotkey),
                    coldkey: address(&s.coldkey),
                    netuid: s.netuid,
                    stake: s.stake,
                    locked: s.locked,
                    emission: s.emission,
                    tao_emission: s.tao_emission,
                    drain: s.drain,
                    is_registered: s.is_registered,
                })
                .collect())
        })
        .await
    }

    /// `TransactionPaymentApi::query_info` of a signed extrinsic (as submitted) at block `at`.
    pub async fn query_info(
        &self,
        at: Vec<u8>,
        extrinsic: Vec<u8>,
    ) -> Result<FeeInfo, TaolightError> {
        let at = hash32(&at, "at")?;
        self.with_reader(move |r| async move { Ok(r.query_info(&at, &extrinsic).await?.into()) })
            .await
    }

    /// The runtime metadata at block `at`, for building calls and signing payloads.
    pub async fn metadata(&self, at: Vec<u8>) -> Result<Arc<TxMetadata>, TaolightError> {
        let at = hash32(&at, "at")?;
        let bytes = self
            .with_reader(move |r| async move { Ok(r.metadata(&at).await?.bytes().to_vec()) })
            .await?;
        TxMetadata::from_bytes(bytes)
    }

    /// Raw storage value of `key` at block `at`, proven against its state root (`None`: absent).
    pub async fn storage(
        &self,
        at: Vec<u8>,
        key: Vec<u8>,
    ) -> Result<Option<Vec<u8>>, TaolightError> {
        let at = hash32(&at, "at")?;
        self.with_reader(move |r| async move {
            let mut values = r.source().storage(&at, &[key]).await?;
            Ok(values.pop().flatten())
        })
        .await
    }

    /// Calls a runtime API function (e.g. `Core_version`) at block `at` with SCALE parameters.
    pub async fn runtime_call(
        &self,
        at: Vec<u8>,
        function: String,
        params: Vec<u8>,
    ) -> Result<Vec<u8>, TaolightError> {
        let at = hash32(&at, "at")?;
        self.with_reader(move |r| async move {
            Ok(r.source().runtime_call(&at, &function, &params).await?)
        })
        .await
    }

    /// Submits a signed, SCALE-encoded extrinsic; follow it with `next_event()`.
    pub async fn submit_and_watch(
        &self,
        extrinsic: Vec<u8>,
    ) -> Result<Arc<TransactionEvents>, TaolightError> {
        let watch = self
            .with_reader(move |r| async move { Ok(r.source().submit_and_watch(&extrinsic).await?) })
            .await?;
        Ok(Arc::new(TransactionEvents {
            watch: Arc::new(AsyncMutex::new(watch)),
            rt: self.rt.clone(),
        }))
    }

    /// Exports smoldot's database (at most `max_size` bytes) for the next
    /// [`LightClient::start`].
    pub async fn save_database(&self, max_size: u64) -> Result<String, TaolightError> {
        let size = usize::try_from(max_size).unwrap_or(usize::MAX);
        self.with_reader(move |r| async move {
            Ok(r.source().save_database(size).await?.as_str().to_owned())
        })
        .await
    }

    /// Stops the client; pending and later calls fail with `Stopped`.
    pub fn stop(&self) {
        self.core().stop();
    }
}

/// Status snapshots of a [`LightClient`], pulled one at a time.
#[derive(uniffi::Object)]
pub struct StatusEvents {
    stream: AsyncMutex<chain::StatusStream>,
}

#[uniffi::export]
impl StatusEvents {
    /// The next snapshot; `None` once the client is stopped.
    pub async fn next_event(&self) -> Option<SyncStatus> {
        self.stream.lock().await.next().await.map(Into::into)
    }
}

/// Progress of one submitted transaction, pulled one status at a time.
#[derive(uniffi::Object)]
pub struct TransactionEvents {
    watch: Arc<AsyncMutex<chain::TransactionWatch>>,
    rt: Runtime,
}

#[uniffi::export]
impl TransactionEvents {
    /// The next status; `None` after a terminal status or when the client stops.
    pub async fn next_event(&self) -> Result<Option<TransactionStatus>, TaolightError> {
        let watch = self.watch.clone();
        self.rt
            .run(move || async move { Ok(watch.lock().await.next().await.map(Into::into)) })
            .await
    }
}

/// The genesis hash (32 bytes) a raw chain spec describes.
#[uniffi::export]
pub fn chain_spec_genesis_hash(spec_json: String) -> Result<Vec<u8>, TaolightError> {
    Ok(ChainSpec::from_json(&spec_json)?.genesis_hash()?.to_vec())
}
