//! The import preview: what the file would do, row by row, with a choice
//! per row and for all rows; a page of rows at a time.

use leptos::prelude::*;

use super::{Importing, PAGE};
use crate::model::import::{Action, ImportPlan, MatchedBy, PlanRow, Summary};
use crate::model::text::{plural, thousands};

/// Which rows the table lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    All,
    Only(Action),
}

fn token(action: Action) -> &'static str {
    match action {
        Action::Add => "add",
        Action::Update => "update",
        Action::Skip => "skip",
    }
}

fn from_token(token: &str) -> Option<Action> {
    [Action::Add, Action::Update, Action::Skip].into_iter().find(|&a| self::token(a) == token)
}

#[component]
pub(super) fn ImportPreview(importing: Importing) -> impl IntoView {
    let state = expect_context::<super::AppState>();
    let plan = importing.plan;
    let summary = Memo::new(move |_| plan.with(|p| p.as_ref().map(ImportPlan::summary).unwrap_or_default()));
    let heading = plan.with_untracked(|p| p.as_ref().map(|p| p.format.label()).unwrap_or_default());
    let shown = RwSignal::new(Shown::All);
    let limit = RwSignal::new(PAGE);
    // The refusal of the last choice, shown under that row.
    let refused = RwSignal::new(None::<(usize, String)>);
    let rows = Memo::new(move |_| {
        plan.with(|p| {
            let rows = p.as_ref().map(ImportPlan::rows).unwrap_or_default();
            let wanted = |row: &PlanRow| shown.with(|s| *s == Shown::All || *s == Shown::Only(row.action));
            let found: Vec<usize> = (0..rows.len()).filter(|&i| wanted(&rows[i])).collect();
            (found.len(), found.into_iter().take(limit.get()).collect::<Vec<_>>())
        })
    });
    view! {
        <div class="import-preview" role="group" aria-labelledby="import-preview-heading">
            <h3 id="import-preview-heading">{format!("The file: {heading}")}</h3>
            <p>{move || format!("If you import now: {}", summary.with(Summary::message))}</p>
            <BulkChoices importing=importing refused=refused />
            <RowFilter shown=shown limit=limit summary=summary />
            <div class="table-box">
                <table class="import-rows">
                    <caption>"Every row of the file, its match in People and what the import does with it"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Line"</th>
                            <th scope="col">"Contact"</th>
                            <th scope="col">"In People"</th>
                            <th scope="col">"Changes"</th>
                            <th scope="col">"Import as"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get().1 key=|i| *i let:index>
                            <RowView index=index plan=plan refused=refused />
                        </For>
                    </tbody>
                </table>
            </div>
            <Show when=move || rows.with(|(found, visible)| *found > visible.len())>
                <button type="button" on:click=move |_| limit.update(|n| *n += PAGE)>
                    {move || rows.with(|(found, visible)| format!("Show {} more rows", thousands((found - visible.len()).min(PAGE))))}
                </button>
            </Show>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| importing.import(state)>"Import"</button>
                <button type="button" on:click=move |_| importing.cancel()>"Cancel"</button>
            </div>
        </div>
    }
}

/// One choice for every row: each row takes it where it can.
#[component]
fn BulkChoices(importing: Importing, refused: RwSignal<Option<(usize, String)>>) -> impl IntoView {
    let state = expect_context::<super::AppState>();
    let all = move |action: Action| {
        let mut kept = 0;
        importing.plan.update(|p| {
            if let Some(p) = p {
                kept = state.journal.with_untracked(|j| p.choose_all(action, j));
            }
        });
        refused.set(None);
        let why = match action {
            Action::Add => "they are someone already in People, or their name is missing or taken",
            Action::Update => "no one in People matches them, or another row updates the same person",
            Action::Skip => "",
        };
        importing.status.set(
            (kept > 0)
                .then(|| super::Status::problem(format!("{} kept their choice: {why}.", plural(kept, "row", "rows")))),
        );
    };
    let reset = move |_| {
        importing.plan.update(|p| p.iter_mut().for_each(ImportPlan::reset));
        refused.set(None);
        importing.status.set(None);
    };
    view! {
        <div class="actions" role="group" aria-label="Choose for every row">
            <button type="button" on:click=move |_| all(Action::Add)>"Add all new"</button>
            <button type="button" on:click=move |_| all(Action::Update)>"Update all matches"</button>
            <button type="button" on:click=move |_| all(Action::Skip)>"Skip all"</button>
            <button type="button" on:click=reset>"Back to the proposals"</button>
        </div>
    }
}

/// Which rows to list, with how many there are of each.
#[component]
fn RowFilter(shown: RwSignal<Shown>, limit: RwSignal<usize>, summary: Memo<Summary>) -> impl IntoView {
    let choose = move |ev| {
        let value = event_target_value(&ev);
        shown.set(from_token(&value).map_or(Shown::All, Shown::Only));
        limit.set(PAGE);
    };
    let option = move |value: &'static str, label: &'static str, count: fn(&Summary) -> usize| {
        view! { <option value=value>{move || format!("{label} ({})", thousands(summary.with(count)))}</option> }
    };
    view! {
        <div class="field">
            <label for="import-shown">"Show"</label>
            <select id="import-shown" on:change=choose>
                {option("all", "Every row", |s| s.added + s.updated + s.skipped.len())}
                {option("add", "To add", |s| s.added)}
                {option("update", "To update", |s| s.updated)}
                {option("skip", "To skip", |s| s.skipped.len())}
            </select>
        </div>
    }
}

/// One row: the contact, its match, the changes, and the choice for it.
#[component]
fn RowView(
    index: usize,
    plan: RwSignal<Option<ImportPlan>>,
    refused: RwSignal<Option<(usize, String)>>,
) -> impl IntoView {
    let state = expect_context::<super::AppState>();
    let row = move || plan.with(|p| p.as_ref().and_then(|p| p.rows().get(index).cloned()));
    let Some(first) = plan.with_untracked(|p| p.as_ref().and_then(|p| p.rows().get(index).cloned())) else {
        return ().into_any();
    };
    let action = Memo::new(move |_| row().map_or(Action::Skip, |r| r.action));
    let matched = first.matched.map(|m| {
        let name = state.journal.with_untracked(|j| j.name_of(m.person).to_owned());
        match m.by {
            MatchedBy::NameOnly => format!("{name} (same name only: perhaps someone else)"),
            by => format!("{name} ({})", by.label()),
        }
    });
    let label = format!("Import line {} ({}) as", first.contact.line, first.contact.name);
    let choose = move |ev| {
        let Some(chosen) = from_token(&event_target_value(&ev)) else { return };
        let mut outcome = Ok(());
        plan.update(|p| {
            if let Some(p) = p {
                outcome = state.journal.with_untracked(|j| p.choose(index, chosen, j));
            }
        });
        // A refusal also puts the select back on the row's action.
        refused.set(outcome.err().map(|why| (index, why)));
    };
    let note = move || match refused.with(|r| r.as_ref().filter(|(at, _)| *at == index).map(|(_, why)| why.clone())) {
        Some(why) => Some(why),
        None => row().and_then(|r| r.skip_reason()).map(|reason| reason.message()),
    };
    view! {
        <tr class:skipped=move || action.get() == Action::Skip>
            <td>{first.contact.line}</td>
            <td>
                <ContactCell row=first.clone() />
            </td>
            <td>{matched.unwrap_or_else(|| "New".to_owned())}</td>
            <td>
                <ul class="changes">{first.changes.iter().map(|c| view! { <li>{c.describe()}</li> }).collect_view()}</ul>
            </td>
            <td>
                <select aria-label=label prop:value=move || { refused.track(); token(action.get()) } on:change=choose>
                    <option value="add">"Add"</option>
                    <option value="update" disabled=first.matched.is_none()>"Update"</option>
                    <option value="skip">"Skip"</option>
                </select>
                <p class="hint">{note}</p>
            </td>
        </tr>
    }
    .into_any()
}

/// The name, and what the file says of where they work and how to reach them.
#[component]
fn ContactCell(row: PlanRow) -> impl IntoView {
    let c = row.contact;
    let work: Vec<&str> = [c.title.as_str(), c.organization.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
    let reach: Vec<&str> = [c.email.as_str(), c.phone.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
    let name = if c.name.is_empty() { "(no name)".to_owned() } else { c.name.clone() };
    view! {
        <strong>{name}</strong>
        {(!work.is_empty()).then(|| view! { <br /><span>{work.join(", ")}</span> })}
        {(!reach.is_empty()).then(|| view! { <br /><span class="hint">{reach.join(" · ")}</span> })}
    }
}
