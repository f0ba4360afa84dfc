//! The Tasks screen: tasks planned around what their customer expects, open
//! ones by due date, and finishing them with the impact they made.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::conflict::{ChangedElsewhere, ConflictPanel, ConflictSlot, OpenEditors};
use super::platform::{focus, new_id, now, set_title};
use super::state::{AppState, SaveFailure};
use super::widgets::{CheckField, ChoiceField, Status, StatusLine, TextField};
use crate::model::task::{DoneDraft, Task, TaskDraft, open_by_due};
use crate::model::text::plural;
use crate::model::time::{iso_date, short_date};
use crate::model::{AnyRecord, Field, FieldError, Id, Journal, Op, Record, message_for};

#[component]
pub fn TasksPage() -> impl IntoView {
    set_title("Tasks");
    let state = expect_context::<AppState>();
    // Ids only: each item follows its task, so a save in another tab
    // updates it in place and never closes a form open in it. A task deleted
    // elsewhere while a form is open on it stays listed until it is closed.
    let open_editors = OpenEditors::new();
    provide_context(open_editors);
    // Deleted elsewhere with a form open: listed where it was.
    let held = move |open: bool| -> Vec<Id> {
        state.journal.with(|j| {
            let missing = open_editors.missing_from(|id| j.task(id).is_some());
            missing.into_iter().filter_map(Task::from_any).filter(|t| t.is_open() == open).map(|t| t.id).collect()
        })
    };
    let open = Memo::new(move |_| {
        let mut ids: Vec<Id> = state.journal.with(|j| open_by_due(j.tasks()).iter().map(|t| t.id).collect());
        ids.extend(held(true));
        ids
    });
    let finished = Memo::new(move |_| {
        let mut ids: Vec<Id> = state.journal.with(|j| {
            let mut done: Vec<&Task> = j.tasks().iter().filter(|t| !t.is_open()).collect();
            done.sort_by_key(|t| std::cmp::Reverse(t.done.as_ref().map(|d| d.on)));
            done.iter().map(|t| t.id).collect()
        });
        ids.extend(held(false));
        ids
    });
    view! {
        <h1>"Tasks"</h1>
        <section aria-labelledby="new-task-heading" class="card">
            <h2 id="new-task-heading">"New task"</h2>
            <p class="hint">"When a task is given: who is the customer, what do they expect, and how will you exceed it?"</p>
            <TaskForm id_prefix="new-task".to_owned() />
        </section>
        <section aria-labelledby="open-tasks-heading">
            <h2 id="open-tasks-heading">"Open tasks"</h2>
            <Show when=move || state.journal.with(|j| j.tasks().iter().all(|t| !t.is_open()))>
                <p class="empty">"No open tasks."</p>
            </Show>
            <ul class="tasks">
                <For each=move || open.get() key=|id| *id let:id>
                    <TaskItem id=id />
                </For>
            </ul>
        </section>
        <section aria-labelledby="done-tasks-heading">
            <h2 id="done-tasks-heading">"Done"</h2>
            <ul class="tasks">
                <For each=move || finished.get() key=|id| *id let:id>
                    <TaskItem id=id />
                </For>
            </ul>
        </section>
    }
}

/// The choices of the customer field: links of every chain, then people.
fn customer_options(journal: &Journal) -> Vec<(String, String)> {
    let mut options = Vec::new();
    for chain in journal.chains() {
        for link in &chain.links {
            options.push((format!("link:{}:{}", chain.id, link.id), format!("{} — {}", link.role, chain.name)));
        }
    }
    for person in journal.people_by_name() {
        options.push((format!("person:{}", person.id), person.name.clone()));
    }
    options
}

/// Add a task, or edit one.
#[component]
fn TaskForm(
    id_prefix: String,
    #[prop(optional)] editing: Option<Task>,
    #[prop(optional, into)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let initial = editing.as_ref().map(TaskDraft::from_task).unwrap_or_else(|| TaskDraft::new(now().date()));
    let title = RwSignal::new(initial.title);
    let received = RwSignal::new(initial.received);
    let due = RwSignal::new(initial.due);
    let customer = RwSignal::new(initial.customer);
    let expects = RwSignal::new(initial.expects);
    let exceed = RwSignal::new(initial.exceed);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status: Status = RwSignal::new(None);
    let conflict: ConflictSlot = RwSignal::new(None);
    let prefix = StoredValue::new(id_prefix);
    let id = move |field: &str| format!("{}-{field}", prefix.read_value());
    let error = move |field: Field| Signal::derive(move || message_for(&errors.read(), field));
    let editing = StoredValue::new(editing);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = TaskDraft {
            title: title.get_untracked(),
            received: received.get_untracked(),
            due: due.get_untracked(),
            customer: customer.get_untracked(),
            expects: expects.get_untracked(),
            exceed: exceed.get_untracked(),
        };
        let previous = editing.get_value();
        let task_id = previous.as_ref().map_or_else(new_id, |t| t.id);
        match draft.validate(task_id, previous.as_ref()) {
            Err(found) => {
                let first = found.first().map(|e| e.field);
                errors.set(found);
                status.set(Some((false, "Not saved: please check the fields marked below.".into())));
                focus(&id(match first {
                    Some(Field::Received) => "received",
                    Some(Field::Due) => "due",
                    _ => "title",
                }));
            }
            Ok(task) => {
                errors.set(Vec::new());
                let op = if previous.is_some() { Op::update(task) } else { Op::create(task) };
                status.set(Some(match state.commit(op) {
                    Ok(_) => (true, "Saved.".into()),
                    Err(SaveFailure::Conflict(found)) => {
                        conflict.set(Some(found));
                        return status.set(None);
                    }
                    Err(why) => (false, format!("Kept on screen, but not saved: {why}.")),
                }));
                if previous.is_none() {
                    for field in [title, due, customer, expects, exceed] {
                        field.set(String::new());
                    }
                }
                if let Some(done) = on_done {
                    done.run(());
                }
            }
        }
    };
    let editing_now = editing.with_value(Option::is_some);
    let close = move || {
        if let Some(done) = on_done {
            done.run(())
        }
    };
    view! {
        <form class="task-form" on:submit=submit novalidate>
            {editing.with_value(|e| e.as_ref().map(|t| view! { <ChangedElsewhere kind=Task::KIND id=t.id base=t.rev /> }))}
            <TextField id=id("title") label="Task" value=title error=error(Field::Title) grow=true />
            <div class="row">
                <TextField id=id("received") label="Received" kind="date" value=received error=error(Field::Received) />
                <TextField id=id("due") label="Due (optional)" kind="date" value=due error=error(Field::Due) />
                <ChoiceField
                    id=id("customer")
                    label="Customer"
                    value=customer
                    none="No customer named"
                    choices=Signal::derive(move || state.journal.with(customer_options))
                />
            </div>
            <TextField id=id("expects") label="What the customer expects" value=expects grow=true />
            <TextField id=id("exceed") label="How you will exceed it" value=exceed grow=true />
            <div class="actions">
                <button type="submit" class="primary">{if editing_now { "Save task" } else { "Add task" }}</button>
                {editing_now.then(|| view! { <button type="button" on:click=move |_| { if let Some(done) = on_done { done.run(()) } }>"Cancel"</button> })}
                <StatusLine status=status />
            </div>
            <ConflictPanel conflict=conflict base=editing.get_value().map(AnyRecord::from) on_settled=close />
        </form>
    }
}

/// One task, with its actions; follows the journal's current version of it.
#[component]
fn TaskItem(id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let mode = RwSignal::new(Showing::Item);
    let open_editors = expect_context::<OpenEditors>();
    let today = now().date();
    // Once deleted, the last version stays for a form still open on it.
    let current = Memo::new(move |last: Option<&Option<Task>>| {
        state.journal.with(|j| j.task(id).cloned()).or_else(|| last.cloned().flatten())
    });
    let show = move |showing: Showing| {
        mode.set(showing);
        match (showing, current.get_untracked()) {
            (Showing::Item, _) => open_editors.close(id),
            (_, Some(task)) => open_editors.open(task.into()),
            (_, None) => {}
        }
    };
    let stored = move || current.get_untracked();
    let overdue = move || current.with(|t| t.as_ref().and_then(|t| t.days_overdue(today)));
    let label = move || current.with(|t| t.as_ref().map(|t| t.title.clone()).unwrap_or_default());
    let view_mode = move || {
        let task = current.get()?;
        let customer = state.journal.with_untracked(|j| task.customer(j));
        let overdue = task.days_overdue(today);
        let dates = format!(
            "Received {}{}",
            short_date(task.received),
            task.due.map(|d| format!(" · due {}", short_date(d))).unwrap_or_default()
        );
        let title = task.title.clone();
        Some(view! {
            <h3 class="task-title">{task.title.clone()}</h3>
            <p class="meta">
                {dates.clone()}
                {overdue.map(|days| view! { <span class="overdue">{format!(" · {} overdue", plural(days.unsigned_abs() as usize, "day", "days"))}</span> })}
            </p>
            <p>{format!("Customer: {customer}")}</p>
            {(!task.expects.is_empty()).then(|| view! { <p>{format!("Expects: {}", task.expects)}</p> })}
            {(!task.exceed.is_empty()).then(|| view! { <p>{format!("To exceed it: {}", task.exceed)}</p> })}
            {task
                .done
                .as_ref()
                .map(|done| {
                    let amount = done.amount.as_ref().map(|a| format!(" ({})", a.text())).unwrap_or_default();
                    view! {
                        <p class="impact-line">
                            <span class="tag">"Impact"</span>
                            {format!("{}{amount} — done {}", done.impact, short_date(done.on))}
                            {(!done.career).then_some(" · not in the career file")}
                        </p>
                    }
                })}
            <div class="item-actions">
                {if task.is_open() {
                    view! {
                        <button type="button" class="primary" on:click=move |_| show(Showing::Finisher) aria-label=format!("Finish {title}")>
                            "Finish"
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            on:click=move |_| {
                                if let Some(mut task) = stored() {
                                    task.done = None;
                                    state.act(Op::update(task));
                                }
                            }
                            aria-label=format!("Reopen {title}")
                        >
                            "Reopen"
                        </button>
                    }
                        .into_any()
                }}
                <button type="button" on:click=move |_| show(Showing::Editor) aria-label=format!("Edit {}", task.title)>"Edit"</button>
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        if let Some(task) = stored() {
                            let what = format!("the task “{}”", task.title);
                            let _ = state.delete_with_undo(Op::delete(&task), &what);
                        }
                    }
                    aria-label=format!("Delete {}", task.title)
                >
                    "Delete"
                </button>
            </div>
        })
    };
    view! {
        <li class="task card" class:is-overdue=move || overdue().is_some() aria-label=label>
            {move || match (mode.get(), stored()) {
                (Showing::Editor, Some(task)) => {
                    view! { <TaskForm id_prefix=format!("task-{id}") editing=task on_done=move || show(Showing::Item) /> }
                        .into_any()
                }
                (Showing::Finisher, Some(task)) => {
                    view! { <FinishForm task=task on_done=move || show(Showing::Item) /> }.into_any()
                }
                // Its own reactive scope: a change to the task re-renders
                // the item, never a form open in its place.
                _ => view_mode.into_any(),
            }}
        </li>
    }
}

/// What a task item shows.
#[derive(Clone, Copy, PartialEq)]
enum Showing {
    Item,
    Editor,
    Finisher,
}

/// Marks a task done, with its impact.
#[component]
fn FinishForm(task: Task, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let on = RwSignal::new(iso_date(now().date()));
    let impact = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let career = RwSignal::new(true);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let conflict: ConflictSlot = RwSignal::new(None);
    let prefix = format!("finish-{}", task.id);
    let error = move |field: Field| Signal::derive(move || message_for(&errors.read(), field));
    let task = StoredValue::new(task);
    let impact_id = format!("{prefix}-impact");
    request_animation_frame({
        let impact_id = impact_id.clone();
        move || focus(&impact_id)
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = DoneDraft {
            on: on.get_untracked(),
            impact: impact.get_untracked(),
            number: number.get_untracked(),
            unit: unit.get_untracked(),
            career: career.get_untracked(),
        };
        let mut finished = task.get_value();
        match draft.validate(&finished) {
            Err(found) => errors.set(found),
            Ok(done) => {
                finished.done = Some(done);
                match state.commit(Op::update(finished)) {
                    Err(SaveFailure::Conflict(found)) => conflict.set(Some(found)),
                    _ => on_done.run(()),
                }
            }
        }
    };
    view! {
        <form class="finish-form" on:submit=submit novalidate aria-label=format!("Finish {}", task.with_value(|t| t.title.clone()))>
            <TextField id=impact_id.clone() label="Impact" value=impact error=error(Field::Impact) grow=true placeholder="What changed for the customer" />
            <div class="row">
                <TextField id=format!("{prefix}-number") label="Number (optional)" value=number error=error(Field::Number) placeholder="+12" />
                <TextField id=format!("{prefix}-unit") label="Unit (optional)" value=unit placeholder="%" />
                <TextField id=format!("{prefix}-on") label="Done on" kind="date" value=on error=error(Field::DoneOn) />
            </div>
            <CheckField label="Add to the career file" checked=career />
            {task.with_value(|t| view! { <ChangedElsewhere kind=Task::KIND id=t.id base=t.rev /> })}
            <div class="actions">
                <button type="submit" class="primary">"Mark done"</button>
                <button type="button" on:click=move |_| on_done.run(())>"Cancel"</button>
            </div>
            <ConflictPanel conflict=conflict base=AnyRecord::from(task.get_value()) on_settled=on_done />
        </form>
    }
}
