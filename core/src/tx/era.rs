//! Transaction mortality (`sp_runtime::generic::Era`): the window of blocks in which a signed
//! transaction is valid, encoded in one or two bytes.

use super::TxError;

/// The default mortal period: 64 blocks (about 13 minutes at 12 s blocks).
pub const DEFAULT_ERA_PERIOD: u64 = 64;

/// A transaction's era: immortal (valid forever, signed against the genesis hash) or mortal
/// (valid for `period` blocks from its birth block, signed against the birth block's hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    /// Valid in every block; the payload commits to the genesis hash.
    Immortal,
    /// Valid from the birth block for `period` blocks (`period` a power of two in 4..=65536,
    /// `phase` = birth block mod period, quantized for periods above 4096).
    Mortal {
        /// Length of the validity window in blocks.
        period: u64,
        /// Position of the birth block in the period.
        phase: u64,
    },
}

impl Era {
    /// A mortal era of (at least) `period` blocks starting at block `current`, as sp-runtime
    /// computes it: the period is rounded up to a power of two, and must be in 4..=65536.
    pub fn mortal(period: u64, current: u64) -> Result<Era, TxError> {
        if !(4..=65536).contains(&period) {
            return Err(TxError::BadEraPeriod(period));
        }
        let period = period.next_power_of_two();
        let phase = current % period;
        let quantize = (period >> 12).max(1);
        Ok(Era::Mortal {
            period,
            phase: phase / quantize * quantize,
        })
    }

    /// SCALE bytes: `0x00` for immortal, two bytes little-endian for mortal.
    pub fn encode(&self) -> alloc::vec::Vec<u8> {
        match *self {
            Era::Immortal => alloc::vec![0],
            Era::Mortal { period, phase } => {
                let quantize = (period >> 12).max(1);
                let low = (period.trailing_zeros().saturating_sub(1)).clamp(1, 15) as u16;
                let high = ((phase / quantize) << 4) as u16;
                (low | high).to_le_bytes().to_vec()
            }
        }
    }

    /// Decodes an era from the start of `input`, returning it and the bytes used.
    pub fn decode(input: &[u8]) -> Result<(Era, usize), TxError> {
        match input {
            [0, ..] => Ok((Era::Immortal, 1)),
            [a, b, ..] => {
                let encoded = u16::from(*a) | (u16::from(*b) << 8);
                let period = 2u64 << (encoded % (1 << 4));
                let quantize = (period >> 12).max(1);
                let phase = u64::from(encoded >> 4) * quantize;
                if period >= 4 && phase < period {
                    Ok((Era::Mortal { period, phase }, 2))
                } else {
                    Err(TxError::BadExtrinsic("invalid mortal era".into()))
                }
            }
            _ => Err(TxError::BadExtrinsic("truncated era".into())),
        }
    }

    /// The first block of validity for a transaction checked at block `current`.
    pub fn birth(&self, current: u64) -> u64 {
        match *self {
            Era::Immortal => 0,
            Era::Mortal { period, phase } => (current.max(phase) - phase) / period * period + phase,
        }
    }

    /// The first block at which the transaction is no longer valid (`u64::MAX` if immortal).
    pub fn death(&self, current: u64) -> u64 {
        match *self {
            Era::Immortal => u64::MAX,
            Era::Mortal { period, .. } => self.birth(current).saturating_add(period),
        }
    }
}
