//! Staking maths bit-exact with the Bittensor chain (subtensor spec 425): the subnet pool,
//! swaps, fees, limit prices, wallet quotes and stake positions.
//!
//! Staking TAO into subnet N buys alpha from that subnet's pool; unstaking sells it. The
//! pool is a two-asset *weighted* (Balancer-style) pool — not x·y=k — with a fee taken from
//! the input, strict limit prices and partial fills. Everything here is pure (no I/O, no
//! floating point, no panics) and builds without `std`, so the same code runs in wallets and
//! inside the devnet runtime.
//!
//! - [`Pool`]: the five storage values read at one block; price ([`Pool::price_bits`],
//!   [`Pool::current_alpha_price`]), fee, outputs.
//! - [`Pool::swap`]: `do_swap` with its guards; [`Pool::sim_swap_tao_for_alpha`] /
//!   [`Pool::sim_swap_alpha_for_tao`]: the runtime API result shape.
//! - [`Pool::max_amount_add`], [`Pool::max_amount_remove`], [`max_amount_move`]: limit sizing.
//! - [`Pool::add_stake_limit`] and friends ([`extrinsic`]): what one extrinsic does to the pool.
//! - [`Pool::quote_stake`], [`Pool::quote_unstake`], [`quote_move`], [`Pool::tao_needed_for_alpha`]:
//!   wallet quotes.
//! - [`share_pool`]: stake value of a position from the share-pool storage.
//!
//! Arithmetic uses the chain's own crates: `substrate-fixed` 0.6.0 (U64F64, see [`fixed`]) and
//! `safe-bigmath` 0.4.1 (`SafeInt::pow_ratio_scaled`, see [`power`]).

pub mod error;
pub mod extrinsic;
pub mod fixed;
pub mod limit;
pub mod pool;
pub mod power;
pub mod quote;
pub mod share_pool;
pub mod swap;
pub mod weights;

pub use error::StakeError;
pub use extrinsic::{MoveOutcome, StakeOutcome, UnstakeOutcome, move_stake};
pub use limit::{base_delta_in, max_amount_move, quote_delta_in};
pub use pool::{
    DEFAULT_FEE_RATE, DEFAULT_QUOTE_WEIGHT, DYNAMIC_MECHANISM, MAX_FEE_RATE, MAX_WEIGHT,
    MIN_WEIGHT, Pool, RAO_PER_UNIT,
};
pub use quote::{MoveQuote, PPB, SwapQuote, price_ratio, quote_move};
pub use share_pool::{SafeFloat, SharePool, stake_value};
pub use swap::{SimSwapResult, SwapDirection, SwapParams, SwapResult, limit_to_fixed};

/// Minimum stake (`DefaultMinStake`): 2,000,000 rao = 0.002 TAO.
pub const MIN_STAKE: u64 = 2_000_000;
/// Lowest price limit, rao per alpha (`min_price_inner`, 1e-6 TAO/α); `remove_stake` uses it.
pub const MIN_PRICE_RAO: u64 = 1_000;
/// Highest price limit, rao per alpha (`max_price_inner`, 1e6 TAO/α); `add_stake` uses it.
pub const MAX_PRICE_RAO: u64 = 1_000_000_000_000_000;
/// `SwapMinimumReserve`: a swap needs at least this much of the output token in the pool.
pub const MINIMUM_RESERVE: u64 = 1_000_000;
/// `MAX_SWAP_INPUT_RESERVE_MULTIPLIER`: input may be at most 1000 × the input reserve.
pub const MAX_SWAP_INPUT_RESERVE_MULTIPLIER: u64 = 1_000;

#[cfg(test)]
mod tests;
