//! Options of the wallet and of each limit order: era, metadata-hash mode, tip, warning
//! thresholds, slippage tolerance.

use crate::stake::PPB;
use crate::tx::DEFAULT_ERA_PERIOD;

use super::WalletError;

/// Default slippage tolerance: 0.5 % = 50 basis points.
pub const DEFAULT_TOLERANCE_BPS: u32 = 50;

/// Basis points in 100 %.
pub const BPS: u32 = 10_000;

/// Slippage settings of a limit order (`add_stake_limit`, `remove_stake_limit`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slippage {
    /// Tolerance in basis points (50 = 0.5 %): the limit price is the spot price moved by
    /// this much against the user (buys: `floor(spot·(1+tol))`, at least spot + 1; sells:
    /// `floor(spot·(1−tol))`, at most spot − 1).
    pub tolerance_bps: u32,
    /// `allow_partial`: fill what the limit allows instead of failing (`SlippageTooHigh`).
    pub allow_partial: bool,
}

impl Default for Slippage {
    fn default() -> Self {
        Slippage {
            tolerance_bps: DEFAULT_TOLERANCE_BPS,
            allow_partial: false,
        }
    }
}

impl Slippage {
    /// The tolerance in parts per billion, as [`crate::stake`] takes it; below 100 %.
    pub fn tolerance_ppb(&self) -> Result<u64, WalletError> {
        if self.tolerance_bps >= BPS {
            return Err(WalletError::InvalidTolerance(self.tolerance_bps));
        }
        Ok(u64::from(self.tolerance_bps) * (PPB / u64::from(BPS)))
    }
}

/// How the wallet builds transactions and when it warns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalletConfig {
    /// Mortal era length in blocks from the finalized block the plan reads (default 64);
    /// `None` = immortal (only on request: an immortal transaction can be replayed after the
    /// account is reaped and re-created).
    pub era_period: Option<u64>,
    /// Sign with `CheckMetadataHash` mode 1 (RFC-0078 hash of the runtime's metadata) when the
    /// runtime has the extension (default `true`).
    pub metadata_hash: bool,
    /// Tip for the block author, rao (default 0).
    pub tip: u64,
    /// Warn ([`super::Warning::ThinPool`]) when a pool holds less TAO than this, rao
    /// (default 10 TAO).
    pub thin_pool_tao: u64,
    /// Warn ([`super::Warning::HighPriceImpact`]) above this price impact, ppb (default 1 %).
    pub high_impact_ppb: u64,
}

impl Default for WalletConfig {
    fn default() -> Self {
        WalletConfig {
            era_period: Some(DEFAULT_ERA_PERIOD),
            metadata_hash: true,
            tip: 0,
            thin_pool_tao: 10_000_000_000,
            high_impact_ppb: 10_000_000,
        }
    }
}
