//! [`WalletError`]: the one error type of [`crate::wallet`].

use alloc::string::String;

use crate::chain::ChainError;
use crate::stake::StakeError;
use crate::tx::TxError;

use super::status::InvalidReason;

/// Why a flow could not be planned, signed or submitted.
///
/// Guards run before anything is signed, so a guard error means nothing left the wallet.
/// Messages carry amounts, subnets and names, never key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WalletError {
    /// The light client failed (not ready, stopped, a proof did not verify, ...).
    #[error("chain: {0}")]
    Chain(#[from] ChainError),
    /// A call, payload or extrinsic could not be built or checked.
    #[error("transaction: {0}")]
    Tx(#[from] TxError),
    /// The stake calculator refused the quote (chain error names, e.g. `AmountTooLow`).
    #[error("quote: {0}")]
    Quote(#[from] StakeError),
    /// The subnet does not exist at the block read.
    #[error("subnet {0} does not exist")]
    UnknownSubnet(u16),
    /// A zero amount.
    #[error("the amount must not be zero")]
    ZeroAmount,
    /// The slippage tolerance is not below 100 % (10_000 bps).
    #[error("slippage tolerance of {0} bps is not below 100 %")]
    InvalidTolerance(u32),
    /// The amount is below the chain's minimum for this operation (rao).
    #[error("amount {amount} rao is below the minimum of {minimum} rao")]
    BelowMinimumStake {
        /// The amount asked for.
        amount: u64,
        /// The chain's minimum (stake: 2_000_000 + its swap fee; unstake: 2_000_000 rao out).
        minimum: u64,
    },
    /// The free balance does not cover the amount, the network fee and (keep-alive) the
    /// existential deposit.
    #[error("insufficient balance: {needed} rao needed, {available} rao available")]
    InsufficientBalance {
        /// Amount + network fee (+ existential deposit when the account must stay alive).
        needed: u64,
        /// Spendable free balance (free − frozen).
        available: u64,
    },
    /// Unstaking or moving more alpha than the position holds.
    #[error("insufficient stake: {requested} alpha rao requested, the position holds {available}")]
    InsufficientStake {
        /// Alpha asked for.
        requested: u64,
        /// Alpha in the position.
        available: u64,
    },
    /// The coldkey has no stake on this subnet with this hotkey (or none at all for
    /// `unstake_all*`).
    #[error("no stake position on subnet {netuid}")]
    NoPosition {
        /// The subnet.
        netuid: u16,
    },
    /// A fill-or-kill order larger than what is executable at its limit price right now: the
    /// chain would fail it with `SlippageTooHigh`.
    #[error("slippage too high: {amount} exceeds {max_at_limit} executable within the limit price")]
    LimitExceeded {
        /// The amount of the order.
        amount: u64,
        /// Largest amount executable at the limit price at the block read.
        max_at_limit: u64,
    },
    /// Limit orders are not allowed on the root subnet (chain: `RootNetUidNotAllowed`).
    #[error("limit orders are not allowed on the root subnet")]
    RootNotAllowed,
    /// The plan's mortal era is over: plan again.
    #[error("the transaction's era is over (valid for blocks {birth}..{death}, now at #{current})")]
    EraExpired {
        /// First block of validity.
        birth: u64,
        /// First block no longer valid.
        death: u64,
        /// The best block now.
        current: u64,
    },
    /// The plan's nonce is no longer the account's next one (another transaction of the
    /// account was submitted or included meanwhile): plan again.
    #[error("stale plan: it was signed for nonce {planned}, the account's next nonce is {next}")]
    NonceChanged {
        /// The nonce in the plan.
        planned: u32,
        /// The next nonce now.
        next: u32,
    },
    /// The runtime upgraded since the plan was made: plan again.
    #[error("the runtime changed since the plan (spec {planned} → {now}): plan again")]
    RuntimeChanged {
        /// The plan's spec version.
        planned: u32,
        /// The current one.
        now: u32,
    },
    /// The transaction pool refuses the transaction before submission
    /// (`TaggedTransactionQueue_validate_transaction`).
    #[error("the chain refuses the transaction: {0:?}")]
    Rejected(InvalidReason),
    /// The chain's runtime lacks something the flow needs (an API, a constant, a property).
    #[error("runtime: {0}")]
    Runtime(String),
    /// Not supported by this runtime or not implemented yet.
    #[error("unsupported: {0}")]
    Unsupported(String),
}
