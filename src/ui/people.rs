//! The People screen, one page per person, and the person form.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::conflict::{ChangedElsewhere, ConflictPanel};
use super::form::{FormState, Submitted, field, text};
use super::interaction_form::InteractionForm;
use super::journal::InteractionItem;
use super::platform::{href, new_id, now, set_title};
use super::state::AppState;
use super::widgets::{SelectField, StandingBadge, StatusLine, TextArea, TextField, escape_html, options};
use crate::model::mode::{Mode, mode_note, touch};
use crate::model::review::{Entry, Trait, biggest_gaps, history};
use crate::model::text::thousands;
use crate::model::time::short_date;
use crate::model::{AnyRecord, Field, Id, Interaction, Op, Person, PersonDraft, RecordKind, Role, Tally};

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
                // Keyed on the person's version and tally: a change to one
                // person redraws that row only.
                <For each=move || rows.get() key=|(person, tally)| (person.id, person.rev, *tally) let:row>
                    {person_row(row.0, row.1)}
                </For>
            </ul>
        </section>
    }
}

/// A person in the People list: name, role, title and organization, and
/// where they stand.
fn person_row(person: Person, tally: Tally) -> impl IntoView {
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
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Id>().ok()));
    // Only whether the person exists: an edit must not rebuild the page (and
    // close the form the user is in). A person removed in another tab while
    // shown here stays shown, so a form being typed in is kept (and flagged).
    let existing = Memo::new(move |shown: Option<&Option<Id>>| {
        let id = id.get()?;
        let still_shown = shown.is_some_and(|s| *s == Some(id));
        (still_shown || state.journal.with(|j| j.person(id).is_some())).then_some(id)
    });

    move || match existing.get() {
        None => {
            set_title("Person not found");
            view! {
                <h1>"Person not found"</h1>
                <p>"This person is not in your journal; they may have been removed."</p>
                <p><A href=href("/people")>"Back to People"</A></p>
            }
            .into_any()
        }
        Some(id) => view! { <PersonDetail id=id /> }.into_any(),
    }
}

#[component]
fn PersonDetail(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let person = Memo::new(move |_| state.journal.with(|j| j.person(id).cloned()));
    // Once removed in another tab, the name stays for the forms still open.
    let first_name = person.get_untracked().map(|p| p.name).unwrap_or_default();
    let name = Memo::new(move |_| person.with(|p| p.as_ref().map_or_else(|| first_name.clone(), |p| p.name.clone())));
    set_title(&name.get_untracked());
    view! {
        <PersonHeading id=id person=person name=name />
        <RelationshipSummary id=id />
        <TraitsOverReviews id=id />
        <OpenExpectations id=id />
        <details class="card">
            <summary>{move || format!("Log an interaction with {}", name.get())}</summary>
            <InteractionForm id_prefix=format!("with-{id}") with=name.get_untracked() />
        </details>
        <PersonTimeline id=id />
        <details class="card">
            <summary>"Edit details"</summary>
            {state
                .journal
                .with_untracked(|j| j.person(id).cloned())
                .map(|p| view! { <PersonForm id_prefix=format!("person-{id}") editing=p /> })}
        </details>
        <RemovePerson person=person name=name />
    }
}

/// The name, with role, title and organization, standing and tags.
#[component]
fn PersonHeading(id: Id, person: Memo<Option<Person>>, name: Memo<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let tally = Memo::new(move |_| state.journal.with(|j| crate::model::relationship::tally(j.interactions(), id)));
    view! {
        <p class="breadcrumb"><A href=href("/people")>"People"</A></p>
        <h1>{move || name.get()}</h1>
        <p class="subtitle">{move || person.with(|p| p.as_ref().map(subtitle))}</p>
        <p class="standing-line">{move || view! { <StandingBadge tally=tally.get() /> }}</p>
        {move || person.with(|p| p.as_ref().map(contact_line))}
        {move || {
            person
                .with(|p| p.as_ref().map(|p| p.tags.clone()).unwrap_or_default())
                .into_iter()
                .map(|t| view! { <span class="tag">{t}</span> })
                .collect_view()
        }}
    }
}

/// Email, phone and profile, as links, where known.
fn contact_line(p: &Person) -> Option<impl IntoView + use<>> {
    if p.email.is_empty() && p.phone.is_empty() && p.profile_url.is_empty() {
        return None;
    }
    let link = |href: String, text: String| (!text.is_empty()).then(|| view! { <a href=href>{text}</a> " " });
    Some(view! {
        <p class="contact-line">
            {link(format!("mailto:{}", p.email), p.email.clone())}
            {link(format!("tel:{}", p.phone), p.phone.clone())}
            // Only web addresses: a restored or imported file could hold a
            // "javascript:" one.
            {(!p.profile_url.is_empty() && crate::model::check_url(&p.profile_url).is_ok())
                .then(|| link(p.profile_url.clone(), "Profile".to_owned()))}
        </p>
    })
}

/// "Manager · Head of logistics · Acme", leaving out what is not filled in.
fn subtitle(p: &Person) -> String {
    [p.role.label(), p.title.as_str(), p.organization.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The interactions with the person that left an expectation open.
#[component]
fn OpenExpectations(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = Memo::new(move |_| {
        state.journal.with(|j| j.open_follow_ups(Some(id)).into_iter().cloned().collect::<Vec<_>>())
    });
    view! {
        <section aria-labelledby="open-heading">
            <h2 id="open-heading">"Open expectations"</h2>
            <Show when=move || open.with(Vec::is_empty)>
                <p class="empty">"None open."</p>
            </Show>
            <For each=move || open.get() key=|i| i.id let:record>
                <InteractionItem record=record show_date=true />
            </For>
        </section>
    }
}

/// The interactions with the person, newest first, 50 at a time.
#[component]
fn PersonTimeline(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let limit = RwSignal::new(50usize);
    let timeline = Memo::new(move |_| {
        state.journal.with(|j| {
            let all: Vec<_> = j.interactions().filter(|i| i.involves(id)).collect();
            Timeline { count: all.len(), shown: all.into_iter().take(limit.get()).cloned().collect() }
        })
    });
    view! {
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">
                {move || format!("Timeline ({})", thousands(timeline.with(|t| t.count)))}
            </h2>
            <Show when=move || timeline.with(|t| t.count == 0)>
                <p class="empty">"No interactions yet."</p>
            </Show>
            <For each=move || timeline.with(|t| t.shown.clone()) key=|i| i.id let:record>
                <InteractionItem record=record show_date=true />
            </For>
            <Show when=move || timeline.with(|t| t.count > limit.get())>
                <button type="button" class="more" on:click=move |_| limit.update(|l| *l += 50)>
                    "Show older interactions"
                </button>
            </Show>
        </section>
    }
}

/// Removes the person from People, after a confirmation, and goes back there.
#[component]
fn RemovePerson(person: Memo<Option<Person>>, name: Memo<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let confirming = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let delete = move |_| {
        if let Some(p) = person.get_untracked() {
            let _ = state.commit(Op::delete(&p));
        }
        navigate("/people", Default::default());
    };
    view! {
        <section aria-labelledby="remove-heading" class="danger-zone">
            <h2 id="remove-heading">"Remove"</h2>
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button type="button" class="danger" on:click=move |_| confirming.set(true)>
                            {move || format!("Remove {}…", name.get())}
                        </button>
                    }
                }
            >
                <p>{move || format!("Remove {} from People? Their interactions stay in the journal, marked “Removed person”.", name.get())}</p>
                <button type="button" class="danger" on:click=delete.clone()>
                    {move || format!("Yes, remove {}", name.get())}
                </button>
                <button type="button" on:click=move |_| confirming.set(false)>"Keep"</button>
            </Show>
        </section>
    }
}

/// A person's interactions: how many there are, and the latest ones shown.
#[derive(Clone, PartialEq)]
struct Timeline {
    count: usize,
    shown: Vec<Interaction>,
}

/// Add a person (no `editing`) or edit one.
#[component]
pub fn PersonForm(id_prefix: String, #[prop(optional)] editing: Option<Person>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let draft = RwSignal::new(editing.as_ref().map(PersonDraft::from_person).unwrap_or_default());
    let form = FormState::new(id_prefix);
    let editing_id = editing.as_ref().map(|p| p.id);
    // The version the form stands on: what it was opened with, then what it saved.
    let base = RwSignal::new(editing);
    // After "keep mine", a merge, or "take the other version": the form
    // shows the version now stored, and stands on it.
    let settled = move || {
        let current = editing_id.and_then(|id| state.journal.with_untracked(|j| j.person(id).cloned()));
        if let Some(current) = &current {
            draft.set(PersonDraft::from_person(current));
        }
        base.set(current);
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let person_id = editing_id.unwrap_or_else(new_id);
        let rev = base.with_untracked(|b| b.as_ref().map(|p| p.rev)).unwrap_or_default();
        let validated = state.journal.with_untracked(|j| draft.with_untracked(|d| d.validate(j, person_id, rev)));
        let saved = match (&validated, editing_id) {
            (Ok(person), None) => format!("Added {}.", person.name),
            _ => "Saved.".to_owned(),
        };
        let op = |person| if editing_id.is_some() { Op::update(person) } else { Op::create(person) };
        match form.submit(validated, saved, op) {
            Submitted::Saved if editing_id.is_some() => {
                base.set(state.journal.with_untracked(|j| j.person(person_id).cloned()))
            }
            Submitted::Saved | Submitted::KeptUnsaved if editing_id.is_none() => draft.set(PersonDraft::default()),
            _ => {}
        }
    };
    view! {
        <form class="person-form" on:submit=submit novalidate>
            {editing_id.map(|id| {
                let base = Signal::derive(move || base.with(|b| b.as_ref().map(|p| p.rev).unwrap_or_default()));
                view! { <ChangedElsewhere kind=RecordKind::Person id=id base=base /> }
            })}
            <PersonFields form=form draft=draft />
            <RelationshipFields form=form draft=draft />
            <div class="actions">
                <button type="submit" class="primary">
                    {if editing_id.is_some() { "Save details" } else { "Add person" }}
                </button>
                <StatusLine status=form.status />
            </div>
            <ConflictPanel
                conflict=form.conflict
                base=Signal::derive(move || base.get().map(AnyRecord::from))
                on_settled=move || settled()
            />
        </form>
    }
}

/// Who the person is: name, role, organization, title, tags, notes.
#[component]
fn PersonFields(form: FormState, draft: RwSignal<PersonDraft>) -> impl IntoView {
    let role =
        field(draft, |d| d.role.token().to_owned(), |d, v: String| d.role = Role::from_token(&v).unwrap_or_default());
    view! {
        <div class="row">
            <TextField id=form.id(Field::Name) label="Name" value=text!(draft, name) error=form.error(Field::Name) grow=true />
            <SelectField id=form.element("role") label="Role" value=role options=options(&Role::ALL, Role::token, Role::label) />
        </div>
        <div class="row">
            <TextField id=form.element("organization") label="Organization" value=text!(draft, organization) grow=true />
            <TextField id=form.id(Field::Title) label="Title" value=text!(draft, title) grow=true />
        </div>
        <div class="row">
            <TextField id=form.id(Field::Email) label="Email" kind="email" value=text!(draft, email) error=form.error(Field::Email) grow=true />
            <TextField id=form.id(Field::Phone) label="Phone" kind="tel" value=text!(draft, phone) grow=true />
            <TextField id=form.id(Field::Url) label="Profile URL" kind="url" value=text!(draft, profile_url) error=form.error(Field::Url) grow=true />
        </div>
        <TextField id=form.element("tags") label="Tags" value=text!(draft, tags) hint="Separate tags with commas." />
        <TextArea id=form.element("notes") label="Notes" value=text!(draft, notes) />
    }
}

/// What the relationship should be, its boundaries, and keeping in touch.
#[component]
fn RelationshipFields(form: FormState, draft: RwSignal<PersonDraft>) -> impl IntoView {
    let mode =
        field(draft, |d| d.mode.map_or("", Mode::token).to_owned(), |d, v: String| d.mode = Mode::from_token(&v));
    let mode_now = field(
        draft,
        |d| d.mode_now.map_or("", Mode::token).to_owned(),
        |d, v: String| d.mode_now = Mode::from_token(&v),
    );
    let unit = field(
        draft,
        |d| if d.cadence_in_weeks { "weeks" } else { "days" }.to_owned(),
        |d, v: String| d.cadence_in_weeks = v == "weeks",
    );
    // The note on the chosen mode follows the form as it is being filled in.
    let mode_note = move || draft.with(|d| d.mode.and_then(|m| mode_note(m, d.role)));
    let mode_options =
        || [("", "Not chosen")].into_iter().chain(options(&Mode::ALL, Mode::token, Mode::label)).collect::<Vec<_>>();
    view! {
        <fieldset class="outcome">
            <legend>"What this relationship should be"</legend>
            <div class="row">
                <SelectField id=form.element("mode") label="Chosen mode" value=mode options=mode_options() />
                <SelectField id=form.element("mode-now") label="As it is today" value=mode_now options=mode_options() />
            </div>
            {move || mode_note().map(|note| view! { <p class="mode-note" role="note">{note}</p> })}
            <TextArea id=form.element("boundaries") label="Boundaries: what you will and will not mix" value=text!(draft, boundaries) />
            <div class="row">
                <TextField
                    id=form.id(Field::Cadence)
                    label="Keep in touch every"
                    value=text!(draft, cadence)
                    error=form.error(Field::Cadence)
                    numeric=true
                    placeholder="none"
                />
                <SelectField id=form.element("cadence-unit") label="Unit" value=unit options=vec![("days", "days"), ("weeks", "weeks")] />
            </div>
        </fieldset>
    }
}

/// The chosen mode against today's, boundaries, and keeping in touch.
#[component]
fn RelationshipSummary(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lines = move || {
        state.journal.with(|j| {
            let p = j.person(id)?;
            let last = j.interactions().find(|i| i.involves(id)).map(|i| i.date());
            let mode = |m: Option<Mode>| m.map_or("not chosen", Mode::label);
            let modes = format!("Chosen: {} · As it is today: {}", mode(p.mode), mode(p.mode_now));
            let note = p.mode.and_then(|m| mode_note(m, p.role));
            let touch = touch(p, last, now().date()).describe(p.cadence_days.unwrap_or(0));
            Some((modes, note, p.boundaries.clone(), touch))
        })
    };
    view! {
        <section aria-labelledby="relationship-heading">
            <h2 id="relationship-heading">"The relationship"</h2>
            {move || {
                lines()
                    .map(|(modes, note, boundaries, touch)| {
                        view! {
                            <p>{modes}</p>
                            {note.map(|n| view! { <p class="mode-note" role="note">{n}</p> })}
                            {(!boundaries.is_empty()).then(|| view! { <p>{format!("Boundaries: {boundaries}")}</p> })}
                            <p class="touch">{touch}</p>
                        }
                    })
            }}
            <p class="hint">"Change these under “Edit details” below."</p>
        </section>
    }
}

/// The person's trait ratings over the reviews, drawn and in a table, and
/// the biggest gaps between the two sides.
#[component]
fn TraitsOverReviews(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let content = move || {
        state.journal.with(|j| {
            let reviews = history(j, id);
            let Some(&(latest, entry)) = reviews.last() else {
                return view! { <p class="empty">"Not rated in a finished review yet."</p> }.into_any();
            };
            let (date, entry) = (short_date(latest), entry.clone());
            let name = j.name_of(id).to_owned();
            let chart = ratings_svg(&reviews, &name);
            let gaps = biggest_gaps(j, id);
            view! {
                <div class="ratings-chart" inner_html=chart></div>
                <table class="traits">
                    <caption>{format!("Latest ratings ({date}), 1 to 5")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Trait"</th>
                            <th scope="col">"You"</th>
                            <th scope="col">{name.clone()}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {Trait::ALL
                            .map(|t| {
                                let r = entry.rating(t);
                                let show = |v: Option<u8>| v.map_or("—".to_owned(), |v| v.to_string());
                                view! {
                                    <tr>
                                        <th scope="row">{t.label()}</th>
                                        <td>{show(r.mine)}</td>
                                        <td>{show(r.theirs)}</td>
                                    </tr>
                                }
                            })}
                    </tbody>
                </table>
                <h3>"Biggest gaps"</h3>
                {if gaps.is_empty() {
                    view! { <p class="empty">"No gaps: where both sides were rated, they match."</p> }.into_any()
                } else {
                    view! {
                        <ul class="gaps">
                            {gaps
                                .into_iter()
                                .take(3)
                                .map(|(t, mine, theirs)| {
                                    view! { <li>{format!("{}: you {mine}, {name} {theirs}", t.label())}</li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            }
            .into_any()
        })
    };
    view! {
        <section aria-labelledby="traits-heading">
            <h2 id="traits-heading">"Partnership traits over the reviews"</h2>
            {content}
        </section>
    }
}

/// Each trait as a small line chart across the reviews: you solid, them
/// dashed. SVG markup, like the other drawings.
pub fn ratings_svg(reviews: &[(chrono::NaiveDate, &Entry)], name: &str) -> String {
    const LABEL: i32 = 150;
    const WIDTH: i32 = 160;
    const ROW: i32 = 26;
    let step = if reviews.len() > 1 { WIDTH / (reviews.len() as i32 - 1) } else { 0 };
    let height = ROW * Trait::ALL.len() as i32 + 20;
    let mut svg = format!(
        r#"<svg class="ratings" viewBox="0 0 {w} {height}" role="img" aria-label="{}">"#,
        escape_html(&format!(
            "Ratings of the eight traits in {} reviews, you and {name}; the latest are in the table below.",
            reviews.len()
        )),
        w = LABEL + WIDTH + 20,
    );
    for (row, t) in Trait::ALL.iter().enumerate() {
        let top = 8 + row as i32 * ROW;
        let y = |v: u8| top + ROW - 6 - (i32::from(v) - 1) * (ROW - 10) / 4;
        svg += &format!(r#"<text class="trait" x="0" y="{}">{}</text>"#, top + ROW / 2 + 2, escape_html(t.label()));
        for (mine, class) in [(true, "mine"), (false, "theirs")] {
            let points: Vec<String> = reviews
                .iter()
                .enumerate()
                .filter_map(|(n, (_, e))| {
                    let r = e.rating(*t);
                    let v = if mine { r.mine } else { r.theirs }?;
                    Some(format!("{},{}", LABEL + 6 + n as i32 * step, y(v)))
                })
                .collect();
            if points.len() > 1 {
                svg += &format!(r#"<polyline class="{class}" points="{}"/>"#, points.join(" "));
            }
            for point in &points {
                let (x, y) = point.split_once(',').unwrap_or(("0", "0"));
                svg += &format!(r#"<circle class="{class}" cx="{x}" cy="{y}" r="3"/>"#);
            }
        }
    }
    svg += &format!(
        r#"<text class="legend" x="{LABEL}" y="{}">— you   - - {}</text></svg>"#,
        height - 2,
        escape_html(name)
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::review::Rating;

    #[test]
    fn the_ratings_chart_draws_a_line_per_side_per_trait_over_several_reviews() {
        let entry = |mine: u8, theirs: u8| Entry {
            person: Id::from_raw(1),
            ratings: vec![Rating { trait_: Trait::Respect, mine: Some(mine), theirs: Some(theirs) }],
            note: String::new(),
        };
        let (a, b) = (entry(1, 5), entry(5, 3));
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let svg = ratings_svg(&[(day, &a), (day, &b)], "Ana & Bo");
        assert_eq!(svg.matches("<polyline").count(), 2, "one line per side for the one rated trait");
        assert_eq!(svg.matches("<circle").count(), 4);
        // 1 sits at the bottom of the row, 5 at the top.
        assert!(svg.contains(r#"<polyline class="mine" points="156,28 316,12"/>"#), "{svg}");
        assert!(svg.contains("Ana &amp; Bo"));
        let single = ratings_svg(&[(day, &a)], "Ana");
        assert_eq!((single.matches("<polyline").count(), single.matches("<circle").count()), (0, 2));
    }
}
