//! What happens to a submitted transaction: [`TxStatus`] updates from a [`Submission`], with
//! the extrinsic's outcome (events, dispatch error by name) once it is in a block.

use alloc::{format, string::String, vec::Vec};

use crate::chain::TransactionValidityError;

use crate::tx::events::Event;

/// Why a transaction was refused: the runtime's typed verdict, or the light client's message
/// when no verdict could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidReason {
    /// `TaggedTransactionQueue_validate_transaction`'s verdict: `Invalid(Stale)` (nonce used),
    /// `Invalid(BadProof)` (signature, or signed over another genesis/era/spec/metadata hash),
    /// `Invalid(Payment)`, `Invalid(Custom(n))`, ...
    Runtime(TransactionValidityError),
    /// No typed verdict: the light client's own words.
    Other(String),
}

impl InvalidReason {
    /// A short, stable name: `Stale`, `BadProof`, `Custom(3)`, `Unknown(CannotLookup)`, or the
    /// light client's message for [`InvalidReason::Other`].
    pub fn name(&self) -> String {
        match self {
            InvalidReason::Runtime(TransactionValidityError::Invalid(r)) => format!("{r:?}"),
            InvalidReason::Runtime(TransactionValidityError::Unknown(r)) => {
                format!("Unknown({r:?})")
            }
            InvalidReason::Other(message) => message.clone(),
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
