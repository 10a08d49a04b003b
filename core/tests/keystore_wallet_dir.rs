//! btwallet wallet directories on the native filesystem: reading the directories
//! bittensor-wallet 4.1.1 wrote (fixtures), creating keys atomically with mode 0600, listing,
//! and refusing to overwrite.
#![cfg(all(feature = "keystore", not(target_arch = "wasm32")))]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;
use taolight_core::keys::{CryptoType, Keypair};
use taolight_core::keystore::{
    DirectoryStorage, KeyStorage, KeyfileEncryption, KeystoreError, WalletStore,
};

fn temp_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "taolight-keystore-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn fixtures() -> PathBuf {
    PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keystore/btwallet")
}

#[test]
fn reads_wallet_directories_written_by_btwallet() {
    let root = temp_dir();
    copy_dir(&fixtures().join("wallets"), &root);
    let expected: Value =
        serde_json::from_slice(&std::fs::read(fixtures().join("expected.json")).unwrap()).unwrap();
    let store = WalletStore::new(DirectoryStorage::new(&root));
    assert_eq!(store.list_wallets().unwrap(), ["ed", "sr"]);
    for w in ["ed", "sr"] {
        assert_eq!(store.list_hotkeys(w).unwrap(), ["default"]);
        let exp = |f: &str| {
            expected[format!("wallets/{w}/{f}")]["ss58Address"]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            store.load_coldkeypub(w).unwrap().address(),
            exp("coldkeypub.txt")
        );
        assert_eq!(
            store.load_hotkey(w, "default", None).unwrap().address(),
            exp("hotkeys/default")
        );
        assert_eq!(
            store.load_hotkeypub(w, "default").unwrap().address(),
            exp("hotkeys/defaultpub.txt")
        );
        // The coldkey is $NACL: without a password it is a typed error, not a panic.
        assert!(matches!(
            store.load_coldkey(w, None),
            Err(KeystoreError::PasswordRequired(_))
        ));
    }
    assert!(matches!(
        store.load_hotkey("sr", "missing", None),
        Err(KeystoreError::NotFound(_))
    ));
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn creates_keys_atomically_with_mode_0600_and_never_overwrites_silently() {
    let root = temp_dir();
    let store = WalletStore::new(DirectoryStorage::new(&root));
    let alice = Keypair::from_uri("//Alice", CryptoType::Sr25519).unwrap();
    let bob = Keypair::from_uri("//Bob", CryptoType::Sr25519).unwrap();
    store
        .create_hotkey("w", "h", &alice, KeyfileEncryption::Plaintext, false)
        .unwrap();
    store
        .create_coldkey("w", &bob, KeyfileEncryption::AnsibleVault("pw"), false)
        .unwrap();

    #[cfg(unix)]
    for f in [
        "w/hotkeys/h",
        "w/hotkeys/hpub.txt",
        "w/coldkey",
        "w/coldkeypub.txt",
    ] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(root.join(f))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{f}");
    }
    // No temp files left behind.
    let names: Vec<_> = std::fs::read_dir(root.join("w/hotkeys"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    let before = std::fs::read(root.join("w/hotkeys/h")).unwrap();
    let err = store
        .create_hotkey("w", "h", &bob, KeyfileEncryption::Plaintext, false)
        .unwrap_err();
    assert!(matches!(err, KeystoreError::AlreadyExists(_)), "{err}");
    assert_eq!(std::fs::read(root.join("w/hotkeys/h")).unwrap(), before);
    assert!(matches!(
        store.create_coldkey("w", &alice, KeyfileEncryption::Plaintext, false),
        Err(KeystoreError::AlreadyExists(_))
    ));
    // The storage layer alone refuses too (atomic hard-link), not only the wallet layer.
    assert!(matches!(
        store.storage().write("w/coldkey", b"{}", false),
        Err(KeystoreError::AlreadyExists(_))
    ));

    store
        .create_hotkey("w", "h", &bob, KeyfileEncryption::Plaintext, true)
        .unwrap();
    assert_eq!(
        store.load_hotkey("w", "h", None).unwrap().address(),
        bob.address()
    );
    assert_eq!(
        store.load_hotkeypub("w", "h").unwrap().address(),
        bob.address()
    );
    assert_eq!(
        store.load_coldkey("w", Some("pw")).unwrap().address(),
        bob.address()
    );
    assert!(matches!(
        store.load_coldkey("w", Some("nope")),
        Err(KeystoreError::WrongPassword(_))
    ));
    assert_eq!(store.list_wallets().unwrap(), ["w"]);
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn names_that_escape_the_directory_are_refused() {
    let root = temp_dir();
    let store = WalletStore::new(DirectoryStorage::new(root.join("wallets")));
    let kp = Keypair::from_uri("//Alice", CryptoType::Ed25519).unwrap();
    for bad in ["", ".", "..", "../x", "a/b", "a\\b", "nul\0"] {
        assert!(matches!(
            store.create_hotkey("w", bad, &kp, KeyfileEncryption::Plaintext, false),
            Err(KeystoreError::InvalidName)
        ));
        assert!(matches!(
            store.load_coldkeypub(bad),
            Err(KeystoreError::InvalidName)
        ));
        if !bad.contains('/') {
            // (`a/b` is two valid components for the storage layer; the wallet layer refuses it.)
            assert!(matches!(
                store.storage().read(&format!("w/{bad}/x")),
                Err(KeystoreError::InvalidName)
            ));
        }
    }
    assert!(!root.join("x").exists());
    std::fs::remove_dir_all(root).unwrap();
}
