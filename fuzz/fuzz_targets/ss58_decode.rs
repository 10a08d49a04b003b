//! SS58 decoding of arbitrary bytes never panics, and whatever decodes re-encodes to the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taolight_core::keys::{KeysError, ss58};

fuzz_target!(|data: &[u8]| {
    match ss58::decode_bytes(data) {
        Ok((prefix, key)) => {
            assert!(prefix <= ss58::MAX_PREFIX && !ss58::RESERVED_PREFIXES.contains(&prefix));
            // Decoding is injective: the canonical encoding is the input.
            assert_eq!(ss58::encode(&key, prefix).as_bytes(), data);
        }
        Err(KeysError::NotUtf8) => assert!(std::str::from_utf8(data).is_err()),
        Err(_) => {}
    }
});
