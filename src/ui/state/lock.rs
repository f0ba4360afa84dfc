//! The lock, as the screens use it: unlock with the passphrase, lock now,
//! turn the lock on or off, change the passphrase. The key is derived by
//! the browser's WebCrypto (the only wait); the store does the rest at once.

use leptos::prelude::*;

use super::AppState;
use crate::model::Journal;
use crate::model::text::capitalise;
use crate::store::{KdfParams, LockError, LockStatus, Problem, derive_kek};
use crate::ui::on_demand::fetch_lock_code;

/// A lock error as a sentence to show.
fn sentence(e: &LockError) -> String {
    match e {
        LockError::WrongPassphrase => {
            "That passphrase does not open this journal. Check it (and Caps Lock) and try again.".to_owned()
        }
        other => format!("{}.", capitalise(&other.to_string())),
    }
}

impl AppState {
    /// Whether the journal is locked in this tab: nothing of it can be shown.
    pub fn is_locked(&self) -> bool {
        self.lock.with(|l| matches!(l, LockStatus::Locked { .. }))
    }

    /// Whether the journal has a lock (locked or not).
    pub fn has_lock(&self) -> bool {
        self.lock.with(|l| *l != LockStatus::Off)
    }

    pub(super) fn refresh_lock(&self) {
        let status = self.store.with_value(|s| s.lock_status());
        if self.lock.with_untracked(|l| *l != status) {
            self.write.lock.set(status);
        }
        if matches!(self.lock.get_untracked(), LockStatus::Locked { .. }) {
            self.forget_journal();
        }
    }

    /// Drops the journal from memory and from the page (the screens show
    /// the unlock form instead). Changes not saved stay in memory, to save
    /// once unlocked: they are the user's latest words.
    pub(super) fn forget_journal(&self) {
        self.write.journal.set(Journal::default());
        self.write.toast.set(None);
    }

    /// Drops the key: the journal is locked until the passphrase is entered.
    pub fn lock_now(&self) {
        self.store.update_value(|s| s.lock());
        self.refresh_lock();
    }

    /// The key-encryption key for `passphrase` with the journal's lock.
    async fn current_key(&self, passphrase: &str) -> Result<[u8; 32], String> {
        let kdf = self.store.with_value(|s| s.lock_kdf()).ok_or("The journal has no lock.")?;
        AppState::stretch(passphrase, &kdf).await
    }

    /// The key-encryption key for `passphrase` stretched with `kdf`, once
    /// the lock's cipher has come (fetched on first use; the unlock screen
    /// readies it while the passphrase is typed).
    pub async fn stretch(passphrase: &str, kdf: &KdfParams) -> Result<[u8; 32], String> {
        fetch_lock_code().await?;
        derive_kek(passphrase, kdf).await.map_err(|e| sentence(&e))
    }

    /// Unlocks with `passphrase` and reads the journal. A change of the lock
    /// cut short (the tab closed while turning it on or off) is finished;
    /// returns a message saying so.
    pub async fn unlock(self, passphrase: String) -> Result<Option<String>, String> {
        let kek = self.current_key(&passphrase).await?;
        self.store.try_update_value(|s| s.unlock(&kek)).unwrap_or(Err(LockError::Locked)).map_err(|e| sentence(&e))?;
        let mut opened = self.store.try_update_value(|s| s.open()).ok_or("The app is closing.")?;
        let cut_short = opened.problems.iter().find_map(|p| match p {
            Problem::LockChangeCutShort { turning_on } => Some(*turning_on),
            _ => None,
        });
        opened.problems.retain(|p| !matches!(p, Problem::Locked | Problem::LockChangeCutShort { .. }));
        self.write.problems.set(opened.problems);
        self.write.journal.set(opened.journal);
        let finished = cut_short.map(|turning_on| match self.store.try_update_value(|s| s.finish_lock_change()) {
            Some(Ok(())) if turning_on => "Finished turning the lock on: everything is encrypted now.".to_owned(),
            Some(Ok(())) => "Finished removing the lock: nothing is encrypted now.".to_owned(),
            Some(Err(e)) => format!("The lock change cut short earlier could not be finished: {}", sentence(&e)),
            None => String::new(),
        });
        self.after_failed_save();
        self.refresh_lock();
        self.storage_changed.notify();
        Ok(finished)
    }

    /// Encrypts everything stored with a new passphrase.
    pub async fn turn_lock_on(self, passphrase: String) -> Result<(), String> {
        let kdf = KdfParams::fresh().map_err(|e| sentence(&e))?;
        let kek = AppState::stretch(&passphrase, &kdf).await?;
        let done = self.store.try_update_value(|s| s.turn_lock_on(&kek, kdf)).unwrap_or(Err(LockError::Locked));
        self.after_lock_change(done)
    }

    /// Decrypts everything stored, after checking the passphrase.
    pub async fn remove_lock(self, passphrase: String) -> Result<(), String> {
        let kek = self.current_key(&passphrase).await?;
        let done = self.store.try_update_value(|s| s.remove_lock(&kek)).unwrap_or(Err(LockError::Locked));
        self.after_lock_change(done)
    }

    /// A new passphrase for the same key: nothing else is rewritten.
    pub async fn change_passphrase(self, old: String, new: String) -> Result<(), String> {
        let old_kek = self.current_key(&old).await?;
        let kdf = KdfParams::fresh().map_err(|e| sentence(&e))?;
        let new_kek = AppState::stretch(&new, &kdf).await?;
        let done = self
            .store
            .try_update_value(|s| s.change_passphrase(&old_kek, &new_kek, kdf))
            .unwrap_or(Err(LockError::Locked));
        self.after_lock_change(done)
    }

    fn after_lock_change(&self, done: Result<(), LockError>) -> Result<(), String> {
        self.after_failed_save();
        self.refresh_lock();
        self.storage_changed.notify();
        done.map_err(|e| sentence(&e))
    }
}
