//! What every stored record has in common: an id, a revision, and a place
//! in the journal. The store, [`super::Op`], undo and conflict handling work
//! on [`Record`] and [`AnyRecord`], so a new kind of record is added in two
//! places: its `impl Record`, and one line of `records!` below.
//!
//! ## Revisions
//!
//! A [`Rev`] is a hybrid logical clock kept per record: the wall-clock time
//! of the write in milliseconds, a counter for writes within the same
//! millisecond (or after the clock went backwards), and the tab that wrote
//! it. A new revision is always greater than the one it was based on, even
//! if the computer's clock is wrong, so the order of one record's versions is
//! the order in which they were written; and between two devices that edited
//! the same record apart, the later edit wins, which is what a person
//! expects when their files are merged. A plain counter would keep the
//! first property but make five quick edits on one device beat a later,
//! considered edit on another.

use std::fmt;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::assessment::Assessment;
use super::career::CareerEntry;
use super::chain::Chain;
use super::journal::Month;
use super::review::{Review, Settings};
use super::task::Task;
use super::{Id, Interaction, Journal, Person};

/// One version of one record. Ordered: a later write is greater.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct Rev {
    /// Milliseconds since the Unix epoch, never less than the base's.
    pub time: i64,
    /// Breaks ties within one millisecond.
    pub count: u32,
    /// The tab that wrote it (random per tab); 0 for records written before
    /// revisions existed.
    pub writer: u32,
}

impl Rev {
    /// The revision of a record written before revisions existed. Never
    /// the default revision, which marks a record that was never saved.
    pub const fn legacy(updated_ms: i64) -> Rev {
        Rev { time: if updated_ms > 0 { updated_ms } else { 1 }, count: 0, writer: 0 }
    }

    /// Whether a record with this revision was ever saved.
    pub fn is_saved(self) -> bool {
        self != Rev::default()
    }

    /// The revision of a write made at `now` by `writer`, based on `self`:
    /// always greater than `self`.
    pub fn next(self, now_ms: i64, writer: u32) -> Rev {
        if now_ms > self.time {
            Rev { time: now_ms, count: 0, writer }
        } else {
            Rev { time: self.time, count: self.count.saturating_add(1), writer }
        }
    }
}

/// `time.count.writer`, with the writer in base 36: short in storage, and
/// readable in a backup.
impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.time, self.count, Id::from_raw(u64::from(self.writer)))
    }
}

impl FromStr for Rev {
    type Err = String;

    fn from_str(s: &str) -> Result<Rev, String> {
        let bad = || format!("“{s}” is not a revision");
        let mut parts = s.split('.');
        let (Some(time), Some(count), Some(writer), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let writer: Id = writer.parse().map_err(|_| bad())?;
        Ok(Rev {
            time: time.parse().map_err(|_| bad())?,
            count: count.parse().map_err(|_| bad())?,
            writer: u32::try_from(writer.raw()).map_err(|_| bad())?,
        })
    }
}

impl Serialize for Rev {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// What is left of a deleted record: enough that no older copy of it, from
/// a stale tab, a queued retry or an old backup, can bring it back.
///
/// An **archived** record (Data → Archive old years: written to a file,
/// then removed here to make room) leaves a tombstone too, marked
/// `archived`, with a revision later than the archived version's. To a save
/// it is a tombstone like any other: compare-and-set refuses every change
/// based on the version before, so no stale tab or retry brings it back or
/// writes over it. Only merging a backup treats it differently: a record
/// from a file, whatever its revision, beats an archived tombstone (the
/// archive file brings its records back), while a real deletion from either
/// side beats it too and stays a deletion. The marker is serialized only
/// when true, so a plain tombstone is stored exactly as before.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Tombstone {
    pub id: Id,
    pub rev: Rev,
    #[serde(default, skip_serializing_if = "is_false")]
    pub archived: bool,
}

impl Tombstone {
    /// The tombstone of a deletion.
    pub const fn deleted(id: Id, rev: Rev) -> Tombstone {
        Tombstone { id, rev, archived: false }
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A kind of stored record.
pub trait Record: Clone + PartialEq + fmt::Debug + Serialize + DeserializeOwned + Into<AnyRecord> + 'static {
    const KIND: RecordKind;

    fn id(&self) -> Id;
    fn rev(&self) -> Rev;
    fn set_rev(&mut self, rev: Rev);
    /// The record inside `any`, if it is of this kind.
    fn from_any(any: AnyRecord) -> Option<Self>;

    /// The month it is filed under, for kinds stored one month per key.
    fn month(&self) -> Option<Month> {
        None
    }

    /// This tab's copy of the record with `id`.
    fn find(journal: &Journal, id: Id) -> Option<&Self>;
    /// Adds or replaces it in memory.
    fn put(self, journal: &mut Journal);
    fn remove(journal: &mut Journal, id: Id);
    /// Makes the journal hold exactly `records` of this kind (one stored
    /// group just read back).
    fn replace(journal: &mut Journal, records: Vec<Self>);
    /// Every record of this kind in memory.
    fn all(journal: &Journal) -> Vec<&Self>;

    /// Names it for a message: "the details of Ana", "the task “Q3 report”".
    fn describe(&self, journal: &Journal) -> String;
}

/// Lists every kind once; everything that must name each kind is generated
/// from this list.
macro_rules! records {
    ($($kind:ident($type:ty)),* $(,)?) => {
        /// Which kind a record is.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        pub enum RecordKind { $($kind),* }

        impl RecordKind {
            pub const ALL: &'static [RecordKind] = &[$(RecordKind::$kind),*];
        }

        /// A record of any kind.
        #[derive(Clone, PartialEq, Debug)]
        pub enum AnyRecord { $($kind($type)),* }

        $(impl From<$type> for AnyRecord {
            fn from(record: $type) -> AnyRecord {
                AnyRecord::$kind(record)
            }
        })*

        /// Runs `$body` with `$record` bound to the typed record inside `$any`.
        #[allow(unused_macros)]
        macro_rules! with_record {
            ($any:expr, $record:ident => $body:expr) => {
                match $any { $($crate::model::AnyRecord::$kind($record) => $body),* }
            };
        }

        /// Runs `$body` with the type parameter `$t` bound to the record type of `$kind_value`.
        #[allow(unused_macros)]
        macro_rules! with_kind {
            ($kind_value:expr, $t:ident => $body:expr) => {
                match $kind_value { $($crate::model::RecordKind::$kind => { type $t = $type; $body }),* }
            };
        }
    };
}

// Full paths: `with_kind!` names these types wherever it is used.
records! {
    Interaction(crate::model::Interaction),
    Person(crate::model::Person),
    Assessment(crate::model::assessment::Assessment),
    Chain(crate::model::chain::Chain),
    Task(crate::model::task::Task),
    Career(crate::model::career::CareerEntry),
    Review(crate::model::review::Review),
    Settings(crate::model::review::Settings),
}

pub(crate) use {with_kind, with_record};

impl AnyRecord {
    pub fn kind(&self) -> RecordKind {
        fn kind_of<T: Record>(_: &T) -> RecordKind {
            T::KIND
        }
        with_record!(self, r => kind_of(r))
    }

    pub fn id(&self) -> Id {
        with_record!(self, r => r.id())
    }

    pub fn rev(&self) -> Rev {
        with_record!(self, r => r.rev())
    }

    pub fn set_rev(&mut self, rev: Rev) {
        with_record!(self, r => r.set_rev(rev))
    }

    pub fn month(&self) -> Option<Month> {
        with_record!(self, r => r.month())
    }

    pub fn put(self, journal: &mut Journal) {
        with_record!(self, r => r.put(journal))
    }

    pub fn describe(&self, journal: &Journal) -> String {
        with_record!(self, r => r.describe(journal))
    }

    /// Its fields as JSON, for comparing and merging field by field.
    ///
    /// Through text rather than `serde_json::to_value`: the text path is the
    /// one storage already uses, so no second (de)serializer per kind ends
    /// up in the wasm.
    pub fn to_json(&self) -> serde_json::Value {
        crate::serial::get().value_from_json(&self.to_json_text()).unwrap_or_default()
    }

    /// Its JSON text, as stored.
    pub fn to_json_text(&self) -> String {
        crate::serial::get().record_to_json(self)
    }

    /// A record of `kind` from JSON, as [`AnyRecord::to_json`] gives it.
    pub fn from_json(kind: RecordKind, json: serde_json::Value) -> Result<AnyRecord, String> {
        let serial = crate::serial::get();
        serial.record_from_json(kind, &serial.value_to_json(&json))
    }

    /// A record of `kind` from its JSON text.
    pub fn from_json_text(kind: RecordKind, text: &str) -> Result<AnyRecord, String> {
        crate::serial::get().record_from_json(kind, text)
    }
}

impl RecordKind {
    /// This tab's copy of the record of this kind with `id`.
    pub fn find(self, journal: &Journal, id: Id) -> Option<AnyRecord> {
        with_kind!(self, T => T::find(journal, id).cloned().map(AnyRecord::from))
    }

    pub fn remove(self, journal: &mut Journal, id: Id) {
        with_kind!(self, T => T::remove(journal, id))
    }

    /// Makes the journal hold exactly `records` of this kind.
    pub fn replace(self, journal: &mut Journal, records: Vec<AnyRecord>) {
        with_kind!(self, T => T::replace(journal, records.into_iter().filter_map(T::from_any).collect()))
    }

    /// Every record of this kind in memory.
    pub fn all(self, journal: &Journal) -> Vec<AnyRecord> {
        with_kind!(self, T => T::all(journal).into_iter().cloned().map(AnyRecord::from).collect())
    }

    /// The kind's name in storage keys and files: plural, lower case, stable.
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Interaction => "interactions",
            RecordKind::Person => "people",
            RecordKind::Assessment => "assessments",
            RecordKind::Chain => "chains",
            RecordKind::Task => "tasks",
            RecordKind::Career => "career",
            RecordKind::Review => "reviews",
            RecordKind::Settings => "settings",
        }
    }

    /// How a message names the kind as a whole.
    pub fn describe(self) -> &'static str {
        match self {
            RecordKind::Interaction => "your interactions",
            RecordKind::Person => "the list of people",
            RecordKind::Assessment => "your self-assessments",
            RecordKind::Chain => "your service chains",
            RecordKind::Task => "your tasks",
            RecordKind::Career => "the entries of your career file",
            RecordKind::Review => "your reviews",
            RecordKind::Settings => "your settings",
        }
    }

    /// One record of the kind, for "the … was changed in another tab".
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Interaction => "interaction",
            RecordKind::Person => "person",
            RecordKind::Assessment => "self-assessment",
            RecordKind::Chain => "chain",
            RecordKind::Task => "task",
            RecordKind::Career => "career file entry",
            RecordKind::Review => "review",
            RecordKind::Settings => "settings",
        }
    }

    /// Whether a conflict on this kind offers a field-by-field merge.
    pub fn merges_by_field(self) -> bool {
        matches!(self, RecordKind::Person | RecordKind::Task | RecordKind::Chain)
    }
}

/// Implements the journal side of [`Record`] for a kind kept in a `Vec` of
/// the journal with `upsert`/`remove`/`replace` methods.
macro_rules! record_impl {
    ($type:ty, $kind:ident, find: $find:ident, put: $put:ident, remove: $remove:ident, replace: $replace:ident, all: $all:ident) => {
        fn id(&self) -> Id {
            self.id
        }
        fn rev(&self) -> Rev {
            self.rev
        }
        fn set_rev(&mut self, rev: Rev) {
            self.rev = rev;
        }
        fn from_any(any: AnyRecord) -> Option<Self> {
            match any {
                AnyRecord::$kind(record) => Some(record),
                #[allow(unreachable_patterns)]
                _ => None,
            }
        }
        fn find(journal: &Journal, id: Id) -> Option<&Self> {
            journal.$find(id)
        }
        fn put(self, journal: &mut Journal) {
            journal.$put(self);
        }
        fn remove(journal: &mut Journal, id: Id) {
            journal.$remove(id);
        }
        fn replace(journal: &mut Journal, records: Vec<Self>) {
            journal.$replace(records);
        }
        fn all(journal: &Journal) -> Vec<&Self> {
            journal.$all().into_iter().collect()
        }
    };
}

impl Record for Interaction {
    const KIND: RecordKind = RecordKind::Interaction;
    record_impl!(Interaction, Interaction, find: interaction, put: upsert_interaction, remove: remove_interaction,
        replace: replace_interactions, all: interactions);

    fn month(&self) -> Option<Month> {
        Some(Month::of(self.date()))
    }

    fn describe(&self, journal: &Journal) -> String {
        super::describe_interaction(self, journal)
    }
}

impl Record for Person {
    const KIND: RecordKind = RecordKind::Person;
    record_impl!(Person, Person, find: person, put: upsert_person, remove: remove_person,
        replace: replace_people, all: people);

    fn describe(&self, _: &Journal) -> String {
        format!("the details of {}", self.name)
    }
}

impl Record for Assessment {
    const KIND: RecordKind = RecordKind::Assessment;
    record_impl!(Assessment, Assessment, find: assessment, put: upsert_assessment, remove: remove_assessment,
        replace: replace_assessments, all: assessments);

    fn describe(&self, _: &Journal) -> String {
        format!("the self-assessment of {}", super::time::short_date(self.at.date()))
    }
}

impl Record for Chain {
    const KIND: RecordKind = RecordKind::Chain;
    record_impl!(Chain, Chain, find: chain, put: upsert_chain, remove: remove_chain,
        replace: replace_chains, all: chains);

    fn describe(&self, _: &Journal) -> String {
        format!("the chain “{}”", self.name)
    }
}

impl Record for Task {
    const KIND: RecordKind = RecordKind::Task;
    record_impl!(Task, Task, find: task, put: upsert_task, remove: remove_task,
        replace: replace_tasks, all: tasks);

    fn describe(&self, _: &Journal) -> String {
        format!("the task “{}”", self.title)
    }
}

impl Record for CareerEntry {
    const KIND: RecordKind = RecordKind::Career;
    record_impl!(CareerEntry, Career, find: career_entry, put: upsert_career_entry, remove: remove_career_entry,
        replace: replace_career_entries, all: career_entries);

    fn describe(&self, _: &Journal) -> String {
        format!("the career file entry of {}", super::time::short_date(self.date))
    }
}

impl Record for Review {
    const KIND: RecordKind = RecordKind::Review;
    record_impl!(Review, Review, find: review, put: upsert_review, remove: remove_review,
        replace: replace_reviews, all: reviews);

    fn describe(&self, _: &Journal) -> String {
        format!("the review started on {}", super::time::short_date(self.started))
    }
}

impl Record for Settings {
    const KIND: RecordKind = RecordKind::Settings;
    record_impl!(Settings, Settings, find: settings_record, put: set_settings, remove: reset_settings,
        replace: replace_settings, all: settings_records);

    fn describe(&self, _: &Journal) -> String {
        "the review settings".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_next_revision_is_always_greater_even_when_the_clock_goes_back() {
        let base = Rev { time: 1_000, count: 0, writer: 7 };
        assert_eq!(base.next(2_000, 9), Rev { time: 2_000, count: 0, writer: 9 });
        assert_eq!(base.next(1_000, 1), Rev { time: 1_000, count: 1, writer: 1 });
        let behind = base.next(500, 1);
        assert_eq!(behind, Rev { time: 1_000, count: 1, writer: 1 });
        assert!(behind > base && behind.next(500, 1) > behind);
    }

    #[test]
    fn later_writes_win_and_writers_break_ties() {
        let a = Rev { time: 5, count: 0, writer: 1 };
        assert!(Rev { time: 6, count: 0, writer: 0 } > a);
        assert!(Rev { time: 5, count: 1, writer: 0 } > a);
        assert!(Rev { time: 5, count: 0, writer: 2 } > a);
    }

    #[test]
    fn revisions_round_trip_through_text_and_refuse_anything_else() {
        assert!(Rev::legacy(0).is_saved() && !Rev::default().is_saved());
        for rev in [Rev::legacy(0), Rev { time: 1_763_900_000_123, count: 3, writer: u32::MAX }] {
            let text = serde_json::to_string(&rev).unwrap();
            assert_eq!(serde_json::from_str::<Rev>(&text).unwrap(), rev);
        }
        assert_eq!(Rev { time: 12, count: 0, writer: 36 }.to_string(), "12.0.10");
        for bad in ["", "1.2", "1.2.3.4", "x.0.0", "1.-1.0", "1.0.!", "1.0.zzzzzzz"] {
            assert!(bad.parse::<Rev>().is_err(), "{bad}");
        }
    }

    #[test]
    fn any_record_knows_its_kind_id_and_revision() {
        let mut person = AnyRecord::from(Person::named(Id::from_raw(3), "Ana"));
        assert_eq!((person.kind(), person.id()), (RecordKind::Person, Id::from_raw(3)));
        person.set_rev(Rev::legacy(9));
        assert_eq!(person.rev(), Rev::legacy(9));
        let json = person.to_json();
        assert_eq!(AnyRecord::from_json(RecordKind::Person, json), Ok(person));
        assert!(AnyRecord::from_json(RecordKind::Task, serde_json::json!({"id": 1})).is_err());
    }
}
