//! The form that adds or edits an interaction.

use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;

use super::platform::{focus, new_id, now, now_ms};
use super::state::AppState;
use super::widgets::FieldMessage;
use crate::model::{
    Direction, Field, FieldError, Interaction, InteractionDraft, Kind, Op, Reliance, message_for,
};

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
    let at = RwSignal::new(initial.at.clone());
    let who = RwSignal::new(initial.who.clone());
    let who_text = RwSignal::new(String::new());
    let kind = RwSignal::new(initial.kind);
    let minutes = RwSignal::new(initial.minutes.clone());
    let notes = RwSignal::new(initial.notes.clone());
    let reliance = RwSignal::new(initial.reliance);
    let dependency_what = RwSignal::new(initial.dependency_what.clone());
    let expects = RwSignal::new(initial.expects);
    let expectation_what = RwSignal::new(initial.expectation_what.clone());
    let direction = RwSignal::new(initial.direction.unwrap_or(Direction::TheyExpectOfMe));
    let expectation_with = RwSignal::new(initial.expectation_with.clone());
    let due = RwSignal::new(initial.due.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(None::<(bool, String)>);

    let prefix = StoredValue::new(id_prefix);
    let id = move |name: &str| format!("{}-{name}", prefix.read_value());
    let message = move |field: Field| Signal::derive(move || message_for(&errors.read(), field));

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
    let is_new = move |name: &str| state.journal.with(|j| j.find_person_by_name(name).is_none());

    let editing_record = StoredValue::new(editing.clone());
    let who_input_id = id("who");
    let submit = {
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let draft = InteractionDraft {
                at: at.get_untracked(),
                who: names_present(),
                kind: kind.get_untracked(),
                minutes: minutes.get_untracked(),
                notes: notes.get_untracked(),
                reliance: reliance.get_untracked(),
                dependency_what: dependency_what.get_untracked(),
                expects: expects.get_untracked(),
                expectation_what: expectation_what.get_untracked(),
                direction: Some(direction.get_untracked()),
                expectation_with: expectation_with.get_untracked(),
                due: due.get_untracked(),
            };
            let previous = editing_record.get_value();
            let record_id = previous.as_ref().map_or_else(new_id, |p| p.id);
            let validated =
                state.journal.with_untracked(|j| draft.validate(j, record_id, previous.as_ref(), now_ms(), new_id));
            match validated {
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
                    let op = Op::PutInteraction { record: valid.interaction, new_people: valid.new_people, previous };
                    let outcome = state.commit(op);
                    status.set(Some(match &outcome {
                        Ok(()) => (true, "Saved.".into()),
                        Err(why) => (false, format!("Kept on screen, but not saved: {why}.")),
                    }));
                    if editing_record.with_value(Option::is_none) {
                        // Ready for the next one.
                        at.set(super::platform::now().format("%Y-%m-%dT%H:%M").to_string());
                        who.set(with.iter().cloned().collect());
                        who_text.set(String::new());
                        for text in [minutes, notes, dependency_what, expectation_what, expectation_with, due] {
                            text.set(String::new());
                        }
                        kind.set(Kind::Meeting);
                        reliance.set(None);
                        expects.set(false);
                        focus(&id("who"));
                    }
                    if let Some(done) = on_done {
                        done.run(());
                    }
                }
            }
        }
    };

    let people_list_id = id("people");
    let editing_now = editing.is_some();
    view! {
        <form class="interaction-form" on:submit=submit novalidate>
            <div class="row">
                <div class="field">
                    <label for=id("at")>"When"</label>
                    <input
                        id=id("at")
                        type="datetime-local"
                        bind:value=at
                        aria-invalid=move || message(Field::At).get().map(|_| "true")
                        aria-describedby=move || message(Field::At).get().map({
                            let id = id("at-error");
                            move |_| id.clone()
                        })
                    />
                    <FieldMessage id=id("at-error") message=message(Field::At) />
                </div>
                <div class="field">
                    <label for=id("kind")>"Kind"</label>
                    <select
                        id=id("kind")
                        prop:value=move || kind.get().token()
                        on:change=move |ev| kind.set(Kind::from_token(&event_target_value(&ev)).unwrap_or_default())
                    >
                        {Kind::ALL.map(|k| view! { <option value=k.token()>{k.label()}</option> })}
                    </select>
                </div>
                <div class="field narrow">
                    <label for=id("minutes")>"Minutes"</label>
                    <input
                        id=id("minutes")
                        type="text"
                        inputmode="numeric"
                        placeholder="optional"
                        bind:value=minutes
                        aria-invalid=move || message(Field::Minutes).get().map(|_| "true")
                    />
                    <FieldMessage id=id("minutes-error") message=message(Field::Minutes) />
                </div>
            </div>
            <div class="field">
                <label for=who_input_id.clone()>"Who"</label>
                <ul class="chips" aria-label="People present">
                    <For each=move || who.get() key=|name| name.to_lowercase() let:name>
                        {
                            let remove_name = name.clone();
                            let label = format!("Remove {name}");
                            let new_name = name.clone();
                            view! {
                                <li class="chip">
                                    <span>{name.clone()}</span>
                                    <Show when=move || is_new(&new_name)>
                                        <span class="chip-note">" (new)"</span>
                                    </Show>
                                    <button
                                        type="button"
                                        class="chip-remove"
                                        aria-label=label
                                        on:click=move |_| who.update(|w| w.retain(|n| n != &remove_name))
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <input
                    id=who_input_id
                    type="text"
                    list=people_list_id.clone()
                    autocomplete="off"
                    placeholder="Name, then Enter"
                    bind:value=who_text
                    on:keydown=who_keydown
                    aria-describedby=id("who-hint")
                    aria-invalid=move || message(Field::Who).get().map(|_| "true")
                />
                <p class="hint" id=id("who-hint")>
                    "Type a name and press Enter to add more people. New names are added to People."
                </p>
                <datalist id=people_list_id>
                    {move || {
                        state
                            .journal
                            .with(|j| {
                                j.people_by_name()
                                    .into_iter()
                                    .map(|p| view! { <option value=p.name.clone()></option> })
                                    .collect_view()
                            })
                    }}
                </datalist>
                <FieldMessage id=id("who-error") message=message(Field::Who) />
            </div>
            <div class="field">
                <label for=id("notes")>"Notes"</label>
                <textarea id=id("notes") rows="3" bind:value=notes></textarea>
            </div>
            <fieldset class="outcome">
                <legend>"Dependency created"</legend>
                <div class="row">
                    <div class="field">
                        <label for=id("reliance")>"Who now relies on whom"</label>
                        <select
                            id=id("reliance")
                            prop:value=move || reliance.get().map_or("none", Reliance::token)
                            on:change=move |ev| reliance.set(Reliance::from_token(&event_target_value(&ev)))
                        >
                            <option value="none">"None"</option>
                            {Reliance::ALL.map(|r| view! { <option value=r.token()>{r.label()}</option> })}
                        </select>
                    </div>
                    <Show when=move || reliance.get().is_some()>
                        <div class="field grow">
                            <label for=id("dependency-what")>"Dependency: what"</label>
                            <input
                                id=id("dependency-what")
                                type="text"
                                bind:value=dependency_what
                                aria-invalid=move || message(Field::DependencyWhat).get().map(|_| "true")
                            />
                            <FieldMessage id=id("dependency-what-error") message=message(Field::DependencyWhat) />
                        </div>
                    </Show>
                </div>
            </fieldset>
            <fieldset class="outcome">
                <legend>"Expectation created"</legend>
                <label class="check">
                    <input type="checkbox" bind:checked=expects />
                    "This created an expectation"
                </label>
                <Show when=move || expects.get()>
                    <div class="row">
                        <div class="field grow">
                            <label for=id("expectation-what")>"Expectation: what"</label>
                            <input
                                id=id("expectation-what")
                                type="text"
                                bind:value=expectation_what
                                aria-invalid=move || message(Field::ExpectationWhat).get().map(|_| "true")
                            />
                            <FieldMessage id=id("expectation-what-error") message=message(Field::ExpectationWhat) />
                        </div>
                        <div class="field">
                            <label for=id("direction")>"Who expects it"</label>
                            <select
                                id=id("direction")
                                prop:value=move || direction.get().token()
                                on:change=move |ev| {
                                    direction
                                        .set(Direction::from_token(&event_target_value(&ev)).unwrap_or(Direction::TheyExpectOfMe))
                                }
                            >
                                {Direction::ALL.map(|d| view! { <option value=d.token()>{d.label()}</option> })}
                            </select>
                        </div>
                        <Show when=move || { names_present().len() > 1 }>
                            <div class="field">
                                <label for=id("expectation-with")>"Concerning"</label>
                                <select
                                    id=id("expectation-with")
                                    prop:value=move || expectation_with.get()
                                    on:change=move |ev| expectation_with.set(event_target_value(&ev))
                                >
                                    <option value="">"Everyone present"</option>
                                    {move || {
                                        names_present()
                                            .into_iter()
                                            .map(|n| view! { <option value=n.clone()>{n.clone()}</option> })
                                            .collect_view()
                                    }}
                                </select>
                                <FieldMessage id=id("expectation-with-error") message=message(Field::ExpectationWith) />
                            </div>
                        </Show>
                        <div class="field">
                            <label for=id("due")>"Due (optional)"</label>
                            <input
                                id=id("due")
                                type="date"
                                bind:value=due
                                aria-invalid=move || message(Field::Due).get().map(|_| "true")
                            />
                            <FieldMessage id=id("due-error") message=message(Field::Due) />
                        </div>
                    </div>
                </Show>
            </fieldset>
            <div class="actions">
                <button type="submit" class="primary">
                    {if editing_now { "Save changes" } else { "Add interaction" }}
                </button>
                {editing_now
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                on:click=move |_| {
                                    if let Some(done) = on_done {
                                        done.run(())
                                    }
                                }
                            >
                                "Cancel"
                            </button>
                        }
                    })}
                <p class="status" role="status" class:bad=move || status.get().is_some_and(|(ok, _)| !ok)>
                    {move || status.get().map(|(_, text)| text)}
                </p>
            </div>
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
        Field::Name => "name",
    }
}
