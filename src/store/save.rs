//! Saving: every change is compare-and-set against what is stored now.

use std::collections::BTreeMap;

use super::group::{Group, Stored};
use super::schema::{GroupError, encode_meta};
use super::{Conflict, KeyKind, META_KEY, SaveError, Spot, Store, classify, key_of, single_key};
use crate::model::{AnyRecord, Change, Id, Month, Op, Record, RecordKind, Rev, with_kind, with_record};

impl Store {
    /// Saves one op. Each change is written only if the stored record still
    /// has the revision the change was made from; a change already stored
    /// (an op retried after a partial save) counts as saved.
    pub fn apply(&mut self, op: &Op) -> Result<(), SaveError> {
        for change in &op.changes {
            match change {
                Change::Put { record, base } => with_record!(record, r => self.put(r, *base))?,
                Change::Delete { kind, id, base, rev } => with_kind!(*kind, T => self.delete::<T>(*id, *base, *rev))?,
            }
        }
        Ok(())
    }

    fn put<T: Record>(&mut self, record: &T, base: Option<Rev>) -> Result<(), SaveError> {
        let id = record.id();
        let (home, home_month, mut group) = self.read_home::<T>(id, record.month(), base.is_some())?;
        let stored = group.stored(id);
        if stored == Some(Stored::Live(record.rev())) {
            return Ok(());
        }
        if stored.map(Stored::rev) != base {
            return Err(conflict(&group, id, Some(record.clone().into()), base, stored));
        }
        let target = key_of(T::KIND, record.month());
        // Where the record is, learnt only once it is written there: tidying
        // must never drop a copy on the word of a write that failed.
        let landed = |store: &mut Store| {
            if let Some(month) = record.month() {
                store.spots.insert(id, Spot { month, rev: record.rev(), live: true });
            }
        };
        if target == home {
            group.put(record.clone());
            self.tidy(&mut group, home_month);
            self.write(&home, &group)?;
            landed(self);
            return Ok(());
        }
        // A move to another month: the new copy first, so a tab closed in
        // between leaves two copies (the later one wins) rather than none.
        let mut moved_to = self.read::<T>(&target)?;
        moved_to.put(record.clone());
        self.tidy(&mut moved_to, record.month());
        self.write(&target, &moved_to)?;
        landed(self);
        group.drop_copy(id);
        self.tidy(&mut group, home_month);
        self.write(&home, &group)
    }

    fn delete<T: Record>(&mut self, id: Id, base: Rev, rev: Rev) -> Result<(), SaveError> {
        let (home, home_month, mut group) = self.read_home::<T>(id, None, true)?;
        let stored = group.stored(id);
        if stored == Some(Stored::Gone(rev)) {
            return Ok(());
        }
        if stored.map(Stored::rev) != Some(base) {
            return Err(conflict(&group, id, None, Some(base), stored));
        }
        group.bury(id, rev);
        self.tidy(&mut group, home_month);
        self.write(&home, &group)?;
        if let Some(month) = home_month {
            self.spots.insert(id, Spot { month, rev, live: false });
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
        // Sorted by kind (people before interactions), then by key.
        let mut by_key: BTreeMap<(u8, String), Vec<AnyRecord>> = BTreeMap::new();
        for record in records {
            let kind = record.kind();
            let order = if kind == RecordKind::Person { 0 } else { 1 };
            by_key.entry((order, key_of(kind, record.month()))).or_default().push(record);
        }
        let mut written = 0;
        for ((_, key), records) in by_key {
            let Some(kind) = records.first().map(AnyRecord::kind) else { continue };
            written += with_kind!(kind, T => {
                self.merge_group::<T>(&key, records.into_iter().filter_map(T::from_any).collect())
            })?;
        }
        if self.backend.get(META_KEY)?.is_none() {
            self.backend.set(META_KEY, &encode_meta())?;
        }
        Ok(written)
    }

    fn merge_group<T: Record>(&mut self, key: &str, records: Vec<T>) -> Result<usize, SaveError> {
        let month = match classify(key) {
            Some(KeyKind::Month(month)) => Some(month),
            _ => None,
        };
        let mut group = self.read::<T>(key)?;
        let mut landed = Vec::new();
        for record in records {
            let newer_here = group.stored(record.id()).is_some_and(|s| s.rev() >= record.rev());
            let newer_elsewhere = self.spots.get(&record.id()).is_some_and(|s| s.rev > record.rev());
            if !newer_here && !newer_elsewhere {
                landed.push((record.id(), record.rev()));
                group.put(record);
            }
        }
        if landed.is_empty() {
            return Ok(0);
        }
        self.tidy(&mut group, month);
        self.write(key, &group)?;
        if let Some(month) = month {
            for &(id, rev) in &landed {
                self.spots.insert(id, Spot { month, rev, live: true });
            }
        }
        Ok(landed.len())
    }

    /// Drops from a month the copies of interactions whose latest copy, or
    /// tombstone, is in another month: duplicates left by a move cut short
    /// go with the next save of either month.
    fn tidy<T: Record>(&self, group: &mut Group<T>, month: Option<Month>) {
        let Some(month) = month else { return };
        group.records.retain(|r| self.spots.get(&r.id()).is_none_or(|s| s.month == month || s.rev <= r.rev()));
    }

    fn writable(&self, key: &str) -> Result<(), SaveError> {
        if let Some(why) = &self.read_only {
            return Err(SaveError::ReadOnly(why.clone()));
        }
        if self.blocked.contains(key) {
            return Err(SaveError::Unreadable { key: key.to_owned() });
        }
        Ok(())
    }

    /// The group stored under `key` now, if it may be written.
    fn read<T: Record>(&mut self, key: &str) -> Result<Group<T>, SaveError> {
        self.writable(key)?;
        let Some(value) = self.backend.get(key)? else { return Ok(Group::default()) };
        match Group::<T>::decode(&value) {
            Ok((group, rejected)) if rejected.is_empty() => Ok(group),
            Err(GroupError::Newer(v)) => {
                self.newer_version(key, v);
                Err(SaveError::ReadOnly(self.read_only.clone().unwrap_or_default()))
            }
            _ => Err(SaveError::Unreadable { key: key.to_owned() }),
        }
    }

    fn write<T: Record>(&mut self, key: &str, group: &Group<T>) -> Result<(), SaveError> {
        self.backend.set(key, &group.encode())?;
        self.held.insert(key.to_owned());
        Ok(())
    }

    /// The group that holds a record now: its kind's key, or for an
    /// interaction the month of its latest copy. An interaction that should
    /// exist (`stored_before`) but is not where this tab expects it (another
    /// tab moved it, and this tab has not heard) is looked for in every
    /// month; a new one is not, so adding costs the same at any size.
    fn read_home<T: Record>(
        &mut self,
        id: Id,
        month: Option<Month>,
        stored_before: bool,
    ) -> Result<(String, Option<Month>, Group<T>), SaveError> {
        if let Some(key) = single_key(T::KIND) {
            let group = self.read::<T>(&key)?;
            return Ok((key, None, group));
        }
        let expected = self.spots.get(&id).map(|s| s.month).or(month);
        if let Some(month) = expected {
            let key = key_of(T::KIND, Some(month));
            let group = self.read::<T>(&key)?;
            if group.stored(id).is_some() || !stored_before {
                return Ok((key, Some(month), group));
            }
        }
        let mut found: Option<(Rev, Month)> = None;
        for key in self.backend.keys()? {
            let Some(KeyKind::Month(other)) = classify(&key) else { continue };
            if let Ok(group) = self.read::<T>(&key)
                && let Some(stored) = group.stored(id)
                && found.is_none_or(|(rev, _)| stored.rev() > rev)
            {
                found = Some((stored.rev(), other));
            }
        }
        let month = found.map(|(_, month)| month).or(expected).or(month);
        let key = key_of(T::KIND, month);
        Ok((key.clone(), month, self.read::<T>(&key)?))
    }
}

fn conflict<T: Record>(
    group: &Group<T>,
    id: Id,
    mine: Option<AnyRecord>,
    base: Option<Rev>,
    stored: Option<Stored>,
) -> SaveError {
    SaveError::Conflict(Box::new(Conflict {
        kind: T::KIND,
        id,
        mine,
        base,
        theirs: group.find(id).cloned().map(Into::into),
        theirs_rev: stored.map(Stored::rev),
    }))
}
