//! The Home screen: what needs attention first, each item one click from
//! where it is handled, then the one-line quick-add.

use leptos::prelude::*;
use leptos_router::components::A;

use super::form::Status;
use super::interaction_form::QuickAdd;
use super::journal::FollowUpActions;
use super::on_demand::offer_backup;
use super::platform::{href, now, set_title};
use super::state::AppState;
use super::widgets::StatusLine;
use crate::model::mode::fading;
use crate::model::order::sort_by_key;
use crate::model::review::{NextReview, next_review, open_goals};
use crate::model::safekeeping::{BackupDue, backup_due};
use crate::model::time::short_date;
use crate::model::{Id, Interaction, Rev, describe_expectation, describe_interaction};

#[component]
pub fn HomePage() -> impl IntoView {
    set_title("Home");
    let state = expect_context::<AppState>();
    let empty = move || state.journal.with(|j| j.is_empty() && j.people_count() == 0);
    view! {
        <h1>"Home"</h1>
        <Show when=empty>
            <Welcome />
        </Show>
        <StorageNotice />
        <BackupReminder />
        <div class="home-grid" role="group" aria-label="Needs you">
            <FadingList />
            <OpenExpectations />
            <ReviewCard />
        </div>
        <section aria-labelledby="add-heading" class="card">
            <h2 id="add-heading">"Quick add"</h2>
            <QuickAdd />
        </section>
        <LatestQuadrant />
    }
}

/// Storage past the warning line, said on Home before anything else. Read
/// once when Home opens: reading every stored value on each save would
/// make saves cost more as the journal grows.
/// Its code (the room left at the recent pace, the warning) comes with the
/// serial code: storage that full holds a journal, read with it.
#[component]
fn StorageNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let usage = state.store_usage()?;
    crate::model::room::nearly_full(usage.origin, usage.quota).then(storage_warning)
}

super::on_demand::part_with_serial!(storage_warning, StorageWarningCard, render_storage_warning);

#[component]
fn StorageWarningCard() -> impl IntoView {
    let state = expect_context::<AppState>();
    state.storage_room().map(|(usage, room)| view! { <super::data::StorageWarning usage=usage room=room card=true /> })
}

/// A backup suggested when the journal has changes the last one lacks: none
/// yet, or one over two weeks old (see `model::safekeeping`).
#[component]
fn BackupReminder() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = chrono::Utc::now().date_naive();
    let due = Memo::new(move |_| state.journal.with(|j| backup_due(j, today)));
    let status = RwSignal::new(None::<Status>);
    let reason = move || match due.get() {
        Some(BackupDue::Never) => {
            "Your journal lives only in this browser, and no backup of it has been downloaded yet.".to_owned()
        }
        Some(BackupDue::Since(day)) => {
            format!("Your last backup is from {}, and the journal has changed since.", short_date(day))
        }
        None => String::new(),
    };
    view! {
        <Show when=move || due.with(Option::is_some)>
            <section class="card notice warning" aria-labelledby="backup-reminder-heading">
                <h2 id="backup-reminder-heading">"Back up your journal"</h2>
                <p>{reason}" Browsers delete a site's data (Safari after 7 days without a visit); a backup brings it back, here or on another device."</p>
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| offer_backup(state, status)>"Download a backup"</button>
                    <button type="button" on:click=move |_| state.snooze_backup(today)>"Remind me in a week"</button>
                </div>
            </section>
        </Show>
        <StatusLine status=status />
    }
}

#[component]
fn Welcome() -> impl IntoView {
    view! {
        <section class="card welcome" aria-labelledby="welcome-heading">
            <h2 id="welcome-heading">"Start here"</h2>
            <p>
                "Log your last few conversations at work: who you met, and whether it left anyone relying on, or expecting something of, the other. Two such interactions with someone make a relationship; the rest are contacts."
            </p>
            <p>"Then try the " <A href=href("/assessment")>"self-assessment"</A> ", and map who your work serves in " <A href=href("/chains")>"service chains"</A> "."</p>
        </section>
    }
}

/// Someone past their keep-in-touch cadence, and why.
#[derive(Clone, PartialEq, Eq, Hash)]
struct FadingPerson {
    id: Id,
    name: String,
    why: String,
}

/// Who is fading, most overdue first; a name opens the person's page, where
/// an interaction with them is logged.
#[component]
fn FadingList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = now().date();
    let list = Memo::new(move |_| {
        state.journal.with(|j| {
            fading(j, today)
                .into_iter()
                .filter_map(|(id, touch)| {
                    let person = j.person(id)?;
                    let why = touch.attention(person.cadence_days.unwrap_or_default())?;
                    Some(FadingPerson { id, name: person.name.clone(), why })
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section aria-labelledby="fading-heading" class="card">
            <h2 id="fading-heading">"Fading"</h2>
            <Show
                when=move || list.with(|l| !l.is_empty())
                fallback=|| view! { <p class="empty">"No one past their keep-in-touch cadence. Set one on a person's page."</p> }
            >
                <ul class="attention">
                    <For each=move || list.get() key=Clone::clone let:person>
                        <li>
                            <A href=href(&format!("/people/{}", person.id))>{person.name}</A>
                            {format!(": {}", person.why)}
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// Open expectations and promises, oldest due first, each marked met or
/// missed right here.
#[component]
fn OpenExpectations() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = Memo::new(move |_| {
        state.journal.with(|j| {
            let mut open: Vec<Interaction> = j.open_follow_ups(None).into_iter().cloned().collect();
            // Oldest due first, then the oldest without a due date.
            sort_by_key(&mut open, |i| {
                let due = i.expectation.as_ref().and_then(|e| e.due);
                (due.is_none(), due, i.at)
            });
            open
        })
    });
    let key = |i: &Interaction| -> (Id, Rev) { (i.id, i.rev) };
    view! {
        <section aria-labelledby="promises-heading" class="card">
            <h2 id="promises-heading">"Open expectations and promises"</h2>
            <Show when=move || open.with(|l| !l.is_empty()) fallback=|| view! { <p class="empty">"Nothing open."</p> }>
                <ul class="attention">
                    <For each=move || open.get() key=key let:record>
                        <OpenExpectation record=record />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn OpenExpectation(record: Interaction) -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = now().date();
    let (what, context) = state.journal.with_untracked(|j| {
        let what = record.expectation.as_ref().map(|e| describe_expectation(e, |p| j.name_of(p).to_owned()));
        (what.unwrap_or_default(), describe_interaction(&record, j))
    });
    let late = record.expectation.as_ref().and_then(|e| e.due).is_some_and(|d| d < today);
    let link = record.people.first().map_or_else(|| href("/journal"), |p| href(&format!("/people/{p}")));
    view! {
        <li class:late=late>
            <A href=link>{what}</A>
            <span class="context">{format!(" — {context}")}</span>
            <FollowUpActions record=Signal::stored(record) />
        </li>
    }
}

/// When the next review is, and the goals still open.
#[component]
fn ReviewCard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = now().date();
    let review = move || {
        state.journal.with(|j| match next_review(j) {
            NextReview::Off => "No review reminder is set.".to_owned(),
            NextReview::First => "Review due: you have not reviewed your relationships yet.".to_owned(),
            NextReview::On(date) if date <= today => format!("Review due since {}.", short_date(date)),
            NextReview::On(date) => format!("Next review: {}.", short_date(date)),
        })
    };
    let goals = Memo::new(move |_| {
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
    });
    view! {
        <section aria-labelledby="review-heading" class="card">
            <h2 id="review-heading">"Review"</h2>
            <p class="next-review">{review}</p>
            <p><A href=href("/review")>"Go to the review"</A></p>
            <Show when=move || goals.with(|g| !g.is_empty())>
                <h3>"Open goals"</h3>
                <ul class="attention">{move || goals.get().into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
            </Show>
        </section>
    }
}

#[component]
fn LatestQuadrant() -> impl IntoView {
    let state = expect_context::<AppState>();
    let latest = move || {
        state.journal.with(|j| {
            let a = j.assessments().last()?;
            let s = a.scores()?;
            Some(format!(
                "Latest: {} (time {}, interest {}) — {}",
                s.quadrant().name(),
                s.time,
                s.interest,
                short_date(a.at.date())
            ))
        })
    };
    view! {
        <section aria-labelledby="quadrant-heading" class="card">
            <h2 id="quadrant-heading">"Self-assessment"</h2>
            {move || match latest() {
                Some(text) => view! { <p>{text}</p> }.into_any(),
                None => view! { <p class="empty">"Not taken yet."</p> }.into_any(),
            }}
            <p><A href=href("/assessment")>"Go to the self-assessment"</A></p>
        </section>
    }
}
