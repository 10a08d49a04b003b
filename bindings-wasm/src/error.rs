//! The one error shape of the JavaScript API.
//!
//! Every failure is thrown as a JS `Error` whose `name` is `"TaolightError"` and whose `code`
//! is a stable string: the name of the core error variant (`"InvalidSs58Checksum"`,
//! `"UnknownWord"`, `"WrongPassword"`, …; a keys error inside a keystore error keeps its own
//! code) or, for bad arguments caught while converting JS values,
//! `"InvalidArgument"`. Messages come from the core's `Display`, which never contains secrets.
use taolight_core::keys::KeysError;
use taolight_core::keystore::KeystoreError;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &'static str = r#"
/** What every function of this package throws. `code` is stable; `message` is for humans. */
export interface TaolightError extends Error {
  name: "TaolightError";
  code: string;
}
"#;

/// An error on its way to JavaScript: a stable code and a secret-free message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The stable code, e.g. `"InvalidSs58Checksum"`.
    pub code: &'static str,
    /// Human-readable description (from the core error's `Display`).
    pub message: String,
}

impl Error {
    /// A bad argument detected while converting a JS value (wrong length, unknown name, …).
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Error {
            code: "InvalidArgument",
            message: message.into(),
        }
    }
}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        let js = js_sys::Error::new(&e.message);
        js.set_name("TaolightError");
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str("code"), &JsValue::from_str(e.code));
        js.into()
    }
}

impl From<KeysError> for Error {
    fn from(e: KeysError) -> Self {
        Error {
            code: keys_code(&e),
            message: e.to_string(),
        }
    }
}

impl From<KeystoreError> for Error {
    fn from(e: KeystoreError) -> Self {
        Error {
            code: keystore_code(&e),
            message: e.to_string(),
        }
    }
}

/// The stable code of a keystore error: its variant name (a wrapped keys error keeps its own).
fn keystore_code(e: &KeystoreError) -> &'static str {
    match e {
        KeystoreError::WrongPassword(_) => "WrongPassword",
        KeystoreError::Truncated { .. } => "Truncated",
        KeystoreError::Malformed { .. } => "Malformed",
        KeystoreError::InvalidHex(_) => "InvalidHex",
        KeystoreError::InvalidBase64(_) => "InvalidBase64",
        KeystoreError::NotUtf8(_) => "NotUtf8",
        KeystoreError::InvalidJson { .. } => "InvalidJson",
        KeystoreError::MissingField(_) => "MissingField",
        KeystoreError::InvalidField { .. } => "InvalidField",
        KeystoreError::UnsupportedCryptoType(_) => "UnsupportedCryptoType",
        KeystoreError::UnsupportedEncoding(_) => "UnsupportedEncoding",
        KeystoreError::UnsupportedScryptParams { .. } => "UnsupportedScryptParams",
        KeystoreError::AddressMismatch { .. } => "AddressMismatch",
        KeystoreError::PublicOnly => "PublicOnly",
        KeystoreError::PasswordRequired(_) => "PasswordRequired",
        KeystoreError::Kdf(_) => "Kdf",
        KeystoreError::Random => "Random",
        KeystoreError::Keys(inner) => keys_code(inner),
        KeystoreError::InvalidName => "InvalidName",
        KeystoreError::AlreadyExists(_) => "AlreadyExists",
        KeystoreError::NotFound(_) => "NotFound",
        KeystoreError::Storage(_) => "Storage",
        // Non-exhaustive, as for keys.
        _ => "Keystore",
    }
}

/// The stable code of a keys error: its variant name.
fn keys_code(e: &KeysError) -> &'static str {
    match e {
        KeysError::InvalidWordCount(_) => "InvalidWordCount",
        KeysError::UnknownWord { .. } => "UnknownWord",
        KeysError::InvalidMnemonicChecksum => "InvalidMnemonicChecksum",
        KeysError::InvalidEntropyLength(_) => "InvalidEntropyLength",
        KeysError::RandomnessUnavailable => "RandomnessUnavailable",
        KeysError::NotUtf8 => "NotUtf8",
        KeysError::EmptyPhrase => "EmptyPhrase",
        KeysError::EmptyJunction { .. } => "EmptyJunction",
        KeysError::InvalidPath => "InvalidPath",
        KeysError::PasswordInPath => "PasswordInPath",
        KeysError::InvalidHexSeed => "InvalidHexSeed",
        KeysError::InvalidSeedLength(_) => "InvalidSeedLength",
        KeysError::SoftDerivationNotSupported => "SoftDerivationNotSupported",
        KeysError::InvalidSecretLength { .. } => "InvalidSecretLength",
        KeysError::InvalidSecretKey => "InvalidSecretKey",
        KeysError::InvalidSignatureLength(_) => "InvalidSignatureLength",
        KeysError::InvalidBase58 => "InvalidBase58",
        KeysError::InvalidSs58Checksum => "InvalidSs58Checksum",
        KeysError::InvalidSs58Length(_) => "InvalidSs58Length",
        KeysError::InvalidSs58Prefix => "InvalidSs58Prefix",
        KeysError::ReservedSs58Prefix(_) => "ReservedSs58Prefix",
        // `KeysError` is non-exhaustive: a variant added later keeps a stable generic code
        // until it is listed here.
        _ => "Keys",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_errors_keep_their_variant_name_and_message() {
        let e = Error::from(KeysError::InvalidSs58Checksum);
        assert_eq!(e.code, "InvalidSs58Checksum");
        assert_eq!(e.message, KeysError::InvalidSs58Checksum.to_string());
        assert_eq!(
            Error::from(KeysError::UnknownWord { position: 3 }).code,
            "UnknownWord"
        );
    }
}
