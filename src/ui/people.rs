//! The People screen, one page per person, and the person form.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::interaction_form::InteractionForm;
use super::journal::InteractionItem;
use super::platform::{focus, href, new_id, now_ms, set_title};
use super::state::AppState;
use super::widgets::{SelectField, StandingBadge, StatusLine, TextArea, TextField, options, thousands};
use crate::model::mode::Mode;
use crate::model::time::short_date;
use crate::model::{Field, FieldError, Id, Op, Person, PersonDraft, Role, message_for};

#[component]
pub fn PeoplePage() -> impl IntoView {
    set_title("People");
    let state = expect_context::<AppState>();
    let filter = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        let wanted = filter.get().trim().to_lowercase();
        state.journal.with(|j| {
            j.people_overview()
                .into_iter()
                .filter(|s| {
                    wanted.is_empty()
                        || [&s.person.name, &s.person.organization, &s.person.title]
                            .iter()
                            .any(|f| f.to_lowercase().contains(&wanted))
                        || s.person.tags.iter().any(|t| t.to_lowercase().contains(&wanted))
                })
                .map(|s| (s.person.clone(), s.tally))
                .collect::<Vec<_>>()
        })
    });
    let total = Memo::new(move |_| state.journal.with(|j| j.people_count()));

    view! {
        <h1>"People"</h1>
        <details class="card">
            <summary>"Add a person"</summary>
            <PersonForm id_prefix="new-person".to_owned() />
        </details>
        <section aria-labelledby="people-heading">
            <h2 id="people-heading">{move || format!("Everyone ({})", thousands(total.get()))}</h2>
            <div class="filters">
                <div class="field grow">
                    <label for="people-filter">"Filter people"</label>
                    <input id="people-filter" type="search" placeholder="Name, organization, title or tag" bind:value=filter />
                </div>
            </div>
            <Show when=move || total.get() == 0>
                <p class="empty">"No one yet. People are added when you name them in the journal, or with “Add a person” above."</p>
            </Show>
            <ul class="people-list">
                {move || {
                    rows.get()
                        .into_iter()
                        .map(|(person, tally)| {
                            let link = href(&format!("/people/{}", person.id));
                            let detail = [person.title.as_str(), person.organization.as_str()]
                                .into_iter()
                                .filter(|s| !s.is_empty())
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! {
                                <li class="person-row">
                                    <A href=link>{person.name.clone()}</A>
                                    <span class="role">{person.role.label()}</span>
                                    {(!detail.is_empty()).then(|| view! { <span class="detail">{detail}</span> })}
                                    <StandingBadge tally=tally />
                                    <span class="last">
                                        {tally.last.map_or("Not met yet".to_owned(), |at| format!("Last: {}", short_date(at.date())))}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Id>().ok()));
    let person = Memo::new(move |_| id.get().and_then(|id| state.journal.with(|j| j.person(id).cloned())));

    move || match person.get() {
        None => {
            set_title("Person not found");
            view! {
                <h1>"Person not found"</h1>
                <p>"This person is not in your journal; they may have been removed."</p>
                <p><A href=href("/people")>"Back to People"</A></p>
            }
            .into_any()
        }
        Some(p) => view! { <PersonDetail id=p.id /> }.into_any(),
    }
}

#[component]
fn PersonDetail(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let person = Memo::new(move |_| state.journal.with(|j| j.person(id).cloned()));
    let name = move || person.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    set_title(&name());
    let tally = Memo::new(move |_| state.journal.with(|j| crate::model::relationship::tally(j.interactions(), id)));
    let open = Memo::new(move |_| {
        state.journal.with(|j| j.open_follow_ups(Some(id)).into_iter().cloned().collect::<Vec<_>>())
    });
    let limit = RwSignal::new(50usize);
    let timeline = Memo::new(move |_| {
        state.journal.with(|j| {
            let all: Vec<_> = j.interactions().filter(|i| i.involves(id)).collect();
            (all.len(), all.into_iter().take(limit.get()).cloned().collect::<Vec<_>>())
        })
    });
    let confirming = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let delete = move |_| {
        let _ = state.commit(Op::DeletePerson(id));
        navigate("/people", Default::default());
    };

    view! {
        <p class="breadcrumb"><A href=href("/people")>"People"</A></p>
        <h1>{name}</h1>
        <p class="subtitle">
            {move || {
                person
                    .with(|p| {
                        p.as_ref()
                            .map(|p| {
                                [p.role.label(), p.title.as_str(), p.organization.as_str()]
                                    .into_iter()
                                    .filter(|s| !s.is_empty())
                                    .collect::<Vec<_>>()
                                    .join(" · ")
                            })
                    })
            }}
        </p>
        <p class="standing-line">{move || view! { <StandingBadge tally=tally.get() /> }}</p>
        {move || {
            person
                .with(|p| p.as_ref().map(|p| p.tags.clone()).unwrap_or_default())
                .into_iter()
                .map(|t| view! { <span class="tag">{t}</span> })
                .collect_view()
        }}

        <section aria-labelledby="open-heading">
            <h2 id="open-heading">"Open expectations"</h2>
            <Show when=move || open.with(Vec::is_empty)>
                <p class="empty">"None open."</p>
            </Show>
            <For each=move || open.get() key=|i| (i.id, i.updated) let:record>
                <InteractionItem record=record show_date=true />
            </For>
        </section>

        <details class="card">
            <summary>{move || format!("Log an interaction with {}", name())}</summary>
            <InteractionForm id_prefix=format!("with-{id}") with=name() />
        </details>

        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">
                {move || format!("Timeline ({})", thousands(timeline.with(|(n, _)| *n)))}
            </h2>
            <Show when=move || timeline.with(|(n, _)| *n == 0)>
                <p class="empty">"No interactions yet."</p>
            </Show>
            <For each=move || timeline.get().1 key=|i| (i.id, i.updated) let:record>
                <InteractionItem record=record show_date=true />
            </For>
            <Show when=move || timeline.with(|(n, _)| *n > limit.get())>
                <button type="button" class="more" on:click=move |_| limit.update(|l| *l += 50)>
                    "Show older interactions"
                </button>
            </Show>
        </section>

        <details class="card">
            <summary>"Edit details"</summary>
            {move || person.get().map(|p| view! { <PersonForm id_prefix=format!("person-{id}") editing=p /> })}
        </details>

        <section aria-labelledby="remove-heading" class="danger-zone">
            <h2 id="remove-heading">"Remove"</h2>
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button type="button" class="danger" on:click=move |_| confirming.set(true)>
                            {move || format!("Remove {}…", name())}
                        </button>
                    }
                }
            >
                <p>{move || format!("Remove {} from People? Their interactions stay in the journal, marked “Removed person”.", name())}</p>
                <button type="button" class="danger" on:click=delete.clone()>
                    {move || format!("Yes, remove {}", name())}
                </button>
                <button type="button" on:click=move |_| confirming.set(false)>"Keep"</button>
            </Show>
        </section>
    }
}

/// Add a person (no `editing`) or edit one.
#[component]
pub fn PersonForm(id_prefix: String, #[prop(optional)] editing: Option<Person>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let initial = editing.as_ref().map(PersonDraft::from_person).unwrap_or_default();
    let name = RwSignal::new(initial.name);
    let organization = RwSignal::new(initial.organization);
    let title = RwSignal::new(initial.title);
    let role = RwSignal::new(initial.role.token().to_owned());
    let tags = RwSignal::new(initial.tags);
    let notes = RwSignal::new(initial.notes);
    let mode = RwSignal::new(initial.mode.map_or("", Mode::token).to_owned());
    let mode_now = RwSignal::new(initial.mode_now.map_or("", Mode::token).to_owned());
    let boundaries = RwSignal::new(initial.boundaries);
    let cadence = RwSignal::new(initial.cadence);
    let cadence_unit = RwSignal::new(if initial.cadence_in_weeks { "weeks" } else { "days" }.to_owned());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(None::<(bool, String)>);
    let editing_id = editing.as_ref().map(|p| p.id);
    let prefix = StoredValue::new(id_prefix);
    let id = move |field: &str| format!("{}-{field}", prefix.read_value());
    let name_error = Signal::derive(move || message_for(&errors.read(), Field::Name));
    let cadence_error = Signal::derive(move || message_for(&errors.read(), Field::Cadence));
    // The note on the chosen mode follows the form as it is being filled in.
    let mode_note = move || {
        let role = Role::from_token(&role.get()).unwrap_or_default();
        Mode::from_token(&mode.get()).and_then(|m| crate::model::mode::mode_note(m, role))
    };
    let mode_options =
        || [("", "Not chosen")].into_iter().chain(options(&Mode::ALL, Mode::token, Mode::label)).collect::<Vec<_>>();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = PersonDraft {
            name: name.get_untracked(),
            organization: organization.get_untracked(),
            title: title.get_untracked(),
            role: Role::from_token(&role.get_untracked()).unwrap_or_default(),
            tags: tags.get_untracked(),
            notes: notes.get_untracked(),
            mode: Mode::from_token(&mode.get_untracked()),
            mode_now: Mode::from_token(&mode_now.get_untracked()),
            boundaries: boundaries.get_untracked(),
            cadence: cadence.get_untracked(),
            cadence_in_weeks: cadence_unit.with_untracked(|u| u == "weeks"),
        };
        let person_id = editing_id.unwrap_or_else(new_id);
        match state.journal.with_untracked(|j| draft.validate(j, person_id, now_ms())) {
            Err(found) => {
                errors.set(found);
                status.set(Some((false, "Not saved: please check the fields marked below.".into())));
                focus(&id("name"));
            }
            Ok(person) => {
                errors.set(Vec::new());
                let added = person.name.clone();
                status.set(Some(match state.commit(Op::PutPerson(person)) {
                    Ok(()) if editing_id.is_some() => (true, "Saved.".into()),
                    Ok(()) => (true, format!("Added {added}.")),
                    Err(why) => (false, format!("Kept on screen, but not saved: {why}.")),
                }));
                if editing_id.is_none() {
                    for field in [name, organization, title, tags, notes, mode, mode_now, boundaries, cadence] {
                        field.set(String::new());
                    }
                    role.set(Role::Other.token().to_owned());
                }
            }
        }
    };

    view! {
        <form class="person-form" on:submit=submit novalidate>
            <div class="row">
                <TextField id=id("name") label="Name" value=name error=name_error grow=true />
                <SelectField id=id("role") label="Role" value=role options=options(&Role::ALL, Role::token, Role::label) />
            </div>
            <div class="row">
                <TextField id=id("organization") label="Organization" value=organization grow=true />
                <TextField id=id("title") label="Title" value=title grow=true />
            </div>
            <TextField id=id("tags") label="Tags" value=tags hint="Separate tags with commas." />
            <TextArea id=id("notes") label="Notes" value=notes />
            <fieldset class="outcome">
                <legend>"What this relationship should be"</legend>
                <div class="row">
                    <SelectField id=id("mode") label="Chosen mode" value=mode options=mode_options() />
                    <SelectField id=id("mode-now") label="As it is today" value=mode_now options=mode_options() />
                </div>
                {move || mode_note().map(|note| view! { <p class="mode-note" role="note">{note}</p> })}
                <TextArea id=id("boundaries") label="Boundaries: what you will and will not mix" value=boundaries />
                <div class="row">
                    <TextField
                        id=id("cadence")
                        label="Keep in touch every"
                        value=cadence
                        error=cadence_error
                        numeric=true
                        placeholder="none"
                    />
                    <SelectField id=id("cadence-unit") label="Unit" value=cadence_unit options=vec![("days", "days"), ("weeks", "weeks")] />
                </div>
            </fieldset>
            <div class="actions">
                <button type="submit" class="primary">
                    {if editing_id.is_some() { "Save details" } else { "Add person" }}
                </button>
                <StatusLine status=status />
            </div>
        </form>
    }
}
