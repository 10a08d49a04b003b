//! Amounts: decimal TAO / alpha strings ⇄ rao (`u64`), without floating point.
use taolight_core::amount::{self, AmountError};

use crate::TaolightError;

impl From<AmountError> for TaolightError {
    fn from(e: AmountError) -> Self {
        let m = e.to_string();
        match e {
            AmountError::Empty => Self::Empty(m),
            AmountError::InvalidCharacter { .. } => Self::InvalidCharacter(m),
            AmountError::Negative => Self::Negative(m),
            AmountError::TooManyDecimals { .. } => Self::TooManyDecimals(m),
            AmountError::Overflow => Self::Overflow(m),
        }
    }
}

/// Parses a decimal TAO/alpha amount (9 decimals) into rao: `"1.5"` → `1500000000`.
/// Accepts `"1"`, `"1.5"`, `"1."`, `".5"`; refuses signs, spaces, separators, exponents and a
/// tenth decimal.
#[uniffi::export]
pub fn parse_rao(amount: String) -> Result<u64, TaolightError> {
    Ok(amount::parse_rao(&amount)?)
}

/// Parses a decimal amount with `decimals` fractional digits into integer base units.
#[uniffi::export]
pub fn parse_units(amount: String, decimals: u32) -> Result<u64, TaolightError> {
    Ok(amount::parse_units(&amount, decimals)?)
}

/// The shortest exact decimal form of a rao amount: `1500000000` → `"1.5"`.
#[uniffi::export]
pub fn format_rao(rao: u64) -> String {
    amount::format_rao(rao)
}

/// A rao amount with exactly `decimals` fractional digits (at most 9 are shown), truncated
/// toward zero: `format_rao_fixed(1234567891, 4)` → `"1.2345"`.
#[uniffi::export]
pub fn format_rao_fixed(rao: u64, decimals: u32) -> String {
    amount::format_rao_fixed(rao, decimals)
}
