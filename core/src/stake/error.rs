//! [`StakeError`]: why the chain (or this calculator) refuses a swap, a limit or a quote.
//!
//! Variant names mirror the chain's error names (`pallet_subtensor_swap::Error` and
//! `pallet_subtensor::Error`) so a wallet can map a local refusal onto the error the
//! extrinsic would fail with.

/// Errors of the stake calculator. Chain-mirroring variants carry the chain's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StakeError {
    /// The pool's current price is not strictly on the right side of the limit price
    /// (buys need `price < limit`, sells need `price > limit`). Chain: `PriceLimitExceeded`.
    #[error("price limit exceeded: the pool price is not strictly better than the limit")]
    PriceLimitExceeded,
    /// A fill-or-kill (`allow_partial = false`) order is larger than the amount executable
    /// at its limit price. Chain: `SlippageTooHigh`.
    #[error("slippage too high: the amount cannot be filled within the limit price")]
    SlippageTooHigh,
    /// The output reserve is below the minimum reserve, or a non-zero input would buy
    /// nothing. Chain: `ReservesTooLow`.
    #[error("pool reserves too low")]
    ReservesTooLow,
    /// The swapped amount exceeds 1000 times the input reserve. Chain: `SwapInputTooLarge`.
    #[error("swap input too large for the pool")]
    SwapInputTooLarge,
    /// The amount is below the chain's minimum (2,000,000 rao and its fee), or would receive
    /// nothing. Chain: `AmountTooLow`.
    #[error("amount too low")]
    AmountTooLow,
    /// The pool cannot pay the output, or the amount exceeds 1000 times the reserve.
    /// Chain: `InsufficientLiquidity`.
    #[error("insufficient liquidity")]
    InsufficientLiquidity,
    /// The quote weight is outside `[0.01, 0.99]` (Perquintill parts `1e16 ..= 99e16`).
    /// Chain: `Balancer::new` → `InvalidValue`.
    #[error("pool weight out of range [0.01, 0.99]")]
    InvalidWeight,
    /// The fee rate is above the chain's maximum `SwapMaxFeeRate` (10000 / 65535).
    #[error("fee rate above the chain maximum of 10000")]
    InvalidFeeRate,
    /// A zero amount was given where the chain requires a non-zero one.
    #[error("amount must not be zero")]
    ZeroAmount,
    /// A slippage tolerance outside `0 ..= 1_000_000_000` (parts per billion, below 100 %).
    #[error("slippage tolerance out of range")]
    InvalidTolerance,
    /// An arithmetic result does not fit in a u64 rao amount.
    #[error("amount overflow")]
    Overflow,
    /// No input amount reaches the requested output (the pool cannot pay that much).
    #[error("target output unreachable in this pool")]
    Unreachable,
}
