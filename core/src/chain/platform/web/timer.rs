//! [`Delay`]: a future that completes at a point of the monotonic clock, woken by `setTimeout`.

use alloc::{boxed::Box, sync::Arc};
use core::{
    pin::Pin,
    task::{Context, Poll, Waker},
    time::Duration,
};
use std::sync::Mutex;

use super::js;

/// Completes once `performance.now()` has reached the deadline; never if there is none (a
/// deadline past the end of `Duration`). Dropping it cancels its `setTimeout`.
#[derive(Debug)]
pub(crate) struct Delay {
    deadline: Option<Duration>,
    armed: Option<Armed>,
}

/// The `setTimeout` currently waiting for this delay.
#[derive(Debug)]
struct Armed {
    id: u64,
    shared: Arc<Mutex<Fired>>,
}

/// Written by the timer callback, read by [`Delay::poll`].
#[derive(Debug, Default)]
struct Fired {
    fired: bool,
    waker: Option<Waker>,
}

impl Delay {
    /// A delay until `deadline` on the monotonic clock (`None`: never).
    pub(super) fn until(deadline: Option<Duration>) -> Delay {
        Delay {
            deadline,
            armed: None,
        }
    }

    fn disarm(&mut self) {
        if let Some(armed) = self.armed.take() {
            js::clear_timeout(armed.id);
        }
    }
}

impl Future for Delay {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let Some(deadline) = this.deadline else {
            return Poll::Pending;
        };
        let now = js::monotonic_now();
        if now >= deadline {
            this.disarm();
            return Poll::Ready(());
        }
        if let Some(armed) = &this.armed {
            let mut fired = lock(&armed.shared);
            if !fired.fired {
                // Still waiting: just make sure the latest waker is the one woken.
                fired.waker = Some(cx.waker().clone());
                return Poll::Pending;
            }
        }
        // Not armed yet, or the timer fired a little before the deadline (clock rounding) or
        // the deadline is past `setTimeout`'s maximum: (re)arm for what remains.
        let shared = Arc::new(Mutex::new(Fired {
            fired: false,
            waker: Some(cx.waker().clone()),
        }));
        let on_fire = {
            let shared = shared.clone();
            Box::new(move || {
                let waker = {
                    let mut f = lock(&shared);
                    f.fired = true;
                    f.waker.take()
                };
                if let Some(w) = waker {
                    w.wake();
                }
            })
        };
        let ms = ((deadline - now).as_secs_f64() * 1000.0).ceil();
        match js::set_timeout(ms, on_fire) {
            Some(id) => {
                this.armed = Some(Armed { id, shared });
                Poll::Pending
            }
            // `setTimeout` threw: completing early is better than never waking up.
            None => Poll::Ready(()),
        }
    }
}

impl Drop for Delay {
    fn drop(&mut self) {
        self.disarm();
    }
}

/// Locks a mutex, recovering from poisoning.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
