//! The plan of a merge: what is stored, read once, compared record by
//! record with a backup; the preview is the plan's counts.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Backup, Entry};
use crate::model::{AnyRecord, IdMap, IdSet, Month, RecordKind};
use crate::store::group::{RawGroup, Stored};
use crate::store::schema::GroupError;
use crate::store::{KeyKind, SaveError, Store, classify, key_of};

/// What a backup would change here, for one kind of record.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct KindPreview {
    pub kind: RecordKind,
    /// Records in the file.
    pub in_file: usize,
    /// Deletions in the file.
    pub deleted_in_file: usize,
    /// The file's records this journal does not show: never had, or
    /// deleted here before the file's version was written.
    pub new: usize,
    /// The file's version is later than this journal's: it replaces it.
    pub newer: usize,
    /// The file and this journal hold the same version (for a deleted
    /// record: both have deleted it).
    pub same: usize,
    /// This journal's version (or deletion) is later: it is kept.
    pub older: usize,
    /// Records here that the file deleted later: merging deletes them.
    pub deleted: usize,
    /// The file's records that were archived here (Data → Archive old
    /// years): merging brings them back.
    pub returning: usize,
    /// Records here the file does not have at all: a merge keeps them, a
    /// replace removes them.
    pub only_here: usize,
}

impl KindPreview {
    fn empty(kind: RecordKind) -> KindPreview {
        KindPreview {
            kind,
            in_file: 0,
            deleted_in_file: 0,
            new: 0,
            newer: 0,
            same: 0,
            older: 0,
            deleted: 0,
            returning: 0,
            only_here: 0,
        }
    }

    /// Whether merging changes what this kind shows.
    pub fn changes(&self) -> bool {
        self.new + self.newer + self.deleted + self.returning > 0
    }
}

/// What is in a backup and what merging it would change here. Nothing is
/// written to make it.
#[derive(Clone, PartialEq, Debug)]
pub struct Preview {
    /// Per kind, in [`RecordKind::ALL`] order.
    pub kinds: Vec<KindPreview>,
    /// The first and last day of the file's interactions.
    pub interactions_span: Option<(NaiveDate, NaiveDate)>,
}

impl Preview {
    pub fn kind(&self, kind: RecordKind) -> KindPreview {
        self.kinds.iter().copied().find(|k| k.kind == kind).unwrap_or(KindPreview::empty(kind))
    }

    /// Whether merging changes anything a screen shows.
    pub fn changes(&self) -> bool {
        self.kinds.iter().any(KindPreview::changes)
    }
}

/// A stored group, as read when planning.
pub(super) struct Held {
    pub(super) key: String,
    pub(super) kind: RecordKind,
    pub(super) month: Option<Month>,
    pub(super) value: String,
    /// `None` when it cannot be read: it must not be written over.
    pub(super) group: Option<RawGroup>,
}

/// Where one record stands in storage: its latest copy or tombstone.
#[derive(Clone, Copy)]
pub(super) struct Here {
    /// Index into the list of groups read.
    pub(super) group: usize,
    pub(super) stored: Stored,
}

/// Everything stored, read once for a plan.
pub(super) struct Reading {
    pub(super) groups: Vec<Held>,
    /// Per kind (in [`RecordKind::ALL`] order), where each record stands.
    pub(super) index: Vec<IdMap<Here>>,
}

/// One group to write: its key, the entries to put in it, and (once
/// planned) what it held when planned and what it will hold.
pub(super) struct Write {
    pub(super) key: String,
    pub(super) kind: RecordKind,
    pub(super) month: Option<Month>,
    pub(super) entries: Vec<Entry>,
    pub(super) before: Option<String>,
    pub(super) after: String,
}

impl Write {
    /// A write of `key`, with no entries yet and nothing read.
    pub(super) fn to(key: String, kind: RecordKind, month: Option<Month>) -> Write {
        Write { key, kind, month, entries: Vec::new(), before: None, after: String::new() }
    }
}

pub(super) fn kind_index(kind: RecordKind) -> usize {
    super::index_of(kind)
}

/// The order groups are written in: people, the other kinds, then months.
pub(super) fn write_order(kind: RecordKind, key: &str) -> (u8, String) {
    let rank = match kind {
        RecordKind::Person => 0,
        RecordKind::Interaction => 2,
        _ => 1,
    };
    (rank, key.to_owned())
}

impl Store {
    pub(super) fn read_everything(&self) -> Result<Reading, SaveError> {
        if self.lock.locked() {
            return Err(SaveError::Locked);
        }
        let keys = self.sorted_keys_to_read()?;
        let mut reading = Reading { groups: Vec::new(), index: vec![IdMap::default(); RecordKind::ALL.len()] };
        for key in keys {
            let (kind, month) = match classify(&key) {
                Some(KeyKind::Single(kind)) => (kind, None),
                Some(KeyKind::Month(month)) => (RecordKind::Interaction, Some(month)),
                _ => continue,
            };
            let Some(value) = self.value_of(&key)? else { continue };
            let group = match RawGroup::decode(kind, &value) {
                Ok(group) => group,
                Err(GroupError::Newer(_)) => {
                    return Err(SaveError::ReadOnly(format!(
                        "{} was written by a newer version of Rapport",
                        crate::store::describe_key(&key)
                    )));
                }
                Err(_) => None,
            };
            let n = reading.groups.len();
            if let Some(group) = &group {
                let index = &mut reading.index[kind_index(kind)];
                let live = group.records.iter().map(|r| (r.id, Stored::Live(r.rev)));
                let gone = group.gone.iter().map(|t| (t.id, Stored::of(t)));
                for (id, stored) in live.chain(gone) {
                    match index.get(&id) {
                        Some(known) if known.stored.rank() > stored.rank() => {}
                        Some(known)
                            if known.stored.rank() == stored.rank() && matches!(known.stored, Stored::Gone(_)) => {}
                        _ => {
                            index.insert(id, Here { group: n, stored });
                        }
                    }
                }
            }
            reading.groups.push(Held { key, kind, month, value, group });
        }
        Ok(reading)
    }

    /// How the file's `entry` compares with the stored version of its record.
    fn compare_with_stored(reading: &Reading, kind: RecordKind, here: Here, entry: &Entry) -> std::cmp::Ordering {
        let id = entry.id();
        // By rank first: an archived tombstone is below any record or deletion.
        let (rank, stored_rank) = ((!entry.archived(), entry.rev()), here.stored.rank());
        if rank != stored_rank {
            return rank.cmp(&stored_rank);
        }
        let stored = match here.stored {
            Stored::Gone(_) | Stored::Archived(_) => Entry::Gone(super::Deletion::stored(id, here.stored)),
            Stored::Live(rev) => {
                let group = reading.groups[here.group].group.as_ref();
                match group.and_then(|g| g.find(id)).and_then(|r| AnyRecord::from_json_text(kind, &r.json).ok()) {
                    Some(record) => Entry::Live(record),
                    // Unreadable as a record: by revision alone.
                    None => return entry.rev().cmp(&rev),
                }
            }
        };
        entry.cmp_versions(&stored)
    }

    /// What merging `backup` would change here. Nothing is written.
    pub fn preview(&self, backup: &Backup) -> Result<Preview, super::RestoreError> {
        let reading = self.read_everything()?;
        Ok(self.plan_merge(backup, &reading).0)
    }

    /// Decides, record by record, what a merge keeps, and where it goes.
    pub(super) fn plan_merge(&self, backup: &Backup, reading: &Reading) -> (Preview, Vec<Write>) {
        let mut kinds = Vec::new();
        let mut writes: BTreeMap<(u8, String), Write> = BTreeMap::new();
        for (kind, contents) in backup.contents.kinds() {
            let index = &reading.index[kind_index(kind)];
            let mut count = KindPreview {
                in_file: contents.records.len(),
                deleted_in_file: contents.deleted.len(),
                ..KindPreview::empty(kind)
            };
            let mut in_file = IdSet::default();
            let entries = contents.records.iter().cloned().map(Entry::Live);
            let entries = entries.chain(contents.deleted.iter().copied().map(Entry::Gone));
            count.deleted_in_file -= contents.deleted.iter().filter(|d| d.archived).count();
            for entry in entries {
                let id = entry.id();
                in_file.insert(id);
                let here = index.get(&id).copied();
                let order = here.map(|h| Store::compare_with_stored(reading, kind, h, &entry));
                let wins = order.is_none_or(|o| o.is_gt());
                let here_live = matches!(here, Some(Here { stored: Stored::Live(_), .. }));
                let archived_here = matches!(here, Some(Here { stored: Stored::Archived(_), .. }));
                match (&entry, here_live, wins) {
                    // An archived tombstone in the file is bookkeeping, not
                    // a version of the record: it counts as nothing.
                    _ if entry.archived() => {}
                    (Entry::Live(_), _, true) if archived_here => count.returning += 1,
                    (Entry::Live(_), false, true) => count.new += 1,
                    (Entry::Live(_), true, true) => count.newer += 1,
                    (Entry::Gone(_), true, true) => count.deleted += 1,
                    (Entry::Gone(_), false, _) if here.is_some() => count.same += 1,
                    (Entry::Gone(_), false, _) => {}
                    (_, _, false) if order.is_some_and(|o| o.is_eq()) => count.same += 1,
                    (_, _, false) => count.older += 1,
                }
                if !wins {
                    continue;
                }
                let key = match (&entry, here) {
                    (Entry::Live(record), _) => key_of(kind, record.month()),
                    (Entry::Gone(_), Some(h)) => reading.groups[h.group].key.clone(),
                    (Entry::Gone(deletion), None) => key_of(kind, deletion.month),
                };
                let month = match classify(&key) {
                    Some(KeyKind::Month(month)) => Some(month),
                    _ => None,
                };
                writes
                    .entry(write_order(kind, &key))
                    .or_insert_with(|| Write::to(key, kind, month))
                    .entries
                    .push(entry);
            }
            count.only_here =
                index.iter().filter(|(id, h)| matches!(h.stored, Stored::Live(_)) && !in_file.contains(id)).count();
            kinds.push(count);
        }
        let preview = Preview { kinds, interactions_span: backup.contents.interactions_span() };
        (preview, writes.into_values().collect())
    }
}
