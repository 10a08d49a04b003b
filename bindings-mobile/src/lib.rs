//! Kotlin / Swift / Python bindings for taolight (uniffi, library mode).
//!
//! Thin translations of `taolight-core`: one file per core module, one error enum
//! ([`TaolightError`]). Generate the foreign code with `scripts/gen-bindings.sh`.
uniffi::setup_scaffolding!();

mod amount;
mod chain;
mod error;
mod keys;
mod keystore;
mod runtime;
mod stake;
mod tx;
mod wallet;

pub use amount::{format_rao, format_rao_fixed, parse_rao, parse_units};
pub use chain::{
    AccountInfo, BlockRef, FeeInfo, LightClient, StakeInfo, StakePosition, StatusEvents,
    SubnetPool, SubnetSummary, SyncPhase, SyncStall, SyncStatus, TransactionEvents,
    TransactionStatus, chain_spec_genesis_hash,
};
pub use error::TaolightError;
pub use keys::{
    Keypair, Ss58Decoded, generate_mnemonic, ss58_decode, ss58_encode, validate_mnemonic, verify,
};
pub use keystore::{
    KeyfileEncryption, decrypt_keyfile, decrypt_keyfile_async, encrypt_keyfile,
    export_polkadot_json, import_polkadot_json,
};
pub use stake::{
    SafeFloat, alpha_needed_for_tao, buy_limit_for_tolerance, current_alpha_price, do_swap,
    max_amount_add, max_amount_move, max_amount_remove, pool_with_defaults, price_bits,
    price_ratio, quote_move, quote_stake, quote_unstake, safe_float_from_u64f64_bits,
    sell_limit_for_tolerance, sim_swap_alpha_for_tao, sim_swap_tao_for_alpha, stake_value,
    tao_needed_for_alpha,
};

pub use tx::{
    Call, ChainContext, Event, ExtrinsicOutcome, MetadataHashInfo, Mortality, NonceTracker,
    PayloadSignature, SignedExtrinsic, SigningPayload, TxMetadata, TxParams,
};

pub use wallet::{
    Action, Inclusion, Plan, PlanQuote, PositionQuote, Slippage, Submission, Wallet, WalletConfig,
    WalletTxStatus, Warning, default_slippage, default_wallet_config,
};

/// The taolight version this library was built from.
#[uniffi::export]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
