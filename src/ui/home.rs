//! The Home screen: quick-add, and what needs attention.

use leptos::prelude::*;
use leptos_router::components::A;

use super::interaction_form::InteractionForm;
use super::platform::{href, now, set_title};
use super::state::AppState;
use crate::model::assessment::Assessment;
use crate::model::mode::{Touch, describe_cadence, fading};
use crate::model::review::{NextReview, next_review, open_goals};
use crate::model::time::short_date;
use crate::model::{describe_expectation, describe_interaction};

#[component]
pub fn HomePage() -> impl IntoView {
    set_title("Home");
    let state = expect_context::<AppState>();
    let today = now().date();
    let empty = move || state.journal.with(|j| j.is_empty() && j.people_count() == 0);

    let fading_list = move || {
        state.journal.with(|j| {
            fading(j, today)
                .into_iter()
                .filter_map(|(id, touch)| {
                    let person = j.person(id)?;
                    let cadence = describe_cadence(person.cadence_days.unwrap_or_default());
                    let text = match touch {
                        Touch::Fading { overdue, last } => format!(
                            "{} overdue — last met {}, keep in touch {cadence}",
                            crate::model::text::plural(overdue as usize, "day", "days"),
                            short_date(last)
                        ),
                        _ => format!("not met yet — keep in touch {cadence}"),
                    };
                    Some((id, person.name.clone(), text))
                })
                .collect::<Vec<_>>()
        })
    };
    let expectations = move || {
        state.journal.with(|j| {
            let mut open = j.open_follow_ups(None);
            // Oldest due first, then the oldest without a due date.
            open.sort_by_key(|i| {
                let due = i.expectation.as_ref().and_then(|e| e.due);
                (due.is_none(), due, i.at)
            });
            open.into_iter()
                .map(|i| {
                    let e = i.expectation.as_ref().map(|e| describe_expectation(e, |p| j.name_of(p).to_owned()));
                    let overdue = i.expectation.as_ref().and_then(|e| e.due).is_some_and(|d| d < today);
                    let person = i.people.first().copied();
                    (e.unwrap_or_default(), describe_interaction(i, j), overdue, person)
                })
                .collect::<Vec<_>>()
        })
    };
    let goals = move || {
        state.journal.with(|j| {
            open_goals(j)
                .into_iter()
                .map(|g| {
                    let who = g.person.map(|p| format!(" — with {}", j.name_of(p))).unwrap_or_default();
                    let target = g.target.map(|t| format!(" (by {})", short_date(t))).unwrap_or_default();
                    format!("{}{who}{target}", g.text)
                })
                .collect::<Vec<_>>()
        })
    };
    let review = move || {
        state.journal.with(|j| match next_review(j) {
            NextReview::Off => "No review reminder is set.".to_owned(),
            NextReview::First => "Review due: you have not reviewed your relationships yet.".to_owned(),
            NextReview::On(date) if date <= today => format!("Review due since {}.", short_date(date)),
            NextReview::On(date) => format!("Next review: {}.", short_date(date)),
        })
    };
    let quadrant = move || {
        state.journal.with(|j| {
            j.assessments().last().and_then(|a: &Assessment| {
                let s = a.scores()?;
                Some(format!(
                    "{} (time {}, interest {}) — {}",
                    s.quadrant().name(),
                    s.time,
                    s.interest,
                    short_date(a.at.date())
                ))
            })
        })
    };

    view! {
        <h1>"Home"</h1>
        <Show when=empty>
            <section class="card welcome" aria-labelledby="welcome-heading">
                <h2 id="welcome-heading">"Start here"</h2>
                <p>
                    "Log your last few conversations at work: who you met, and whether it left anyone relying on, or expecting something of, the other. Two such interactions with someone make a relationship; the rest are contacts."
                </p>
                <p>"Then try the " <A href=href("/assessment")>"self-assessment"</A> ", and map who your work serves in " <A href=href("/chains")>"service chains"</A> "."</p>
            </section>
        </Show>
        <section aria-labelledby="add-heading" class="card">
            <h2 id="add-heading">"Add an interaction"</h2>
            <InteractionForm id_prefix="add".to_owned() />
        </section>
        <div class="home-grid">
            <section aria-labelledby="fading-heading" class="card">
                <h2 id="fading-heading">"Fading"</h2>
                {move || {
                    let list = fading_list();
                    if list.is_empty() {
                        view! { <p class="empty">"No one past their keep-in-touch cadence. Set one on a person's page."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="attention">
                                {list
                                    .into_iter()
                                    .map(|(id, name, text)| {
                                        view! {
                                            <li>
                                                <A href=href(&format!("/people/{id}"))>{name}</A>
                                                {format!(": {text}")}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
            </section>
            <section aria-labelledby="promises-heading" class="card">
                <h2 id="promises-heading">"Open expectations and promises"</h2>
                {move || {
                    let list = expectations();
                    if list.is_empty() {
                        view! { <p class="empty">"Nothing open."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="attention">
                                {list
                                    .into_iter()
                                    .map(|(what, context, overdue, person)| {
                                        let link = person.map_or_else(|| href("/journal"), |p| href(&format!("/people/{p}")));
                                        view! {
                                            <li class:late=overdue>
                                                <A href=link>{what}</A>
                                                <span class="context">{format!(" — {context}")}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
            </section>
            <section aria-labelledby="review-heading" class="card">
                <h2 id="review-heading">"Review"</h2>
                <p class="next-review">{review}</p>
                <p><A href=href("/review")>"Go to the review"</A></p>
                {move || {
                    let list = goals();
                    (!list.is_empty())
                        .then(|| {
                            view! {
                                <h3>"Open goals"</h3>
                                <ul class="attention">{list.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                            }
                        })
                }}
            </section>
            <section aria-labelledby="quadrant-heading" class="card">
                <h2 id="quadrant-heading">"Self-assessment"</h2>
                {move || match quadrant() {
                    Some(text) => view! { <p>{format!("Latest: {text}")}</p> }.into_any(),
                    None => view! { <p class="empty">"Not taken yet."</p> }.into_any(),
                }}
                <p><A href=href("/assessment")>"Go to the self-assessment"</A></p>
            </section>
        </div>
    }
}
