//! Fuzzes btwallet keyfile reading: format detection, the `$NACL`/Ansible/Fernet envelope
//! parsers, the secretbox and Fernet decrypt paths with a fixed key (no Argon2/PBKDF2 per input:
//! those cost seconds and 512 MiB), and the full plaintext keyfile JSON load (phrase, seed,
//! private key, addresses, validation). Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taolight_core::keystore::envelope::check_envelope;
use taolight_core::keystore::fernet::FernetToken;
use taolight_core::keystore::nacl::NaclKeyfile;
use taolight_core::keystore::{Keyfile, KeyfileFormat};

fuzz_target!(|data: &[u8]| {
    let _ = check_envelope(data);
    match KeyfileFormat::detect(data) {
        KeyfileFormat::Plaintext => {
            if let Ok(kf) = Keyfile::read(data, None) {
                // Whatever loads must serialise and load back to the same key.
                let again = Keyfile::from_json(&kf.to_json()).expect("our own JSON reloads");
                assert_eq!(again.public(), kf.public());
            }
        }
        KeyfileFormat::Nacl => {
            if let Ok(n) = NaclKeyfile::parse(data) {
                let _ = n.decrypt_with_key(&[7u8; 32]);
            }
        }
        KeyfileFormat::Fernet => {
            if let Ok(t) = FernetToken::parse(data) {
                let _ = t.decrypt_with_key(&[7u8; 32]);
            }
        }
        KeyfileFormat::AnsibleVault => {} // parsed by check_envelope; decrypting runs PBKDF2
    }
});
