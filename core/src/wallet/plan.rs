//! [`Plan`]: what a flow will do, shown before signing: the action, the quote computed on
//! pool state read at one finalized block, the call, the network fee, warnings, and the
//! signing payload (for offline signers).

use alloc::{string::String, vec::Vec};

use crate::chain::{BlockRef, FeeInfo};
use crate::keys::PublicKey;
use crate::stake::{MoveQuote, SwapQuote};
use crate::tx::SigningPayload;

/// The user's intent, with the values the call will carry (limit prices included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `add_stake_limit(hotkey, netuid, tao, limit_price, allow_partial)`.
    Stake {
        /// Hotkey staked to.
        hotkey: PublicKey,
        /// Subnet.
        netuid: u16,
        /// TAO offered, rao (swap fee included).
        tao: u64,
        /// Limit price, rao per alpha.
        limit_price: u64,
        /// Partial fills allowed.
        allow_partial: bool,
    },
    /// `remove_stake_limit(hotkey, netuid, alpha, limit_price, allow_partial)`.
    Unstake {
        /// Hotkey.
        hotkey: PublicKey,
        /// Subnet.
        netuid: u16,
        /// Alpha sold, rao (swap fee included).
        alpha: u64,
        /// Limit price, rao per alpha.
        limit_price: u64,
        /// Partial fills allowed.
        allow_partial: bool,
    },
    /// `remove_stake_full_limit(hotkey, netuid, limit_price)`: the whole position.
    UnstakeFull {
        /// Hotkey.
        hotkey: PublicKey,
        /// Subnet.
        netuid: u16,
        /// Alpha of the position at the block read.
        alpha: u64,
        /// Limit price (`None` on root / stable subnets, where limits are refused).
        limit_price: Option<u64>,
    },
    /// `unstake_all(hotkey)`: every subnet to free TAO.
    UnstakeAll {
        /// Hotkey.
        hotkey: PublicKey,
    },
    /// `unstake_all_alpha(hotkey)`: every non-root subnet, the TAO restaked on root.
    UnstakeAllAlpha {
        /// Hotkey.
        hotkey: PublicKey,
    },
    /// `move_stake`: same coldkey, possibly another hotkey and subnet.
    MoveStake {
        /// Origin hotkey.
        origin_hotkey: PublicKey,
        /// Destination hotkey.
        destination_hotkey: PublicKey,
        /// Origin subnet.
        origin_netuid: u16,
        /// Destination subnet.
        destination_netuid: u16,
        /// Origin alpha moved, rao.
        alpha: u64,
    },
    /// `transfer_stake`: the stake changes coldkey (same hotkey).
    TransferStake {
        /// New owner.
        destination_coldkey: PublicKey,
        /// Hotkey.
        hotkey: PublicKey,
        /// Origin subnet.
        origin_netuid: u16,
        /// Destination subnet.
        destination_netuid: u16,
        /// Origin alpha transferred, rao.
        alpha: u64,
    },
    /// `swap_stake` or `swap_stake_limit`: same coldkey and hotkey, another subnet.
    SwapStake {
        /// Hotkey.
        hotkey: PublicKey,
        /// Origin subnet.
        origin_netuid: u16,
        /// Destination subnet.
        destination_netuid: u16,
        /// Origin alpha, rao.
        alpha: u64,
        /// `Some((limit price ratio, allow_partial))` for `swap_stake_limit`.
        limit: Option<(u64, bool)>,
    },
    /// `transfer_keep_alive` or `transfer_allow_death`.
    Transfer {
        /// Recipient.
        dest: PublicKey,
        /// Amount, rao.
        rao: u64,
        /// `transfer_keep_alive` (the sender keeps the existential deposit).
        keep_alive: bool,
    },
}

/// One position's share of an `unstake_all` / `unstake_all_alpha` quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PositionQuote {
    /// Subnet.
    pub netuid: u16,
    /// Alpha of the position.
    pub alpha: u64,
    /// Its unstake quote (`None` for root and stable subnets: 1:1, no fee, and for positions
    /// the chain will skip).
    pub quote: Option<SwapQuote>,
    /// TAO expected from this position, rao.
    pub tao_out: u64,
}

/// The stake maths behind a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanQuote {
    /// No swap (TAO transfer).
    None,
    /// One swap: stake (buy) or unstake (sell).
    Swap(SwapQuote),
    /// A cross-subnet move (two legs); for same-subnet moves, no swap happens and this is
    /// `None` instead.
    Move(MoveQuote),
    /// Several positions sold (`unstake_all*`).
    Positions(Vec<PositionQuote>),
}

/// Something the user should know before signing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The pool holds little TAO: small trades move the price a lot.
    ThinPool {
        /// Subnet.
        netuid: u16,
        /// `SubnetTAO`, rao.
        tao_reserve: u64,
    },
    /// The price impact (fee included) is above the configured threshold.
    HighPriceImpact {
        /// Subnet.
        netuid: u16,
        /// Impact, ppb.
        impact_ppb: u64,
    },
    /// A partial fill is allowed and only this much is executable at the limit right now.
    PartialFill {
        /// Executable amount at the limit.
        max_at_limit: u64,
    },
    /// `transfer_allow_death` leaves the sender below the existential deposit: the account
    /// is reaped (remaining balance lost, nonce reset).
    AccountReaped {
        /// Free balance that would remain (lost), rao.
        remaining: u64,
    },
    /// The TAO of a cross-subnet move's first leg is below the 2_000_000 rao minimum: it stays
    /// as free balance instead of being staked on the destination.
    MoveLeavesFreeTao {
        /// TAO from the first leg, rao.
        tao: u64,
    },
    /// The stake state changes every block (emissions, other transactions): the executed
    /// result may differ from the quote within the limit price. Always present for swaps
    /// without a limit (`move_stake`, `transfer_stake`, `swap_stake`, `unstake_all*`).
    NoPriceProtection,
}

/// A flow ready to sign: everything the user confirms, and the signing payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// What will be done.
    pub action: Action,
    /// The signing account (coldkey).
    pub signer: PublicKey,
    /// The finalized block whose state the quote, guards, nonce and fee were computed on.
    pub at: BlockRef,
    /// The quote.
    pub quote: PlanQuote,
    /// Expected output in rao: alpha for stakes and moves, TAO for unstakes, the amount for
    /// transfers.
    pub expected_out: u64,
    /// Swap fee in rao of the input token (0 when no swap).
    pub swap_fee: u64,
    /// Price impact (fee included), ppb.
    pub price_impact_ppb: u64,
    /// The limit price the call carries, if any.
    pub limit_price: Option<u64>,
    /// `TransactionPaymentApi_query_info` on the extrinsic as it will be signed: the network
    /// fee (`partial_fee`, tip excluded), weight and class.
    pub fee: FeeInfo,
    /// The tip, rao.
    pub tip: u64,
    /// Warnings to show.
    pub warnings: Vec<Warning>,
    /// Human-readable call (accounts as SS58).
    pub call_summary: String,
    /// The payload to sign (nonce, era, metadata hash, spec version included); serialisable
    /// for offline signing ([`SigningPayload::to_json`]).
    pub payload: SigningPayload,
}

impl Plan {
    /// The nonce the plan signs with.
    pub fn nonce(&self) -> u32 {
        self.payload.nonce
    }

    /// The SCALE call bytes.
    pub fn call(&self) -> &[u8] {
        &self.payload.call
    }
}
