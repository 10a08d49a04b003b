//! A small V15 metadata built in code for unit tests: the storage entries and runtime APIs the
//! typed reads use, with Finney's hashers and value shapes, and variants with a changed shape.

use alloc::{borrow::ToOwned as _, collections::BTreeMap, vec, vec::Vec};

use frame_metadata::{
    RuntimeMetadataPrefixed,
    v14::{StorageEntryModifier, StorageEntryType, StorageHasher},
    v15::{
        CustomMetadata, ExtrinsicMetadata, OuterEnums, PalletMetadata, PalletStorageMetadata,
        RuntimeApiMetadata, RuntimeApiMethodMetadata, RuntimeApiMethodParamMetadata,
        RuntimeMetadataV15, StorageEntryMetadata,
    },
};
use parity_scale_codec::Encode as _;
use scale_info::{
    Path, Type, TypeInfo, build::Fields, build::Variants, meta_type, prelude::vec::Vec as SVec,
};

use super::RuntimeMetadata;

/// `pallet_balances::AccountData<u64>`.
pub(crate) struct AccountData;
impl TypeInfo for AccountData {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("AccountData", "pallet_balances"))
            .composite(
                Fields::named()
                    .field(|f| f.ty::<u64>().name("free"))
                    .field(|f| f.ty::<u64>().name("reserved"))
                    .field(|f| f.ty::<u64>().name("frozen"))
                    .field(|f| f.ty::<ExtraFlags>().name("flags")),
            )
    }
}

/// `pallet_balances::ExtraFlags(u128)`.
pub(crate) struct ExtraFlags;
impl TypeInfo for ExtraFlags {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("ExtraFlags", "pallet_balances"))
            .composite(Fields::unnamed().field(|f| f.ty::<u128>()))
    }
}

/// `frame_system::AccountInfo<u32, AccountData>`; `WIDE_FREE` makes `free` a u128 (a changed
/// runtime).
pub(crate) struct AccountInfoT<const WIDE_FREE: bool>;
impl<const WIDE_FREE: bool> TypeInfo for AccountInfoT<WIDE_FREE> {
    type Identity = Self;
    fn type_info() -> Type {
        let fields = Fields::named()
            .field(|f| f.ty::<u32>().name("nonce"))
            .field(|f| f.ty::<u32>().name("consumers"))
            .field(|f| f.ty::<u32>().name("providers"))
            .field(|f| f.ty::<u32>().name("sufficients"));
        let fields = if WIDE_FREE {
            fields.field(|f| f.ty::<WideAccountData>().name("data"))
        } else {
            fields.field(|f| f.ty::<AccountData>().name("data"))
        };
        Type::builder()
            .path(Path::new("AccountInfo", "frame_system"))
            .composite(fields)
    }
}

/// `AccountData` with a u128 `free`.
pub(crate) struct WideAccountData;
impl TypeInfo for WideAccountData {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("WideAccountData", "pallet_balances"))
            .composite(
                Fields::named()
                    .field(|f| f.ty::<u128>().name("free"))
                    .field(|f| f.ty::<u64>().name("reserved"))
                    .field(|f| f.ty::<u64>().name("frozen"))
                    .field(|f| f.ty::<ExtraFlags>().name("flags")),
            )
    }
}

/// `AccountId32([u8; 32])`.
pub(crate) struct AccountId32;
impl TypeInfo for AccountId32 {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("AccountId32", "sp_core::crypto"))
            .composite(Fields::unnamed().field(|f| f.ty::<[u8; 32]>()))
    }
}

/// Finney's `NetUid(u16)` newtype.
pub(crate) struct NetUid;
impl TypeInfo for NetUid {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("NetUid", "subtensor_runtime_common"))
            .composite(Fields::unnamed().field(|f| f.ty::<u16>()))
    }
}

/// `SafeFloat { mantissa: u128, exponent: i64 }`.
pub(crate) struct SafeFloatT;
impl TypeInfo for SafeFloatT {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("SafeFloat", "share_pool"))
            .composite(
                Fields::named()
                    .field(|f| f.ty::<u128>().name("mantissa"))
                    .field(|f| f.ty::<i64>().name("exponent")),
            )
    }
}

/// `FixedU128<U64>` (U64F64) `{ bits: u128 }`.
pub(crate) struct U64F64T;
impl TypeInfo for U64F64T {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("FixedU128", "substrate_fixed"))
            .composite(Fields::named().field(|f| f.ty::<u128>().name("bits")))
    }
}

/// `SimSwapResult`.
pub(crate) struct SimSwapResultT;
impl TypeInfo for SimSwapResultT {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("SimSwapResult", "pallet_swap"))
            .composite(
                Fields::named()
                    .field(|f| f.ty::<u64>().name("tao_amount"))
                    .field(|f| f.ty::<u64>().name("alpha_amount"))
                    .field(|f| f.ty::<u64>().name("tao_fee"))
                    .field(|f| f.ty::<u64>().name("alpha_fee"))
                    .field(|f| f.ty::<u64>().name("tao_slippage"))
                    .field(|f| f.ty::<u64>().name("alpha_slippage")),
            )
    }
}

/// A stand-in for the outer call/event/error enums.
pub(crate) struct Empty;
impl TypeInfo for Empty {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("Empty", "test"))
            .variant(Variants::new())
    }
}

fn map(
    name: &'static str,
    hashers: Vec<StorageHasher>,
    key: scale_info::MetaType,
    value: scale_info::MetaType,
    default: Vec<u8>,
) -> StorageEntryMetadata {
    StorageEntryMetadata {
        name,
        modifier: StorageEntryModifier::Default,
        ty: StorageEntryType::Map {
            hashers,
            key,
            value,
        },
        default,
        docs: SVec::new(),
    }
}

/// Which shape the test runtime has.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Finney's shapes (NetUid as a newtype, as on Finney).
    Finney,
    /// `System.Account.data.free` is a u128, `Swap.FeeRate` is keyed by u32.
    Changed,
}

/// The test metadata, SCALE-encoded as `RuntimeMetadataPrefixed`.
pub(crate) fn metadata_bytes(shape: Shape) -> Vec<u8> {
    let account = if shape == Shape::Finney {
        meta_type::<AccountInfoT<false>>()
    } else {
        meta_type::<AccountInfoT<true>>()
    };
    let fee_key = if shape == Shape::Finney {
        meta_type::<NetUid>()
    } else {
        meta_type::<u32>()
    };
    let pallets = vec![
        PalletMetadata {
            name: "System",
            storage: Some(PalletStorageMetadata {
                prefix: "System",
                entries: vec![map(
                    "Account",
                    vec![StorageHasher::Blake2_128Concat],
                    meta_type::<AccountId32>(),
                    account,
                    vec![0u8; 16 + 24 + 16],
                )],
            }),
            calls: None,
            event: None,
            constants: SVec::new(),
            error: None,
            index: 0,
            docs: SVec::new(),
        },
        PalletMetadata {
            name: "SubtensorModule",
            storage: Some(PalletStorageMetadata {
                prefix: "SubtensorModule",
                entries: vec![
                    map(
                        "SubnetTAO",
                        vec![StorageHasher::Identity],
                        meta_type::<NetUid>(),
                        meta_type::<u64>(),
                        vec![0u8; 8],
                    ),
                    map(
                        "Alpha",
                        vec![
                            StorageHasher::Blake2_128Concat,
                            StorageHasher::Blake2_128Concat,
                            StorageHasher::Identity,
                        ],
                        meta_type::<(AccountId32, AccountId32, NetUid)>(),
                        meta_type::<U64F64T>(),
                        vec![0u8; 16],
                    ),
                    map(
                        "AlphaV2",
                        vec![
                            StorageHasher::Blake2_128Concat,
                            StorageHasher::Blake2_128Concat,
                            StorageHasher::Identity,
                        ],
                        meta_type::<(AccountId32, AccountId32, NetUid)>(),
                        meta_type::<SafeFloatT>(),
                        vec![0u8; 24],
                    ),
                ],
            }),
            calls: None,
            event: None,
            constants: SVec::new(),
            error: None,
            index: 7,
            docs: SVec::new(),
        },
        PalletMetadata {
            name: "Swap",
            storage: Some(PalletStorageMetadata {
                prefix: "Swap",
                entries: vec![map(
                    "FeeRate",
                    vec![StorageHasher::Twox64Concat],
                    fee_key,
                    meta_type::<u16>(),
                    33u16.to_le_bytes().to_vec(),
                )],
            }),
            calls: None,
            event: None,
            constants: SVec::new(),
            error: None,
            index: 28,
            docs: SVec::new(),
        },
    ];
    let apis = vec![RuntimeApiMetadata {
        name: "SwapRuntimeApi",
        methods: vec![
            RuntimeApiMethodMetadata {
                name: "sim_swap_tao_for_alpha",
                inputs: vec![
                    RuntimeApiMethodParamMetadata {
                        name: "netuid",
                        ty: meta_type::<NetUid>(),
                    },
                    RuntimeApiMethodParamMetadata {
                        name: "tao",
                        ty: meta_type::<u64>(),
                    },
                ],
                output: meta_type::<SimSwapResultT>(),
                docs: SVec::new(),
            },
            RuntimeApiMethodMetadata {
                name: "current_alpha_price",
                inputs: vec![RuntimeApiMethodParamMetadata {
                    name: "netuid",
                    ty: if shape == Shape::Finney {
                        meta_type::<NetUid>()
                    } else {
                        meta_type::<u32>()
                    },
                }],
                output: meta_type::<u64>(),
                docs: SVec::new(),
            },
        ],
        docs: SVec::new(),
    }];
    let v15 = RuntimeMetadataV15::new(
        pallets,
        ExtrinsicMetadata {
            version: 4,
            address_ty: meta_type::<AccountId32>(),
            call_ty: meta_type::<Empty>(),
            signature_ty: meta_type::<[u8; 64]>(),
            extra_ty: meta_type::<()>(),
            signed_extensions: SVec::new(),
        },
        meta_type::<()>(),
        apis,
        OuterEnums {
            call_enum_ty: meta_type::<Empty>(),
            event_enum_ty: meta_type::<Empty>(),
            error_enum_ty: meta_type::<Empty>(),
        },
        CustomMetadata {
            map: BTreeMap::new(),
        },
    );
    RuntimeMetadataPrefixed::from(v15).encode()
}

/// The test metadata, decoded.
pub(crate) fn metadata(shape: Shape) -> RuntimeMetadata {
    RuntimeMetadata::from_bytes(metadata_bytes(shape), "test".to_owned(), 1).unwrap()
}
