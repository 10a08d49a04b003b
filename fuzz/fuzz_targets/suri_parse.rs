//! Secret-URI parsing and key derivation on arbitrary bytes never panic; successful keys sign and verify.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taolight_core::keys::{CryptoType, Keypair, KeysError, SecretUri};

fuzz_target!(|data: &[u8]| {
    // Keep PBKDF2 (2048 rounds) from dominating: most inputs fail before it anyway.
    if data.len() > 512 {
        return;
    }
    let Ok(uri) = SecretUri::parse_bytes(data) else {
        return;
    };
    // A URI that parses must build an sr25519 key; ed25519 may only refuse soft junctions.
    let sr = Keypair::from_uri_bytes(data, CryptoType::Sr25519).expect("parsed URI builds sr25519");
    assert!(sr.verify(b"fuzz", &sr.sign(b"fuzz")));
    match Keypair::from_uri_bytes(data, CryptoType::Ed25519) {
        Ok(ed) => assert!(ed.verify(b"fuzz", &ed.sign(b"fuzz"))),
        Err(e) => {
            assert_eq!(e, KeysError::SoftDerivationNotSupported);
            assert!(uri.junctions().iter().any(|j| !j.is_hard()));
        }
    }
});
