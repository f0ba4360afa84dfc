//! What a form shows when the record it edits changed elsewhere: a note as
//! soon as another tab saves it, and, when a save is refused, the other
//! version with the user's ways on (keep mine, take the other, merge field
//! by field). The form stays open with what the user typed throughout.

use leptos::prelude::*;

use super::state::{AppState, SaveFailure};
use crate::model::merge::{FieldDiff, combine, differing_fields};
use crate::model::{AnyRecord, Id, RecordKind, Rev};
use crate::store::Conflict;

/// The conflict a form is showing, if any.
pub type ConflictSlot = RwSignal<Option<Box<Conflict>>>;

/// The records of a list whose editor is open, as they were when opened.
/// A list keeps showing them even when another tab deletes them, so the
/// editor, and what is typed in it, stays (and says the record is gone).
#[derive(Clone, Copy)]
pub struct OpenEditors(RwSignal<Vec<AnyRecord>>);

impl OpenEditors {
    pub fn new() -> OpenEditors {
        OpenEditors(RwSignal::new(Vec::new()))
    }

    pub fn open(&self, record: AnyRecord) {
        self.0.update(|open| {
            open.retain(|r| r.id() != record.id());
            open.push(record);
        });
    }

    pub fn close(&self, id: Id) {
        self.0.update(|open| open.retain(|r| r.id() != id));
    }

    /// The open records that `shown` leaves out.
    pub fn missing_from(&self, shown: impl Fn(Id) -> bool) -> Vec<AnyRecord> {
        self.0.with(|open| open.iter().filter(|r| !shown(r.id())).cloned().collect())
    }
}

/// Says so while the stored record is no longer the version the form was
/// opened with (`base`), before the user even tries to save.
#[component]
pub fn ChangedElsewhere(kind: RecordKind, id: Id, #[prop(into)] base: Signal<Rev>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let now = Memo::new(move |_| state.journal.with(|j| kind.find(j, id).map(|r| r.rev())));
    move || {
        let text = match now.get() {
            Some(rev) if rev == base.get() => return None,
            Some(_) => format!("This {} was changed in another tab since you opened it here.", kind.noun()),
            None => format!("This {} was deleted in another tab since you opened it here.", kind.noun()),
        };
        Some(view! { <p class="notice warning changed-elsewhere" role="status">{text}</p> })
    }
}

/// The refused save's conflict, with the three ways on. `base` is the
/// version the form was opened with; `on_settled` closes or resets the form
/// once the user's version is saved or the other one taken.
#[component]
pub fn ConflictPanel(
    conflict: ConflictSlot,
    #[prop(into, optional)] base: MaybeProp<AnyRecord>,
    #[prop(into)] on_settled: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let conflict_slot = conflict;
    let merging = RwSignal::new(false);
    let outcome = move |result: Result<crate::model::Op, SaveFailure>| match result {
        Ok(_) => {
            conflict_slot.set(None);
            merging.set(false);
            on_settled.run(());
        }
        Err(SaveFailure::Conflict(again)) => conflict_slot.set(Some(again)),
        Err(SaveFailure::NotSaved(_)) => {
            // Kept on screen and listed as unsaved, like any other change.
            conflict_slot.set(None);
            on_settled.run(());
        }
    };
    move || {
        let conflict = conflict_slot.get()?;
        let noun = conflict.kind.noun();
        let headline = SaveFailure::Conflict(conflict.clone()).to_string();
        let theirs = conflict.theirs.clone();
        let summary = theirs.as_ref().map(|t| state.journal.with_untracked(|j| t.describe(j)));
        let diffs = match (&conflict.mine, &theirs) {
            (Some(mine), Some(theirs)) => {
                let base = base.get_untracked().as_ref().map(AnyRecord::to_json);
                differing_fields(base.as_ref(), &mine.to_json(), &theirs.to_json())
            }
            _ => Vec::new(),
        };
        let can_merge = conflict.kind.merges_by_field() && !diffs.is_empty();
        let keep = {
            let conflict = conflict.clone();
            move |_| outcome(state.keep_mine(&conflict))
        };
        let take = move |_| {
            conflict_slot.set(None);
            on_settled.run(());
        };
        let merge_form = {
            let conflict = conflict.clone();
            let diffs = diffs.clone();
            move || merging.get().then(|| merge_view(&conflict, diffs.clone(), outcome))
        };
        Some(view! {
            <div class="notice warning conflict" role="alert">
                <p><strong>{format!("Not saved: {headline}.")}</strong> " What you typed is still in the form."</p>
                {summary.map(|s| view! { <p>{format!("The other version: {s}.")}</p> })}
                {(!diffs.is_empty()).then(|| diff_table(&diffs))}
                <div class="notice-actions">
                    <button type="button" on:click=keep>{format!("Keep mine (save this {noun})")}</button>
                    <button type="button" on:click=take>{if theirs.is_some() { "Take the other version" } else { "Discard mine" }}</button>
                    {can_merge.then(|| view! { <button type="button" on:click=move |_| merging.set(true)>"Merge field by field"</button> })}
                </div>
                {merge_form}
            </div>
        })
    }
}

fn diff_table(diffs: &[FieldDiff]) -> impl IntoView + use<> {
    let rows = diffs
        .iter()
        .map(|d| view! { <tr><th scope="row">{d.label.clone()}</th><td>{d.mine.clone()}</td><td>{d.theirs.clone()}</td></tr> })
        .collect_view();
    view! {
        <table class="conflict-fields">
            <caption>"Where the two versions differ"</caption>
            <thead><tr><th scope="col">"Field"</th><th scope="col">"Yours"</th><th scope="col">"The other tab's"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A choice per differing field, then one save.
fn merge_view<F>(conflict: &Conflict, diffs: Vec<FieldDiff>, outcome: F) -> impl IntoView + use<F>
where
    F: Fn(Result<crate::model::Op, SaveFailure>) + Copy + 'static,
{
    let state = expect_context::<AppState>();
    let choices: Vec<(String, RwSignal<bool>)> =
        diffs.iter().map(|d| (d.name.clone(), RwSignal::new(d.take_mine))).collect();
    let fields = diffs
        .into_iter()
        .zip(choices.iter().map(|(_, chosen)| *chosen))
        .map(|(diff, take_mine)| {
            let group = format!("merge-{}-{}", conflict.id, diff.name);
            view! {
                <fieldset class="merge-field">
                    <legend>{diff.label.clone()}</legend>
                    <label>
                        <input type="radio" name=group.clone() prop:checked=move || take_mine.get() on:change=move |_| take_mine.set(true) />
                        {format!("Yours: {}", diff.mine)}
                    </label>
                    <label>
                        <input type="radio" name=group prop:checked=move || !take_mine.get() on:change=move |_| take_mine.set(false) />
                        {format!("The other tab's: {}", diff.theirs)}
                    </label>
                </fieldset>
            }
        })
        .collect_view();
    let (kind, mine, theirs) = (conflict.kind, conflict.mine.clone(), conflict.theirs.clone());
    let save = move |_| {
        let (Some(mine), Some(theirs)) = (&mine, &theirs) else { return };
        let chosen: Vec<&str> = choices.iter().filter(|(_, c)| c.get_untracked()).map(|(n, _)| n.as_str()).collect();
        match AnyRecord::from_json(kind, combine(&mine.to_json(), &theirs.to_json(), &chosen)) {
            Ok(merged) => outcome(state.save_merged(merged)),
            Err(why) => outcome(Err(SaveFailure::NotSaved(why))),
        }
    };
    view! {
        <div class="merge">
            {fields}
            <button type="button" class="primary" on:click=save>"Save the merge"</button>
        </div>
    }
}
