//! The runtime's verdict on a transaction, typed: the output of
//! `TaggedTransactionQueue_validate_transaction` (`TransactionValidity` of `sp_runtime`), decoded
//! from its SCALE encoding. The light client asks for it when smoldot reports a submitted
//! transaction invalid (smoldot's own report is text), see [`super::TransactionStatus::Invalid`].
//!
//! Layout (`sp_runtime::transaction_validity`, stable since Substrate 2.0; variants are only ever
//! appended): `Result<ValidTransaction, TransactionValidityError>` where
//! `TransactionValidityError = Invalid(InvalidTransaction) | Unknown(UnknownTransaction)`.

use parity_scale_codec::{Decode, Input};

/// Runtime call whose output [`decode_validate_transaction`] decodes.
pub const VALIDATE_TRANSACTION: &str = "TaggedTransactionQueue_validate_transaction";

/// Why the runtime considers a transaction invalid (`sp_runtime::InvalidTransaction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidTransaction {
    /// The call of the transaction is not expected.
    Call,
    /// The sender cannot pay the fees.
    Payment,
    /// The nonce is in the future: the transaction waits for earlier ones.
    Future,
    /// The nonce was already used (the transaction is outdated).
    Stale,
    /// Bad signature, or signed over another genesis, era block, spec version or metadata hash.
    BadProof,
    /// The mortal era's birth block is too old (or unknown).
    AncientBirthBlock,
    /// The transaction would exhaust the block's resources.
    ExhaustsResources,
    /// A runtime-specific reason (pallet-defined code).
    Custom(u8),
    /// A mandatory (inherent) dispatch failed.
    BadMandatory,
    /// A mandatory dispatch was submitted as a transaction.
    MandatoryValidation,
    /// The sending address is disabled or unknown.
    BadSigner,
    /// The implicit data of the extensions could not be computed.
    IndeterminateImplicit,
    /// The origin is not a known one.
    UnknownOrigin,
}

/// Why the runtime cannot tell whether a transaction is valid (`sp_runtime::UnknownTransaction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownTransaction {
    /// A lookup (e.g. of the sender's index) failed.
    CannotLookup,
    /// No unsigned validator for this unsigned transaction.
    NoUnsignedValidator,
    /// A runtime-specific reason (pallet-defined code).
    Custom(u8),
}

/// A transaction validity error (`sp_runtime::TransactionValidityError`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionValidityError {
    /// Definitely invalid.
    Invalid(InvalidTransaction),
    /// Validity cannot be determined.
    Unknown(UnknownTransaction),
}

impl core::fmt::Display for TransactionValidityError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            TransactionValidityError::Invalid(r) => write!(f, "invalid transaction: {r:?}"),
            TransactionValidityError::Unknown(r) => {
                write!(f, "unknown transaction validity: {r:?}")
            }
        }
    }
}

/// A valid transaction's pool parameters (`sp_runtime::ValidTransaction`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTransaction {
    /// Pool priority.
    pub priority: u64,
    /// Tags this transaction needs provided first (e.g. the previous nonce).
    pub requires: Vec<Vec<u8>>,
    /// Tags this transaction provides.
    pub provides: Vec<Vec<u8>>,
    /// Number of blocks it stays valid for.
    pub longevity: u64,
    /// Whether it should be gossiped.
    pub propagate: bool,
}

/// The output of `TaggedTransactionQueue_validate_transaction` could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("undecodable TransactionValidity: {0}")]
pub struct ValidityDecodeError(pub String);

fn bad(what: &str) -> ValidityDecodeError {
    ValidityDecodeError(what.to_owned())
}

fn read_u8(input: &mut &[u8], what: &str) -> Result<u8, ValidityDecodeError> {
    input.read_byte().map_err(|_| bad(what))
}

fn decode_invalid(input: &mut &[u8]) -> Result<InvalidTransaction, ValidityDecodeError> {
    Ok(
        match read_u8(input, "missing InvalidTransaction variant")? {
            0 => InvalidTransaction::Call,
            1 => InvalidTransaction::Payment,
            2 => InvalidTransaction::Future,
            3 => InvalidTransaction::Stale,
            4 => InvalidTransaction::BadProof,
            5 => InvalidTransaction::AncientBirthBlock,
            6 => InvalidTransaction::ExhaustsResources,
            7 => InvalidTransaction::Custom(read_u8(
                input,
                "missing InvalidTransaction::Custom code",
            )?),
            8 => InvalidTransaction::BadMandatory,
            9 => InvalidTransaction::MandatoryValidation,
            10 => InvalidTransaction::BadSigner,
            11 => InvalidTransaction::IndeterminateImplicit,
            12 => InvalidTransaction::UnknownOrigin,
            n => {
                return Err(ValidityDecodeError(format!(
                    "unknown InvalidTransaction variant {n}"
                )));
            }
        },
    )
}

fn decode_unknown(input: &mut &[u8]) -> Result<UnknownTransaction, ValidityDecodeError> {
    Ok(
        match read_u8(input, "missing UnknownTransaction variant")? {
            0 => UnknownTransaction::CannotLookup,
            1 => UnknownTransaction::NoUnsignedValidator,
            2 => UnknownTransaction::Custom(read_u8(
                input,
                "missing UnknownTransaction::Custom code",
            )?),
            n => {
                return Err(ValidityDecodeError(format!(
                    "unknown UnknownTransaction variant {n}"
                )));
            }
        },
    )
}

/// Decodes the output of [`VALIDATE_TRANSACTION`]: `Ok` with the pool parameters, or the typed
/// error. Trailing bytes are an error (the output must be exactly one `TransactionValidity`).
pub fn decode_validate_transaction(
    bytes: &[u8],
) -> Result<Result<ValidTransaction, TransactionValidityError>, ValidityDecodeError> {
    let mut input = bytes;
    let out = match read_u8(&mut input, "empty output")? {
        0 => {
            let d = |e: parity_scale_codec::Error| {
                ValidityDecodeError(format!("ValidTransaction: {e}"))
            };
            let priority = u64::decode(&mut input).map_err(d)?;
            let requires = Vec::<Vec<u8>>::decode(&mut input).map_err(d)?;
            let provides = Vec::<Vec<u8>>::decode(&mut input).map_err(d)?;
            let longevity = u64::decode(&mut input).map_err(d)?;
            let propagate = bool::decode(&mut input).map_err(d)?;
            Ok(ValidTransaction {
                priority,
                requires,
                provides,
                longevity,
                propagate,
            })
        }
        1 => Err(
            match read_u8(&mut input, "missing TransactionValidityError variant")? {
                0 => TransactionValidityError::Invalid(decode_invalid(&mut input)?),
                1 => TransactionValidityError::Unknown(decode_unknown(&mut input)?),
                n => {
                    return Err(ValidityDecodeError(format!(
                        "unknown TransactionValidityError variant {n}"
                    )));
                }
            },
        ),
        n => return Err(ValidityDecodeError(format!("unknown Result variant {n}"))),
    };
    if !input.is_empty() {
        return Err(ValidityDecodeError(format!(
            "{} trailing bytes",
            input.len()
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parity_scale_codec::Encode as _;

    fn err(bytes: &[u8]) -> TransactionValidityError {
        decode_validate_transaction(bytes).unwrap().unwrap_err()
    }

    #[test]
    fn every_invalid_reason_by_index() {
        use InvalidTransaction::*;
        let expected = [
            Call,
            Payment,
            Future,
            Stale,
            BadProof,
            AncientBirthBlock,
            ExhaustsResources,
            Custom(0),
            BadMandatory,
            MandatoryValidation,
            BadSigner,
            IndeterminateImplicit,
            UnknownOrigin,
        ];
        for (i, want) in expected.into_iter().enumerate() {
            let mut bytes = vec![1, 0, i as u8];
            if want == Custom(0) {
                bytes.push(0);
            }
            assert_eq!(
                err(&bytes),
                TransactionValidityError::Invalid(want),
                "index {i}"
            );
        }
        assert_eq!(
            err(&[1, 0, 7, 200]),
            TransactionValidityError::Invalid(Custom(200))
        );
    }

    #[test]
    fn every_unknown_reason_by_index() {
        assert_eq!(
            err(&[1, 1, 0]),
            TransactionValidityError::Unknown(UnknownTransaction::CannotLookup)
        );
        assert_eq!(
            err(&[1, 1, 1]),
            TransactionValidityError::Unknown(UnknownTransaction::NoUnsignedValidator)
        );
        assert_eq!(
            err(&[1, 1, 2, 9]),
            TransactionValidityError::Unknown(UnknownTransaction::Custom(9))
        );
    }

    #[test]
    fn valid_transaction_fields() {
        // Built with parity-scale-codec's own encoders, field by field.
        let mut bytes = vec![0u8];
        bytes.extend(0x0102_0304_0506_0708u64.encode());
        bytes.extend(vec![b"req".to_vec()].encode());
        bytes.extend(vec![b"p1".to_vec(), vec![0u8; 40]].encode());
        bytes.extend(64u64.encode());
        bytes.extend(true.encode());
        let v = decode_validate_transaction(&bytes).unwrap().unwrap();
        assert_eq!(
            v,
            ValidTransaction {
                priority: 0x0102_0304_0506_0708,
                requires: vec![b"req".to_vec()],
                provides: vec![b"p1".to_vec(), vec![0u8; 40]],
                longevity: 64,
                propagate: true,
            }
        );
    }

    #[test]
    fn malformed_outputs_are_typed_errors() {
        for bad in [
            &[][..],
            &[2],
            &[1],
            &[1, 2, 0],
            &[1, 0],
            &[1, 0, 13],
            &[1, 0, 7],
            &[1, 1, 3],
            &[1, 0, 3, 0],
            &[0, 1, 2],
        ] {
            assert!(decode_validate_transaction(bad).is_err(), "{bad:?}");
        }
    }
}
