//! The current block's author as an account, from the Aura pre-runtime digest.
//!
//! Finney pays the swap fee of a stake operation to the Aura block author; so does the devnet.
use crate::{AccountId, Runtime};
use frame_support::traits::FindAuthor;
use polkadot_sdk::*;

/// Finds the account of the Aura authority that authored the block being built or imported.
pub struct AuraBlockAuthor;

impl AuraBlockAuthor {
    /// The author's account (its sr25519 Aura key as an `AccountId32`), if the digest names one.
    pub fn account() -> Option<AccountId> {
        let digest = frame_system::Pallet::<Runtime>::digest();
        let pre_runtime = digest.logs.iter().filter_map(|d| d.as_pre_runtime());
        let authority = pallet_aura::AuraAuthorId::<Runtime>::find_author(pre_runtime)?;
        let raw: [u8; 32] = authority.into_inner().0;
        Some(AccountId::from(raw))
    }
}

impl frame_support::traits::Get<Option<AccountId>> for AuraBlockAuthor {
    fn get() -> Option<AccountId> {
        Self::account()
    }
}
