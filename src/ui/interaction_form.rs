//! The form that adds or edits an interaction.

use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;

use super::conflict::{ChangedElsewhere, ConflictPanel, ConflictSlot};
use super::platform::{focus, new_id, now};
use super::state::{AppState, SaveFailure};
use super::widgets::{CheckField, FieldMessage, SelectField, StatusLine, TextArea, TextField, options};
use crate::model::{
    Direction, Field, FieldError, Initiator, Interaction, InteractionDraft, Kind, Op, Record, Reliance, format_at,
    message_for,
};

const NO_DEPENDENCY: &str = "none";

/// Add (no `editing`) or edit an interaction. `with` pre-fills the people
/// present, as on a person's page; `on_done` runs after a save or cancel.
#[component]
pub fn InteractionForm(
    /// A prefix that keeps element ids unique when several forms are shown.
    id_prefix: String,
    #[prop(optional)] editing: Option<Interaction>,
    #[prop(optional)] with: Option<String>,
    #[prop(optional, into)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let initial = match &editing {
        Some(record) => state.journal.with_untracked(|j| InteractionDraft::from_interaction(record, j)),
        None => InteractionDraft { who: with.iter().cloned().collect(), ..InteractionDraft::new(now()) },
    };
    let at = RwSignal::new(initial.at);
    let who = RwSignal::new(initial.who);
    let who_text = RwSignal::new(String::new());
    let kind = RwSignal::new(initial.kind.token().to_owned());
    let minutes = RwSignal::new(initial.minutes);
    let notes = RwSignal::new(initial.notes);
    let reliance = RwSignal::new(initial.reliance.map_or(NO_DEPENDENCY, Reliance::token).to_owned());
    let dependency_what = RwSignal::new(initial.dependency_what);
    let expects = RwSignal::new(initial.expects);
    let expectation_what = RwSignal::new(initial.expectation_what);
    let direction = RwSignal::new(initial.direction.unwrap_or(Direction::TheyExpectOfMe).token().to_owned());
    let expectation_with = RwSignal::new(initial.expectation_with);
    let due = RwSignal::new(initial.due);
    let initiated_by = RwSignal::new(initial.initiated_by.map_or("", Initiator::token).to_owned());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(None::<(bool, String)>);
    let conflict: ConflictSlot = RwSignal::new(None);

    let prefix = StoredValue::new(id_prefix);
    let id = move |name: &str| format!("{}-{name}", prefix.read_value());
    let error = move |field: Field| Signal::derive(move || message_for(&errors.read(), field));

    // Everyone named so far: chips plus what is still being typed.
    let names_present = move || {
        let mut names = who.get();
        let typed = who_text.get();
        if !typed.trim().is_empty() {
            names.push(typed.trim().to_owned());
        }
        names
    };
    let add_typed_name = move || {
        let typed = who_text.get_untracked().trim().trim_end_matches(',').trim().to_owned();
        if !typed.is_empty() {
            who.update(|w| {
                if !w.iter().any(|n| n.eq_ignore_ascii_case(&typed)) {
                    w.push(typed)
                }
            });
        }
        who_text.set(String::new());
    };
    let who_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Enter" | "," if !who_text.get_untracked().trim().is_empty() => {
            ev.prevent_default();
            add_typed_name();
        }
        "Backspace" if who_text.get_untracked().is_empty() => {
            who.update(|w| {
                w.pop();
            });
        }
        _ => {}
    };
    let reset = move || {
        at.set(format_at(now()));
        who.set(with.iter().cloned().collect());
        for text in [who_text, minutes, notes, dependency_what, expectation_what, expectation_with, due] {
            text.set(String::new());
        }
        kind.set(Kind::Meeting.token().to_owned());
        reliance.set(NO_DEPENDENCY.to_owned());
        initiated_by.set(String::new());
        expects.set(false);
    };

    let editing = StoredValue::new(editing);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = InteractionDraft {
            at: at.get_untracked(),
            who: names_present(),
            kind: Kind::from_token(&kind.get_untracked()).unwrap_or_default(),
            minutes: minutes.get_untracked(),
            notes: notes.get_untracked(),
            reliance: Reliance::from_token(&reliance.get_untracked()),
            dependency_what: dependency_what.get_untracked(),
            expects: expects.get_untracked(),
            expectation_what: expectation_what.get_untracked(),
            direction: Direction::from_token(&direction.get_untracked()),
            expectation_with: expectation_with.get_untracked(),
            due: due.get_untracked(),
            initiated_by: Initiator::from_token(&initiated_by.get_untracked()),
        };
        let previous = editing.get_value();
        let record_id = previous.as_ref().map_or_else(new_id, |p| p.id);
        match state.journal.with_untracked(|j| draft.validate(j, record_id, previous.as_ref(), new_id)) {
            Err(found) => {
                let first = found.first().map(|e| e.field);
                errors.set(found);
                status.set(Some((false, "Not saved: please check the fields marked below.".into())));
                if let Some(field) = first {
                    focus(&id(field_id(field)));
                }
            }
            Ok(valid) => {
                errors.set(Vec::new());
                let adding = previous.is_none();
                let op = Op::save_interaction(valid.interaction, adding, valid.new_people);
                status.set(Some(match state.commit(op) {
                    Ok(_) => (true, "Saved.".into()),
                    Err(SaveFailure::Conflict(found)) => {
                        conflict.set(Some(found));
                        return status.set(None);
                    }
                    Err(why) => (false, format!("Kept on screen, but not saved: {why}.")),
                }));
                if adding {
                    reset();
                    focus(&id("who"));
                }
                if let Some(done) = on_done {
                    done.run(());
                }
            }
        }
    };
    let cancel = move |_| {
        if let Some(done) = on_done {
            done.run(())
        }
    };

    let chips = move || {
        who.get()
            .into_iter()
            .map(|name| {
                let label = format!("Remove {name}");
                let note = state.journal.with(|j| j.find_person_by_name(&name).is_none()).then_some(" (new)");
                let remove = name.clone();
                view! {
                    <li class="chip">
                        <span>{name}</span>
                        <span class="chip-note">{note}</span>
                        <button
                            type="button"
                            class="chip-remove"
                            aria-label=label
                            on:click=move |_| who.update(|w| w.retain(|n| n != &remove))
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let people_list_id = id("people");
    let who_error = error(Field::Who);
    let with_error = error(Field::ExpectationWith);

    view! {
        <form class="interaction-form" on:submit=submit novalidate>
            {editing.with_value(|e| e.as_ref().map(|r| view! { <ChangedElsewhere kind=Interaction::KIND id=r.id base=r.rev /> }))}
            <div class="row">
                <TextField id=id("at") label="When" kind="datetime-local" value=at error=error(Field::At) />
                <SelectField id=id("kind") label="Kind" value=kind options=options(&Kind::ALL, Kind::token, Kind::label) />
                <SelectField
                    id=id("initiated")
                    label="Who reached out"
                    value=initiated_by
                    options=[("", "Not recorded")].into_iter().chain(options(&Initiator::ALL, Initiator::token, Initiator::label)).collect()
                />
                <TextField
                    id=id("minutes")
                    label="Minutes"
                    value=minutes
                    error=error(Field::Minutes)
                    placeholder="optional"
                    numeric=true
                />
            </div>
            <div class="field">
                <label for=id("who")>"Who"</label>
                <ul class="chips" aria-label="People present">{chips}</ul>
                <input
                    id=id("who")
                    type="text"
                    list=people_list_id.clone()
                    autocomplete="off"
                    placeholder="Name, then Enter"
                    bind:value=who_text
                    on:keydown=who_keydown
                    aria-describedby=move || {
                        if who_error.with(Option::is_some) {
                            format!("{} {}", id("who-hint"), id("who-error"))
                        } else {
                            id("who-hint")
                        }
                    }
                    aria-invalid=move || who_error.with(Option::is_some).then_some("true")
                />
                <p class="hint" id=id("who-hint")>
                    "Type a name and press Enter to add more people. New names are added to People."
                </p>
                <datalist id=people_list_id>
                    {move || {
                        state.people_names.get().into_iter().map(|(_, name)| view! { <option value=name></option> }).collect_view()
                    }}
                </datalist>
                <FieldMessage id=id("who-error") message=who_error />
            </div>
            <TextArea id=id("notes") label="Notes" value=notes />
            <fieldset class="outcome">
                <legend>"Dependency created"</legend>
                <div class="row">
                    <SelectField
                        id=id("reliance")
                        label="Who now relies on whom"
                        value=reliance
                        options=[(NO_DEPENDENCY, "None")]
                            .into_iter()
                            .chain(options(&Reliance::ALL, Reliance::token, Reliance::label))
                            .collect()
                    />
                    <Show when=move || reliance.with(|r| r != NO_DEPENDENCY)>
                        <TextField
                            id=id("dependency-what")
                            label="Dependency: what"
                            value=dependency_what
                            error=error(Field::DependencyWhat)
                            grow=true
                        />
                    </Show>
                </div>
            </fieldset>
            <fieldset class="outcome">
                <legend>"Expectation created"</legend>
                <CheckField label="This created an expectation" checked=expects />
                <Show when=move || expects.get()>
                    <div class="row">
                        <TextField
                            id=id("expectation-what")
                            label="Expectation: what"
                            value=expectation_what
                            error=error(Field::ExpectationWhat)
                            grow=true
                        />
                        <SelectField
                            id=id("direction")
                            label="Who expects it"
                            value=direction
                            options=options(&Direction::ALL, Direction::token, Direction::label)
                        />
                        <Show when=move || { names_present().len() > 1 }>
                            <div class="field">
                                <label for=id("expectation-with")>"Concerning"</label>
                                <select
                                    id=id("expectation-with")
                                    prop:value=move || expectation_with.get()
                                    on:change=move |ev| expectation_with.set(event_target_value(&ev))
                                    aria-invalid=move || with_error.with(Option::is_some).then_some("true")
                                    aria-describedby=move || with_error.with(Option::is_some).then(|| id("expectation-with-error"))
                                >
                                    <option value="">"Everyone present"</option>
                                    {move || {
                                        names_present()
                                            .into_iter()
                                            .map(|name| {
                                                let value = name.clone();
                                                view! { <option value=value>{name}</option> }
                                            })
                                            .collect_view()
                                    }}
                                </select>
                                <FieldMessage id=id("expectation-with-error") message=with_error />
                            </div>
                        </Show>
                        <TextField id=id("due") label="Due (optional)" kind="date" value=due error=error(Field::Due) />
                    </div>
                </Show>
            </fieldset>
            <div class="actions">
                <button type="submit" class="primary">
                    {if editing.with_value(Option::is_some) { "Save changes" } else { "Add interaction" }}
                </button>
                {editing.with_value(Option::is_some).then(|| view! { <button type="button" on:click=cancel>"Cancel"</button> })}
                <StatusLine status=status />
            </div>
            <ConflictPanel conflict=conflict on_settled=move || { if let Some(done) = on_done { done.run(()) } } />
        </form>
    }
}

/// The element id suffix of the input that shows `field`'s message.
fn field_id(field: Field) -> &'static str {
    match field {
        Field::At => "at",
        Field::Who => "who",
        Field::Minutes => "minutes",
        Field::DependencyWhat => "dependency-what",
        Field::ExpectationWhat => "expectation-what",
        Field::ExpectationWith => "expectation-with",
        Field::Due => "due",
        _ => "who",
    }
}
