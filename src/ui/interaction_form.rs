//! The form that adds or edits an interaction, and Home's one-line quick-add
//! that grows into it. Both hold one [`InteractionDraft`] and save through
//! [`save_draft`].

use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;

use super::conflict::{ChangedElsewhere, ConflictPanel};
use super::form::{Bound, FormState, Submitted, field, text};
use super::platform::{focus, focus_when_shown, new_id, now};
use super::state::AppState;
use super::widgets::{CheckField, FieldMessage, SelectField, StatusLine, TextArea, TextField, options};
use crate::model::{Direction, Field, Initiator, Interaction, InteractionDraft, Kind, Op, Record, Reliance, format_at};

const NO_DEPENDENCY: &str = "none";

/// Validates the draft, with the names still being typed, and saves it.
/// `previous` is the interaction being edited.
fn save_draft(
    form: FormState,
    draft: RwSignal<InteractionDraft>,
    typed: RwSignal<String>,
    previous: Option<&Interaction>,
) -> Submitted {
    let state = expect_context::<AppState>();
    let mut complete = draft.get_untracked();
    complete.take_typed_names(&typed.get_untracked());
    let adding = previous.is_none();
    let id = previous.map_or_else(new_id, |p| p.id);
    let validated = state.journal.with_untracked(|j| complete.validate(j, id, previous, new_id));
    form.submit(validated, "Saved.", |valid| Op::save_interaction(valid.interaction, adding, valid.new_people))
}

/// Add (no `editing`) or edit an interaction. `with` pre-fills the people
/// present, as on a person's page; `draft` continues one begun elsewhere
/// (the quick-add's); `on_done` runs after a save or cancel.
#[component]
pub fn InteractionForm(
    /// A prefix that keeps element ids unique when several forms are shown.
    id_prefix: String,
    #[prop(optional)] editing: Option<Interaction>,
    #[prop(optional)] with: Option<String>,
    #[prop(optional)] draft: Option<RwSignal<InteractionDraft>>,
    #[prop(optional, into)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let blank = move || InteractionDraft { who: with.iter().cloned().collect(), ..InteractionDraft::new(now()) };
    let draft = draft.unwrap_or_else(|| {
        RwSignal::new(match &editing {
            Some(record) => state.journal.with_untracked(|j| InteractionDraft::from_interaction(record, j)),
            None => blank(),
        })
    });
    let blank = StoredValue::new(blank);
    let typed = RwSignal::new(String::new());
    let form = FormState::new(id_prefix);
    let editing = StoredValue::new(editing);
    let done = move || {
        if let Some(done) = on_done {
            done.run(())
        }
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let outcome = editing.with_value(|previous| save_draft(form, draft, typed, previous.as_ref()));
        if !outcome.applied() {
            return;
        }
        if editing.with_value(Option::is_none) {
            draft.set(blank.with_value(|blank| blank()));
            typed.set(String::new());
            focus(&form.id(Field::Who));
        }
        done();
    };
    let adding = editing.with_value(Option::is_none);

    view! {
        <form class="interaction-form" on:submit=submit novalidate>
            {editing.with_value(|e| e.as_ref().map(|r| view! { <ChangedElsewhere kind=Interaction::KIND id=r.id base=r.rev /> }))}
            <WhenAndKind form=form draft=draft />
            <WhoField form=form draft=draft typed=typed />
            <TextArea id=form.element("notes") label="Notes" value=text!(draft, notes) />
            <DependencyFields form=form draft=draft />
            <ExpectationFields form=form draft=draft typed=typed />
            <div class="actions">
                <button type="submit" class="primary">{if adding { "Add interaction" } else { "Save changes" }}</button>
                {(!adding).then(|| view! { <button type="button" on:click=move |_| done()>"Cancel"</button> })}
                <StatusLine status=form.status />
            </div>
            <ConflictPanel conflict=form.conflict on_settled=done />
        </form>
    }
}

#[component]
fn WhenAndKind(form: FormState, draft: RwSignal<InteractionDraft>) -> impl IntoView {
    let initiated = field(
        draft,
        |d| d.initiated_by.map_or("", Initiator::token).to_owned(),
        |d, v: String| d.initiated_by = Initiator::from_token(&v),
    );
    let not_recorded = [("", "Not recorded")].into_iter();
    view! {
        <div class="row">
            <TextField id=form.id(Field::At) label="When" kind="datetime-local" value=text!(draft, at) error=form.error(Field::At) />
            <SelectField id=form.element("kind") label="Kind" value=kind_of(draft) options=options(&Kind::ALL, Kind::token, Kind::label) />
            <SelectField
                id=form.element("initiated")
                label="Who reached out"
                value=initiated
                options=not_recorded.chain(options(&Initiator::ALL, Initiator::token, Initiator::label)).collect()
            />
            <TextField
                id=form.id(Field::Minutes)
                label="Minutes"
                value=text!(draft, minutes)
                error=form.error(Field::Minutes)
                placeholder="optional"
                numeric=true
            />
        </div>
    }
}

/// The kind of interaction, as its select shows it.
fn kind_of(draft: RwSignal<InteractionDraft>) -> Bound<String> {
    field(draft, |d| d.kind.token().to_owned(), |d, v: String| d.kind = Kind::from_token(&v).unwrap_or_default())
}

/// The people present as chips, and a field to name more: Enter or a comma
/// adds the name typed, Backspace in the empty field removes the last one.
#[component]
fn WhoField(form: FormState, draft: RwSignal<InteractionDraft>, typed: RwSignal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let who_error = form.error(Field::Who);
    let keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Enter" | "," if !typed.get_untracked().trim().is_empty() => {
            ev.prevent_default();
            draft.update(|d| {
                d.take_typed_names(&typed.get_untracked());
            });
            typed.set(String::new());
        }
        "Backspace" if typed.get_untracked().is_empty() => draft.update(|d| {
            d.who.pop();
        }),
        _ => {}
    };
    let chip = move |name: String| {
        let label = format!("Remove {name}");
        let note = state.journal.with(|j| j.find_person_by_name(&name).is_none()).then_some(" (new)");
        let remove = name.clone();
        view! {
            <li class="chip">
                <span>{name}</span>
                <span class="chip-note">{note}</span>
                <button type="button" class="chip-remove" aria-label=label on:click=move |_| draft.update(|d| d.who.retain(|n| n != &remove))>
                    "×"
                </button>
            </li>
        }
    };
    let (hint, message) = (form.element("who-hint"), form.element("who-error"));
    let described_by = {
        let (hint, message) = (hint.clone(), message.clone());
        move || if who_error.with(Option::is_some) { format!("{hint} {message}") } else { hint.clone() }
    };
    view! {
        <div class="field">
            <label for=form.id(Field::Who)>"Who"</label>
            <ul class="chips" aria-label="People present">{move || draft.with(|d| d.who.clone()).into_iter().map(chip).collect_view()}</ul>
            <input
                id=form.id(Field::Who)
                type="text"
                list="people-names"
                autocomplete="off"
                placeholder="Name, then Enter"
                bind:value=typed
                on:keydown=keydown
                aria-describedby=described_by
                aria-invalid=move || who_error.with(Option::is_some).then_some("true")
            />
            <p class="hint" id=hint>"Type a name and press Enter to add more people. New names are added to People."</p>
            <FieldMessage id=message message=who_error />
        </div>
    }
}

#[component]
fn DependencyFields(form: FormState, draft: RwSignal<InteractionDraft>) -> impl IntoView {
    let reliance = field(
        draft,
        |d| d.reliance.map_or(NO_DEPENDENCY, Reliance::token).to_owned(),
        |d, v: String| d.reliance = Reliance::from_token(&v),
    );
    let none = [(NO_DEPENDENCY, "None")].into_iter();
    view! {
        <fieldset class="outcome">
            <legend>"Dependency created"</legend>
            <div class="row">
                <SelectField
                    id=form.element("reliance")
                    label="Who now relies on whom"
                    value=reliance
                    options=none.chain(options(&Reliance::ALL, Reliance::token, Reliance::label)).collect()
                />
                <Show when=move || draft.with(|d| d.reliance.is_some())>
                    <TextField
                        id=form.id(Field::DependencyWhat)
                        label="Dependency: what"
                        value=text!(draft, dependency_what)
                        error=form.error(Field::DependencyWhat)
                        grow=true
                    />
                </Show>
            </div>
        </fieldset>
    }
}

#[component]
fn ExpectationFields(form: FormState, draft: RwSignal<InteractionDraft>, typed: RwSignal<String>) -> impl IntoView {
    let expects = field(draft, |d| d.expects, |d, v| d.expects = v);
    let direction = field(
        draft,
        |d| d.direction.unwrap_or(Direction::TheyExpectOfMe).token().to_owned(),
        |d, v: String| d.direction = Direction::from_token(&v),
    );
    view! {
        <fieldset class="outcome">
            <legend>"Expectation created"</legend>
            <CheckField label="This created an expectation" checked=expects />
            <Show when=move || expects.value.get()>
                <div class="row">
                    <TextField
                        id=form.id(Field::ExpectationWhat)
                        label="Expectation: what"
                        value=text!(draft, expectation_what)
                        error=form.error(Field::ExpectationWhat)
                        grow=true
                    />
                    <SelectField
                        id=form.element("direction")
                        label="Who expects it"
                        value=direction
                        options=options(&Direction::ALL, Direction::token, Direction::label)
                    />
                    <ConcerningField form=form draft=draft typed=typed />
                    <TextField id=form.id(Field::Due) label="Due (optional)" kind="date" value=text!(draft, due) error=form.error(Field::Due) />
                </div>
            </Show>
        </fieldset>
    }
}

/// Whom of those present an expectation concerns; shown once there are two.
#[component]
fn ConcerningField(form: FormState, draft: RwSignal<InteractionDraft>, typed: RwSignal<String>) -> impl IntoView {
    let present = Memo::new(move |_| {
        let mut all = draft.with(|d| d.clone());
        all.take_typed_names(&typed.get());
        all.who
    });
    let with = text!(draft, expectation_with);
    let with_error = form.error(Field::ExpectationWith);
    let message = form.element("expectation-with-error");
    view! {
        <Show when=move || present.with(|p| p.len() > 1)>
            <div class="field">
                <label for=form.id(Field::ExpectationWith)>"Concerning"</label>
                <select
                    id=form.id(Field::ExpectationWith)
                    prop:value=move || with.value.get()
                    on:change=move |ev| with.set.set(event_target_value(&ev))
                    aria-invalid=move || with_error.with(Option::is_some).then_some("true")
                    aria-describedby={
                        let message = message.clone();
                        move || with_error.with(Option::is_some).then(|| message.clone())
                    }
                >
                    <option value="">"Everyone present"</option>
                    {move || present.get().into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
                </select>
                <FieldMessage id=message.clone() message=with_error />
            </div>
        </Show>
    }
}

/// Home's quick-add: who, kind and notes on one line, dated now. **More
/// details** opens the full form on the same draft, so nothing typed is lost.
#[component]
pub fn QuickAdd() -> impl IntoView {
    let draft = RwSignal::new(InteractionDraft::new(now()));
    let typed = RwSignal::new(String::new());
    let form = FormState::new("quick");
    let expanded = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        draft.update(|d| d.at = format_at(now()));
        if save_draft(form, draft, typed, None).applied() {
            draft.set(InteractionDraft::new(now()));
            typed.set(String::new());
            focus(&form.id(Field::Who));
        }
    };
    let expand = move |_| {
        draft.update(|d| {
            d.take_typed_names(&typed.get_untracked());
            d.at = format_at(now());
        });
        typed.set(String::new());
        expanded.set(true);
        // Once the form is there: its code may still be on its way.
        focus_when_shown(FULL_FORM_WHO);
    };
    // Back to one line, what was typed kept, when the full form cannot open.
    let back = move || {
        typed.set(draft.try_update(InteractionDraft::give_names_back).unwrap_or_default());
        expanded.set(false);
        request_animation_frame(move || focus(&form.id(Field::Who)));
    };
    // Back to one line once the full form has saved.
    let collapse = move || {
        expanded.set(false);
        draft.set(InteractionDraft::new(now()));
        request_animation_frame(move || focus(&form.id(Field::Who)));
    };
    let compact = move || {
        view! {
            <form class="quick-add" on:submit=submit novalidate>
                <div class="row">
                    <TextField
                        id=form.id(Field::Who)
                        label="Who"
                        value=typed
                        error=form.error(Field::Who)
                        placeholder="Names, separated by commas"
                        list="people-names"
                        grow=true
                    />
                    <SelectField id=form.element("kind") label="Kind" value=kind_of(draft) options=options(&Kind::ALL, Kind::token, Kind::label) />
                    <TextField id=form.element("notes") label="Notes" value=text!(draft, notes) grow=true />
                </div>
                <div class="actions">
                    <button type="submit" class="primary">"Add"</button>
                    <button type="button" aria-expanded="false" on:click=expand>"More details"</button>
                    <StatusLine status=form.status />
                </div>
                <ConflictPanel conflict=form.conflict on_settled=move || {} />
            </form>
        }
    };
    view! {
        <Show when=move || expanded.get() fallback=compact>
            <FullQuickForm draft=draft on_done=Callback::new(move |()| collapse()) on_back=Callback::new(move |()| back()) />
        </Show>
    }
}

/// The quick-add's full form: the prefix of its ids, and its Who field,
/// which takes the keyboard when **More details** opens it.
const FULL_FORM: &str = "quick-full";
const FULL_FORM_WHO: &str = "quick-full-who";

/// What [`FullQuickForm`] hands to the code it fetches.
#[derive(Clone, Copy)]
struct QuickFull {
    draft: RwSignal<InteractionDraft>,
    on_done: Callback<()>,
}

/// The quick-add's full form. With the `split` feature its code comes with
/// the screens' chunk (see `on_demand`) the first time **More details** is
/// pressed, so Home's first download carries the one-line form only; until
/// then a status says it is on its way. If it cannot arrive, `on_back`
/// returns to the one-line form with what was typed.
#[component]
fn FullQuickForm(draft: RwSignal<InteractionDraft>, on_done: Callback<()>, on_back: Callback<()>) -> impl IntoView {
    provide_context(QuickFull { draft, on_done });
    #[cfg(feature = "split")]
    {
        let form = Suspend::new(async move {
            full_quick_form().await.unwrap_or_else(|_| {
                view! {
                    <h3>"The full form could not be opened"</h3>
                    <super::on_demand::PartUnavailable />
                    <p>
                        "Or go on with what you typed: "
                        <button type="button" on:click=move |_| on_back.run(())>
                            "Back to the quick add"
                        </button>
                    </p>
                }
                .into_any()
            })
        });
        let opening = || view! { <p class="status" role="status">"Opening the full form…"</p> };
        view! { <Suspense fallback=opening>{form}</Suspense> }.into_any()
    }
    #[cfg(not(feature = "split"))]
    {
        let _ = on_back;
        full_form_here()
    }
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(screens, wasm_split_path = ::leptos::wasm_split, fallible)]
fn full_quick_form() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(full_form_here())
}

fn full_form_here() -> AnyView {
    let QuickFull { draft, on_done } = expect_context::<QuickFull>();
    view! { <InteractionForm id_prefix=FULL_FORM.to_owned() draft=draft on_done=on_done /> }.into_any()
}

/// Everyone's name, for the people fields' suggestions: one list a page.
#[component]
pub fn PeopleNames() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <datalist id="people-names">
            {move || state.people_names.get().into_iter().map(|(_, name)| view! { <option value=name></option> }).collect_view()}
        </datalist>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_forms_who_field_is_the_one_more_details_focuses() {
        assert_eq!(format!("{FULL_FORM}-{}", Field::Who.token()), FULL_FORM_WHO);
    }
}
