//! The app's shared state: the journal in memory and the one way to change it.
//!
//! Every change is an [`Op`]: applied to memory first (the user never loses
//! what they typed), then saved. A save that fails is kept as "unsaved" with
//! a message naming it, and can be retried.

use leptos::prelude::*;

use crate::model::{Id, Interaction, Journal, Op};
use crate::store::{BackendError, Change, LocalStorageBackend, MemoryBackend, Problem, SetAside, Store};

/// A change that is on screen but not in storage.
#[derive(Clone, Debug, PartialEq)]
pub struct Unsaved {
    pub op: Op,
    /// What it is, e.g. "the call with Ana on 5 Mar 2026".
    pub what: String,
    pub why: String,
}

/// A short message with an optional undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub text: String,
    /// The change that undoes the one just made.
    pub undo: Option<Op>,
}

/// The shared state; `Copy`, so components take it with `expect_context`.
#[derive(Clone, Copy)]
pub struct AppState {
    pub journal: RwSignal<Journal>,
    /// Everyone's id and name, sorted by name: changes only when people do,
    /// so pickers do not re-render on every journal change.
    pub people_names: Memo<Vec<(Id, String)>>,
    store: StoredValue<Store, LocalStorage>,
    /// Problems found reading storage, until dismissed.
    pub problems: RwSignal<Vec<Problem>>,
    pub unsaved: RwSignal<Vec<Unsaved>>,
    /// Why nothing can be saved (storage blocked, newer data), if so.
    pub read_only: RwSignal<Option<String>>,
    /// Set when the browser gives no storage: the journal lives in memory only.
    pub memory_only: RwSignal<Option<String>>,
    pub toast: RwSignal<Option<Toast>>,
    /// Bumped whenever storage may hold different set-aside items.
    pub storage_changed: RwSignal<u32>,
}

impl AppState {
    /// Opens the browser's storage, or memory when the browser refuses it.
    pub fn open_browser() -> AppState {
        match LocalStorageBackend::open() {
            Ok(backend) => AppState::open(Store::new(backend), None),
            Err(e) => AppState::open(Store::new(MemoryBackend::new()), Some(unavailable_reason(&e))),
        }
    }

    pub fn open(mut store: Store, memory_only: Option<String>) -> AppState {
        let opened = store.open();
        let read_only = store.read_only().map(str::to_owned);
        let journal = RwSignal::new(opened.journal);
        AppState {
            journal,
            people_names: Memo::new(move |_| {
                journal.with(|j| j.people_by_name().into_iter().map(|p| (p.id, p.name.clone())).collect())
            }),
            store: StoredValue::new_local(store),
            problems: RwSignal::new(opened.problems),
            unsaved: RwSignal::new(Vec::new()),
            read_only: RwSignal::new(read_only),
            memory_only: RwSignal::new(memory_only),
            toast: RwSignal::new(None),
            storage_changed: RwSignal::new(0),
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

    /// Applies a change in memory and saves it. Returns why it was not saved.
    pub fn commit(&self, op: Op) -> Result<(), String> {
        let what = self.journal.with_untracked(|j| op.describe(j));
        self.journal.update(|j| op.apply_to(j));
        match self.store.try_update_value(|s| s.apply(&op)) {
            Some(Ok(())) => Ok(()),
            Some(Err(e)) => {
                self.after_failed_save();
                let why = e.to_string();
                self.unsaved.update(|u| u.push(Unsaved { op, what, why: why.clone() }));
                Err(why)
            }
            None => Err("the app is closing".into()),
        }
    }

    fn after_failed_save(&self) {
        let read_only = self.store.with_value(|s| s.read_only().map(str::to_owned));
        if read_only.is_some() {
            self.read_only.set(read_only);
        }
    }

    /// Deletes an interaction and offers to undo it.
    pub fn delete_interaction(&self, record: Interaction) -> Result<(), String> {
        let what = self.journal.with_untracked(|j| crate::model::describe_interaction(&record, j));
        let undo = Op::PutInteraction { record: record.clone(), new_people: Vec::new(), previous: None };
        self.delete_with_undo(Op::DeleteInteraction(record), undo, &what)
    }

    /// Makes a deletion, and offers `undo` (putting the record back) in the
    /// toast: nothing typed is lost to a slip of the mouse.
    pub fn delete_with_undo(&self, delete: Op, undo: Op, what: &str) -> Result<(), String> {
        let result = self.commit(delete);
        self.toast.set(Some(Toast { text: format!("Deleted {what}."), undo: Some(undo) }));
        request_animation_frame(|| super::platform::focus("undo"));
        result
    }

    pub fn undo(&self) {
        if let Some(op) = self.toast.get_untracked().and_then(|t| t.undo) {
            let _ = self.commit(op);
            self.toast.set(Some(Toast { text: "Restored.".into(), undo: None }));
        }
    }

    /// Tries every unsaved change again, in order; keeps those that fail.
    pub fn retry_unsaved(&self) {
        let pending = self.unsaved.get_untracked();
        let mut still = Vec::new();
        for mut item in pending {
            if let Some(Err(e)) = self.store.try_update_value(|s| s.apply(&item.op)) {
                item.why = e.to_string();
                still.push(item);
            }
        }
        self.after_failed_save();
        self.unsaved.set(still);
    }

    /// Applies what another tab saved (the `storage` event).
    pub fn other_tab_changed(&self, key: Option<&str>) {
        let Some(change) = self.store.try_update_value(|s| s.reload(key)) else { return };
        match change {
            Change::Records(records) => self.journal.update(|j| records.apply_to(j)),
            Change::Month(month, records) => self.journal.update(|j| j.replace_month(month, records)),
            Change::Everything(opened) => {
                self.journal.set(opened.journal);
                self.problems.update(|p| p.extend(opened.problems));
            }
            Change::Problem(problem) => {
                self.after_failed_save();
                self.problems.update(|p| {
                    if !p.contains(&problem) {
                        p.push(problem)
                    }
                })
            }
            Change::Nothing => {}
        }
        // What this tab could not save is still only in its memory: keep it
        // on screen over what the other tab stored.
        self.unsaved.with_untracked(|pending| {
            if !pending.is_empty() {
                self.journal.update(|j| pending.iter().for_each(|u| u.op.apply_to(j)));
            }
        });
        self.storage_changed.update(|n| *n += 1);
    }

    pub fn dismiss_problem(&self, index: usize) {
        self.problems.update(|p| {
            if index < p.len() {
                p.remove(index);
            }
        });
    }

    // ---- data page ----

    pub fn set_aside_items(&self) -> Vec<SetAside> {
        self.storage_changed.track();
        self.store.with_value(|s| s.set_aside_items())
    }

    pub fn discard_set_aside(&self, key: &str) -> Result<(), String> {
        let outcome = self.store.try_update_value(|s| s.discard_set_aside(key)).unwrap_or(Ok(()));
        self.storage_changed.update(|n| *n += 1);
        self.problems.update(|p| p.retain(|problem| problem.download_key() != Some(key)));
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
}

fn unavailable_reason(e: &BackendError) -> String {
    format!(
        "This browser is not letting Rapport keep data ({e}). You can use the journal, but everything is lost when this tab closes. Private windows and strict privacy settings do this; open Rapport in a normal window to keep your journal."
    )
}
