//! [`Wallet`]: the facade the bindings expose. It holds a [`LightClient`], a typed
//! [`ChainReader`] over it, the local nonce tracker and the transaction context of the current
//! runtime; it is cheap to clone (one `Arc`).

use alloc::{borrow::ToOwned as _, format, sync::Arc};
use std::sync::Mutex;

use parity_scale_codec::Decode as _;
use serde_json::json;

use crate::chain::{
    AccountInfo, BlockRef, ChainReader, KeyArg, LightClient, SUBTENSOR_PALLET, StakePosition,
};
use crate::keys::PublicKey;
use crate::tx::{ChainContext, MetadataHashInfo, NonceTracker, TxMetadata};

use super::{WalletConfig, WalletError};

/// A staking wallet on one chain, through the light client. Clone it freely.
#[derive(Clone, Debug)]
pub struct Wallet {
    pub(super) inner: Arc<Inner>,
}

#[derive(Debug)]
pub(super) struct Inner {
    pub(super) client: LightClient,
    pub(super) reader: ChainReader<LightClient>,
    pub(super) config: WalletConfig,
    pub(super) nonces: Mutex<NonceTracker>,
    /// Transaction context of the last runtime seen (by spec version).
    pub(super) runtime: Mutex<Option<Arc<Runtime>>>,
}

/// What signing needs about one runtime.
#[derive(Debug)]
pub(super) struct Runtime {
    pub(super) md: TxMetadata,
    pub(super) ctx: ChainContext,
    /// RFC-0078 hash when the runtime has `CheckMetadataHash` (and the config wants mode 1).
    pub(super) metadata_hash: Option<[u8; 32]>,
    /// `Balances.ExistentialDeposit`, rao.
    pub(super) existential_deposit: u64,
}

impl Wallet {
    /// A wallet over a started light client (it need not be ready yet: every flow waits for
    /// the client to follow the chain's finalized head).
    pub fn new(client: LightClient, config: WalletConfig) -> Wallet {
        Wallet {
            inner: Arc::new(Inner {
                reader: ChainReader::new(client.clone()),
                client,
                config,
                nonces: Mutex::new(NonceTracker::new()),
                runtime: Mutex::new(None),
            }),
        }
    }

    /// The light client.
    pub fn client(&self) -> &LightClient {
        &self.inner.client
    }

    /// Typed reads through the light client.
    pub fn reader(&self) -> &ChainReader<LightClient> {
        &self.inner.reader
    }

    /// The configuration.
    pub fn config(&self) -> &WalletConfig {
        &self.inner.config
    }

    /// The finalized block every plan reads (waits until the client is ready).
    pub async fn finalized(&self) -> Result<BlockRef, WalletError> {
        Ok(self.inner.client.finalized_head().await?)
    }

    /// `System.Account` of `account` at the finalized block.
    pub async fn account(&self, account: &PublicKey) -> Result<AccountInfo, WalletError> {
        let at = self.finalized().await?;
        Ok(self.inner.reader.account(&at.hash, &account.0).await?)
    }

    /// Every stake position of `coldkey` at the finalized block.
    pub async fn positions(
        &self,
        coldkey: &PublicKey,
    ) -> Result<alloc::vec::Vec<StakePosition>, WalletError> {
        let at = self.finalized().await?;
        Ok(self
            .inner
            .reader
            .stake_positions(&at.hash, &coldkey.0)
            .await?)
    }

    /// The transaction context of the runtime at `at` (cached per spec version).
    pub(super) async fn runtime(&self, at: &[u8; 32]) -> Result<Arc<Runtime>, WalletError> {
        let chain_md = self.inner.reader.metadata(at).await?;
        if let Some(rt) = lock(&self.inner.runtime).as_ref()
            && rt.ctx.spec_version == chain_md.spec_version()
        {
            return Ok(rt.clone());
        }
        let md = TxMetadata::from_bytes(chain_md.bytes())?;
        let version = self
            .inner
            .client
            .runtime_call(at, "Core_version", &[])
            .await?;
        let (spec_name, spec_version, transaction_version) = parse_runtime_version(&version)?;
        let ctx = ChainContext {
            genesis_hash: self.inner.client.genesis_hash(),
            spec_version,
            transaction_version,
        };
        let metadata_hash = if self.inner.config.metadata_hash && md.has_metadata_hash_extension() {
            let props = self
                .inner
                .client
                .rpc("system_properties", json!([]))
                .await?;
            let decimals = props
                .get("tokenDecimals")
                .and_then(|d| d.as_u64().or_else(|| d.get(0)?.as_u64()))
                .and_then(|d| u8::try_from(d).ok())
                .ok_or_else(|| {
                    WalletError::Runtime("the chain spec has no tokenDecimals property".to_owned())
                })?;
            let token_symbol = props
                .get("tokenSymbol")
                .and_then(|s| s.as_str().or_else(|| s.get(0)?.as_str()))
                .ok_or_else(|| {
                    WalletError::Runtime("the chain spec has no tokenSymbol property".to_owned())
                })?
                .to_owned();
            Some(md.metadata_hash(&MetadataHashInfo {
                spec_name,
                spec_version,
                decimals,
                token_symbol,
            })?)
        } else {
            None
        };
        let existential_deposit = md
            .inner()
            .pallet_by_name("Balances")
            .and_then(|p| p.constant_by_name("ExistentialDeposit"))
            .and_then(|c| u64::decode(&mut c.value()).ok())
            .ok_or_else(|| {
                WalletError::Runtime("no u64 constant Balances.ExistentialDeposit".to_owned())
            })?;
        let rt = Arc::new(Runtime {
            md,
            ctx,
            metadata_hash,
            existential_deposit,
        });
        *lock(&self.inner.runtime) = Some(rt.clone());
        Ok(rt)
    }

    /// `NetworksAdded(netuid)` at `at`.
    pub(super) async fn subnet_exists(
        &self,
        at: &[u8; 32],
        netuid: u16,
    ) -> Result<bool, WalletError> {
        let md = self.inner.reader.metadata(at).await?;
        let entry = md.storage_entry(SUBTENSOR_PALLET, "NetworksAdded")?;
        let key = entry.key(&[KeyArg::U16(netuid)])?;
        let raw = self.inner.client.storage(at, &[key]).await?;
        Ok(matches!(raw.first(), Some(Some(v)) if v.first() == Some(&1)))
    }

    /// The chain's next nonce for `account` at `at` plus the nonces in flight: what the next
    /// transaction should use (not reserved).
    pub(super) async fn next_nonce(
        &self,
        at: &[u8; 32],
        account: &PublicKey,
    ) -> Result<u32, WalletError> {
        let chain = self.inner.reader.account(at, &account.0).await?.nonce;
        let mut tracker = lock(&self.inner.nonces).clone();
        Ok(tracker.next(account, chain))
    }
}

/// `(spec_name, spec_version, transaction_version)` from a `Core_version` output.
fn parse_runtime_version(out: &[u8]) -> Result<(alloc::string::String, u32, u32), WalletError> {
    let bad = |e: parity_scale_codec::Error| WalletError::Runtime(format!("Core_version: {e}"));
    let mut input = out;
    let spec_name = alloc::string::String::decode(&mut input).map_err(bad)?;
    let _impl_name = alloc::string::String::decode(&mut input).map_err(bad)?;
    let _authoring = u32::decode(&mut input).map_err(bad)?;
    let spec_version = u32::decode(&mut input).map_err(bad)?;
    let _impl_version = u32::decode(&mut input).map_err(bad)?;
    let _apis = alloc::vec::Vec::<([u8; 8], u32)>::decode(&mut input).map_err(bad)?;
    let transaction_version = u32::decode(&mut input).map_err(|e| {
        WalletError::Runtime(format!("Core_version has no transaction_version: {}", e))
    })?;
    Ok((spec_name, spec_version, transaction_version))
}

/// Locks a mutex, recovering from poisoning.
pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
