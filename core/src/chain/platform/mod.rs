//! The one place where the light client meets its environment (sockets, timers, randomness,
//! task spawning): smoldot-light's `PlatformRef`, with one implementation per target.
//!
//! - native (`not(target_arch = "wasm32")`): smoldot-light's `DefaultPlatform`: its own thread
//!   pool (`smol` executor, one thread per core), TCP and plain `ws://`, OS randomness and clock.
//! - wasm32 (browser window, Web Worker, Node): `web::Platform`: WebSocket (`ws`/`wss`),
//!   `setTimeout` and `performance.now` from the JS global object, `getrandom`, tasks on the JS
//!   event loop (`spawn_local`). [`new_platform`] fails with `ChainError::Unsupported` when the
//!   JS environment lacks one of them (e.g. Node 20 without `--experimental-websocket`).

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native::{Platform, new_platform};

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub(crate) use web::{Platform, new_platform};
