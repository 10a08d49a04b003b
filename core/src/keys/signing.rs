//! Signatures, verification and the polkadot.js `<Bytes>` message wrapping.

use alloc::vec::Vec;
use core::fmt;

use super::{CryptoType, KeysError, PublicKey, ed25519, sr25519};

/// polkadot.js `signRaw` wraps messages in these markers before signing.
const WRAP_PREFIX: &[u8] = b"<Bytes>";
const WRAP_POSTFIX: &[u8] = b"</Bytes>";

/// A 64-byte sr25519 or ed25519 signature. `Debug` is `0x`-hex.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u8; 64]);

impl Signature {
    /// From a slice, which must be 64 bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, KeysError> {
        bytes
            .try_into()
            .map(Self)
            .map_err(|_| KeysError::InvalidSignatureLength(bytes.len()))
    }

    /// The raw 64 bytes.
    pub fn as_bytes(&self) -> &[u8; 64] {
        &self.0
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{}", hex::encode(self.0))
    }
}

/// Verifies `signature` over exactly `message`. Malformed keys or signatures give `false`.
pub fn verify(
    crypto: CryptoType,
    public: &PublicKey,
    message: &[u8],
    signature: &Signature,
) -> bool {
    match crypto {
        CryptoType::Sr25519 => sr25519::verify(&public.0, message, &signature.0),
        CryptoType::Ed25519 => ed25519::verify(&public.0, message, &signature.0),
    }
}

/// `true` if `message` already is `<Bytes>…</Bytes>`.
pub fn is_wrapped(message: &[u8]) -> bool {
    message.len() >= WRAP_PREFIX.len() + WRAP_POSTFIX.len()
        && message.starts_with(WRAP_PREFIX)
        && message.ends_with(WRAP_POSTFIX)
}

/// `<Bytes>` ‖ message ‖ `</Bytes>`, as polkadot.js `u8aWrapBytes`; an already wrapped message is
/// returned unchanged (never double-wrapped).
pub fn wrap_bytes(message: &[u8]) -> Vec<u8> {
    if is_wrapped(message) {
        return message.to_vec();
    }
    let mut out = Vec::with_capacity(WRAP_PREFIX.len() + message.len() + WRAP_POSTFIX.len());
    out.extend_from_slice(WRAP_PREFIX);
    out.extend_from_slice(message);
    out.extend_from_slice(WRAP_POSTFIX);
    out
}

/// The inside of a `<Bytes>…</Bytes>` message, or the message itself if it is not wrapped.
pub fn unwrap_bytes(message: &[u8]) -> &[u8] {
    if is_wrapped(message) {
        &message[WRAP_PREFIX.len()..message.len() - WRAP_POSTFIX.len()]
    } else {
        message
    }
}

/// Verifies a signature made over the message as given **or** over its `<Bytes>` wrapping.
///
/// This is btwallet's `verify` (raw, then wrapped) and polkadot.js `signatureVerify` (which also
/// accepts a signature over the unwrapped content when the message given is already wrapped).
pub fn verify_wrapped_or_raw(
    crypto: CryptoType,
    public: &PublicKey,
    message: &[u8],
    signature: &Signature,
) -> bool {
    if verify(crypto, public, message, signature) {
        return true;
    }
    if is_wrapped(message) {
        verify(crypto, public, unwrap_bytes(message), signature)
    } else {
        verify(crypto, public, &wrap_bytes(message), signature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_is_idempotent_and_reversible() {
        assert_eq!(wrap_bytes(b"hi"), b"<Bytes>hi</Bytes>");
        assert_eq!(wrap_bytes(b"<Bytes>hi</Bytes>"), b"<Bytes>hi</Bytes>");
        assert_eq!(wrap_bytes(b""), b"<Bytes></Bytes>");
        assert_eq!(wrap_bytes(b"<Bytes></Bytes>"), b"<Bytes></Bytes>");
        // Only a prefix, or markers overlapping in a too-short message, is not wrapped.
        assert_eq!(wrap_bytes(b"<Bytes>hi"), b"<Bytes><Bytes>hi</Bytes>");
        assert!(!is_wrapped(b"<Bytes>/Bytes>"));
        assert_eq!(unwrap_bytes(b"<Bytes>hi</Bytes>"), b"hi");
        assert_eq!(unwrap_bytes(b"hi"), b"hi");
    }

    #[test]
    fn signature_length_is_checked() {
        assert!(matches!(
            Signature::from_slice(&[0; 63]),
            Err(KeysError::InvalidSignatureLength(63))
        ));
        assert!(matches!(
            Signature::from_slice(&[0; 65]),
            Err(KeysError::InvalidSignatureLength(65))
        ));
        assert_eq!(Signature::from_slice(&[7; 64]).unwrap().0, [7; 64]);
    }

    #[test]
    fn garbage_keys_and_signatures_do_not_verify() {
        for crypto in [CryptoType::Sr25519, CryptoType::Ed25519] {
            assert!(!verify(
                crypto,
                &PublicKey([0xff; 32]),
                b"m",
                &Signature([0xff; 64])
            ));
            assert!(!verify(
                crypto,
                &PublicKey([0; 32]),
                b"m",
                &Signature([0; 64])
            ));
        }
    }
}
