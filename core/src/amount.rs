//! Decimal TAO / alpha amounts ⇄ rao, without floating point.
//!
//! TAO and every subnet's alpha have 9 decimals: 1 TAO = 10^9 rao. [`parse_rao`] reads
//! strings such as `"1.5"`, `"0.000000001"`, `".25"` or `"21000000"`; [`format_rao`] writes
//! the shortest exact form (`1500000000` → `"1.5"`), [`format_rao_fixed`] a fixed number of
//! decimals (truncating, never rounding up, so a displayed balance is never more than held).

use alloc::string::String;
use core::fmt::Write;

/// Decimals of TAO and alpha.
pub const DECIMALS: u32 = 9;
/// Rao per whole TAO / alpha (10^9).
pub const RAO_PER_TAO: u64 = 1_000_000_000;

/// Why a decimal amount string was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// The string is empty (or only a decimal point).
    #[error("empty amount")]
    Empty,
    /// A character other than ASCII digits and a single `.` (e.g. a sign, space, comma, exponent).
    #[error("invalid character at byte {position}")]
    InvalidCharacter {
        /// Byte offset of the offending character.
        position: usize,
    },
    /// A negative amount (`-` prefix).
    #[error("negative amount")]
    Negative,
    /// More fractional digits than the token has (9).
    #[error("more than {max} decimal places")]
    TooManyDecimals {
        /// The maximum number of decimals.
        max: u32,
    },
    /// The amount does not fit in a u64 of rao (above 18446744073.709551615).
    #[error("amount too large for u64 rao")]
    Overflow,
}

/// Parses a decimal token amount (9 decimals) into rao. Accepts `"1"`, `"1.5"`, `"1."`,
/// `".5"`; rejects signs, whitespace, separators, exponents and a tenth decimal digit.
pub fn parse_rao(s: &str) -> Result<u64, AmountError> {
    parse_units(s, DECIMALS)
}

/// Parses a decimal amount with `decimals` fractional digits into integer base units.
pub fn parse_units(s: &str, decimals: u32) -> Result<u64, AmountError> {
    if s.starts_with('-') {
        return Err(AmountError::Negative);
    }
    let (int_part, frac_part, frac_offset) = match s.find('.') {
        Some(i) => (&s[..i], &s[i + 1..], i + 1),
        None => (s, "", s.len()),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(AmountError::Empty);
    }
    let check = |part: &str, offset: usize| -> Result<(), AmountError> {
        match part.bytes().position(|b| !b.is_ascii_digit()) {
            Some(p) => Err(AmountError::InvalidCharacter {
                position: offset + p,
            }),
            None => Ok(()),
        }
    };
    check(int_part, 0)?;
    check(frac_part, frac_offset)?;
    let frac_digits = frac_part.len();
    if frac_digits > decimals as usize {
        return Err(AmountError::TooManyDecimals { max: decimals });
    }
    let scale = 10u64.checked_pow(decimals).ok_or(AmountError::Overflow)?;
    let mut whole: u64 = 0;
    for b in int_part.bytes() {
        whole = whole
            .checked_mul(10)
            .and_then(|w| w.checked_add(u64::from(b - b'0')))
            .ok_or(AmountError::Overflow)?;
    }
    let mut frac: u64 = 0;
    for b in frac_part.bytes() {
        frac = frac * 10 + u64::from(b - b'0');
    }
    // Pad the fraction to `decimals` digits (frac < 10^decimals ≤ u64::MAX fits).
    for _ in frac_digits..decimals as usize {
        frac *= 10;
    }
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(frac))
        .ok_or(AmountError::Overflow)
}

/// Shortest exact decimal form of a rao amount: `1_500_000_000` → `"1.5"`, `0` → `"0"`,
/// `1` → `"0.000000001"`.
pub fn format_rao(rao: u64) -> String {
    format_units(rao, DECIMALS, None)
}

/// A rao amount with exactly `decimals` fractional digits (at most 9), truncated toward zero:
/// `format_rao_fixed(1_234_567_891, 4)` → `"1.2345"`; `decimals = 0` gives the whole part only.
pub fn format_rao_fixed(rao: u64, decimals: u32) -> String {
    format_units(rao, DECIMALS, Some(decimals.min(DECIMALS)))
}

fn format_units(value: u64, decimals: u32, fixed: Option<u32>) -> String {
    let scale = 10u64.pow(decimals);
    let whole = value / scale;
    let frac = value % scale;
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write!(out, "{whole}");
    let mut digits = String::new();
    let _ = write!(digits, "{frac:0width$}", width = decimals as usize);
    let shown = match fixed {
        Some(n) => &digits[..n as usize],
        None => digits.trim_end_matches('0'),
    };
    if !shown.is_empty() {
        out.push('.');
        out.push_str(shown);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_decimal_strings() {
        assert_eq!(parse_rao("1.5"), Ok(1_500_000_000));
        assert_eq!(parse_rao("0"), Ok(0));
        assert_eq!(parse_rao("0.000000001"), Ok(1));
        assert_eq!(parse_rao(".25"), Ok(250_000_000));
        assert_eq!(parse_rao("2."), Ok(2_000_000_000));
        assert_eq!(parse_rao("000012.340"), Ok(12_340_000_000));
        assert_eq!(parse_rao("18446744073.709551615"), Ok(u64::MAX));
    }

    #[test]
    fn rejects_bad_strings_with_typed_errors() {
        assert_eq!(parse_rao(""), Err(AmountError::Empty));
        assert_eq!(parse_rao("."), Err(AmountError::Empty));
        assert_eq!(parse_rao("-1"), Err(AmountError::Negative));
        assert_eq!(
            parse_rao("1.0000000001"),
            Err(AmountError::TooManyDecimals { max: 9 })
        );
        assert_eq!(
            parse_rao("18446744073.709551616"),
            Err(AmountError::Overflow)
        );
        assert_eq!(
            parse_rao("99999999999999999999"),
            Err(AmountError::Overflow)
        );
        assert_eq!(
            parse_rao("1,5"),
            Err(AmountError::InvalidCharacter { position: 1 })
        );
        assert_eq!(
            parse_rao("1.5e3"),
            Err(AmountError::InvalidCharacter { position: 3 })
        );
        assert_eq!(
            parse_rao(" 1"),
            Err(AmountError::InvalidCharacter { position: 0 })
        );
        assert_eq!(
            parse_rao("1.2.3"),
            Err(AmountError::InvalidCharacter { position: 3 })
        );
        assert_eq!(
            parse_rao("+1"),
            Err(AmountError::InvalidCharacter { position: 0 })
        );
    }

    #[test]
    fn formats_trimmed_and_fixed() {
        assert_eq!(format_rao(1_500_000_000), "1.5");
        assert_eq!(format_rao(0), "0");
        assert_eq!(format_rao(1), "0.000000001");
        assert_eq!(format_rao(u64::MAX), "18446744073.709551615");
        assert_eq!(format_rao(42_000_000_000), "42");
        assert_eq!(format_rao_fixed(1_234_567_891, 4), "1.2345");
        assert_eq!(format_rao_fixed(1_999_999_999, 2), "1.99");
        assert_eq!(format_rao_fixed(5_000_000_000, 3), "5.000");
        assert_eq!(format_rao_fixed(5_500_000_000, 0), "5");
        assert_eq!(format_rao_fixed(7, 12), "0.000000007");
    }

    #[test]
    fn round_trips() {
        for v in [
            0u64,
            1,
            9,
            10,
            999_999_999,
            1_000_000_000,
            123_456_789_012,
            u64::MAX,
        ] {
            assert_eq!(parse_rao(&format_rao(v)), Ok(v));
            assert_eq!(parse_rao(&format_rao_fixed(v, 9)), Ok(v));
        }
    }
}
