//! Reading back what another tab (or anything else on the same site) changed.

use super::group::Group;
use super::lock::{Header, LockState, seal};
use super::schema::{GroupError, decode_meta};
use super::{KeyKind, LOCK_KEY, Opened, Problem, Spot, Store, classify};
use crate::model::order::sort;
use crate::model::{AnyRecord, Interaction, Month, RecordKind, with_kind};

/// What a change made outside this tab means for it.
#[derive(Debug)]
pub enum Reloaded {
    /// Every record of one kind, as stored now.
    Kind(RecordKind, Vec<AnyRecord>),
    /// The interactions of one month, as stored now, less the copies that
    /// a later copy or tombstone in another month supersedes.
    Month(Month, Vec<Interaction>),
    /// Everything may have changed (storage rewritten as a whole).
    Everything(Box<Opened>),
    Problem(Problem),
    /// Not ours, or nothing this tab shows.
    Nothing,
}

impl Store {
    /// Reads what changed under `key`; `None` when storage was cleared or
    /// rewritten as a whole.
    ///
    /// With the lock: a tab that holds the key reads changes as any other;
    /// a tab without it reads nothing. When the header appears (or changes
    /// key) the answer is [`Problem::Locked`], and the tab holds no key any
    /// more; when it goes, the lock was removed and everything is read again.
    /// After any reload, [`Store::lock_status`] says where the tab stands.
    ///
    /// Before the serial code has come (an empty journal opens without it),
    /// nothing is read: [`Store::serial_arrived`] reads everything then.
    pub fn reload(&mut self, key: Option<&str>) -> Reloaded {
        if !crate::serial::ready() {
            self.reload_waiting = true;
            return Reloaded::Nothing;
        }
        let Some(key) = key else { return self.reload_all() };
        let kind = match classify(key) {
            Some(KeyKind::Lock) => return self.reload_lock(),
            _ if self.lock.locked() => return Reloaded::Nothing,
            Some(kind @ (KeyKind::Single(_) | KeyKind::Month(_) | KeyKind::Meta)) => kind,
            Some(KeyKind::Unknown) => return Reloaded::Problem(Problem::Unplaced { key: key.to_owned() }),
            _ => return Reloaded::Nothing,
        };
        let Ok(value) = self.value_of(key) else { return Reloaded::Nothing };
        let Some(value) = value else {
            // Rapport never removes a key that holds records: someone else did.
            return match self.held.contains(key) {
                true => Reloaded::Problem(Problem::Disappeared { keys: vec![key.to_owned()] }),
                false => Reloaded::Nothing,
            };
        };
        let unreadable = |store: &mut Store, e: GroupError| match e {
            GroupError::Newer(v) => Reloaded::Problem(store.newer_version(key, v)),
            _ if seal::is_sealed(&value) && store.lock_appeared() => store.now_locked(),
            e => Reloaded::Problem(Problem::UnreadableChange { key: key.to_owned(), reason: e.to_string() }),
        };
        match kind {
            KeyKind::Meta => match decode_meta(&value) {
                Ok(_) => Reloaded::Nothing,
                Err(e) => unreadable(self, e),
            },
            KeyKind::Single(kind) => with_kind!(kind, T => match Group::<T>::decode(&value) {
                Ok((group, _)) => {
                    self.held.insert(key.to_owned());
                    Reloaded::Kind(kind, group.records.into_iter().map(Into::into).collect())
                }
                Err(e) => unreadable(self, e),
            }),
            KeyKind::Month(month) => match Group::<Interaction>::decode(&value) {
                Ok((group, _)) => {
                    self.held.insert(key.to_owned());
                    self.learn(month, &group);
                    let latest = group
                        .records
                        .into_iter()
                        .filter(|r| self.spots.get(&r.id) == Some(&Spot::live(month, r.rev)))
                        .collect();
                    Reloaded::Month(month, latest)
                }
                Err(e) => unreadable(self, e),
            },
            _ => Reloaded::Nothing,
        }
    }

    /// The header changed: the lock was turned on, changed, or removed.
    fn reload_lock(&mut self) -> Reloaded {
        let header = match self.backend.get(LOCK_KEY) {
            Ok(Some(raw)) => match Header::decode(&raw) {
                Ok(header) => Some(header),
                Err(e) => {
                    // Written by something this build cannot follow: read and write nothing more.
                    self.lock = LockState { header: self.lock.header.take(), key: None };
                    self.read_only = Some(format!("the journal's lock cannot be read ({e})"));
                    return Reloaded::Problem(Problem::UnreadableChange {
                        key: LOCK_KEY.into(),
                        reason: e.to_string(),
                    });
                }
            },
            Ok(None) => None,
            Err(_) => return Reloaded::Nothing,
        };
        match header {
            None if self.lock.header.is_none() => Reloaded::Nothing,
            None => {
                // Removed in another tab: what it decrypted has been read
                // key by key already; a tab that was locked reads it all now.
                let was_locked = self.lock.locked();
                self.lock = LockState::default();
                match was_locked {
                    true => Reloaded::Everything(Box::new(self.open())),
                    false => Reloaded::Nothing,
                }
            }
            Some(header) => {
                let same_key = self.lock.key.as_ref().is_some_and(|k| k.id == header.key_id);
                let was_locked = self.lock.locked();
                self.lock.header = Some(header);
                match (same_key, was_locked) {
                    // A new passphrase, or progress: the data key is the same.
                    (true, _) => Reloaded::Nothing,
                    (false, true) => Reloaded::Nothing,
                    (false, false) => self.now_locked(),
                }
            }
        }
    }

    /// Another tab locked the journal: this one holds no key and forgets
    /// what it had read.
    fn now_locked(&mut self) -> Reloaded {
        self.lock.key = None;
        self.spots.clear();
        self.held.clear();
        Reloaded::Problem(Problem::Locked)
    }

    /// Storage was cleared or rewritten: if anything this tab had read is
    /// gone, say so and keep this tab's copy; otherwise read everything.
    fn reload_all(&mut self) -> Reloaded {
        let Ok(keys) = self.backend.keys() else { return Reloaded::Nothing };
        let mut missing: Vec<String> = self.held.iter().filter(|k| !keys.contains(k)).cloned().collect();
        if missing.is_empty() {
            return Reloaded::Everything(Box::new(self.open()));
        }
        sort(&mut missing);
        Reloaded::Problem(Problem::Disappeared { keys: missing })
    }
}
