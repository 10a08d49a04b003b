//! Transaction extensions with Finney's identifiers, order and encodings.
//!
//! Finney's list (subtensor-staking.md §6): the standard system checks, a
//! `ChargeTransactionPaymentWrapper` (Compact<u64> tip), four Bittensor-specific extensions
//! with empty payloads, and `CheckMetadataHash`. The Bittensor-specific ones are no-ops here.
use crate::{Runtime, RuntimeCall};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::fmt;
use polkadot_sdk::*;
use scale_info::TypeInfo;
use sp_runtime::{
    impl_tx_ext_default,
    traits::{
        DispatchInfoOf, DispatchOriginOf, Implication, PostDispatchInfoOf, TransactionExtension,
        ValidateResult,
    },
    transaction_validity::{TransactionSource, TransactionValidityError},
};

/// Declares a no-op extension with an empty payload and the given metadata identifier.
macro_rules! noop_extension {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name;

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(stringify!($name))
            }
        }

        impl TransactionExtension<RuntimeCall> for $name {
            const IDENTIFIER: &'static str = stringify!($name);
            type Implicit = ();
            type Val = ();
            type Pre = ();
            impl_tx_ext_default!(RuntimeCall; weight validate prepare);
        }
    };
}

noop_extension!(
    /// Finney: only the sudo key may call Sudo (no-op here; `pallet_sudo` checks the key itself).
    SudoTransactionExtension
);
noop_extension!(
    /// Finney: validity of MEV-shield encrypted transactions (no-op; no shield pallet here).
    CheckShieldedTxValidity
);
noop_extension!(
    /// Finney: coldkey-swap, weights and rate-limit guards (no-op here).
    SubtensorTransactionExtension
);
noop_extension!(
    /// Finney: priority for Drand pulses (no-op; no Drand pallet here).
    DrandPriority
);

/// The transaction-payment extension under Finney's identifier. Payload: `Compact<u64>` tip.
#[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, PartialEq, Eq)]
pub struct ChargeTransactionPaymentWrapper(
    /// The standard extension it delegates to.
    pub pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
);

impl ChargeTransactionPaymentWrapper {
    /// Wraps a tip (in rao).
    pub fn from_tip(tip: u64) -> Self {
        Self(pallet_transaction_payment::ChargeTransactionPayment::from(
            tip,
        ))
    }
}

impl fmt::Debug for ChargeTransactionPaymentWrapper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChargeTransactionPaymentWrapper({:?})", self.0)
    }
}

type Inner = pallet_transaction_payment::ChargeTransactionPayment<Runtime>;

impl TransactionExtension<RuntimeCall> for ChargeTransactionPaymentWrapper {
    const IDENTIFIER: &'static str = "ChargeTransactionPaymentWrapper";
    type Implicit = ();
    type Val = <Inner as TransactionExtension<RuntimeCall>>::Val;
    type Pre = <Inner as TransactionExtension<RuntimeCall>>::Pre;

    fn weight(&self, call: &RuntimeCall) -> sp_runtime::Weight {
        self.0.weight(call)
    }

    fn validate(
        &self,
        origin: DispatchOriginOf<RuntimeCall>,
        call: &RuntimeCall,
        info: &DispatchInfoOf<RuntimeCall>,
        len: usize,
        _self_implicit: Self::Implicit,
        inherited_implication: &impl Implication,
        source: TransactionSource,
    ) -> ValidateResult<Self::Val, RuntimeCall> {
        self.0
            .validate(origin, call, info, len, (), inherited_implication, source)
    }

    fn prepare(
        self,
        val: Self::Val,
        origin: &DispatchOriginOf<RuntimeCall>,
        call: &RuntimeCall,
        info: &DispatchInfoOf<RuntimeCall>,
        len: usize,
    ) -> Result<Self::Pre, TransactionValidityError> {
        self.0.prepare(val, origin, call, info, len)
    }

    fn post_dispatch_details(
        pre: Self::Pre,
        info: &DispatchInfoOf<RuntimeCall>,
        post_info: &PostDispatchInfoOf<RuntimeCall>,
        len: usize,
        result: &sp_runtime::DispatchResult,
    ) -> Result<sp_runtime::Weight, TransactionValidityError> {
        Inner::post_dispatch_details(pre, info, post_info, len, result)
    }
}

/// The extensions in Finney's order. Nested in two tuples (the tuple impls stop at 12); the
/// encoding and the metadata list are flat, exactly as a 13-tuple's would be.
pub type TxExtension = (
    (
        frame_system::CheckNonZeroSender<Runtime>,
        frame_system::CheckSpecVersion<Runtime>,
        frame_system::CheckTxVersion<Runtime>,
        frame_system::CheckGenesis<Runtime>,
        frame_system::CheckEra<Runtime>,
        frame_system::CheckNonce<Runtime>,
        frame_system::CheckWeight<Runtime>,
        ChargeTransactionPaymentWrapper,
        SudoTransactionExtension,
        CheckShieldedTxValidity,
        SubtensorTransactionExtension,
        DrandPriority,
    ),
    frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
);
