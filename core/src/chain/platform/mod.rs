//! The one place where the light client meets its environment (sockets, timers, randomness,
//! task spawning): smoldot-light's `PlatformRef`, with one implementation per target.
//!
//! - native (`not(target_arch = "wasm32")`): smoldot-light's `DefaultPlatform`: its own thread
//!   pool (`smol` executor, one thread per core), TCP and plain `ws://`, OS randomness and clock.
//! - wasm32 (browser, Web Worker): not implemented yet; [`new_platform`] returns
//!   `ChainError::Unsupported`. The plan is in docs/adr/0001-light-client.md.

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native::{Platform, new_platform};

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub(crate) use web::{Platform, new_platform};
