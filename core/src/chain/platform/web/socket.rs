//! Single-stream connections over the JS `WebSocket`: the stream smoldot holds, the
//! [`ReadWriteAccess`] buffers it reads from and writes to, and the [`StreamUpdate`] future that
//! tells it when to look again.
//!
//! The JS side (the `WebSocket` and its four event callbacks) lives in a thread-local registry
//! keyed by the stream's id. The callbacks only append to the stream's shared state (received
//! bytes, open/closed/failed) and wake the task waiting on it; all reading and writing happens
//! when smoldot calls `read_write_access`.

use alloc::{
    format,
    string::{String, ToString as _},
    sync::Arc,
    vec::Vec,
};
use core::{
    fmt, mem, ops,
    pin::Pin,
    task::{Context, Poll, Waker},
    time::Duration,
};
use std::{
    cell::{Cell, RefCell},
    collections::HashMap,
    net::IpAddr,
    sync::Mutex,
};

use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use smoldot_light::platform::{Address, read_write::ReadWrite};
use wasm_bindgen::{JsCast as _, JsValue, closure::Closure};
use web_sys::{BinaryType, CloseEvent, Event, MessageEvent, WebSocket};

use super::{js, timer::Delay};

/// Most bytes handed to the WebSocket and not yet sent (its `bufferedAmount`) before smoldot is
/// told to stop writing.
const WRITE_LIMIT: usize = 128 * 1024;

/// How often a writer blocked by [`WRITE_LIMIT`] looks at `bufferedAmount` again (the WebSocket
/// API has no event for "buffer drained").
const WRITE_RETRY: Duration = Duration::from_millis(10);

/// Why a stream failed: shown in smoldot's logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StreamError(String);

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The WebSocket URL of a stream address (`/ip4|ip6|dns/…/tcp/N/ws` → `ws://…`, `/wss` →
/// `wss://…`). TCP addresses have none (smoldot never asks: the platform does not support them).
pub(super) fn url_of(address: &Address<'_>) -> Result<String, StreamError> {
    match *address {
        Address::WebSocketIp {
            ip: IpAddr::V4(ip),
            port,
        } => Ok(format!("ws://{ip}:{port}")),
        Address::WebSocketIp {
            ip: IpAddr::V6(ip),
            port,
        } => Ok(format!("ws://[{ip}]:{port}")),
        Address::WebSocketDns {
            hostname,
            port,
            secure,
        } => Ok(format!(
            "{}://{hostname}:{port}",
            if secure { "wss" } else { "ws" }
        )),
        Address::TcpIp { .. } | Address::TcpDns { .. } => Err(StreamError(
            "plain TCP is not available in a browser".to_string(),
        )),
    }
}

/// Connection state, written by the JS callbacks.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Connecting,
    Open,
    /// Closed cleanly (by either side): end of stream in both directions.
    Closed,
    Failed(String),
}

/// What the JS callbacks and the stream share.
#[derive(Debug)]
struct Shared {
    state: State,
    /// Received bytes not yet handed to smoldot.
    incoming: Vec<u8>,
    /// Counts callback events; the update future completes when it moves.
    events: u64,
    waker: Option<Waker>,
}

impl Shared {
    fn fail(&mut self, reason: String) {
        if !matches!(self.state, State::Failed(_) | State::Closed) {
            self.state = State::Failed(reason);
        }
    }
}

/// Applies a change from a JS callback, counts the event and wakes the waiting task.
fn notify(shared: &Mutex<Shared>, change: impl FnOnce(&mut Shared)) {
    let waker = {
        let mut s = lock(shared);
        change(&mut s);
        s.events = s.events.wrapping_add(1);
        s.waker.take()
    };
    if let Some(w) = waker {
        w.wake();
    }
}

/// The JS objects of one stream.
struct JsSocket {
    ws: WebSocket,
    _on_open: Closure<dyn FnMut(Event)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Drop for JsSocket {
    fn drop(&mut self) {
        // Detach the callbacks before their closures are freed, then close.
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onerror(None);
        self.ws.set_onclose(None);
        if matches!(
            self.ws.ready_state(),
            WebSocket::CONNECTING | WebSocket::OPEN
        ) {
            let _ = self.ws.close();
        }
    }
}

thread_local! {
    static SOCKETS: RefCell<HashMap<u64, JsSocket>> = RefCell::new(HashMap::new());
    static NEXT_SOCKET_ID: Cell<u64> = const { Cell::new(0) };
}

/// Runs `f` on the JS socket of stream `id`, if it is still registered.
fn with_socket<R>(id: u64, f: impl FnOnce(&WebSocket) -> R) -> Option<R> {
    SOCKETS.with(|s| s.borrow().get(&id).map(|js| f(&js.ws)))
}

/// A readable description of a thrown JS value.
fn describe(e: &JsValue) -> String {
    Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown JavaScript error".to_string())
}

/// Opens the JS WebSocket for stream `id` and registers it.
fn open(id: u64, url: &str, shared: &Arc<Mutex<Shared>>) -> Result<(), String> {
    let ws = WebSocket::new(url).map_err(|e| format!("cannot open {url}: {}", describe(&e)))?;
    ws.set_binary_type(BinaryType::Arraybuffer);
    let on_open = Closure::<dyn FnMut(Event)>::new({
        let shared = shared.clone();
        move |_: Event| {
            notify(&shared, |s| {
                if s.state == State::Connecting {
                    s.state = State::Open;
                }
            })
        }
    });
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
        let shared = shared.clone();
        move |ev: MessageEvent| {
            let data = ev.data();
            match data.dyn_ref::<ArrayBuffer>() {
                Some(buf) => {
                    let bytes = Uint8Array::new(buf);
                    notify(&shared, |s| {
                        let old = s.incoming.len();
                        s.incoming.resize(old + bytes.length() as usize, 0);
                        bytes.copy_to(&mut s.incoming[old..]);
                    })
                }
                None => notify(&shared, |s| {
                    s.fail("received a non-binary WebSocket message".to_string())
                }),
            }
        }
    });
    let on_error = Closure::<dyn FnMut(Event)>::new({
        let shared = shared.clone();
        move |_: Event| notify(&shared, |s| s.fail("WebSocket error".to_string()))
    });
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new({
        let shared = shared.clone();
        move |ev: CloseEvent| {
            notify(&shared, |s| {
                if ev.was_clean() {
                    if !matches!(s.state, State::Failed(_)) {
                        s.state = State::Closed;
                    }
                } else {
                    s.fail(format!("connection lost (close code {})", ev.code()));
                }
            })
        }
    });
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    SOCKETS.with(|s| {
        s.borrow_mut().insert(
            id,
            JsSocket {
                ws,
                _on_open: on_open,
                _on_message: on_message,
                _on_error: on_error,
                _on_close: on_close,
            },
        )
    });
    Ok(())
}

/// A WebSocket connection as smoldot sees it (`PlatformRef::Stream`). Dropping it closes the
/// socket.
#[derive(Debug)]
pub(crate) struct WebSocketStream {
    id: u64,
    shared: Arc<Mutex<Shared>>,
    /// The failure reported by the last `read_write_access`.
    error: Option<StreamError>,
    /// `read_write_access` was called at least once.
    accessed: bool,
    /// `Shared::events` when `read_write_access` last ran.
    seen_events: u64,
    /// The last access made progress: call again without waiting.
    wake_now: bool,
    /// smoldot asked to be called again at this instant.
    wake_up_after: Option<Duration>,
    /// smoldot closed its writing side (the socket is closed).
    write_closed: bool,
    /// smoldot filled the allowed write buffer: look at `bufferedAmount` again soon.
    write_blocked: bool,
}

impl WebSocketStream {
    /// Starts connecting to `url` (returns at once; a failure shows on first access).
    pub(super) fn connect(url: &Result<String, StreamError>) -> WebSocketStream {
        let id = NEXT_SOCKET_ID.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        let shared = Arc::new(Mutex::new(Shared {
            state: State::Connecting,
            incoming: Vec::new(),
            events: 0,
            waker: None,
        }));
        let opened = match url {
            Ok(url) => open(id, url, &shared),
            Err(e) => Err(e.0.clone()),
        };
        if let Err(reason) = opened {
            lock(&shared).fail(reason);
        }
        WebSocketStream {
            id,
            shared,
            error: None,
            accessed: false,
            seen_events: 0,
            wake_now: false,
            wake_up_after: None,
            write_closed: false,
            write_blocked: false,
        }
    }

    /// `PlatformRef::read_write_access`: hands the received bytes and the write allowance to
    /// smoldot; what it writes is sent when the returned guard is dropped.
    pub(super) fn access(&mut self, now: Duration) -> Result<ReadWriteAccess<'_>, &StreamError> {
        self.accessed = true;
        self.wake_now = false;
        self.wake_up_after = None;
        self.write_blocked = false;
        let (state, incoming) = {
            let mut s = lock(&self.shared);
            self.seen_events = s.events;
            let incoming = match s.state {
                State::Failed(_) => Vec::new(),
                _ => mem::take(&mut s.incoming),
            };
            (s.state.clone(), incoming)
        };
        let buffered = with_socket(self.id, |ws| ws.buffered_amount() as usize).unwrap_or(0);
        let (expected, queueable) = match &state {
            State::Connecting => (Some(0), (!self.write_closed).then_some(0)),
            State::Open => (
                Some(0),
                (!self.write_closed).then(|| WRITE_LIMIT.saturating_sub(buffered)),
            ),
            State::Closed => (None, None),
            State::Failed(reason) => {
                if self.error.is_none() {
                    self.error = Some(StreamError(reason.clone()));
                }
                (None, None)
            }
        };
        match self.error {
            Some(ref e) => Err(e),
            None => Ok(ReadWriteAccess {
                read_write: ReadWrite {
                    now,
                    incoming_buffer: incoming,
                    expected_incoming_bytes: expected,
                    read_bytes: 0,
                    write_buffers: Vec::new(),
                    write_bytes_queued: buffered,
                    write_bytes_queueable: queueable,
                    wake_up_after: None,
                },
                open: state == State::Open,
                stream: self,
            }),
        }
    }

    /// `PlatformRef::wait_read_write_again`.
    pub(super) fn wait_update(&mut self) -> StreamUpdate {
        let now = js::monotonic_now();
        let immediate =
            !self.accessed || self.wake_now || self.wake_up_after.is_some_and(|when| when <= now);
        let mut deadline = self.wake_up_after;
        if self.write_blocked {
            let retry = now.saturating_add(WRITE_RETRY);
            deadline = Some(deadline.map_or(retry, |d| d.min(retry)));
        }
        StreamUpdate {
            shared: self.shared.clone(),
            seen_events: self.seen_events,
            immediate,
            timer: deadline.map(|d| Delay::until(Some(d))),
        }
    }

    /// Sends bytes written by smoldot (one WebSocket message).
    fn send(&self, buffers: Vec<Vec<u8>>) {
        let total: usize = buffers.iter().map(Vec::len).sum();
        if total == 0 {
            return;
        }
        // Copied into a JS-owned array: the socket may keep the data after `send` returns.
        let data = Uint8Array::new_with_length(total as u32);
        let mut at = 0u32;
        for b in &buffers {
            if !b.is_empty() {
                data.subarray(at, at + b.len() as u32).copy_from(b);
                at += b.len() as u32;
            }
        }
        let sent = with_socket(self.id, |ws| ws.send_with_array_buffer_view(&data))
            .unwrap_or_else(|| Err(JsValue::from_str("socket gone")));
        if let Err(e) = sent {
            notify(&self.shared, |s| {
                s.fail(format!("WebSocket send failed: {}", describe(&e)))
            });
        }
    }
}

impl Drop for WebSocketStream {
    fn drop(&mut self) {
        let js = SOCKETS.with(|s| s.borrow_mut().remove(&self.id));
        drop(js);
    }
}

/// smoldot's view of a stream's buffers (`PlatformRef::ReadWriteAccess`); dropping it puts back
/// unread bytes, sends what was written, and closes the socket if smoldot closed its side.
pub(crate) struct ReadWriteAccess<'a> {
    read_write: ReadWrite<Duration>,
    open: bool,
    stream: &'a mut WebSocketStream,
}

impl ops::Deref for ReadWriteAccess<'_> {
    type Target = ReadWrite<Duration>;
    fn deref(&self) -> &ReadWrite<Duration> {
        &self.read_write
    }
}

impl ops::DerefMut for ReadWriteAccess<'_> {
    fn deref_mut(&mut self) -> &mut ReadWrite<Duration> {
        &mut self.read_write
    }
}

impl Drop for ReadWriteAccess<'_> {
    fn drop(&mut self) {
        let rw = &mut self.read_write;
        let stream = &mut *self.stream;
        let remaining = rw.incoming_buffer.len();
        if remaining > 0 {
            // Unread bytes go back in front of anything received meanwhile.
            let mut s = lock(&stream.shared);
            let mut rest = mem::take(&mut rw.incoming_buffer);
            rest.extend_from_slice(&s.incoming);
            s.incoming = rest;
        }
        let written = mem::take(&mut rw.write_buffers);
        let wrote = written.iter().any(|b| !b.is_empty());
        if wrote {
            stream.send(written);
        }
        if rw.write_bytes_queueable.is_none() && !stream.write_closed {
            stream.write_closed = true;
            // A WebSocket cannot half-close: closing the writing side closes the connection;
            // the `close` event then ends the reading side.
            with_socket(stream.id, |ws| ws.close_with_code(1000));
        }
        stream.wake_up_after = rw.wake_up_after.take();
        // Progress was made: smoldot may be able to do more without new data.
        stream.wake_now = (rw.read_bytes > 0
            && rw.expected_incoming_bytes.is_some_and(|e| e <= remaining))
            || (wrote && !stream.write_closed);
        stream.write_blocked = self.open && rw.write_bytes_queueable == Some(0);
    }
}

/// `PlatformRef::StreamUpdateFuture`: completes when a JS event arrived since the last access
/// (data, open, close, error), when smoldot's wake-up time is reached, or at once if the last
/// access made progress.
#[derive(Debug)]
pub(crate) struct StreamUpdate {
    shared: Arc<Mutex<Shared>>,
    seen_events: u64,
    immediate: bool,
    timer: Option<Delay>,
}

impl Future for StreamUpdate {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        if this.immediate {
            return Poll::Ready(());
        }
        {
            let mut s = lock(&this.shared);
            if s.events != this.seen_events {
                return Poll::Ready(());
            }
            s.waker = Some(cx.waker().clone());
        }
        match &mut this.timer {
            Some(timer) => Pin::new(timer).poll(cx),
            None => Poll::Pending,
        }
    }
}

/// Locks a mutex, recovering from poisoning.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
