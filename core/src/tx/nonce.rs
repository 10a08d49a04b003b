//! Local tracking of nonces handed out but not yet seen on chain, so several transactions of
//! one account can be signed before the first is included.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::vec::Vec;

use crate::keys::PublicKey;

/// Nonces in flight per account. The chain's next nonce (`System.Account.nonce`, or
/// `system_accountNextIndex` which also counts the node's pool) is the floor; nonces below it
/// are forgotten as they are seen used.
#[derive(Debug, Clone, Default)]
pub struct NonceTracker {
    pending: BTreeMap<[u8; 32], BTreeSet<u32>>,
}

impl NonceTracker {
    /// An empty tracker.
    pub fn new() -> Self {
        Self::default()
    }

    /// The nonce for the next transaction of `account` given the chain's next nonce: the smallest
    /// value ≥ `chain_nonce` not already in flight. It is marked as in flight.
    pub fn next(&mut self, account: &PublicKey, chain_nonce: u32) -> u32 {
        let set = self.pending.entry(account.0).or_default();
        set.retain(|n| *n >= chain_nonce);
        let mut n = chain_nonce;
        while set.contains(&n) {
            n = n.saturating_add(1);
        }
        set.insert(n);
        n
    }

    /// Gives a nonce back (its transaction was dropped or found invalid before inclusion), so
    /// the next transaction reuses it instead of leaving a gap.
    pub fn release(&mut self, account: &PublicKey, nonce: u32) {
        if let Some(set) = self.pending.get_mut(&account.0) {
            set.remove(&nonce);
        }
    }

    /// The nonces of `account` in flight, ascending.
    pub fn pending(&self, account: &PublicKey) -> Vec<u32> {
        self.pending
            .get(&account.0)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hands_out_consecutive_nonces_and_reuses_released_ones() {
        let a = PublicKey([1; 32]);
        let b = PublicKey([2; 32]);
        let mut t = NonceTracker::new();
        assert_eq!(t.next(&a, 5), 5);
        assert_eq!(t.next(&a, 5), 6, "the chain has not seen 5 yet");
        assert_eq!(t.next(&b, 0), 0, "accounts are independent");
        assert_eq!(t.next(&a, 5), 7);
        t.release(&a, 6); // dropped
        assert_eq!(t.next(&a, 5), 6, "the gap is filled");
        assert_eq!(t.pending(&a), vec![5, 6, 7]);
        // The chain moved to 7: 5 and 6 were included.
        assert_eq!(t.next(&a, 7), 8);
        assert_eq!(t.pending(&a), vec![7, 8]);
        // The chain is ahead of everything we handed out (signed elsewhere).
        assert_eq!(t.next(&a, 20), 20);
        assert_eq!(t.pending(&a), vec![20]);
        assert_eq!(t.pending(&PublicKey([3; 32])), Vec::<u32>::new());
    }
}
