//! Saving: every change is compare-and-set against what is stored now.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use super::group::{RawGroup, RawRecord, Stored};
use super::schema::GroupError;
use super::{Conflict, KeyKind, META_KEY, SaveError, Spot, Store, classify, key_of, single_key};
use crate::model::{AnyRecord, Change, Id, Month, Op, RecordKind, Rev, Tombstone};

impl Store {
    /// Saves one op. Each change is written only if the stored record still
    /// has the revision the change was made from; a change already stored
    /// (an op retried after a partial save) counts as saved.
    pub fn apply(&mut self, op: &Op) -> Result<(), SaveError> {
        self.serial_ready()?;
        for change in &op.changes {
            match change {
                Change::Put { record, base } => self.put(record, *base)?,
                Change::Delete { kind, id, base, rev, archived } => {
                    self.delete(*kind, *id, *base, Tombstone { id: *id, rev: *rev, archived: *archived })?
                }
            }
        }
        Ok(())
    }

    /// Saves an op of many records at once (an import of people, an
    /// archive of old years), all or nothing: every revision is checked
    /// before anything is written, and each group is written once however
    /// many of its records change (one write of the people group, not one
    /// per person; one write per month archived). A conflict writes nothing.
    /// Interactions are grouped by the month this store knows each is in:
    /// deletions, and puts that stay in that month (an archive undone). An
    /// op that adds interactions or moves one to another month is saved
    /// change by change as [`Store::apply`] does.
    pub fn apply_together(&mut self, op: &Op) -> Result<(), SaveError> {
        self.serial_ready()?;
        let key_of_change = |store: &Store, change: &Change| match (single_key(change.kind()), change) {
            (Some(key), _) => Some(key),
            (None, Change::Delete { id, .. }) => {
                store.spots.get(id).map(|s| key_of(RecordKind::Interaction, Some(s.month)))
            }
            (None, Change::Put { record, .. }) => store
                .spots
                .get(&record.id())
                .filter(|s| Some(s.month) == record.month())
                .map(|s| key_of(RecordKind::Interaction, Some(s.month))),
        };
        if op.changes.iter().any(|c| key_of_change(self, c).is_none()) {
            return self.apply(op);
        }
        // People first, as in every save: the order of RecordKind::ALL.
        let mut groups: BTreeMap<(usize, String), (RecordKind, RawGroup, bool)> = BTreeMap::new();
        for change in &op.changes {
            let kind = change.kind();
            let order = RecordKind::ALL.iter().position(|&k| k == kind).unwrap_or(usize::MAX);
            let key = key_of_change(self, change).unwrap_or_default();
            let (_, group, changed) = match groups.entry((order, key)) {
                Entry::Occupied(entry) => entry.into_mut(),
                Entry::Vacant(entry) => {
                    let group = self.read(kind, &entry.key().1)?;
                    entry.insert((kind, group, false))
                }
            };
            let stored = group.stored(change.id());
            match change {
                Change::Put { record, .. } if stored == Some(Stored::Live(record.rev())) => {}
                Change::Delete { rev, .. } if stored.is_some_and(|s| s.is_tombstone(*rev)) => {}
                Change::Put { record, base } if stored.map(Stored::rev) == *base => {
                    group.put(RawRecord { id: record.id(), rev: record.rev(), json: record.to_json_text() });
                    *changed = true;
                }
                Change::Delete { id, base, rev, archived, .. } if stored.map(Stored::rev) == Some(*base) => {
                    group.bury(Tombstone { id: *id, rev: *rev, archived: *archived });
                    *changed = true;
                }
                Change::Put { record, base } => {
                    return Err(conflict(kind, group, record.id(), Some(record.clone()), *base, stored));
                }
                Change::Delete { id, base, .. } => return Err(conflict(kind, group, *id, None, Some(*base), stored)),
            }
        }
        for ((_, key), (kind, group, changed)) in &groups {
            if !*changed {
                continue;
            }
            self.write(key, group)?;
            // Where the interactions this op changed in this month are now.
            if let (RecordKind::Interaction, Some(KeyKind::Month(month))) = (kind, classify(key)) {
                for change in &op.changes {
                    match change {
                        Change::Delete { id, .. } => {
                            if let Some(tombstone) = group.gone.iter().find(|t| t.id == *id) {
                                self.spots.insert(*id, Spot::gone(month, tombstone));
                            }
                        }
                        Change::Put { record, .. } if record.month() == Some(month) => {
                            self.spots.insert(record.id(), Spot::live(month, record.rev()));
                        }
                        Change::Put { .. } => {}
                    }
                }
            }
        }
        Ok(())
    }

    fn put(&mut self, record: &AnyRecord, base: Option<Rev>) -> Result<(), SaveError> {
        let (kind, id, rev, month) = (record.kind(), record.id(), record.rev(), record.month());
        let (home, home_month, mut group) = self.read_home(kind, id, month, base.is_some())?;
        let stored = group.stored(id);
        if stored == Some(Stored::Live(rev)) {
            return Ok(());
        }
        if stored.map(Stored::rev) != base {
            return Err(conflict(kind, &group, id, Some(record.clone()), base, stored));
        }
        let target = key_of(kind, month);
        let raw = RawRecord { id, rev, json: record.to_json_text() };
        // Where the record is, learnt only once it is written there: tidying
        // must never drop a copy on the word of a write that failed.
        let landed = |store: &mut Store| {
            if let Some(month) = month {
                store.spots.insert(id, Spot::live(month, rev));
            }
        };
        if target == home {
            group.put(raw);
            self.tidy(&mut group, home_month);
            self.write(&home, &group)?;
            landed(self);
            return Ok(());
        }
        // A move to another month: the new copy first, so a tab closed in
        // between leaves two copies (the later one wins) rather than none.
        let mut moved_to = self.read(kind, &target)?;
        moved_to.put(raw);
        self.tidy(&mut moved_to, month);
        self.write(&target, &moved_to)?;
        landed(self);
        group.drop_copy(id);
        self.tidy(&mut group, home_month);
        self.write(&home, &group)
    }

    fn delete(&mut self, kind: RecordKind, id: Id, base: Rev, tombstone: Tombstone) -> Result<(), SaveError> {
        let (home, home_month, mut group) = self.read_home(kind, id, None, true)?;
        let stored = group.stored(id);
        if stored.is_some_and(|s| s.is_tombstone(tombstone.rev)) {
            return Ok(());
        }
        if stored.map(Stored::rev) != Some(base) {
            return Err(conflict(kind, &group, id, None, Some(base), stored));
        }
        group.bury(tombstone);
        self.tidy(&mut group, home_month);
        self.write(&home, &group)?;
        if let Some(month) = home_month {
            self.spots.insert(id, Spot::gone(month, &tombstone));
        }
        Ok(())
    }

    /// Writes records of any kind, each group once, keeping whichever
    /// version of each record is later: what is stored, or what is given.
    /// Nothing stored is removed, and a later tombstone keeps a record
    /// deleted. For putting a tab's copy back after storage was emptied, and
    /// for imports. People are written first, as in every save. Returns how
    /// many records were written.
    pub fn merge(&mut self, records: Vec<AnyRecord>) -> Result<usize, SaveError> {
        self.serial_ready()?;
        self.restore_emptied_lock()?;
        // Sorted by kind (people before interactions), then by key.
        let mut by_key: BTreeMap<(u8, String), (RecordKind, Vec<AnyRecord>)> = BTreeMap::new();
        for record in records {
            let kind = record.kind();
            let order = if kind == RecordKind::Person { 0 } else { 1 };
            by_key.entry((order, key_of(kind, record.month()))).or_insert((kind, Vec::new())).1.push(record);
        }
        let mut written = 0;
        for ((_, key), (kind, records)) in by_key {
            written += self.merge_group(kind, &key, records)?;
        }
        if self.backend.get(META_KEY)?.is_none() {
            self.backend.set(META_KEY, &self.meta_value())?;
        }
        Ok(written)
    }

    fn merge_group(&mut self, kind: RecordKind, key: &str, records: Vec<AnyRecord>) -> Result<usize, SaveError> {
        let month = match classify(key) {
            Some(KeyKind::Month(month)) => Some(month),
            _ => None,
        };
        let mut group = self.read(kind, key)?;
        let mut landed = Vec::new();
        for record in records {
            let (id, rev) = (record.id(), record.rev());
            let newer_here = group.stored(id).is_some_and(|s| s.rev() >= rev);
            let newer_elsewhere = self.spots.get(&id).is_some_and(|s| s.stored.rev() > rev);
            if !newer_here && !newer_elsewhere {
                landed.push((id, rev));
                group.put(RawRecord { id, rev, json: record.to_json_text() });
            }
        }
        if landed.is_empty() {
            return Ok(0);
        }
        self.tidy(&mut group, month);
        self.write(key, &group)?;
        if let Some(month) = month {
            for &(id, rev) in &landed {
                self.spots.insert(id, Spot::live(month, rev));
            }
        }
        Ok(landed.len())
    }

    /// Drops from a month the copies of interactions whose latest copy, or
    /// tombstone, is in another month: duplicates left by a move cut short
    /// go with the next save of either month. An archived tombstone
    /// elsewhere never drops a copy ([`Stored::rank`]).
    pub(super) fn tidy(&self, group: &mut RawGroup, month: Option<Month>) {
        let Some(month) = month else { return };
        group.records.retain(|r| {
            self.spots.get(&r.id).is_none_or(|s| s.month == month || s.stored.rank() <= Stored::Live(r.rev).rank())
        });
    }

    pub(super) fn writable(&self, key: &str) -> Result<(), SaveError> {
        if self.lock.locked() {
            return Err(SaveError::Locked);
        }
        if let Some(why) = &self.read_only {
            return Err(SaveError::ReadOnly(why.clone()));
        }
        if self.blocked.contains(key) {
            return Err(SaveError::Unreadable { key: key.to_owned() });
        }
        Ok(())
    }

    /// The group stored under `key` now, if it may be written.
    pub(super) fn read(&mut self, kind: RecordKind, key: &str) -> Result<RawGroup, SaveError> {
        self.writable(key)?;
        let Some(value) = self.value_of(key)? else { return Ok(RawGroup::default()) };
        match RawGroup::decode(kind, &value) {
            Ok(Some(group)) => Ok(group),
            Err(GroupError::Newer(v)) => {
                self.newer_version(key, v);
                Err(SaveError::ReadOnly(self.read_only.clone().unwrap_or_default()))
            }
            _ => Err(SaveError::Unreadable { key: key.to_owned() }),
        }
    }

    pub(super) fn write(&mut self, key: &str, group: &RawGroup) -> Result<(), SaveError> {
        self.set_value(key, &group.encode())?;
        self.held.insert(key.to_owned());
        Ok(())
    }

    /// The group that holds a record now: its kind's key, or for an
    /// interaction the month of its latest copy. An interaction that should
    /// exist (`stored_before`) but is not where this tab expects it (another
    /// tab moved it, and this tab has not heard) is looked for in every
    /// month; a new one is not, so adding costs the same at any size.
    fn read_home(
        &mut self,
        kind: RecordKind,
        id: Id,
        month: Option<Month>,
        stored_before: bool,
    ) -> Result<(String, Option<Month>, RawGroup), SaveError> {
        if let Some(key) = single_key(kind) {
            let group = self.read(kind, &key)?;
            return Ok((key, None, group));
        }
        let expected = self.spots.get(&id).map(|s| s.month).or(month);
        if let Some(month) = expected {
            let key = key_of(kind, Some(month));
            let group = self.read(kind, &key)?;
            if group.stored(id).is_some() || !stored_before {
                return Ok((key, Some(month), group));
            }
        }
        let mut found: Option<(Stored, Month)> = None;
        for key in self.backend.keys()? {
            let Some(KeyKind::Month(other)) = classify(&key) else { continue };
            if let Ok(group) = self.read(kind, &key)
                && let Some(stored) = group.stored(id)
                && found.is_none_or(|(known, _): (Stored, Month)| stored.rank() > known.rank())
            {
                found = Some((stored, other));
            }
        }
        let month = found.map(|(_, month)| month).or(expected).or(month);
        let key = key_of(kind, month);
        Ok((key.clone(), month, self.read(kind, &key)?))
    }
}

fn conflict(
    kind: RecordKind,
    group: &RawGroup,
    id: Id,
    mine: Option<AnyRecord>,
    base: Option<Rev>,
    stored: Option<Stored>,
) -> SaveError {
    SaveError::Conflict(Box::new(Conflict {
        kind,
        id,
        mine,
        base,
        theirs: group.find(id).and_then(|r| AnyRecord::from_json_text(kind, &r.json).ok()),
        theirs_rev: stored.map(Stored::rev),
    }))
}
