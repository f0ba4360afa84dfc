//! The Tasks screen: tasks planned around what their customer expects, open
//! ones by due date, and finishing them with the impact they made.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::conflict::{ChangedElsewhere, ConflictPanel, OpenEditors};
use super::form::{FormState, field, text};
use super::platform::{focus, new_id, now, set_title};
use super::state::AppState;
use super::widgets::{CheckField, ChoiceField, StatusLine, TextField};
use crate::model::order::sort_by_key;
use crate::model::task::{Customer, Done, DoneDraft, Task, TaskDraft, open_by_due};
use crate::model::text::plural;
use crate::model::time::{iso_date, short_date};
use crate::model::{AnyRecord, Field, Id, Journal, Op, Record};

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
            sort_by_key(&mut done, |t| std::cmp::Reverse(t.done.as_ref().map(|d| d.on)));
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
            let customer = Customer::Link { chain: chain.id, link: link.id };
            options.push((customer.token(), format!("{} — {}", link.role, chain.name)));
        }
    }
    for person in journal.people_by_name() {
        options.push((Customer::Person(person.id).token(), person.name.clone()));
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
    let draft =
        RwSignal::new(editing.as_ref().map(TaskDraft::from_task).unwrap_or_else(|| TaskDraft::new(now().date())));
    let form = FormState::new(id_prefix);
    let editing = StoredValue::new(editing);
    let close = move || {
        if let Some(done) = on_done {
            done.run(())
        }
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let previous = editing.get_value();
        let validated =
            draft.with_untracked(|d| d.validate(previous.as_ref().map_or_else(new_id, |t| t.id), previous.as_ref()));
        let adding = previous.is_none();
        let outcome = form.submit(validated, "Saved.", |task| if adding { Op::create(task) } else { Op::update(task) });
        if outcome.applied() {
            if adding {
                // The next task was most likely received the same day.
                draft.update(|d| *d = TaskDraft { received: d.received.clone(), ..TaskDraft::default() });
            }
            close();
        }
    };
    let editing_now = editing.with_value(Option::is_some);
    view! {
        <form class="task-form" on:submit=submit novalidate>
            {editing.with_value(|e| e.as_ref().map(|t| view! { <ChangedElsewhere kind=Task::KIND id=t.id base=t.rev /> }))}
            <TextField id=form.id(Field::Title) label="Task" value=text!(draft, title) error=form.error(Field::Title) grow=true />
            <div class="row">
                <TextField id=form.id(Field::Received) label="Received" kind="date" value=text!(draft, received) error=form.error(Field::Received) />
                <TextField id=form.id(Field::Due) label="Due (optional)" kind="date" value=text!(draft, due) error=form.error(Field::Due) />
                <ChoiceField
                    id=form.element("customer")
                    label="Customer"
                    value=text!(draft, customer)
                    none="No customer named"
                    choices=Signal::derive(move || state.journal.with(customer_options))
                />
            </div>
            <TextField id=form.element("expects") label="What the customer expects" value=text!(draft, expects) grow=true />
            <TextField id=form.element("exceed") label="How you will exceed it" value=text!(draft, exceed) grow=true />
            <div class="actions">
                <button type="submit" class="primary">{if editing_now { "Save task" } else { "Add task" }}</button>
                {editing_now.then(|| view! { <button type="button" on:click=move |_| close()>"Cancel"</button> })}
                <StatusLine status=form.status />
            </div>
            <ConflictPanel conflict=form.conflict base=editing.get_value().map(AnyRecord::from) on_settled=close />
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
    let show = Callback::new(move |showing: Showing| {
        mode.set(showing);
        match (showing, current.get_untracked()) {
            (Showing::Item, _) => open_editors.close(id),
            (_, Some(task)) => open_editors.open(task.into()),
            (_, None) => {}
        }
    });
    let overdue = move || current.with(|t| t.as_ref().and_then(|t| t.days_overdue(today)));
    let label = move || current.with(|t| t.as_ref().map(|t| t.title.clone()).unwrap_or_default());
    view! {
        <li class="task card" class:is-overdue=move || overdue().is_some() aria-label=label>
            {move || match (mode.get(), current.get_untracked()) {
                (Showing::Editor, Some(task)) => {
                    view! { <TaskForm id_prefix=format!("task-{id}") editing=task on_done=move || show.run(Showing::Item) /> }
                        .into_any()
                }
                (Showing::Finisher, Some(task)) => {
                    view! { <FinishForm task=task on_done=move || show.run(Showing::Item) /> }.into_any()
                }
                // Its own reactive scope: a change to the task re-renders
                // the item, never a form open in its place.
                _ => view! { <TaskView current=current today=today show=show /> }.into_any(),
            }}
        </li>
    }
}

/// The task as read: when it came and is due, its customer and what they
/// expect, the impact once done, and its actions.
#[component]
fn TaskView(current: Memo<Option<Task>>, today: NaiveDate, show: Callback<Showing>) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let task = current.get()?;
        let customer = state.journal.with_untracked(|j| task.customer(j));
        let overdue = task.days_overdue(today);
        let dates = format!(
            "Received {}{}",
            short_date(task.received),
            task.due.map(|d| format!(" · due {}", short_date(d))).unwrap_or_default()
        );
        Some(view! {
            <h3 class="task-title">{task.title.clone()}</h3>
            <p class="meta">
                {dates}
                {overdue.map(|days| view! { <span class="overdue">{format!(" · {} overdue", plural(days.unsigned_abs() as usize, "day", "days"))}</span> })}
            </p>
            <p>{format!("Customer: {customer}")}</p>
            {(!task.expects.is_empty()).then(|| view! { <p>{format!("Expects: {}", task.expects)}</p> })}
            {(!task.exceed.is_empty()).then(|| view! { <p>{format!("To exceed it: {}", task.exceed)}</p> })}
            {task.done.as_ref().map(impact_line)}
            {task_actions(state, &task, current, show)}
        })
    }
}

/// What finishing the task changed, and whether it is in the career file.
fn impact_line(done: &Done) -> impl IntoView + use<> {
    let amount = done.amount.as_ref().map(|a| format!(" ({})", a.text())).unwrap_or_default();
    view! {
        <p class="impact-line">
            <span class="tag">"Impact"</span>
            {format!("{}{amount} — done {}", done.impact, short_date(done.on))}
            {(!done.career).then_some(" · not in the career file")}
        </p>
    }
}

/// Finish (or reopen), edit and delete; each applies to the task as it is now.
fn task_actions(
    state: AppState,
    task: &Task,
    current: Memo<Option<Task>>,
    show: Callback<Showing>,
) -> impl IntoView + use<> {
    let title = task.title.clone();
    let finish_or_reopen = if task.is_open() {
        view! {
            <button type="button" class="primary" on:click=move |_| show.run(Showing::Finisher) aria-label=format!("Finish {title}")>
                "Finish"
            </button>
        }
        .into_any()
    } else {
        let reopen = move |_| {
            if let Some(mut task) = current.get_untracked() {
                task.done = None;
                state.act(Op::update(task));
            }
        };
        view! { <button type="button" on:click=reopen aria-label=format!("Reopen {title}")>"Reopen"</button> }
            .into_any()
    };
    let delete = move |_| {
        if let Some(task) = current.get_untracked() {
            let what = format!("the task “{}”", task.title);
            let _ = state.delete_with_undo(Op::delete(&task), &what);
        }
    };
    view! {
        <div class="item-actions">
            {finish_or_reopen}
            <button type="button" on:click=move |_| show.run(Showing::Editor) aria-label=format!("Edit {}", task.title)>"Edit"</button>
            <button type="button" class="danger" on:click=delete aria-label=format!("Delete {}", task.title)>
                "Delete"
            </button>
        </div>
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
    let draft = RwSignal::new(DoneDraft { on: iso_date(now().date()), career: true, ..DoneDraft::default() });
    let form = FormState::new(format!("finish-{}", task.id));
    let task = StoredValue::new(task);
    request_animation_frame(move || focus(&form.id(Field::Impact)));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut finished = task.get_value();
        let validated = draft.with_untracked(|d| d.validate(&finished));
        let outcome = form.submit(validated, "Done.", |done| {
            finished.done = Some(done);
            Op::update(finished)
        });
        if outcome.applied() {
            on_done.run(());
        }
    };
    let career = field(draft, |d| d.career, |d, v| d.career = v);
    view! {
        <form class="finish-form" on:submit=submit novalidate aria-label=format!("Finish {}", task.with_value(|t| t.title.clone()))>
            <TextField id=form.id(Field::Impact) label="Impact" value=text!(draft, impact) error=form.error(Field::Impact) grow=true placeholder="What changed for the customer" />
            <div class="row">
                <TextField id=form.id(Field::Number) label="Number (optional)" value=text!(draft, number) error=form.error(Field::Number) placeholder="+12" />
                <TextField id=form.element("unit") label="Unit (optional)" value=text!(draft, unit) placeholder="%" />
                <TextField id=form.id(Field::DoneOn) label="Done on" kind="date" value=text!(draft, on) error=form.error(Field::DoneOn) />
            </div>
            <CheckField label="Add to the career file" checked=career />
            {task.with_value(|t| view! { <ChangedElsewhere kind=Task::KIND id=t.id base=t.rev /> })}
            <div class="actions">
                <button type="submit" class="primary">"Mark done"</button>
                <button type="button" on:click=move |_| on_done.run(())>"Cancel"</button>
                <StatusLine status=form.status />
            </div>
            <ConflictPanel conflict=form.conflict base=AnyRecord::from(task.get_value()) on_settled=on_done />
        </form>
    }
}
