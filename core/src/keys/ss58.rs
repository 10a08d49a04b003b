//! SS58 addresses of 32-byte accounts, for any network prefix 0..=16383.
//!
//! Layout: `base58(prefix ‖ public key ‖ checksum)` where the prefix takes one byte for 0..=63 and two
//! bytes for 64..=16383, and the checksum is the first 2 bytes of `blake2b-512("SS58PRE" ‖ prefix ‖ key)`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use blake2::{Blake2b512, Digest};

use super::{KeysError, PublicKey};

/// Bittensor's (and generic Substrate's) prefix.
pub const DEFAULT_PREFIX: u16 = 42;
/// The largest prefix SS58 can express.
pub const MAX_PREFIX: u16 = 16383;
/// Prefixes reserved by the SS58 registry (never a network).
pub const RESERVED_PREFIXES: [u16; 2] = [46, 47];

const CHECKSUM_LEN: usize = 2;
const KEY_LEN: usize = 32;

/// Encodes a public key for `prefix`.
///
/// Like sp-core's `to_ss58check_with_version`, this never fails: prefixes above 16383 are masked to 14
/// bits and the reserved prefixes 46/47 are encoded as given. Use [`try_encode`] for a prefix that
/// comes from untrusted input.
pub fn encode(public: &[u8; 32], prefix: u16) -> String {
    let ident = prefix & MAX_PREFIX;
    let mut data = Vec::with_capacity(2 + KEY_LEN + CHECKSUM_LEN);
    if ident < 64 {
        data.push(ident as u8);
    } else {
        data.push(0b0100_0000 | ((ident & 0b1111_1100) >> 2) as u8);
        data.push(((ident >> 8) as u8) | (((ident & 0b11) as u8) << 6));
    }
    data.extend_from_slice(public);
    let hash = checksum(&data);
    data.extend_from_slice(&hash);
    bs58::encode(data).into_string()
}

/// Encodes a public key, refusing prefixes above 16383 and the reserved 46 and 47 (polkadot.js rule).
pub fn try_encode(public: &[u8; 32], prefix: u16) -> Result<String, KeysError> {
    check_prefix(prefix)?;
    Ok(encode(public, prefix))
}

fn check_prefix(prefix: u16) -> Result<(), KeysError> {
    if prefix > MAX_PREFIX {
        Err(KeysError::InvalidSs58Prefix)
    } else if RESERVED_PREFIXES.contains(&prefix) {
        Err(KeysError::ReservedSs58Prefix(prefix))
    } else {
        Ok(())
    }
}

/// Decodes an address of a 32-byte account into `(prefix, public key)`.
///
/// Errors: [`KeysError::InvalidBase58`], [`KeysError::InvalidSs58Prefix`] (first byte ≥ 128, or a
/// two-byte form of a prefix below 64, which no encoder produces), [`KeysError::InvalidSs58Length`]
/// (anything but 35/36 bytes, e.g. 1–8 byte account indices or 33-byte ECDSA keys),
/// [`KeysError::InvalidSs58Checksum`] and [`KeysError::ReservedSs58Prefix`] (46, 47).
pub fn decode(address: &str) -> Result<(u16, [u8; 32]), KeysError> {
    let data = bs58::decode(address)
        .into_vec()
        .map_err(|_| KeysError::InvalidBase58)?;
    let (prefix_len, prefix) = match data.first() {
        None => return Err(KeysError::InvalidSs58Length(0)),
        Some(&b @ 0..=63) => (1, u16::from(b)),
        Some(&b @ 64..=127) => {
            let Some(&second) = data.get(1) else {
                return Err(KeysError::InvalidSs58Length(data.len()));
            };
            let lower = (u16::from(b & 0b0011_1111) << 2) | u16::from(second >> 6);
            let upper = u16::from(second & 0b0011_1111);
            let prefix = lower | (upper << 8);
            if prefix < 64 {
                return Err(KeysError::InvalidSs58Prefix);
            }
            (2, prefix)
        }
        Some(_) => return Err(KeysError::InvalidSs58Prefix),
    };
    if data.len() != prefix_len + KEY_LEN + CHECKSUM_LEN {
        return Err(KeysError::InvalidSs58Length(data.len()));
    }
    let body = &data[..prefix_len + KEY_LEN];
    if checksum(body) != data[prefix_len + KEY_LEN..] {
        return Err(KeysError::InvalidSs58Checksum);
    }
    if RESERVED_PREFIXES.contains(&prefix) {
        return Err(KeysError::ReservedSs58Prefix(prefix));
    }
    let mut key = [0u8; KEY_LEN];
    key.copy_from_slice(&body[prefix_len..]);
    Ok((prefix, key))
}

/// [`decode`] for raw bytes; non-UTF-8 input is [`KeysError::NotUtf8`].
pub fn decode_bytes(address: &[u8]) -> Result<(u16, [u8; 32]), KeysError> {
    decode(core::str::from_utf8(address).map_err(|_| KeysError::NotUtf8)?)
}

fn checksum(body: &[u8]) -> [u8; CHECKSUM_LEN] {
    let hash = Blake2b512::new()
        .chain_update(b"SS58PRE")
        .chain_update(body)
        .finalize();
    [hash[0], hash[1]]
}

/// A checked SS58 address: a public key and a valid, non-reserved prefix. `Display`/`FromStr` use the
/// SS58 text form.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ss58Address {
    public: PublicKey,
    prefix: u16,
}

impl Ss58Address {
    /// The address of `public` on the network with `prefix` (0..=16383, not 46/47).
    pub fn new(public: PublicKey, prefix: u16) -> Result<Self, KeysError> {
        check_prefix(prefix)?;
        Ok(Self { public, prefix })
    }

    /// The Bittensor (prefix 42) address of `public`.
    pub fn bittensor(public: PublicKey) -> Self {
        Self {
            public,
            prefix: DEFAULT_PREFIX,
        }
    }

    /// The public key (account id).
    pub fn public_key(&self) -> PublicKey {
        self.public
    }

    /// The network prefix.
    pub fn prefix(&self) -> u16 {
        self.prefix
    }

    /// The same account under another prefix (e.g. normalising a Polkadot `1…` address to 42).
    pub fn with_prefix(self, prefix: u16) -> Result<Self, KeysError> {
        Self::new(self.public, prefix)
    }
}

impl FromStr for Ss58Address {
    type Err = KeysError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (prefix, key) = decode(s)?;
        Ok(Self {
            public: PublicKey(key),
            prefix,
        })
    }
}

impl fmt::Display for Ss58Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode(&self.public.0, self.prefix))
    }
}

impl fmt::Debug for Ss58Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ss58Address({self})")
    }
}

impl From<PublicKey> for Ss58Address {
    fn from(public: PublicKey) -> Self {
        Self::bittensor(public)
    }
}
