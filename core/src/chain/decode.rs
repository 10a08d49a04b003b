//! Decoding SCALE bytes by their metadata type into our own typed values, checking the shape.
//!
//! Bytes are first decoded as the metadata type (`scale-value`), which fails unless they match
//! that type exactly and are consumed completely. Our typed structs are then filled from the
//! decoded tree by field name, and every number is checked against the *metadata* type of its
//! leaf: a `u64` field must be a `u64` in the runtime (possibly inside newtypes such as
//! `TaoBalance(u64)` or a `Compact`), so a runtime that widened or renamed a field gives
//! [`ChainError::ShapeMismatch`] instead of a silently wrong number.

use alloc::{
    borrow::ToOwned as _,
    format,
    string::{String, ToString as _},
    vec::Vec,
};

use scale_info::{PortableRegistry, TypeDef, TypeDefPrimitive};
use scale_value::{Composite, Primitive, Value, ValueDef};

use super::ChainError;

/// A decoded value whose every node carries its metadata type id.
pub(crate) type TypedValue = Value<u32>;

/// Width of an unsigned integer leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UInt {
    U8,
    U16,
    U32,
    U64,
    U128,
}

/// Decodes `bytes` as metadata type `ty`; all bytes must be used.
pub(crate) fn decode(
    types: &PortableRegistry,
    ty: u32,
    bytes: &[u8],
    item: &str,
) -> Result<TypedValue, ChainError> {
    let mut input = bytes;
    let value = scale_value::scale::decode_as_type(&mut input, ty, types)
        .map_err(|e| decode_error(item, e.to_string()))?;
    if !input.is_empty() {
        return Err(decode_error(
            item,
            format!(
                "{} of {} bytes left over after decoding",
                input.len(),
                bytes.len()
            ),
        ));
    }
    Ok(value)
}

pub(crate) fn decode_error(item: &str, reason: String) -> ChainError {
    ChainError::Decode {
        item: item.to_owned(),
        reason,
    }
}

pub(crate) fn shape_error(item: &str, reason: String) -> ChainError {
    ChainError::ShapeMismatch {
        item: item.to_owned(),
        reason,
    }
}

/// Reads typed fields out of a [`TypedValue`], checking leaf types against the metadata.
#[derive(Clone, Copy)]
pub(crate) struct Reader<'a> {
    pub(crate) types: &'a PortableRegistry,
    pub(crate) item: &'a str,
}

impl<'a> Reader<'a> {
    /// The named field `name` of a struct value.
    pub(crate) fn field<'v>(
        &self,
        v: &'v TypedValue,
        name: &str,
    ) -> Result<&'v TypedValue, ChainError> {
        match &v.value {
            ValueDef::Composite(Composite::Named(fields)) => fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, f)| f)
                .ok_or_else(|| {
                    let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
                    shape_error(
                        self.item,
                        format!("no field `{name}` (fields: {})", names.join(", ")),
                    )
                }),
            _ => Err(shape_error(
                self.item,
                format!("expected a struct with field `{name}`"),
            )),
        }
    }

    /// An unsigned integer whose metadata type is exactly `width` (through newtypes and
    /// `Compact`).
    pub(crate) fn uint(&self, v: &TypedValue, width: UInt) -> Result<u128, ChainError> {
        let leaf = peel(v);
        let ValueDef::Primitive(Primitive::U128(n)) = &leaf.value else {
            return Err(shape_error(
                self.item,
                format!(
                    "expected an unsigned integer ({width:?}), got {}",
                    kind(leaf)
                ),
            ));
        };
        match primitive_of(self.types, leaf.context) {
            Some(p) if same_width(&p, width) => Ok(*n),
            other => Err(shape_error(
                self.item,
                format!("expected {width:?}, runtime type is {other:?}"),
            )),
        }
    }

    /// A `u64` leaf.
    pub(crate) fn u64(&self, v: &TypedValue) -> Result<u64, ChainError> {
        self.uint(v, UInt::U64).map(|n| n as u64)
    }

    /// A `u32` leaf.
    pub(crate) fn u32(&self, v: &TypedValue) -> Result<u32, ChainError> {
        self.uint(v, UInt::U32).map(|n| n as u32)
    }

    /// A `u16` leaf.
    pub(crate) fn u16(&self, v: &TypedValue) -> Result<u16, ChainError> {
        self.uint(v, UInt::U16).map(|n| n as u16)
    }

    /// A `u128` leaf.
    pub(crate) fn u128(&self, v: &TypedValue) -> Result<u128, ChainError> {
        self.uint(v, UInt::U128)
    }

    /// An `i64` leaf.
    pub(crate) fn i64(&self, v: &TypedValue) -> Result<i64, ChainError> {
        let leaf = peel(v);
        let ValueDef::Primitive(Primitive::I128(n)) = &leaf.value else {
            return Err(shape_error(
                self.item,
                format!("expected an i64, got {}", kind(leaf)),
            ));
        };
        match primitive_of(self.types, leaf.context) {
            Some(TypeDefPrimitive::I64) => Ok(*n as i64),
            other => Err(shape_error(
                self.item,
                format!("expected I64, runtime type is {other:?}"),
            )),
        }
    }

    /// A `bool` leaf.
    pub(crate) fn bool(&self, v: &TypedValue) -> Result<bool, ChainError> {
        match &peel(v).value {
            ValueDef::Primitive(Primitive::Bool(b)) => Ok(*b),
            _ => Err(shape_error(
                self.item,
                format!("expected a bool, got {}", kind(v)),
            )),
        }
    }

    /// A 32-byte account id (`AccountId32([u8; 32])` or a bare `[u8; 32]`).
    pub(crate) fn account_id(&self, v: &TypedValue) -> Result<[u8; 32], ChainError> {
        let bytes = self.bytes(v)?;
        <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| {
            shape_error(
                self.item,
                format!("expected a 32-byte account id, got {} bytes", bytes.len()),
            )
        })
    }

    /// A byte sequence or array (`Vec<u8>`, `[u8; N]`, through newtypes).
    pub(crate) fn bytes(&self, v: &TypedValue) -> Result<Vec<u8>, ChainError> {
        let inner = peel_newtypes(v);
        match &inner.value {
            ValueDef::Composite(c) => c
                .values()
                .map(|b| self.uint(b, UInt::U8).map(|n| n as u8))
                .collect(),
            _ => Err(shape_error(
                self.item,
                format!("expected bytes, got {}", kind(inner)),
            )),
        }
    }

    /// The items of a sequence (`Vec<T>`).
    pub(crate) fn seq<'v>(&self, v: &'v TypedValue) -> Result<Vec<&'v TypedValue>, ChainError> {
        match &v.value {
            ValueDef::Composite(Composite::Unnamed(items)) => Ok(items.iter().collect()),
            _ => Err(shape_error(
                self.item,
                format!("expected a sequence, got {}", kind(v)),
            )),
        }
    }

    /// The variant name of an enum value.
    pub(crate) fn variant_name<'v>(&self, v: &'v TypedValue) -> Result<&'v str, ChainError> {
        match &v.value {
            ValueDef::Variant(var) => Ok(var.name.as_str()),
            _ => Err(shape_error(
                self.item,
                format!("expected an enum, got {}", kind(v)),
            )),
        }
    }
}

/// The primitive a type id stands for, through single-field composites (newtypes) and
/// `Compact`.
pub(crate) fn primitive_of(types: &PortableRegistry, ty: u32) -> Option<TypeDefPrimitive> {
    let mut id = ty;
    for _ in 0..16 {
        let t = types.resolve(id)?;
        match &t.type_def {
            TypeDef::Primitive(p) => return Some(p.clone()),
            TypeDef::Compact(c) => id = c.type_param.id,
            TypeDef::Composite(c) if c.fields.len() == 1 => id = c.fields[0].ty.id,
            TypeDef::Tuple(t) if t.fields.len() == 1 => id = t.fields[0].id,
            _ => return None,
        }
    }
    None
}

/// Whether a type is (a newtype around) `Compact<_>`.
pub(crate) fn is_compact(types: &PortableRegistry, ty: u32) -> bool {
    let mut id = ty;
    for _ in 0..16 {
        match types.resolve(id).map(|t| &t.type_def) {
            Some(TypeDef::Compact(_)) => return true,
            Some(TypeDef::Composite(c)) if c.fields.len() == 1 => id = c.fields[0].ty.id,
            Some(TypeDef::Tuple(t)) if t.fields.len() == 1 => id = t.fields[0].id,
            _ => return false,
        }
    }
    false
}

/// Whether a type id is a 32-byte array (`[u8; 32]`, `AccountId32([u8; 32])`).
pub(crate) fn is_bytes32(types: &PortableRegistry, ty: u32) -> bool {
    let mut id = ty;
    for _ in 0..16 {
        let Some(t) = types.resolve(id) else {
            return false;
        };
        match &t.type_def {
            TypeDef::Array(a) => {
                return a.len == 32
                    && matches!(
                        primitive_of(types, a.type_param.id),
                        Some(TypeDefPrimitive::U8)
                    );
            }
            TypeDef::Composite(c) if c.fields.len() == 1 => id = c.fields[0].ty.id,
            TypeDef::Tuple(t) if t.fields.len() == 1 => id = t.fields[0].id,
            _ => return false,
        }
    }
    false
}

/// Whether a primitive is the unsigned integer of `width`.
pub(crate) fn same_width(p: &TypeDefPrimitive, width: UInt) -> bool {
    matches!(
        (p, width),
        (TypeDefPrimitive::U8, UInt::U8)
            | (TypeDefPrimitive::U16, UInt::U16)
            | (TypeDefPrimitive::U32, UInt::U32)
            | (TypeDefPrimitive::U64, UInt::U64)
            | (TypeDefPrimitive::U128, UInt::U128)
    )
}

/// Unwraps single-field composites (newtypes) down to a non-composite value.
fn peel(v: &TypedValue) -> &TypedValue {
    let mut cur = v;
    loop {
        match &cur.value {
            ValueDef::Composite(c) if c.len() == 1 => match c.values().next() {
                Some(inner) => cur = inner,
                None => return cur,
            },
            _ => return cur,
        }
    }
}

/// Unwraps single-field composites whose only field is itself a composite (the newtype
/// around a byte array), stopping at the byte array.
fn peel_newtypes(v: &TypedValue) -> &TypedValue {
    let mut cur = v;
    loop {
        match &cur.value {
            ValueDef::Composite(c) if c.len() == 1 => match c.values().next() {
                Some(inner) if matches!(inner.value, ValueDef::Composite(_)) => cur = inner,
                _ => return cur,
            },
            _ => return cur,
        }
    }
}

fn kind(v: &TypedValue) -> String {
    match &v.value {
        ValueDef::Composite(Composite::Named(_)) => "a struct".to_string(),
        ValueDef::Composite(Composite::Unnamed(_)) => "a tuple or sequence".to_string(),
        ValueDef::Variant(var) => format!("enum variant `{}`", var.name),
        ValueDef::BitSequence(_) => "a bit sequence".to_string(),
        ValueDef::Primitive(p) => format!("primitive {p:?}"),
    }
}
