//! The file itself: writing a backup as readable JSON, and reading one back
//! with a message that names the problem when it cannot be read.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDateTime;
use serde_json::error::Category;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::version::{FORMAT, FORMAT_MIGRATIONS, FORMAT_VERSION, is_raw_copy, migrate_format};
use super::{Backup, Contents, Deletion};
use crate::model::text::{plural, thousands};
use crate::model::{AnyRecord, Id, Month, RecordKind, Rev};
use crate::store::schema::{MIGRATIONS, SCHEMA_VERSION, migrate};

/// The largest file read: 40 MiB of JSON is about four times the ten years
/// of heavy use the quota holds, so a larger file cannot be a journal this
/// browser could keep, and reading it would only stall the page.
pub const MAX_BACKUP_BYTES: usize = 40 << 20;

/// Why a file cannot be opened as a backup. Nothing is written when it cannot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    /// Not text: an image, an archive, a spreadsheet.
    Binary,
    /// Text, but not JSON.
    NotJson {
        line: usize,
        column: usize,
    },
    /// JSON that ends too early.
    CutShort {
        line: usize,
    },
    /// JSON, but not a Rapport backup; says what it is instead.
    Foreign(String),
    /// Written by a newer Rapport, in a layout (`format`) or with records
    /// (`schema`) this one does not know.
    Newer {
        format: u64,
        schema: u64,
    },
    /// A Rapport backup with a part that is not as the format says.
    Damaged(String),
    /// Records that cannot be read: how many, and what is wrong with the first.
    BadRecords {
        count: usize,
        first: String,
    },
    /// The file's counts disagree with the records it holds.
    CountsDiffer {
        kind: RecordKind,
        said: usize,
        found: usize,
    },
    /// Encrypted with a passphrase: derive the key with `kdf` and read it
    /// with [`Backup::decode_locked`].
    Locked {
        kdf: crate::store::KdfParams,
    },
    /// The passphrase does not open this backup.
    WrongPassphrase,
    /// The browser could not decrypt it (the lock's code did not arrive).
    Crypto(String),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::Empty => f.write_str("The file is empty. Choose the backup file again; if it is empty on disk too, the download did not finish."),
            BackupError::TooLarge { bytes } => write!(
                f,
                "The file is {} MB, larger than any journal a browser can hold (at most {} MB of backup). It is not a Rapport backup; choose the file named rapport-backup-….json.",
                thousands(bytes.div_ceil(1 << 20)),
                MAX_BACKUP_BYTES >> 20
            ),
            BackupError::Binary => f.write_str("The file is not text (it may be an image, an archive or a spreadsheet). A Rapport backup is a .json text file named rapport-backup-….json; if you zipped it, unzip it first."),
            BackupError::NotJson { line, column } => write!(
                f,
                "The file is not a Rapport backup: it is not JSON (the first problem is on line {line}, column {column}). Choose the file named rapport-backup-….json."
            ),
            BackupError::CutShort { line } => write!(
                f,
                "The file is cut short: it ends on line {line} in the middle of the data. The download or copy did not finish; download or copy the backup again."
            ),
            BackupError::Foreign(what) => write!(f, "The file is not a Rapport backup: {what}. Choose the file named rapport-backup-….json."),
            BackupError::Newer { format, schema } => write!(
                f,
                "The backup was written by a newer version of Rapport (backup format {format}, records version {schema}; this version reads up to {FORMAT_VERSION} and {SCHEMA_VERSION}). Open it with the newest Rapport: reload the page, or update the app."
            ),
            BackupError::Damaged(what) => write!(
                f,
                "The backup is damaged: {what}. It was changed after it was written; use another copy of the backup."
            ),
            BackupError::BadRecords { count, first } => write!(
                f,
                "The backup is damaged: {} cannot be read (the first: {first}). Nothing was restored, so no part of it is lost silently; use another copy of the backup.",
                plural(*count, "record", "records")
            ),
            BackupError::CountsDiffer { kind, said, found } => write!(
                f,
                "The backup is incomplete: it says it holds {} {} but {} are there. It was cut or edited after it was written; use another copy of the backup.",
                thousands(*said),
                kind.name(),
                thousands(*found)
            ),
            BackupError::Locked { .. } => f.write_str(
                "This backup is locked: it was downloaded while the journal had a passphrase. Enter that passphrase to open it.",
            ),
            BackupError::WrongPassphrase => f.write_str(
                "That passphrase does not open this backup. It needs the passphrase the journal had when the backup was downloaded.",
            ),
            BackupError::Crypto(why) => write!(f, "This backup could not be decrypted: {why}."),
        }
    }
}

impl Backup {
    /// The file: the envelope indented, one record per line (readable and
    /// easy to compare, and a quarter smaller than indenting every field).
    pub fn encode(&self) -> String {
        let size: usize = self.contents.kinds().map(|(_, c)| c.records.len() * 400 + c.deleted.len() * 60).sum();
        let mut out = String::with_capacity(size + 1024);
        out.push_str("{\n");
        field(&mut out, "format", &quoted(FORMAT));
        field(&mut out, "version", &FORMAT_VERSION.to_string());
        field(&mut out, "schema", &SCHEMA_VERSION.to_string());
        field(&mut out, "app", &quoted(&self.app));
        if let Some(at) = self.exported {
            field(&mut out, "exported", &quoted(&iso_utc(at)));
        }
        let counts: Vec<String> =
            self.contents.kinds().map(|(kind, c)| format!("{}: {}", quoted(kind.name()), c.records.len())).collect();
        field(&mut out, "counts", &format!("{{{}}}", counts.join(", ")));
        out.push_str("  \"records\": {");
        for (n, (kind, contents)) in self.contents.kinds().enumerate() {
            list(&mut out, n, kind, contents.records.iter().map(AnyRecord::to_json_text));
        }
        out.push_str("\n  },\n  \"deleted\": {");
        for (n, (kind, contents)) in self.contents.kinds().enumerate() {
            list(&mut out, n, kind, contents.deleted.iter().map(deletion_json));
        }
        out.push_str("\n  }\n}\n");
        out
    }

    /// Reads a file. Older layouts and record versions are migrated; a
    /// file from a newer Rapport, or anything damaged or foreign, is an
    /// error whose message names the problem.
    pub fn decode(text: &str) -> Result<Backup, BackupError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(BackupError::Empty);
        }
        if text.len() > MAX_BACKUP_BYTES {
            return Err(BackupError::TooLarge { bytes: text.len() });
        }
        if looks_binary(text) {
            return Err(BackupError::Binary);
        }
        let top: BTreeMap<String, &RawValue> = serde_json::from_str(text).map_err(|e| not_an_object(text, e))?;
        let version = match top.get("format").map(|v| v.get()) {
            Some(format) if format == quoted(FORMAT) => whole_number(&top, "version")?,
            Some(other) => return Err(BackupError::Foreign(format!("its format is {other}, not \"{FORMAT}\""))),
            None => return upgrade_raw_copy(text),
        };
        if version == 0 {
            return Err(BackupError::Damaged("its format version is 0, which never had a format field".into()));
        }
        if version == u64::from(super::sealed::SEALED_FORMAT_VERSION) && top.contains_key("encryption") {
            return Err(super::sealed::locked(&top));
        }
        if version > u64::from(FORMAT_VERSION) {
            let schema = whole_number(&top, "schema").unwrap_or(0);
            return Err(BackupError::Newer { format: version, schema });
        }
        if version < u64::from(FORMAT_VERSION) {
            let file: Value = serde_json::from_str(text).map_err(|e| not_an_object(text, e))?;
            let upgraded = migrate_format(FORMAT_MIGRATIONS, version as u32, file).map_err(BackupError::Damaged)?;
            return Backup::decode(&upgraded.to_string());
        }
        current(&top)
    }
}

fn field(out: &mut String, name: &str, value: &str) {
    out.push_str("  \"");
    out.push_str(name);
    out.push_str("\": ");
    out.push_str(value);
    out.push_str(",\n");
}

/// `"kind": [` then one item per line, `]`.
fn list(out: &mut String, n: usize, kind: RecordKind, items: impl Iterator<Item = String>) {
    out.push_str(if n == 0 { "\n    " } else { ",\n    " });
    out.push_str(&quoted(kind.name()));
    out.push_str(": [");
    let mut any = false;
    for (i, item) in items.enumerate() {
        out.push_str(if i == 0 { "\n      " } else { ",\n      " });
        out.push_str(&item);
        any = true;
    }
    out.push_str(if any { "\n    ]" } else { "]" });
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

fn deletion_json(deletion: &Deletion) -> String {
    let mut json = format!("{{\"id\":\"{}\",\"rev\":\"{}\"", deletion.id, deletion.rev);
    if let Some(month) = deletion.month {
        json.push_str(&format!(",\"month\":\"{month}\""));
    }
    if deletion.archived {
        json.push_str(",\"archived\":true");
    }
    json.push('}');
    json
}

/// `2026-12-01T09:30:00Z`
fn iso_utc(at: NaiveDateTime) -> String {
    use chrono::Timelike;
    format!("{}T{:02}:{:02}:{:02}Z", crate::model::time::iso_date(at.date()), at.hour(), at.minute(), at.second())
}

/// Reads `2026-12-01T09:30:00Z` (fractions of a second and the zone are
/// ignored: the time is for people to read).
fn parse_iso_utc(text: &str) -> Option<NaiveDateTime> {
    let date = crate::model::time::parse_iso_date(text.get(..10)?)?;
    let time = text.get(11..19)?;
    let mut parts = time.split(':').map(|p| p.parse::<u32>().ok());
    let (Some(Some(h)), Some(Some(m)), Some(Some(s))) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    date.and_hms_opt(h, m, s)
}

/// What a binary file read as text looks like: control characters (which
/// JSON never holds unescaped) near the start, or characters that did not
/// decode as UTF-8 in a file that does not even start like JSON.
fn looks_binary(text: &str) -> bool {
    let json_like = text.trim_start().starts_with(['{', '[']);
    text.chars().take(1024).any(|c| (c.is_control() && !c.is_whitespace()) || (c == '\u{fffd}' && !json_like))
}

fn not_an_object(text: &str, e: serde_json::Error) -> BackupError {
    match e.classify() {
        Category::Eof => BackupError::CutShort { line: e.line() },
        Category::Data => {
            let what = match text.trim_start().chars().next() {
                Some('[') => "it is a JSON list, and a backup is a JSON object",
                _ => "it is a single JSON value, and a backup is a JSON object",
            };
            BackupError::Foreign(what.into())
        }
        _ => BackupError::NotJson { line: e.line(), column: e.column() },
    }
}

pub(super) fn whole_number(top: &BTreeMap<String, &RawValue>, name: &str) -> Result<u64, BackupError> {
    let value = top.get(name).ok_or_else(|| BackupError::Damaged(format!("it has no \"{name}\"")))?;
    serde_json::from_str::<u64>(value.get())
        .map_err(|_| BackupError::Damaged(format!("its \"{name}\" is {}, not a whole number", value.get())))
}

/// The raw copy of storage that Data downloaded before backups existed is
/// the one JSON file without a format field that can be restored.
fn upgrade_raw_copy(text: &str) -> Result<Backup, BackupError> {
    let file: Map<String, Value> = serde_json::from_str(text).map_err(|e| not_an_object(text, e))?;
    if !is_raw_copy(&file) {
        let mut names: Vec<&str> = file.keys().map(String::as_str).take(3).collect();
        if names.is_empty() {
            return Err(BackupError::Foreign("it is an empty JSON object".into()));
        }
        names.iter_mut().for_each(|n| *n = n.trim());
        return Err(BackupError::Foreign(format!(
            "it is JSON from another program (its first fields are “{}”, and it has no \"format\": \"{FORMAT}\")",
            names.join("”, “")
        )));
    }
    let upgraded = migrate_format(FORMAT_MIGRATIONS, 0, Value::Object(file)).map_err(BackupError::Damaged)?;
    Backup::decode(&upgraded.to_string())
}

/// Reads a file of the current layout.
fn current(top: &BTreeMap<String, &RawValue>) -> Result<Backup, BackupError> {
    let schema = whole_number(top, "schema")?;
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(BackupError::Newer { format: u64::from(FORMAT_VERSION), schema });
    }
    if schema == 0 {
        return Err(BackupError::Damaged("its records version is 0, which does not exist".into()));
    }
    let schema = schema as u32;
    let app = match top.get("app") {
        Some(app) => serde_json::from_str::<String>(app.get()).unwrap_or_default(),
        None => String::new(),
    };
    let exported = match top.get("exported") {
        None => None,
        Some(at) => Some(
            serde_json::from_str::<String>(at.get())
                .ok()
                .and_then(|at| parse_iso_utc(&at))
                .ok_or_else(|| BackupError::Damaged(format!("its export time {} is not a date and time", at.get())))?,
        ),
    };
    let records = lists(top, "records")?;
    let deleted = lists(top, "deleted")?;
    let mut contents = Contents::default();
    let mut bad = Vec::new();
    for (name, items) in &records {
        let kind = kind_named(name)?;
        let target = &mut contents.kind_mut(kind).records;
        for (n, item) in items.iter().enumerate() {
            match read_record(kind, schema, item) {
                Ok(record) => target.push(record),
                Err(why) => bad.push(format!("{} {} of “{}”: {why}", kind.noun(), n + 1, kind.name())),
            }
        }
    }
    for (name, items) in &deleted {
        let kind = kind_named(name)?;
        let target = &mut contents.kind_mut(kind).deleted;
        for (n, item) in items.iter().enumerate() {
            match read_deletion(kind, item) {
                Ok(deletion) => target.push(deletion),
                Err(why) => bad.push(format!("deletion {} of “{}”: {why}", n + 1, kind.name())),
            }
        }
    }
    if let Some(first) = bad.first() {
        return Err(BackupError::BadRecords { count: bad.len(), first: first.clone() });
    }
    if let Some(counts) = top.get("counts") {
        let counts: BTreeMap<String, usize> = serde_json::from_str(counts.get())
            .map_err(|_| BackupError::Damaged("its counts are not a number per kind".into()))?;
        for (name, &said) in &counts {
            let kind = kind_named(name)?;
            let found = contents.kind(kind).records.len();
            if said != found {
                return Err(BackupError::CountsDiffer { kind, said, found });
            }
        }
    }
    let mut backup = Backup { app, exported, contents, left_out: Vec::new() };
    backup.contents.settle();
    Ok(backup)
}

fn lists<'a>(
    top: &BTreeMap<String, &'a RawValue>,
    name: &str,
) -> Result<BTreeMap<String, Vec<&'a RawValue>>, BackupError> {
    match top.get(name) {
        None => Ok(BTreeMap::new()),
        Some(value) => serde_json::from_str(value.get())
            .map_err(|_| BackupError::Damaged(format!("its \"{name}\" is not a list of records per kind"))),
    }
}

fn kind_named(name: &str) -> Result<RecordKind, BackupError> {
    RecordKind::ALL.iter().copied().find(|k| k.name() == name).ok_or_else(|| {
        BackupError::Damaged(format!("it holds “{name}”, which is not a kind of record this version of Rapport knows"))
    })
}

fn read_record(kind: RecordKind, schema: u32, item: &RawValue) -> Result<AnyRecord, String> {
    if schema == SCHEMA_VERSION {
        return AnyRecord::from_json_text(kind, item.get());
    }
    let value: Value = serde_json::from_str(item.get()).map_err(|e| e.to_string())?;
    let upgraded = migrate(MIGRATIONS, kind, schema, value)?;
    AnyRecord::from_json_text(kind, &upgraded.to_string())
}

#[derive(serde::Deserialize)]
struct DeletionIn {
    id: Id,
    rev: Rev,
    #[serde(default)]
    month: Option<String>,
    #[serde(default)]
    archived: bool,
}

fn read_deletion(kind: RecordKind, item: &RawValue) -> Result<Deletion, String> {
    let raw: DeletionIn = serde_json::from_str(item.get()).map_err(|e| e.to_string())?;
    let month = match (kind, raw.month) {
        (RecordKind::Interaction, Some(month)) => {
            Some(month.parse::<Month>().map_err(|()| format!("“{month}” is not a month (YYYY-MM)"))?)
        }
        (RecordKind::Interaction, None) => return Err("an interaction's deletion needs its \"month\"".into()),
        _ => None,
    };
    Ok(Deletion { id: raw.id, rev: raw.rev, month, archived: raw.archived })
}
