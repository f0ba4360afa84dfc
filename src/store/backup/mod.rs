//! The backup file: the whole journal as plain, documented JSON that leaves
//! the browser, comes back, and merges with another device's.
//!
//! - [`Backup`] is a file's content: every record of every kind with its
//!   revision, and the deletions (tombstones), with when and by what it was
//!   written. [`Store::backup`] reads one from storage, [`Backup::encode`]
//!   writes the file, [`Backup::decode`] reads it back (or says, in words a
//!   user can act on, why it cannot).
//! - [`Store::preview`] says what a file holds and what merging it would
//!   change here; [`Store::merge_backup`] merges it (per record, the later
//!   revision wins; a deletion beats an older record; nothing the file lacks
//!   is removed), and [`Store::replace_with`] makes the journal exactly the
//!   file. Both check first that the result fits in storage, write each
//!   stored group once, in an order that is safe to cut short and re-run.
//!
//! The Data page's flow:
//! 1. **Download a backup**: `store.backup(now_utc)?`, then
//!    [`Backup::encode`], offered as [`Backup::file_name`] (say what
//!    [`Backup::left_out`] names, if anything).
//! 2. **Open a backup**: [`Backup::decode`] (its error's message is written
//!    for the user), then `store.preview(&backup)?` to show.
//! 3. **Merge** (`store.merge_backup(&backup)`) or **Replace**
//!    (`store.replace_with(&backup)`, after downloading a backup of the
//!    journal as it is); then reload the journal with `store.open()`, after
//!    an error too, since part may have been written.
//!
//! The README's "The backup file" section documents the format for other tools.
//!
//! [`Store::backup`]: crate::store::Store::backup
//! [`Store::preview`]: crate::store::Store::preview
//! [`Store::merge_backup`]: crate::store::Store::merge_backup
//! [`Store::replace_with`]: crate::store::Store::replace_with

mod format;
mod plan;
mod read;
mod restore;
mod sealed;
#[cfg(test)]
mod tests;
mod version;

use std::cmp::Ordering;

use chrono::{NaiveDate, NaiveDateTime};

pub use format::{BackupError, MAX_BACKUP_BYTES};
pub use plan::{KindPreview, Preview};
pub use restore::{RestoreError, Restored};
pub use sealed::SEALED_FORMAT_VERSION;
pub use version::{FORMAT, FORMAT_VERSION};

use crate::model::order::sort_by;
use crate::model::{AnyRecord, Id, Journal, Month, RecordKind, Rev, Tombstone};

/// A deleted record, as a backup keeps it: its id, the revision of the
/// deletion, for an interaction the month it was filed under (where its
/// tombstone is stored), and whether it was archived rather than deleted
/// ([`crate::model::Tombstone::archived`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Deletion {
    pub id: Id,
    pub rev: Rev,
    pub month: Option<Month>,
    pub archived: bool,
}

impl Deletion {
    pub fn tombstone(&self) -> Tombstone {
        Tombstone { id: self.id, rev: self.rev, archived: self.archived }
    }

    /// A stored tombstone as a deletion (its month left unsaid).
    pub(in crate::store) fn stored(id: Id, stored: crate::store::group::Stored) -> Deletion {
        use crate::store::group::Stored;
        Deletion { id, rev: stored.rev(), month: None, archived: matches!(stored, Stored::Archived(_)) }
    }
}

/// The records and deletions of one kind.
#[derive(Clone, Default, PartialEq, Debug)]
pub struct KindContents {
    pub records: Vec<AnyRecord>,
    pub deleted: Vec<Deletion>,
}

/// Everything a journal holds, kind by kind, in [`RecordKind::ALL`] order:
/// at most one entry (a record or a deletion) per id.
#[derive(Clone, PartialEq, Debug)]
pub struct Contents {
    kinds: Vec<KindContents>,
}

impl Default for Contents {
    fn default() -> Contents {
        Contents { kinds: vec![KindContents::default(); RecordKind::ALL.len()] }
    }
}

fn index_of(kind: RecordKind) -> usize {
    RecordKind::ALL.iter().position(|&k| k == kind).unwrap_or_default()
}

impl Contents {
    pub fn kind(&self, kind: RecordKind) -> &KindContents {
        &self.kinds[index_of(kind)]
    }

    fn kind_mut(&mut self, kind: RecordKind) -> &mut KindContents {
        &mut self.kinds[index_of(kind)]
    }

    /// Sets the records of `kind` (an archive file holds interactions only).
    pub(crate) fn set_records(&mut self, kind: RecordKind, records: Vec<AnyRecord>) {
        self.kind_mut(kind).records = records;
    }

    /// Each kind with its records and deletions, in [`RecordKind::ALL`] order.
    pub fn kinds(&self) -> impl Iterator<Item = (RecordKind, &KindContents)> {
        RecordKind::ALL.iter().copied().zip(&self.kinds)
    }

    /// Keeps one entry per id, the one that wins by [`Entry::cmp_versions`],
    /// and sorts each kind by id, so equal journals compare equal.
    fn settle(&mut self) {
        for (kind, contents) in RecordKind::ALL.iter().zip(&mut self.kinds) {
            let mut entries: Vec<Entry> = std::mem::take(&mut contents.records)
                .into_iter()
                .map(Entry::Live)
                .chain(std::mem::take(&mut contents.deleted).into_iter().map(Entry::Gone))
                .collect();
            sort_by(&mut entries, |a, b| a.id().cmp(&b.id()).then_with(|| b.cmp_versions(a)));
            entries.dedup_by_key(|e| e.id());
            for entry in entries {
                match entry {
                    Entry::Live(record) => contents.records.push(record),
                    Entry::Gone(deletion) => contents.deleted.push(Deletion {
                        month: deletion.month.filter(|_| *kind == RecordKind::Interaction),
                        ..deletion
                    }),
                }
            }
        }
    }

    /// The records of a journal in memory, without deletions (a journal in
    /// memory does not keep them): for a backup of a tab's own copy when
    /// storage cannot be read or was emptied.
    pub fn of_journal(journal: &Journal) -> Contents {
        let mut contents = Contents::default();
        for &kind in RecordKind::ALL {
            contents.kind_mut(kind).records = kind.all(journal).into_iter().filter(|r| r.rev().is_saved()).collect();
        }
        contents.settle();
        contents
    }

    /// The first and last day of the interactions, if there are any.
    pub fn interactions_span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let dates = self.kind(RecordKind::Interaction).records.iter().filter_map(|r| match r {
            AnyRecord::Interaction(i) => Some(i.date()),
            _ => None,
        });
        dates.fold(None, |span, d| match span {
            None => Some((d, d)),
            Some((first, last)) => Some((first.min(d), last.max(d))),
        })
    }
}

/// One version of a record: the record, or its deletion.
#[derive(Clone, Debug)]
// `allow`, not `expect`: the lint fires on 64-bit targets only.
#[allow(clippy::large_enum_variant, reason = "most entries are live records; a deletion in their size costs nothing")]
enum Entry {
    Live(AnyRecord),
    Gone(Deletion),
}

impl Entry {
    fn id(&self) -> Id {
        match self {
            Entry::Live(record) => record.id(),
            Entry::Gone(deletion) => deletion.id,
        }
    }

    fn rev(&self) -> Rev {
        match self {
            Entry::Live(record) => record.rev(),
            Entry::Gone(deletion) => deletion.rev,
        }
    }

    /// Whether this is an archived tombstone.
    fn archived(&self) -> bool {
        matches!(self, Entry::Gone(Deletion { archived: true, .. }))
    }

    /// Which of two versions of one record a merge keeps (the greater): an
    /// archived tombstone is below every record and every deletion, whatever
    /// their revisions (an archive file brings its records back, and a real
    /// deletion on either side stays one); otherwise the later revision; at
    /// the same revision a deletion; two different records at the same
    /// revision (which two tabs never write) by their JSON text, so that
    /// every device settles on the same one. A total order, so merging stays
    /// idempotent and order-free.
    fn cmp_versions(&self, other: &Entry) -> Ordering {
        let rank = (!self.archived(), self.rev()).cmp(&(!other.archived(), other.rev()));
        rank.then_with(|| match (self, other) {
            (Entry::Live(a), Entry::Live(b)) if a == b => Ordering::Equal,
            (Entry::Live(a), Entry::Live(b)) => a.to_json_text().cmp(&b.to_json_text()),
            (Entry::Live(_), Entry::Gone(_)) => Ordering::Less,
            (Entry::Gone(_), Entry::Live(_)) => Ordering::Greater,
            (Entry::Gone(_), Entry::Gone(_)) => Ordering::Equal,
        })
    }
}

/// A backup file's content.
#[derive(Clone, PartialEq, Debug)]
pub struct Backup {
    /// The version of Rapport that wrote it (`CARGO_PKG_VERSION`).
    pub app: String,
    /// When it was written, in UTC; `None` for a raw copy of storage
    /// (format version 0), which did not say.
    pub exported: Option<NaiveDateTime>,
    pub contents: Contents,
    /// Stored data that could not be read and is therefore not in this
    /// backup (described for a message; it stays set aside on Data). Empty
    /// for a backup read from a file.
    pub left_out: Vec<String>,
}

impl Backup {
    /// A backup of `contents`, written now by this version of Rapport.
    pub fn new(mut contents: Contents, exported: NaiveDateTime) -> Backup {
        contents.settle();
        Backup { app: env!("CARGO_PKG_VERSION").to_owned(), exported: Some(exported), contents, left_out: Vec::new() }
    }

    /// How many records of `kind` the file holds (deletions aside).
    pub fn count(&self, kind: RecordKind) -> usize {
        self.contents.kind(kind).records.len()
    }

    /// The name the file is offered under: `rapport-backup-YYYY-MM-DD.json`.
    pub fn file_name(&self) -> String {
        match self.exported {
            Some(at) => format!("rapport-backup-{}.json", crate::model::time::iso_date(at.date())),
            None => "rapport-backup.json".to_owned(),
        }
    }
}
