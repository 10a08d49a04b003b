//! Keystores: Bittensor (btwallet) keyfiles and polkadot.js JSON, in and out.
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use taolight_core::keystore::{self, Keyfile, pjs};

use crate::{Keypair, TaolightError};

/// How [`encrypt_keyfile`] protects a keyfile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum KeyfileEncryption {
    /// Plain JSON (btwallet's default for hotkeys).
    Plaintext,
    /// `$NACL`: Argon2i (512 MiB) + XSalsa20-Poly1305, btwallet's default for coldkeys.
    Nacl,
    /// Legacy Ansible Vault 1.1 (PBKDF2 + AES-256-CTR + HMAC).
    AnsibleVault,
}

/// Opens a btwallet keyfile in any format (`$NACL`, Ansible Vault, Fernet, plaintext JSON).
/// `password` is needed for encrypted files only. `$NACL` takes seconds and 512 MiB: prefer
/// [`decrypt_keyfile_async`] on a UI thread.
#[uniffi::export]
pub fn decrypt_keyfile(
    data: Vec<u8>,
    password: Option<String>,
) -> Result<Arc<Keypair>, TaolightError> {
    let keyfile = Keyfile::read(&data, password.as_deref())?;
    Ok(Arc::new(Keypair::from(keyfile.into_keypair()?)))
}

/// [`decrypt_keyfile`] on a background thread (Kotlin `suspend`, Swift `async`, Python
/// `await`), so the caller's thread stays free during the Argon2 work.
#[uniffi::export]
pub async fn decrypt_keyfile_async(
    data: Vec<u8>,
    password: Option<String>,
) -> Result<Arc<Keypair>, TaolightError> {
    OnThread::spawn(move || decrypt_keyfile(data, password))
        .await
        .unwrap_or_else(|| Err(TaolightError::Keystore("the keyfile worker stopped".into())))
}

/// Writes `keypair` as btwallet keyfile bytes (`password` is needed unless `Plaintext`).
#[uniffi::export]
pub fn encrypt_keyfile(
    keypair: Arc<Keypair>,
    encryption: KeyfileEncryption,
    password: Option<String>,
) -> Result<Vec<u8>, TaolightError> {
    let encryption = match (encryption, password.as_deref()) {
        (KeyfileEncryption::Plaintext, _) => keystore::KeyfileEncryption::Plaintext,
        (KeyfileEncryption::Nacl, Some(pw)) => keystore::KeyfileEncryption::Nacl(pw),
        (KeyfileEncryption::AnsibleVault, Some(pw)) => {
            keystore::KeyfileEncryption::AnsibleVault(pw)
        }
        (_, None) => {
            return Err(TaolightError::InvalidArgument(
                "this encryption needs a password".into(),
            ));
        }
    };
    Ok(Keyfile::from_keypair(keypair.inner().clone()).write(encryption)?)
}

/// Opens a polkadot.js JSON keystore (encoding version 3; scrypt, legacy or unencrypted).
#[uniffi::export]
pub fn import_polkadot_json(json: String, password: String) -> Result<Arc<Keypair>, TaolightError> {
    Ok(Arc::new(Keypair::from(
        pjs::import(json.as_bytes(), &password)?.keypair,
    )))
}

/// Exports `keypair` as polkadot.js JSON encrypted with `password` (scrypt N=2^17, p=1, r=8).
/// `when_created_ms` is `meta.whenCreated` (milliseconds since 1970; the core reads no clock).
#[uniffi::export]
pub fn export_polkadot_json(
    keypair: Arc<Keypair>,
    password: String,
    name: Option<String>,
    when_created_ms: u64,
) -> Result<String, TaolightError> {
    let mut options = pjs::PjsExportOptions::new(when_created_ms);
    if let Some(name) = name {
        options = options.with_name(&name);
    }
    Ok(pjs::export(keypair.inner(), Some(&password), &options)?)
}

/// A future resolved by a closure run on its own thread: lets a synchronous, CPU-heavy core
/// call be awaited from foreign async code without an async runtime in the library. Resolves
/// to `None` if the closure panicked (so the caller never waits forever).
struct OnThread<T> {
    state: Arc<Mutex<Slot<T>>>,
}

/// The closure's outcome (`Some(None)` = it panicked) and the waker of the task awaiting it.
type Slot<T> = (Option<Option<T>>, Option<Waker>);

impl<T: Send + 'static> OnThread<T> {
    fn spawn(work: impl FnOnce() -> T + Send + 'static) -> Self {
        let state: Arc<Mutex<Slot<T>>> = Arc::new(Mutex::new((None, None)));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok();
            let mut guard = shared.lock().unwrap_or_else(|p| p.into_inner());
            guard.0 = Some(result);
            if let Some(waker) = guard.1.take() {
                waker.wake();
            }
        });
        OnThread { state }
    }
}

impl<T> Future for OnThread<T> {
    type Output = Option<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut guard = self.state.lock().unwrap_or_else(|p| p.into_inner());
        match guard.0.take() {
            Some(result) => Poll::Ready(result),
            None => {
                guard.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
