//! The light client's own runtime: one thread running a local executor.
//!
//! uniffi polls exported futures from the foreign side and requires them to be `Send`; some
//! core futures are not (`LightClient::storage` builds its reads with closures over borrowed
//! keys, which rustc cannot prove `Send` for every lifetime). So each async method hands a job
//! to this thread, which builds and runs the core future there, and awaits the result through a
//! channel (a `Send` future). smoldot itself runs on its own executor threads; this thread only
//! drives the caller-side futures. It ends when its [`Runtime`] is dropped and no job is left.
use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures_channel::{mpsc, oneshot};
use futures_executor::{LocalPool, LocalSpawner};
use futures_util::{FutureExt as _, StreamExt as _, task::LocalSpawnExt as _};

use crate::TaolightError;

type Job = Box<dyn FnOnce(&LocalSpawner) + Send>;

/// A handle to the runtime thread (clones share it).
#[derive(Clone)]
pub(crate) struct Runtime {
    jobs: mpsc::UnboundedSender<Job>,
}

impl Runtime {
    /// Starts the runtime thread.
    pub(crate) fn new() -> Result<Self, TaolightError> {
        let (jobs, mut rx) = mpsc::unbounded::<Job>();
        std::thread::Builder::new()
            .name("taolight-runtime".into())
            .spawn(move || {
                let mut pool = LocalPool::new();
                let spawner = pool.spawner();
                pool.run_until(async move {
                    while let Some(job) = rx.next().await {
                        job(&spawner);
                    }
                });
                // Jobs still running when the last handle is gone are dropped with the pool;
                // their callers see `Stopped`.
            })
            .map_err(|e| TaolightError::Unsupported(format!("cannot start a thread: {e}")))?;
        Ok(Runtime { jobs })
    }

    /// Builds the future `make()` on the runtime thread, runs it there and returns its output.
    /// A panic inside it becomes `TaolightError::Internal` (without the panic's message, which
    /// could quote data); a dropped runtime `Stopped`.
    pub(crate) async fn run<T, F>(
        &self,
        make: impl FnOnce() -> F + Send + 'static,
    ) -> Result<T, TaolightError>
    where
        T: Send + 'static,
        F: Future<Output = Result<T, TaolightError>> + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |spawner| {
            let task = async move {
                let out = match AssertUnwindSafe(async move { make().await })
                    .catch_unwind()
                    .await
                {
                    Ok(out) => out,
                    Err(_) => Err(TaolightError::Internal(
                        "a taolight task panicked (bug); the operation was abandoned".into(),
                    )),
                };
                let _ = tx.send(out);
            };
            // Spawning fails only while the pool shuts down; the caller then sees `Stopped`.
            let _ = spawner.spawn_local(task);
        });
        self.jobs
            .unbounded_send(job)
            .map_err(|_| TaolightError::Stopped("the light client's runtime has ended".into()))?;
        rx.await
            .map_err(|_| TaolightError::Stopped("the light client's runtime has ended".into()))?
    }
}
