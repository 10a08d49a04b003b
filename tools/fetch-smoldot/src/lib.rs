//! Empty: this crate exists only so `cargo fetch` downloads the crates to patch.
