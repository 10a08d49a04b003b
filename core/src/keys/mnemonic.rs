//! BIP39 English mnemonics and the substrate-bip39 mini-secret.
//!
//! Words ⇄ entropy follow BIP39 (11 bits per word, SHA-256 checksum of `entropy_bits / 32` bits).
//! The key seed is **not** the BIP39 seed: Substrate (and so btwallet and polkadot.js) uses the
//! *mini-secret* `PBKDF2-HMAC-SHA512(password = entropy, salt = "mnemonic" ‖ passphrase, 2048)[..32]`.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use bip39::Language;
use sha2::{Digest, Sha256, Sha512};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::{KeysError, os_rng};

/// Word counts BIP39 allows (128, 160, 192, 224 and 256 bits of entropy).
pub const VALID_WORD_COUNTS: [usize; 5] = [12, 15, 18, 21, 24];

/// PBKDF2 rounds of the substrate-bip39 mini-secret.
const MINI_SECRET_ROUNDS: u32 = 2048;

/// A validated BIP39 English mnemonic with its entropy. Zeroized on drop; `Debug` shows only the word count.
#[derive(Clone)]
pub struct Mnemonic {
    /// Words separated by single spaces.
    phrase: Zeroizing<String>,
    /// 16–32 bytes of BIP39 entropy.
    entropy: Zeroizing<Vec<u8>>,
}

impl Mnemonic {
    /// A fresh mnemonic of `word_count` words (12, 15, 18, 21 or 24) from OS randomness.
    pub fn generate(word_count: usize) -> Result<Mnemonic, KeysError> {
        if !VALID_WORD_COUNTS.contains(&word_count) {
            return Err(KeysError::InvalidWordCount(word_count));
        }
        let mut entropy = Zeroizing::new(vec![0u8; word_count / 3 * 4]);
        os_rng::fill(&mut entropy)?;
        Self::from_entropy(&entropy)
    }

    /// The mnemonic encoding `entropy` (16, 20, 24, 28 or 32 bytes).
    pub fn from_entropy(entropy: &[u8]) -> Result<Mnemonic, KeysError> {
        let len = entropy.len();
        if !(16..=32).contains(&len) || !len.is_multiple_of(4) {
            return Err(KeysError::InvalidEntropyLength(len));
        }
        // Entropy followed by its checksum byte(s); the word indices read 11 bits at a time from it.
        let mut bits = Zeroizing::new(Vec::with_capacity(len + 1));
        bits.extend_from_slice(entropy);
        bits.push(Sha256::digest(entropy)[0]);
        let word_count = len * 8 * 33 / 32 / 11;
        let words = Language::English.word_list();
        let mut phrase = Zeroizing::new(String::with_capacity(word_count * 9));
        for i in 0..word_count {
            let mut index = 0usize;
            for bit in i * 11..i * 11 + 11 {
                index = (index << 1) | usize::from((bits[bit / 8] >> (7 - bit % 8)) & 1);
            }
            if i > 0 {
                phrase.push(' ');
            }
            phrase.push_str(words[index]);
            index.zeroize();
        }
        Ok(Mnemonic {
            phrase,
            entropy: Zeroizing::new(entropy.to_vec()),
        })
    }

    /// Parses and validates a phrase: word count, every word in the English list, checksum.
    ///
    /// Words may be separated by any whitespace; they must be lower case, as in the BIP39 list.
    pub fn parse(phrase: &str) -> Result<Mnemonic, KeysError> {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let n = words.len();
        if !VALID_WORD_COUNTS.contains(&n) {
            return Err(KeysError::InvalidWordCount(n));
        }
        let mut indices = Zeroizing::new(Vec::with_capacity(n));
        for (i, word) in words.iter().enumerate() {
            match Language::English.find_word(word) {
                Some(index) => indices.push(index),
                None => return Err(KeysError::UnknownWord { position: i + 1 }),
            }
        }
        // n * 11 bits = entropy (n * 32 / 3 bits) ‖ checksum (n / 3 bits).
        let mut bits = Zeroizing::new(vec![0u8; (n * 11).div_ceil(8)]);
        for (i, &index) in indices.iter().enumerate() {
            for b in 0..11 {
                if (index >> (10 - b)) & 1 == 1 {
                    let bit = i * 11 + b;
                    bits[bit / 8] |= 0x80 >> (bit % 8);
                }
            }
        }
        let entropy_len = n / 3 * 4;
        let checksum_bits = n / 3;
        let expected = Sha256::digest(&bits[..entropy_len])[0] >> (8 - checksum_bits);
        let actual = bits[entropy_len] >> (8 - checksum_bits);
        if expected != actual {
            return Err(KeysError::InvalidMnemonicChecksum);
        }
        let mut normalized = Zeroizing::new(String::with_capacity(phrase.len()));
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                normalized.push(' ');
            }
            normalized.push_str(word);
        }
        Ok(Mnemonic {
            phrase: normalized,
            entropy: Zeroizing::new(bits[..entropy_len].to_vec()),
        })
    }

    /// [`Mnemonic::parse`] for raw bytes (e.g. from a file or a foreign caller); non-UTF-8 is an error.
    pub fn parse_bytes(phrase: &[u8]) -> Result<Mnemonic, KeysError> {
        Self::parse(core::str::from_utf8(phrase).map_err(|_| KeysError::NotUtf8)?)
    }

    /// The words, separated by single spaces.
    pub fn phrase(&self) -> &str {
        &self.phrase
    }

    /// Number of words.
    pub fn word_count(&self) -> usize {
        self.entropy.len() * 3 / 4
    }

    /// The BIP39 entropy (16–32 bytes).
    pub fn entropy(&self) -> &[u8] {
        &self.entropy
    }

    /// The substrate-bip39 mini-secret: `PBKDF2-HMAC-SHA512(entropy, "mnemonic" ‖ passphrase, 2048)[..32]`.
    ///
    /// This is btwallet's `secretSeed`, the sr25519 mini-secret key and the ed25519 seed. The passphrase
    /// is used as given (no Unicode normalisation), like sp-core and polkadot.js.
    pub fn to_mini_secret(&self, passphrase: &str) -> Zeroizing<[u8; 32]> {
        let mut salt = Zeroizing::new(Vec::with_capacity(8 + passphrase.len()));
        salt.extend_from_slice(b"mnemonic");
        salt.extend_from_slice(passphrase.as_bytes());
        let mut out = Zeroizing::new([0u8; 64]);
        pbkdf2::pbkdf2_hmac::<Sha512>(&self.entropy, &salt, MINI_SECRET_ROUNDS, &mut *out);
        let mut mini = Zeroizing::new([0u8; 32]);
        mini.copy_from_slice(&out[..32]);
        mini
    }
}

impl fmt::Debug for Mnemonic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mnemonic")
            .field("word_count", &self.word_count())
            .finish_non_exhaustive()
    }
}

impl Zeroize for Mnemonic {
    fn zeroize(&mut self) {
        self.phrase.zeroize();
        self.entropy.zeroize();
    }
}

/// Both fields are `Zeroizing`, so the secret is wiped when a `Mnemonic` is dropped.
impl ZeroizeOnDrop for Mnemonic {}

impl PartialEq for Mnemonic {
    fn eq(&self, other: &Self) -> bool {
        // Entropy determines the phrase; constant-time is not needed for equality of two secrets the
        // caller already holds, but avoid early exit anyway.
        self.entropy.len() == other.entropy.len()
            && self
                .entropy
                .iter()
                .zip(other.entropy.iter())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }
}

impl Eq for Mnemonic {}

#[cfg(test)]
mod tests {
    use super::*;

    const ABANDON: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    #[test]
    fn abandon_about_is_zero_entropy() {
        let m = Mnemonic::parse(ABANDON).unwrap();
        assert_eq!(m.entropy(), &[0u8; 16]);
        assert_eq!(m.word_count(), 12);
        assert_eq!(
            Mnemonic::from_entropy(&[0u8; 16]).unwrap().phrase(),
            ABANDON
        );
    }

    #[test]
    fn bip39_reference_vectors_from_the_trezor_list() {
        // Entropy → phrase pairs from the BIP39 reference vector list (trezor/python-mnemonic vectors.json).
        let cases = [
            (
                "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
                "legal winner thank year wave sausage worth useful legal winner thank yellow",
            ),
            (
                "80808080808080808080808080808080",
                "letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
            ),
            (
                "ffffffffffffffffffffffffffffffff",
                "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
            ),
            (
                "0000000000000000000000000000000000000000000000000000000000000000",
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art",
            ),
            (
                "9e885d952ad362caeb4efe34a8e91bd2",
                "ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic",
            ),
            (
                "6610b25967cdcca9d59875f5cb50b0ea75433311869e930b",
                "gravity machine north sort system female filter attitude volume fold club stay feature office ecology stable narrow fog",
            ),
        ];
        for (entropy, phrase) in cases {
            let e = hex::decode(entropy).unwrap();
            assert_eq!(Mnemonic::from_entropy(&e).unwrap().phrase(), phrase);
            assert_eq!(Mnemonic::parse(phrase).unwrap().entropy(), &e[..]);
        }
    }

    #[test]
    fn generate_all_lengths_round_trip() {
        for n in VALID_WORD_COUNTS {
            let m = Mnemonic::generate(n).unwrap();
            assert_eq!(m.word_count(), n);
            assert_eq!(m.phrase().split(' ').count(), n);
            let again = Mnemonic::parse(m.phrase()).unwrap();
            assert_eq!(again.entropy(), m.entropy());
        }
        // Two fresh 24-word mnemonics differ (2^-256 chance of a false failure).
        assert_ne!(
            Mnemonic::generate(24).unwrap().entropy(),
            Mnemonic::generate(24).unwrap().entropy()
        );
    }

    #[test]
    fn whitespace_is_normalised() {
        let messy = format!("  {}\t\n", ABANDON.replace(' ', "   "));
        assert_eq!(Mnemonic::parse(&messy).unwrap().phrase(), ABANDON);
    }

    #[test]
    fn bad_inputs_have_specific_errors() {
        assert!(matches!(
            Mnemonic::generate(13),
            Err(KeysError::InvalidWordCount(13))
        ));
        assert!(matches!(
            Mnemonic::generate(0),
            Err(KeysError::InvalidWordCount(0))
        ));
        assert!(matches!(
            Mnemonic::parse(""),
            Err(KeysError::InvalidWordCount(0))
        ));
        assert!(matches!(
            Mnemonic::parse("abandon abandon about"),
            Err(KeysError::InvalidWordCount(3))
        ));
        let eleven = ABANDON.rsplit_once(' ').unwrap().0;
        assert!(matches!(
            Mnemonic::parse(eleven),
            Err(KeysError::InvalidWordCount(11))
        ));
        let unknown = ABANDON.replacen("abandon", "abandonx", 1);
        assert!(matches!(
            Mnemonic::parse(&unknown),
            Err(KeysError::UnknownWord { position: 1 })
        ));
        let third = ABANDON.replacen("abandon abandon abandon", "abandon abandon Abandon", 1);
        assert!(matches!(
            Mnemonic::parse(&third),
            Err(KeysError::UnknownWord { position: 3 })
        ));
        let bad_checksum = ABANDON.replace("about", "abandon");
        assert!(matches!(
            Mnemonic::parse(&bad_checksum),
            Err(KeysError::InvalidMnemonicChecksum)
        ));
        assert!(matches!(
            Mnemonic::parse_bytes(b"abandon \xff"),
            Err(KeysError::NotUtf8)
        ));
        assert!(matches!(
            Mnemonic::from_entropy(&[0u8; 15]),
            Err(KeysError::InvalidEntropyLength(15))
        ));
        assert!(matches!(
            Mnemonic::from_entropy(&[0u8; 36]),
            Err(KeysError::InvalidEntropyLength(36))
        ));
        assert!(matches!(
            Mnemonic::from_entropy(&[0u8; 18]),
            Err(KeysError::InvalidEntropyLength(18))
        ));
    }

    #[test]
    fn debug_hides_the_words() {
        let m = Mnemonic::parse(ABANDON).unwrap();
        let s = format!("{m:?}");
        assert!(!s.contains("abandon"), "{s}");
        assert!(s.contains("12"));
    }
}
