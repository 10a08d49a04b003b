//! The chain's power routine: `safe_bigmath::SafeInt::pow_ratio_scaled` (safe-bigmath 0.4.1).
//!
//! `(bn/bd)^(en/ed) · scale`, floored. After reducing `en/ed` by their gcd, exponents whose
//! numerator and denominator are both ≤ 1024 take an exact integer-root path; anything else
//! (the normal case for arbitrary on-chain weights) takes the crate's fixed-point ln/exp
//! series. This module only adapts types; the arithmetic is the crate's.

use safe_bigmath::SafeInt;

/// Precision the swap uses for reserve ratios (`exp_scaled`, spec 425).
pub const RESERVE_RATIO_PRECISION: u32 = 256;
/// Precision the swap uses for limit-price deltas (`calculate_{quote,base}_delta_in`).
pub const LIMIT_DELTA_PRECISION: u32 = 1024;
/// Perquintill scale (1.0 = 10^18 parts); also the `scale` argument of every call.
pub const PERQUINTILL: u64 = 1_000_000_000_000_000_000;
/// Largest reduced exponent numerator/denominator handled by the exact path.
pub const MAX_EXACT_EXPONENT: u64 = 1024;

/// Result of a scaled power, classified the way the chain's callers consume it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaledPower {
    /// The routine returned `None` (zero denominator).
    Undefined,
    /// The result fits in a u64.
    Value(u64),
    /// The result is larger than u64::MAX.
    AboveU64,
}

/// `SafeInt::pow_ratio_scaled(bn, bd, en, ed, precision, 10^18)`, classified.
pub fn pow_ratio_scaled(bn: u128, bd: u128, en: u64, ed: u64, precision: u32) -> ScaledPower {
    let result = SafeInt::pow_ratio_scaled(
        &SafeInt::from(bn),
        &SafeInt::from(bd),
        &SafeInt::from(en),
        &SafeInt::from(ed),
        precision,
        &SafeInt::from(PERQUINTILL),
    );
    match result {
        None => ScaledPower::Undefined,
        Some(v) => match v.to_u64() {
            Some(x) => ScaledPower::Value(x),
            // Inputs are non-negative, so a result that is not a u64 is above it.
            None => ScaledPower::AboveU64,
        },
    }
}

/// Whether `pow_ratio_scaled` takes its exact integer-root path for exponent `en/ed`
/// (both ≤ 1024 after gcd reduction), rather than the ln/exp series fallback.
pub fn uses_exact_path(en: u64, ed: u64) -> bool {
    if ed == 0 {
        return false;
    }
    let g = gcd(en, ed);
    let (n, d) = if g > 1 { (en / g, ed / g) } else { (en, ed) };
    n <= MAX_EXACT_EXPONENT && d <= MAX_EXACT_EXPONENT
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let r = a % b;
        a = b;
        b = r;
    }
    a
}
