//! [`KeyStorage`] on the native filesystem: btwallet's `~/.bittensor/wallets/` layout.
//!
//! Writes go to a temporary file in the target directory (mode 0600, flushed to disk) that is
//! then moved into place: `rename` when overwriting, `hard_link` (which fails if the target
//! exists, so no check-then-write race) when not. Directories are created with the process
//! umask, as btwallet does.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use alloc::string::String;
use alloc::vec::Vec;

use super::KeystoreError;
use super::random::random_array;
use super::storage::KeyStorage;
use super::wallet_store::validate_name;

/// Keyfiles under a root directory (e.g. `~/.bittensor/wallets`).
#[derive(Debug, Clone)]
pub struct DirectoryStorage {
    root: PathBuf,
}

fn io_error(op: &str, key: &str, e: &io::Error) -> KeystoreError {
    KeystoreError::Storage(alloc::format!("{op} {key}: {}", e.kind()))
}

impl DirectoryStorage {
    /// Storage rooted at `root` (created on first write).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, key: &str) -> Result<PathBuf, KeystoreError> {
        let mut p = self.root.clone();
        if key.is_empty() {
            return Ok(p);
        }
        for part in key.split('/') {
            validate_name(part)?;
            p.push(part);
        }
        Ok(p)
    }
}

impl KeyStorage for DirectoryStorage {
    fn read(&self, key: &str) -> Result<Option<Vec<u8>>, KeystoreError> {
        match fs::read(self.path(key)?) {
            Ok(data) => Ok(Some(data)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error("read", key, &e)),
        }
    }

    fn write(&self, key: &str, data: &[u8], overwrite: bool) -> Result<(), KeystoreError> {
        let target = self.path(key)?;
        let dir = target.parent().ok_or(KeystoreError::InvalidName)?;
        fs::create_dir_all(dir).map_err(|e| io_error("create directory for", key, &e))?;
        let file_name = target
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or(KeystoreError::InvalidName)?;
        let tmp = dir.join(alloc::format!(
            ".{file_name}.tmp-{}",
            hex::encode(random_array::<8>()?)
        ));
        let result = write_new_file(&tmp, data)
            .map_err(|e| io_error("write", key, &e))
            .and_then(|()| {
                if overwrite {
                    fs::rename(&tmp, &target).map_err(|e| io_error("rename into", key, &e))
                } else {
                    match fs::hard_link(&tmp, &target) {
                        Ok(()) => Ok(()),
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                            Err(KeystoreError::AlreadyExists(String::from(key)))
                        }
                        Err(e) => Err(io_error("link into", key, &e)),
                    }
                }
            });
        // After rename the temp name is gone; after hard_link (or a failure) remove it.
        let _ = fs::remove_file(&tmp);
        result
    }

    fn list(&self, prefix: &str) -> Result<Vec<String>, KeystoreError> {
        let dir = self.path(prefix)?;
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(Vec::new());
            }
            Err(e) => return Err(io_error("list", prefix, &e)),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| io_error("list", prefix, &e))?;
            if let Some(name) = entry.file_name().to_str()
                && !name.starts_with('.')
            {
                out.push(String::from(name));
            }
        }
        out.sort();
        Ok(out)
    }
}

fn write_new_file(path: &Path, data: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(data)?;
    file.sync_all()
}
