//! The app's shared state: the journal in memory and the one way to change it.
//!
//! Every change is an [`Op`], stamped with a new revision and saved with
//! compare-and-set. A save refused because the record changed elsewhere
//! leaves memory showing the stored version and returns the conflict to the
//! form, which stays open with what the user typed. A save that fails for
//! another reason (a full quota) is kept on screen as "unsaved", one entry
//! per record, and can be retried.

use std::fmt;

use leptos::prelude::*;

use super::platform::now_ms;
use crate::model::review::{SETTINGS_ID, Settings};
use crate::model::safekeeping::snoozed_until;
use crate::model::{AnyRecord, Change, Id, Journal, Op, RecordKind};
use crate::store::backup::{Backup, Contents, Preview};
use crate::store::{
    BackendError, Conflict, LocalStorageBackend, LockStatus, MemoryBackend, Problem, Reloaded, SaveError, SetAside,
    Store,
};

mod lock;

/// A change that is on screen but not in storage.
#[derive(Clone, Debug, PartialEq)]
pub struct Unsaved {
    pub op: Op,
    /// What it is, e.g. "the call with Ana on 5 Mar 2026".
    pub what: String,
    pub why: String,
    /// The record changed elsewhere since: saving it as it is would
    /// overwrite that, so the user chooses.
    pub conflict: Option<Box<Conflict>>,
}

/// A backup, ready to download.
pub struct BackupFile {
    pub name: String,
    pub text: String,
    /// What could not be read, and so is not in it.
    pub left_out: Vec<String>,
}

/// Old years archived: how many interactions, to which file, and the room
/// it freed.
#[derive(Clone, Debug, PartialEq)]
pub struct Archived {
    pub interactions: usize,
    pub file_name: String,
    /// In the engine's units.
    pub freed: usize,
    /// Storage as it is now.
    pub usage: Option<crate::store::Usage>,
    /// Months that could not be read, and so were neither archived nor removed.
    pub left_out: Vec<String>,
    /// Puts the archived interactions back (see [`AppState::undo_archive`]).
    pub undo: Op,
}

/// What to do with an opened backup.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Restore {
    /// Per record, the later version of either side; deletions of either.
    Merge,
    /// The journal becomes exactly the file.
    Replace,
}

/// A short message with an optional undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub text: String,
    /// The change that undoes the one just made.
    pub undo: Option<Op>,
}

/// Why a change was not saved.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveFailure {
    /// The record changed elsewhere; nothing was written and the journal
    /// now shows the stored version.
    Conflict(Box<Conflict>),
    /// Kept on screen and in the unsaved list.
    NotSaved(String),
}

impl fmt::Display for SaveFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveFailure::Conflict(c) => SaveError::Conflict(c.clone()).fmt(f),
            SaveFailure::NotSaved(why) => f.write_str(why),
        }
    }
}

/// The shared state; `Copy`, so components take it with `expect_context`.
#[derive(Clone, Copy)]
pub struct AppState {
    pub journal: ReadSignal<Journal>,
    /// Everyone's id and name, sorted by name: changes only when people do,
    /// so pickers do not re-render on every journal change.
    pub people_names: Memo<Vec<(Id, String)>>,
    store: StoredValue<Store, LocalStorage>,
    /// This tab, in the revisions it writes.
    writer: u32,
    /// Problems found reading storage, until dismissed.
    pub problems: ReadSignal<Vec<Problem>>,
    pub unsaved: ReadSignal<Vec<Unsaved>>,
    /// Why nothing can be saved (storage blocked, newer data), if so.
    pub read_only: ReadSignal<Option<String>>,
    /// Set when the browser gives no storage: the journal lives in memory only.
    pub memory_only: ReadSignal<Option<String>>,
    pub toast: ReadSignal<Option<Toast>>,
    /// Notified whenever storage may hold different set-aside items.
    pub storage_changed: Trigger,
    /// The write halves of the signals above: components read the state,
    /// and change it only through the methods here.
    write: Writers,
    /// Whether this tab has asked the browser to keep its storage.
    asked_persistence: StoredValue<bool>,
    /// Where the journal stands with its lock (see `state/lock.rs`).
    pub lock: ReadSignal<LockStatus>,
}

#[derive(Clone, Copy)]
struct Writers {
    journal: WriteSignal<Journal>,
    problems: WriteSignal<Vec<Problem>>,
    unsaved: WriteSignal<Vec<Unsaved>>,
    read_only: WriteSignal<Option<String>>,
    toast: WriteSignal<Option<Toast>>,
    lock: WriteSignal<LockStatus>,
}

impl AppState {
    /// Opens the browser's storage, or memory when the browser refuses it.
    /// Storage holding a journal is read with the serial code: see
    /// [`AppState::must_wait_for_serial`].
    pub fn open_browser() -> AppState {
        let writer = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
        match LocalStorageBackend::open() {
            Ok(backend) => AppState::open(Store::new(backend), None, writer),
            Err(e) => AppState::open(Store::new(MemoryBackend::new()), Some(unavailable_reason(&e)), writer),
        }
    }

    /// Whether the browser's storage holds a journal to read, and the
    /// serial code has not come ([`Store::must_wait_for_serial`]).
    pub fn must_wait_for_serial() -> bool {
        LocalStorageBackend::open().is_ok_and(|backend| Store::new(backend).must_wait_for_serial())
    }

    pub fn open(mut store: Store, memory_only: Option<String>, writer: u32) -> AppState {
        let mut opened = store.open();
        // A locked journal shows the unlock screen, not a problem.
        opened.problems.retain(|p| *p != Problem::Locked);
        let (lock, write_lock) = signal(store.lock_status());
        let read_only = store.read_only().map(str::to_owned);
        let (journal, write_journal) = signal(opened.journal);
        let (problems, write_problems) = signal(opened.problems);
        let (unsaved, write_unsaved) = signal(Vec::new());
        let (read_only, write_read_only) = signal(read_only);
        let (toast, write_toast) = signal(None);
        AppState {
            journal,
            people_names: Memo::new(move |_| {
                journal.with(|j| j.people_by_name().into_iter().map(|p| (p.id, p.name.clone())).collect())
            }),
            store: StoredValue::new_local(store),
            writer,
            problems,
            unsaved,
            read_only,
            memory_only: signal(memory_only).0,
            toast,
            asked_persistence: StoredValue::new(false),
            write: Writers {
                journal: write_journal,
                problems: write_problems,
                unsaved: write_unsaved,
                read_only: write_read_only,
                toast: write_toast,
                lock: write_lock,
            },
            lock,
            storage_changed: Trigger::new(),
        }
    }

    /// Everyone as `(id, name)` choices for a [`super::widgets::ChoiceField`].
    pub fn people_choices(&self) -> Signal<Vec<(String, String)>> {
        let names = self.people_names;
        Signal::derive(move || names.get().into_iter().map(|(id, name)| (id.to_string(), name)).collect())
    }

    /// Every chain as `(id, name)` choices.
    pub fn chain_choices(&self) -> Signal<Vec<(String, String)>> {
        let journal = self.journal;
        Signal::derive(move || {
            journal.with(|j| j.chains().iter().map(|c| (c.id.to_string(), c.name.clone())).collect())
        })
    }

    /// Saves a change and applies it on screen. On success, returns the op
    /// that undoes it.
    pub fn commit(&self, mut op: Op) -> Result<Op, SaveFailure> {
        // A record with a change still unsaved: this change replaces that
        // one, so it is based on what is stored, not on the unsaved copy.
        let queued = op.subject().and_then(|subject| self.queued(subject));
        if let Some(queued) = &queued {
            op.rebase_on(&queued.op);
        }
        op.stamp(now_ms(), self.writer);
        let (what, undo) = self.journal.with_untracked(|j| (op.describe(j), op.undo(j)));
        match self.store.try_update_value(|s| s.apply(&op)) {
            Some(Ok(())) => {
                self.write.journal.update(|j| op.apply_to(j));
                self.forget_unsaved(op.subject());
                self.ask_persistence_once();
                Ok(undo)
            }
            Some(Err(SaveError::Conflict(conflict))) => {
                // The changes before the refused one were written (the people
                // an interaction introduces): show them too.
                let refused = op.changes.iter().position(|c| (c.kind(), c.id()) == (conflict.kind, conflict.id));
                let written = Op { changes: op.changes[..refused.unwrap_or(0)].to_vec() };
                self.write.journal.update(|j| written.apply_to(j));
                self.show_stored(&conflict);
                Err(SaveFailure::Conflict(conflict))
            }
            Some(Err(e)) => {
                self.after_failed_save();
                let why = e.to_string();
                self.write.journal.update(|j| op.apply_to(j));
                self.forget_unsaved(op.subject());
                self.write.unsaved.update(|u| u.push(Unsaved { op, what, why: why.clone(), conflict: None }));
                Err(SaveFailure::NotSaved(why))
            }
            None => Err(SaveFailure::NotSaved("the app is closing".into())),
        }
    }

    /// Saves many records at once (an import), all or nothing: on any
    /// failure nothing is written or shown, and the message says why. A
    /// record changed in another tab shows its stored version, so a new
    /// preview is based on it. Returns the op that undoes it.
    pub fn commit_together(&self, mut op: Op) -> Result<Op, String> {
        op.stamp(now_ms(), self.writer);
        let undo = self.journal.with_untracked(|j| op.undo(j));
        match self.store.try_update_value(|s| s.apply_together(&op)) {
            Some(Ok(())) => {
                self.write.journal.update(|j| op.apply_to(j));
                self.ask_persistence_once();
                Ok(undo)
            }
            Some(Err(SaveError::Conflict(conflict))) => {
                self.show_stored(&conflict);
                Err(SaveFailure::Conflict(conflict).to_string())
            }
            Some(Err(e)) => {
                self.after_failed_save();
                Err(e.to_string())
            }
            None => Err("the app is closing".into()),
        }
    }

    /// Saves a one-click change (a status, a rating, a move). If the record
    /// changed elsewhere, the screen now shows that version and a message
    /// says the click was not applied; the user can simply click again.
    pub fn act(&self, op: Op) {
        if let Err(SaveFailure::Conflict(conflict)) = self.commit(op) {
            let text =
                format!("Not applied: {}. The screen shows the latest version now.", SaveFailure::Conflict(conflict));
            self.show_message(text);
        }
    }

    /// A one-click change to one record: the journal's current copy of it,
    /// edited and saved as [`AppState::act`] saves. Nothing if it is gone.
    pub fn edit<T: crate::model::Record>(&self, id: Id, edit: impl FnOnce(&mut T)) {
        let Some(mut record) = self.journal.with_untracked(|j| T::KIND.find(j, id)).and_then(T::from_any) else {
            return;
        };
        edit(&mut record);
        self.act(Op::update(record));
    }

    /// After the first save of a tab: there is now something worth keeping.
    fn ask_persistence_once(&self) {
        if !self.asked_persistence.get_value() {
            self.asked_persistence.set_value(true);
            super::platform::ask_persistent_storage();
        }
    }

    /// Marks an interaction's expectation met, missed, or open again.
    pub fn settle_expectation(&self, interaction: &crate::model::Interaction, status: crate::model::FollowUp) {
        let mut updated = interaction.clone();
        if let Some(e) = updated.expectation.as_mut() {
            e.settle(status, super::platform::now().date());
        }
        self.act(Op::update(updated));
    }

    /// Saves this tab's version over the stored one the conflict showed.
    pub fn keep_mine(&self, conflict: &Conflict) -> Result<Op, SaveFailure> {
        let op = match (&conflict.mine, conflict.theirs_rev) {
            (Some(mine), Some(theirs)) => Op::restore(mine.clone(), theirs),
            (Some(mine), None) => Op::create(mine.clone()),
            (None, Some(theirs)) => Op {
                changes: vec![Change::Delete {
                    kind: conflict.kind,
                    id: conflict.id,
                    base: theirs,
                    rev: theirs,
                    archived: false,
                }],
            },
            (None, None) => return Ok(Op { changes: Vec::new() }),
        };
        self.commit(op)
    }

    /// Saves a field-by-field merge of the two versions.
    pub fn save_merged(&self, merged: AnyRecord) -> Result<Op, SaveFailure> {
        self.commit(Op::update(merged))
    }

    /// Makes the journal show the stored version after a refused save.
    fn show_stored(&self, conflict: &Conflict) {
        self.write.journal.update(|j| match &conflict.theirs {
            Some(theirs) => theirs.clone().put(j),
            None => conflict.kind.remove(j, conflict.id),
        });
    }

    fn queued(&self, subject: (RecordKind, Id)) -> Option<Unsaved> {
        self.unsaved.with_untracked(|u| u.iter().find(|item| item.op.subject() == Some(subject)).cloned())
    }

    fn forget_unsaved(&self, subject: Option<(RecordKind, Id)>) {
        if self.unsaved.with_untracked(|u| u.iter().any(|item| item.op.subject() == subject)) {
            self.write.unsaved.update(|u| u.retain(|item| item.op.subject() != subject));
        }
    }

    fn after_failed_save(&self) {
        let read_only = self.store.with_value(|s| s.read_only().map(str::to_owned));
        if read_only.is_some() {
            self.write.read_only.set(read_only);
        }
    }

    /// Deletes an interaction and offers to undo it.
    pub fn delete_interaction(&self, record: &crate::model::Interaction) -> Result<(), SaveFailure> {
        let what = self.journal.with_untracked(|j| crate::model::describe_interaction(record, j));
        self.delete_with_undo(Op::delete(record), &what)
    }

    /// Makes a deletion and offers to undo it in the toast: nothing typed is
    /// lost to a slip of the mouse.
    pub fn delete_with_undo(&self, delete: Op, what: &str) -> Result<(), SaveFailure> {
        let undo = match self.commit(delete) {
            Ok(undo) => Some(undo),
            Err(SaveFailure::NotSaved(_)) => None,
            Err(failure) => {
                let text = format!("Not deleted: {failure}. The screen shows the latest version now.");
                self.show_message(text);
                return Err(failure);
            }
        };
        self.write.toast.set(Some(Toast { text: format!("Deleted {what}."), undo }));
        request_animation_frame(|| super::platform::focus("undo"));
        Ok(())
    }

    /// Shows a short message in the toast.
    pub fn show_message(&self, text: String) {
        self.write.toast.set(Some(Toast { text, undo: None }));
    }

    pub fn close_message(&self) {
        self.write.toast.set(None);
    }

    pub fn undo(&self) {
        let Some(op) = self.toast.get_untracked().and_then(|t| t.undo) else { return };
        let text = match self.commit(op) {
            Ok(_) => "Restored.".to_owned(),
            Err(failure) => format!("Could not undo: {failure}."),
        };
        self.show_message(text);
    }

    /// Tries every unsaved change again; keeps those that fail, and marks
    /// those whose record changed elsewhere since.
    pub fn retry_unsaved(&self) {
        let pending = self.unsaved.get_untracked();
        let mut still = Vec::new();
        for mut item in pending.into_iter().filter(|item| item.conflict.is_none()) {
            match self.store.try_update_value(|s| s.apply(&item.op)) {
                Some(Ok(())) | None => {}
                Some(Err(SaveError::Conflict(conflict))) => {
                    item.why = SaveError::Conflict(conflict.clone()).to_string();
                    self.show_stored(&conflict);
                    item.conflict = Some(conflict);
                    still.push(item);
                }
                Some(Err(e)) => {
                    item.why = e.to_string();
                    still.push(item);
                }
            }
        }
        still.extend(self.unsaved.get_untracked().into_iter().filter(|item| item.conflict.is_some()));
        self.after_failed_save();
        self.write.unsaved.set(still);
    }

    /// An unsaved change whose record changed elsewhere: save it over the
    /// other version after all.
    pub fn keep_unsaved(&self, index: usize) {
        let Some(item) = self.unsaved.with_untracked(|u| u.get(index).cloned()) else { return };
        self.write.unsaved.update(|u| {
            u.remove(index);
        });
        let Some(conflict) = item.conflict else { return };
        // Only the record that changed elsewhere is restamped over the other
        // version; the op's other changes stay as they were, so those already
        // stored count as saved.
        let mut op = item.op;
        for change in op.changes.iter_mut().filter(|c| (c.kind(), c.id()) == (conflict.kind, conflict.id)) {
            change.set_base(conflict.theirs_rev);
            change.stamp(now_ms(), self.writer);
        }
        match self.store.try_update_value(|s| s.apply(&op)) {
            Some(Ok(())) => self.write.journal.update(|j| op.apply_to(j)),
            Some(Err(e)) => {
                let why = e.to_string();
                let conflict = match e {
                    SaveError::Conflict(c) => Some(c),
                    _ => None,
                };
                self.write.unsaved.update(|u| u.push(Unsaved { op, what: item.what, why, conflict }));
            }
            None => {}
        }
    }

    /// Drops an unsaved change the user no longer wants.
    pub fn discard_unsaved(&self, index: usize) {
        self.write.unsaved.update(|u| {
            if index < u.len() {
                u.remove(index);
            }
        });
    }

    /// Applies what another tab saved (the `storage` event).
    pub fn other_tab_changed(&self, key: Option<&str>) {
        let Some(change) = self.store.try_update_value(|s| s.reload(key)) else { return };
        self.show_reloaded(change);
    }

    /// The serial code has come (an empty journal opens without it, see
    /// [`crate::serial`]): read what other tabs stored meanwhile, then save
    /// what waited for it.
    pub fn serial_arrived(&self) {
        if let Some(Some(change)) = self.store.try_update_value(|s| s.serial_arrived()) {
            self.show_reloaded(change);
        }
        if !self.unsaved.with_untracked(Vec::is_empty) {
            self.retry_unsaved();
        }
    }

    fn show_reloaded(&self, change: Reloaded) {
        match change {
            Reloaded::Kind(kind, records) => self.write.journal.update(|j| kind.replace(j, records)),
            Reloaded::Month(month, records) => self.write.journal.update(|j| j.replace_month(month, records)),
            Reloaded::Everything(opened) => {
                let opened = *opened;
                self.write.journal.set(opened.journal);
                self.write.problems.update(|p| p.extend(opened.problems));
            }
            // Another tab turned the lock on (or changed its key): this tab
            // holds no key now, and shows the unlock screen.
            Reloaded::Problem(Problem::Locked) => self.forget_journal(),
            Reloaded::Problem(problem) => {
                self.after_failed_save();
                self.report(problem);
            }
            Reloaded::Nothing => {}
        }
        self.refresh_lock();
        self.reapply_unsaved();
        self.storage_changed.notify();
    }

    /// What this tab could not save is still only in its memory: keep it on
    /// screen over what the other tab stored, unless the other tab changed
    /// that record since; then it waits for the user's choice.
    fn reapply_unsaved(&self) {
        if self.unsaved.with_untracked(Vec::is_empty) {
            return;
        }
        let mut pending = self.unsaved.get_untracked();
        self.write.journal.update(|j| {
            for item in pending.iter_mut().filter(|item| item.conflict.is_none()) {
                let moved_on = item.op.changes.iter().find(|c| {
                    let now = c.kind().find(j, c.id()).map(|r| r.rev());
                    now != c.base() && now != Some(c.rev())
                });
                match moved_on {
                    None => item.op.apply_to(j),
                    Some(change) => {
                        let theirs = change.kind().find(j, change.id());
                        let conflict = Conflict {
                            kind: change.kind(),
                            id: change.id(),
                            mine: match change {
                                Change::Put { record, .. } => Some(record.clone()),
                                Change::Delete { .. } => None,
                            },
                            base: change.base(),
                            theirs_rev: theirs.as_ref().map(AnyRecord::rev),
                            theirs,
                        };
                        item.why = SaveError::Conflict(Box::new(conflict.clone())).to_string();
                        item.conflict = Some(Box::new(conflict));
                    }
                }
            }
        });
        self.write.unsaved.set(pending);
    }

    fn report(&self, problem: Problem) {
        self.write.problems.update(|p| {
            if !p.contains(&problem) {
                p.push(problem)
            }
        })
    }

    pub fn dismiss_problem(&self, index: usize) {
        self.write.problems.update(|p| {
            if index < p.len() {
                p.remove(index);
            }
        });
    }

    /// Writes this tab's copy of the journal back into storage, after
    /// something else emptied it: every record whose stored version is older
    /// or missing. Returns how many were written.
    pub fn write_back(&self) -> Result<usize, String> {
        let records: Vec<AnyRecord> =
            self.journal.with_untracked(|j| RecordKind::ALL.iter().flat_map(|kind| kind.all(j)).collect());
        let written = self.store.try_update_value(|s| s.merge(records)).unwrap_or(Ok(0)).map_err(|e| e.to_string())?;
        self.write.problems.update(|p| p.retain(|problem| !matches!(problem, Problem::Disappeared { .. })));
        self.storage_changed.notify();
        Ok(written)
    }

    /// This tab's copy of every record, as a backup file (Data's Open a
    /// backup restores it), for a download after storage was emptied.
    pub fn copy_as_json(&self) -> String {
        let now = chrono::Utc::now().naive_utc();
        let backup = self.journal.with_untracked(|j| Backup::new(Contents::of_journal(j), now));
        // Encrypted like the journal when it has a lock.
        self.store.with_value(|s| s.encode_backup(&backup)).unwrap_or_else(|_| backup.encode())
    }

    // ---- backup ----

    /// The whole journal as a backup file.
    pub fn backup_file(&self) -> Result<BackupFile, String> {
        let now = chrono::Utc::now().naive_utc();
        let backup = self.store.with_value(|s| s.backup(now)).map_err(|e| e.to_string())?;
        let text = self.store.with_value(|s| s.encode_backup(&backup)).map_err(|e| e.to_string())?;
        Ok(BackupFile { name: backup.file_name(), text, left_out: backup.left_out })
    }

    /// Remembers that a backup was downloaded just now.
    pub fn note_backup(&self) {
        self.edit::<Settings>(SETTINGS_ID, |s| s.last_backup = Some(now_ms()));
    }

    /// Puts Home's suggestion to back up off for a week.
    pub fn snooze_backup(&self, today: chrono::NaiveDate) {
        self.edit::<Settings>(SETTINGS_ID, |s| s.backup_snoozed_until = Some(snoozed_until(today)));
    }

    /// What opening `backup` would change here; nothing is written.
    pub fn preview_backup(&self, backup: &Backup) -> Result<Preview, String> {
        self.store.with_value(|s| s.preview(backup)).map_err(|e| e.to_string())
    }

    /// Merges `backup` into the journal, or replaces the journal with it,
    /// then shows what storage holds: after a failure too, since part may
    /// have been written (running it again finishes it). Returns how many
    /// stored groups were written.
    pub fn restore(&self, backup: &Backup, how: Restore) -> Result<usize, String> {
        let outcome = self.store.try_update_value(|s| match how {
            Restore::Merge => s.merge_backup(backup),
            Restore::Replace => s.replace_with(backup),
        });
        if let Some(opened) = self.store.try_update_value(|s| s.open()) {
            self.write.journal.set(opened.journal);
            for problem in opened.problems {
                self.report(problem);
            }
        }
        self.after_failed_save();
        self.storage_changed.notify();
        match outcome {
            Some(Ok(restored)) => Ok(restored.groups_written),
            Some(Err(e)) => Err(e.to_string()),
            None => Err("the app is closing".to_owned()),
        }
    }

    // ---- data page ----

    pub fn set_aside_items(&self) -> Vec<SetAside> {
        self.storage_changed.track();
        self.store.with_value(|s| s.set_aside_items())
    }

    pub fn discard_set_aside(&self, key: &str) -> Result<(), String> {
        let outcome = self.store.try_update_value(|s| s.discard_set_aside(key)).unwrap_or(Ok(()));
        self.storage_changed.notify();
        self.write.problems.update(|p| p.retain(|problem| problem.download_key() != Some(key)));
        outcome.map_err(|e| e.to_string())
    }

    /// The value stored under `key`, exactly as stored.
    pub fn raw_value(&self, key: &str) -> Option<String> {
        self.store.with_value(|s| s.raw(key))
    }

    pub fn raw_values(&self) -> Vec<(String, String)> {
        self.store.with_value(|s| s.raw_values())
    }

    pub fn usage(&self) -> Option<crate::store::Usage> {
        self.storage_changed.track();
        self.journal.track();
        self.store.with_value(|s| s.usage().ok())
    }

    /// The space used, read once (untracked).
    pub fn store_usage(&self) -> Option<crate::store::Usage> {
        self.store.with_value(|s| s.usage().ok())
    }

    /// The space used and, past the warning line, the room left at the
    /// recent pace (read without tracking: call it from a tracked
    /// [`AppState::usage`] or once).
    pub fn storage_room(&self) -> Option<(crate::store::Usage, Option<crate::model::room::Room>)> {
        use crate::model::room::{nearly_full, room_left};
        let usage = self.store.with_value(|s| s.usage().ok())?;
        if !nearly_full(usage.origin, usage.quota) {
            return Some((usage, None));
        }
        let months = self.month_sizes()?;
        let today = crate::model::Month::of(super::platform::now().date());
        Some((usage, room_left(usage.free(), &months, today)))
    }

    /// Each stored month: what it costs, and how many interactions it shows.
    fn month_sizes(&self) -> Option<Vec<crate::model::room::MonthSize>> {
        use crate::model::Record;
        let costs = self.store.with_value(|s| s.month_costs().ok())?;
        let counts = self.journal.with_untracked(|j| {
            let mut counts = std::collections::BTreeMap::new();
            for month in j.interactions().filter_map(Record::month) {
                *counts.entry(month).or_insert(0usize) += 1;
            }
            counts
        });
        let sizes = costs.into_iter().map(|(month, units)| crate::model::room::MonthSize {
            month,
            units,
            interactions: counts.get(&month).copied().unwrap_or(0),
        });
        Some(sizes.collect())
    }

    // ---- archive ----

    /// What Data → Archive old years offers: a year per choice, with how
    /// many interactions come before it and about how much room archiving
    /// them frees (tracks the journal and storage).
    pub fn archive_choices(&self) -> Vec<crate::model::archive::YearChoice> {
        self.journal.track();
        self.storage_changed.track();
        let cost = self.store.with_value(Store::archive_cost);
        self.month_sizes().map(|months| crate::model::archive::year_choices(&months, cost)).unwrap_or_default()
    }

    /// Archives the interactions before 1 January `year`: downloads a file
    /// of exactly them (a backup file, encrypted like Download a backup
    /// when the lock is on), then removes them here, one all-or-nothing
    /// write per month. Nothing is removed if the file could not be made or
    /// downloaded; the error says what happened.
    pub fn archive(&self, year: i32) -> Result<Archived, String> {
        use crate::model::{Interaction, Record};
        let before = crate::model::Month { year, month: 1 };
        let now = chrono::Utc::now().naive_utc();
        let file = self.store.try_update_value(|s| {
            let backup = s.archive_backup(before, now).map_err(|e| e.to_string())?;
            let text = s.encode_backup(&backup).map_err(|e| e.to_string())?;
            Ok::<_, String>((backup, text))
        });
        let (backup, text) = file.unwrap_or_else(|| Err("the app is closing".into()))?;
        let records: Vec<Interaction> = backup
            .contents
            .kind(RecordKind::Interaction)
            .records
            .iter()
            .cloned()
            .filter_map(Interaction::from_any)
            .collect();
        if records.is_empty() {
            return Err(format!("no interaction is stored before 1 January {year}"));
        }
        let name = crate::model::archive::file_name(year);
        if !super::platform::download(&name, &text, "application/json") {
            return Err("the browser refused the download, so nothing was removed".into());
        }
        let used = |state: &AppState| state.store.with_value(|s| s.usage().map(|u| u.ours).unwrap_or(0));
        let before_units = used(self);
        let undo = self
            .commit_together(Op::archive(&records))
            .map_err(|why| format!("{name} was downloaded, but nothing was removed here: {why}"))?;
        self.storage_changed.notify();
        let usage = self.store.with_value(|s| s.usage().ok());
        Ok(Archived {
            interactions: records.len(),
            file_name: name,
            freed: before_units.saturating_sub(used(self)),
            usage,
            left_out: backup.left_out,
            undo,
        })
    }

    /// Puts the interactions of an archive back, as they were, in one
    /// all-or-nothing write per month. Refused (nothing written) if one of
    /// them changed since, as when another tab merged the file back.
    pub fn undo_archive(&self, undo: Op) -> Result<usize, String> {
        let count = undo.changes.len();
        self.commit_together(undo)?;
        self.storage_changed.notify();
        Ok(count)
    }
}

fn unavailable_reason(e: &BackendError) -> String {
    format!(
        "This browser is not letting Rapport keep data ({e}). You can use the journal, but everything is lost when this tab closes. Private windows and strict privacy settings do this; open Rapport in a normal window to keep your journal."
    )
}
