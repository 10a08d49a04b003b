//! Signing and submission: [`Wallet::submit`] (a [`Keypair`] in this process) and
//! [`Wallet::submit_signed`] (a signature from an offline signer), both checked before the
//! extrinsic leaves (signature, era, nonce, runtime, the pool's validity verdict), then
//! followed as a [`Submission`].

use alloc::{format, string::ToString as _, sync::Arc};

use crate::chain::{TransactionStatus, TransactionWatch, entry_prefix};
use crate::keys::{Keypair, PublicKey};
use crate::tx::{
    PayloadSignature, SignedExtrinsic, TxError, TxMetadata,
    events::{self, SYSTEM_EVENTS_KEY},
};

use super::client::lock;
use super::{Inclusion, InvalidReason, Plan, TxStatus, Wallet, WalletError};

impl Wallet {
    /// Signs the plan's payload with `key` (which must be the plan's signer) and submits it.
    pub async fn submit(&self, plan: &Plan, key: &Keypair) -> Result<Submission, WalletError> {
        let signature = plan.payload.sign(key)?;
        self.submit_signed(plan, &signature).await
    }

    /// Submits the plan with a signature made elsewhere over [`Plan::payload`] (verified
    /// first). Refuses a plan whose era is over, whose nonce is no longer the account's next,
    /// or whose runtime has been upgraded, and a transaction the runtime's pool validation
    /// refuses ([`WalletError::Rejected`]).
    pub async fn submit_signed(
        &self,
        plan: &Plan,
        signature: &PayloadSignature,
    ) -> Result<Submission, WalletError> {
        let xt = plan.payload.assemble(signature)?;
        let best = self.inner.client.best_head().await?;
        plan.payload
            .check_era_at(best.number)
            .map_err(|e| match e {
                TxError::EraExpired {
                    birth,
                    death,
                    current,
                } => WalletError::EraExpired {
                    birth,
                    death,
                    current,
                },
                other => WalletError::Tx(other),
            })?;
        let fin = self.finalized().await?;
        let rt = self.runtime(&fin.hash).await?;
        if rt.ctx.spec_version != plan.payload.spec_version {
            return Err(WalletError::RuntimeChanged {
                planned: plan.payload.spec_version,
                now: rt.ctx.spec_version,
            });
        }
        // Reserve the nonce; it must still be the plan's.
        let chain_nonce = self
            .reader()
            .account(&fin.hash, &plan.signer.0)
            .await?
            .nonce;
        let nonce = {
            let mut tracker = lock(&self.inner.nonces);
            let next = tracker.next(&plan.signer, chain_nonce);
            if next != plan.nonce() {
                tracker.release(&plan.signer, next);
                return Err(WalletError::NonceChanged {
                    planned: plan.nonce(),
                    next,
                });
            }
            next
        };
        let bytes = xt.encode();
        // The pool's verdict at the best block: a typed refusal instead of a watch that ends
        // `Invalid` (stale nonce, cannot pay, bad proof...).
        let verdict = self.inner.client.validate_transaction(&bytes).await;
        match verdict {
            Ok(Ok(_valid)) => {}
            Ok(Err(reason)) => {
                lock(&self.inner.nonces).release(&plan.signer, nonce);
                return Err(WalletError::Rejected(InvalidReason::Runtime(reason)));
            }
            Err(e) => {
                lock(&self.inner.nonces).release(&plan.signer, nonce);
                return Err(e.into());
            }
        }
        let watch = match self.inner.client.submit_and_watch(&bytes).await {
            Ok(w) => w,
            Err(e) => {
                lock(&self.inner.nonces).release(&plan.signer, nonce);
                return Err(e.into());
            }
        };
        Ok(Submission {
            wallet: self.clone(),
            md: rt.clone(),
            watch,
            signer: plan.signer,
            nonce,
            hash: xt.hash(),
            extrinsic: xt,
            done: false,
        })
    }
}

/// A submitted transaction: its hash and a stream of [`TxStatus`] updates.
#[derive(Debug)]
pub struct Submission {
    wallet: Wallet,
    md: Arc<super::client::Runtime>,
    watch: TransactionWatch,
    signer: PublicKey,
    nonce: u32,
    hash: [u8; 32],
    extrinsic: SignedExtrinsic,
    done: bool,
}

impl Submission {
    /// The extrinsic's hash (blake2-256 of its bytes).
    pub fn hash(&self) -> [u8; 32] {
        self.hash
    }

    /// The nonce it was signed with.
    pub fn nonce(&self) -> u32 {
        self.nonce
    }

    /// The signed extrinsic as submitted.
    pub fn extrinsic(&self) -> &SignedExtrinsic {
        &self.extrinsic
    }

    /// The next status; `None` after a terminal one. In-block and finalized statuses carry
    /// the extrinsic's events and outcome, read through the light client at that block.
    pub async fn next(&mut self) -> Option<TxStatus> {
        if self.done {
            return None;
        }
        loop {
            let Some(raw) = self.watch.next().await else {
                self.done = true;
                return Some(TxStatus::Error {
                    message: "the light client stopped watching".into(),
                });
            };
            let status = match raw {
                TransactionStatus::Validated => continue,
                TransactionStatus::Broadcast { peers } => TxStatus::Broadcast { peers },
                TransactionStatus::Retracted => TxStatus::Retracted,
                TransactionStatus::InBlock { hash, index } => {
                    match self.inclusion(hash, index).await {
                        Ok(i) => TxStatus::InBlock(i),
                        // The block may already be unpinned; the finalized status will carry it.
                        Err(_) => continue,
                    }
                }
                TransactionStatus::Finalized { hash, index } => {
                    match self.inclusion(hash, index).await {
                        Ok(i) => {
                            // Plans made after this status must read a state that includes it.
                            self.wait_client_finalized(i.block_number).await;
                            TxStatus::Finalized(i)
                        }
                        Err(e) => TxStatus::Error {
                            message: format!(
                                "finalized in 0x{} at index {index}, but its events could not be read: {e}",
                                hex::encode(hash)
                            ),
                        },
                    }
                }
                // The runtime's typed verdict where the client could read one, else smoldot's text.
                TransactionStatus::Invalid { message, reason } => TxStatus::Invalid {
                    reason: reason.map_or(InvalidReason::Other(message), InvalidReason::Runtime),
                },
                TransactionStatus::Dropped(reason) => TxStatus::Dropped { reason },
                TransactionStatus::Error(message) => TxStatus::Error { message },
            };
            if matches!(status, TxStatus::Invalid { .. } | TxStatus::Dropped { .. }) {
                lock(&self.wallet.inner.nonces).release(&self.signer, self.nonce);
            }
            self.done = status.is_terminal();
            return Some(status);
        }
    }

    /// Follows the transaction to a terminal status and returns the finalized inclusion, or
    /// the terminal status as an error.
    pub async fn finalized(mut self) -> Result<Inclusion, TxStatus> {
        let mut last = None;
        while let Some(s) = self.next().await {
            if let TxStatus::Finalized(i) = s {
                return Ok(i);
            }
            last = Some(s);
        }
        Err(last.unwrap_or(TxStatus::Error {
            message: "no status".into(),
        }))
    }

    /// Waits until the light client's finalized head is at least block `number`.
    async fn wait_client_finalized(&self, number: u64) {
        let mut status = self.wallet.inner.client.status();
        while let Some(s) = status.next().await {
            if s.finalized.is_some_and(|f| f.number >= number) {
                return;
            }
        }
    }

    /// Events, outcome and number of the block `hash`, read through the light client.
    async fn inclusion(&self, hash: [u8; 32], index: u32) -> Result<Inclusion, WalletError> {
        let number_key = entry_prefix("System", "Number").to_vec();
        let raw = self
            .wallet
            .inner
            .client
            .storage(&hash, &[SYSTEM_EVENTS_KEY.to_vec(), number_key])
            .await?;
        let events_bytes = raw.first().cloned().flatten().unwrap_or_default();
        let block_number = raw
            .get(1)
            .cloned()
            .flatten()
            .and_then(|b| <[u8; 4]>::try_from(b.as_slice()).ok())
            .map(u32::from_le_bytes)
            .ok_or_else(|| WalletError::Runtime("System.Number unreadable".to_string()))?;
        let outcome = events::extrinsic_outcome(md(&self.md), &events_bytes, index)?;
        let fee_paid = outcome
            .events
            .iter()
            .find(|e| e.pallet == "TransactionPayment" && e.name == "TransactionFeePaid")
            .and_then(|e| super::event_u64(e, "actual_fee"));
        Ok(Inclusion {
            block: hash,
            block_number: u64::from(block_number),
            index,
            success: outcome.success,
            error: outcome.error,
            fee_paid,
            events: outcome.events,
        })
    }
}

fn md(rt: &super::client::Runtime) -> &TxMetadata {
    &rt.md
}
