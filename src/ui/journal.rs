//! The Journal screen: add, search, filter, and the list of interactions.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

use super::conflict::OpenEditors;
use super::interaction_form::InteractionForm;
use super::platform::{href, set_title};
use super::state::AppState;
use super::widgets::{CheckField, ChoiceField, SelectField, TextField, options};
use crate::model::order::sort_by_key;
use crate::model::text::thousands;
use crate::model::time::{clock, iso_minute, long_date, short_date};
use crate::model::{
    Dependency, Expectation, FollowUp, Id, Interaction, Journal, Kind, Query, Record, describe_dependency,
    describe_expectation, describe_interaction, group_by_day, parse_date,
};

/// How many interactions are rendered at first, and added per "Show more":
/// the list stays quick whatever the journal's size.
const PAGE: usize = 100;

/// What the journal list shows for the query: how many interactions match
/// out of how many, and the rows of the visible page.
#[derive(Clone, PartialEq)]
struct Page {
    found: usize,
    total: usize,
    rows: Vec<Row>,
}

#[derive(Clone, PartialEq)]
enum Row {
    Day(NaiveDate),
    Item(Interaction),
}

/// Rows are keyed on the record's id alone: an edit made elsewhere updates
/// the row in place (see [`InteractionItem`]) instead of replacing it, so
/// an editor open in it keeps what is typed.
#[derive(Clone, PartialEq, Eq, Hash)]
enum RowKey {
    Day(NaiveDate),
    Item(Id),
}

impl Row {
    fn key(&self) -> RowKey {
        match self {
            Row::Day(day) => RowKey::Day(*day),
            Row::Item(i) => RowKey::Item(i.id),
        }
    }
}

impl Page {
    /// One pass: search, count, and the rows of the visible page, the first
    /// `limit` interactions found and any open in an editor, by day.
    fn of(j: &Journal, query: &Query, limit: usize, open_editors: OpenEditors) -> Page {
        let found = j.search(query);
        let mut visible: Vec<&Interaction> = found[..limit.min(found.len())].to_vec();
        let held: Vec<Interaction> = open_editors
            .missing_from(|id| visible.iter().any(|i| i.id == id))
            .into_iter()
            .filter_map(Interaction::from_any)
            .collect();
        visible.extend(&held);
        sort_by_key(&mut visible, |i| (std::cmp::Reverse(i.at), std::cmp::Reverse(i.id)));
        let rows: Vec<Row> = group_by_day(&visible)
            .into_iter()
            .flat_map(|(day, items)| {
                std::iter::once(Row::Day(day)).chain(items.into_iter().map(|i| Row::Item(i.clone())))
            })
            .collect();
        Page { found: found.len(), total: j.len(), rows }
    }

    /// "1,204 interactions", or how many of those matching are shown.
    fn count(&self, limit: usize) -> String {
        let Page { found, total, .. } = *self;
        let shown = found.min(limit);
        if total == 0 {
            String::new()
        } else if found == total && shown == found {
            crate::model::text::plural(total, "interaction", "interactions")
        } else {
            format!("Showing {} of {} matching ({} in all)", thousands(shown), thousands(found), thousands(total))
        }
    }
}

#[component]
pub fn JournalPage() -> impl IntoView {
    set_title("Journal");
    // Interactions being edited stay listed, even if another tab deletes
    // them or the filters change, so nothing typed is lost.
    provide_context(OpenEditors::new());
    view! {
        <h1>"Journal"</h1>
        <section aria-labelledby="add-heading" class="card">
            <h2 id="add-heading">"Add an interaction"</h2>
            <InteractionForm id_prefix="add".to_owned() />
        </section>
        <InteractionList />
    }
}

/// The search and filters above the list, as typed and chosen.
#[derive(Clone, Copy)]
struct Filters {
    text: RwSignal<String>,
    person: RwSignal<String>,
    kind: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    with_dependency: RwSignal<bool>,
    with_expectation: RwSignal<bool>,
}

impl Filters {
    fn new() -> Filters {
        let blank = || RwSignal::new(String::new());
        Filters {
            text: blank(),
            person: blank(),
            kind: blank(),
            from: blank(),
            to: blank(),
            with_dependency: RwSignal::new(false),
            with_expectation: RwSignal::new(false),
        }
    }

    /// The query they make (tracked: read it in a memo).
    fn query(self) -> Query {
        Query {
            text: self.text.get(),
            person: self.person.with(|p| p.parse().ok()),
            kind: self.kind.with(|k| Kind::from_token(k)),
            from: parse_date(&self.from.get()).ok().flatten(),
            to: parse_date(&self.to.get()).ok().flatten(),
            with_dependency: self.with_dependency.get(),
            with_expectation: self.with_expectation.get(),
        }
    }

    fn clear(self) {
        for field in [self.text, self.person, self.kind, self.from, self.to] {
            field.set(String::new());
        }
        self.with_dependency.set(false);
        self.with_expectation.set(false);
    }
}

/// The interactions the search and filters find, a page at a time, by day.
#[component]
fn InteractionList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open_editors = expect_context::<OpenEditors>();
    let filters = Filters::new();
    let query = Memo::new(move |_| filters.query());
    // "Show more" grows the list for the query it was pressed on; any other
    // query starts again at one page.
    let grown = RwSignal::new((Query::default(), PAGE));
    let limit = Memo::new(move |_| query.with(|q| grown.with(|(at, n)| if at == q { *n } else { PAGE })));
    let page = Memo::new(move |_| {
        let limit = limit.get();
        query.with(|q| state.journal.with(|j| Page::of(j, q, limit, open_editors)))
    });
    let show_more = move |_| grown.set((query.get_untracked(), limit.get_untracked() + PAGE));
    view! {
        <section aria-labelledby="list-heading">
            <h2 id="list-heading">"Interactions"</h2>
            <FilterBar filters=filters query=query />
            <p class="count" role="status">{move || page.with(|p| p.count(limit.get()))}</p>
            <Show when=move || page.with(|p| p.total == 0)>
                <p class="empty">
                    "Your journal is empty. Add your first interaction above: who you met, and whether anyone now relies on or expects something of the other."
                </p>
            </Show>
            <Show when=move || page.with(|p| p.found == 0 && p.total > 0)>
                <p class="empty">"No interactions match these filters."</p>
            </Show>
            <div class="timeline">
                <For each=move || page.with(|p| p.rows.clone()) key=Row::key let:row>
                    {match row {
                        Row::Day(day) => view! { <h3 class="day">{long_date(day)}</h3> }.into_any(),
                        Row::Item(record) => view! { <InteractionItem record=record /> }.into_any(),
                    }}
                </For>
            </div>
            <Show when=move || page.with(|p| p.found > limit.get())>
                <button type="button" class="more" on:click=show_more>
                    {move || {
                        let found = page.with(|p| p.found);
                        format!("Show {} more", thousands((found - limit.get()).min(PAGE)))
                    }}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn FilterBar(filters: Filters, query: Memo<Query>) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="filters" role="search" aria-label="Search and filter interactions">
            <TextField
                id="search".to_owned()
                label="Search"
                kind="search"
                value=filters.text
                placeholder="Words in notes, names, organizations"
                grow=true
            />
            <ChoiceField id="filter-person".to_owned() label="Person" value=filters.person none="Everyone" choices=state.people_choices() />
            <SelectField
                id="filter-kind".to_owned()
                label="Kind"
                value=filters.kind
                options=[("", "Any kind")].into_iter().chain(options(&Kind::ALL, Kind::token, Kind::label)).collect()
            />
            <TextField id="filter-from".to_owned() label="From" kind="date" value=filters.from />
            <TextField id="filter-to".to_owned() label="To" kind="date" value=filters.to />
            <CheckField label="Created a dependency" checked=filters.with_dependency />
            <CheckField label="Created an expectation" checked=filters.with_expectation />
            <button type="button" on:click=move |_| filters.clear() disabled=move || query.with(Query::is_empty)>
                "Clear filters"
            </button>
        </div>
    }
}

/// One interaction in a list, with its actions; becomes the edit form on "Edit".
/// Shows the journal's current version of `record`, so a change saved in
/// another tab appears here without closing an open editor.
#[component]
pub fn InteractionItem(record: Interaction, #[prop(optional)] show_date: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let editing = RwSignal::new(false);
    let id = record.id;
    let record = current_version(record);
    let open_editors = use_context::<OpenEditors>();
    let edit = Callback::new(move |open: bool| {
        editing.set(open);
        match (open_editors, open) {
            (Some(list), true) => list.open(record.get_untracked().into()),
            (Some(list), false) => list.close(id),
            (None, _) => {}
        }
    });
    // What the buttons and the editor are named after.
    let described = Memo::new(move |_| state.journal.with(|j| record.with(|r| describe_interaction(r, j))));
    move || {
        if editing.get() {
            view! { <InteractionEditor record=record described=described edit=edit /> }.into_any()
        } else {
            // Its own reactive scope: a change to the record re-renders the
            // item, never an editor open in its place.
            view! { <InteractionView record=record show_date=show_date described=described edit=edit /> }.into_any()
        }
    }
}

/// The journal's version of `first`, found where it was last (a binary
/// search), so 100 rows follow their records at any journal size; once
/// deleted, the last version stays for an editor still open on it.
fn current_version(first: Interaction) -> Memo<Interaction> {
    let state = expect_context::<AppState>();
    let id = first.id;
    let first = StoredValue::new(first);
    Memo::new(move |last: Option<&Interaction>| {
        let near = last.map_or_else(|| first.with_value(|f| f.at), |l| l.at);
        state
            .journal
            .with(|j| j.interaction_near(id, near).cloned())
            .or_else(|| last.cloned())
            .unwrap_or_else(|| first.get_value())
    })
}

/// The edit form in the item's place.
#[component]
fn InteractionEditor(record: Memo<Interaction>, described: Memo<String>, edit: Callback<bool>) -> impl IntoView {
    let r = record.get_untracked();
    view! {
        <section class="interaction editing card" aria-label=move || format!("Editing {}", described.get())>
            <InteractionForm id_prefix=format!("edit-{}", r.id) editing=r on_done=move |()| edit.run(false) />
        </section>
    }
}

/// The interaction as read: when, the kind, who was there, the notes, what
/// it created, and its actions.
#[component]
fn InteractionView(
    record: Memo<Interaction>,
    show_date: bool,
    described: Memo<String>,
    edit: Callback<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let r = record.get();
        view! {
            <article class="interaction">
                {meta_line(&r, show_date)}
                <ul class="people-inline" aria-label="With">{r.people.iter().map(|&p| person_link(state, p)).collect_view()}</ul>
                {(!r.notes.is_empty()).then(|| view! { <p class="notes">{r.notes.clone()}</p> })}
                {r.dependency.as_ref().map(dependency_line)}
                {r.expectation.clone().map(|e| expectation_lines(state, e, record))}
                {item_actions(state, record, described, edit)}
            </article>
        }
    }
}

/// When, the kind, and how long.
fn meta_line(r: &Interaction, show_date: bool) -> impl IntoView + use<> {
    let time = if show_date { format!("{}, {}", short_date(r.date()), clock(r.at)) } else { clock(r.at) };
    view! {
        <p class="meta">
            <time datetime=iso_minute(r.at)>{time}</time>
            " · "
            <span class="kind">{r.kind.label()}</span>
            {r.minutes.map(|m| format!(" · {m} min"))}
        </p>
    }
}

/// Someone present, by the name the journal has for them now.
fn person_link(state: AppState, person: Id) -> impl IntoView {
    let link = href(&format!("/people/{person}"));
    view! { <li><A href=link>{move || state.journal.with(|j| j.name_of(person).to_owned())}</A></li> }
}

fn dependency_line(d: &Dependency) -> impl IntoView + use<> {
    view! {
        <p class="outcome-line dependency">
            <span class="tag">"Dependency"</span>
            {describe_dependency(d)}
        </p>
    }
}

/// The expectation, and the buttons that settle or reopen it.
fn expectation_lines(state: AppState, e: Expectation, record: Memo<Interaction>) -> impl IntoView {
    let open = e.is_open();
    let name_of = move |id: Id| state.journal.with(|j| j.name_of(id).to_owned());
    view! {
        <p class="outcome-line expectation" class:settled=!open>
            <span class="tag">"Expectation"</span>
            {move || describe_expectation(&e, name_of)}
        </p>
        <FollowUpActions record=record />
    }
}

fn item_actions(
    state: AppState,
    record: Memo<Interaction>,
    described: Memo<String>,
    edit: Callback<bool>,
) -> impl IntoView {
    view! {
        <div class="item-actions">
            <button type="button" on:click=move |_| edit.run(true) aria-label=move || format!("Edit {}", described.get())>
                "Edit"
            </button>
            <button
                type="button"
                class="danger"
                on:click=move |_| {
                    // The item and its button go; the keyboard moves to Undo.
                    let _ = state.delete_interaction(&record.get_untracked());
                }
                aria-label=move || format!("Delete {}", described.get())
            >
                "Delete"
            </button>
        </div>
    }
}

/// Mark an open expectation met or missed, or reopen a settled one. The
/// buttons name the expectation, so a list of them reads well by ear.
#[component]
pub fn FollowUpActions(#[prop(into)] record: Signal<Interaction>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let settle = move |status: FollowUp| state.settle_expectation(&record.get_untracked(), status);
    let button = move |status: FollowUp, text: &'static str, verb: &str, what: &str| {
        let label = format!("{verb}: {what}");
        view! { <button type="button" on:click=move |_| settle(status) aria-label=label>{text}</button> }
    };
    move || {
        record.with(|r| r.expectation.as_ref().map(|e| (e.is_open(), e.what.clone()))).map(|(open, what)| {
            let buttons = if open {
                vec![
                    button(FollowUp::Met, "Mark met", "Mark met", &what),
                    button(FollowUp::Missed, "Mark missed", "Mark missed", &what),
                ]
            } else {
                vec![button(FollowUp::Open, "Reopen", "Reopen", &what)]
            };
            view! { <div class="follow-up-actions">{buttons}</div> }
        })
    }
}
