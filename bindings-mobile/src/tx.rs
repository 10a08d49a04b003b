//! Transactions (`taolight_core::tx`): calls built from the runtime's metadata, signing
//! payloads (also for an offline signer: JSON out, signature back), signed extrinsics, the
//! outcome of an included extrinsic, nonce tracking.
use std::sync::{Arc, Mutex};

use taolight_core::keys::PublicKey;
use taolight_core::tx::{self, events};

use crate::chain::{account_id, hash32};
use taolight_core::keys::CryptoType;

use crate::{Keypair, TaolightError};

fn public(address: &str) -> Result<PublicKey, TaolightError> {
    Ok(PublicKey(account_id(address)?))
}

/// A runtime's metadata, decoded for building calls and payloads.
#[derive(uniffi::Object)]
pub struct TxMetadata {
    inner: tx::TxMetadata,
}

/// The chain facts the RFC-0078 metadata hash covers besides the types.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MetadataHashInfo {
    /// `RuntimeVersion::spec_name`.
    pub spec_name: String,
    /// `RuntimeVersion::spec_version`.
    pub spec_version: u32,
    /// Token decimals (9).
    pub decimals: u8,
    /// Token symbol the runtime was built with (`TAO`, `testTAO`).
    pub token_symbol: String,
}

/// A runtime call (pallet, name and SCALE bytes).
#[derive(uniffi::Object)]
pub struct Call {
    inner: tx::Call,
}

#[uniffi::export]
impl Call {
    /// Decodes call bytes with `metadata` (`BadCall` if they are not a call of this runtime).
    #[uniffi::constructor]
    pub fn decode(metadata: Arc<TxMetadata>, bytes: Vec<u8>) -> Result<Arc<Self>, TaolightError> {
        Ok(Arc::new(Call {
            inner: tx::Call::decode(&metadata.inner, &bytes)?,
        }))
    }

    /// Pallet name, e.g. `SubtensorModule`.
    pub fn pallet(&self) -> String {
        self.inner.pallet().to_owned()
    }

    /// Call name, e.g. `add_stake_limit`.
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The SCALE-encoded call.
    pub fn bytes(&self) -> Vec<u8> {
        self.inner.bytes().to_vec()
    }

    /// A human-readable form decoded with `metadata` (accounts as SS58).
    pub fn summary(&self, metadata: Arc<TxMetadata>) -> Result<String, TaolightError> {
        Ok(self.inner.summary(&metadata.inner)?)
    }
}

fn call(inner: Result<tx::Call, tx::TxError>) -> Result<Arc<Call>, TaolightError> {
    Ok(Arc::new(Call { inner: inner? }))
}

#[uniffi::export]
impl TxMetadata {
    /// Decodes `RuntimeMetadataPrefixed` bytes (V14-V16; `Metadata_metadata_at_version(15)`'s
    /// output is accepted too).
    #[uniffi::constructor]
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Arc<Self>, TaolightError> {
        Ok(Arc::new(TxMetadata {
            inner: tx::TxMetadata::from_bytes(&bytes)?,
        }))
    }

    /// Whether the metadata is V15 (only V15 can be merkleized for the metadata hash).
    pub fn is_v15(&self) -> bool {
        self.inner.is_v15()
    }

    /// `System.SS58Prefix`.
    pub fn ss58_prefix(&self) -> Result<u16, TaolightError> {
        Ok(self.inner.ss58_prefix()?)
    }

    /// Whether the runtime has the `CheckMetadataHash` extension.
    pub fn has_metadata_hash_extension(&self) -> bool {
        self.inner.has_metadata_hash_extension()
    }

    /// The RFC-0078 metadata hash (32 bytes).
    pub fn metadata_hash(&self, info: MetadataHashInfo) -> Result<Vec<u8>, TaolightError> {
        Ok(self
            .inner
            .metadata_hash(&tx::MetadataHashInfo {
                spec_name: info.spec_name,
                spec_version: info.spec_version,
                decimals: info.decimals,
                token_symbol: info.token_symbol,
            })?
            .to_vec())
    }

    /// `Balances.transfer_allow_death(dest, value)`.
    pub fn transfer_allow_death(
        &self,
        dest: String,
        value: u64,
    ) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::transfer_allow_death(
            &self.inner,
            &public(&dest)?,
            value,
        ))
    }

    /// `Balances.transfer_keep_alive(dest, value)`.
    pub fn transfer_keep_alive(
        &self,
        dest: String,
        value: u64,
    ) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::transfer_keep_alive(
            &self.inner,
            &public(&dest)?,
            value,
        ))
    }

    /// `Balances.transfer_all(dest, keep_alive)`.
    pub fn transfer_all(&self, dest: String, keep_alive: bool) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::transfer_all(
            &self.inner,
            &public(&dest)?,
            keep_alive,
        ))
    }

    /// `SubtensorModule.add_stake(hotkey, netuid, amount_staked)`.
    pub fn add_stake(
        &self,
        hotkey: String,
        netuid: u16,
        amount_staked: u64,
    ) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::add_stake(
            &self.inner,
            &public(&hotkey)?,
            netuid,
            amount_staked,
        ))
    }

    /// `SubtensorModule.remove_stake(hotkey, netuid, amount_unstaked)`.
    pub fn remove_stake(
        &self,
        hotkey: String,
        netuid: u16,
        amount_unstaked: u64,
    ) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::remove_stake(
            &self.inner,
            &public(&hotkey)?,
            netuid,
            amount_unstaked,
        ))
    }

    /// `SubtensorModule.add_stake_limit(hotkey, netuid, amount_staked, limit_price,
    /// allow_partial)`.
    pub fn add_stake_limit(
        &self,
        hotkey: String,
        netuid: u16,
        amount_staked: u64,
        limit_price: u64,
        allow_partial: bool,
    ) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::add_stake_limit(
            &self.inner,
            &public(&hotkey)?,
            netuid,
            amount_staked,
            limit_price,
            allow_partial,
        ))
    }

    /// `SubtensorModule.remove_stake_limit(hotkey, netuid, amount_unstaked, limit_price,
    /// allow_partial)`.
    pub fn remove_stake_limit(
        &self,
        hotkey: String,
        netuid: u16,
        amount_unstaked: u64,
        limit_price: u64,
        allow_partial: bool,
    ) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::remove_stake_limit(
            &self.inner,
            &public(&hotkey)?,
            netuid,
            amount_unstaked,
            limit_price,
            allow_partial,
        ))
    }

    /// `SubtensorModule.remove_stake_full_limit(hotkey, netuid, limit_price)`.
    pub fn remove_stake_full_limit(
        &self,
        hotkey: String,
        netuid: u16,
        limit_price: Option<u64>,
    ) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::remove_stake_full_limit(
            &self.inner,
            &public(&hotkey)?,
            netuid,
            limit_price,
        ))
    }

    /// `SubtensorModule.unstake_all(hotkey)`.
    pub fn unstake_all(&self, hotkey: String) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::unstake_all(&self.inner, &public(&hotkey)?))
    }

    /// `SubtensorModule.unstake_all_alpha(hotkey)`.
    pub fn unstake_all_alpha(&self, hotkey: String) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::unstake_all_alpha(&self.inner, &public(&hotkey)?))
    }

    /// `SubtensorModule.move_stake(origin_hotkey, destination_hotkey, origin_netuid,
    /// destination_netuid, alpha_amount)`.
    pub fn move_stake(
        &self,
        origin_hotkey: String,
        destination_hotkey: String,
        origin_netuid: u16,
        destination_netuid: u16,
        alpha_amount: u64,
    ) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::move_stake(
            &self.inner,
            &public(&origin_hotkey)?,
            &public(&destination_hotkey)?,
            origin_netuid,
            destination_netuid,
            alpha_amount,
        ))
    }

    /// `SubtensorModule.transfer_stake(destination_coldkey, hotkey, origin_netuid,
    /// destination_netuid, alpha_amount)`.
    pub fn transfer_stake(
        &self,
        destination_coldkey: String,
        hotkey: String,
        origin_netuid: u16,
        destination_netuid: u16,
        alpha_amount: u64,
    ) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::transfer_stake(
            &self.inner,
            &public(&destination_coldkey)?,
            &public(&hotkey)?,
            origin_netuid,
            destination_netuid,
            alpha_amount,
        ))
    }

    /// `SubtensorModule.swap_stake(hotkey, origin_netuid, destination_netuid, alpha_amount)`.
    pub fn swap_stake(
        &self,
        hotkey: String,
        origin_netuid: u16,
        destination_netuid: u16,
        alpha_amount: u64,
    ) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::swap_stake(
            &self.inner,
            &public(&hotkey)?,
            origin_netuid,
            destination_netuid,
            alpha_amount,
        ))
    }

    /// `SubtensorModule.swap_stake_limit(hotkey, origin_netuid, destination_netuid,
    /// alpha_amount, limit_price, allow_partial)`.
    pub fn swap_stake_limit(
        &self,
        hotkey: String,
        origin_netuid: u16,
        destination_netuid: u16,
        alpha_amount: u64,
        limit_price: u64,
        allow_partial: bool,
    ) -> Result<Arc<Call>, TaolightError> {
        call(tx::calls::swap_stake_limit(
            &self.inner,
            &public(&hotkey)?,
            origin_netuid,
            destination_netuid,
            alpha_amount,
            limit_price,
            allow_partial,
        ))
    }

    /// `Utility.batch_all(calls)`.
    pub fn batch_all(&self, calls: Vec<Arc<Call>>) -> Result<Arc<Call>, TaolightError> {
        let calls: Vec<tx::Call> = calls.iter().map(|c| c.inner.clone()).collect();
        call(tx::calls::batch_all(&self.inner, &calls))
    }

    /// What extrinsic `index` of a block did, from that block's `System.Events` bytes.
    pub fn extrinsic_outcome(
        &self,
        system_events: Vec<u8>,
        index: u32,
    ) -> Result<ExtrinsicOutcome, TaolightError> {
        Ok(events::extrinsic_outcome(&self.inner, &system_events, index)?.into())
    }
}

/// Facts every signature commits to.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChainContext {
    /// Genesis hash (32 bytes).
    pub genesis_hash: Vec<u8>,
    /// `RuntimeVersion::spec_version`.
    pub spec_version: u32,
    /// `RuntimeVersion::transaction_version`.
    pub transaction_version: u32,
}

/// How long a transaction stays valid.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Mortality {
    /// Valid forever (only on request).
    Immortal,
    /// Valid for `period` blocks from block `number` / `hash`.
    Mortal {
        /// Period in blocks (4..=65536).
        period: u64,
        /// Birth block number.
        number: u64,
        /// Birth block hash (32 bytes).
        hash: Vec<u8>,
    },
}

/// What the signer chooses per transaction.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TxParams {
    /// The account's next nonce.
    pub nonce: u32,
    /// Tip, rao.
    pub tip: u64,
    /// Validity window.
    pub mortality: Mortality,
    /// `CheckMetadataHash` mode 1 with this 32-byte hash, or mode 0 (`None`).
    pub metadata_hash: Option<Vec<u8>>,
}

/// A signature over a [`SigningPayload`], as the signing device returns it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PayloadSignature {
    /// `"sr25519"` or `"ed25519"`.
    pub crypto: String,
    /// The signer's public key (32 bytes).
    pub public_key: Vec<u8>,
    /// The 64-byte signature.
    pub signature: Vec<u8>,
}

/// One event of an extrinsic.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Event {
    /// Pallet name.
    pub pallet: String,
    /// Event name.
    pub name: String,
    /// The fields, in scale-value's text form.
    pub fields: String,
}

/// What an included extrinsic did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExtrinsicOutcome {
    /// `System.ExtrinsicSuccess` was emitted.
    pub success: bool,
    /// The dispatch error by name (`SubtensorModule.AmountTooLow`, `BadOrigin`, ...).
    pub error: Option<String>,
    /// The extrinsic's events, in order.
    pub events: Vec<Event>,
}

impl From<events::Event> for Event {
    fn from(e: events::Event) -> Self {
        Event {
            pallet: e.pallet,
            name: e.name,
            fields: e.fields.to_string(),
        }
    }
}

impl From<events::ExtrinsicOutcome> for ExtrinsicOutcome {
    fn from(o: events::ExtrinsicOutcome) -> Self {
        ExtrinsicOutcome {
            success: o.success,
            error: o.error,
            events: o.events.into_iter().map(Into::into).collect(),
        }
    }
}

impl TryFrom<&ChainContext> for tx::ChainContext {
    type Error = TaolightError;
    fn try_from(c: &ChainContext) -> Result<Self, TaolightError> {
        Ok(tx::ChainContext {
            genesis_hash: hash32(&c.genesis_hash, "genesis_hash")?,
            spec_version: c.spec_version,
            transaction_version: c.transaction_version,
        })
    }
}

impl TryFrom<&TxParams> for tx::TxParams {
    type Error = TaolightError;
    fn try_from(p: &TxParams) -> Result<Self, TaolightError> {
        Ok(tx::TxParams {
            nonce: p.nonce,
            tip: p.tip,
            mortality: match &p.mortality {
                Mortality::Immortal => tx::Mortality::Immortal,
                Mortality::Mortal {
                    period,
                    number,
                    hash,
                } => tx::Mortality::Mortal {
                    period: *period,
                    number: *number,
                    hash: hash32(hash, "mortality hash")?,
                },
            },
            metadata_hash: match &p.metadata_hash {
                None => tx::MetadataHashMode::Disabled,
                Some(h) => tx::MetadataHashMode::Enabled(hash32(h, "metadata_hash")?),
            },
        })
    }
}

/// What a signature commits to (call, extensions, their values, a readable summary). Made
/// online with the metadata, carried as JSON (`taolight-signing-payload/1`) to a signer that
/// needs no metadata, signed there, and assembled back into an extrinsic.
#[derive(uniffi::Object)]
pub struct SigningPayload {
    inner: tx::SigningPayload,
}

#[uniffi::export]
impl SigningPayload {
    /// The payload of `call` signed by `signer` (SS58) with the runtime's extensions.
    #[uniffi::constructor]
    pub fn new(
        metadata: Arc<TxMetadata>,
        call: Arc<Call>,
        signer: String,
        context: ChainContext,
        params: TxParams,
    ) -> Result<Arc<Self>, TaolightError> {
        Ok(Arc::new(SigningPayload {
            inner: tx::SigningPayload::new(
                &metadata.inner,
                &call.inner,
                &public(&signer)?,
                &(&context).try_into()?,
                &(&params).try_into()?,
            )?,
        }))
    }

    /// Reads a payload's JSON (checked for consistency).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, TaolightError> {
        Ok(Arc::new(SigningPayload {
            inner: tx::SigningPayload::from_json(&json)?,
        }))
    }

    /// The payload as JSON, for another device.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The account that must sign (SS58).
    pub fn signer(&self) -> String {
        self.inner.signer.clone()
    }

    /// The call, human-readable.
    pub fn summary(&self) -> String {
        self.inner.summary.clone()
    }

    /// The encoded call.
    pub fn call_bytes(&self) -> Vec<u8> {
        self.inner.call.clone()
    }

    /// The nonce.
    pub fn nonce(&self) -> u32 {
        self.inner.nonce
    }

    /// The tip, rao.
    pub fn tip(&self) -> u64 {
        self.inner.tip
    }

    /// `call ‖ extra ‖ additional`.
    pub fn payload_bytes(&self) -> Vec<u8> {
        self.inner.payload_bytes()
    }

    /// The bytes actually signed (the payload, or its blake2b-256 when longer than 256 bytes).
    pub fn message(&self) -> Vec<u8> {
        self.inner.message()
    }

    /// Fails with `EraExpired` if the era is over at block number `current`.
    pub fn check_era_at(&self, current: u64) -> Result<(), TaolightError> {
        Ok(self.inner.check_era_at(current)?)
    }

    /// Signs with `keypair` (`WrongSigner` if it is not the payload's signer).
    pub fn sign(&self, keypair: Arc<Keypair>) -> Result<PayloadSignature, TaolightError> {
        let s = self.inner.sign(keypair.inner())?;
        Ok(PayloadSignature {
            crypto: s.crypto,
            public_key: s.public.to_vec(),
            signature: s.signature,
        })
    }

    /// Builds the signed extrinsic (`BadSignature` unless the signature verifies).
    pub fn assemble(
        &self,
        signature: PayloadSignature,
    ) -> Result<Arc<SignedExtrinsic>, TaolightError> {
        let signature = signature.to_core()?;
        Ok(Arc::new(SignedExtrinsic {
            inner: self.inner.assemble(&signature)?,
        }))
    }
}

impl SigningPayload {
    /// Wraps a core payload (for the other modules of this crate).
    pub(crate) fn from_core(inner: tx::SigningPayload) -> Self {
        SigningPayload { inner }
    }
}

impl PayloadSignature {
    /// The core signature, checked (for the other modules of this crate).
    pub(crate) fn to_core(&self) -> Result<tx::PayloadSignature, TaolightError> {
        Ok(tx::PayloadSignature {
            crypto: self.crypto.clone(),
            public: hash32(&self.public_key, "public_key")?,
            signature: self.signature.clone(),
        })
    }
}

/// A signed v4 extrinsic.
#[derive(uniffi::Object)]
pub struct SignedExtrinsic {
    inner: tx::SignedExtrinsic,
}

#[uniffi::export]
impl SignedExtrinsic {
    /// Decodes extrinsic bytes as submitted (with the length prefix).
    #[uniffi::constructor]
    pub fn decode(metadata: Arc<TxMetadata>, bytes: Vec<u8>) -> Result<Arc<Self>, TaolightError> {
        Ok(Arc::new(SignedExtrinsic {
            inner: tx::SignedExtrinsic::decode(&metadata.inner, &bytes)?,
        }))
    }

    /// The bytes to submit.
    pub fn encode(&self) -> Vec<u8> {
        self.inner.encode()
    }

    /// The transaction hash (blake2b-256 of the bytes).
    pub fn hash(&self) -> Vec<u8> {
        self.inner.hash().to_vec()
    }

    /// The signer (SS58, prefix 42).
    pub fn signer(&self) -> String {
        self.inner
            .signer
            .to_ss58(taolight_core::keys::ss58::DEFAULT_PREFIX)
    }

    /// The signature scheme.
    pub fn crypto_type(&self) -> CryptoType {
        self.inner.crypto
    }

    /// The encoded call.
    pub fn call_bytes(&self) -> Vec<u8> {
        self.inner.call.clone()
    }
}

/// Nonces in flight per account on top of the chain's next nonce.
#[derive(uniffi::Object)]
pub struct NonceTracker {
    inner: Mutex<tx::NonceTracker>,
}

impl NonceTracker {
    fn lock(&self) -> std::sync::MutexGuard<'_, tx::NonceTracker> {
        // A panic while holding the lock cannot leave the tracker half-updated (each method is
        // one call), so a poisoned lock is used as is.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[uniffi::export]
impl NonceTracker {
    /// An empty tracker.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(NonceTracker {
            inner: Mutex::new(tx::NonceTracker::new()),
        })
    }

    /// The nonce to use for `account` given the chain's next nonce; marks it pending.
    pub fn next(&self, account: String, chain_nonce: u32) -> Result<u32, TaolightError> {
        Ok(self.lock().next(&public(&account)?, chain_nonce))
    }

    /// Gives a nonce back (its transaction was dropped or invalid).
    pub fn release(&self, account: String, nonce: u32) -> Result<(), TaolightError> {
        self.lock().release(&public(&account)?, nonce);
        Ok(())
    }

    /// The pending nonces of `account`.
    pub fn pending(&self, account: String) -> Result<Vec<u32>, TaolightError> {
        Ok(self.lock().pending(&public(&account)?))
    }
}
