//! `Swap` (pallet index 28): the pool parameters Finney keeps in its swap pallet.
//!
//! Only the storage a wallet reads (`SwapBalancer`, `FeeRate`, `PalSwapInitialized`), the root
//! call `set_fee_rate` (28.0) and the swap errors (which stake extrinsics surface as
//! `Swap.<Error>`, as on Finney). The pool math itself is `taolight_core::stake`.

pub use pallet::*;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
    use crate::NetUid;
    use alloc::vec::Vec;
    use polkadot_sdk::{
        frame_support::{self, pallet_prelude::*},
        frame_system::pallet_prelude::*,
        sp_runtime::Perquintill,
    };
    use taolight_core::stake::StakeError;

    /// Finney's default quote weight: 0.5.
    pub const DEFAULT_QUOTE_WEIGHT: u64 = 500_000_000_000_000_000;
    /// Finney's default fee rate: 33 / 65535.
    pub const DEFAULT_FEE_RATE: u16 = 33;
    /// Finney's `SwapMaxFeeRate`.
    pub const MAX_FEE_RATE: u16 = 10_000;

    /// Balancer weights: only the quote (TAO) weight is stored; base = 1 − quote.
    #[derive(
        Encode,
        Decode,
        DecodeWithMemTracking,
        TypeInfo,
        MaxEncodedLen,
        Clone,
        Copy,
        PartialEq,
        Eq,
        Debug,
    )]
    pub struct Balancer {
        /// TAO weight `w2`.
        pub quote: Perquintill,
    }

    impl Default for Balancer {
        fn default() -> Self {
            Balancer {
                quote: Perquintill::from_parts(DEFAULT_QUOTE_WEIGHT),
            }
        }
    }

    /// The pallet.
    #[pallet::pallet]
    pub struct Pallet<T>(_);

    /// Configuration (nothing to configure).
    #[pallet::config]
    pub trait Config: polkadot_sdk::frame_system::Config {}

    /// Default fee rate.
    #[pallet::type_value]
    pub fn DefaultFeeRate() -> u16 {
        DEFAULT_FEE_RATE
    }

    /// Pool weights per subnet (default 0.5 / 0.5).
    #[pallet::storage]
    pub type SwapBalancer<T> = StorageMap<_, Twox64Concat, NetUid, Balancer, ValueQuery>;

    /// Swap fee rate per subnet, parts of 65535 (default 33).
    #[pallet::storage]
    pub type FeeRate<T> = StorageMap<_, Twox64Concat, NetUid, u16, ValueQuery, DefaultFeeRate>;

    /// Whether the subnet's pool weights have been initialised.
    #[pallet::storage]
    pub type PalSwapInitialized<T> = StorageMap<_, Twox64Concat, NetUid, bool, ValueQuery>;

    /// Genesis pools: `(netuid, quote weight parts, fee rate)`.
    #[pallet::genesis_config]
    #[derive(frame_support::DefaultNoBound)]
    pub struct GenesisConfig<T: Config> {
        /// Pools to initialise.
        pub pools: Vec<(NetUid, u64, u16)>,
        #[serde(skip)]
        /// Marker.
        pub _config: core::marker::PhantomData<T>,
    }

    #[pallet::genesis_build]
    impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
        fn build(&self) {
            for (netuid, quote, fee) in &self.pools {
                SwapBalancer::<T>::insert(
                    netuid,
                    Balancer {
                        quote: Perquintill::from_parts(*quote),
                    },
                );
                FeeRate::<T>::insert(netuid, fee);
                PalSwapInitialized::<T>::insert(netuid, true);
            }
        }
    }

    /// Events.
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// The fee rate of a subnet was set.
        FeeRateSet {
            /// Subnet.
            netuid: NetUid,
            /// New rate (parts of 65535).
            rate: u16,
        },
    }

    /// Swap errors (Finney's names).
    #[pallet::error]
    pub enum Error<T> {
        /// Fee rate above `SwapMaxFeeRate`.
        FeeRateTooHigh,
        /// The pool price is not strictly better than the limit price.
        PriceLimitExceeded,
        /// The pool cannot pay the output.
        InsufficientLiquidity,
        /// Reserves below the minimum, or a non-zero input buys nothing.
        ReservesTooLow,
        /// Input larger than 1000 × the input reserve.
        SwapInputTooLarge,
        /// Invalid pool parameters (weight or fee out of range).
        InvalidValue,
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Sets a subnet's fee rate (root only).
        #[pallet::call_index(0)]
        #[pallet::weight(Weight::from_parts(10_000_000, 0))]
        pub fn set_fee_rate(origin: OriginFor<T>, netuid: NetUid, rate: u16) -> DispatchResult {
            ensure_root(origin)?;
            ensure!(rate <= MAX_FEE_RATE, Error::<T>::FeeRateTooHigh);
            FeeRate::<T>::insert(netuid, rate);
            Self::deposit_event(Event::FeeRateSet { netuid, rate });
            Ok(())
        }
    }

    impl<T: Config> Pallet<T> {
        /// Quote weight parts (`w2`) of a subnet.
        pub fn quote_weight(netuid: NetUid) -> u64 {
            SwapBalancer::<T>::get(netuid).quote.deconstruct()
        }

        /// The swap-pallet error a pool refusal maps to, if it is one of the swap's own.
        pub fn swap_error(e: StakeError) -> Option<Error<T>> {
            match e {
                StakeError::PriceLimitExceeded => Some(Error::<T>::PriceLimitExceeded),
                StakeError::ReservesTooLow => Some(Error::<T>::ReservesTooLow),
                StakeError::SwapInputTooLarge => Some(Error::<T>::SwapInputTooLarge),
                StakeError::InsufficientLiquidity => Some(Error::<T>::InsufficientLiquidity),
                StakeError::InvalidWeight | StakeError::InvalidFeeRate => {
                    Some(Error::<T>::InvalidValue)
                }
                _ => None,
            }
        }
    }
}
