//! What an included extrinsic did: its events and, if it failed, the dispatch error by name
//! (e.g. `SubtensorModule.SlippageTooHigh`), decoded from a block's `System.Events` with the
//! metadata's types.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use scale_value::{Composite, Primitive, Value, ValueDef};

use super::{TxError, TxMetadata};

/// Storage key of `System.Events` (`twox128("System") ‖ twox128("Events")`).
pub const SYSTEM_EVENTS_KEY: [u8; 32] = [
    0x26, 0xaa, 0x39, 0x4e, 0xea, 0x56, 0x30, 0xe0, 0x7c, 0x48, 0xae, 0x0c, 0x95, 0x58, 0xce, 0xf7,
    0x80, 0xd4, 0x1e, 0x5e, 0x16, 0x05, 0x67, 0x65, 0xbc, 0x84, 0x61, 0x85, 0x10, 0x72, 0xc9, 0xd7,
];

/// One event: pallet and variant name, and its fields decoded (numbers, accounts as hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Pallet name, e.g. `SubtensorModule`.
    pub pallet: String,
    /// Event name, e.g. `StakeAdded`.
    pub name: String,
    /// The event's fields.
    pub fields: Value<()>,
}

/// The outcome of one extrinsic in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtrinsicOutcome {
    /// `System.ExtrinsicSuccess` was emitted.
    pub success: bool,
    /// For `System.ExtrinsicFailed`: `Pallet.Error` for module errors (`SubtensorModule.AmountTooLow`),
    /// else the `DispatchError` variant (`BadOrigin`, `Token(FundsUnavailable)`, ...).
    pub error: Option<String>,
    /// Every event with phase `ApplyExtrinsic(index)`, in order.
    pub events: Vec<Event>,
}

fn variant(v: &Value<u32>) -> Option<(&str, &Composite<u32>)> {
    match &v.value {
        ValueDef::Variant(var) => Some((var.name.as_str(), &var.values)),
        _ => None,
    }
}

fn first(c: &Composite<u32>) -> Option<&Value<u32>> {
    c.values().next()
}

fn named<'v>(c: &'v Composite<u32>, name: &str) -> Option<&'v Value<u32>> {
    match c {
        Composite::Named(f) => f.iter().find(|(n, _)| n == name).map(|(_, v)| v),
        Composite::Unnamed(_) => None,
    }
}

fn number(v: &Value<u32>) -> Option<u128> {
    match &v.value {
        ValueDef::Primitive(Primitive::U128(n)) => Some(*n),
        ValueDef::Composite(c) if c.len() == 1 => number(first(c)?),
        _ => None,
    }
}

/// Names a `DispatchError` value with the metadata (module errors by pallet and error name).
pub fn dispatch_error_name(md: &TxMetadata, err: &Value<u32>) -> Result<String, TxError> {
    let bad = |m: &str| TxError::BadRuntimeApiOutput(format!("dispatch error: {m}"));
    let (name, values) = variant(err).ok_or_else(|| bad("not an enum"))?;
    if name != "Module" {
        return Ok(match first(values).and_then(variant) {
            Some((inner, _)) => format!("{name}({inner})"),
            None => name.to_string(),
        });
    }
    let module = first(values).ok_or_else(|| bad("empty Module"))?;
    let ValueDef::Composite(m) = &module.value else {
        return Err(bad("Module is not a struct"));
    };
    let index = named(m, "index")
        .and_then(number)
        .ok_or_else(|| bad("no index"))?;
    let error = named(m, "error").ok_or_else(|| bad("no error bytes"))?;
    let first_byte = match &error.value {
        ValueDef::Composite(c) => first(c).and_then(number),
        _ => number(error),
    }
    .ok_or_else(|| bad("error bytes"))?;
    let pallet = md
        .inner()
        .pallet_by_error_index(index as u8)
        .ok_or_else(|| bad("unknown pallet index"))?;
    let variant = pallet
        .error_variant_by_index(first_byte as u8)
        .ok_or_else(|| bad("unknown error index"))?;
    Ok(format!("{}.{}", pallet.name(), variant.name))
}

/// Decodes `System.Events` storage bytes of a block and returns what extrinsic `index` did.
pub fn extrinsic_outcome(
    md: &TxMetadata,
    events: &[u8],
    index: u32,
) -> Result<ExtrinsicOutcome, TxError> {
    let bad = |m: String| TxError::BadRuntimeApiOutput(format!("System.Events: {m}"));
    let ty = md
        .inner()
        .pallet_by_name("System")
        .and_then(|p| p.storage())
        .and_then(|s| s.entry_by_name("Events"))
        .map(|e| e.value_ty())
        .ok_or_else(|| bad("no System.Events in the metadata".into()))?;
    let mut input = events;
    let all = scale_value::scale::decode_as_type(&mut input, ty, md.types())
        .map_err(|e| bad(e.to_string()))?;
    if !input.is_empty() {
        return Err(bad(format!("{} bytes left over", input.len())));
    }
    let ValueDef::Composite(records) = &all.value else {
        return Err(bad("not a sequence".into()));
    };
    let mut out = ExtrinsicOutcome {
        success: false,
        error: None,
        events: Vec::new(),
    };
    for record in records.values() {
        let ValueDef::Composite(r) = &record.value else {
            return Err(bad("record is not a struct".into()));
        };
        let phase = named(r, "phase")
            .and_then(variant)
            .ok_or_else(|| bad("no phase".into()))?;
        if phase.0 != "ApplyExtrinsic" || first(phase.1).and_then(number) != Some(u128::from(index))
        {
            continue;
        }
        let event = named(r, "event").ok_or_else(|| bad("no event".into()))?;
        let (pallet, inner) = variant(event).ok_or_else(|| bad("event is not an enum".into()))?;
        let (name, fields) = first(inner)
            .and_then(variant)
            .ok_or_else(|| bad("pallet event is not an enum".into()))?;
        match (pallet, name) {
            ("System", "ExtrinsicSuccess") => out.success = true,
            ("System", "ExtrinsicFailed") => {
                let err = named(fields, "dispatch_error")
                    .or_else(|| first(fields))
                    .ok_or_else(|| bad("ExtrinsicFailed without an error".into()))?;
                out.error = Some(dispatch_error_name(md, err)?);
            }
            _ => {}
        }
        out.events.push(Event {
            pallet: pallet.to_string(),
            name: name.to_string(),
            fields: Value {
                value: ValueDef::Composite(fields.clone()),
                context: 0u32,
            }
            .remove_context(),
        });
    }
    Ok(out)
}
