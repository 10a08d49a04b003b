//! What happens to a submitted transaction: [`TxStatus`] updates from a [`Submission`], with
//! the extrinsic's outcome (events, dispatch error by name) once it is in a block.

use alloc::{string::String, vec::Vec};

use crate::tx::events::Event;

/// Why the transaction pool refuses a transaction (`TransactionValidityError`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidReason {
    /// The nonce was already used (`Invalid(Stale)`).
    Stale,
    /// The nonce is ahead of the account's next one (`Invalid(Future)`).
    Future,
    /// The signature does not verify: wrong key, wrong genesis/spec/metadata hash, or an era
    /// whose birth block the chain no longer has (`Invalid(BadProof)`).
    BadProof,
    /// The account cannot pay the fee (`Invalid(Payment)`).
    Payment,
    /// The era's birth block is unknown (`Invalid(AncientBirthBlock)`).
    AncientBirthBlock,
    /// The block cannot hold it (`Invalid(ExhaustsResources)`).
    ExhaustsResources,
    /// Refused by a runtime extension with a custom code (`Invalid(Custom(n))`).
    Custom(u8),
    /// Another reason, as the chain or smoldot words it.
    Other(String),
}

impl InvalidReason {
    /// Reads a reason from a validity name or smoldot's message (`"Invalid transaction:
    /// BadProof"`, `"Stale"`, `"Custom(3)"`, ...).
    pub fn parse(text: &str) -> InvalidReason {
        let word = |w: &str| text.contains(w);
        if word("Stale") {
            InvalidReason::Stale
        } else if word("Future") {
            InvalidReason::Future
        } else if word("BadProof") || word("bad signature") {
            InvalidReason::BadProof
        } else if word("AncientBirthBlock") {
            InvalidReason::AncientBirthBlock
        } else if word("ExhaustsResources") {
            InvalidReason::ExhaustsResources
        } else if word("Payment") {
            InvalidReason::Payment
        } else if let Some(code) = text
            .split("Custom(")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .and_then(|n| n.trim().parse().ok())
        {
            InvalidReason::Custom(code)
        } else {
            InvalidReason::Other(text.into())
        }
    }
}

/// A transaction in a block and what it did there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inclusion {
    /// Block hash.
    pub block: [u8; 32],
    /// Block number.
    pub block_number: u64,
    /// Index of the extrinsic in the block.
    pub index: u32,
    /// `System.ExtrinsicSuccess` was emitted.
    pub success: bool,
    /// The dispatch error by name for failed extrinsics: `Pallet.Error` for module errors
    /// (`SubtensorModule.SlippageTooHigh`), else the `DispatchError` variant.
    pub error: Option<String>,
    /// The fee charged (`TransactionPayment.TransactionFeePaid.actual_fee`), rao.
    pub fee_paid: Option<u64>,
    /// Every event the extrinsic emitted, in order, decoded with the metadata.
    pub events: Vec<Event>,
}

/// Progress of a submitted transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxStatus {
    /// Gossiped to peers.
    Broadcast {
        /// Peers it was sent to.
        peers: u32,
    },
    /// In a block of the best chain (not final: it may be retracted).
    InBlock(Inclusion),
    /// The block that held it left the best chain; it waits for another inclusion.
    Retracted,
    /// In a finalized block. Terminal.
    Finalized(Inclusion),
    /// Dropped by the pool before finalization (limits, no peers). Terminal.
    Dropped {
        /// The reason given.
        reason: String,
    },
    /// Refused as invalid. Terminal.
    Invalid {
        /// Why.
        reason: InvalidReason,
    },
    /// The watch failed (client stopped, malformed events). Terminal.
    Error {
        /// What failed.
        message: String,
    },
}

impl TxStatus {
    /// `true` for the statuses after which no other status follows.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            TxStatus::Finalized(_)
                | TxStatus::Dropped { .. }
                | TxStatus::Invalid { .. }
                | TxStatus::Error { .. }
        )
    }
}

/// An unsigned field of an event (e.g. `actual_fee` of `TransactionFeePaid`), if it fits a
/// `u64`: by name, or by position (`"0"`, `"1"`, ...) for named and unnamed fields alike.
pub fn event_u64(event: &Event, field: &str) -> Option<u64> {
    use scale_value::{Composite, Primitive, ValueDef};
    fn number(v: &scale_value::Value<()>) -> Option<u128> {
        match &v.value {
            ValueDef::Primitive(Primitive::U128(n)) => Some(*n),
            ValueDef::Composite(c) if c.len() == 1 => number(c.values().next()?),
            _ => None,
        }
    }
    let ValueDef::Composite(c) = &event.fields.value else {
        return None;
    };
    let by_position = || c.values().nth(field.parse::<usize>().ok()?);
    let value = match c {
        Composite::Named(fields) => fields
            .iter()
            .find(|(n, _)| n == field)
            .map(|(_, v)| v)
            .or_else(by_position),
        Composite::Unnamed(_) => by_position(),
    }?;
    number(value).and_then(|n| u64::try_from(n).ok())
}
