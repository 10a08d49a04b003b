//! wasm32 platform: **not implemented yet**.
//!
//! [`Platform`] is an uninhabited type, so a client can never be built on this target and
//! [`new_platform`] says so with [`ChainError::Unsupported`]. The trait implementation below only
//! exists so that the rest of `core::chain` type-checks for wasm32; none of its methods can be
//! reached. The real implementation (web-sys WebSocket, `setTimeout`/`performance.now` through
//! `js_sys::global()` so it works in a Web Worker, `getrandom`, `spawn_local`) is planned in
//! docs/adr/0001-light-client.md.

use alloc::borrow::Cow;
use core::{convert::Infallible, future::Pending, pin::Pin, time::Duration};

use smoldot_light::platform::{
    Address, ConnectionType, LogLevel, MultiStreamAddress, MultiStreamWebRtcConnection,
    PlatformRef, SubstreamDirection, read_write::ReadWrite,
};

use crate::chain::ChainError;

/// The (uninhabited) platform type of this target: no value of it can exist.
#[derive(Clone)]
pub(crate) enum Platform {}

/// Always fails: there is no wasm32 platform yet.
pub(crate) fn new_platform() -> Result<Platform, ChainError> {
    Err(ChainError::Unsupported(
        "the light client has no wasm32 platform yet (see docs/adr/0001-light-client.md)",
    ))
}

impl PlatformRef for Platform {
    type Delay = Pending<()>;
    type Instant = Duration;
    type MultiStream = Infallible;
    type Stream = Infallible;
    type ReadWriteAccess<'a> = &'a mut ReadWrite<Duration>;
    type StreamErrorRef<'a> = Infallible;
    type StreamConnectFuture = Pending<Infallible>;
    type MultiStreamConnectFuture = Pending<MultiStreamWebRtcConnection<Infallible>>;
    type StreamUpdateFuture<'a> = Pending<()>;
    type NextSubstreamFuture<'a> = Pending<Option<(Infallible, SubstreamDirection)>>;

    fn now_from_unix_epoch(&self) -> Duration {
        match *self {}
    }
    fn now(&self) -> Duration {
        match *self {}
    }
    fn fill_random_bytes(&self, _: &mut [u8]) {
        match *self {}
    }
    fn sleep(&self, _: Duration) -> Self::Delay {
        match *self {}
    }
    fn sleep_until(&self, _: Duration) -> Self::Delay {
        match *self {}
    }
    fn spawn_task(&self, _: Cow<str>, _: impl Future<Output = ()> + Send + 'static) {
        match *self {}
    }
    fn log<'a>(
        &self,
        _: LogLevel,
        _: &'a str,
        _: &'a str,
        _: impl Iterator<Item = (&'a str, &'a dyn core::fmt::Display)>,
    ) {
        match *self {}
    }
    fn client_name(&self) -> Cow<'_, str> {
        match *self {}
    }
    fn client_version(&self) -> Cow<'_, str> {
        match *self {}
    }
    fn supports_connection_type(&self, _: ConnectionType) -> bool {
        match *self {}
    }
    fn connect_stream(&self, _: Address) -> Self::StreamConnectFuture {
        match *self {}
    }
    fn connect_multistream(&self, _: MultiStreamAddress) -> Self::MultiStreamConnectFuture {
        match *self {}
    }
    fn open_out_substream(&self, _: &mut Infallible) {
        match *self {}
    }
    fn next_substream<'a>(&self, _: &'a mut Infallible) -> Self::NextSubstreamFuture<'a> {
        match *self {}
    }
    fn read_write_access<'a>(
        &self,
        _: Pin<&'a mut Infallible>,
    ) -> Result<Self::ReadWriteAccess<'a>, Self::StreamErrorRef<'a>> {
        match *self {}
    }
    fn wait_read_write_again<'a>(
        &self,
        _: Pin<&'a mut Infallible>,
    ) -> Self::StreamUpdateFuture<'a> {
        match *self {}
    }
}
