//! The versions of the backup format, and the migrations from older ones.
//!
//! A file carries two versions: `version`, the layout of the file itself
//! (this module), and `schema`, the shape of its records, migrated record by
//! record with the store's own steps ([`crate::store::schema::MIGRATIONS`]),
//! exactly as stored data is.

use serde_json::{Map, Value};

use crate::store::schema::{SCHEMA_VERSION, decode_raw};
use crate::store::{KeyKind, classify};

/// The `format` field: what says a JSON file is a Rapport backup.
pub const FORMAT: &str = "rapport-backup";
/// The layout this build writes.
///
/// - 0: no format field: the raw copy of storage that Rapport's Data page
///   downloaded before backups existed (`rapport-stored-data.json`, each
///   stored key with its value exactly as stored).
/// - 1: this layout, documented in the README.
pub const FORMAT_VERSION: u32 = 1;

/// Upgrades a whole file by one layout version.
pub type FormatStep = fn(Value) -> Result<Value, String>;

/// `FORMAT_MIGRATIONS[n]` upgrades a file from version `n` to `n + 1`. A
/// new layout appends a step, with a test that feeds it a real old file.
pub const FORMAT_MIGRATIONS: &[FormatStep] = &[raw_copy_to_v1];

const _: () = assert!(FORMAT_MIGRATIONS.len() as u32 == FORMAT_VERSION);

/// Runs the steps that take a file from layout `from` to the current one.
pub fn migrate_format(steps: &[FormatStep], from: u32, file: Value) -> Result<Value, String> {
    steps.iter().skip(from as usize).try_fold(file, |file, step| step(file))
}

/// Whether `file` looks like the raw copy of storage (version 0): an object
/// whose every key is one of Rapport's.
pub fn is_raw_copy(file: &Map<String, Value>) -> bool {
    !file.is_empty() && file.iter().all(|(key, value)| key.starts_with(crate::store::PREFIX) && value.is_string())
}

/// Version 0 to 1: each stored group is decoded as storage is (its own
/// schema version, migrated), and its records and tombstones listed by kind.
fn raw_copy_to_v1(file: Value) -> Result<Value, String> {
    let Value::Object(stored) = file else { return Err("it is not a JSON object".into()) };
    let mut records: Map<String, Value> = Map::new();
    let mut deleted: Map<String, Value> = Map::new();
    for (key, value) in &stored {
        let (kind, month) = match classify(key) {
            Some(KeyKind::Single(kind)) => (kind, None),
            Some(KeyKind::Month(month)) => (crate::model::RecordKind::Interaction, Some(month)),
            // The version record, set-aside data and unknown keys hold no records to restore.
            _ => continue,
        };
        let text = value.as_str().unwrap_or_default();
        let group = decode_raw(kind, text).map_err(|e| format!("{} could not be read: {e}", describe(key)))?;
        if let Some(why) = group.rejected.first() {
            return Err(format!("a record of {} could not be read ({why})", describe(key)));
        }
        let list = records.entry(kind.name()).or_insert_with(|| Value::Array(Vec::new()));
        for record in group.records {
            let record: Value = serde_json::from_str(&record).map_err(|e| e.to_string())?;
            if let Value::Array(list) = list {
                list.push(record);
            }
        }
        let list = deleted.entry(kind.name()).or_insert_with(|| Value::Array(Vec::new()));
        for tombstone in group.gone {
            let mut entry = Map::new();
            entry.insert("id".into(), Value::String(tombstone.id.to_string()));
            entry.insert("rev".into(), Value::String(tombstone.rev.to_string()));
            if let Some(month) = month {
                entry.insert("month".into(), Value::String(month.to_string()));
            }
            if tombstone.archived {
                entry.insert("archived".into(), Value::Bool(true));
            }
            if let Value::Array(list) = list {
                list.push(Value::Object(entry));
            }
        }
    }
    let mut file = Map::new();
    file.insert("format".into(), Value::String(FORMAT.into()));
    file.insert("version".into(), Value::from(1));
    file.insert("schema".into(), Value::from(SCHEMA_VERSION));
    file.insert("records".into(), Value::Object(records));
    file.insert("deleted".into(), Value::Object(deleted));
    Ok(Value::Object(file))
}

fn describe(key: &str) -> String {
    crate::store::describe_key(key)
}
