//! Fuzzes polkadot.js keystore import: JSON shape, encoding/version/content/type checks,
//! base64/hex `encoded`, scrypt header and whitelist, address parsing; then the full decrypt for
//! the cheap kinds (`none` and the non-scrypt legacy box, whose key is the padded password) and
//! PKCS8 decoding of the raw input. Scrypt keystores stop before the KDF (32–128 MiB per input).
#![no_main]

use libfuzzer_sys::fuzz_target;
use taolight_core::keystore::pjs::{PjsEncryption, PjsKeystore, pkcs8};

fuzz_target!(|data: &[u8]| {
    let _ = pkcs8::decode(data);
    if let Ok(ks) = PjsKeystore::parse(data) {
        if !matches!(ks.encryption(), PjsEncryption::Scrypt(_)) {
            if let Ok(account) = ks.decrypt("fuzz") {
                assert_eq!(account.keypair.public(), ks.address_public_key());
            }
        }
    }
});
