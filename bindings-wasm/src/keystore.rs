//! Keystores: Bittensor (btwallet) keyfiles and polkadot.js JSON, in and out.
//!
//! ```js
//! import { decryptKeyfile, encryptKeyfile, importPolkadotJson, exportPolkadotJson } from 'taolight';
//! const coldkey = decryptKeyfile(bytesOfColdkeyFile, password);   // $NACL: seconds, 512 MiB
//! const json = exportPolkadotJson(coldkey, 'new password', { name: 'my coldkey' });
//! ```
//! `$NACL` unlocking runs Argon2i over 512 MiB: call it from a Web Worker in a page.
use taolight_core::keystore::{Keyfile, KeyfileEncryption, pjs};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::keys::Keypair;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** How `encryptKeyfile` protects a keyfile: btwallet's current `$NACL`, its legacy Ansible Vault, or none. */
export type KeyfileEncryption = "nacl" | "ansible-vault" | "plaintext";
/** Options of `exportPolkadotJson`. */
export interface PolkadotJsonOptions { name?: string; whenCreated?: number; ss58Prefix?: number }
"#;

/// Opens a btwallet keyfile in any format (`$NACL`, Ansible Vault, Fernet, plaintext JSON) and
/// returns its key pair. `password` is needed for encrypted files only.
#[wasm_bindgen(js_name = decryptKeyfile)]
pub fn decrypt_keyfile(data: &[u8], password: Option<String>) -> Result<Keypair, Error> {
    let keyfile = Keyfile::read(data, password.as_deref())?;
    Ok(Keypair::from(keyfile.into_keypair()?))
}

/// Writes `keypair` as btwallet keyfile bytes, protected as `encryption` says (default
/// `"nacl"`, which needs `password`).
#[wasm_bindgen(js_name = encryptKeyfile)]
pub fn encrypt_keyfile(
    keypair: &Keypair,
    password: Option<String>,
    #[wasm_bindgen(unchecked_param_type = "KeyfileEncryption | undefined")] encryption: Option<
        String,
    >,
) -> Result<Vec<u8>, Error> {
    let password = password.as_deref();
    let encryption = match (encryption.as_deref().unwrap_or("nacl"), password) {
        ("plaintext", _) => KeyfileEncryption::Plaintext,
        ("nacl", Some(pw)) => KeyfileEncryption::Nacl(pw),
        ("ansible-vault", Some(pw)) => KeyfileEncryption::AnsibleVault(pw),
        ("nacl" | "ansible-vault", None) => {
            return Err(Error::invalid_argument("this encryption needs a password"));
        }
        (other, _) => {
            return Err(Error::invalid_argument(format!(
                "encryption must be \"nacl\", \"ansible-vault\" or \"plaintext\", got {other:?}"
            )));
        }
    };
    let keyfile = Keyfile::from_keypair(keypair.inner().clone());
    Ok(keyfile.write(encryption)?)
}

/// Opens a polkadot.js JSON keystore (encoding version 3; scrypt, legacy or unencrypted).
#[wasm_bindgen(js_name = importPolkadotJson)]
pub fn import_polkadot_json(json: &str, password: &str) -> Result<Keypair, Error> {
    Ok(Keypair::from(
        pjs::import(json.as_bytes(), password)?.keypair,
    ))
}

/// Exports `keypair` as polkadot.js JSON encrypted with `password` (scrypt N=2^17, p=1, r=8,
/// as polkadot.js writes). `whenCreated` defaults to now.
#[wasm_bindgen(js_name = exportPolkadotJson)]
pub fn export_polkadot_json(
    keypair: &Keypair,
    password: &str,
    #[wasm_bindgen(unchecked_param_type = "PolkadotJsonOptions | undefined")] options: JsValue,
) -> Result<String, Error> {
    let get = |key: &str| {
        if options.is_object() {
            js_sys::Reflect::get(&options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        }
    };
    let when_created = get("whenCreated")
        .as_f64()
        .unwrap_or_else(js_sys::Date::now);
    if !(when_created >= 0.0 && when_created <= u64::MAX as f64) {
        return Err(Error::invalid_argument(
            "whenCreated must be milliseconds since 1970",
        ));
    }
    let mut opts = pjs::PjsExportOptions::new(when_created as u64);
    if let Some(name) = get("name").as_string() {
        opts = opts.with_name(&name);
    }
    if let Some(prefix) = get("ss58Prefix").as_f64() {
        opts.ss58_prefix = u16::try_from(prefix as i64)
            .map_err(|_| Error::invalid_argument("ss58Prefix must be 0..=16383"))?;
    }
    Ok(pjs::export(keypair.inner(), Some(password), &opts)?)
}
