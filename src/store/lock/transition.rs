//! Unlocking, and turning the lock on, off, or to another passphrase.
//!
//! Turning the lock on writes, in this order: the header (state `sealing`,
//! the new data key wrapped by the passphrase), the locked meta value, each
//! value sealed, and the header again (`sealed`). Removing it: the header
//! (`unsealing`), each value opened, the plain meta value, and the header
//! removed. Each value says whether it is sealed and with which key, so
//! after a tab closed between any two writes every record reads with the key
//! the header offers, and the same call ([`Store::finish_lock_change`])
//! finishes the job from wherever it stopped: values already done are
//! skipped. (A cursor in the header would add a header write per value and
//! tell nothing the values do not.) Before the last step of either, one more
//! pass checks that no other tab wrote a value the wrong way meanwhile.
//!
//! Sealing adds a few bytes per value, so turning the lock on first checks
//! that the sealed journal fits; if storage fills up anyway (the browser's
//! quota is smaller than Rapport assumes, another page wrote), every value
//! sealed so far is opened again, which only frees space, and the lock is
//! not set: [`LockError::NoRoom`].

use std::borrow::Cow;

use super::header::{Header, Progress};
use super::seal::{self, DataKey};
use super::{KdfParams, LOCK_KEY, LockChange, LockError, LockState, LockStatus};
use crate::model::order::sort;
use crate::store::schema::encode_meta_for;
use crate::store::{BackendError, KeyKind, META_KEY, SaveError, Store, classify};

/// How many times a pass over every value is repeated while other tabs
/// keep writing values the wrong way.
const MAX_PASSES: usize = 4;

impl Store {
    /// Where this store stands with the lock, as of [`Store::open`] (or the
    /// last reload of the header, or lock call).
    pub fn lock_status(&self) -> LockStatus {
        match (&self.lock.header, &self.lock.key) {
            (None, _) => LockStatus::Off,
            (Some(header), None) => LockStatus::Locked { kdf: header.kdf.clone() },
            (Some(_), Some(_)) => LockStatus::Unlocked { change: self.lock_change() },
        }
    }

    /// The lock change in flight, if this store holds the key.
    /// How the current passphrase is stretched, when there is a lock: what a
    /// passphrase typed to change or remove it is derived with.
    pub fn lock_kdf(&self) -> Option<KdfParams> {
        self.lock.header.as_ref().map(|h| h.kdf.clone())
    }

    pub(crate) fn lock_change(&self) -> Option<LockChange> {
        self.lock.key.as_ref()?;
        match self.lock.header.as_ref()?.progress {
            Progress::Sealed => None,
            Progress::Sealing => Some(LockChange::TurningOn),
            Progress::Unsealing => Some(LockChange::TurningOff),
        }
    }

    fn read_header(&self) -> Result<Option<Header>, LockError> {
        match self.backend.get(LOCK_KEY)? {
            None => Ok(None),
            Some(raw) => Header::decode(&raw).map(Some).map_err(|e| LockError::Header(e.to_string())),
        }
    }

    /// Unlocks with the key-encryption key derived from the passphrase and
    /// the header's [`KdfParams`] ([`super::derive_kek`]); then call
    /// [`Store::open`].
    pub fn unlock(&mut self, kek: &[u8; 32]) -> Result<(), LockError> {
        let header = self.read_header()?.ok_or(LockError::NotLocked)?;
        let key = DataKey::unwrap(kek, header.key_id, &header.wrapped)?;
        self.lock = LockState { header: Some(header), key: Some(key) };
        Ok(())
    }

    /// Drops the key (it is zeroed in memory) and what this store had read:
    /// nothing can be read or saved until [`Store::unlock`]. The page should
    /// drop its copy of the journal too.
    pub fn lock(&mut self) {
        if self.lock.header.is_some() {
            self.lock.key = None;
            self.spots.clear();
            self.held.clear();
        }
    }

    fn check_lockable(&self) -> Result<(), LockError> {
        match &self.read_only {
            Some(why) => Err(LockError::Storage(SaveError::ReadOnly(why.clone()))),
            None => Ok(()),
        }
    }

    /// Turns the lock on: every value is encrypted with a new data key,
    /// which `kek` (from the new passphrase and `kdf`, [`KdfParams::fresh`])
    /// wraps. Refused before anything is written if the encrypted journal
    /// would not fit. If it stops part way ([`LockError::Storage`]), every
    /// record is still readable with the passphrase, and
    /// [`Store::finish_lock_change`] finishes it.
    pub fn turn_lock_on(&mut self, kek: &[u8; 32], kdf: KdfParams) -> Result<(), LockError> {
        self.check_lockable()?;
        if self.lock.locked() {
            return Err(LockError::Locked);
        }
        if self.read_header()?.is_some() {
            return Err(LockError::AlreadyLocked);
        }
        let key = DataKey::generate()?;
        let header = Header { kdf, key_id: key.id, wrapped: key.wrap(kek)?, progress: Progress::Sealing };
        let needed = self.room_to_seal(key.id, Some(&header))?;
        if needed > 0 {
            return Err(LockError::NoRoom { needed });
        }
        self.backend.set(LOCK_KEY, &header.encode()).map_err(full_is_no_room)?;
        self.lock = LockState { header: Some(header), key: Some(key) };
        self.seal_everything()
    }

    /// Removes the lock, after checking the passphrase (`kek`, derived with
    /// the header's parameters): every value is decrypted in place.
    pub fn remove_lock(&mut self, kek: &[u8; 32]) -> Result<(), LockError> {
        self.check_lockable()?;
        let mut header = self.read_header()?.ok_or(LockError::NotLocked)?;
        let key = DataKey::unwrap(kek, header.key_id, &header.wrapped)?;
        header.progress = Progress::Unsealing;
        // (Storage full to the last few units: nothing changed yet.)
        self.backend.set(LOCK_KEY, &header.encode())?;
        self.lock = LockState { header: Some(header), key: Some(key) };
        self.unseal_everything()
    }

    /// A new passphrase: the data key is wrapped again (one write); nothing
    /// else changes. `old_kek` proves the old passphrase.
    pub fn change_passphrase(
        &mut self,
        old_kek: &[u8; 32],
        new_kek: &[u8; 32],
        kdf: KdfParams,
    ) -> Result<(), LockError> {
        self.check_lockable()?;
        let header = self.read_header()?.ok_or(LockError::NotLocked)?;
        let key = DataKey::unwrap(old_kek, header.key_id, &header.wrapped)?;
        let header = Header { kdf, wrapped: key.wrap(new_kek)?, ..header };
        self.backend.set(LOCK_KEY, &header.encode())?;
        self.lock = LockState { header: Some(header), key: Some(key) };
        Ok(())
    }

    /// Finishes turning the lock on or off after it was cut short (the tab
    /// closed; [`crate::store::Problem::LockChangeCutShort`]). Needs the key
    /// ([`Store::unlock`]); then reopen.
    pub fn finish_lock_change(&mut self) -> Result<(), LockError> {
        self.check_lockable()?;
        let header = self.read_header()?.ok_or(LockError::NotLocked)?;
        if self.lock.key.as_ref().is_none_or(|k| k.id != header.key_id) {
            return Err(LockError::Locked);
        }
        let progress = header.progress;
        self.lock.header = Some(header);
        match progress {
            Progress::Sealed => Ok(()),
            Progress::Sealing => self.seal_everything(),
            Progress::Unsealing => self.unseal_everything(),
        }
    }

    /// Before writing a tab's copy back (or a backup) into storage that was
    /// emptied while this tab held the key: puts the header back as this tab
    /// last read it, so what is written is encrypted as before, and opens
    /// with the same passphrase. (Without it, a tab holding a key refuses to
    /// write: the header's absence could also mean the lock was removed.)
    pub(crate) fn restore_emptied_lock(&mut self) -> Result<(), SaveError> {
        let (Some(header), Some(_)) = (&self.lock.header, &self.lock.key) else { return Ok(()) };
        if self.backend.get(LOCK_KEY)?.is_some() || self.backend.get(META_KEY)?.is_some() {
            return Ok(());
        }
        if header.progress == Progress::Unsealing {
            // It was being removed: the copy goes back plain.
            self.lock = LockState::default();
            return Ok(());
        }
        let header = Header { progress: Progress::Sealed, ..header.clone() };
        self.backend.set(LOCK_KEY, &header.encode())?;
        self.backend.set(META_KEY, &encode_meta_for(true))?;
        self.lock.header = Some(header);
        Ok(())
    }

    /// The keys whose values the lock encrypts.
    fn sealable_keys(&self) -> Result<Vec<String>, BackendError> {
        let mut keys: Vec<String> = self
            .backend
            .keys()?
            .into_iter()
            .filter(|k| matches!(classify(k), Some(KeyKind::Single(_) | KeyKind::Month(_) | KeyKind::Quarantine)))
            .collect();
        sort(&mut keys);
        Ok(keys)
    }

    /// How many more units sealing what is not yet sealed needs than storage
    /// has free (0 when it fits, or the quota is not known). `header` is
    /// the header still to be written.
    fn room_to_seal(&self, key_id: u32, header: Option<&Header>) -> Result<usize, LockError> {
        let Some(quota) = self.backend.quota() else { return Ok(0) };
        let used = self.usage()?.origin;
        let a = self.backend.accounting();
        let mut growth = header.map_or(0, |h| a.entry(LOCK_KEY, &h.encode()));
        let meta = self.backend.get(META_KEY)?;
        let locked_meta = a.entry(META_KEY, &encode_meta_for(true));
        growth += locked_meta.saturating_sub(meta.map_or(0, |m| a.entry(META_KEY, &m)));
        for key in self.sealable_keys()? {
            let Some(raw) = self.backend.get(&key)? else { continue };
            if seal::key_id_of(&raw) != Some(key_id) {
                growth += seal::sealed_units(&raw, a).saturating_sub(a.units(&raw));
            }
        }
        Ok((used + growth).saturating_sub(quota))
    }

    /// Seals every value not sealed yet, then marks the lock done; if
    /// storage fills up, opens them all again.
    fn seal_everything(&mut self) -> Result<(), LockError> {
        let Some(key_id) = self.lock.key.as_ref().map(|k| k.id) else { return Err(LockError::Locked) };
        let needed = self.room_to_seal(key_id, None)?;
        let outcome = match needed {
            0 => self.seal_pass(),
            needed => Err(LockError::NoRoom { needed }),
        };
        match outcome {
            Err(LockError::NoRoom { needed }) => {
                // Roll back: opening values only frees space.
                self.unseal_everything()?;
                Err(LockError::NoRoom { needed: needed.max(1) })
            }
            other => other,
        }
    }

    fn seal_pass(&mut self) -> Result<(), LockError> {
        let Some(key) = self.lock.key.as_ref() else { return Err(LockError::Locked) };
        let meta = encode_meta_for(true);
        if self.backend.get(META_KEY)?.as_deref() != Some(meta.as_str()) {
            self.backend.set(META_KEY, &meta).map_err(full_is_no_room)?;
        }
        for _ in 0..MAX_PASSES {
            let mut wrote = false;
            for name in self.sealable_keys()? {
                let Some(raw) = self.backend.get(&name)? else { continue };
                if seal::key_id_of(&raw) == Some(key.id) {
                    continue;
                }
                self.backend.set(&name, &key.seal(&name, &raw)?).map_err(full_is_no_room)?;
                wrote = true;
            }
            if !wrote {
                break;
            }
        }
        let Some(mut header) = self.lock.header.clone() else { return Err(LockError::NotLocked) };
        header.progress = Progress::Sealed;
        self.backend.set(LOCK_KEY, &header.encode()).map_err(full_is_no_room)?;
        self.lock.header = Some(header);
        Ok(())
    }

    /// Opens every value sealed with this store's key, then writes the plain
    /// meta value and removes the header. A sealed value that does not open
    /// (changed since) is left as it is: it was unreadable with the key too.
    fn unseal_everything(&mut self) -> Result<(), LockError> {
        let Some(key_id) = self.lock.key.as_ref().map(|k| k.id) else { return Err(LockError::Locked) };
        for _ in 0..MAX_PASSES {
            let mut wrote = false;
            for name in self.sealable_keys()? {
                let Some(raw) = self.backend.get(&name)? else { continue };
                if seal::key_id_of(&raw) != Some(key_id) {
                    continue;
                }
                if let Cow::Owned(value) = self.unsealed(&name, &raw) {
                    self.backend.set(&name, &value)?;
                    wrote = true;
                }
            }
            if !wrote {
                break;
            }
        }
        let meta = encode_meta_for(false);
        if self.backend.get(META_KEY)?.is_some_and(|m| m != meta) {
            self.backend.set(META_KEY, &meta)?;
        }
        self.backend.remove(LOCK_KEY)?;
        self.lock = LockState::default();
        Ok(())
    }
}

fn full_is_no_room(e: BackendError) -> LockError {
    match e {
        BackendError::QuotaExceeded => LockError::NoRoom { needed: 1 },
        other => LockError::Storage(other.into()),
    }
}
