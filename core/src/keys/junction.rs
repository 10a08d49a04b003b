//! Derivation junctions (`/soft`, `//hard`) and their 32-byte chain codes.

use alloc::vec::Vec;
use core::fmt;

use blake2::{Blake2b256, Digest};
use zeroize::Zeroize;

use super::KeysError;

/// One step of a derivation path, holding its 32-byte chain code.
///
/// The chain code of a junction string is computed as sp-core does (`DeriveJunction::from(&str)`):
/// a string that parses as `u64` becomes the u64 little-endian, zero-padded to 32 bytes; any other
/// string becomes its SCALE encoding `compact(len) ‖ utf8`, zero-padded to 32 bytes, or hashed with
/// blake2b-256 when longer than 32 bytes.
///
/// Known differences from polkadot.js, which agrees on all ordinary paths: pjs turns `0x…` junctions
/// into raw bytes, and decimal strings of 2^64 or more into 256-bit integers, where sp-core (and so
/// btwallet and this crate) SCALE-encodes them as strings; `u64` parsing also accepts a leading `+`.
#[derive(Clone, PartialEq, Eq, Zeroize)]
pub enum DeriveJunction {
    /// `/code`: sr25519 only; the public key can be derived from the parent public key.
    Soft([u8; 32]),
    /// `//code`: the child secret cannot be linked to the parent without the parent secret.
    Hard([u8; 32]),
}

impl DeriveJunction {
    /// The junction for `code` (the text between slashes), hard or soft.
    pub fn new(code: &str, hard: bool) -> Self {
        let cc = chain_code(code);
        if hard { Self::Hard(cc) } else { Self::Soft(cc) }
    }

    /// A soft junction for `code`.
    pub fn soft(code: &str) -> Self {
        Self::new(code, false)
    }

    /// A hard junction for `code`.
    pub fn hard(code: &str) -> Self {
        Self::new(code, true)
    }

    /// The 32-byte chain code.
    pub fn chain_code(&self) -> &[u8; 32] {
        match self {
            Self::Soft(cc) | Self::Hard(cc) => cc,
        }
    }

    /// `true` for `//` junctions.
    pub fn is_hard(&self) -> bool {
        matches!(self, Self::Hard(_))
    }
}

/// Junction contents may be part of a secret path: Debug shows only the kind.
impl fmt::Debug for DeriveJunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_hard() {
            "Hard(..)"
        } else {
            "Soft(..)"
        })
    }
}

/// The chain code of one junction string (see [`DeriveJunction`]).
fn chain_code(code: &str) -> [u8; 32] {
    let mut cc = [0u8; 32];
    if let Ok(n) = code.parse::<u64>() {
        cc[..8].copy_from_slice(&n.to_le_bytes());
        return cc;
    }
    let mut data = Vec::with_capacity(code.len() + 9);
    scale_compact(code.len() as u64, &mut data);
    data.extend_from_slice(code.as_bytes());
    if data.len() > 32 {
        cc.copy_from_slice(&Blake2b256::digest(&data));
    } else {
        cc[..data.len()].copy_from_slice(&data);
    }
    data.zeroize();
    cc
}

/// SCALE compact encoding of an integer (used for string lengths).
pub(crate) fn scale_compact(n: u64, out: &mut Vec<u8>) {
    match n {
        0..=0x3f => out.push((n as u8) << 2),
        0x40..=0x3fff => out.extend_from_slice(&(((n as u16) << 2) | 0b01).to_le_bytes()),
        0x4000..=0x3fff_ffff => out.extend_from_slice(&(((n as u32) << 2) | 0b10).to_le_bytes()),
        _ => {
            let bytes = n.to_le_bytes();
            let len = 8 - (n.leading_zeros() / 8) as usize;
            out.push((((len - 4) as u8) << 2) | 0b11);
            out.extend_from_slice(&bytes[..len]);
        }
    }
}

/// Parses a derivation path `(/soft | //hard)*(///password)?` into junctions and an optional password.
///
/// The grammar is sp-core's `SecretUri` regex: `///` always starts the password (which may itself
/// contain `/`); every junction must be non-empty.
pub(crate) fn parse_path(path: &str) -> Result<(Vec<DeriveJunction>, Option<&str>), KeysError> {
    let mut junctions = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(password) = rest.strip_prefix("///") {
            return Ok((junctions, Some(password)));
        }
        let (hard, body) = match rest.strip_prefix("//") {
            Some(body) => (true, body),
            None => match rest.strip_prefix('/') {
                Some(body) => (false, body),
                None => return Err(KeysError::InvalidPath),
            },
        };
        let end = body.find('/').unwrap_or(body.len());
        let code = &body[..end];
        if code.is_empty() {
            return Err(KeysError::EmptyJunction {
                position: junctions.len() + 1,
            });
        }
        junctions.push(DeriveJunction::new(code, hard));
        rest = &body[end..];
    }
    Ok((junctions, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_compact_modes() {
        let enc = |n| {
            let mut v = Vec::new();
            scale_compact(n, &mut v);
            v
        };
        assert_eq!(enc(0), [0x00]);
        assert_eq!(enc(1), [0x04]);
        assert_eq!(enc(63), [0xfc]);
        assert_eq!(enc(64), [0x01, 0x01]);
        assert_eq!(enc(16383), [0xfd, 0xff]);
        assert_eq!(enc(16384), [0x02, 0x00, 0x01, 0x00]);
        assert_eq!(enc(0x3fff_ffff), [0xfe, 0xff, 0xff, 0xff]);
        assert_eq!(enc(0x4000_0000), [0x03, 0x00, 0x00, 0x00, 0x40]);
        assert_eq!(
            enc(u64::MAX),
            [0x13, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
        );
    }

    #[test]
    fn chain_codes_of_strings_and_numbers() {
        let mut alice = [0u8; 32];
        alice[0] = 5 << 2;
        alice[1..6].copy_from_slice(b"Alice");
        assert_eq!(DeriveJunction::hard("Alice").chain_code(), &alice);
        let mut seven = [0u8; 32];
        seven[0] = 7;
        assert_eq!(DeriveJunction::soft("7").chain_code(), &seven);
        let max = DeriveJunction::soft("18446744073709551615");
        assert_eq!(&max.chain_code()[..8], &[0xff; 8]);
        assert_eq!(&max.chain_code()[8..], &[0; 24]);
        // 2^64 is not a u64: SCALE string (compact(20) = 0x50).
        assert_eq!(
            DeriveJunction::soft("18446744073709551616").chain_code()[0],
            0x50
        );
        // 31 bytes + 1 length byte = 32: padded, not hashed; 32 bytes: hashed.
        let s31 = "a".repeat(31);
        assert_eq!(
            &DeriveJunction::soft(&s31).chain_code()[1..],
            s31.as_bytes()
        );
        let s32 = "a".repeat(32);
        let mut data = vec![32 << 2];
        data.extend_from_slice(s32.as_bytes());
        assert_eq!(
            DeriveJunction::soft(&s32).chain_code()[..],
            Blake2b256::digest(&data)[..]
        );
    }

    #[test]
    fn path_grammar() {
        let (j, pw) = parse_path("//Alice/0//x///pass/word").unwrap();
        assert_eq!(
            j.iter().map(|j| j.is_hard()).collect::<Vec<_>>(),
            [true, false, true]
        );
        assert_eq!(pw, Some("pass/word"));
        assert_eq!(parse_path("").unwrap().0.len(), 0);
        assert_eq!(parse_path("///").unwrap().1, Some(""));
        assert_eq!(parse_path("////x").unwrap().1, Some("/x"));
        assert!(matches!(parse_path("Alice"), Err(KeysError::InvalidPath)));
        assert!(matches!(
            parse_path("//"),
            Err(KeysError::EmptyJunction { position: 1 })
        ));
        assert!(matches!(
            parse_path("/"),
            Err(KeysError::EmptyJunction { position: 1 })
        ));
        assert!(matches!(
            parse_path("//a/"),
            Err(KeysError::EmptyJunction { position: 2 })
        ));
        assert!(matches!(
            parse_path("//a//"),
            Err(KeysError::EmptyJunction { position: 2 })
        ));
    }

    #[test]
    fn debug_hides_chain_code() {
        assert_eq!(format!("{:?}", DeriveJunction::hard("secret")), "Hard(..)");
    }
}
