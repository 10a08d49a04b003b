//! A runtime call encoded from metadata by pallet and call name, and its decoding back to a
//! human-readable summary.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;

use scale_info::TypeDef;
use scale_value::{Composite, Primitive, Value, ValueDef};

use super::shape::{self, Shape};
use super::{TxError, TxMetadata};
use crate::keys::ss58;

/// An encoded runtime call: `[pallet index, call index] ‖ arguments`, with the names it was
/// built from. The indices come from the metadata it was built against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pallet: String,
    name: String,
    bytes: Vec<u8>,
}

impl Call {
    /// Builds a call from named argument values (the generic escape hatch). Every argument the
    /// metadata declares must be given once, under its metadata name; each value is encoded with
    /// `scale-encode` against the argument's type, so a value of another type is refused with
    /// [`TxError::ArgumentType`].
    pub fn from_values<'a>(
        md: &TxMetadata,
        pallet: &str,
        call: &str,
        args: impl IntoIterator<Item = (&'a str, Value)>,
    ) -> Result<Call, TxError> {
        let (pallet_index, variant) = call_variant(md, pallet, call)?;
        let full = format!("{pallet}.{call}");
        let mut given: Vec<(&str, Value)> = args.into_iter().collect();
        for (name, _) in &given {
            if !variant
                .fields
                .iter()
                .any(|f| f.name.as_deref() == Some(*name))
            {
                return Err(TxError::UnexpectedArgument {
                    call: full.clone(),
                    argument: name.to_string(),
                });
            }
        }
        let mut bytes = Vec::with_capacity(64);
        bytes.push(pallet_index);
        bytes.push(variant.index);
        for field in &variant.fields {
            let fname = field.name.as_deref().unwrap_or("");
            let pos = given.iter().position(|(n, _)| *n == fname).ok_or_else(|| {
                TxError::MissingArgument {
                    call: full.clone(),
                    argument: fname.to_string(),
                }
            })?;
            let (_, value) = given.swap_remove(pos);
            scale_value::scale::encode_as_type(&value, field.ty.id, md.types(), &mut bytes)
                .map_err(|e| TxError::ArgumentType {
                    call: full.clone(),
                    argument: fname.to_string(),
                    reason: e.to_string(),
                })?;
        }
        if let Some((name, _)) = given.first() {
            // A duplicate of an argument already consumed.
            return Err(TxError::UnexpectedArgument {
                call: full,
                argument: name.to_string(),
            });
        }
        Ok(Call {
            pallet: pallet.to_string(),
            name: call.to_string(),
            bytes,
        })
    }

    /// Builds a call whose argument list must be exactly `args` (names and [`Shape`]s, in order)
    /// in this runtime; used by the typed constructors in [`super::calls`].
    pub(crate) fn checked(
        md: &TxMetadata,
        pallet: &str,
        call: &str,
        args: impl IntoIterator<Item = (&'static str, Shape, Value)>,
    ) -> Result<Call, TxError> {
        let (expected, args): (Vec<_>, Vec<_>) = args
            .into_iter()
            .map(|(name, shape, value)| ((name, shape), (name, value)))
            .unzip();
        let (_, variant) = call_variant(md, pallet, call)?;
        let found: Vec<&str> = variant
            .fields
            .iter()
            .map(|f| f.name.as_deref().unwrap_or("_"))
            .collect();
        let wanted: Vec<&str> = expected.iter().map(|(n, _)| *n).collect();
        if found != wanted {
            return Err(TxError::CallSignatureChanged {
                pallet: pallet.into(),
                call: call.into(),
                found: found.join(", "),
                expected: wanted.join(", "),
            });
        }
        for (field, (name, want)) in variant.fields.iter().zip(&expected) {
            shape::check(md.types(), field.ty.id, want).map_err(|reason| {
                TxError::ArgumentType {
                    call: format!("{pallet}.{call}"),
                    argument: (*name).into(),
                    reason,
                }
            })?;
        }
        Self::from_values(md, pallet, call, args)
    }

    /// Decodes call bytes with the metadata (all bytes must be consumed).
    pub fn decode(md: &TxMetadata, bytes: &[u8]) -> Result<Call, TxError> {
        let (pallet, name, _) = decode_value(md, bytes)?;
        Ok(Call {
            pallet,
            name,
            bytes: bytes.to_vec(),
        })
    }

    /// Pallet name (as in the metadata).
    pub fn pallet(&self) -> &str {
        &self.pallet
    }

    /// Call name (as in the metadata).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The encoded call.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The encoded call, consumed.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// A human-readable rendering decoded from the metadata, e.g.
    /// `SubtensorModule.add_stake(hotkey: 5F…, netuid: 1, amount_staked: 1000000000)`; accounts are
    /// shown as SS58 with the runtime's prefix, byte strings as hex, nested calls recursively.
    pub fn summary(&self, md: &TxMetadata) -> Result<String, TxError> {
        summarize(md, &self.bytes)
    }
}

/// The pallet index and the call variant of `pallet.call`.
fn call_variant<'m>(
    md: &'m TxMetadata,
    pallet: &str,
    call: &str,
) -> Result<(u8, &'m scale_info::Variant<scale_info::form::PortableForm>), TxError> {
    let p = md
        .inner()
        .pallet_by_name(pallet)
        .ok_or_else(|| TxError::UnknownPallet(pallet.into()))?;
    if p.call_ty_id().is_none() {
        return Err(TxError::UnknownPallet(pallet.into()));
    }
    let v = p
        .call_variant_by_name(call)
        .ok_or_else(|| TxError::UnknownCall {
            pallet: pallet.into(),
            call: call.into(),
        })?;
    Ok((p.call_index(), v))
}

/// Decodes call bytes into (pallet, call, value of the call's arguments).
pub(crate) fn decode_value(
    md: &TxMetadata,
    bytes: &[u8],
) -> Result<(String, String, Value<u32>), TxError> {
    let call_ty = md.inner().outer_enums().call_enum_ty();
    let mut input = bytes;
    let value = scale_value::scale::decode_as_type(&mut input, call_ty, md.types())
        .map_err(|e| TxError::BadCall(e.to_string()))?;
    if !input.is_empty() {
        return Err(TxError::BadCall(format!(
            "{} bytes left after the call",
            input.len()
        )));
    }
    let ValueDef::Variant(outer) = value.value else {
        return Err(TxError::BadCall(
            "the outer call type is not an enum".into(),
        ));
    };
    let inner = match outer.values {
        Composite::Unnamed(mut v) if v.len() == 1 => v.remove(0),
        _ => return Err(TxError::BadCall("unexpected outer call shape".into())),
    };
    let ValueDef::Variant(call) = inner.value else {
        return Err(TxError::BadCall(
            "the pallet call type is not an enum".into(),
        ));
    };
    let args = Value {
        value: ValueDef::Composite(call.values),
        context: inner.context,
    };
    Ok((outer.name, call.name, args))
}

fn summarize(md: &TxMetadata, bytes: &[u8]) -> Result<String, TxError> {
    let (pallet, call, args) = decode_value(md, bytes)?;
    let prefix = md.ss58_prefix().unwrap_or(ss58::DEFAULT_PREFIX);
    let mut out = format!("{pallet}.{call}");
    let ValueDef::Composite(c) = &args.value else {
        unreachable!("decode_value returns a composite")
    };
    write_composite(md, prefix, c, &mut out, true);
    Ok(out)
}

fn write_composite(
    md: &TxMetadata,
    prefix: u16,
    c: &Composite<u32>,
    out: &mut String,
    parens: bool,
) {
    let (open, close) = if parens { ('(', ')') } else { ('{', '}') };
    out.push(open);
    match c {
        Composite::Named(fields) => {
            for (i, (name, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(name);
                out.push_str(": ");
                write_value(md, prefix, v, out);
            }
        }
        Composite::Unnamed(values) => {
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(md, prefix, v, out);
            }
        }
    }
    out.push(close);
}

/// Bytes of a composite that holds only `u8` primitives (an array or a byte vector).
fn as_bytes(c: &Composite<u32>) -> Option<Vec<u8>> {
    let values: Vec<&Value<u32>> = c.values().collect();
    if values.is_empty() {
        return None;
    }
    values
        .iter()
        .map(|v| match &v.value {
            ValueDef::Primitive(Primitive::U128(n)) if *n <= 255 => Some(*n as u8),
            _ => None,
        })
        .collect()
}

/// The 32 bytes of an account value (`AccountId32([u8; 32])` or a bare array).
fn account_bytes(v: &Value<u32>) -> Option<[u8; 32]> {
    let ValueDef::Composite(c) = &v.value else {
        return None;
    };
    if let Some(bytes) = as_bytes(c) {
        return bytes.try_into().ok();
    }
    match c.values().collect::<Vec<_>>().as_slice() {
        [inner] => account_bytes(inner),
        _ => None,
    }
}

fn write_value(md: &TxMetadata, prefix: u16, v: &Value<u32>, out: &mut String) {
    let ty = md.types().resolve(v.context);
    let path_last = ty.and_then(|t| t.path.segments.last()).map(String::as_str);
    let is_u8_array = matches!(
        ty.map(|t| &t.type_def),
        Some(TypeDef::Array(_)) | Some(TypeDef::Sequence(_))
    );
    // A nested runtime call (Utility.batch_all): render it as a call.
    if v.context == md.inner().outer_enums().call_enum_ty() {
        let mut bytes = Vec::new();
        if scale_value::scale::encode_as_type(v, v.context, md.types(), &mut bytes).is_ok()
            && let Ok(s) = summarize(md, &bytes)
        {
            out.push_str(&s);
            return;
        }
    }
    match &v.value {
        ValueDef::Composite(c) => {
            if path_last == Some("AccountId32")
                && let Some(key) = account_bytes(v)
            {
                out.push_str(&ss58::encode(&key, prefix));
                return;
            }
            if let Some(bytes) = as_bytes(c)
                && (is_u8_array || path_last.is_some())
            {
                out.push_str("0x");
                out.push_str(&hex::encode(&bytes));
                return;
            }
            // Newtypes print as their content.
            if path_last.is_some()
                && c.len() == 1
                && let Some(inner) = c.values().next()
            {
                write_value(md, prefix, inner, out);
                return;
            }
            write_composite(md, prefix, c, out, false);
        }
        ValueDef::Variant(var) => {
            out.push_str(&var.name);
            if !var.values.is_empty() {
                write_composite(md, prefix, &var.values, out, true);
            }
        }
        ValueDef::Primitive(p) => {
            let _ = write!(out, "{p}");
        }
        ValueDef::BitSequence(b) => {
            let _ = write!(out, "{b:?}");
        }
    }
}
