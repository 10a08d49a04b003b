//! The taolight devnet runtime: a small Substrate runtime shaped like Bittensor's Finney where a
//! wallet can tell (pallet and call indices, storage names and hashers, transaction extensions,
//! runtime APIs), built only from published polkadot-sdk crates plus our own two pallets.
//!
//! The build script compiles it to wasm twice: with the `babe-stub` feature (a stub `BabeApi`
//! next to `AuraApi`, exactly like Finney; [`wasm_stub`], chain `devnet`) and without it
//! ([`wasm_plain`], chain `devnet-plain`).
#![cfg_attr(not(feature = "std"), no_std)]
#![recursion_limit = "512"]

extern crate alloc;

/// The wasm runtime with Finney's stub `BabeApi` (chain `devnet`).
#[cfg(feature = "std")]
pub mod wasm_stub {
    include!(concat!(env!("OUT_DIR"), "/wasm_binary_stub.rs"));
}

/// The wasm runtime without the stub `BabeApi` (chain `devnet-plain`).
#[cfg(feature = "std")]
pub mod wasm_plain {
    include!(concat!(env!("OUT_DIR"), "/wasm_binary_plain.rs"));
}

pub mod apis;
pub mod author;
pub mod extensions;
pub mod subtensor;
pub mod swap;

#[allow(unused_imports)]
use alloc::vec::Vec;
use polkadot_sdk::*;

use frame_support::{
    construct_runtime, parameter_types,
    traits::{ConstBool, ConstU8, ConstU32, ConstU64, VariantCountOf},
    weights::{
        IdentityFee, Weight,
        constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
    },
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
    MultiAddress, MultiSignature, Perbill, generic, impl_opaque_keys,
    traits::{BlakeTwo256, IdentifyAccount, One, Verify},
};
use sp_version::RuntimeVersion;

pub use extensions::TxExtension;

/// Block number.
pub type BlockNumber = u32;
/// Transaction signature (sr25519 / ed25519 / ecdsa).
pub type Signature = MultiSignature;
/// Account id: the 32-byte public key.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance in rao (1 TAO = 1e9 rao), u64 as on Finney.
pub type Balance = u64;
/// Account nonce.
pub type Nonce = u32;
/// Block hash.
pub type Hash = sp_core::H256;
/// Subnet id, as on Finney (`NetUid` = u16).
pub type NetUid = u16;
/// Address format of extrinsics.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Unchecked extrinsic (standard v4/v5 format, Finney's extension list).
pub type UncheckedExtrinsic =
    generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;
/// Executive: dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
    Runtime,
    Block,
    frame_system::ChainContext<Runtime>,
    Runtime,
    AllPalletsWithSystem,
>;

/// Opaque types for the node, which does not need to know the runtime's call type.
pub mod opaque {
    use super::*;
    /// Opaque extrinsic.
    pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;
    /// Opaque block header.
    pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
    /// Opaque block.
    pub type Block = generic::Block<Header, UncheckedExtrinsic>;

    impl_opaque_keys! {
        /// Session keys: Aura (sr25519) and GRANDPA (ed25519).
        pub struct SessionKeys {
            /// Aura block production key.
            pub aura: Aura,
            /// GRANDPA finality key.
            pub grandpa: Grandpa,
        }
    }
}

/// Runtime version. `spec_name` is honest: this is not node-subtensor.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
    spec_name: alloc::borrow::Cow::Borrowed("taolight-devnet"),
    impl_name: alloc::borrow::Cow::Borrowed("taolight-devnet"),
    authoring_version: 1,
    spec_version: 1,
    impl_version: 1,
    apis: apis::RUNTIME_API_VERSIONS,
    transaction_version: 1,
    system_version: 1,
};

/// Aura slot (and block) duration in milliseconds. Finney uses 12 000; the devnet uses 2 000 so
/// tests run fast.
pub const SLOT_DURATION_MS: u64 = 2_000;
/// Existential deposit, as on Finney: 500 rao.
pub const EXISTENTIAL_DEPOSIT: Balance = 500;
/// SS58 prefix (generic substrate, as on Finney).
pub const SS58_PREFIX: u16 = 42;

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
    pub const BlockHashCount: BlockNumber = 2400;
    pub const Version: RuntimeVersion = VERSION;
    pub RuntimeBlockLength: frame_system::limits::BlockLength =
        frame_system::limits::BlockLength::max_with_normal_ratio(5 * 1024 * 1024, NORMAL_DISPATCH_RATIO);
    pub RuntimeBlockWeights: frame_system::limits::BlockWeights =
        frame_system::limits::BlockWeights::with_sensible_defaults(
            Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), u64::MAX),
            NORMAL_DISPATCH_RATIO,
        );
    pub const SS58Prefix: u16 = SS58_PREFIX;
    pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl frame_system::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type BaseCallFilter = frame_support::traits::Everything;
    type BlockWeights = RuntimeBlockWeights;
    type BlockLength = RuntimeBlockLength;
    type RuntimeOrigin = RuntimeOrigin;
    type RuntimeCall = RuntimeCall;
    type RuntimeTask = RuntimeTask;
    type Nonce = Nonce;
    type Hash = Hash;
    type Hashing = BlakeTwo256;
    type AccountId = AccountId;
    type Lookup = sp_runtime::traits::AccountIdLookup<AccountId, ()>;
    type Block = Block;
    type BlockHashCount = BlockHashCount;
    type DbWeight = RocksDbWeight;
    type Version = Version;
    type PalletInfo = PalletInfo;
    type AccountData = pallet_balances::AccountData<Balance>;
    type OnNewAccount = ();
    type OnKilledAccount = ();
    type SystemWeightInfo = ();
    type ExtensionsWeightInfo = ();
    type SS58Prefix = SS58Prefix;
    type OnSetCode = ();
    type MaxConsumers = ConstU32<16>;
    type SingleBlockMigrations = ();
    type MultiBlockMigrator = ();
    type PreInherents = ();
    type PostInherents = ();
    type PostTransactions = ();
}

impl pallet_timestamp::Config for Runtime {
    type Moment = u64;
    type OnTimestampSet = Aura;
    type MinimumPeriod = ConstU64<{ SLOT_DURATION_MS / 2 }>;
    type WeightInfo = ();
}

impl pallet_aura::Config for Runtime {
    type AuthorityId = AuraId;
    type DisabledValidators = ();
    type MaxAuthorities = ConstU32<32>;
    type AllowMultipleBlocksPerSlot = ConstBool<false>;
    type SlotDuration = ConstU64<SLOT_DURATION_MS>;
}

impl pallet_grandpa::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type WeightInfo = ();
    type MaxAuthorities = ConstU32<32>;
    type MaxNominators = ConstU32<0>;
    type MaxSetIdSessionEntries = ConstU64<0>;
    type KeyOwnerProof = sp_core::Void;
    type EquivocationReportSystem = ();
}

impl pallet_balances::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type RuntimeHoldReason = RuntimeHoldReason;
    type RuntimeFreezeReason = RuntimeFreezeReason;
    type WeightInfo = ();
    type Balance = Balance;
    type DustRemoval = ();
    type ExistentialDeposit = ConstU64<EXISTENTIAL_DEPOSIT>;
    type AccountStore = System;
    type ReserveIdentifier = [u8; 8];
    type FreezeIdentifier = RuntimeFreezeReason;
    type MaxLocks = ConstU32<50>;
    type MaxReserves = ConstU32<50>;
    type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
    type DoneSlashHandler = ();
}

/// Finney's `LinearWeightToFee`: fee = ref_time × 0.05 %.
pub struct LinearWeightToFee;
impl frame_support::weights::WeightToFee for LinearWeightToFee {
    type Balance = Balance;
    fn weight_to_fee(weight: &Weight) -> Balance {
        Perbill::from_parts(500_000).mul_floor(weight.ref_time())
    }
}

impl pallet_transaction_payment::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    // Transaction fees are burned (Finney pays them to the block author; the swap fee below
    // does go to the author, as on Finney).
    type OnChargeTransaction = FungibleAdapter<Balances, ()>;
    type OperationalFeeMultiplier = ConstU8<5>;
    type WeightToFee = LinearWeightToFee;
    type LengthToFee = IdentityFee<Balance>;
    type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
    type WeightInfo = ();
}

impl pallet_utility::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type RuntimeCall = RuntimeCall;
    type PalletsOrigin = OriginCaller;
    type WeightInfo = ();
}

impl pallet_sudo::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type RuntimeCall = RuntimeCall;
    type WeightInfo = ();
}

impl swap::pallet::Config for Runtime {}

impl subtensor::pallet::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type Currency = Balances;
    type BlockAuthor = author::AuraBlockAuthor;
}

construct_runtime!(
    pub enum Runtime {
        System: frame_system = 0,
        Timestamp: pallet_timestamp = 2,
        Aura: pallet_aura = 3,
        Grandpa: pallet_grandpa = 4,
        Balances: pallet_balances = 5,
        TransactionPayment: pallet_transaction_payment = 6,
        SubtensorModule: subtensor::pallet = 7,
        Utility: pallet_utility = 11,
        Sudo: pallet_sudo = 12,
        Swap: swap::pallet = 28,
    }
);
