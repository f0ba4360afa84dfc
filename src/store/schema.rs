//! The versioned shape of stored data, and the migrations between versions.
//!
//! Records are stored in groups (the people list, one group per month of
//! interactions): `{"v": 4, "records": [...], "gone": [...]}`, where `gone`
//! holds the tombstones of deleted records. Every group carries the schema
//! version it was written with, so a group is migrated on its own: a
//! migration cut short by a closed tab leaves some groups old and some new,
//! and both kinds still load.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::codec::{self, CodecError};
use crate::model::{AnyRecord, Record, RecordKind, Tombstone};

/// The version this build writes.
///
/// - 1: people and interactions.
/// - 2: interactions may say who reached out (`initiated_by`); self-assessments.
/// - 3: people may have a chosen and a current mode, boundaries and a
///   keep-in-touch cadence; reviews and settings.
/// - 4: every record carries a revision (`rev`, in place of `updated`), and
///   groups keep the tombstones of deleted records (`gone`).
/// - 5: a tombstone may say `"archived": true` (Data → Archive old years:
///   the record is in a file, and merging that file brings it back). A
///   version 4 build would read such a tombstone as a deletion and, on its
///   next save of that month, write it back without the marker: the archive
///   file could then no longer be merged back. With the bump it turns
///   read-only instead. Records are unchanged.
///
/// A version is bumped even when old records stay valid, as in 1 → 2: an
/// older build that sees a newer group turns read-only instead of saving the
/// record back without the fields it does not know.
pub const SCHEMA_VERSION: u32 = 5;

/// A migration step: upgrades one record of `kind` by one version.
pub type Step = fn(RecordKind, Value) -> Result<Value, String>;

/// `MIGRATIONS[n]` upgrades a record from version `n + 1` to `n + 2`. Each
/// schema change appends a step here, with a test that feeds it real data of
/// the old version.
pub const MIGRATIONS: &[Step] = &[v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5];

/// Version 2 only adds optional fields and a new collection: a version 1
/// record is a valid version 2 record.
fn v1_to_v2(_: RecordKind, record: Value) -> Result<Value, String> {
    Ok(record)
}

/// Version 3 only adds optional fields to people and new collections.
fn v2_to_v3(_: RecordKind, record: Value) -> Result<Value, String> {
    Ok(record)
}

/// Version 4 replaces the time of the last change (`updated`, milliseconds)
/// with a revision at that time, written by no tab in particular (and never
/// the default revision, which means "never saved").
fn v3_to_v4(_: RecordKind, mut record: Value) -> Result<Value, String> {
    let object = record.as_object_mut().ok_or("a record is not an object")?;
    let updated = match object.remove("updated") {
        None | Some(Value::Null) => 0,
        Some(Value::Number(n)) => n.as_i64().ok_or_else(|| format!("“updated” is {n}, not a whole number"))?,
        Some(other) => return Err(format!("“updated” is {other}, not a number")),
    };
    object.insert("rev".into(), Value::String(crate::model::Rev::legacy(updated).to_string()));
    Ok(record)
}

/// Version 5 only adds a marker to tombstones: a version 4 record is a valid
/// version 5 record, and a version 4 tombstone is a deletion.
fn v4_to_v5(_: RecordKind, record: Value) -> Result<Value, String> {
    Ok(record)
}

const _: () = assert!(MIGRATIONS.len() as u32 + 1 == SCHEMA_VERSION);

/// Why a stored group could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupError {
    Codec(CodecError),
    NotJson(String),
    NotAGroup(&'static str),
    /// Written by a newer version of Rapport.
    Newer(u32),
    Migration(String),
}

impl fmt::Display for GroupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupError::Codec(e) => e.fmt(f),
            GroupError::NotJson(why) => write!(f, "it is not valid JSON ({why})"),
            GroupError::NotAGroup(why) => write!(f, "it is not Rapport data ({why})"),
            GroupError::Newer(v) => {
                write!(
                    f,
                    "it was written by a newer version of Rapport (schema {v}; this one reads up to {SCHEMA_VERSION})"
                )
            }
            GroupError::Migration(why) => write!(f, "it could not be upgraded ({why})"),
        }
    }
}

impl From<CodecError> for GroupError {
    fn from(e: CodecError) -> Self {
        GroupError::Codec(e)
    }
}

/// The readable records and tombstones of a group, and why the others were
/// rejected.
#[derive(Debug, PartialEq)]
pub struct Decoded<T> {
    pub records: Vec<T>,
    pub gone: Vec<Tombstone>,
    pub rejected: Vec<String>,
    /// The group was written by an older version and should be written back.
    pub upgraded: bool,
}

#[cfg(test)]
#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    v: u32,
    records: &'a [T],
    #[serde(skip_serializing_if = "<[Tombstone]>::is_empty")]
    gone: &'a [Tombstone],
}

/// What `rapport:meta` says `schema` is while the journal is locked: above
/// every version that builds from before the lock read (up to 4), so such a
/// build (a cached copy, a tab left open) turns read-only at its version
/// check instead of setting every encrypted value aside as unreadable. The
/// records' own version is then in `records`.
pub const LOCKED_SCHEMA: u32 = 5;

const _: () = assert!(LOCKED_SCHEMA > 4);

/// `rapport:meta`: which builds may touch this storage.
#[derive(Serialize, Deserialize)]
pub struct Meta {
    /// The version a build must read to touch this storage.
    schema: u32,
    /// The records' version, when `schema` says more ([`LOCKED_SCHEMA`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    records: Option<u32>,
    /// Set while a backup is being restored, to tell the next load that a
    /// restore was cut short (older builds of the same schema ignore it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    restoring: Option<String>,
}

/// A group read loosely (by [`crate::serial::Serial::envelope`]): each
/// record and tombstone kept as its JSON text, so one bad record cannot take
/// the others with it.
pub struct RawEnvelope<'a> {
    /// The version, if it is a whole number.
    pub version: Option<u64>,
    pub records: Option<Vec<&'a str>>,
    pub gone: Vec<&'a str>,
}

/// Encodes a group of records and tombstones as a storage value, typed (for
/// tests: the store writes through [`encode_raw`]).
#[cfg(test)]
pub fn encode_group<T: Serialize>(records: &[T], gone: &[Tombstone]) -> String {
    let json = serde_json::to_string(&EnvelopeOut { v: SCHEMA_VERSION, records, gone })
        .unwrap_or_else(|_| unreachable!("records serialise to JSON"));
    codec::compressed(&json)
}

/// A group's records as JSON text, with their tombstones, read without
/// knowing their type: how the save path edits a group (one copy of the code
/// for every kind). `rejected` says why any record or tombstone was not
/// readable. A record of the current version is borrowed from the stored
/// text, an upgraded one is the migration's output.
pub struct RawDecoded<'a> {
    pub records: Vec<Cow<'a, str>>,
    pub gone: Vec<Tombstone>,
    pub rejected: Vec<String>,
}

pub fn decode_raw(kind: RecordKind, value: &str) -> Result<RawDecoded<'static>, GroupError> {
    let json = codec::decode(value)?;
    let (_, raw) = current_records(kind, &json)?;
    let records = raw.records.into_iter().map(|text| Cow::Owned(text.into_owned())).collect();
    Ok(RawDecoded { records, gone: raw.gone, rejected: raw.rejected })
}

/// Encodes records given as JSON text, with tombstones, as a storage value
/// (the same layout as [`encode_group`]).
pub fn encode_raw<'a>(records: impl Iterator<Item = &'a str>, gone: &[Tombstone]) -> String {
    let mut json = format!("{{\"v\":{SCHEMA_VERSION},\"records\":[");
    for (n, record) in records.enumerate() {
        if n > 0 {
            json.push(',');
        }
        json.push_str(record);
    }
    json.push(']');
    if !gone.is_empty() {
        json.push_str(",\"gone\":");
        json.push_str(&crate::serial::get().tombstones_json(gone));
    }
    json.push('}');
    codec::compressed(&json)
}

/// [`decode_group`] for a kind whose groups hold thousands of records
/// (interactions): a current, clean group parses straight into records in
/// one pass, 15 % faster than reading the envelope first (a 25,000-interaction
/// journal's load), for 2.7 KB of wasm that the other kinds do without.
pub fn decode_group_in_one_pass<T: Record>(value: &str) -> Result<Decoded<T>, GroupError> {
    let json = codec::decode(value)?;
    if let Some((records, gone)) = crate::serial::get().interactions_in_one_pass(&json, SCHEMA_VERSION) {
        let records = records.into_iter().filter_map(|r| T::from_any(r.into())).collect();
        return Ok(Decoded { records, gone, rejected: Vec::new(), upgraded: false });
    }
    records_of(T::KIND, &json).map(Decoded::of_kind)
}

/// Decodes a group, upgrading old versions; records that do not fit the
/// schema are rejected one by one so the rest still load. Nothing of it is
/// generic but the last step: the envelope is read for every kind by
/// [`current_records`], and each record by [`AnyRecord::from_json_text`]
/// (a typed envelope per kind cost 2.7 KB of wasm each).
pub fn decode_group<T: Record>(value: &str) -> Result<Decoded<T>, GroupError> {
    records_of(T::KIND, &codec::decode(value)?).map(Decoded::of_kind)
}

impl Decoded<AnyRecord> {
    /// The records, as the kind they all are.
    fn of_kind<T: Record>(self) -> Decoded<T> {
        let Decoded { records, gone, rejected, upgraded } = self;
        Decoded { records: records.into_iter().filter_map(T::from_any).collect(), gone, rejected, upgraded }
    }
}

fn records_of(kind: RecordKind, json: &str) -> Result<Decoded<AnyRecord>, GroupError> {
    let (version, raw) = current_records(kind, json)?;
    let mut decoded = Decoded {
        records: Vec::with_capacity(raw.records.len()),
        gone: raw.gone,
        rejected: raw.rejected,
        upgraded: version < SCHEMA_VERSION,
    };
    for text in &raw.records {
        match AnyRecord::from_json_text(kind, text) {
            Ok(record) => decoded.records.push(record),
            Err(why) => decoded.rejected.push(why),
        }
    }
    Ok(decoded)
}

/// Checks the group's version and returns it with each record's JSON text,
/// upgraded to the current schema, and the tombstones; what could not be
/// read is listed with why.
fn current_records(kind: RecordKind, json: &str) -> Result<(u32, RawDecoded<'_>), GroupError> {
    let serial = crate::serial::get();
    let loose = serial.envelope(json)?;
    let version = loose.version.ok_or(GroupError::NotAGroup("it has no version number"))?;
    let version = u32::try_from(version).map_err(|_| GroupError::Newer(u32::MAX))?;
    if version > SCHEMA_VERSION {
        return Err(GroupError::Newer(version));
    }
    if version == 0 {
        return Err(GroupError::NotAGroup("version 0 does not exist"));
    }
    let records = loose.records.ok_or(GroupError::NotAGroup("it has no list of records"))?;
    let mut raw = RawDecoded { records: Vec::new(), gone: Vec::new(), rejected: Vec::new() };
    for record in records {
        let current = if version == SCHEMA_VERSION {
            Ok(Cow::Borrowed(record))
        } else {
            serial
                .value_from_json(record)
                .and_then(|record| migrate(MIGRATIONS, kind, version, record))
                .map(|record| Cow::Owned(serial.value_to_json(&record)))
        };
        match current {
            Ok(text) => raw.records.push(text),
            Err(why) => raw.rejected.push(why),
        }
    }
    for tombstone in loose.gone {
        match serial.tombstone_from_json(tombstone) {
            Ok(tombstone) => raw.gone.push(tombstone),
            Err(why) => raw.rejected.push(why),
        }
    }
    Ok((version, raw))
}

/// Runs the steps that take a record from version `from` to the last one.
pub fn migrate(steps: &[Step], kind: RecordKind, from: u32, record: Value) -> Result<Value, String> {
    let start = usize::try_from(from.saturating_sub(1)).unwrap_or(usize::MAX);
    steps.iter().skip(start).try_fold(record, |record, step| step(kind, record))
}

pub fn encode_meta() -> String {
    codec::plain(&format!("{{\"schema\":{SCHEMA_VERSION}}}"))
}

fn meta(locked: bool, restoring: Option<String>) -> String {
    // Without a restore it holds numbers only: written by hand, so that an
    // empty journal's first open needs no serial code (crate::serial).
    match (&restoring, locked) {
        (None, false) => return encode_meta(),
        (None, true) => {
            let schema = LOCKED_SCHEMA.max(SCHEMA_VERSION);
            return codec::plain(&format!("{{\"schema\":{schema},\"records\":{SCHEMA_VERSION}}}"));
        }
        (Some(_), _) => {}
    }
    let meta = match locked {
        true => Meta { schema: LOCKED_SCHEMA.max(SCHEMA_VERSION), records: Some(SCHEMA_VERSION), restoring },
        false => Meta { schema: SCHEMA_VERSION, records: None, restoring },
    };
    codec::plain(&crate::serial::get().meta_to_json(&meta))
}

/// The meta value of a journal with the lock on (`locked`) or off.
pub fn encode_meta_for(locked: bool) -> String {
    meta(locked, None)
}

/// The meta value while a restore of `what` ("the backup of 1 Dec 2026") runs.
pub fn encode_meta_restoring(what: &str, locked: bool) -> String {
    meta(locked, Some(what.to_owned()))
}

/// Whether the meta value is the one of a locked journal.
pub fn meta_is_locked(value: &str) -> bool {
    codec::decode(value)
        .ok()
        .and_then(|json| crate::serial::get().meta_from_json(&json).ok())
        .is_some_and(|m| m.records.is_some())
}

/// The restore the meta value says was under way, if one was.
pub fn restoring(value: &str) -> Option<String> {
    let json = codec::decode(value).ok()?;
    crate::serial::get().meta_from_json(&json).ok()?.restoring
}

/// The schema version recorded in the meta value.
pub fn decode_meta(value: &str) -> Result<u32, GroupError> {
    let json = codec::decode(value)?;
    let meta = crate::serial::get().meta_from_json(&json).map_err(GroupError::NotJson)?;
    let version = meta.records.unwrap_or(meta.schema);
    if version > SCHEMA_VERSION {
        return Err(GroupError::Newer(version));
    }
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Interaction, Person};
    use serde_json::json;

    fn value(json: Value) -> String {
        codec::compressed(&json.to_string())
    }

    #[test]
    fn groups_round_trip_with_their_tombstones() {
        let people = vec![Person::named(crate::model::Id::from_raw(1), "Ana")];
        let gone = [
            Tombstone::deleted(crate::model::Id::from_raw(2), crate::model::Rev::legacy(9)),
            Tombstone { id: crate::model::Id::from_raw(3), rev: crate::model::Rev::legacy(10), archived: true },
        ];
        let decoded: Decoded<Person> = decode_group(&encode_group(&people, &gone)).unwrap();
        assert_eq!(decoded, Decoded { records: people, gone: gone.to_vec(), rejected: vec![], upgraded: false });
    }

    #[test]
    fn version_3_records_trade_their_update_time_for_a_revision() {
        let stored = value(json!({"v": 3, "records": [
            {"id": "a", "name": "Ana", "updated": 1_763_900_000_123_i64},
            {"id": "b", "name": "Bo"},
            {"id": "c", "name": "Cy", "updated": "yesterday"}
        ]}));
        let decoded: Decoded<Person> = decode_group(&stored).unwrap();
        let revs: Vec<_> = decoded.records.iter().map(|p| (p.name.as_str(), p.rev)).collect();
        use crate::model::Rev;
        assert_eq!(revs, [("Ana", Rev::legacy(1_763_900_000_123)), ("Bo", Rev::legacy(0))]);
        assert!(revs[1].1.is_saved());
        assert_eq!(decoded.rejected.len(), 1, "a record that cannot be upgraded is rejected alone");
        assert!(decoded.upgraded);
    }

    #[test]
    fn a_damaged_tombstone_is_rejected_alone() {
        let stored = value(json!({"v": 4, "records": [{"id": "a", "name": "Ana", "rev": "5.0.0"}],
            "gone": [{"id": "b", "rev": "6.0.1"}, {"id": "c", "rev": 6}]}));
        let decoded: Decoded<Person> = decode_group(&stored).unwrap();
        assert_eq!((decoded.records.len(), decoded.gone.len(), decoded.rejected.len()), (1, 1, 1));
    }

    #[test]
    fn a_record_of_the_wrong_shape_is_rejected_alone() {
        let stored = value(json!({"v": 1, "records": [
            {"id": "a", "name": "Ana"},
            {"id": "b", "name": 42},
            {"id": "not an id!", "name": "Bo"},
            {"id": "c", "name": "Cy"}
        ]}));
        let decoded: Decoded<Person> = decode_group(&stored).unwrap();
        let names: Vec<&str> = decoded.records.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ana", "Cy"]);
        assert_eq!(decoded.rejected.len(), 2);
        assert!(decoded.rejected[0].contains("invalid type"), "{}", decoded.rejected[0]);
    }

    #[test]
    fn whole_group_failures_say_what_is_wrong() {
        let decode = |v: &str| decode_group::<Interaction>(v).unwrap_err();
        assert!(matches!(decode("J{\"v\":1,\"records\":[{"), GroupError::NotJson(_)));
        assert!(matches!(decode("J[1,2]"), GroupError::NotAGroup(_)));
        assert!(matches!(decode("J{\"v\":1}"), GroupError::NotAGroup(_)));
        assert!(matches!(decode("J{\"v\":0,\"records\":[]}"), GroupError::NotAGroup(_)));
        assert!(matches!(decode("J{\"v\":\"1\",\"records\":[]}"), GroupError::NotAGroup(_)));
        assert!(matches!(decode("J{\"records\":[]}"), GroupError::NotAGroup(_)));
        assert!(matches!(decode("J{\"v\":1,\"records\":{}}"), GroupError::NotAGroup(_)));
        assert!(matches!(decode("J{\"records\":[]}"), GroupError::NotAGroup(_)));
        assert!(matches!(decode("J{\"v\":1,\"records\":{}}"), GroupError::NotAGroup(_)));
        assert_eq!(decode("J{\"v\":7,\"records\":[]}"), GroupError::Newer(7));
        assert!(matches!(decode("garbage"), GroupError::Codec(CodecError::UnknownFormat)));
        assert!(decode("J{\"v\":7,\"records\":[]}").to_string().contains("newer version"));
    }

    #[test]
    fn the_one_pass_decoder_reads_every_group_as_the_shared_one_does() {
        use crate::model::testing::{at, interaction};
        let a = interaction(1, at(3), &[]);
        let b = interaction(2, at(4), &[]);
        let gone = [Tombstone::deleted(crate::model::Id::from_raw(9), crate::model::Rev::legacy(4))];
        let [a_json, b_json] = [&a, &b].map(|i| serde_json::to_value(i).unwrap());
        let groups = [
            encode_group(&[a.clone(), b.clone()], &gone),
            encode_group::<Interaction>(&[], &[]),
            value(json!({"v": SCHEMA_VERSION, "records": [a_json.clone(), {"id": "b", "at": 42}, b_json.clone()]})),
            value(json!({"v": SCHEMA_VERSION, "records": [a_json], "gone": [{"id": "x"}], "extra": true})),
            value(json!({"v": 3, "records": [{"id": "c", "at": "2026-11-03T09:00", "updated": 5}]})),
            "J{\"v\":1,\"records\":[{".to_owned(),
            "J{\"v\":7,\"records\":[]}".to_owned(),
            "garbage".to_owned(),
        ];
        for group in &groups {
            let shared = decode_group::<Interaction>(group);
            assert_eq!(decode_group_in_one_pass::<Interaction>(group), shared, "{group}");
        }
        let clean = decode_group_in_one_pass::<Interaction>(&groups[0]).unwrap();
        assert_eq!((clean.records, clean.gone.len()), (vec![a, b], 1));
        let damaged = decode_group_in_one_pass::<Interaction>(&groups[2]).unwrap();
        assert_eq!((damaged.records.len(), damaged.rejected.len()), (2, 1), "a bad record is rejected alone");
    }

    #[test]
    fn meta_records_the_version_and_refuses_newer_ones() {
        assert_eq!(decode_meta(&encode_meta()), Ok(SCHEMA_VERSION));
        assert_eq!(decode_meta("J{\"schema\":99}"), Err(GroupError::Newer(99)));
        assert!(decode_meta("J{\"schema\":\"x\"}").is_err());
        let during = encode_meta_restoring("the backup of 1 Dec 2026", false);
        assert_eq!(decode_meta(&during), Ok(SCHEMA_VERSION), "the same version, read by any build");
        assert_eq!(restoring(&during).as_deref(), Some("the backup of 1 Dec 2026"));
        assert_eq!(restoring(&encode_meta()), None);
        assert_eq!(encode_meta_for(false), encode_meta());
    }

    #[test]
    fn metas_written_by_hand_are_as_serde_writes_them() {
        for locked in [false, true] {
            let typed = match locked {
                true => {
                    Meta { schema: LOCKED_SCHEMA.max(SCHEMA_VERSION), records: Some(SCHEMA_VERSION), restoring: None }
                }
                false => Meta { schema: SCHEMA_VERSION, records: None, restoring: None },
            };
            assert_eq!(encode_meta_for(locked), codec::plain(&serde_json::to_string(&typed).unwrap()), "{locked}");
        }
    }

    #[test]
    fn a_locked_journal_is_beyond_what_builds_before_the_lock_read() {
        let locked = encode_meta_for(true);
        assert_eq!(decode_meta(&locked), Ok(SCHEMA_VERSION), "this build reads it");
        assert!(meta_is_locked(&locked) && !meta_is_locked(&encode_meta()));
        // What a build before the lock reads of it: `schema` alone.
        let json: Value = serde_json::from_str(&codec::decode(&locked).unwrap()).unwrap();
        assert!(json["schema"].as_u64().unwrap() > 4, "{json}");
        let during = encode_meta_restoring("a backup", true);
        assert!(meta_is_locked(&during));
        assert_eq!(restoring(&during).as_deref(), Some("a backup"));
        // A later build's records stay newer, locked or not.
        assert_eq!(decode_meta("J{\"schema\":5,\"records\":9}"), Err(GroupError::Newer(9)));
        assert_eq!(decode_meta("J{\"schema\":6}"), Err(GroupError::Newer(6)));
    }

    // The migration runner, checked with steps made up for the test: it must
    // apply exactly the steps from the stored version onwards, in order.
    fn add_a(_: RecordKind, mut v: Value) -> Result<Value, String> {
        v["trail"] = json!(format!("{}a", v["trail"].as_str().unwrap_or("")));
        Ok(v)
    }
    fn add_b(_: RecordKind, mut v: Value) -> Result<Value, String> {
        v["trail"] = json!(format!("{}b", v["trail"].as_str().unwrap_or("")));
        Ok(v)
    }
    fn refuse(c: RecordKind, _: Value) -> Result<Value, String> {
        Err(format!("cannot upgrade {c:?}"))
    }

    #[test]
    fn migrations_run_from_the_stored_version_in_order() {
        let steps: &[Step] = &[add_a, add_b];
        let run = |from| migrate(steps, RecordKind::Person, from, json!({})).unwrap()["trail"].clone();
        assert_eq!(run(1), json!("ab"));
        assert_eq!(run(2), json!("b"));
        assert_eq!(run(3), Value::Null);
        let failing: &[Step] = &[add_a, refuse];
        assert_eq!(migrate(failing, RecordKind::Person, 1, json!({})), Err("cannot upgrade Person".into()));
    }
}
