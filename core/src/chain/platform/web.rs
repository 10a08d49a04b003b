//! wasm32 platform: the light client in a browser window, a Web Worker or Node.
//!
//! Everything JavaScript is reached through the global object (`js_sys::global()`), never through
//! `window`, so the same build runs in a page, in a dedicated Worker and in Node:
//! - sockets: `WebSocket` (`/ws` and `/wss` multiaddrs, see [`socket`]); no TCP (a browser cannot
//!   open one) and no WebRTC (smoldot's WebRTC needs a JS-side SCTP/data-channel driver that is
//!   not written; `MultiStream` is uninhabited). Plain `ws://` to a host other than localhost is
//!   refused when the page or Worker was loaded over `https:` (browsers block it as mixed content);
//! - time: `performance.now()` (monotonic) and `Date.now()`, timers with `setTimeout` (see
//!   [`timer`]);
//! - randomness: `getrandom` (its JS backend, `crypto.getRandomValues`, is enabled by the
//!   bindings crate);
//! - tasks: `wasm_bindgen_futures::spawn_local` on the JS event loop.
//!
//! smoldot-light's `PlatformRef` wants `Send + Sync` handles and futures, while JS objects are
//! neither. No `unsafe` is needed: JS objects (sockets, timer handles, the callbacks) live in
//! thread-local registries ([`js`]) keyed by plain integers, and everything smoldot holds (the
//! platform, streams, delays) is plain Rust data shared through `Arc<Mutex<_>>`. wasm32 without
//! the `atomics` target feature has one thread, so the registries are the only copy.
//!
//! A panic inside a task aborts the module (wasm32 has no unwinding), unlike the native platform.

mod js;
mod socket;
mod timer;

use alloc::{borrow::Cow, string::String, sync::Arc};
use core::{convert::Infallible, fmt::Write as _, future::Pending, pin::Pin, time::Duration};

use smoldot_light::platform::{
    Address, ConnectionType, LogLevel, MultiStreamAddress, MultiStreamWebRtcConnection,
    PlatformRef, SubstreamDirection,
};

use crate::chain::ChainError;

pub(crate) use socket::{StreamError, WebSocketStream};
pub(crate) use timer::Delay;

/// Name the client announces to peers and in `system_name`.
const CLIENT_NAME: &str = "taolight";

/// Version the client announces.
const CLIENT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The browser / Worker / Node platform. Cheap to clone; holds no JS object itself.
#[derive(Clone, Debug)]
pub(crate) struct Platform {
    inner: Arc<Settings>,
}

/// What was learnt about the JS environment when the platform was created.
#[derive(Debug)]
struct Settings {
    /// `false` when the global's `location.protocol` is `https:`: browsers then block `ws://`
    /// to anything but localhost (mixed content).
    insecure_ws_allowed: bool,
}

/// Creates the platform after checking that the JS environment has what it needs
/// (`setTimeout`, `clearTimeout`, `performance.now`, `WebSocket`).
pub(crate) fn new_platform() -> Result<Platform, ChainError> {
    let env = js::init()?;
    Ok(Platform {
        inner: Arc::new(Settings {
            insecure_ws_allowed: !env.secure_origin,
        }),
    })
}

impl PlatformRef for Platform {
    type Delay = Delay;
    type Instant = Duration;
    type MultiStream = Infallible;
    type Stream = WebSocketStream;
    type ReadWriteAccess<'a> = socket::ReadWriteAccess<'a>;
    type StreamErrorRef<'a> = &'a StreamError;
    type StreamConnectFuture = core::future::Ready<WebSocketStream>;
    type MultiStreamConnectFuture = Pending<MultiStreamWebRtcConnection<Infallible>>;
    type StreamUpdateFuture<'a> = socket::StreamUpdate;
    type NextSubstreamFuture<'a> = Pending<Option<(WebSocketStream, SubstreamDirection)>>;

    fn now_from_unix_epoch(&self) -> Duration {
        js::millis_to_duration(js::date_now_ms())
    }

    fn now(&self) -> Duration {
        js::monotonic_now()
    }

    fn fill_random_bytes(&self, buffer: &mut [u8]) {
        // The trait requires a panic when no randomness is available (no `crypto` global): a
        // light client must not run on predictable nonces.
        if let Err(e) = getrandom::fill(buffer) {
            panic!("no randomness in this JavaScript environment: {e}");
        }
    }

    fn sleep(&self, duration: Duration) -> Delay {
        Delay::until(js::monotonic_now().checked_add(duration))
    }

    fn sleep_until(&self, when: Duration) -> Delay {
        Delay::until(Some(when))
    }

    fn spawn_task(&self, _: Cow<str>, task: impl Future<Output = ()> + Send + 'static) {
        wasm_bindgen_futures::spawn_local(task);
    }

    fn log<'a>(
        &self,
        level: LogLevel,
        target: &'a str,
        message: &'a str,
        key_values: impl Iterator<Item = (&'a str, &'a dyn core::fmt::Display)>,
    ) {
        // Errors and warnings go to the JS console; smoldot's info/debug/trace are dropped (the
        // status stream is the supported way to observe the client).
        if !matches!(level, LogLevel::Error | LogLevel::Warn) {
            return;
        }
        let mut line = String::with_capacity(128);
        let _ = write!(line, "[{target}] {message}");
        for (i, (k, v)) in key_values.enumerate() {
            let _ = write!(line, "{}{k}={v}", if i == 0 { "; " } else { ", " });
        }
        js::console(matches!(level, LogLevel::Error), &line);
    }

    fn client_name(&self) -> Cow<'_, str> {
        Cow::Borrowed(CLIENT_NAME)
    }

    fn client_version(&self) -> Cow<'_, str> {
        Cow::Borrowed(CLIENT_VERSION)
    }

    fn supports_connection_type(&self, connection_type: ConnectionType) -> bool {
        let insecure_ok = self.inner.insecure_ws_allowed;
        match connection_type {
            ConnectionType::WebSocketIpv4 {
                remote_is_localhost,
            }
            | ConnectionType::WebSocketIpv6 {
                remote_is_localhost,
            } => insecure_ok || remote_is_localhost,
            ConnectionType::WebSocketDns {
                secure,
                remote_is_localhost,
            } => secure || insecure_ok || remote_is_localhost,
            ConnectionType::TcpIpv4
            | ConnectionType::TcpIpv6
            | ConnectionType::TcpDns
            | ConnectionType::WebRtcIpv4
            | ConnectionType::WebRtcIpv6
            | ConnectionType::WebRtcDns => false,
        }
    }

    fn connect_stream(&self, address: Address) -> Self::StreamConnectFuture {
        core::future::ready(WebSocketStream::connect(&socket::url_of(&address)))
    }

    fn connect_multistream(&self, _: MultiStreamAddress) -> Self::MultiStreamConnectFuture {
        // Never called: `supports_connection_type` is `false` for every WebRTC address.
        core::future::pending()
    }

    fn open_out_substream(&self, connection: &mut Infallible) {
        match *connection {}
    }

    fn next_substream<'a>(&self, connection: &'a mut Infallible) -> Self::NextSubstreamFuture<'a> {
        match *connection {}
    }

    fn read_write_access<'a>(
        &self,
        stream: Pin<&'a mut WebSocketStream>,
    ) -> Result<Self::ReadWriteAccess<'a>, &'a StreamError> {
        stream.get_mut().access(js::monotonic_now())
    }

    fn wait_read_write_again<'a>(
        &self,
        stream: Pin<&'a mut WebSocketStream>,
    ) -> Self::StreamUpdateFuture<'a> {
        stream.get_mut().wait_update()
    }
}
