//! Stake positions as shares of a hotkey's alpha pool, with the chain's `SafeFloat`
//! arithmetic (`primitives/share-pool`).
//!
//! Per (hotkey, netuid) the chain stores the pool value `TotalHotkeyAlpha` (u64 rao) and the
//! share denominator `TotalHotkeyShares` (v1: U64F64, v2: `SafeFloat`); per (hotkey, coldkey,
//! netuid) the member's share `Alpha` (v1 U64F64) / `AlphaV2` (`SafeFloat`). A position is
//! worth `floor(value · share / denominator)`, capped at `value`.
//!
//! `SafeFloat` is `mantissa · 10^exponent`, normalized so `10^20 < mantissa ≤ 10^21`
//! (dividing by 10 truncates). Zero is `(0, 0)`.

use num_bigint::BigUint;
use num_traits::{ToPrimitive, Zero};

/// Largest normalized mantissa, 10^21 (`SAFE_FLOAT_MAX`).
pub const SAFE_FLOAT_MAX: u128 = 1_000_000_000_000_000_000_000;
/// `log10(SAFE_FLOAT_MAX)`.
pub const SAFE_FLOAT_MAX_EXP: i64 = 21;

/// The chain's decimal float: `mantissa · 10^exponent`, SCALE layout `(u128, i64)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct SafeFloat {
    /// Mantissa, `10^20 < m ≤ 10^21` when normalized (0 for zero).
    pub mantissa: u128,
    /// Decimal exponent (0 for zero).
    pub exponent: i64,
}

fn big(v: u128) -> BigUint {
    BigUint::from(v)
}

/// `10^e`, capped at `10^22` as the chain's `cappow10` (larger powers are never needed).
fn cappow10(e: u64) -> BigUint {
    let capped = e.min(SAFE_FLOAT_MAX_EXP as u64 + 1) as u32;
    BigUint::from(10u32).pow(capped)
}

impl SafeFloat {
    /// Zero.
    pub const ZERO: SafeFloat = SafeFloat {
        mantissa: 0,
        exponent: 0,
    };

    /// `mantissa · 10^exponent`, normalized; `None` if the mantissa exceeds 10^21 or the
    /// exponent overflows while normalizing.
    pub fn new(mantissa: u128, exponent: i64) -> Option<SafeFloat> {
        if mantissa > SAFE_FLOAT_MAX {
            return None;
        }
        Self::normalized(&big(mantissa), exponent)
    }

    /// Normalizes an arbitrary-size mantissa (truncating division by 10 while above 10^21,
    /// exact multiplication by 10 while at or below 10^20).
    fn normalized(mantissa: &BigUint, exponent: i64) -> Option<SafeFloat> {
        if mantissa.is_zero() {
            return Some(SafeFloat::ZERO);
        }
        let max = big(SAFE_FLOAT_MAX);
        let min = big(SAFE_FLOAT_MAX / 10);
        let ten = BigUint::from(10u32);
        let mut m = mantissa.clone();
        let mut e = exponent;
        while m > max {
            m /= &ten;
            e = e.checked_add(1)?;
        }
        while m <= min {
            m *= &ten;
            e = e.checked_sub(1)?;
        }
        Some(SafeFloat {
            mantissa: m.to_u128()?,
            exponent: e,
        })
    }

    /// True for zero.
    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// `self · a / b` (`mul_div`): `normalize(floor(m_s·m_a / m_b), e_s + e_a − e_b)`;
    /// `None` for a zero divisor or exponent overflow.
    pub fn mul_div(&self, a: &SafeFloat, b: &SafeFloat) -> Option<SafeFloat> {
        if b.mantissa == 0 {
            return None;
        }
        let exponent = self
            .exponent
            .checked_add(a.exponent)?
            .checked_sub(b.exponent)?;
        let m = big(self.mantissa) * big(a.mantissa) / big(b.mantissa);
        Self::normalized(&m, exponent)
    }

    /// `self / a` keeping 21 digits: `normalize(floor(m1·10^21 / m2), e1 − e2 − 21)`.
    pub fn div(&self, a: &SafeFloat) -> Option<SafeFloat> {
        if a.mantissa == 0 {
            return None;
        }
        let exponent = i64::try_from(
            i128::from(self.exponent) - i128::from(a.exponent) - i128::from(SAFE_FLOAT_MAX_EXP),
        )
        .ok()?;
        let m = big(self.mantissa) * big(SAFE_FLOAT_MAX) / big(a.mantissa);
        Self::normalized(&m, exponent)
    }

    /// `self + a`, aligning the smaller operand to the larger exponent (truncating).
    pub fn add(&self, a: &SafeFloat) -> Option<SafeFloat> {
        if self.is_zero() {
            return Some(*a);
        }
        if a.is_zero() {
            return Some(*self);
        }
        let (hi, lo) = if self.exponent >= a.exponent {
            (self, a)
        } else {
            (a, self)
        };
        let diff = hi.exponent.saturating_sub(lo.exponent) as u64;
        let m = big(hi.mantissa) + big(lo.mantissa) / cappow10(diff);
        Self::normalized(&m, hi.exponent)
    }

    /// `self − a` (saturating at zero), aligning to the larger exponent (truncating);
    /// `None` when `self` is zero and `a` is not.
    pub fn sub(&self, a: &SafeFloat) -> Option<SafeFloat> {
        if self.is_zero() && a.is_zero() {
            return Some(SafeFloat::ZERO);
        }
        if self.is_zero() {
            return None;
        }
        if a.is_zero() {
            return Some(*self);
        }
        let (m1, m2, e) = if self.exponent >= a.exponent {
            let diff = self.exponent.saturating_sub(a.exponent) as u64;
            (
                big(self.mantissa),
                big(a.mantissa) / cappow10(diff),
                self.exponent,
            )
        } else {
            let diff = a.exponent.saturating_sub(self.exponent) as u64;
            (
                big(self.mantissa) / cappow10(diff),
                big(a.mantissa),
                a.exponent,
            )
        };
        let m = if m1 > m2 { m1 - m2 } else { BigUint::zero() };
        Self::normalized(&m, e)
    }

    /// Exact `self − a` for `self ≥ a` at the finer granularity, rounded toward zero;
    /// `None` if `self < a`.
    pub fn sub_exact_floor(&self, a: &SafeFloat) -> Option<SafeFloat> {
        if a.is_zero() {
            return Some(*self);
        }
        if self.is_zero() {
            return None;
        }
        let e = self.exponent.min(a.exponent);
        let scale = |v: &SafeFloat| -> Option<BigUint> {
            let shift = u32::try_from(v.exponent.checked_sub(e)?).ok()?;
            if shift > 256 {
                return None;
            }
            Some(big(v.mantissa) * BigUint::from(10u32).pow(shift))
        };
        let (x, y) = (scale(self)?, scale(a)?);
        if x < y {
            return None;
        }
        Self::normalized(&(x - y), e)
    }

    /// `self > a` for normalized values.
    pub fn gt(&self, a: &SafeFloat) -> bool {
        if self.is_zero() {
            return false;
        }
        if a.is_zero() {
            return true;
        }
        match self.exponent.cmp(&a.exponent) {
            core::cmp::Ordering::Equal => self.mantissa > a.mantissa,
            core::cmp::Ordering::Greater => {
                self.exponent - a.exponent > 1 || big(self.mantissa) * 10u32 > big(a.mantissa)
            }
            core::cmp::Ordering::Less => {
                a.exponent - self.exponent <= 1 && big(self.mantissa) > big(a.mantissa) * 10u32
            }
        }
    }

    /// Saturating conversion to u64 (`From<&SafeFloat> for u64`): `m·10^e` or `floor(m/10^−e)`.
    pub fn to_u64(&self) -> u64 {
        if self.exponent == 0 {
            return u64::try_from(self.mantissa).unwrap_or(u64::MAX);
        }
        let scale = cappow10(self.exponent.unsigned_abs());
        let q = if self.exponent > 0 {
            big(self.mantissa) * scale
        } else {
            big(self.mantissa) / scale
        };
        q.to_u64().unwrap_or(u64::MAX)
    }

    /// An integer as SafeFloat (`From<u64>`).
    pub fn from_u64(v: u64) -> SafeFloat {
        SafeFloat::new(u128::from(v), 0).unwrap_or_default()
    }

    /// A v1 U64F64 share (raw bits) as SafeFloat (`From<U64F64>`): integer part plus
    /// `frac / 2^64` computed with [`SafeFloat::div`], then added.
    pub fn from_u64f64_bits(bits: u128) -> SafeFloat {
        if bits == 0 {
            return SafeFloat::ZERO;
        }
        let int = (bits >> 64) as u64;
        let frac = bits as u64;
        let int_part = SafeFloat::new(u128::from(int), 0).unwrap_or_default();
        let frac_num = SafeFloat::new(u128::from(frac), 0).unwrap_or_default();
        let two64 = SafeFloat::new(1u128 << 64, 0).unwrap_or_default();
        let frac_part = frac_num.div(&two64).unwrap_or_default();
        int_part.add(&frac_part).unwrap_or_default()
    }
}

/// Value of a position: `floor(total_hotkey_alpha · share / total_shares)` with `SafeFloat`
/// arithmetic, capped at `total_hotkey_alpha`; 0 for a zero denominator.
pub fn stake_value(total_hotkey_alpha: u64, share: SafeFloat, total_shares: SafeFloat) -> u64 {
    SafeFloat::from_u64(total_hotkey_alpha)
        .mul_div(&share, &total_shares)
        .map(|v| v.to_u64().min(total_hotkey_alpha))
        .unwrap_or(0)
}

/// One hotkey's share pool on one subnet: `TotalHotkeyAlpha` and `TotalHotkeyShares`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SharePool {
    /// `TotalHotkeyAlpha`: alpha rao the pool holds.
    pub value: u64,
    /// `TotalHotkeyShares(V2)`: sum of all members' shares.
    pub denominator: SafeFloat,
}

impl SharePool {
    /// Value of a member's share in this pool (see [`stake_value`]).
    pub fn value_of(&self, share: &SafeFloat) -> u64 {
        stake_value(self.value, *share, self.denominator)
    }

    /// Shares minted for a deposit of `amount` into a pool that already has members:
    /// `amount · denominator / value`.
    pub fn shares_for_amount(&self, amount: u64) -> SafeFloat {
        SafeFloat::from_u64(amount)
            .mul_div(&self.denominator, &SafeFloat::from_u64(self.value))
            .unwrap_or_default()
    }

    /// Whether a deposit of `amount` would mint a non-zero share (the chain's precision check
    /// before staking; failing it is `InsufficientLiquidity`).
    pub fn deposit_mints_shares(&self, amount: u64) -> bool {
        self.denominator.is_zero() || self.value == 0 || !self.shares_for_amount(amount).is_zero()
    }

    /// Emission or other pool-wide value change: every member's value moves pro rata.
    pub fn add_value_for_all(&mut self, amount: u64) {
        self.value = self.value.saturating_add(amount);
    }

    /// Stake `amount` alpha for a member whose share is `share` (updated in place).
    /// A pool with shares but no value is closed first; an empty pool gives the first member
    /// all shares (`share = denominator = amount`); otherwise the denominator grows by
    /// `amount · denominator / value` and the member by exactly what the denominator gained.
    pub fn deposit(&mut self, share: &mut SafeFloat, amount: u64) {
        if amount == 0 {
            return;
        }
        if self.value == 0 && !self.denominator.is_zero() {
            self.denominator = SafeFloat::ZERO;
        }
        if self.denominator.is_zero() {
            let s = SafeFloat::from_u64(amount);
            self.denominator = s;
            *share = s;
        } else {
            let minted = self.shares_for_amount(amount);
            let new_denominator = self.denominator.add(&minted).unwrap_or(self.denominator);
            let gain = new_denominator
                .sub_exact_floor(&self.denominator)
                .or_else(|| new_denominator.sub(&self.denominator))
                .unwrap_or_default();
            *share = share.add(&gain).unwrap_or(*share);
            self.denominator = new_denominator;
        }
        self.value = self.value.saturating_add(amount);
    }

    /// Unstake `amount` alpha from a member whose share is `share` (updated in place).
    /// The denominator shrinks by `amount · denominator / value` and the member by exactly what
    /// the denominator lost (never more than its share). Emptying the pool closes it; a
    /// member left with sub-rao dust after withdrawing its whole quoted value is zeroed.
    pub fn withdraw(&mut self, share: &mut SafeFloat, amount: u64) {
        if amount == 0 || self.denominator.is_zero() {
            self.value = self.value.saturating_sub(amount);
            return;
        }
        let old_value = self.value;
        let old_share = *share;
        let burned = self.shares_for_amount(amount);
        let mut new_denominator = self.denominator.sub(&burned).unwrap_or(self.denominator);
        let loss = self
            .denominator
            .sub_exact_floor(&new_denominator)
            .or_else(|| self.denominator.sub(&new_denominator))
            .unwrap_or_default();
        let mut new_share = if loss.gt(share) {
            new_denominator = self.denominator.sub(share).unwrap_or_default();
            SafeFloat::ZERO
        } else {
            share.sub(&loss).unwrap_or_default()
        };
        let new_value = old_value.saturating_sub(amount);
        if new_value == 0 {
            new_denominator = SafeFloat::ZERO;
            new_share = SafeFloat::ZERO;
        } else if !new_share.is_zero() {
            let quoted_before = SafeFloat::from_u64(old_value)
                .mul_div(&old_share, &self.denominator)
                .map(|v| v.to_u64().min(old_value));
            let quoted_after = SafeFloat::from_u64(new_value)
                .mul_div(&new_share, &new_denominator)
                .map(|v| v.to_u64().min(new_value));
            if (quoted_before == Some(amount) || quoted_after == Some(0))
                && let Some(without_dust) = new_denominator.sub(&new_share)
            {
                new_denominator = without_dust;
                new_share = SafeFloat::ZERO;
            }
        }
        self.denominator = new_denominator;
        *share = new_share;
        self.value = new_value;
    }
}
