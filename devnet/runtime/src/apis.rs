//! Runtime APIs: the standard ones a node and wallets use, Finney's `SwapRuntimeApi` and
//! `StakeInfoRuntimeApi` (same names, argument types and return shapes), and, with the
//! `babe-stub` feature, a stub `BabeApi` returning empty values like Finney's.
use crate::*;
use alloc::vec::Vec;
use codec::{Compact, Decode, Encode};
use frame_support::{
    genesis_builder_helper::{build_state, get_preset},
    weights::Weight,
};
use polkadot_sdk::*;
use scale_info::TypeInfo;
use sp_api::impl_runtime_apis;
use sp_core::{OpaqueMetadata, crypto::KeyTypeId};
use sp_runtime::{
    ApplyExtrinsicResult,
    traits::{Block as BlockT, NumberFor},
    transaction_validity::{TransactionSource, TransactionValidity},
};
use sp_version::RuntimeVersion;
use subtensor::pallet as st;

/// `SwapRuntimeApi::current_alpha_price_all` item.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct SubnetPrice {
    /// Subnet.
    pub netuid: NetUid,
    /// floor(price · 1e9), rao per alpha.
    pub price: u64,
}

/// `sim_swap_*` result (all rao).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug, Default)]
pub struct SimSwapResult {
    /// TAO paid in excl. fee (buy) or paid out (sell).
    pub tao_amount: u64,
    /// Alpha paid out (buy) or paid in excl. fee (sell).
    pub alpha_amount: u64,
    /// TAO fee (buy).
    pub tao_fee: u64,
    /// Alpha fee (sell).
    pub alpha_fee: u64,
    /// Sell-side slippage in TAO.
    pub tao_slippage: u64,
    /// Buy-side slippage in alpha.
    pub alpha_slippage: u64,
}

impl From<taolight_core::stake::SimSwapResult> for SimSwapResult {
    fn from(r: taolight_core::stake::SimSwapResult) -> Self {
        SimSwapResult {
            tao_amount: r.tao_amount,
            alpha_amount: r.alpha_amount,
            tao_fee: r.tao_fee,
            alpha_fee: r.alpha_fee,
            tao_slippage: r.tao_slippage,
            alpha_slippage: r.alpha_slippage,
        }
    }
}

/// Finney's `StakeInfo`.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct StakeInfo<AccountId> {
    /// Hotkey.
    pub hotkey: AccountId,
    /// Coldkey.
    pub coldkey: AccountId,
    /// Subnet.
    pub netuid: Compact<NetUid>,
    /// Alpha value of the position.
    pub stake: Compact<u64>,
    /// Locked alpha (always 0 here).
    pub locked: Compact<u64>,
    /// Emission (always 0 here: no emissions).
    pub emission: Compact<u64>,
    /// TAO emission (0).
    pub tao_emission: Compact<u64>,
    /// Drain (0).
    pub drain: Compact<u64>,
    /// Whether the hotkey is registered (here: it has an `Owner` entry).
    pub is_registered: bool,
}

sp_api::decl_runtime_apis! {
    /// Finney's swap runtime API.
    pub trait SwapRuntimeApi {
        /// floor(price · 1e9) rao per alpha (1e9 for stable subnets).
        fn current_alpha_price(netuid: NetUid) -> u64;
        /// Prices of all subnets.
        fn current_alpha_price_all() -> Vec<SubnetPrice>;
        /// Simulated buy at the maximum price.
        fn sim_swap_tao_for_alpha(netuid: NetUid, tao: u64) -> SimSwapResult;
        /// Simulated sell at the minimum price.
        fn sim_swap_alpha_for_tao(netuid: NetUid, alpha: u64) -> SimSwapResult;
    }

    /// Finney's stake-info runtime API (subset).
    pub trait StakeInfoRuntimeApi<AccountId: codec::Codec> {
        /// All non-zero positions of a coldkey.
        fn get_stake_info_for_coldkey(coldkey_account: AccountId) -> Vec<StakeInfo<AccountId>>;
        /// One position.
        fn get_stake_info_for_hotkey_coldkey_netuid(
            hotkey_account: AccountId,
            coldkey_account: AccountId,
            netuid: NetUid,
        ) -> Option<StakeInfo<AccountId>>;
    }
}

fn stake_info(hot: AccountId, cold: AccountId, netuid: NetUid, stake: u64) -> StakeInfo<AccountId> {
    let is_registered = st::Owner::<Runtime>::contains_key(&hot);
    StakeInfo {
        hotkey: hot,
        coldkey: cold,
        netuid: Compact(netuid),
        stake: Compact(stake),
        locked: Compact(0),
        emission: Compact(0),
        tao_emission: Compact(0),
        drain: Compact(0),
        is_registered,
    }
}

fn pool_of(netuid: NetUid) -> Option<taolight_core::stake::Pool> {
    if !st::NetworksAdded::<Runtime>::get(netuid) {
        return None;
    }
    st::Pallet::<Runtime>::pool(netuid).ok()
}

impl_runtime_apis! {
    impl sp_api::Core<Block> for Runtime {
        fn version() -> RuntimeVersion {
            VERSION
        }

        fn execute_block(block: <Block as BlockT>::LazyBlock) {
            Executive::execute_block(block);
        }

        fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
            Executive::initialize_block(header)
        }
    }

    impl sp_api::Metadata<Block> for Runtime {
        fn metadata() -> OpaqueMetadata {
            OpaqueMetadata::new(Runtime::metadata().into())
        }

        fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
            Runtime::metadata_at_version(version)
        }

        fn metadata_versions() -> Vec<u32> {
            Runtime::metadata_versions()
        }
    }

    impl sp_block_builder::BlockBuilder<Block> for Runtime {
        fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
            Executive::apply_extrinsic(extrinsic)
        }

        fn finalize_block() -> <Block as BlockT>::Header {
            Executive::finalize_block()
        }

        fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
            data.create_extrinsics()
        }

        fn check_inherents(
            block: <Block as BlockT>::LazyBlock,
            data: sp_inherents::InherentData,
        ) -> sp_inherents::CheckInherentsResult {
            data.check_extrinsics(&block)
        }
    }

    impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
        fn validate_transaction(
            source: TransactionSource,
            tx: <Block as BlockT>::Extrinsic,
            block_hash: <Block as BlockT>::Hash,
        ) -> TransactionValidity {
            Executive::validate_transaction(source, tx, block_hash)
        }
    }

    impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
        fn offchain_worker(header: &<Block as BlockT>::Header) {
            Executive::offchain_worker(header)
        }
    }

    impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
        fn slot_duration() -> sp_consensus_aura::SlotDuration {
            sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
        }

        fn authorities() -> Vec<AuraId> {
            pallet_aura::Authorities::<Runtime>::get().into_inner()
        }
    }

    #[cfg(feature = "babe-stub")]
    impl sp_consensus_babe::BabeApi<Block> for Runtime {
        fn configuration() -> sp_consensus_babe::BabeConfiguration {
            sp_consensus_babe::BabeConfiguration {
                slot_duration: 0,
                epoch_length: 0,
                c: (0, 0),
                authorities: Vec::new(),
                randomness: [0u8; 32],
                allowed_slots: sp_consensus_babe::AllowedSlots::PrimarySlots,
            }
        }

        fn current_epoch_start() -> sp_consensus_babe::Slot {
            sp_consensus_babe::Slot::from(0u64)
        }

        fn current_epoch() -> sp_consensus_babe::Epoch {
            empty_epoch()
        }

        fn next_epoch() -> sp_consensus_babe::Epoch {
            empty_epoch()
        }

        fn generate_key_ownership_proof(
            _slot: sp_consensus_babe::Slot,
            _authority_id: sp_consensus_babe::AuthorityId,
        ) -> Option<sp_consensus_babe::OpaqueKeyOwnershipProof> {
            None
        }

        fn submit_report_equivocation_unsigned_extrinsic(
            _equivocation_proof: sp_consensus_babe::EquivocationProof<<Block as BlockT>::Header>,
            _key_owner_proof: sp_consensus_babe::OpaqueKeyOwnershipProof,
        ) -> Option<()> {
            None
        }
    }

    impl sp_session::SessionKeys<Block> for Runtime {
        fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> sp_session::OpaqueGeneratedSessionKeys {
            opaque::SessionKeys::generate(&owner, seed).into()
        }

        fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
            opaque::SessionKeys::decode_into_raw_public_keys(&encoded)
        }
    }

    impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
        fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
            Grandpa::grandpa_authorities()
        }

        fn current_set_id() -> sp_consensus_grandpa::SetId {
            Grandpa::current_set_id()
        }

        fn submit_report_equivocation_unsigned_extrinsic(
            _equivocation_proof: sp_consensus_grandpa::EquivocationProof<
                <Block as BlockT>::Hash,
                NumberFor<Block>,
            >,
            _key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
        ) -> Option<()> {
            None
        }

        fn generate_key_ownership_proof(
            _set_id: sp_consensus_grandpa::SetId,
            _authority_id: sp_consensus_grandpa::AuthorityId,
        ) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
            None
        }
    }

    impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
        fn account_nonce(account: AccountId) -> Nonce {
            System::account_nonce(account)
        }
    }

    impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
        fn query_info(
            uxt: <Block as BlockT>::Extrinsic,
            len: u32,
        ) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
            TransactionPayment::query_info(uxt, len)
        }

        fn query_fee_details(
            uxt: <Block as BlockT>::Extrinsic,
            len: u32,
        ) -> pallet_transaction_payment::FeeDetails<Balance> {
            TransactionPayment::query_fee_details(uxt, len)
        }

        fn query_weight_to_fee(weight: Weight) -> Balance {
            TransactionPayment::weight_to_fee(weight)
        }

        fn query_length_to_fee(length: u32) -> Balance {
            TransactionPayment::length_to_fee(length)
        }
    }

    impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
        for Runtime
    {
        fn query_call_info(
            call: RuntimeCall,
            len: u32,
        ) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
            TransactionPayment::query_call_info(call, len)
        }

        fn query_call_fee_details(
            call: RuntimeCall,
            len: u32,
        ) -> pallet_transaction_payment::FeeDetails<Balance> {
            TransactionPayment::query_call_fee_details(call, len)
        }

        fn query_weight_to_fee(weight: Weight) -> Balance {
            TransactionPayment::weight_to_fee(weight)
        }

        fn query_length_to_fee(length: u32) -> Balance {
            TransactionPayment::length_to_fee(length)
        }
    }

    impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
        fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
            build_state::<RuntimeGenesisConfig>(config)
        }

        fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
            get_preset::<RuntimeGenesisConfig>(id, |_| None)
        }

        fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
            Vec::new()
        }
    }

    impl crate::apis::SwapRuntimeApi<Block> for Runtime {
        fn current_alpha_price(netuid: NetUid) -> u64 {
            pool_of(netuid).map(|p| p.current_alpha_price()).unwrap_or(0)
        }

        fn current_alpha_price_all() -> Vec<SubnetPrice> {
            st::Pallet::<Runtime>::netuids()
                .into_iter()
                .map(|netuid| SubnetPrice {
                    netuid,
                    price: pool_of(netuid).map(|p| p.current_alpha_price()).unwrap_or(0),
                })
                .collect()
        }

        fn sim_swap_tao_for_alpha(netuid: NetUid, tao: u64) -> SimSwapResult {
            pool_of(netuid).map(|p| p.sim_swap_tao_for_alpha(tao).into()).unwrap_or_default()
        }

        fn sim_swap_alpha_for_tao(netuid: NetUid, alpha: u64) -> SimSwapResult {
            pool_of(netuid).map(|p| p.sim_swap_alpha_for_tao(alpha).into()).unwrap_or_default()
        }
    }

    impl crate::apis::StakeInfoRuntimeApi<Block, AccountId> for Runtime {
        fn get_stake_info_for_coldkey(coldkey_account: AccountId) -> Vec<StakeInfo<AccountId>> {
            st::Pallet::<Runtime>::positions_of(&coldkey_account)
                .into_iter()
                .map(|(hot, netuid, v)| stake_info(hot, coldkey_account.clone(), netuid, v))
                .collect()
        }

        fn get_stake_info_for_hotkey_coldkey_netuid(
            hotkey_account: AccountId,
            coldkey_account: AccountId,
            netuid: NetUid,
        ) -> Option<StakeInfo<AccountId>> {
            let v = st::Pallet::<Runtime>::stake_value(&hotkey_account, &coldkey_account, netuid);
            Some(stake_info(hotkey_account, coldkey_account, netuid, v))
        }
    }
}

#[cfg(feature = "babe-stub")]
fn empty_epoch() -> sp_consensus_babe::Epoch {
    sp_consensus_babe::Epoch {
        epoch_index: 0,
        start_slot: sp_consensus_babe::Slot::from(0u64),
        duration: 0,
        authorities: Vec::new(),
        randomness: [0u8; 32],
        config: sp_consensus_babe::BabeEpochConfiguration {
            c: (0, 0),
            allowed_slots: sp_consensus_babe::AllowedSlots::PrimarySlots,
        },
    }
}
