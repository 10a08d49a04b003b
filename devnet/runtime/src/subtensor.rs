//! `SubtensorModule` (pallet index 7): the staking subset of Finney's pallet.
//!
//! Storage names, hashers and value types, call indices and argument types, event and error
//! names follow Finney (subtensor-staking.md §3–§4). The pool and share-pool arithmetic is
//! `taolight_core::stake` (the same code wallets quote with); this pallet only adds the
//! account side: balances, hotkeys, the subnet accounts holding staked TAO, the fee paid to the
//! Aura block author, and events.
//!
//! Not modelled: registration, emissions, weights, conviction locks, rate limits, fees paid in
//! alpha, the small-nomination sweep after `remove_stake` and `TotalStake`.

pub use pallet::*;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
    use crate::NetUid;
    use crate::swap::pallet as swap;
    use alloc::vec::Vec;
    use polkadot_sdk::{
        frame_support::{
            self, PalletId,
            pallet_prelude::*,
            traits::{
                fungible::{Inspect, Mutate},
                tokens::{Fortitude, Preservation},
            },
        },
        frame_system::pallet_prelude::*,
        sp_runtime::traits::AccountIdConversion,
    };
    use substrate_fixed::types::U64F64;
    use taolight_core::stake::{
        self as core_stake, MAX_PRICE_RAO, MIN_PRICE_RAO, MIN_STAKE, Pool, SharePool, StakeError,
        StakeOutcome, UnstakeOutcome,
    };

    /// Root subnet.
    pub const ROOT_NETUID: NetUid = 0;
    /// Account that holds a subnet's staked TAO: `PalletId("subtensr")` sub-account `netuid`.
    pub const SUBTENSOR_PALLET_ID: PalletId = PalletId(*b"subtensr");

    /// Finney's share-pool float (`mantissa · 10^exponent`), SCALE `(u128, i64)`.
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
        Default,
        Debug,
    )]
    pub struct SafeFloat {
        /// Mantissa.
        pub mantissa: u128,
        /// Decimal exponent.
        pub exponent: i64,
    }

    impl From<core_stake::SafeFloat> for SafeFloat {
        fn from(v: core_stake::SafeFloat) -> Self {
            SafeFloat {
                mantissa: v.mantissa,
                exponent: v.exponent,
            }
        }
    }

    impl From<SafeFloat> for core_stake::SafeFloat {
        fn from(v: SafeFloat) -> Self {
            core_stake::SafeFloat {
                mantissa: v.mantissa,
                exponent: v.exponent,
            }
        }
    }

    /// The pallet.
    #[pallet::pallet]
    #[pallet::without_storage_info]
    pub struct Pallet<T>(_);

    /// Configuration.
    #[pallet::config]
    pub trait Config: polkadot_sdk::frame_system::Config + swap::Config {
        /// The overarching event type.
        type RuntimeEvent: From<Event<Self>>
            + IsType<<Self as polkadot_sdk::frame_system::Config>::RuntimeEvent>;
        /// TAO (rao, u64).
        type Currency: Mutate<Self::AccountId, Balance = u64>;
        /// The current block's author, who receives swap fees.
        type BlockAuthor: Get<Option<Self::AccountId>>;
    }

    /// Default `TokenSymbol`: "𝜏".
    #[pallet::type_value]
    pub fn DefaultTokenSymbol() -> Vec<u8> {
        "\u{1D70F}".as_bytes().to_vec()
    }

    /// Default `Owner`: the all-zero account, as on Finney.
    #[pallet::type_value]
    pub fn DefaultAccount<T: Config>() -> T::AccountId {
        T::AccountId::decode(&mut polkadot_sdk::sp_runtime::traits::TrailingZeroInput::zeroes())
            .expect("zero bytes decode as an account id")
    }

    /// Default `TransferToggle`: true.
    #[pallet::type_value]
    pub fn DefaultTrue() -> bool {
        true
    }

    /// TAO reserve of a subnet pool (`y`).
    #[pallet::storage]
    pub type SubnetTAO<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

    /// Alpha reserve of a subnet pool (`x`).
    #[pallet::storage]
    pub type SubnetAlphaIn<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

    /// Alpha held as stake on a subnet.
    #[pallet::storage]
    pub type SubnetAlphaOut<T> = StorageMap<_, Identity, NetUid, u64, ValueQuery>;

    /// Subnet mechanism: 0 stable/root (1:1), 1 dynamic (AMM).
    #[pallet::storage]
    pub type SubnetMechanism<T> = StorageMap<_, Identity, NetUid, u16, ValueQuery>;

    /// Whether a subnet exists.
    #[pallet::storage]
    pub type NetworksAdded<T> = StorageMap<_, Identity, NetUid, bool, ValueQuery>;

    /// Whether staking is enabled on a subnet.
    #[pallet::storage]
    pub type SubtokenEnabled<T> = StorageMap<_, Identity, NetUid, bool, ValueQuery>;

    /// The subnet token's symbol (UTF-8).
    #[pallet::storage]
    pub type TokenSymbol<T> =
        StorageMap<_, Identity, NetUid, Vec<u8>, ValueQuery, DefaultTokenSymbol>;

    /// Whether stake on a subnet may be transferred to another coldkey.
    #[pallet::storage]
    pub type TransferToggle<T> = StorageMap<_, Identity, NetUid, bool, ValueQuery, DefaultTrue>;

    /// Hotkey → owning coldkey (a hotkey exists iff it has an entry).
    #[pallet::storage]
    pub type Owner<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId, ValueQuery, DefaultAccount<T>>;

    /// Coldkey → hotkeys it has staked to.
    #[pallet::storage]
    pub type StakingHotkeys<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, Vec<T::AccountId>, ValueQuery>;

    /// Alpha held by a hotkey's share pool on a subnet.
    #[pallet::storage]
    pub type TotalHotkeyAlpha<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, NetUid, u64, ValueQuery>;

    /// Total shares of a hotkey's pool (v1, U64F64; read first, removed on write).
    #[pallet::storage]
    pub type TotalHotkeyShares<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, NetUid, U64F64, ValueQuery>;

    /// Total shares of a hotkey's pool (v2, SafeFloat).
    #[pallet::storage]
    pub type TotalHotkeySharesV2<T: Config> = StorageDoubleMap<
        _,
        Blake2_128Concat,
        T::AccountId,
        Identity,
        NetUid,
        SafeFloat,
        ValueQuery,
    >;

    /// A coldkey's shares in a hotkey's pool on a subnet (v1, U64F64; read first).
    #[pallet::storage]
    pub type Alpha<T: Config> = StorageNMap<
        _,
        (
            NMapKey<Blake2_128Concat, T::AccountId>,
            NMapKey<Blake2_128Concat, T::AccountId>,
            NMapKey<Identity, NetUid>,
        ),
        U64F64,
        ValueQuery,
    >;

    /// A coldkey's shares in a hotkey's pool on a subnet (v2, SafeFloat).
    #[pallet::storage]
    pub type AlphaV2<T: Config> = StorageNMap<
        _,
        (
            NMapKey<Blake2_128Concat, T::AccountId>,
            NMapKey<Blake2_128Concat, T::AccountId>,
            NMapKey<Identity, NetUid>,
        ),
        SafeFloat,
        ValueQuery,
    >;

    /// A subnet at genesis.
    #[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub struct GenesisSubnet {
        /// Subnet id.
        pub netuid: NetUid,
        /// Mechanism (0 stable, 1 dynamic).
        pub mechanism: u16,
        /// `SubnetTAO`.
        pub tao_in: u64,
        /// `SubnetAlphaIn`.
        pub alpha_in: u64,
        /// Token symbol.
        pub symbol: Vec<u8>,
    }

    /// Genesis: subnets, hotkeys and stake positions.
    #[pallet::genesis_config]
    #[derive(frame_support::DefaultNoBound)]
    pub struct GenesisConfig<T: Config> {
        /// Subnets (all get `NetworksAdded` and `SubtokenEnabled`).
        pub subnets: Vec<GenesisSubnet>,
        /// `(hotkey, owner coldkey)`.
        pub hotkeys: Vec<(T::AccountId, T::AccountId)>,
        /// `(hotkey, coldkey, netuid, alpha)`, written as v1 (U64F64) shares like old Finney
        /// positions; later writes move them to the v2 maps.
        pub stakes: Vec<(T::AccountId, T::AccountId, NetUid, u64)>,
    }

    #[pallet::genesis_build]
    impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
        fn build(&self) {
            for s in &self.subnets {
                NetworksAdded::<T>::insert(s.netuid, true);
                SubtokenEnabled::<T>::insert(s.netuid, true);
                SubnetMechanism::<T>::insert(s.netuid, s.mechanism);
                SubnetTAO::<T>::insert(s.netuid, s.tao_in);
                SubnetAlphaIn::<T>::insert(s.netuid, s.alpha_in);
                TokenSymbol::<T>::insert(s.netuid, s.symbol.clone());
                let account = Pallet::<T>::subnet_account(s.netuid);
                let ed = <T::Currency as Inspect<T::AccountId>>::minimum_balance();
                let _ = T::Currency::mint_into(&account, s.tao_in.saturating_add(ed));
            }
            for (hot, cold) in &self.hotkeys {
                Owner::<T>::insert(hot, cold);
            }
            for (hot, cold, netuid, alpha) in &self.stakes {
                let share = U64F64::from_num(*alpha);
                Alpha::<T>::mutate((hot, cold, *netuid), |s| *s = s.saturating_add(share));
                TotalHotkeyShares::<T>::mutate(hot, *netuid, |s| *s = s.saturating_add(share));
                TotalHotkeyAlpha::<T>::mutate(hot, *netuid, |v| *v = v.saturating_add(*alpha));
                SubnetAlphaOut::<T>::mutate(*netuid, |v| *v = v.saturating_add(*alpha));
                StakingHotkeys::<T>::mutate(cold, |hs| {
                    if !hs.contains(hot) {
                        hs.push(hot.clone());
                    }
                });
                // Stake bought on root is backed 1:1 by TAO in the root account.
                if *netuid == ROOT_NETUID {
                    SubnetTAO::<T>::mutate(ROOT_NETUID, |v| *v = v.saturating_add(*alpha));
                    let _ =
                        T::Currency::mint_into(&Pallet::<T>::subnet_account(ROOT_NETUID), *alpha);
                }
            }
        }
    }

    /// Events (Finney's names and field order).
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// (coldkey, hotkey, TAO staked incl. fee, alpha received, netuid, fee).
        StakeAdded(T::AccountId, T::AccountId, u64, u64, NetUid, u64),
        /// (coldkey, hotkey, TAO received, alpha unstaked, netuid, fee).
        StakeRemoved(T::AccountId, T::AccountId, u64, u64, NetUid, u64),
        /// (coldkey, origin hotkey, origin netuid, destination hotkey, destination netuid, TAO moved).
        StakeMoved(
            T::AccountId,
            T::AccountId,
            NetUid,
            T::AccountId,
            NetUid,
            u64,
        ),
        /// (origin coldkey, destination coldkey, hotkey, origin netuid, destination netuid, TAO).
        StakeTransferred(
            T::AccountId,
            T::AccountId,
            T::AccountId,
            NetUid,
            NetUid,
            u64,
        ),
        /// (coldkey, hotkey, origin netuid, destination netuid, TAO).
        StakeSwapped(T::AccountId, T::AccountId, NetUid, NetUid, u64),
    }

    /// Errors (Finney's names).
    #[pallet::error]
    pub enum Error<T> {
        /// The subnet does not exist.
        SubnetNotExists,
        /// The hotkey is not registered (`Owner` has no entry).
        HotKeyAccountNotExists,
        /// The coldkey's free balance cannot cover the stake.
        NotEnoughBalanceToStake,
        /// The position holds less alpha than requested.
        NotEnoughStakeToWithdraw,
        /// Below the minimum stake (2_000_000 rao and its fee) or zero output.
        AmountTooLow,
        /// A fill-or-kill limit order cannot be filled within its limit price.
        SlippageTooHigh,
        /// More than 1000 × the pool's reserve, or a share-pool precision failure.
        InsufficientLiquidity,
        /// The limit price allows nothing to execute.
        ZeroMaxStakeAmount,
        /// Staking is disabled on the subnet.
        SubtokenDisabled,
        /// Stake transfers are disabled on the subnet.
        TransferDisallowed,
        /// Origin and destination subnet are the same.
        SameNetuid,
        /// Moving TAO between accounts failed.
        BalanceWithdrawalError,
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Stakes `amount_staked` TAO (fee included) into `hotkey` on `netuid`.
        #[pallet::call_index(2)]
        #[pallet::weight(Weight::from_parts(340_000_000, 0))]
        pub fn add_stake(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            netuid: NetUid,
            amount_staked: u64,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_add_stake(coldkey, hotkey, netuid, amount_staked, None, false)
        }

        /// Unstakes `amount_unstaked` alpha (capped at the live stake).
        #[pallet::call_index(3)]
        #[pallet::weight(Weight::from_parts(340_000_000, 0))]
        pub fn remove_stake(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            netuid: NetUid,
            amount_unstaked: u64,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            let live = Self::stake_value(&hotkey, &coldkey, netuid);
            Self::do_remove_stake(
                coldkey,
                hotkey,
                netuid,
                amount_unstaked.min(live),
                None,
                false,
            )
        }

        /// Sells the whole stake of the caller on `hotkey` on every subnet (root included).
        #[pallet::call_index(83)]
        #[pallet::weight(Weight::from_parts(1_000_000_000, 0))]
        pub fn unstake_all(origin: OriginFor<T>, hotkey: T::AccountId) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_unstake_all(coldkey, hotkey, true).map(|_| ())
        }

        /// Sells the whole stake on every non-root subnet and stakes the TAO into root.
        #[pallet::call_index(84)]
        #[pallet::weight(Weight::from_parts(1_000_000_000, 0))]
        pub fn unstake_all_alpha(origin: OriginFor<T>, hotkey: T::AccountId) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            let tao = Self::do_unstake_all(coldkey.clone(), hotkey.clone(), false)?;
            if tao >= MIN_STAKE {
                Self::stake_into_subnet(&hotkey, &coldkey, ROOT_NETUID, tao, MAX_PRICE_RAO, true)?;
            }
            Ok(())
        }

        /// Moves stake between hotkeys and/or subnets of the same coldkey.
        #[pallet::call_index(85)]
        #[pallet::weight(Weight::from_parts(680_000_000, 0))]
        pub fn move_stake(
            origin: OriginFor<T>,
            origin_hotkey: T::AccountId,
            destination_hotkey: T::AccountId,
            origin_netuid: NetUid,
            destination_netuid: NetUid,
            alpha_amount: u64,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            let tao = Self::transition_stake(
                &coldkey,
                &coldkey,
                &origin_hotkey,
                &destination_hotkey,
                origin_netuid,
                destination_netuid,
                alpha_amount,
                false,
            )?;
            Self::deposit_event(Event::StakeMoved(
                coldkey,
                origin_hotkey,
                origin_netuid,
                destination_hotkey,
                destination_netuid,
                tao,
            ));
            Ok(())
        }

        /// Transfers stake to another coldkey (same hotkey), optionally across subnets.
        #[pallet::call_index(86)]
        #[pallet::weight(Weight::from_parts(680_000_000, 0))]
        pub fn transfer_stake(
            origin: OriginFor<T>,
            destination_coldkey: T::AccountId,
            hotkey: T::AccountId,
            origin_netuid: NetUid,
            destination_netuid: NetUid,
            alpha_amount: u64,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            let tao = Self::transition_stake(
                &coldkey,
                &destination_coldkey,
                &hotkey,
                &hotkey,
                origin_netuid,
                destination_netuid,
                alpha_amount,
                true,
            )?;
            Self::deposit_event(Event::StakeTransferred(
                coldkey,
                destination_coldkey,
                hotkey,
                origin_netuid,
                destination_netuid,
                tao,
            ));
            Ok(())
        }

        /// Moves stake of one hotkey from one subnet to another.
        #[pallet::call_index(87)]
        #[pallet::weight(Weight::from_parts(680_000_000, 0))]
        pub fn swap_stake(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            origin_netuid: NetUid,
            destination_netuid: NetUid,
            alpha_amount: u64,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_swap_stake(
                coldkey,
                hotkey,
                origin_netuid,
                destination_netuid,
                alpha_amount,
            )
        }

        /// `add_stake` with a limit price (rao per alpha) and fill-or-kill / partial fill.
        #[pallet::call_index(88)]
        #[pallet::weight(Weight::from_parts(400_000_000, 0))]
        pub fn add_stake_limit(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            netuid: NetUid,
            amount_staked: u64,
            limit_price: u64,
            allow_partial: bool,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_add_stake(
                coldkey,
                hotkey,
                netuid,
                amount_staked,
                Some(limit_price),
                allow_partial,
            )
        }

        /// `remove_stake` with a limit price (not capped at the live stake).
        #[pallet::call_index(89)]
        #[pallet::weight(Weight::from_parts(400_000_000, 0))]
        pub fn remove_stake_limit(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            netuid: NetUid,
            amount_unstaked: u64,
            limit_price: u64,
            allow_partial: bool,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::do_remove_stake(
                coldkey,
                hotkey,
                netuid,
                amount_unstaked,
                Some(limit_price),
                allow_partial,
            )
        }

        /// `swap_stake` sized by a limit on the origin/destination price ratio.
        #[pallet::call_index(90)]
        #[pallet::weight(Weight::from_parts(700_000_000, 0))]
        pub fn swap_stake_limit(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            origin_netuid: NetUid,
            destination_netuid: NetUid,
            alpha_amount: u64,
            limit_price: u64,
            allow_partial: bool,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            Self::ensure_subnet(origin_netuid)?;
            Self::ensure_subnet(destination_netuid)?;
            let o = Self::pool(origin_netuid)?;
            let d = Self::pool(destination_netuid)?;
            let max = core_stake::max_amount_move(&o, &d, limit_price).map_err(Self::swap_error)?;
            ensure!(max > 0, Error::<T>::ZeroMaxStakeAmount);
            if !allow_partial {
                ensure!(alpha_amount <= max, Error::<T>::SlippageTooHigh);
            }
            Self::do_swap_stake(
                coldkey,
                hotkey,
                origin_netuid,
                destination_netuid,
                alpha_amount.min(max),
            )
        }

        /// Unstakes the whole position: with a limit (fill-or-kill) if given, else at any price.
        #[pallet::call_index(103)]
        #[pallet::weight(Weight::from_parts(400_000_000, 0))]
        pub fn remove_stake_full_limit(
            origin: OriginFor<T>,
            hotkey: T::AccountId,
            netuid: NetUid,
            limit_price: Option<u64>,
        ) -> DispatchResult {
            let coldkey = ensure_signed(origin)?;
            let live = Self::stake_value(&hotkey, &coldkey, netuid);
            Self::do_remove_stake(coldkey, hotkey, netuid, live, limit_price, false)
        }
    }

    impl<T: Config> Pallet<T> {
        /// The account holding subnet `netuid`'s staked TAO.
        pub fn subnet_account(netuid: NetUid) -> T::AccountId {
            SUBTENSOR_PALLET_ID.into_sub_account_truncating(netuid)
        }

        /// The subnet's pool as stored at this block.
        pub fn pool(netuid: NetUid) -> Result<Pool, DispatchError> {
            Pool::new(
                SubnetTAO::<T>::get(netuid),
                SubnetAlphaIn::<T>::get(netuid),
                swap::Pallet::<T>::quote_weight(netuid),
                swap::FeeRate::<T>::get(netuid),
                SubnetMechanism::<T>::get(netuid),
            )
            .map_err(Self::swap_error)
        }

        /// Error of an executed or simulated swap: the swap pallet's own where Finney raises
        /// it there, else this pallet's.
        pub fn swap_error(e: StakeError) -> DispatchError {
            match swap::Pallet::<T>::swap_error(e) {
                Some(err) => err.into(),
                None => Self::validation_error(e),
            }
        }

        /// Error of a stake validation (`validate_add_stake` / `validate_remove_stake`).
        pub fn validation_error(e: StakeError) -> DispatchError {
            match e {
                StakeError::SlippageTooHigh => Error::<T>::SlippageTooHigh.into(),
                StakeError::AmountTooLow | StakeError::ZeroAmount => {
                    Error::<T>::AmountTooLow.into()
                }
                StakeError::PriceLimitExceeded
                | StakeError::ReservesTooLow
                | StakeError::SwapInputTooLarge
                | StakeError::InvalidWeight
                | StakeError::InvalidFeeRate => Self::swap_error(e),
                _ => Error::<T>::InsufficientLiquidity.into(),
            }
        }

        fn ensure_subnet(netuid: NetUid) -> DispatchResult {
            ensure!(NetworksAdded::<T>::get(netuid), Error::<T>::SubnetNotExists);
            ensure!(
                SubtokenEnabled::<T>::get(netuid),
                Error::<T>::SubtokenDisabled
            );
            Ok(())
        }

        fn ensure_hotkey(hotkey: &T::AccountId) -> DispatchResult {
            ensure!(
                Owner::<T>::contains_key(hotkey),
                Error::<T>::HotKeyAccountNotExists
            );
            Ok(())
        }

        /// A coldkey's shares in a hotkey pool (v1 if present, else v2).
        pub fn share(
            hot: &T::AccountId,
            cold: &T::AccountId,
            netuid: NetUid,
        ) -> core_stake::SafeFloat {
            if Alpha::<T>::contains_key((hot, cold, netuid)) {
                core_stake::SafeFloat::from_u64f64_bits(
                    Alpha::<T>::get((hot, cold, netuid)).to_bits(),
                )
            } else {
                AlphaV2::<T>::get((hot, cold, netuid)).into()
            }
        }

        /// A hotkey pool on a subnet (value and total shares, v1 if present, else v2).
        pub fn share_pool(hot: &T::AccountId, netuid: NetUid) -> SharePool {
            let denominator = if TotalHotkeyShares::<T>::contains_key(hot, netuid) {
                core_stake::SafeFloat::from_u64f64_bits(
                    TotalHotkeyShares::<T>::get(hot, netuid).to_bits(),
                )
            } else {
                TotalHotkeySharesV2::<T>::get(hot, netuid).into()
            };
            SharePool {
                value: TotalHotkeyAlpha::<T>::get(hot, netuid),
                denominator,
            }
        }

        fn put_share_pool(
            hot: &T::AccountId,
            cold: &T::AccountId,
            netuid: NetUid,
            pool: &SharePool,
            share: core_stake::SafeFloat,
        ) {
            Alpha::<T>::remove((hot, cold, netuid));
            if share.is_zero() {
                AlphaV2::<T>::remove((hot, cold, netuid));
            } else {
                AlphaV2::<T>::insert((hot, cold, netuid), SafeFloat::from(share));
            }
            TotalHotkeyShares::<T>::remove(hot, netuid);
            if pool.denominator.is_zero() {
                TotalHotkeySharesV2::<T>::remove(hot, netuid);
            } else {
                TotalHotkeySharesV2::<T>::insert(hot, netuid, SafeFloat::from(pool.denominator));
            }
            TotalHotkeyAlpha::<T>::insert(hot, netuid, pool.value);
        }

        /// Alpha value of a (hotkey, coldkey, netuid) position.
        pub fn stake_value(hot: &T::AccountId, cold: &T::AccountId, netuid: NetUid) -> u64 {
            Self::share_pool(hot, netuid).value_of(&Self::share(hot, cold, netuid))
        }

        fn increase_stake(hot: &T::AccountId, cold: &T::AccountId, netuid: NetUid, alpha: u64) {
            let mut pool = Self::share_pool(hot, netuid);
            let mut share = Self::share(hot, cold, netuid);
            pool.deposit(&mut share, alpha);
            Self::put_share_pool(hot, cold, netuid, &pool, share);
            StakingHotkeys::<T>::mutate(cold, |hs| {
                if !hs.contains(hot) {
                    hs.push(hot.clone());
                }
            });
        }

        fn decrease_stake(hot: &T::AccountId, cold: &T::AccountId, netuid: NetUid, alpha: u64) {
            let mut pool = Self::share_pool(hot, netuid);
            let mut share = Self::share(hot, cold, netuid);
            pool.withdraw(&mut share, alpha);
            Self::put_share_pool(hot, cold, netuid, &pool, share);
        }

        fn write_reserves(netuid: NetUid, pool: &Pool) {
            SubnetTAO::<T>::insert(netuid, pool.tao_reserve);
            SubnetAlphaIn::<T>::insert(netuid, pool.alpha_reserve);
        }

        fn transfer(from: &T::AccountId, to: &T::AccountId, amount: u64) -> DispatchResult {
            if amount == 0 || from == to {
                return Ok(());
            }
            T::Currency::transfer(from, to, amount, Preservation::Expendable)
                .map(|_| ())
                .map_err(|_| Error::<T>::BalanceWithdrawalError.into())
        }

        /// Pays `amount` TAO from the subnet account to the block author (burned if none).
        fn pay_author(netuid: NetUid, amount: u64) -> DispatchResult {
            if amount == 0 {
                return Ok(());
            }
            let account = Self::subnet_account(netuid);
            match T::BlockAuthor::get() {
                Some(author) => Self::transfer(&account, &author, amount),
                None => T::Currency::burn_from(
                    &account,
                    amount,
                    Preservation::Expendable,
                    frame_support::traits::tokens::Precision::Exact,
                    Fortitude::Force,
                )
                .map(|_| ())
                .map_err(|_| Error::<T>::BalanceWithdrawalError.into()),
            }
        }

        /// `stake_into_subnet`: moves `tao` from the coldkey to the subnet account, buys alpha
        /// at `limit`, credits the position, pays the TAO fee to the author. Returns the alpha.
        pub fn stake_into_subnet(
            hot: &T::AccountId,
            cold: &T::AccountId,
            netuid: NetUid,
            tao: u64,
            limit: u64,
            drop_fees: bool,
        ) -> Result<StakeOutcome, DispatchError> {
            let mut pool = Self::pool(netuid)?;
            let outcome = pool
                .stake(tao, limit, drop_fees)
                .map_err(Self::swap_error)?;
            let account = Self::subnet_account(netuid);
            Self::transfer(cold, &account, outcome.tao_spent)?;
            Self::pay_author(netuid, outcome.author_tao)?;
            Self::write_reserves(netuid, &pool);
            let alpha = outcome.swap.amount_paid_out;
            SubnetAlphaOut::<T>::mutate(netuid, |v| *v = v.saturating_add(alpha));
            Self::increase_stake(hot, cold, netuid, alpha);
            Self::deposit_event(Event::StakeAdded(
                cold.clone(),
                hot.clone(),
                outcome.tao_spent,
                alpha,
                netuid,
                outcome.swap.fee_paid,
            ));
            Ok(outcome)
        }

        /// `unstake_from_subnet`: sells `alpha` at `limit` (the alpha fee is then sold fee-less
        /// for the block author), debits the position, pays the TAO to the coldkey.
        pub fn unstake_from_subnet(
            hot: &T::AccountId,
            cold: &T::AccountId,
            netuid: NetUid,
            alpha: u64,
            limit: u64,
            drop_fees: bool,
        ) -> Result<UnstakeOutcome, DispatchError> {
            let mut pool = Self::pool(netuid)?;
            let outcome = pool
                .unstake(alpha, limit, drop_fees)
                .map_err(Self::swap_error)?;
            Self::decrease_stake(hot, cold, netuid, outcome.alpha_spent);
            // The fee alpha leaves the stake too (sold for the author, or burned).
            SubnetAlphaOut::<T>::mutate(netuid, |v| *v = v.saturating_sub(outcome.alpha_spent));
            Self::write_reserves(netuid, &pool);
            let account = Self::subnet_account(netuid);
            Self::transfer(&account, cold, outcome.swap.amount_paid_out)?;
            Self::pay_author(netuid, outcome.author_tao)?;
            Self::deposit_event(Event::StakeRemoved(
                cold.clone(),
                hot.clone(),
                outcome.swap.amount_paid_out,
                outcome.alpha_spent,
                netuid,
                outcome.swap.fee_paid,
            ));
            Ok(outcome)
        }

        fn do_add_stake(
            coldkey: T::AccountId,
            hotkey: T::AccountId,
            netuid: NetUid,
            amount: u64,
            limit: Option<u64>,
            allow_partial: bool,
        ) -> DispatchResult {
            Self::ensure_subnet(netuid)?;
            let pool = Self::pool(netuid)?;
            let (amount, limit_price) = match limit {
                None => (amount, MAX_PRICE_RAO),
                Some(l) => {
                    let max = pool.max_amount_add(l).map_err(Self::swap_error)?;
                    if !allow_partial {
                        ensure!(amount <= max, Error::<T>::SlippageTooHigh);
                    }
                    let possible = amount.min(max);
                    ensure!(possible > 0, Error::<T>::ZeroMaxStakeAmount);
                    (possible, l)
                }
            };
            let reducible = T::Currency::reducible_balance(
                &coldkey,
                Preservation::Expendable,
                Fortitude::Polite,
            );
            // Pool-side guards in Finney's order around the account-side ones.
            if pool.is_dynamic() {
                ensure!(
                    amount <= pool.tao_reserve.saturating_mul(1_000),
                    Error::<T>::InsufficientLiquidity
                );
            }
            ensure!(
                amount >= MIN_STAKE.saturating_add(pool.fee(MIN_STAKE, false)),
                Error::<T>::AmountTooLow
            );
            ensure!(amount <= reducible, Error::<T>::NotEnoughBalanceToStake);
            Self::ensure_hotkey(&hotkey)?;
            pool.validate_add_stake(amount)
                .map_err(Self::validation_error)?;
            // The account keeps its existential deposit.
            let keep =
                T::Currency::reducible_balance(&coldkey, Preservation::Preserve, Fortitude::Polite);
            let tao = amount.min(keep);
            Self::stake_into_subnet(&hotkey, &coldkey, netuid, tao, limit_price, false)?;
            Ok(())
        }

        fn validate_remove(
            hotkey: &T::AccountId,
            coldkey: &T::AccountId,
            netuid: NetUid,
            alpha: u64,
        ) -> Result<Pool, DispatchError> {
            Self::ensure_subnet(netuid)?;
            Self::ensure_hotkey(hotkey)?;
            ensure!(alpha > 0, Error::<T>::AmountTooLow);
            let live = Self::stake_value(hotkey, coldkey, netuid);
            ensure!(alpha <= live, Error::<T>::NotEnoughStakeToWithdraw);
            let pool = Self::pool(netuid)?;
            pool.validate_remove_stake(alpha, alpha == live)
                .map_err(Self::validation_error)?;
            Ok(pool)
        }

        fn do_remove_stake(
            coldkey: T::AccountId,
            hotkey: T::AccountId,
            netuid: NetUid,
            alpha: u64,
            limit: Option<u64>,
            allow_partial: bool,
        ) -> DispatchResult {
            let (alpha, limit_price) = match limit {
                None => (alpha, MIN_PRICE_RAO),
                Some(l) => {
                    Self::ensure_subnet(netuid)?;
                    let max = Self::pool(netuid)?
                        .max_amount_remove(l)
                        .map_err(Self::swap_error)?;
                    if !allow_partial {
                        ensure!(alpha <= max, Error::<T>::SlippageTooHigh);
                    }
                    let possible = alpha.min(max);
                    ensure!(possible > 0, Error::<T>::ZeroMaxStakeAmount);
                    (possible, l)
                }
            };
            Self::validate_remove(&hotkey, &coldkey, netuid, alpha)?;
            Self::unstake_from_subnet(&hotkey, &coldkey, netuid, alpha, limit_price, false)?;
            Ok(())
        }

        /// Sells every position of (coldkey, hotkey) whose full unstake validates; returns the TAO.
        fn do_unstake_all(
            coldkey: T::AccountId,
            hotkey: T::AccountId,
            include_root: bool,
        ) -> Result<u64, DispatchError> {
            Self::ensure_hotkey(&hotkey)?;
            let mut tao = 0u64;
            let netuids: Vec<NetUid> = NetworksAdded::<T>::iter()
                .filter(|(n, added)| *added && (include_root || *n != ROOT_NETUID))
                .map(|(n, _)| n)
                .collect();
            for netuid in netuids {
                let live = Self::stake_value(&hotkey, &coldkey, netuid);
                if live == 0 || Self::validate_remove(&hotkey, &coldkey, netuid, live).is_err() {
                    continue;
                }
                let out = Self::unstake_from_subnet(
                    &hotkey,
                    &coldkey,
                    netuid,
                    live,
                    MIN_PRICE_RAO,
                    false,
                )?;
                tao = tao.saturating_add(out.swap.amount_paid_out);
            }
            Ok(tao)
        }

        fn do_swap_stake(
            coldkey: T::AccountId,
            hotkey: T::AccountId,
            origin_netuid: NetUid,
            destination_netuid: NetUid,
            alpha_amount: u64,
        ) -> DispatchResult {
            ensure!(origin_netuid != destination_netuid, Error::<T>::SameNetuid);
            let tao = Self::transition_stake(
                &coldkey,
                &coldkey,
                &hotkey,
                &hotkey,
                origin_netuid,
                destination_netuid,
                alpha_amount,
                false,
            )?;
            Self::deposit_event(Event::StakeSwapped(
                coldkey,
                hotkey,
                origin_netuid,
                destination_netuid,
                tao,
            ));
            Ok(())
        }

        /// `transition_stake_internal`: moves `alpha` (capped at the live position) from
        /// (origin coldkey, origin hotkey, origin netuid) to the destination. Same-subnet moves
        /// only move shares; cross-subnet moves sell then buy with one fee-paying leg.
        /// Returns the TAO value moved.
        #[allow(clippy::too_many_arguments)]
        fn transition_stake(
            origin_coldkey: &T::AccountId,
            destination_coldkey: &T::AccountId,
            origin_hotkey: &T::AccountId,
            destination_hotkey: &T::AccountId,
            origin_netuid: NetUid,
            destination_netuid: NetUid,
            alpha: u64,
            is_transfer: bool,
        ) -> Result<u64, DispatchError> {
            Self::ensure_subnet(origin_netuid)?;
            Self::ensure_subnet(destination_netuid)?;
            Self::ensure_hotkey(origin_hotkey)?;
            Self::ensure_hotkey(destination_hotkey)?;
            let live = Self::stake_value(origin_hotkey, origin_coldkey, origin_netuid);
            let alpha = alpha.min(live);
            ensure!(alpha > 0, Error::<T>::AmountTooLow);
            if is_transfer && origin_coldkey != destination_coldkey {
                ensure!(
                    TransferToggle::<T>::get(origin_netuid),
                    Error::<T>::TransferDisallowed
                );
                ensure!(
                    TransferToggle::<T>::get(destination_netuid),
                    Error::<T>::TransferDisallowed
                );
            }
            let origin_pool = Self::pool(origin_netuid)?;
            if origin_netuid == destination_netuid {
                let price = origin_pool.price_bits();
                let tao = core_stake::fixed::fu64(core_stake::fixed::fmul(
                    core_stake::fixed::from_bits(price),
                    core_stake::fixed::fx(alpha),
                ));
                ensure!(tao >= MIN_STAKE, Error::<T>::AmountTooLow);
                Self::decrease_stake(origin_hotkey, origin_coldkey, origin_netuid, alpha);
                Self::increase_stake(
                    destination_hotkey,
                    destination_coldkey,
                    destination_netuid,
                    alpha,
                );
                return Ok(tao);
            }
            let sim = origin_pool.sim_swap_alpha_for_tao(alpha);
            ensure!(sim.tao_amount > MIN_STAKE, Error::<T>::AmountTooLow);
            let origin_is_root = origin_netuid == ROOT_NETUID;
            let leg1 = Self::unstake_from_subnet(
                origin_hotkey,
                origin_coldkey,
                origin_netuid,
                alpha,
                MIN_PRICE_RAO,
                origin_is_root,
            )?;
            let tao = leg1.swap.amount_paid_out;
            if origin_coldkey != destination_coldkey {
                Self::transfer(origin_coldkey, destination_coldkey, tao)?;
            }
            if tao >= MIN_STAKE {
                Self::stake_into_subnet(
                    destination_hotkey,
                    destination_coldkey,
                    destination_netuid,
                    tao,
                    MAX_PRICE_RAO,
                    !origin_is_root,
                )?;
            }
            Ok(tao)
        }

        /// All positions of a coldkey: `(hotkey, netuid, alpha)` with non-zero value.
        pub fn positions_of(cold: &T::AccountId) -> Vec<(T::AccountId, NetUid, u64)> {
            let netuids: Vec<NetUid> = NetworksAdded::<T>::iter()
                .filter(|(_, added)| *added)
                .map(|(n, _)| n)
                .collect();
            let mut out = Vec::new();
            for hot in StakingHotkeys::<T>::get(cold) {
                for &netuid in &netuids {
                    let v = Self::stake_value(&hot, cold, netuid);
                    if v > 0 {
                        out.push((hot.clone(), netuid, v));
                    }
                }
            }
            out
        }

        /// Subnets in id order.
        pub fn netuids() -> Vec<NetUid> {
            let mut v: Vec<NetUid> = NetworksAdded::<T>::iter()
                .filter(|(_, added)| *added)
                .map(|(n, _)| n)
                .collect();
            v.sort_unstable();
            v
        }
    }
}
