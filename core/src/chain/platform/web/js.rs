//! The JavaScript environment: globals looked up once (through `js_sys::global()`, so a Window, a
//! WorkerGlobalScope and Node all work), the clocks, `setTimeout`/`clearTimeout` with a registry
//! of pending timers, and the console.

use alloc::boxed::Box;
use core::time::Duration;
use std::{
    cell::{Cell, OnceCell, RefCell},
    collections::HashMap,
};

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast as _, JsValue, closure::Closure};

use crate::chain::ChainError;

/// The globals the platform uses, found on the global object.
struct Env {
    global: Object,
    set_timeout: Function,
    clear_timeout: Function,
    performance: Object,
    performance_now: Function,
    /// The one callback every timer calls, with the timer's id as argument (kept alive for the
    /// thread's lifetime: no per-timer closure to free).
    timer_callback: Closure<dyn FnMut(f64)>,
    secure_origin: bool,
}

/// What [`init`] found out about the environment.
#[derive(Debug, Clone, Copy)]
pub(super) struct EnvInfo {
    /// The global's `location.protocol` is `https:` (a page or Worker loaded over TLS).
    pub(super) secure_origin: bool,
}

/// A timer waiting in `setTimeout`: its JS handle and what to run when it fires.
struct PendingTimer {
    handle: JsValue,
    on_fire: Box<dyn FnOnce()>,
}

thread_local! {
    static ENV: OnceCell<Env> = const { OnceCell::new() };
    static TIMERS: RefCell<HashMap<u64, PendingTimer>> = RefCell::new(HashMap::new());
    static NEXT_TIMER_ID: Cell<u64> = const { Cell::new(0) };
}

/// Looks up the globals (once per thread) and checks that everything is there.
pub(super) fn init() -> Result<EnvInfo, ChainError> {
    ENV.with(|cell| {
        if cell.get().is_none() {
            let env = Env::detect()?;
            let _ = cell.set(env);
        }
        Ok(EnvInfo {
            secure_origin: cell.get().is_some_and(|e| e.secure_origin),
        })
    })
}

impl Env {
    fn detect() -> Result<Env, ChainError> {
        let global: Object = js_sys::global();
        let function = |on: &JsValue, name: &str| -> Option<Function> {
            Reflect::get(on, &JsValue::from_str(name))
                .ok()?
                .dyn_into::<Function>()
                .ok()
        };
        let set_timeout = function(&global, "setTimeout").ok_or(ChainError::Unsupported(
            "this JavaScript environment has no setTimeout",
        ))?;
        let clear_timeout = function(&global, "clearTimeout").ok_or(ChainError::Unsupported(
            "this JavaScript environment has no clearTimeout",
        ))?;
        let performance = Reflect::get(&global, &JsValue::from_str("performance"))
            .ok()
            .and_then(|p| p.dyn_into::<Object>().ok())
            .ok_or(ChainError::Unsupported(
                "this JavaScript environment has no performance object",
            ))?;
        let performance_now = function(&performance, "now").ok_or(ChainError::Unsupported(
            "this JavaScript environment has no performance.now",
        ))?;
        if function(&global, "WebSocket").is_none() {
            return Err(ChainError::Unsupported(
                "this JavaScript environment has no WebSocket (Node 20: run with \
                 --experimental-websocket; Node 22 and browsers have it)",
            ));
        }
        let secure_origin = Reflect::get(&global, &JsValue::from_str("location"))
            .ok()
            .filter(|l| l.is_object())
            .and_then(|l| Reflect::get(&l, &JsValue::from_str("protocol")).ok())
            .and_then(|p| p.as_string())
            .is_some_and(|p| p == "https:");
        let timer_callback = Closure::<dyn FnMut(f64)>::new(|id: f64| fire_timer(id as u64));
        Ok(Env {
            global,
            set_timeout,
            clear_timeout,
            performance,
            performance_now,
            timer_callback,
            secure_origin,
        })
    }
}

/// Milliseconds since the Unix epoch (`Date.now()`).
pub(super) fn date_now_ms() -> f64 {
    js_sys::Date::now()
}

/// The monotonic clock: `performance.now()` (falls back to `Date.now()` only if [`init`] never
/// ran on this thread, which cannot happen while a platform exists).
pub(super) fn monotonic_now() -> Duration {
    let ms = ENV
        .with(|cell| {
            let env = cell.get()?;
            env.performance_now.call0(&env.performance).ok()?.as_f64()
        })
        .unwrap_or_else(date_now_ms);
    millis_to_duration(ms)
}

/// Converts JS milliseconds to a `Duration` (negative, NaN → zero; too large → `Duration::MAX`).
pub(super) fn millis_to_duration(ms: f64) -> Duration {
    if ms.is_nan() || ms <= 0.0 {
        return Duration::ZERO;
    }
    Duration::try_from_secs_f64(ms / 1000.0).unwrap_or(Duration::MAX)
}

/// Longest delay `setTimeout` accepts (larger values fire immediately): 2^31 - 1 ms, ~24.8 days.
pub(super) const MAX_TIMEOUT_MS: f64 = 2_147_483_647.0;

/// Calls `on_fire` once after `ms` milliseconds (clamped to 0..=[`MAX_TIMEOUT_MS`]). Returns the
/// timer's id for [`clear_timeout`], or `None` (and drops `on_fire`) if `setTimeout` failed.
pub(super) fn set_timeout(ms: f64, on_fire: Box<dyn FnOnce()>) -> Option<u64> {
    let id = NEXT_TIMER_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1) & ((1 << 53) - 1)); // stays exact as a JS number
        id
    });
    let delay = JsValue::from_f64(ms.clamp(0.0, MAX_TIMEOUT_MS));
    let handle = ENV.with(|cell| {
        let env = cell.get()?;
        env.set_timeout
            .call3(
                &env.global,
                env.timer_callback.as_ref().unchecked_ref::<JsValue>(),
                &delay,
                &JsValue::from_f64(id as f64),
            )
            .ok()
    })?;
    TIMERS.with(|t| t.borrow_mut().insert(id, PendingTimer { handle, on_fire }));
    Some(id)
}

/// Cancels a timer set with [`set_timeout`] (nothing happens if it already fired).
pub(super) fn clear_timeout(id: u64) {
    let Some(timer) = TIMERS.with(|t| t.borrow_mut().remove(&id)) else {
        return;
    };
    ENV.with(|cell| {
        if let Some(env) = cell.get() {
            let _ = env.clear_timeout.call1(&env.global, &timer.handle);
        }
    });
}

/// Called by the shared timer callback.
fn fire_timer(id: u64) {
    // Take the entry out first: `on_fire` may set or clear other timers.
    let timer = TIMERS.with(|t| t.borrow_mut().remove(&id));
    if let Some(timer) = timer {
        (timer.on_fire)();
    }
}

/// Writes a line to the JS console (`console.error` or `console.warn`).
pub(super) fn console(error: bool, line: &str) {
    let line = JsValue::from_str(line);
    if error {
        web_sys::console::error_1(&line);
    } else {
        web_sys::console::warn_1(&line);
    }
}
