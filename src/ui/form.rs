//! The one form pattern. A form keeps what the user typed in one draft
//! signal, binds each input to a field of it with [`field`], and keeps a
//! [`FormState`] beside it: the messages next to fields, the status line and
//! the conflict panel. [`FormState::submit`] is the one way a form saves:
//! validate, commit, say what happened, and on a mistake put the keyboard on
//! the first field to mend.

use leptos::prelude::*;

use super::conflict::ConflictSlot;
use super::platform::focus;
use super::state::{AppState, SaveFailure};
use crate::model::{Field, FieldError, Op, message_for};

/// What the last action came to, for the status line.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Status {
    /// Done as asked (read as a confirmation), or not (read as a problem).
    pub ok: bool,
    pub text: String,
}

impl Status {
    pub fn done(text: impl Into<String>) -> Status {
        Status { ok: true, text: text.into() }
    }

    pub fn problem(text: impl Into<String>) -> Status {
        Status { ok: false, text: text.into() }
    }

    /// A change storage refused (a full quota): it stays on screen, and in
    /// the unsaved list until a retry succeeds.
    pub fn not_saved(why: &str) -> Status {
        Status::problem(format!("Kept on screen, but not saved: {why}."))
    }

    /// Validation found fields to mend.
    pub fn check_fields() -> Status {
        Status::problem("Not saved: please check the fields marked below.")
    }
}

/// Where a submitted change stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Submitted {
    Saved,
    /// On screen and in the unsaved list: the form is done with it too.
    KeptUnsaved,
    /// Not applied: a field to mend, or a conflict to settle in the form.
    Held,
}

impl Submitted {
    /// The change is on screen now, so an add form can start afresh.
    pub fn applied(self) -> bool {
        self != Submitted::Held
    }
}

/// What every form keeps beside its draft.
#[derive(Clone, Copy)]
pub struct FormState {
    state: AppState,
    prefix: StoredValue<String>,
    errors: RwSignal<Vec<FieldError>>,
    pub status: RwSignal<Option<Status>>,
    pub conflict: ConflictSlot,
}

impl FormState {
    /// `prefix` keeps element ids unique when several forms are on a page.
    pub fn new(prefix: impl Into<String>) -> FormState {
        FormState {
            state: expect_context::<AppState>(),
            prefix: StoredValue::new(prefix.into()),
            errors: RwSignal::new(Vec::new()),
            status: RwSignal::new(None),
            conflict: RwSignal::new(None),
        }
    }

    /// The element id of the input of `field`.
    pub fn id(&self, field: Field) -> String {
        self.element(field.token())
    }

    /// The element id of another part of this form, such as a hint.
    pub fn element(&self, name: &str) -> String {
        format!("{}-{name}", self.prefix.read_value())
    }

    /// The message next to `field`, if the last submit left one.
    pub fn error(&self, field: Field) -> Signal<Option<String>> {
        let errors = self.errors;
        Signal::derive(move || message_for(&errors.read(), field))
    }

    /// The valid value, or None with the messages next to their fields and
    /// the keyboard on the first of them.
    pub fn check<T>(&self, validated: Result<T, Vec<FieldError>>) -> Option<T> {
        match validated {
            Ok(valid) => {
                self.errors.set(Vec::new());
                Some(valid)
            }
            Err(found) => {
                self.refuse(found);
                None
            }
        }
    }

    fn refuse(&self, found: Vec<FieldError>) {
        let first = found.first().map(|e| e.field);
        self.errors.set(found);
        self.status.set(Some(Status::check_fields()));
        if let Some(field) = first {
            focus(&self.id(field));
        }
    }

    /// The shared submit path: messages next to the fields and the keyboard
    /// on the first of them, or the change committed with `saved` as its
    /// status. A conflict opens the form's conflict panel instead.
    pub fn submit<T>(
        &self,
        validated: Result<T, Vec<FieldError>>,
        saved: impl Into<String>,
        op: impl FnOnce(T) -> Op,
    ) -> Submitted {
        match self.check(validated) {
            Some(valid) => self.save(op(valid), saved.into()),
            None => Submitted::Held,
        }
    }

    /// Commits a valid change; the part of [`FormState::submit`] that every
    /// form shares whatever it saves.
    fn save(&self, op: Op, saved: String) -> Submitted {
        match self.state.commit(op) {
            Ok(_) => {
                self.status.set(Some(Status::done(saved)));
                Submitted::Saved
            }
            Err(SaveFailure::Conflict(found)) => {
                self.status.set(None);
                self.conflict.set(Some(found));
                Submitted::Held
            }
            Err(SaveFailure::NotSaved(why)) => {
                self.status.set(Some(Status::not_saved(&why)));
                Submitted::KeptUnsaved
            }
        }
    }
}

/// One field of a form's draft, as the field widgets and `bind:` take it.
/// Reading goes through a memo, so typing in one field leaves the others'
/// inputs alone.
pub struct Bound<T: Send + Sync + 'static> {
    pub value: Signal<T>,
    pub set: SignalSetter<T>,
}

// By hand: a derive would ask `T: Copy`, and the two handles are Copy anyway.
impl<T: Send + Sync + 'static> Clone for Bound<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Bound<T> {}

impl<T: Send + Sync + 'static> From<RwSignal<T>> for Bound<T> {
    fn from(signal: RwSignal<T>) -> Bound<T> {
        Bound { value: signal.into(), set: signal.into() }
    }
}

/// Binds one field of `draft`: `get` reads it (converting to what the input
/// shows), `set` writes what the input gives back.
///
/// Plain function pointers rather than closures: the code is then made once
/// per draft and value type, not once per field (a few KB of wasm each).
pub fn field<D, T>(draft: RwSignal<D>, get: fn(&D) -> T, set: fn(&mut D, T)) -> Bound<T>
where
    D: Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Bound {
        value: Memo::new(move |_| draft.with(get)).into(),
        set: SignalSetter::map(move |value| draft.update(|d| set(d, value))),
    }
}

/// Binds a `String` field of a draft to its input: `text!(draft, notes)`.
macro_rules! text {
    ($draft:expr, $name:ident) => {
        $crate::ui::form::field($draft, |d| d.$name.clone(), |d, v| d.$name = v)
    };
}
pub(crate) use text;
