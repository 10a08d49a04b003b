//! Typed constructors for the calls a Bittensor wallet sends: Balances transfers, the
//! SubtensorModule staking calls and `Utility.batch_all`.
//!
//! Each one checks the call's argument names and types in the given metadata before encoding
//! (amounts are `u64` rao, netuids `u16`, limit prices rao per alpha), so a runtime whose call
//! changed is refused with [`TxError::CallSignatureChanged`] or [`TxError::ArgumentType`], while
//! moved pallet or call indices are simply followed.

use alloc::boxed::Box;
use alloc::vec::Vec;

use scale_value::Value;

use super::shape::Shape;
use super::{Call, TxError, TxMetadata};
use crate::keys::PublicKey;

const BALANCES: &str = "Balances";
const SUBTENSOR: &str = "SubtensorModule";
const UTILITY: &str = "Utility";

fn account(a: &PublicKey) -> Value {
    Value::unnamed_composite([Value::from_bytes(a.0)])
}

fn address(a: &PublicKey) -> Value {
    Value::unnamed_variant("Id", [account(a)])
}

fn u(v: impl Into<u128>) -> Value {
    Value::u128(v.into())
}

fn compact_u64() -> Shape {
    Shape::Compact(Box::new(Shape::U64))
}

/// `Balances.transfer_allow_death(dest, value)`: may reap the sender's account.
pub fn transfer_allow_death(
    md: &TxMetadata,
    dest: &PublicKey,
    value: u64,
) -> Result<Call, TxError> {
    Call::checked(
        md,
        BALANCES,
        "transfer_allow_death",
        [
            ("dest", Shape::MultiAddressId, address(dest)),
            ("value", compact_u64(), u(value)),
        ],
    )
}

/// `Balances.transfer_keep_alive(dest, value)`: fails rather than reap the sender's account.
pub fn transfer_keep_alive(md: &TxMetadata, dest: &PublicKey, value: u64) -> Result<Call, TxError> {
    Call::checked(
        md,
        BALANCES,
        "transfer_keep_alive",
        [
            ("dest", Shape::MultiAddressId, address(dest)),
            ("value", compact_u64(), u(value)),
        ],
    )
}

/// `Balances.transfer_all(dest, keep_alive)`.
pub fn transfer_all(md: &TxMetadata, dest: &PublicKey, keep_alive: bool) -> Result<Call, TxError> {
    Call::checked(
        md,
        BALANCES,
        "transfer_all",
        [
            ("dest", Shape::MultiAddressId, address(dest)),
            ("keep_alive", Shape::Bool, Value::bool(keep_alive)),
        ],
    )
}

/// `SubtensorModule.add_stake(hotkey, netuid, amount_staked)` (TAO in rao).
pub fn add_stake(
    md: &TxMetadata,
    hotkey: &PublicKey,
    netuid: u16,
    amount_staked: u64,
) -> Result<Call, TxError> {
    Call::checked(
        md,
        SUBTENSOR,
        "add_stake",
        [
            ("hotkey", Shape::Bytes32, account(hotkey)),
            ("netuid", Shape::U16, u(netuid)),
            ("amount_staked", Shape::U64, u(amount_staked)),
        ],
    )
}

/// `SubtensorModule.remove_stake(hotkey, netuid, amount_unstaked)` (alpha in rao).
pub fn remove_stake(
    md: &TxMetadata,
    hotkey: &PublicKey,
    netuid: u16,
    amount_unstaked: u64,
) -> Result<Call, TxError> {
    Call::checked(
        md,
        SUBTENSOR,
        "remove_stake",
        [
            ("hotkey", Shape::Bytes32, account(hotkey)),
            ("netuid", Shape::U16, u(netuid)),
            ("amount_unstaked", Shape::U64, u(amount_unstaked)),
        ],
    )
}

/// `SubtensorModule.add_stake_limit(hotkey, netuid, amount_staked, limit_price, allow_partial)`;
/// `limit_price` is rao per alpha.
pub fn add_stake_limit(
    md: &TxMetadata,
    hotkey: &PublicKey,
    netuid: u16,
    amount_staked: u64,
    limit_price: u64,
    allow_partial: bool,
) -> Result<Call, TxError> {
    Call::checked(
        md,
        SUBTENSOR,
        "add_stake_limit",
        [
            ("hotkey", Shape::Bytes32, account(hotkey)),
            ("netuid", Shape::U16, u(netuid)),
            ("amount_staked", Shape::U64, u(amount_staked)),
            ("limit_price", Shape::U64, u(limit_price)),
            ("allow_partial", Shape::Bool, Value::bool(allow_partial)),
        ],
    )
}

/// `SubtensorModule.remove_stake_limit(hotkey, netuid, amount_unstaked, limit_price, allow_partial)`.
pub fn remove_stake_limit(
    md: &TxMetadata,
    hotkey: &PublicKey,
    netuid: u16,
    amount_unstaked: u64,
    limit_price: u64,
    allow_partial: bool,
) -> Result<Call, TxError> {
    Call::checked(
        md,
        SUBTENSOR,
        "remove_stake_limit",
        [
            ("hotkey", Shape::Bytes32, account(hotkey)),
            ("netuid", Shape::U16, u(netuid)),
            ("amount_unstaked", Shape::U64, u(amount_unstaked)),
            ("limit_price", Shape::U64, u(limit_price)),
            ("allow_partial", Shape::Bool, Value::bool(allow_partial)),
        ],
    )
}

/// `SubtensorModule.remove_stake_full_limit(hotkey, netuid, limit_price)`: unstakes the whole
/// position, fill-or-kill at `limit_price` when given.
pub fn remove_stake_full_limit(
    md: &TxMetadata,
    hotkey: &PublicKey,
    netuid: u16,
    limit_price: Option<u64>,
) -> Result<Call, TxError> {
    let limit = match limit_price {
        Some(p) => Value::unnamed_variant("Some", [u(p)]),
        None => Value::unnamed_variant("None", []),
    };
    Call::checked(
        md,
        SUBTENSOR,
        "remove_stake_full_limit",
        [
            ("hotkey", Shape::Bytes32, account(hotkey)),
            ("netuid", Shape::U16, u(netuid)),
            ("limit_price", Shape::Option(Box::new(Shape::U64)), limit),
        ],
    )
}

/// `SubtensorModule.unstake_all(hotkey)`: sells the stake on every subnet.
pub fn unstake_all(md: &TxMetadata, hotkey: &PublicKey) -> Result<Call, TxError> {
    Call::checked(
        md,
        SUBTENSOR,
        "unstake_all",
        [("hotkey", Shape::Bytes32, account(hotkey))],
    )
}

/// `SubtensorModule.unstake_all_alpha(hotkey)`: sells all non-root stake and stakes the TAO into root.
pub fn unstake_all_alpha(md: &TxMetadata, hotkey: &PublicKey) -> Result<Call, TxError> {
    Call::checked(
        md,
        SUBTENSOR,
        "unstake_all_alpha",
        [("hotkey", Shape::Bytes32, account(hotkey))],
    )
}

/// `SubtensorModule.move_stake(origin_hotkey, destination_hotkey, origin_netuid, destination_netuid, alpha_amount)`.
pub fn move_stake(
    md: &TxMetadata,
    origin_hotkey: &PublicKey,
    destination_hotkey: &PublicKey,
    origin_netuid: u16,
    destination_netuid: u16,
    alpha_amount: u64,
) -> Result<Call, TxError> {
    Call::checked(
        md,
        SUBTENSOR,
        "move_stake",
        [
            ("origin_hotkey", Shape::Bytes32, account(origin_hotkey)),
            (
                "destination_hotkey",
                Shape::Bytes32,
                account(destination_hotkey),
            ),
            ("origin_netuid", Shape::U16, u(origin_netuid)),
            ("destination_netuid", Shape::U16, u(destination_netuid)),
            ("alpha_amount", Shape::U64, u(alpha_amount)),
        ],
    )
}

/// `SubtensorModule.transfer_stake(destination_coldkey, hotkey, origin_netuid, destination_netuid, alpha_amount)`.
pub fn transfer_stake(
    md: &TxMetadata,
    destination_coldkey: &PublicKey,
    hotkey: &PublicKey,
    origin_netuid: u16,
    destination_netuid: u16,
    alpha_amount: u64,
) -> Result<Call, TxError> {
    Call::checked(
        md,
        SUBTENSOR,
        "transfer_stake",
        [
            (
                "destination_coldkey",
                Shape::Bytes32,
                account(destination_coldkey),
            ),
            ("hotkey", Shape::Bytes32, account(hotkey)),
            ("origin_netuid", Shape::U16, u(origin_netuid)),
            ("destination_netuid", Shape::U16, u(destination_netuid)),
            ("alpha_amount", Shape::U64, u(alpha_amount)),
        ],
    )
}

/// `SubtensorModule.swap_stake(hotkey, origin_netuid, destination_netuid, alpha_amount)`.
pub fn swap_stake(
    md: &TxMetadata,
    hotkey: &PublicKey,
    origin_netuid: u16,
    destination_netuid: u16,
    alpha_amount: u64,
) -> Result<Call, TxError> {
    Call::checked(
        md,
        SUBTENSOR,
        "swap_stake",
        [
            ("hotkey", Shape::Bytes32, account(hotkey)),
            ("origin_netuid", Shape::U16, u(origin_netuid)),
            ("destination_netuid", Shape::U16, u(destination_netuid)),
            ("alpha_amount", Shape::U64, u(alpha_amount)),
        ],
    )
}

/// `SubtensorModule.swap_stake_limit(hotkey, origin_netuid, destination_netuid, alpha_amount, limit_price, allow_partial)`;
/// `limit_price` is the origin/destination price ratio in rao.
pub fn swap_stake_limit(
    md: &TxMetadata,
    hotkey: &PublicKey,
    origin_netuid: u16,
    destination_netuid: u16,
    alpha_amount: u64,
    limit_price: u64,
    allow_partial: bool,
) -> Result<Call, TxError> {
    Call::checked(
        md,
        SUBTENSOR,
        "swap_stake_limit",
        [
            ("hotkey", Shape::Bytes32, account(hotkey)),
            ("origin_netuid", Shape::U16, u(origin_netuid)),
            ("destination_netuid", Shape::U16, u(destination_netuid)),
            ("alpha_amount", Shape::U64, u(alpha_amount)),
            ("limit_price", Shape::U64, u(limit_price)),
            ("allow_partial", Shape::Bool, Value::bool(allow_partial)),
        ],
    )
}

/// `Utility.batch_all(calls)`: all calls or none. Each call must decode with `md` (calls built
/// against another runtime are refused with [`TxError::BadCall`]).
pub fn batch_all(md: &TxMetadata, calls: &[Call]) -> Result<Call, TxError> {
    let call_ty = md.inner().outer_enums().call_enum_ty();
    let values = calls
        .iter()
        .map(|c| {
            let mut input = c.bytes();
            let v = scale_value::scale::decode_as_type(&mut input, call_ty, md.types()).map_err(
                |e| TxError::BadCall(alloc::format!("{}.{}: {e}", c.pallet(), c.name())),
            )?;
            if !input.is_empty() {
                return Err(TxError::BadCall(alloc::format!(
                    "{}.{}: trailing bytes",
                    c.pallet(),
                    c.name()
                )));
            }
            Ok(v.remove_context())
        })
        .collect::<Result<Vec<_>, _>>()?;
    Call::checked(
        md,
        UTILITY,
        "batch_all",
        [(
            "calls",
            Shape::SequenceOf(call_ty),
            Value::unnamed_composite(values),
        )],
    )
}
