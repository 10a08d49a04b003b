//! The chain's U64F64 fixed-point steps, with its exact rounding.
//!
//! Every helper wraps `substrate_fixed::types::U64F64` (the crate the chain uses) with the
//! semantics the swap pallet relies on: conversions from integers are exact, multiplication
//! truncates the 256-bit product, division is `safe_div` (truncating, 0 on a zero divisor or
//! overflow), subtraction clamps at zero and conversion to `u64` floors and saturates.
//! Names follow the specification's notation (`fx`, `fmul`, `fdiv`, `fsub`, `fu64`).

use substrate_fixed::types::U64F64;

/// 1.0 as U64F64.
pub const ONE: U64F64 = U64F64::from_bits(1u128 << 64);
/// 0.0 as U64F64.
pub const ZERO: U64F64 = U64F64::from_bits(0);

/// `saturating_from_num(n)`: the integer `n` as U64F64 (exact for every u64).
#[inline]
pub fn fx(n: u64) -> U64F64 {
    U64F64::saturating_from_num(n)
}

/// `saturating_mul(a, b)`: `floor(a·b)` at 2^-64 resolution, saturating at the maximum.
#[inline]
pub fn fmul(a: U64F64, b: U64F64) -> U64F64 {
    a.saturating_mul(b)
}

/// `safe_div(a, b)`: `floor(a/b)` at 2^-64 resolution; 0 when `b` is 0 or the quotient
/// overflows (as the chain's `SafeDiv` for fixed-point types).
#[inline]
pub fn fdiv(a: U64F64, b: U64F64) -> U64F64 {
    a.checked_div(b).unwrap_or(ZERO)
}

/// `saturating_sub(a, b)`: `a − b`, clamped at 0.
#[inline]
pub fn fsub(a: U64F64, b: U64F64) -> U64F64 {
    a.saturating_sub(b)
}

/// `saturating_add(a, b)`: `a + b`, clamped at the maximum.
#[inline]
pub fn fadd(a: U64F64, b: U64F64) -> U64F64 {
    a.saturating_add(b)
}

/// `saturating_to_num::<u64>()`: the integer part, floored (never above u64::MAX).
#[inline]
pub fn fu64(a: U64F64) -> u64 {
    a.saturating_to_num::<u64>()
}

/// U64F64 from its raw 128-bit representation (value = bits / 2^64).
#[inline]
pub fn from_bits(bits: u128) -> U64F64 {
    U64F64::from_bits(bits)
}
