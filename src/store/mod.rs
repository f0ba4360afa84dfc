//! Persistence: the journal in a string key-value store (localStorage in the
//! browser, memory in tests), written so that nothing the user typed is lost.
//!
//! Layout, all keys under `rapport:`:
//! - `rapport:meta`: the schema version, plain JSON;
//! - `rapport:people`, `rapport:assessments`, `rapport:chains`,
//!   `rapport:tasks`, `rapport:career`: each kind of record, one compressed
//!   group (see [`Group`]);
//! - `rapport:i:YYYY-MM`: the interactions of one month, one compressed group;
//! - `rapport:quarantine:<key>`: a value that could not be read, set aside
//!   byte for byte until the user downloads or deletes it.
//!
//! Rules that keep data safe:
//! - A save rewrites one month (or the people list), never the whole journal,
//!   and applies its change to what is *stored* at that moment, not to this
//!   tab's copy: another tab's records in the same month survive.
//! - Writes are ordered so a tab closed between two of them leaves readable
//!   data: new people before the interaction naming them, a moved interaction
//!   written to its new month before it leaves the old one (a duplicate is
//!   resolved on load by the newer copy).
//! - A value that cannot be read is copied to a quarantine key before its key
//!   is reused; if even that copy fails, the key is left alone and saves to
//!   it are refused.
//! - A value written by a newer version puts the store in read-only mode.

mod backend;
pub mod codec;
mod groups;
mod local;
pub mod schema;

use std::collections::HashSet;
use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use backend::{Backend, BackendError, MemoryBackend, storage_units};
pub use groups::{Group, Records};
pub use local::LocalStorageBackend;
use schema::{Collection, GroupError, decode_group, decode_meta, encode_group, encode_meta};

use crate::model::assessment::Assessment;
use crate::model::career::CareerEntry;
use crate::model::chain::Chain;
use crate::model::relationship::plural;
use crate::model::review::Review;
use crate::model::task::Task;
use crate::model::{Id, Interaction, Journal, Month, Op, Person, capitalise, upsert_by_id};

pub const PREFIX: &str = "rapport:";
pub const META_KEY: &str = "rapport:meta";
pub const PEOPLE_KEY: &str = "rapport:people";
const MONTH_PREFIX: &str = "rapport:i:";
pub const QUARANTINE_PREFIX: &str = "rapport:quarantine:";

/// The key that holds the interactions of `month`.
pub fn month_key(month: Month) -> String {
    format!("{MONTH_PREFIX}{month}")
}

/// What a key of ours holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum KeyKind {
    Meta,
    Group(Group),
    Month(Month),
    Quarantine,
    /// Ours by prefix, but not known to this version.
    Unknown,
}

pub fn classify(key: &str) -> Option<KeyKind> {
    if !key.starts_with(PREFIX) {
        return None;
    }
    Some(match key {
        META_KEY => KeyKind::Meta,
        _ if let Some(group) = Group::from_key(key) => KeyKind::Group(group),
        _ if key.starts_with(QUARANTINE_PREFIX) => KeyKind::Quarantine,
        _ => match key.strip_prefix(MONTH_PREFIX).map(str::parse::<Month>) {
            Some(Ok(month)) => KeyKind::Month(month),
            _ => KeyKind::Unknown,
        },
    })
}

/// Describes a key for a person reading a message.
pub fn describe_key(key: &str) -> String {
    match classify(key) {
        Some(KeyKind::Meta) => "the journal's version record".into(),
        Some(KeyKind::Group(group)) => group.describe().into(),
        Some(KeyKind::Month(month)) => format!("the interactions of {}", month_name(month)),
        Some(KeyKind::Quarantine) => "data set aside earlier".into(),
        _ => format!("the stored item “{key}”"),
    }
}

fn month_name(month: Month) -> String {
    format!("{} {}", crate::model::time::month_name(month.month), month.year)
}

/// Something found while reading storage that the user must hear about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Unreadable data moved to `quarantine_key`; `kept` readable records of
    /// it were saved back in place.
    SetAside { key: String, quarantine_key: String, reason: String, kept: usize, lost: usize },
    /// Unreadable data left in place (there was no room to copy it); saves
    /// to that key are refused until it is dealt with.
    LeftInPlace { key: String, reason: String },
    /// Data from a newer version of Rapport: nothing will be written.
    Newer { key: String, reason: String },
    /// Another tab wrote something this tab cannot read; this tab's copy
    /// of that part may be out of date.
    UnreadableChange { key: String, reason: String },
}

impl Problem {
    pub fn key(&self) -> &str {
        match self {
            Problem::SetAside { key, .. }
            | Problem::LeftInPlace { key, .. }
            | Problem::Newer { key, .. }
            | Problem::UnreadableChange { key, .. } => key,
        }
    }

    /// The key whose raw value the user should be offered as a download:
    /// the set-aside copy, or the unreadable value itself. `None` means the
    /// whole journal (a newer version's data).
    pub fn download_key(&self) -> Option<&str> {
        match self {
            Problem::SetAside { quarantine_key, .. } => Some(quarantine_key),
            Problem::LeftInPlace { key, .. } | Problem::UnreadableChange { key, .. } => Some(key),
            Problem::Newer { .. } => None,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Problem::SetAside { key, reason, kept, lost, .. } => {
                let what = describe_key(key);
                match (kept, lost) {
                    (0, _) => format!(
                        "Rapport could not read {what}: {reason}. It has been set aside, unchanged, so nothing more is lost; download it below."
                    ),
                    (kept, lost) => format!(
                        "Part of {what} could not be read: {reason}. {} kept; the original, with the {} unreadable, has been set aside unchanged; download it below.",
                        plural(*kept, "record was", "records were"),
                        plural(*lost, "record", "records"),
                    ),
                }
            }
            Problem::LeftInPlace { key, reason } => format!(
                "Rapport could not read {}: {reason}. It could not be set aside, so it is left exactly as it is and nothing will be saved over it. Download it below.",
                describe_key(key)
            ),
            Problem::Newer { key, reason } => format!(
                "{} could not be read because {reason}. To protect it, this tab will not save anything. Open Rapport's newest version, or download a copy below.",
                capitalise(&describe_key(key))
            ),
            Problem::UnreadableChange { key, reason } => format!(
                "Another tab saved {} in a form this tab cannot read ({reason}). Reload this tab to see the latest data.",
                describe_key(key)
            ),
        }
    }
}

/// Why a change was not saved. The change stays in the tab's memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The origin's quota is full.
    Full,
    /// The store is read-only (newer data, or the user's choice).
    ReadOnly(String),
    /// The stored group is unreadable and must not be overwritten.
    Unreadable { key: String },
    /// The browser refused for another reason.
    Backend(BackendError),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Full => f.write_str(
                "the browser's storage for this site is full. Download a backup from Data, then delete old interactions or data set aside to make room",
            ),
            SaveError::ReadOnly(why) => write!(f, "this tab is read-only: {why}"),
            SaveError::Unreadable { key } => write!(
                f,
                "{} holds data Rapport cannot read, and saving would overwrite it. Download it from Data first",
                describe_key(key)
            ),
            SaveError::Backend(e) => e.fmt(f),
        }
    }
}

impl From<BackendError> for SaveError {
    fn from(e: BackendError) -> Self {
        match e {
            BackendError::QuotaExceeded => SaveError::Full,
            other => SaveError::Backend(other),
        }
    }
}

/// The result of reading everything.
#[derive(Debug)]
pub struct Opened {
    pub journal: Journal,
    pub problems: Vec<Problem>,
}

/// What a change made by another tab means for this one.
#[derive(Debug)]
pub enum Change {
    /// One group's records, all of them.
    Records(Records),
    Month(Month, Vec<Interaction>),
    /// Everything may have changed (storage cleared, schema changed).
    Everything(Opened),
    Problem(Problem),
    /// Not ours, or nothing this tab shows.
    Nothing,
}

/// Storage space, in UTF-16 units as localStorage counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    /// Rapport's keys and values.
    pub ours: usize,
    /// Everything stored by this origin (other apps on the same site count too).
    pub origin: usize,
}

/// An item set aside because it could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub key: String,
    pub value: String,
}

pub struct Store {
    backend: Box<dyn Backend>,
    read_only: Option<String>,
    /// Unreadable keys left in place: never written.
    blocked: HashSet<String>,
}

impl Store {
    pub fn new(backend: impl Backend + 'static) -> Store {
        Store { backend: Box::new(backend), read_only: None, blocked: HashSet::new() }
    }

    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Reads everything, sets aside what cannot be read, and records the
    /// schema version. Never fails: what cannot be read is reported.
    pub fn open(&mut self) -> Opened {
        let mut problems = Vec::new();
        let keys = match self.backend.keys() {
            Ok(keys) => keys,
            Err(e) => {
                self.read_only = Some(e.to_string());
                return Opened { journal: Journal::default(), problems };
            }
        };
        let mut groups = Vec::new();
        let mut interactions = Vec::new();
        // The version first: data from a newer version must not be touched.
        let meta_ok = keys.iter().any(|k| k == META_KEY) && self.open_meta(META_KEY, &mut problems);
        for key in &keys {
            match classify(key) {
                Some(KeyKind::Group(group)) => groups.push(self.open_records(group, &mut problems)),
                Some(KeyKind::Month(_)) => {
                    interactions.extend(self.open_group::<Interaction>(key, Collection::Interactions, &mut problems));
                }
                _ => {}
            }
        }
        if !meta_ok && self.read_only.is_none() {
            // A fresh journal, an older one now upgraded, or the meta value
            // was set aside: record the version, last.
            let _ = self.backend.set(META_KEY, &encode_meta());
        }
        let mut journal = Journal::from_records(Vec::new(), interactions);
        for records in groups {
            records.apply_to(&mut journal);
        }
        Opened { journal, problems }
    }

    fn open_records(&mut self, group: Group, problems: &mut Vec<Problem>) -> Records {
        let (key, collection) = (group.key(), group.collection());
        match group {
            Group::People => Records::People(self.open_group(key, collection, problems)),
            Group::Assessments => Records::Assessments(self.open_group(key, collection, problems)),
            Group::Chains => Records::Chains(self.open_group(key, collection, problems)),
            Group::Tasks => Records::Tasks(self.open_group(key, collection, problems)),
            Group::Career => Records::Career(self.open_group(key, collection, problems)),
            Group::Reviews => Records::Reviews(self.open_group(key, collection, problems)),
            Group::Settings => Records::Settings(self.open_group(key, collection, problems)),
        }
    }

    fn open_meta(&mut self, key: &str, problems: &mut Vec<Problem>) -> bool {
        let Ok(Some(value)) = self.backend.get(key) else { return false };
        match decode_meta(&value) {
            // An older version's record is rewritten once its groups are upgraded.
            Ok(version) => version == schema::SCHEMA_VERSION,
            Err(GroupError::Newer(v)) => {
                problems.push(self.newer_version(key, v));
                true
            }
            Err(e) => {
                problems.push(self.set_aside(key, &value, e.to_string(), None));
                false
            }
        }
    }

    fn open_group<T: Serialize + DeserializeOwned>(
        &mut self,
        key: &str,
        collection: Collection,
        problems: &mut Vec<Problem>,
    ) -> Vec<T> {
        let value = match self.backend.get(key) {
            Ok(Some(value)) => value,
            _ => return Vec::new(),
        };
        match decode_group::<T>(collection, &value) {
            Ok(decoded) if decoded.rejected.is_empty() => {
                if decoded.upgraded && self.read_only.is_none() {
                    // Upgrade in place, so later loads take the fast path. If it
                    // fails (a full quota), the old group still loads next time.
                    let _ = self.backend.set(key, &encode_group(&decoded.records));
                }
                decoded.records
            }
            Ok(decoded) => {
                let reason = format!(
                    "{} did not fit ({})",
                    plural(decoded.rejected.len(), "record", "records"),
                    decoded.rejected[0]
                );
                let salvaged = (!decoded.records.is_empty()).then(|| encode_group(&decoded.records));
                let mut problem = self.set_aside(key, &value, reason, salvaged.as_deref());
                if let Problem::SetAside { kept, lost, .. } = &mut problem {
                    (*kept, *lost) = (decoded.records.len(), decoded.rejected.len());
                }
                problems.push(problem);
                // The readable records are shown either way; if the original
                // stayed in place its key is blocked, so nothing overwrites it.
                decoded.records
            }
            Err(GroupError::Newer(v)) => {
                problems.push(self.newer_version(key, v));
                Vec::new()
            }
            Err(e) => {
                problems.push(self.set_aside(key, &value, e.to_string(), None));
                Vec::new()
            }
        }
    }

    /// Stops all writing, because `key` holds data of a newer schema.
    fn newer_version(&mut self, key: &str, version: u32) -> Problem {
        self.read_only = Some(format!("{} was written by a newer version of Rapport", describe_key(key)));
        Problem::Newer { key: key.to_owned(), reason: GroupError::Newer(version).to_string() }
    }

    /// Copies an unreadable value to a quarantine key, then puts `salvaged`
    /// (or nothing) in its place. If the copy cannot be made the original
    /// stays and its key is blocked.
    fn set_aside(&mut self, key: &str, value: &str, reason: String, salvaged: Option<&str>) -> Problem {
        if self.read_only.is_some() {
            self.blocked.insert(key.to_owned());
            return Problem::LeftInPlace { key: key.to_owned(), reason };
        }
        let quarantine_key = self.free_quarantine_key(key, value);
        let copied = match self.backend.get(&quarantine_key) {
            Ok(Some(existing)) if existing == value => true,
            _ => self.backend.set(&quarantine_key, value).is_ok(),
        };
        if !copied {
            self.blocked.insert(key.to_owned());
            return Problem::LeftInPlace { key: key.to_owned(), reason };
        }
        let replaced = match salvaged {
            Some(salvaged) => self.backend.set(key, salvaged),
            None => self.backend.remove(key),
        };
        if replaced.is_err() {
            // The original is still in place (and safely copied); keep it untouched.
            self.blocked.insert(key.to_owned());
        }
        Problem::SetAside { key: key.to_owned(), quarantine_key, reason, kept: 0, lost: 0 }
    }

    /// `rapport:quarantine:<key>`, or with `#2`, `#3`… if that holds other data.
    fn free_quarantine_key(&self, key: &str, value: &str) -> String {
        let base = format!("{QUARANTINE_PREFIX}{key}");
        (1..)
            .map(|n| if n == 1 { base.clone() } else { format!("{base}#{n}") })
            .find(|candidate| match self.backend.get(candidate) {
                Ok(Some(existing)) => existing == value,
                _ => true,
            })
            .unwrap_or(base)
    }

    // ---- saving ----

    /// Applies `change` to the group stored under `key`, as it is stored now.
    fn modify_group<T: Serialize + DeserializeOwned>(
        &mut self,
        key: &str,
        collection: Collection,
        change: impl FnOnce(&mut Vec<T>),
    ) -> Result<(), SaveError> {
        if let Some(why) = &self.read_only {
            return Err(SaveError::ReadOnly(why.clone()));
        }
        if self.blocked.contains(key) {
            return Err(SaveError::Unreadable { key: key.to_owned() });
        }
        let mut records = match self.backend.get(key)? {
            None => Vec::new(),
            Some(value) => match decode_group::<T>(collection, &value) {
                Ok(decoded) if decoded.rejected.is_empty() => decoded.records,
                Err(GroupError::Newer(v)) => {
                    self.newer_version(key, v);
                    return Err(SaveError::ReadOnly(self.read_only.clone().unwrap_or_default()));
                }
                _ => return Err(SaveError::Unreadable { key: key.to_owned() }),
            },
        };
        change(&mut records);
        if records.is_empty() {
            self.backend.remove(key)?;
        } else {
            self.backend.set(key, &encode_group(&records))?;
        }
        Ok(())
    }

    /// Saves one change.
    pub fn apply(&mut self, op: &Op) -> Result<(), SaveError> {
        match op {
            Op::PutInteraction { record, new_people, previous } => {
                self.put_interaction(record, new_people, previous.as_ref())
            }
            Op::DeleteInteraction(record) => self.delete_interaction(record),
            Op::PutPerson(person) => self.put(Group::People, person, |p| p.id),
            Op::DeletePerson(id) => self.delete(Group::People, *id, |p: &Person| p.id),
            Op::PutAssessment(assessment) => self.put(Group::Assessments, assessment, |a| a.id),
            Op::DeleteAssessment(id) => self.delete(Group::Assessments, *id, |a: &Assessment| a.id),
            Op::PutChain(chain) => self.put(Group::Chains, chain, |c| c.id),
            Op::DeleteChain(id) => self.delete(Group::Chains, *id, |c: &Chain| c.id),
            Op::PutTask(task) => self.put(Group::Tasks, task, |t| t.id),
            Op::DeleteTask(id) => self.delete(Group::Tasks, *id, |t: &Task| t.id),
            Op::PutCareerEntry(entry) => self.put(Group::Career, entry, |e| e.id),
            Op::DeleteCareerEntry(id) => self.delete(Group::Career, *id, |e: &CareerEntry| e.id),
            Op::PutReview(review) => self.put(Group::Reviews, review, |r| r.id),
            Op::DeleteReview(id) => self.delete(Group::Reviews, *id, |r: &Review| r.id),
            Op::PutSettings(settings) => self.put(Group::Settings, settings, |s| s.id),
        }
    }

    /// Adds or replaces one record of a group.
    fn put<T: Serialize + DeserializeOwned + Clone>(
        &mut self,
        group: Group,
        record: &T,
        id: impl Fn(&T) -> Id,
    ) -> Result<(), SaveError> {
        self.modify_group(group.key(), group.collection(), |records: &mut Vec<T>| {
            upsert_by_id(records, record.clone(), id)
        })
    }

    /// Removes one record of a group.
    fn delete<T: Serialize + DeserializeOwned>(
        &mut self,
        group: Group,
        id: Id,
        id_of: impl Fn(&T) -> Id,
    ) -> Result<(), SaveError> {
        self.modify_group(group.key(), group.collection(), |records: &mut Vec<T>| records.retain(|r| id_of(r) != id))
    }

    /// Saves a new or edited interaction with the people it introduces.
    /// `previous` is the stored copy being edited, if any, so a change of
    /// month also removes it from the old one.
    pub fn put_interaction(
        &mut self,
        record: &Interaction,
        new_people: &[Person],
        previous: Option<&Interaction>,
    ) -> Result<(), SaveError> {
        if !new_people.is_empty() {
            self.modify_group(PEOPLE_KEY, Group::People.collection(), |records: &mut Vec<Person>| {
                for person in new_people {
                    upsert_by_id(records, person.clone(), |p| p.id);
                }
            })?;
        }
        let month = Month::of(record.date());
        self.modify_group(&month_key(month), Collection::Interactions, |records: &mut Vec<Interaction>| {
            upsert_by_id(records, record.clone(), |r| r.id)
        })?;
        if let Some(previous) = previous.filter(|p| Month::of(p.date()) != month) {
            self.delete_interaction(previous)?;
        }
        Ok(())
    }

    pub fn delete_interaction(&mut self, record: &Interaction) -> Result<(), SaveError> {
        let key = month_key(Month::of(record.date()));
        self.modify_group(&key, Collection::Interactions, |records: &mut Vec<Interaction>| {
            records.retain(|r| r.id != record.id)
        })
    }

    /// Adds or replaces many records at once, writing each month once: for
    /// imports and restores. People are written first, as in every save.
    pub fn import(&mut self, people: &[Person], interactions: &[Interaction]) -> Result<(), SaveError> {
        if !people.is_empty() {
            self.modify_group(PEOPLE_KEY, Group::People.collection(), |records: &mut Vec<Person>| {
                for person in people {
                    upsert_by_id(records, person.clone(), |p| p.id);
                }
            })?;
        }
        let mut by_month: std::collections::HashMap<Month, Vec<&Interaction>> = Default::default();
        for record in interactions {
            by_month.entry(Month::of(record.date())).or_default().push(record);
        }
        for (month, records) in by_month {
            self.modify_group(&month_key(month), Collection::Interactions, |stored: &mut Vec<Interaction>| {
                for record in records {
                    upsert_by_id(stored, record.clone(), |r| r.id);
                }
            })?;
        }
        Ok(())
    }

    // ---- other tabs ----

    /// Reads what another tab changed; `key` is `None` when it cleared storage.
    pub fn reload(&mut self, key: Option<&str>) -> Change {
        let Some(key) = key else {
            self.blocked.clear();
            return Change::Everything(self.open());
        };
        let kind = match classify(key) {
            Some(kind @ (KeyKind::Group(_) | KeyKind::Month(_) | KeyKind::Meta)) => kind,
            _ => return Change::Nothing,
        };
        let value = match self.backend.get(key) {
            Ok(value) => value,
            Err(_) => return Change::Nothing,
        };
        let Some(value) = value else {
            return match kind {
                KeyKind::Group(group) => Change::Records(Records::none(group)),
                KeyKind::Month(month) => Change::Month(month, Vec::new()),
                _ => Change::Nothing,
            };
        };
        let unreadable = |store: &mut Store, e: GroupError| match e {
            GroupError::Newer(v) => Change::Problem(store.newer_version(key, v)),
            e => Change::Problem(Problem::UnreadableChange { key: key.to_owned(), reason: e.to_string() }),
        };
        match kind {
            KeyKind::Meta => match decode_meta(&value) {
                Ok(_) => Change::Nothing,
                Err(e) => unreadable(self, e),
            },
            KeyKind::Group(group) => match decode_records(group, &value) {
                Ok(records) => Change::Records(records),
                Err(e) => unreadable(self, e),
            },
            KeyKind::Month(month) => match decode_group::<Interaction>(Collection::Interactions, &value) {
                Ok(decoded) => Change::Month(month, decoded.records),
                Err(e) => unreadable(self, e),
            },
            _ => Change::Nothing,
        }
    }

    // ---- data management ----

    /// Space used, in UTF-16 units.
    pub fn usage(&self) -> Result<Usage, BackendError> {
        let mut usage = Usage { ours: 0, origin: 0 };
        for key in self.backend.keys()? {
            let size = storage_units(&key) + self.backend.get(&key)?.map_or(0, |v| storage_units(&v));
            usage.origin += size;
            if key.starts_with(PREFIX) {
                usage.ours += size;
            }
        }
        Ok(usage)
    }

    /// Everything set aside, and unreadable values left in place.
    pub fn set_aside_items(&self) -> Vec<SetAside> {
        let Ok(keys) = self.backend.keys() else { return Vec::new() };
        keys.into_iter()
            .filter(|k| k.starts_with(QUARANTINE_PREFIX) || self.blocked.contains(k))
            .filter_map(|key| {
                let value = self.backend.get(&key).ok().flatten()?;
                Some(SetAside { key, value })
            })
            .collect()
    }

    /// Deletes a set-aside item after the user chose to.
    pub fn discard_set_aside(&mut self, key: &str) -> Result<(), SaveError> {
        if !key.starts_with(QUARANTINE_PREFIX) && !self.blocked.contains(key) {
            return Ok(());
        }
        self.backend.remove(key)?;
        self.blocked.remove(key);
        Ok(())
    }

    /// The value under `key`, exactly as stored.
    pub fn raw(&self, key: &str) -> Option<String> {
        self.backend.get(key).ok().flatten()
    }

    /// Every raw value of ours, for a backup of exactly what is stored.
    pub fn raw_values(&self) -> Vec<(String, String)> {
        let Ok(keys) = self.backend.keys() else { return Vec::new() };
        keys.into_iter()
            .filter(|k| k.starts_with(PREFIX))
            .filter_map(|key| {
                let value = self.backend.get(&key).ok().flatten()?;
                Some((key, value))
            })
            .collect()
    }
}

/// The readable records of a group another tab just saved.
fn decode_records(group: Group, value: &str) -> Result<Records, GroupError> {
    let collection = group.collection();
    Ok(match group {
        Group::People => Records::People(decode_group(collection, value)?.records),
        Group::Assessments => Records::Assessments(decode_group(collection, value)?.records),
        Group::Chains => Records::Chains(decode_group(collection, value)?.records),
        Group::Tasks => Records::Tasks(decode_group(collection, value)?.records),
        Group::Career => Records::Career(decode_group(collection, value)?.records),
        Group::Reviews => Records::Reviews(decode_group(collection, value)?.records),
        Group::Settings => Records::Settings(decode_group(collection, value)?.records),
    })
}

#[cfg(test)]
mod tests;
