//! Strict checks that a metadata type has the shape a typed constructor or an extension
//! encoder was written for, so a runtime upgrade that changes a type is refused, not guessed.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;

use scale_info::{PortableRegistry, TypeDef, TypeDefPrimitive, form::PortableForm};

/// The shapes this module encodes by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `bool`.
    Bool,
    /// `u8`.
    U8,
    /// `u16`.
    U16,
    /// `u32`.
    U32,
    /// `u64`.
    U64,
    /// `Compact<inner>`.
    Compact(Box<Shape>),
    /// A 32-byte array (`[u8; 32]`, `AccountId32`, `H256`).
    Bytes32,
    /// `MultiAddress` whose variant `Id` (index 0) holds a 32-byte account.
    MultiAddressId,
    /// `Option<inner>`.
    Option(Box<Shape>),
    /// A type that encodes to nothing (`()`, an empty struct or tuple).
    Empty,
    /// `sp_runtime::generic::Era`.
    Era,
    /// `Vec<T>` of exactly the type with this id (e.g. the outer `RuntimeCall`).
    SequenceOf(u32),
    /// An enum whose variant `name` has index `index` and no fields.
    UnitVariant {
        /// Variant name.
        name: &'static str,
        /// Variant index.
        index: u8,
    },
}

type Ty = scale_info::Type<PortableForm>;

fn resolve(types: &PortableRegistry, id: u32) -> Result<&Ty, String> {
    types
        .resolve(id)
        .ok_or_else(|| format!("type #{id} is not in the registry"))
}

/// Follows single-field composites and one-element tuples/arrays-of-one down to the inner type
/// (newtypes such as `NetUid(u16)` or `ChargeTransactionPayment(Compact<u64>)` encode as their field).
fn unwrap_newtypes(types: &PortableRegistry, mut id: u32) -> Result<(u32, &Ty), String> {
    for _ in 0..32 {
        let ty = resolve(types, id)?;
        match &ty.type_def {
            TypeDef::Composite(c) if c.fields.len() == 1 => id = c.fields[0].ty.id,
            TypeDef::Tuple(t) if t.fields.len() == 1 => id = t.fields[0].id,
            _ => return Ok((id, ty)),
        }
    }
    Err(format!("type #{id} nests too deeply"))
}

fn describe(ty: &Ty) -> String {
    let path = ty.path.segments.join("::");
    let kind = match &ty.type_def {
        TypeDef::Composite(c) => format!("struct with {} fields", c.fields.len()),
        TypeDef::Variant(v) => format!("enum with {} variants", v.variants.len()),
        TypeDef::Sequence(_) => "sequence".into(),
        TypeDef::Array(a) => format!("array of {}", a.len),
        TypeDef::Tuple(t) => format!("tuple of {}", t.fields.len()),
        TypeDef::Primitive(p) => format!("{p:?}").to_lowercase(),
        TypeDef::Compact(_) => "compact".into(),
        TypeDef::BitSequence(_) => "bit sequence".into(),
    };
    if path.is_empty() {
        kind
    } else {
        format!("{path} ({kind})")
    }
}

/// True when values of type `id` always encode to zero bytes.
pub(crate) fn is_empty(types: &PortableRegistry, id: u32) -> Result<bool, String> {
    let ty = resolve(types, id)?;
    Ok(match &ty.type_def {
        TypeDef::Composite(c) => {
            for f in &c.fields {
                if !is_empty(types, f.ty.id)? {
                    return Ok(false);
                }
            }
            true
        }
        TypeDef::Tuple(t) => {
            for f in &t.fields {
                if !is_empty(types, f.id)? {
                    return Ok(false);
                }
            }
            true
        }
        TypeDef::Array(a) => a.len == 0 || is_empty(types, a.type_param.id)?,
        _ => false,
    })
}

/// Checks that type `id` has `shape`; the error says what was found instead.
pub(crate) fn check(types: &PortableRegistry, id: u32, shape: &Shape) -> Result<(), String> {
    if *shape == Shape::Empty {
        return if is_empty(types, id)? {
            Ok(())
        } else {
            Err(format!(
                "expected an empty type, found {}",
                describe(resolve(types, id)?)
            ))
        };
    }
    let (inner_id, ty) = unwrap_newtypes(types, id)?;
    let mismatch = || Err(format!("expected {shape:?}, found {}", describe(ty)));
    match (shape, &ty.type_def) {
        (Shape::Bool, TypeDef::Primitive(TypeDefPrimitive::Bool))
        | (Shape::U8, TypeDef::Primitive(TypeDefPrimitive::U8))
        | (Shape::U16, TypeDef::Primitive(TypeDefPrimitive::U16))
        | (Shape::U32, TypeDef::Primitive(TypeDefPrimitive::U32))
        | (Shape::U64, TypeDef::Primitive(TypeDefPrimitive::U64)) => Ok(()),
        (Shape::Compact(inner), TypeDef::Compact(c)) => check(types, c.type_param.id, inner),
        (Shape::Bytes32, TypeDef::Array(a)) if a.len == 32 => {
            check(types, a.type_param.id, &Shape::U8)
        }
        (Shape::MultiAddressId, TypeDef::Variant(v)) => {
            let id_variant = v.variants.iter().find(|x| x.name == "Id");
            match id_variant {
                Some(var) if var.index == 0 && var.fields.len() == 1 => {
                    check(types, var.fields[0].ty.id, &Shape::Bytes32)
                }
                _ => mismatch(),
            }
        }
        (Shape::Option(inner), TypeDef::Variant(v))
            if ty.path.segments.last().map(String::as_str) == Some("Option") =>
        {
            let none = v
                .variants
                .iter()
                .any(|x| x.name == "None" && x.index == 0 && x.fields.is_empty());
            let some = v
                .variants
                .iter()
                .find(|x| x.name == "Some" && x.index == 1 && x.fields.len() == 1);
            match (none, some) {
                (true, Some(s)) => check(types, s.fields[0].ty.id, inner),
                _ => mismatch(),
            }
        }
        (Shape::Era, TypeDef::Variant(v))
            if ty.path.segments.last().map(String::as_str) == Some("Era") =>
        {
            let immortal = v
                .variants
                .iter()
                .any(|x| x.name == "Immortal" && x.index == 0 && x.fields.is_empty());
            if immortal && v.variants.len() == 256 {
                Ok(())
            } else {
                mismatch()
            }
        }
        (Shape::SequenceOf(want), TypeDef::Sequence(seq)) if seq.type_param.id == *want => Ok(()),
        (Shape::UnitVariant { name, index }, TypeDef::Variant(v)) => {
            if v.variants
                .iter()
                .any(|x| x.name == *name && x.index == *index && x.fields.is_empty())
            {
                Ok(())
            } else {
                mismatch()
            }
        }
        _ => {
            let _ = inner_id;
            mismatch()
        }
    }
}
