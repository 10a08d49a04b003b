//! Amounts: decimal TAO / alpha strings ⇄ `bigint` rao, and the checked conversions every
//! export uses for numbers coming from JavaScript.
//!
//! ```js
//! import { parseRao, formatRao, formatRaoFixed } from 'taolight';
//! parseRao('1.5');                      // 1500000000n
//! formatRao(1500000000n);               // '1.5'
//! formatRaoFixed(1234567891n, 4);       // '1.2345' (truncated, never rounded up)
//! ```
//! Amounts are `bigint` only: a `number`, a negative `bigint` or one above 2^64 − 1 is refused
//! with code `"InvalidArgument"` instead of being wrapped silently (which is what a plain
//! `u64` parameter of wasm-bindgen would do).
use taolight_core::amount::{self, AmountError};
use wasm_bindgen::prelude::*;

use crate::error::Error;

impl From<AmountError> for Error {
    fn from(e: AmountError) -> Self {
        let code = match e {
            AmountError::Empty => "Empty",
            AmountError::InvalidCharacter { .. } => "InvalidCharacter",
            AmountError::Negative => "Negative",
            AmountError::TooManyDecimals { .. } => "TooManyDecimals",
            AmountError::Overflow => "Overflow",
        };
        Error {
            code,
            message: e.to_string(),
        }
    }
}

/// A `bigint` in `0 ..= 2^64 − 1` (an amount in rao, a limit price, a reserve).
pub(crate) fn u64_from_js(value: &JsValue, what: &str) -> Result<u64, Error> {
    if !value.is_bigint() {
        return Err(Error::invalid_argument(format!(
            "{what} must be a bigint, got {}",
            value.js_typeof().as_string().unwrap_or_default()
        )));
    }
    u64::try_from(value.clone())
        .map_err(|_| Error::invalid_argument(format!("{what} must be a bigint in 0 ..= 2^64 - 1")))
}

/// A `bigint` in `0 ..= 2^128 − 1` (a U64F64 value as raw bits, a `SafeFloat` mantissa).
pub(crate) fn u128_from_js(value: &JsValue, what: &str) -> Result<u128, Error> {
    if !value.is_bigint() {
        return Err(Error::invalid_argument(format!("{what} must be a bigint")));
    }
    u128::try_from(value.clone())
        .map_err(|_| Error::invalid_argument(format!("{what} must be a bigint in 0 ..= 2^128 - 1")))
}

/// A `bigint` in `-2^63 ..= 2^63 − 1`.
pub(crate) fn i64_from_js(value: &JsValue, what: &str) -> Result<i64, Error> {
    if !value.is_bigint() {
        return Err(Error::invalid_argument(format!("{what} must be a bigint")));
    }
    i64::try_from(value.clone())
        .map_err(|_| Error::invalid_argument(format!("{what} must be a bigint in the i64 range")))
}

/// A non-negative integer `number` (or `bigint`) no larger than `max`.
pub(crate) fn uint_from_js(value: &JsValue, what: &str, max: u64) -> Result<u64, Error> {
    let n = if value.is_bigint() {
        u64::try_from(value.clone()).ok()
    } else {
        value
            .as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= max as f64)
            .map(|f| f as u64)
    };
    n.filter(|n| *n <= max)
        .ok_or_else(|| Error::invalid_argument(format!("{what} must be an integer in 0 ..= {max}")))
}

/// A JS string.
pub(crate) fn string_from_js(value: &JsValue, what: &str) -> Result<String, Error> {
    value
        .as_string()
        .ok_or_else(|| Error::invalid_argument(format!("{what} must be a string")))
}

/// Parses a decimal TAO/alpha amount (9 decimals) into rao: `"1.5"` → `1500000000n`.
/// Accepts `"1"`, `"1.5"`, `"1."`, `".5"`; refuses signs, spaces, separators, exponents and a
/// tenth decimal (codes `Empty`, `InvalidCharacter`, `Negative`, `TooManyDecimals`, `Overflow`).
#[wasm_bindgen(js_name = parseRao)]
pub fn parse_rao(
    #[wasm_bindgen(unchecked_param_type = "string")] amount: JsValue,
) -> Result<u64, Error> {
    Ok(amount::parse_rao(&string_from_js(&amount, "amount")?)?)
}

/// Parses a decimal amount with `decimals` fractional digits into integer base units.
#[wasm_bindgen(js_name = parseUnits)]
pub fn parse_units(
    #[wasm_bindgen(unchecked_param_type = "string")] amount: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] decimals: JsValue,
) -> Result<u64, Error> {
    let decimals = uint_from_js(&decimals, "decimals", u64::from(u32::MAX))? as u32;
    Ok(amount::parse_units(
        &string_from_js(&amount, "amount")?,
        decimals,
    )?)
}

/// The shortest exact decimal form of a rao amount: `1500000000n` → `"1.5"`, `1n` →
/// `"0.000000001"`.
#[wasm_bindgen(js_name = formatRao)]
pub fn format_rao(
    #[wasm_bindgen(unchecked_param_type = "bigint")] rao: JsValue,
) -> Result<String, Error> {
    Ok(amount::format_rao(u64_from_js(&rao, "rao")?))
}

/// A rao amount with exactly `decimals` fractional digits (at most 9 are shown), truncated
/// toward zero: `formatRaoFixed(1234567891n, 4)` → `"1.2345"`.
#[wasm_bindgen(js_name = formatRaoFixed)]
pub fn format_rao_fixed(
    #[wasm_bindgen(unchecked_param_type = "bigint")] rao: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] decimals: JsValue,
) -> Result<String, Error> {
    let decimals = uint_from_js(&decimals, "decimals", u64::from(u32::MAX))? as u32;
    Ok(amount::format_rao_fixed(
        u64_from_js(&rao, "rao")?,
        decimals,
    ))
}
