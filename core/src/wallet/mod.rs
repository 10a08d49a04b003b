//! The wallet facade the bindings expose: staking flows on top of [`crate::chain`] (light
//! client, typed reads), [`crate::stake`] (chain-exact quotes) and [`crate::tx`] (calls,
//! signing, events).
//!
//! Every flow first returns a [`Plan`]: the quote computed on pool state read and proven at
//! one finalized block (recorded in [`Plan::at`]), the call with its limit price, the amount
//! guards' verdict (typed [`WalletError`]s before anything is signed), the network fee from
//! `TransactionPaymentApi_query_info` on the extrinsic as it will be signed, and warnings.
//! [`Wallet::submit`] signs it with a [`crate::keys::Keypair`]; offline signers take
//! [`Plan::payload`] instead and come back with [`Wallet::submit_signed`]. Either gives a
//! [`Submission`] whose [`TxStatus`] updates end finalized (with the extrinsic's events and
//! its dispatch error by name, e.g. `SubtensorModule.SlippageTooHigh`), dropped or invalid.
//!
//! | flow | call |
//! |---|---|
//! | [`Wallet::stake`] | `add_stake_limit` (root: `add_stake`) |
//! | [`Wallet::unstake`] | `remove_stake_limit` (root: `remove_stake`) |
//! | [`Wallet::unstake_full`] | `remove_stake_full_limit` |
//! | [`Wallet::unstake_all`], [`Wallet::unstake_all_alpha`] | `unstake_all`, `unstake_all_alpha` |
//! | [`Wallet::move_stake`], [`Wallet::transfer_stake`] | `move_stake`, `transfer_stake` |
//! | [`Wallet::swap_stake`] | `swap_stake_limit` with a [`Slippage`], else `swap_stake` |
//! | [`Wallet::transfer`] | `transfer_keep_alive` / `transfer_allow_death` |

mod client;
mod config;
mod error;
mod flows;
pub mod guards;
mod plan;
mod status;
mod submit;

pub use client::Wallet;
pub use config::{BPS, DEFAULT_TOLERANCE_BPS, Slippage, WalletConfig};
pub use error::WalletError;
pub use plan::{Action, Plan, PlanQuote, PositionQuote, Warning};
pub use status::{Inclusion, InvalidReason, TxStatus, event_u64};
pub use submit::Submission;

#[cfg(test)]
mod tests;
