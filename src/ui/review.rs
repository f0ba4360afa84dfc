//! The Review screen: the guided periodic review, saved at every answer so it
//! can be left and resumed, and the review cadence.

use leptos::prelude::*;
use leptos_router::components::A;

use super::form::{FormState, text};
use super::platform::{focus, href, new_id, now, set_title};
use super::state::AppState;
use super::widgets::{ChoiceField, SelectField, TextField};
use crate::model::mode::Mode;
use crate::model::review::{
    GoalDraft, GoalStatus, NextReview, Review, Trait, in_progress, interactions_since, last_finished, next_review,
    proposed_people,
};
use crate::model::text::plural;
use crate::model::time::short_date;
use crate::model::{Field, Id, Op, Person, describe_interaction};

#[component]
pub fn ReviewPage() -> impl IntoView {
    set_title("Review");
    let state = expect_context::<AppState>();
    let under_way = Memo::new(move |_| state.journal.with(|j| in_progress(j).map(|r| r.id)));
    view! {
        <h1>"Review"</h1>
        <p class="lead">
            "Check on every relationship that matters to your work, as a company checks on its customers: how it stands against what you want it to be, and how both sides live up to the eight traits of a partnership."
        </p>
        <CadenceSettings />
        {move || match under_way.get() {
            Some(id) => view! { <Walkthrough id=id /> }.into_any(),
            None => view! { <StartReview /> }.into_any(),
        }}
        <FinishedReviews />
    }
}

#[component]
fn CadenceSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let every = RwSignal::new(
        state.journal.with_untracked(|j| j.settings().review_every_days.map(|d| d.to_string()).unwrap_or_default()),
    );
    let save = move |_| {
        let mut settings = state.journal.with_untracked(|j| j.settings().clone());
        settings.review_every_days = every.get_untracked().parse().ok();
        state.act(Op::update(settings));
    };
    let next = move || {
        state.journal.with(|j| match next_review(j) {
            NextReview::Off => "No reminder.".to_owned(),
            NextReview::First => "Your first review is due now.".to_owned(),
            NextReview::On(date) => format!("Next review due {}.", short_date(date)),
        })
    };
    view! {
        <section class="card" aria-labelledby="cadence-heading">
            <h2 id="cadence-heading">"How often"</h2>
            <div class="row" on:change=save>
                <SelectField
                    id="review-every".to_owned()
                    label="Review every"
                    value=every
                    options=vec![("30", "Month"), ("91", "Quarter"), ("182", "Six months"), ("365", "Year"), ("", "No reminder")]
                />
            </div>
            <p class="next-review">{next}</p>
        </section>
    }
}

#[component]
fn StartReview() -> impl IntoView {
    let state = expect_context::<AppState>();
    let chosen = RwSignal::new(state.journal.with_untracked(proposed_people));
    let since = state.journal.with_untracked(|j| last_finished(j).and_then(|r| r.finished));
    let start = move |_| {
        let review = Review {
            id: new_id(),
            started: now().date(),
            finished: None,
            people: chosen.get_untracked(),
            entries: Vec::new(),
            goals: Vec::new(),
            step: 0,
            rev: Default::default(),
        };
        let _ = state.commit(Op::create(review));
        request_animation_frame(|| focus("step-heading"));
    };
    view! {
        <section class="card" aria-labelledby="start-heading">
            <h2 id="start-heading">"Start a review"</h2>
            <p>
                {match since {
                    Some(date) => format!("Proposed: your clients, superiors and direct reports met since the last review ({}).", short_date(date)),
                    None => "Proposed: your clients, superiors and direct reports you have met.".to_owned(),
                }}
            </p>
            <fieldset class="outcome">
                <legend>"Who to review"</legend>
                {move || {
                    state
                        .journal
                        .with(|j| {
                            let people = j.people_by_name();
                            if people.is_empty() {
                                return view! { <p class="empty">"No one in People yet."</p> }.into_any();
                            }
                            people
                                .into_iter()
                                .map(|p| {
                                    let id = p.id;
                                    view! {
                                        <label class="check">
                                            <input
                                                type="checkbox"
                                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                                on:change=move |_| chosen.update(|c| {
                                                    if let Some(at) = c.iter().position(|x| *x == id) {
                                                        c.remove(at);
                                                    } else {
                                                        c.push(id);
                                                    }
                                                })
                                            />
                                            {format!("{} ({})", p.name, p.role.label())}
                                        </label>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        })
                }}
            </fieldset>
            <div class="actions">
                <button type="button" class="primary" on:click=start>
                    {move || format!("Start the review ({})", plural(chosen.with(Vec::len), "person", "people"))}
                </button>
            </div>
        </section>
    }
}

/// Where a walk through the review is: step `at` of `total` people (the
/// goals come after the last), and the person of that step.
#[derive(Clone, PartialEq)]
struct Position {
    at: usize,
    total: usize,
    person: Option<Id>,
    started: String,
}

/// The review under way, one step at a time.
#[component]
fn Walkthrough(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let review = Memo::new(move |_| state.journal.with(|j| j.review(id).cloned()));
    let steps = Memo::new(move |_| state.journal.with(|j| j.review(id).map(|r| r.steps(j)).unwrap_or_default()));
    // Saves a change to the review at once: leaving half-way loses nothing.
    let change = move |edit: &dyn Fn(&mut Review)| state.edit::<Review>(id, edit);
    let go = move |step: usize| {
        change(&|r| r.step = step);
        request_animation_frame(|| focus("step-heading"));
    };
    // Where the walk is: it changes on "Next" and "Back", not on every answer,
    // so rating a trait does not redraw the step (and keyboard focus stays).
    let position = Memo::new(move |_| {
        let total = steps.with(Vec::len);
        let at = review.with(|r| r.as_ref().map_or(0, |r| r.step)).min(total);
        let started = review.with(|r| r.as_ref().map(|r| short_date(r.started)).unwrap_or_default());
        Position { at, total, person: steps.with(|s| s.get(at).copied()), started }
    });
    view! {
        <section class="card review" aria-labelledby="step-heading">
            {move || {
                let Position { at, total, person, started } = position.get();
                if let Some(person) = person {
                    view! {
                        <p class="meta">{format!("Review started {started} · person {} of {total}", at + 1)}</p>
                        <PersonStep review=id person=person />
                        <div class="actions">
                            <button type="button" disabled={at == 0} on:click=move |_| go(at - 1)>"Back"</button>
                            <button type="button" class="primary" on:click=move |_| go(at + 1)>
                                {if at + 1 == total { "On to goals" } else { "Next person" }}
                            </button>
                            <A href=href("/")>"Leave for now"</A>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="meta">{format!("Review started {started} · goals")}</p>
                        <GoalsStep review=id />
                        <div class="actions">
                            <button type="button" disabled={total == 0} on:click=move |_| go(total.saturating_sub(1))>"Back"</button>
                            <button
                                type="button"
                                class="primary"
                                on:click=move |_| change(&|r| r.finished = Some(now().date()))
                            >
                                "Finish the review"
                            </button>
                            <button
                                type="button"
                                class="danger"
                                on:click=move |_| {
                                    if let Some(kept) = review.get_untracked() {
                                        let _ = state.delete_with_undo(Op::delete(&kept), "the review under way");
                                    }
                                }
                            >
                                "Discard this review"
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// One person: interactions since the last review, modes, the eight traits.
#[component]
fn PersonStep(review: Id, person: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (name, role, chosen, now_mode, since_text) = state.journal.with_untracked(|j| {
        let p = j.person(person);
        let since = last_finished(j).and_then(|r| r.finished);
        let met = interactions_since(j, person, since);
        let list: Vec<String> = met.iter().take(5).map(|i| describe_interaction(i, j)).collect();
        let text = match (met.len(), since) {
            (0, Some(s)) => format!("No interactions since the last review ({}).", short_date(s)),
            (0, None) => "No interactions recorded.".to_owned(),
            (n, Some(s)) => {
                format!("{} since {}: {}", plural(n, "interaction", "interactions"), short_date(s), list.join("; "))
            }
            (n, None) => format!("{}: {}", plural(n, "interaction", "interactions"), list.join("; ")),
        };
        (
            p.map(|p| p.name.clone()).unwrap_or_default(),
            p.map(|p| p.role.label()).unwrap_or_default(),
            p.and_then(|p| p.mode),
            p.and_then(|p| p.mode_now),
            text,
        )
    });
    let mode_now = RwSignal::new(now_mode.map_or("", Mode::token).to_owned());
    let save_mode = move |_| state.edit::<Person>(person, |p| p.mode_now = Mode::from_token(&mode_now.get_untracked()));
    let note = RwSignal::new(state.journal.with_untracked(|j| {
        j.review(review).and_then(|r| r.entry(person)).map(|e| e.note.clone()).unwrap_or_default()
    }));
    let save_note =
        move |_| state.edit::<Review>(review, |r| r.entry_mut(person).note = note.get_untracked().trim().to_owned());
    let mode_options =
        [("", "Not chosen")].into_iter().chain(Mode::ALL.map(|m| (m.token(), m.label()))).collect::<Vec<_>>();
    view! {
        <h2 id="step-heading" tabindex="-1">{format!("{name} ({role})")}</h2>
        <p>{since_text}</p>
        <p>{format!("Chosen mode: {}", chosen.map_or("not chosen", Mode::label))}</p>
        <div class="row" on:change=save_mode>
            <SelectField id=format!("mode-now-{person}") label="As it is today" value=mode_now options=mode_options />
        </div>
        <table class="traits">
            <caption>"The eight traits: how each of you shows it, 1 (rarely) to 5 (always); leave any blank to skip it"</caption>
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
                        view! {
                            <tr>
                                <th scope="row">
                                    {t.label()}
                                    <span class="hint">{format!(" — {}", t.hint())}</span>
                                </th>
                                <td><TraitSelect review=review person=person trait_=t mine=true /></td>
                                <td><TraitSelect review=review person=person trait_=t mine=false /></td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <div on:focusout=save_note>
            <TextField id=format!("review-note-{person}") label="Note" value=note grow=true />
        </div>
    }
}

/// One side of one trait, saved as soon as it changes.
#[component]
fn TraitSelect(review: Id, person: Id, trait_: Trait, mine: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = move || {
        state.journal.with(|j| {
            let rating = j.review(review).and_then(|r| r.entry(person)).map(|e| e.rating(trait_));
            rating.and_then(|r| if mine { r.mine } else { r.theirs }).map(|v| v.to_string()).unwrap_or_default()
        })
    };
    let name = state.journal.with_untracked(|j| j.name_of(person).to_owned());
    let label = format!("{}: {}", trait_.label(), if mine { "you".to_owned() } else { name });
    let set = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev).parse::<u8>().ok();
        state.edit::<Review>(review, |r| r.entry_mut(person).rate(trait_, mine, value));
    };
    view! {
        <select aria-label=label prop:value=current on:change=set>
            <option value="">"—"</option>
            {(1..=5u8).map(|v| view! { <option value=v.to_string()>{v.to_string()}</option> }).collect_view()}
        </select>
    }
}

/// Goals: text, target date, status.
#[component]
fn GoalsStep(review: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let draft = RwSignal::new(GoalDraft::default());
    let form = FormState::new("goal");
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(goal) = form.check(draft.with_untracked(|d| d.validate(new_id()))) {
            state.edit::<Review>(review, |r| r.goals.push(goal));
            draft.set(GoalDraft::default());
        }
    };
    let people = Signal::derive(move || {
        state.journal.with(|j| {
            let people = j.review(review).map(|r| r.steps(j)).unwrap_or_default();
            people.into_iter().map(|p| (p.to_string(), j.name_of(p).to_owned())).collect()
        })
    });
    view! {
        <h2 id="step-heading" tabindex="-1">"Goals"</h2>
        <GoalItems review=review />
        <form on:submit=add novalidate>
            <TextField id=form.id(Field::Text) label="Goal" value=text!(draft, text) error=form.error(Field::Text) grow=true />
            <div class="row">
                <TextField
                    id=form.id(Field::Date)
                    label="Target date (optional)"
                    kind="date"
                    value=text!(draft, target)
                    error=form.error(Field::Date)
                />
                <ChoiceField id=form.element("person") label="With (optional)" value=text!(draft, person) none="No one in particular" choices=people />
            </div>
            <div class="actions">
                <button type="submit">"Add goal"</button>
            </div>
        </form>
    }
}

/// The goals of one review, each with its status to change.
#[component]
fn GoalItems(review: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let goals = move || state.journal.with(|j| j.review(review).map(|r| r.goals.clone()).unwrap_or_default());
    let set_status = move |goal: Id, status: GoalStatus| {
        state.edit::<Review>(review, |r| r.goals.iter_mut().filter(|g| g.id == goal).for_each(|g| g.status = status))
    };
    view! {
        <ul class="goals">
            <For each=goals key=|g| (g.id, g.status) let:goal>
                <li>
                    {goal.text.clone()}
                    {goal.target.map(|t| format!(" (by {})", short_date(t)))}
                    " "
                    <select
                        aria-label=format!("Status of “{}”", goal.text)
                        prop:value=goal.status.token()
                        on:change=move |ev| set_status(goal.id, GoalStatus::from_token(&event_target_value(&ev)).unwrap_or_default())
                    >
                        {GoalStatus::ALL.map(|s| view! { <option value=s.token()>{s.label()}</option> })}
                    </select>
                </li>
            </For>
        </ul>
    }
}

#[component]
fn FinishedReviews() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Newest first; each item follows its review.
    let finished = Memo::new(move |_| {
        state
            .journal
            .with(|j| j.reviews().iter().rev().filter(|r| r.finished.is_some()).map(|r| r.id).collect::<Vec<_>>())
    });
    view! {
        <section aria-labelledby="past-heading">
            <h2 id="past-heading">"Past reviews"</h2>
            <Show when=move || finished.with(|f| !f.is_empty()) fallback=|| view! { <p class="empty">"None finished yet."</p> }>
                <ul>
                    <For each=move || finished.get() key=|id| *id let:id>
                        <li>
                            {move || {
                                state.journal.with(|j| {
                                    let r = j.review(id)?;
                                    let people = plural(r.people.len(), "person", "people");
                                    Some(format!("{}: {people}, {}", short_date(r.finished?), plural(r.goals.len(), "goal", "goals")))
                                })
                            }}
                            <GoalItems review=id />
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}
