//! Wallet flows (`taolight_core::wallet`): plans (quote, limit price, guards, network fee,
//! warnings, signing payload) for stake / unstake / move / transfer / swap, submission, and the
//! transaction's status with its events and dispatch error, pulled with `next_event()`.
use std::future::Future;
use std::sync::Arc;

use futures_util::lock::Mutex as AsyncMutex;
use taolight_core::keys::{PublicKey, ss58};
use taolight_core::stake::{MoveQuote, SwapQuote};
use taolight_core::wallet::{self, WalletError};

use crate::chain::{AccountInfo, BlockRef, FeeInfo, LightClient, StakePosition, account_id};
use crate::runtime::Runtime;
use crate::tx::{Event, PayloadSignature, SigningPayload};
use crate::{Keypair, TaolightError};

fn public(address: &str) -> Result<PublicKey, TaolightError> {
    Ok(PublicKey(account_id(address)?))
}

fn address(key: &PublicKey) -> String {
    key.to_ss58(ss58::DEFAULT_PREFIX)
}

impl From<WalletError> for TaolightError {
    fn from(e: WalletError) -> Self {
        let m = e.to_string();
        match e {
            WalletError::Chain(inner) => inner.into(),
            WalletError::Tx(inner) => inner.into(),
            WalletError::Quote(inner) => inner.into(),
            WalletError::UnknownSubnet(_) => Self::UnknownSubnet(m),
            WalletError::ZeroAmount => Self::ZeroAmount(m),
            WalletError::InvalidTolerance(_) => Self::InvalidTolerance(m),
            WalletError::BelowMinimumStake { .. } => Self::BelowMinimumStake(m),
            WalletError::InsufficientBalance { .. } => Self::InsufficientBalance(m),
            WalletError::InsufficientStake { .. } => Self::InsufficientStake(m),
            WalletError::NoPosition { .. } => Self::NoPosition(m),
            WalletError::LimitExceeded { .. } => Self::LimitExceeded(m),
            WalletError::RootNotAllowed => Self::RootNotAllowed(m),
            WalletError::EraExpired { .. } => Self::EraExpired(m),
            WalletError::NonceChanged { .. } => Self::NonceChanged(m),
            WalletError::RuntimeChanged { .. } => Self::RuntimeChanged(m),
            WalletError::Rejected(_) => Self::Rejected(m),
            WalletError::Runtime(_) => Self::Runtime(m),
            WalletError::Unsupported(_) => Self::Unsupported(m),
            #[allow(unreachable_patterns)]
            _ => Self::Wallet(m),
        }
    }
}

/// Slippage settings of a limit order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Slippage {
    /// Tolerance in basis points (50 = 0.5 %).
    pub tolerance_bps: u32,
    /// Fill what the limit allows instead of failing.
    pub allow_partial: bool,
}

/// How the wallet builds transactions and when it warns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct WalletConfig {
    /// Mortal era length in blocks (`None`: immortal, only on request).
    pub era_period: Option<u64>,
    /// Sign with `CheckMetadataHash` mode 1 when the runtime has it.
    pub metadata_hash: bool,
    /// Tip, rao.
    pub tip: u64,
    /// Warn when a pool holds less TAO than this, rao.
    pub thin_pool_tao: u64,
    /// Warn above this price impact, ppb.
    pub high_impact_ppb: u64,
}

impl From<Slippage> for wallet::Slippage {
    fn from(s: Slippage) -> Self {
        wallet::Slippage {
            tolerance_bps: s.tolerance_bps,
            allow_partial: s.allow_partial,
        }
    }
}

/// The default slippage: 0.5 %, fill-or-kill.
#[uniffi::export]
pub fn default_slippage() -> Slippage {
    let s = wallet::Slippage::default();
    Slippage {
        tolerance_bps: s.tolerance_bps,
        allow_partial: s.allow_partial,
    }
}

/// The default wallet configuration (mortal 64 blocks, metadata hash on, no tip, warnings
/// below 10 TAO of pool depth and above 1 % price impact).
#[uniffi::export]
pub fn default_wallet_config() -> WalletConfig {
    let c = wallet::WalletConfig::default();
    WalletConfig {
        era_period: c.era_period,
        metadata_hash: c.metadata_hash,
        tip: c.tip,
        thin_pool_tao: c.thin_pool_tao,
        high_impact_ppb: c.high_impact_ppb,
    }
}

/// What a plan will do, with the values its call carries.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Action {
    /// `add_stake_limit`.
    Stake {
        /// Hotkey (SS58).
        hotkey: String,
        /// Subnet.
        netuid: u16,
        /// TAO offered, rao (fee included).
        tao: u64,
        /// Limit price, rao per alpha.
        limit_price: u64,
        /// Partial fills allowed.
        allow_partial: bool,
    },
    /// `remove_stake_limit`.
    Unstake {
        /// Hotkey (SS58).
        hotkey: String,
        /// Subnet.
        netuid: u16,
        /// Alpha sold, rao (fee included).
        alpha: u64,
        /// Limit price, rao per alpha.
        limit_price: u64,
        /// Partial fills allowed.
        allow_partial: bool,
    },
    /// `remove_stake_full_limit`.
    UnstakeFull {
        /// Hotkey (SS58).
        hotkey: String,
        /// Subnet.
        netuid: u16,
        /// Alpha of the position.
        alpha: u64,
        /// Limit price (`None` on root / stable subnets).
        limit_price: Option<u64>,
    },
    /// `unstake_all`.
    UnstakeAll {
        /// Hotkey (SS58).
        hotkey: String,
    },
    /// `unstake_all_alpha`.
    UnstakeAllAlpha {
        /// Hotkey (SS58).
        hotkey: String,
    },
    /// `move_stake`.
    MoveStake {
        /// Origin hotkey (SS58).
        origin_hotkey: String,
        /// Destination hotkey (SS58).
        destination_hotkey: String,
        /// Origin subnet.
        origin_netuid: u16,
        /// Destination subnet.
        destination_netuid: u16,
        /// Origin alpha, rao.
        alpha: u64,
    },
    /// `transfer_stake`.
    TransferStake {
        /// New owner (SS58).
        destination_coldkey: String,
        /// Hotkey (SS58).
        hotkey: String,
        /// Origin subnet.
        origin_netuid: u16,
        /// Destination subnet.
        destination_netuid: u16,
        /// Origin alpha, rao.
        alpha: u64,
    },
    /// `swap_stake` / `swap_stake_limit`.
    SwapStake {
        /// Hotkey (SS58).
        hotkey: String,
        /// Origin subnet.
        origin_netuid: u16,
        /// Destination subnet.
        destination_netuid: u16,
        /// Origin alpha, rao.
        alpha: u64,
        /// Limit price ratio, for `swap_stake_limit`.
        limit_price: Option<u64>,
        /// Partial fills allowed (`swap_stake_limit`).
        allow_partial: bool,
    },
    /// `transfer_keep_alive` / `transfer_allow_death`.
    Transfer {
        /// Recipient (SS58).
        dest: String,
        /// Amount, rao.
        rao: u64,
        /// The sender keeps the existential deposit.
        keep_alive: bool,
    },
}

/// One position's share of an `unstake_all*` quote.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PositionQuote {
    /// Subnet.
    pub netuid: u16,
    /// Alpha of the position.
    pub alpha: u64,
    /// Its unstake quote (`None`: root / stable subnets, or skipped by the chain).
    pub quote: Option<SwapQuote>,
    /// TAO expected, rao.
    pub tao_out: u64,
}

/// The stake maths behind a plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PlanQuote {
    /// No swap.
    None,
    /// One swap (stake or unstake).
    Swap {
        /// The quote.
        quote: SwapQuote,
    },
    /// A cross-subnet move.
    Move {
        /// The quote.
        quote: MoveQuote,
    },
    /// Several positions sold.
    Positions {
        /// One per position.
        positions: Vec<PositionQuote>,
    },
}

/// Something to show before signing.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Warning {
    /// The pool holds little TAO.
    ThinPool {
        /// Subnet.
        netuid: u16,
        /// TAO reserve, rao.
        tao_reserve: u64,
    },
    /// Price impact above the configured threshold.
    HighPriceImpact {
        /// Subnet.
        netuid: u16,
        /// Impact, ppb.
        impact_ppb: u64,
    },
    /// Only this much is executable at the limit right now.
    PartialFill {
        /// Executable amount.
        max_at_limit: u64,
    },
    /// `transfer_allow_death` reaps the sender.
    AccountReaped {
        /// Balance lost, rao.
        remaining: u64,
    },
    /// The first leg's TAO stays free (below the minimum).
    MoveLeavesFreeTao {
        /// TAO, rao.
        tao: u64,
    },
    /// No limit price protects this swap.
    NoPriceProtection,
}

impl From<&wallet::Action> for Action {
    fn from(a: &wallet::Action) -> Self {
        use wallet::Action as A;
        match a {
            A::Stake {
                hotkey,
                netuid,
                tao,
                limit_price,
                allow_partial,
            } => Action::Stake {
                hotkey: address(hotkey),
                netuid: *netuid,
                tao: *tao,
                limit_price: *limit_price,
                allow_partial: *allow_partial,
            },
            A::Unstake {
                hotkey,
                netuid,
                alpha,
                limit_price,
                allow_partial,
            } => Action::Unstake {
                hotkey: address(hotkey),
                netuid: *netuid,
                alpha: *alpha,
                limit_price: *limit_price,
                allow_partial: *allow_partial,
            },
            A::UnstakeFull {
                hotkey,
                netuid,
                alpha,
                limit_price,
            } => Action::UnstakeFull {
                hotkey: address(hotkey),
                netuid: *netuid,
                alpha: *alpha,
                limit_price: *limit_price,
            },
            A::UnstakeAll { hotkey } => Action::UnstakeAll {
                hotkey: address(hotkey),
            },
            A::UnstakeAllAlpha { hotkey } => Action::UnstakeAllAlpha {
                hotkey: address(hotkey),
            },
            A::MoveStake {
                origin_hotkey,
                destination_hotkey,
                origin_netuid,
                destination_netuid,
                alpha,
            } => Action::MoveStake {
                origin_hotkey: address(origin_hotkey),
                destination_hotkey: address(destination_hotkey),
                origin_netuid: *origin_netuid,
                destination_netuid: *destination_netuid,
                alpha: *alpha,
            },
            A::TransferStake {
                destination_coldkey,
                hotkey,
                origin_netuid,
                destination_netuid,
                alpha,
            } => Action::TransferStake {
                destination_coldkey: address(destination_coldkey),
                hotkey: address(hotkey),
                origin_netuid: *origin_netuid,
                destination_netuid: *destination_netuid,
                alpha: *alpha,
            },
            A::SwapStake {
                hotkey,
                origin_netuid,
                destination_netuid,
                alpha,
                limit,
            } => Action::SwapStake {
                hotkey: address(hotkey),
                origin_netuid: *origin_netuid,
                destination_netuid: *destination_netuid,
                alpha: *alpha,
                limit_price: limit.map(|(p, _)| p),
                allow_partial: limit.is_some_and(|(_, partial)| partial),
            },
            A::Transfer {
                dest,
                rao,
                keep_alive,
            } => Action::Transfer {
                dest: address(dest),
                rao: *rao,
                keep_alive: *keep_alive,
            },
        }
    }
}

impl From<&wallet::PlanQuote> for PlanQuote {
    fn from(q: &wallet::PlanQuote) -> Self {
        match q {
            wallet::PlanQuote::None => PlanQuote::None,
            wallet::PlanQuote::Swap(quote) => PlanQuote::Swap { quote: *quote },
            wallet::PlanQuote::Move(quote) => PlanQuote::Move { quote: *quote },
            wallet::PlanQuote::Positions(list) => PlanQuote::Positions {
                positions: list
                    .iter()
                    .map(|p| PositionQuote {
                        netuid: p.netuid,
                        alpha: p.alpha,
                        quote: p.quote,
                        tao_out: p.tao_out,
                    })
                    .collect(),
            },
        }
    }
}

impl From<&wallet::Warning> for Warning {
    fn from(w: &wallet::Warning) -> Self {
        use wallet::Warning as W;
        match *w {
            W::ThinPool {
                netuid,
                tao_reserve,
            } => Warning::ThinPool {
                netuid,
                tao_reserve,
            },
            W::HighPriceImpact { netuid, impact_ppb } => {
                Warning::HighPriceImpact { netuid, impact_ppb }
            }
            W::PartialFill { max_at_limit } => Warning::PartialFill { max_at_limit },
            W::AccountReaped { remaining } => Warning::AccountReaped { remaining },
            W::MoveLeavesFreeTao { tao } => Warning::MoveLeavesFreeTao { tao },
            W::NoPriceProtection => Warning::NoPriceProtection,
        }
    }
}

/// A flow ready to sign: what the user confirms, and the signing payload.
#[derive(uniffi::Object)]
pub struct Plan {
    inner: wallet::Plan,
}

#[uniffi::export]
impl Plan {
    /// What will be done.
    pub fn action(&self) -> Action {
        (&self.inner.action).into()
    }

    /// The signing account (SS58).
    pub fn signer(&self) -> String {
        address(&self.inner.signer)
    }

    /// The finalized block the quote, guards, nonce and fee were computed on.
    pub fn at(&self) -> BlockRef {
        self.inner.at.into()
    }

    /// The quote.
    pub fn quote(&self) -> PlanQuote {
        (&self.inner.quote).into()
    }

    /// Expected output, rao (alpha for stakes and moves, TAO for unstakes).
    pub fn expected_out(&self) -> u64 {
        self.inner.expected_out
    }

    /// Swap fee, rao of the input token.
    pub fn swap_fee(&self) -> u64 {
        self.inner.swap_fee
    }

    /// Price impact (fee included), ppb.
    pub fn price_impact_ppb(&self) -> u64 {
        self.inner.price_impact_ppb
    }

    /// The limit price the call carries.
    pub fn limit_price(&self) -> Option<u64> {
        self.inner.limit_price
    }

    /// The network fee (`query_info` on the extrinsic as it will be signed).
    pub fn fee(&self) -> FeeInfo {
        self.inner.fee.into()
    }

    /// The tip, rao.
    pub fn tip(&self) -> u64 {
        self.inner.tip
    }

    /// Warnings to show.
    pub fn warnings(&self) -> Vec<Warning> {
        self.inner.warnings.iter().map(Into::into).collect()
    }

    /// The call, human-readable.
    pub fn call_summary(&self) -> String {
        self.inner.call_summary.clone()
    }

    /// The SCALE call bytes.
    pub fn call_bytes(&self) -> Vec<u8> {
        self.inner.call().to_vec()
    }

    /// The nonce it signs with.
    pub fn nonce(&self) -> u32 {
        self.inner.nonce()
    }

    /// The payload to sign (for an offline signer: `to_json()`).
    pub fn payload(&self) -> Arc<SigningPayload> {
        Arc::new(SigningPayload::from_core(self.inner.payload.clone()))
    }
}

/// A transaction in a block and what it did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Inclusion {
    /// Block hash (32 bytes).
    pub block: Vec<u8>,
    /// Block number.
    pub block_number: u64,
    /// Index in the block.
    pub index: u32,
    /// `System.ExtrinsicSuccess` was emitted.
    pub success: bool,
    /// The dispatch error by name (`SubtensorModule.SlippageTooHigh`, ...).
    pub error: Option<String>,
    /// Fee charged, rao.
    pub fee_paid: Option<u64>,
    /// The extrinsic's events.
    pub events: Vec<Event>,
}

/// Progress of a wallet submission.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum WalletTxStatus {
    /// Gossiped to peers.
    Broadcast {
        /// Peers.
        peers: u32,
    },
    /// In a best-chain block (may be retracted).
    InBlock {
        /// Where and what it did.
        inclusion: Inclusion,
    },
    /// Its block left the best chain.
    Retracted,
    /// In a finalized block. Terminal.
    Finalized {
        /// Where and what it did.
        inclusion: Inclusion,
    },
    /// Dropped. Terminal.
    Dropped {
        /// Why.
        reason: String,
    },
    /// Invalid. Terminal.
    Invalid {
        /// Why (`Stale`, `Future`, `BadProof`, `Payment`, ...).
        reason: String,
    },
    /// The watch failed. Terminal.
    Error {
        /// What failed.
        message: String,
    },
}

impl From<wallet::Inclusion> for Inclusion {
    fn from(i: wallet::Inclusion) -> Self {
        Inclusion {
            block: i.block.to_vec(),
            block_number: i.block_number,
            index: i.index,
            success: i.success,
            error: i.error,
            fee_paid: i.fee_paid,
            events: i.events.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<wallet::TxStatus> for WalletTxStatus {
    fn from(s: wallet::TxStatus) -> Self {
        use wallet::TxStatus as T;
        match s {
            T::Broadcast { peers } => Self::Broadcast { peers },
            T::InBlock(i) => Self::InBlock {
                inclusion: i.into(),
            },
            T::Retracted => Self::Retracted,
            T::Finalized(i) => Self::Finalized {
                inclusion: i.into(),
            },
            T::Dropped { reason } => Self::Dropped { reason },
            T::Invalid { reason } => Self::Invalid {
                reason: format!("{reason:?}"),
            },
            T::Error { message } => Self::Error { message },
        }
    }
}

/// A submitted transaction: its hash, nonce and status updates.
#[derive(uniffi::Object)]
pub struct Submission {
    hash: [u8; 32],
    nonce: u32,
    inner: Arc<AsyncMutex<wallet::Submission>>,
    rt: Runtime,
}

#[uniffi::export]
impl Submission {
    /// The extrinsic's hash (32 bytes).
    pub fn hash(&self) -> Vec<u8> {
        self.hash.to_vec()
    }

    /// The nonce it was signed with.
    pub fn nonce(&self) -> u32 {
        self.nonce
    }

    /// The next status; `None` after a terminal one.
    pub async fn next_event(&self) -> Result<Option<WalletTxStatus>, TaolightError> {
        let inner = self.inner.clone();
        self.rt
            .run(move || async move { Ok(inner.lock().await.next().await.map(Into::into)) })
            .await
    }
}

/// The staking wallet over a [`LightClient`]: every flow reads and proves the state at the
/// finalized block, and returns a [`Plan`] to confirm before [`Wallet::submit`].
#[derive(uniffi::Object)]
pub struct Wallet {
    inner: wallet::Wallet,
    rt: Runtime,
}

impl Wallet {
    /// Runs `f(wallet)` on the client's runtime.
    async fn with<T, F>(
        &self,
        f: impl FnOnce(wallet::Wallet) -> F + Send + 'static,
    ) -> Result<T, TaolightError>
    where
        T: Send + 'static,
        F: Future<Output = Result<T, TaolightError>> + 'static,
    {
        let w = self.inner.clone();
        self.rt.run(move || f(w)).await
    }

    async fn plan<F>(
        &self,
        f: impl FnOnce(wallet::Wallet) -> F + Send + 'static,
    ) -> Result<Arc<Plan>, TaolightError>
    where
        F: Future<Output = Result<wallet::Plan, WalletError>> + 'static,
    {
        let plan = self.with(move |w| async move { Ok(f(w).await?) }).await?;
        Ok(Arc::new(Plan { inner: plan }))
    }

    fn submission(&self, s: wallet::Submission) -> Arc<Submission> {
        Arc::new(Submission {
            hash: s.hash(),
            nonce: s.nonce(),
            inner: Arc::new(AsyncMutex::new(s)),
            rt: self.rt.clone(),
        })
    }
}

#[uniffi::export]
impl Wallet {
    /// A wallet over a started light client (it need not be ready yet).
    #[uniffi::constructor]
    pub fn new(client: Arc<LightClient>, config: WalletConfig) -> Arc<Self> {
        let config = wallet::WalletConfig {
            era_period: config.era_period,
            metadata_hash: config.metadata_hash,
            tip: config.tip,
            thin_pool_tao: config.thin_pool_tao,
            high_impact_ppb: config.high_impact_ppb,
        };
        Arc::new(Wallet {
            inner: wallet::Wallet::new(client.core().clone(), config),
            rt: client.runtime().clone(),
        })
    }

    /// The finalized block every plan reads.
    pub async fn finalized(&self) -> Result<BlockRef, TaolightError> {
        self.with(|w| async move { Ok(w.finalized().await?.into()) })
            .await
    }

    /// `System.Account` of `address` at the finalized block.
    pub async fn account(&self, address: String) -> Result<AccountInfo, TaolightError> {
        let who = public(&address)?;
        self.with(move |w| async move { Ok(w.account(&who).await?.into()) })
            .await
    }

    /// Every stake position of `coldkey` at the finalized block.
    pub async fn positions(&self, coldkey: String) -> Result<Vec<StakePosition>, TaolightError> {
        let cold = public(&coldkey)?;
        self.with(
            move |w| async move { Ok(w.positions(&cold).await?.iter().map(Into::into).collect()) },
        )
        .await
    }

    /// Stake `tao` rao (fee included) from `coldkey` to `hotkey` on `netuid`
    /// (`add_stake_limit`; root: `add_stake`).
    pub async fn stake(
        &self,
        coldkey: String,
        hotkey: String,
        netuid: u16,
        tao: u64,
        slippage: Slippage,
    ) -> Result<Arc<Plan>, TaolightError> {
        let (cold, hot) = (public(&coldkey)?, public(&hotkey)?);
        self.plan(move |w| async move { w.stake(&cold, &hot, netuid, tao, slippage.into()).await })
            .await
    }

    /// Unstake `alpha` rao (fee included) (`remove_stake_limit`; root: `remove_stake`).
    pub async fn unstake(
        &self,
        coldkey: String,
        hotkey: String,
        netuid: u16,
        alpha: u64,
        slippage: Slippage,
    ) -> Result<Arc<Plan>, TaolightError> {
        let (cold, hot) = (public(&coldkey)?, public(&hotkey)?);
        self.plan(
            move |w| async move { w.unstake(&cold, &hot, netuid, alpha, slippage.into()).await },
        )
        .await
    }

    /// Unstake the whole position (`remove_stake_full_limit`).
    pub async fn unstake_full(
        &self,
        coldkey: String,
        hotkey: String,
        netuid: u16,
        slippage: Slippage,
    ) -> Result<Arc<Plan>, TaolightError> {
        let (cold, hot) = (public(&coldkey)?, public(&hotkey)?);
        self.plan(
            move |w| async move { w.unstake_full(&cold, &hot, netuid, slippage.into()).await },
        )
        .await
    }

    /// Every position on `hotkey` to free TAO (`unstake_all`).
    pub async fn unstake_all(
        &self,
        coldkey: String,
        hotkey: String,
    ) -> Result<Arc<Plan>, TaolightError> {
        let (cold, hot) = (public(&coldkey)?, public(&hotkey)?);
        self.plan(move |w| async move { w.unstake_all(&cold, &hot).await })
            .await
    }

    /// Every non-root position on `hotkey` sold, the TAO restaked on root
    /// (`unstake_all_alpha`).
    pub async fn unstake_all_alpha(
        &self,
        coldkey: String,
        hotkey: String,
    ) -> Result<Arc<Plan>, TaolightError> {
        let (cold, hot) = (public(&coldkey)?, public(&hotkey)?);
        self.plan(move |w| async move { w.unstake_all_alpha(&cold, &hot).await })
            .await
    }

    /// Move stake to another hotkey and/or subnet (`move_stake`).
    pub async fn move_stake(
        &self,
        coldkey: String,
        origin_hotkey: String,
        destination_hotkey: String,
        origin_netuid: u16,
        destination_netuid: u16,
        alpha: u64,
    ) -> Result<Arc<Plan>, TaolightError> {
        let cold = public(&coldkey)?;
        let (from, to) = (public(&origin_hotkey)?, public(&destination_hotkey)?);
        self.plan(move |w| async move {
            w.move_stake(&cold, &from, &to, origin_netuid, destination_netuid, alpha)
                .await
        })
        .await
    }

    /// Give stake to another coldkey (`transfer_stake`).
    pub async fn transfer_stake(
        &self,
        coldkey: String,
        destination_coldkey: String,
        hotkey: String,
        origin_netuid: u16,
        destination_netuid: u16,
        alpha: u64,
    ) -> Result<Arc<Plan>, TaolightError> {
        let (cold, dest, hot) = (
            public(&coldkey)?,
            public(&destination_coldkey)?,
            public(&hotkey)?,
        );
        self.plan(move |w| async move {
            w.transfer_stake(&cold, &dest, &hot, origin_netuid, destination_netuid, alpha)
                .await
        })
        .await
    }

    /// Swap stake between subnets (`swap_stake_limit` with a slippage, else `swap_stake`).
    pub async fn swap_stake(
        &self,
        coldkey: String,
        hotkey: String,
        origin_netuid: u16,
        destination_netuid: u16,
        alpha: u64,
        slippage: Option<Slippage>,
    ) -> Result<Arc<Plan>, TaolightError> {
        let (cold, hot) = (public(&coldkey)?, public(&hotkey)?);
        self.plan(move |w| async move {
            w.swap_stake(
                &cold,
                &hot,
                origin_netuid,
                destination_netuid,
                alpha,
                slippage.map(Into::into),
            )
            .await
        })
        .await
    }

    /// Send `rao` TAO to `dest` (`transfer_keep_alive` / `transfer_allow_death`).
    pub async fn transfer(
        &self,
        coldkey: String,
        dest: String,
        rao: u64,
        keep_alive: bool,
    ) -> Result<Arc<Plan>, TaolightError> {
        let (cold, to) = (public(&coldkey)?, public(&dest)?);
        self.plan(move |w| async move { w.transfer(&cold, &to, rao, keep_alive).await })
            .await
    }

    /// Signs the plan with `keypair` (its signer) and submits it.
    pub async fn submit(
        &self,
        plan: Arc<Plan>,
        keypair: Arc<Keypair>,
    ) -> Result<Arc<Submission>, TaolightError> {
        let signature = plan.inner.payload.sign(keypair.inner())?;
        let plan = plan.inner.clone();
        let s = self
            .with(move |w| async move { Ok(w.submit_signed(&plan, &signature).await?) })
            .await?;
        Ok(self.submission(s))
    }

    /// Submits the plan with a signature made elsewhere over `plan.payload()`.
    pub async fn submit_signed(
        &self,
        plan: Arc<Plan>,
        signature: PayloadSignature,
    ) -> Result<Arc<Submission>, TaolightError> {
        let signature = signature.to_core()?;
        let plan = plan.inner.clone();
        let s = self
            .with(move |w| async move { Ok(w.submit_signed(&plan, &signature).await?) })
            .await?;
        Ok(self.submission(s))
    }
}
