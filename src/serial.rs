//! The code that turns stored text into records and back (serde, serde_json
//! and miniz_oxide), behind one seam.
//!
//! It is a fifth of the wasm, and a first visit (nothing stored yet) has no
//! use for it until the first save. So the Trunk build (the `split` feature)
//! puts it in a chunk of its own: the UI fetches it before it opens a stored
//! journal, and right after the first drawing otherwise
//! (`ui::on_demand::fetch_serial`), then hands it over ([`provide`]). Builds
//! without `split` (native, the wasm tests) link it in.
//!
//! Every method here is one that needs serde's or miniz's code; the callers
//! keep the rest (framing, versions, migrations' order, errors), so what is
//! stored does not depend on which build wrote it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::error::Category;
use serde_json::value::RawValue;

use crate::model::{AnyRecord, Id, Interaction, RecordKind, Rev, Tombstone, with_kind, with_record};
use crate::store::lock::{HeaderError, HeaderJson};
use crate::store::schema::{GroupError, Meta, RawEnvelope};

/// What the rest of the crate asks of serde, serde_json and miniz_oxide.
pub(crate) trait Serial {
    /// A zlib stream of `bytes`, deflated at `level`.
    fn deflate(&self, bytes: &[u8], level: u8) -> Vec<u8>;
    /// The bytes of a zlib stream, at most `limit` of them.
    fn inflate(&self, zlib: &[u8], limit: usize) -> Result<Vec<u8>, String>;
    /// A record of `kind` from its JSON text.
    fn record_from_json(&self, kind: RecordKind, text: &str) -> Result<AnyRecord, String>;
    /// A record's JSON text, as stored.
    fn record_to_json(&self, record: &AnyRecord) -> String;
    /// JSON text as a value (for migrations and field-by-field merges).
    fn value_from_json(&self, text: &str) -> Result<Value, String>;
    /// A value's JSON text.
    fn value_to_json(&self, value: &Value) -> String;
    /// A JSON object of strings, keys sorted.
    fn string_map_json(&self, map: &BTreeMap<String, String>) -> String;
    /// A group read loosely: its version, each record's JSON text, each
    /// tombstone's.
    fn envelope<'a>(&self, json: &'a str) -> Result<RawEnvelope<'a>, GroupError>;
    /// A tombstone from its JSON text.
    fn tombstone_from_json(&self, text: &str) -> Result<Tombstone, String>;
    /// Tombstones as a JSON array.
    fn tombstones_json(&self, gone: &[Tombstone]) -> String;
    /// A group of interactions of the current `version`, read in one pass;
    /// `None` if it is of another version or any part of it does not fit.
    fn interactions_in_one_pass(&self, json: &str, version: u32) -> Option<(Vec<Interaction>, Vec<Tombstone>)>;
    /// What the save path reads of a record: its id and revision.
    fn record_head(&self, json: &str) -> Option<(Id, Rev)>;
    fn meta_to_json(&self, meta: &Meta) -> String;
    fn meta_from_json(&self, json: &str) -> Result<Meta, String>;
    fn header_to_json(&self, header: &HeaderJson) -> String;
    /// The lock's header, whose format number is at most `newest`.
    fn header_from_json(&self, text: &str, newest: u32) -> Result<HeaderJson, HeaderError>;
}

/// The implementation: serde_json and miniz_oxide.
pub(crate) struct SerdeJson;

impl Serial for SerdeJson {
    fn deflate(&self, bytes: &[u8], level: u8) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec_zlib(bytes, level)
    }

    fn inflate(&self, zlib: &[u8], limit: usize) -> Result<Vec<u8>, String> {
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(zlib, limit).map_err(|e| format!("{:?}", e.status))
    }

    fn record_from_json(&self, kind: RecordKind, text: &str) -> Result<AnyRecord, String> {
        with_kind!(kind, T => serde_json::from_str::<T>(text).map(AnyRecord::from).map_err(|e| e.to_string()))
    }

    fn record_to_json(&self, record: &AnyRecord) -> String {
        with_record!(record, r => serde_json::to_string(r).unwrap_or_default())
    }

    fn value_from_json(&self, text: &str) -> Result<Value, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    fn value_to_json(&self, value: &Value) -> String {
        value.to_string()
    }

    fn string_map_json(&self, map: &BTreeMap<String, String>) -> String {
        serde_json::to_string(map).unwrap_or_default()
    }

    fn envelope<'a>(&self, json: &'a str) -> Result<RawEnvelope<'a>, GroupError> {
        let loose: LooseEnvelope = serde_json::from_str(json).map_err(|e| match e.classify() {
            Category::Data => GroupError::NotAGroup("it is not shaped like a group of records"),
            _ => GroupError::NotJson(e.to_string()),
        })?;
        let version = loose.v.and_then(|v| serde_json::from_str::<u64>(v.get()).ok());
        Ok(RawEnvelope {
            version,
            records: loose.records.map(|records| records.into_iter().map(RawValue::get).collect()),
            gone: loose.gone.into_iter().map(RawValue::get).collect(),
        })
    }

    fn tombstone_from_json(&self, text: &str) -> Result<Tombstone, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    fn tombstones_json(&self, gone: &[Tombstone]) -> String {
        serde_json::to_string(gone).unwrap_or_else(|_| unreachable!("tombstones serialise to JSON"))
    }

    fn interactions_in_one_pass(&self, json: &str, version: u32) -> Option<(Vec<Interaction>, Vec<Tombstone>)> {
        let envelope = serde_json::from_str::<EnvelopeIn<Interaction>>(json).ok()?;
        (envelope.v == version).then_some((envelope.records, envelope.gone))
    }

    fn record_head(&self, json: &str) -> Option<(Id, Rev)> {
        serde_json::from_str::<Head>(json).ok().map(|head| (head.id, head.rev))
    }

    fn meta_to_json(&self, meta: &Meta) -> String {
        serde_json::to_string(meta).unwrap_or_else(|_| unreachable!("the meta serialises to JSON"))
    }

    fn meta_from_json(&self, json: &str) -> Result<Meta, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    fn header_to_json(&self, header: &HeaderJson) -> String {
        serde_json::to_string(header).unwrap_or_else(|_| unreachable!("the header serialises"))
    }

    fn header_from_json(&self, text: &str, newest: u32) -> Result<HeaderJson, HeaderError> {
        let damaged = |why: String| HeaderError::Damaged(why);
        let top: Value = serde_json::from_str(text).map_err(|e| damaged(e.to_string()))?;
        match top.get("lock").and_then(Value::as_u64) {
            Some(v) if v > u64::from(newest) => return Err(HeaderError::Newer(format!("lock format {v}"))),
            Some(1) => {}
            _ => return Err(damaged("it has no lock format number".into())),
        }
        serde_json::from_value(top).map_err(|e| damaged(e.to_string()))
    }
}

/// A group read loosely: each record kept as its JSON text, so one bad record
/// cannot take the others with it.
#[derive(Deserialize)]
struct LooseEnvelope<'a> {
    #[serde(borrow)]
    v: Option<&'a RawValue>,
    #[serde(borrow)]
    records: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    gone: Vec<&'a RawValue>,
}

/// A group typed in one pass (interactions, nearly all of a journal).
#[derive(Deserialize)]
struct EnvelopeIn<T> {
    v: u32,
    records: Vec<T>,
    #[serde(default)]
    gone: Vec<Tombstone>,
}

/// What the save path reads of a record.
#[derive(Serialize, Deserialize)]
struct Head {
    id: Id,
    #[serde(default)]
    rev: Rev,
}

thread_local! {
    /// The serial code, once it is there: at once in builds without
    /// `split`, when its chunk has come in a `split` build.
    static PROVIDED: std::cell::Cell<Option<&'static dyn Serial>> =
        const { std::cell::Cell::new(if cfg!(feature = "split") { None } else { Some(&SerdeJson) }) };
}

/// The serial code. The UI fetches it before it opens a stored journal, and
/// the store saves and reads other tabs' changes only once it is [`ready`],
/// so nothing reads or writes stored text without it; a call before then is
/// a bug in that order, and stops the app.
pub(crate) fn get() -> &'static dyn Serial {
    PROVIDED.with(std::cell::Cell::get).expect("the serial code is fetched before stored text is read or written")
}

/// Whether the serial code is there.
pub fn ready() -> bool {
    PROVIDED.with(std::cell::Cell::get).is_some()
}

/// Hands over the serial code that came with its chunk.
#[cfg(any(test, feature = "split"))]
pub(crate) fn provide(serial: &'static dyn Serial) {
    PROVIDED.with(|provided| provided.set(Some(serial)));
}

/// Takes the serial code away, as a `split` build starts: for native tests
/// of what may run before it comes (any use of it then panics).
#[cfg(test)]
pub(crate) fn withhold() {
    PROVIDED.with(|provided| provided.set(None));
}
