//! Putting a backup into storage: the merge and the replace.
//!
//! Both writes are planned in full first (which groups change, and to
//! what), checked against the space left, and only then written, each
//! group once, in an order that is safe to cut short:
//! - people before the records that name them, as every save does;
//! - a record moving to another month is written to its new month before
//!   its old copy is removed, by a second, tidying write of the old month:
//!   a restore cut short leaves two copies (the later one wins on load),
//!   never none;
//! - a replace empties the groups the file does not have last.
//!
//! Re-running a restore after it was cut short writes only what is still
//! missing: the merge because what is stored is now as new as the file, the
//! replace because a group already equal to the file's is not written again.
//! While one runs, the version record says so, and a load after a restore
//! cut short reports it ([`crate::store::Problem::RestoreCutShort`]).

use std::collections::BTreeMap;
use std::fmt;

use super::plan::{Held, Reading, Write, kind_index, write_order};
use super::{Backup, Entry};
use crate::model::order::{sort, sort_by_key};
use crate::model::text::thousands;
use crate::model::{AnyRecord, Month, RecordKind};
use crate::store::group::{RawGroup, RawRecord, Stored};
use crate::store::schema::{encode_meta_restoring, restoring};
use crate::store::{KeyKind, META_KEY, SaveError, Spot, Store, classify, key_of};

/// A restore done.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Restored {
    /// Stored groups written (0 when the journal already held everything).
    pub groups_written: usize,
}

/// Why a restore did not happen, or did not finish.
#[derive(Clone, Debug, PartialEq)]
pub enum RestoreError {
    /// The result would not fit: nothing was written. In UTF-16 units, as
    /// the browser counts its quota.
    NoRoom { needed: usize, quota: usize },
    /// Storage refused (read-only, unreadable data in the way, the tab
    /// closing): what was written is safe, and running the restore again
    /// finishes it.
    Save(SaveError),
}

impl RestoreError {
    /// How much space is missing, for [`RestoreError::NoRoom`].
    pub fn missing(&self) -> usize {
        match self {
            RestoreError::NoRoom { needed, quota } => needed.saturating_sub(*quota),
            RestoreError::Save(_) => 0,
        }
    }
}

impl fmt::Display for RestoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestoreError::NoRoom { needed, quota } => write!(
                f,
                "The result would need {} characters of this browser's storage for this site, which allows about {}: {} are missing. Nothing was written. Make room by deleting data set aside or old records (download a backup first), or by clearing other pages of this site.",
                thousands(*needed),
                thousands(*quota),
                thousands(needed.saturating_sub(*quota))
            ),
            RestoreError::Save(SaveError::Full) => f.write_str(
                "The browser's storage for this site filled up before the restore finished. What was written is safe: make room (delete data set aside or old records, after downloading a backup), then open the backup again to finish it.",
            ),
            RestoreError::Save(e @ SaveError::Backend(_)) => write!(
                f,
                "The restore stopped before it finished ({e}). What was written is safe; open the backup again to finish it."
            ),
            RestoreError::Save(e) => write!(f, "Nothing more could be restored: {e}."),
        }
    }
}

impl From<SaveError> for RestoreError {
    fn from(e: SaveError) -> Self {
        RestoreError::Save(e)
    }
}

impl From<crate::store::BackendError> for RestoreError {
    fn from(e: crate::store::BackendError) -> Self {
        RestoreError::Save(e.into())
    }
}

impl Store {
    /// Merges `backup` into the journal: per record, the later revision
    /// wins, a deletion beats an older record, and nothing the file lacks
    /// is removed. Merging the same file twice changes nothing, and the
    /// order in which two files are merged does not matter. Then reload the
    /// journal ([`Store::open`]).
    pub fn merge_backup(&mut self, backup: &Backup) -> Result<Restored, RestoreError> {
        self.check_writable()?;
        self.restore_emptied_lock()?;
        let reading = self.read_everything()?;
        self.learn_reading(&reading);
        let (_, mut writes) = self.plan_merge(backup, &reading);
        let groups: BTreeMap<&str, &Held> = reading.groups.iter().map(|g| (g.key.as_str(), g)).collect();
        for write in &mut writes {
            self.writable(&write.key)?;
            let held = groups.get(write.key.as_str());
            let mut group = match held {
                Some(Held { group: Some(group), .. }) => group.clone(),
                Some(Held { group: None, key, .. }) => return Err(SaveError::Unreadable { key: key.clone() }.into()),
                None => RawGroup::default(),
            };
            write.before = held.map(|h| h.value.clone());
            put_entries(&mut group, &write.entries);
            self.tidy(&mut group, write.month);
            write.after = group.encode();
        }
        // Old copies of records moving to another month: removed once the
        // new copies are written.
        let moved_from: Vec<String> = self.moved_from(&reading, &writes);
        self.check_room(&writes)?;
        if !writes.is_empty() {
            self.begin_restore(backup)?;
        }
        let mut written = 0;
        for write in &writes {
            let now = self.value_of(&write.key)?;
            if now != write.before {
                // Another tab wrote here since the plan: merge into what is
                // stored now, with the same rule, so its newer records stay.
                let mut group = self.read(write.kind, &write.key)?;
                let fresh: Vec<Entry> =
                    write.entries.iter().filter(|e| beats_stored(e, &group, write.kind)).cloned().collect();
                put_entries(&mut group, &fresh);
                self.tidy(&mut group, write.month);
                self.write(&write.key, &group)?;
                self.landed(write.month, &fresh);
            } else {
                self.set_value(&write.key, &write.after)?;
                self.held.insert(write.key.clone());
                self.landed(write.month, &write.entries);
            }
            written += 1;
        }
        for key in moved_from {
            written += usize::from(self.tidy_key(&key)?);
        }
        self.end_restore()?;
        Ok(Restored { groups_written: written })
    }

    fn check_writable(&self) -> Result<(), SaveError> {
        if self.lock.locked() {
            return Err(SaveError::Locked);
        }
        match &self.read_only {
            Some(why) => Err(SaveError::ReadOnly(why.clone())),
            None => Ok(()),
        }
    }

    /// Makes this tab's map of where interactions are match what is stored.
    fn learn_reading(&mut self, reading: &Reading) {
        self.spots.clear();
        for (id, here) in &reading.index[kind_index(RecordKind::Interaction)] {
            if let Some(month) = reading.groups[here.group].month {
                self.spots.insert(*id, Spot { month, stored: here.stored });
            }
        }
    }

    /// Records where the entries written to a month now are.
    fn landed(&mut self, month: Option<Month>, entries: &[Entry]) {
        let Some(month) = month else { return };
        for entry in entries {
            let spot = match entry {
                Entry::Live(record) => Spot::live(month, record.rev()),
                Entry::Gone(deletion) => Spot::gone(month, &deletion.tombstone()),
            };
            if self.spots.get(&entry.id()).is_none_or(|s| s.stored.rank() <= spot.stored.rank()) {
                self.spots.insert(entry.id(), spot);
            }
        }
    }

    /// The months holding a copy of an interaction that the merge writes
    /// to another month.
    fn moved_from(&self, reading: &Reading, writes: &[Write]) -> Vec<String> {
        let index = &reading.index[kind_index(RecordKind::Interaction)];
        let mut keys: Vec<String> = writes
            .iter()
            .filter(|w| w.kind == RecordKind::Interaction)
            .flat_map(|w| {
                w.entries.iter().filter_map(|e| {
                    let here = index.get(&e.id())?;
                    let key = &reading.groups[here.group].key;
                    (matches!(e, Entry::Live(_)) && *key != w.key).then(|| key.clone())
                })
            })
            .collect();
        sort(&mut keys);
        keys.dedup();
        keys
    }

    /// Drops superseded copies from one month; whether it wrote.
    fn tidy_key(&mut self, key: &str) -> Result<bool, SaveError> {
        let Some(KeyKind::Month(month)) = classify(key) else { return Ok(false) };
        let mut group = self.read(RecordKind::Interaction, key)?;
        let before = group.records.len();
        self.tidy(&mut group, Some(month));
        if group.records.len() == before {
            return Ok(false);
        }
        self.write(key, &group)?;
        Ok(true)
    }

    /// Refuses, before anything is written, a plan whose largest moment
    /// (every group grown, none shrunk yet) would not fit in the quota.
    fn check_room(&self, writes: &[Write]) -> Result<(), RestoreError> {
        let Some(quota) = self.backend.quota() else { return Ok(()) };
        let usage = self.usage()?;
        // Sizes as stored: encrypted, with the lock on.
        let accounting = self.backend.accounting();
        let stored = |value: &str| match self.lock.sealing_key() {
            Some(_) => crate::store::lock::seal::sealed_units(value, accounting),
            None => accounting.units(value),
        };
        let growth: usize = writes
            .iter()
            .map(|w| {
                let old = w.before.as_deref().map_or(0, |v| accounting.units(&w.key) + stored(v));
                (accounting.units(&w.key) + stored(&w.after)).saturating_sub(old)
            })
            .sum();
        let needed = usage.origin + growth;
        if needed > quota {
            return Err(RestoreError::NoRoom { needed, quota });
        }
        Ok(())
    }

    /// Replaces the journal with the file's content: afterwards storage holds
    /// exactly its records and deletions (download a backup of the journal
    /// first). Groups already as in the file are not written again, so a
    /// replace cut short is finished by running it again. Then reload the
    /// journal ([`Store::open`]).
    pub fn replace_with(&mut self, backup: &Backup) -> Result<Restored, RestoreError> {
        self.check_writable()?;
        self.restore_emptied_lock()?;
        let reading = self.read_everything()?;
        let mut targets: BTreeMap<(u8, String), Write> = BTreeMap::new();
        for (kind, contents) in backup.contents.kinds() {
            let entries = contents.records.iter().cloned().map(Entry::Live);
            for entry in entries.chain(contents.deleted.iter().copied().map(Entry::Gone)) {
                let month = match &entry {
                    Entry::Live(record) => record.month(),
                    Entry::Gone(deletion) => deletion.month,
                };
                let key = key_of(kind, month);
                targets
                    .entry(write_order(kind, &key))
                    .or_insert_with(|| Write::to(key, kind, month))
                    .entries
                    .push(entry);
            }
        }
        let mut writes: Vec<Write> = targets.into_values().collect();
        // Groups here that the file does not have are emptied, last.
        let mut emptied: Vec<Write> = reading
            .groups
            .iter()
            .filter(|held| !writes.iter().any(|w| w.key == held.key))
            .map(|held| Write {
                key: held.key.clone(),
                kind: held.kind,
                month: held.month,
                entries: Vec::new(),
                before: None,
                after: String::new(),
            })
            .collect();
        sort_by_key(&mut emptied, |w| write_order(w.kind, &w.key));
        writes.extend(emptied);
        for write in &mut writes {
            self.writable(&write.key)?;
            let held = reading.groups.iter().find(|g| g.key == write.key);
            if let Some(Held { group: None, key, .. }) = held {
                return Err(SaveError::Unreadable { key: key.clone() }.into());
            }
            write.before = held.map(|h| h.value.clone());
            let mut group = RawGroup::default();
            put_entries(&mut group, &write.entries);
            write.after = group.encode();
        }
        writes.retain(|w| w.before.as_ref() != Some(&w.after));
        self.check_room(&writes)?;
        if !writes.is_empty() {
            self.begin_restore(backup)?;
        }
        let mut written = 0;
        for write in &writes {
            self.set_value(&write.key, &write.after)?;
            self.held.insert(write.key.clone());
            written += 1;
        }
        self.spots.clear();
        for deletion in &backup.contents.kind(RecordKind::Interaction).deleted {
            if let Some(month) = deletion.month {
                self.spots.insert(deletion.id, Spot::gone(month, &deletion.tombstone()));
            }
        }
        for record in &backup.contents.kind(RecordKind::Interaction).records {
            if let Some(month) = record.month() {
                self.spots.insert(record.id(), Spot::live(month, record.rev()));
            }
        }
        self.end_restore()?;
        Ok(Restored { groups_written: written })
    }

    /// Marks a restore under way in the version record, so that if it is cut
    /// short the next load says so ([`crate::store::Problem::RestoreCutShort`]).
    fn begin_restore(&mut self, backup: &Backup) -> Result<(), SaveError> {
        let locked = self.lock.header.is_some();
        let what = match backup.exported {
            // The meta value is readable: with the lock on it says no date.
            Some(at) if !locked => format!("the backup of {}", crate::model::time::short_date(at.date())),
            _ => "a backup".to_owned(),
        };
        self.backend.set(META_KEY, &encode_meta_restoring(&what, locked))?;
        Ok(())
    }

    /// Records that no restore is under way (and the version, if missing).
    fn end_restore(&mut self) -> Result<(), SaveError> {
        let meta = self.backend.get(META_KEY)?;
        if meta.as_deref().is_none_or(|m| restoring(m).is_some()) {
            self.backend.set(META_KEY, &self.meta_value())?;
        }
        Ok(())
    }
}

/// Puts records and buries deletions in a group.
fn put_entries(group: &mut RawGroup, entries: &[Entry]) {
    for entry in entries {
        match entry {
            Entry::Live(record) => {
                group.put(RawRecord { id: record.id(), rev: record.rev(), json: record.to_json_text() })
            }
            Entry::Gone(deletion) => group.bury(deletion.tombstone()),
        }
    }
}

/// Whether `entry` is later than what `group` holds of its record.
fn beats_stored(entry: &Entry, group: &RawGroup, kind: RecordKind) -> bool {
    let id = entry.id();
    let stored = match group.stored(id) {
        None => return true,
        Some(stored @ (Stored::Gone(_) | Stored::Archived(_))) => Entry::Gone(super::Deletion::stored(id, stored)),
        Some(Stored::Live(rev)) => match group.find(id).and_then(|r| AnyRecord::from_json_text(kind, &r.json).ok()) {
            Some(record) => Entry::Live(record),
            None => return entry.rev() > rev,
        },
    };
    entry.cmp_versions(&stored).is_gt()
}
