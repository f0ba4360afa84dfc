//! The Career file screen: the impact made, by period, chain or person;
//! added by hand too; exported as Markdown and printable.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::form::{FormState, Status, text};
use super::platform::{copy_text, download, new_id, now, print_page, set_title};
use super::state::AppState;
use super::widgets::{ChoiceField, SelectField, StatusLine, TextField};
use crate::model::career::{EntryDraft, Filter, Item, Period, Source, items, markdown};
use crate::model::time::{parse_iso_date, short_date};
use crate::model::{Field, Id, Op};

#[component]
pub fn CareerPage() -> impl IntoView {
    set_title("Career file");
    let choices = Choices::new();
    let filter = Memo::new(move |_| choices.filter());
    view! {
        <h1>"Career file"</h1>
        <p class="lead no-print">
            "The impact you made: from tasks you finished and marked for the file, and entries added by hand. Raw material for annual reviews, interviews and your resume."
        </p>
        <CareerFilters choices=choices />
        <ExportActions filter=filter />
        <CareerList filter=filter />
        <section aria-labelledby="career-add-heading" class="card no-print">
            <h2 id="career-add-heading">"Add an entry by hand"</h2>
            <EntryForm />
        </section>
    }
}

/// The filters as chosen: a period (with its own range when custom), a
/// chain and a person.
#[derive(Clone, Copy)]
struct Choices {
    period: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    chain: RwSignal<String>,
    person: RwSignal<String>,
}

impl Choices {
    fn new() -> Choices {
        let blank = || RwSignal::new(String::new());
        Choices {
            period: RwSignal::new("year".to_owned()),
            from: blank(),
            to: blank(),
            chain: blank(),
            person: blank(),
        }
    }

    /// What they keep of the file (tracked: read it in a memo).
    fn filter(self) -> Filter {
        let today = now().date();
        let period = match self.period.get().as_str() {
            "year" => Period::this_year(today),
            "12" => Period::last_12_months(today),
            "custom" => Period { from: parse_iso_date(&self.from.get()), to: parse_iso_date(&self.to.get()) },
            _ => Period::default(),
        };
        Filter { period, chain: self.chain.with(|c| c.parse().ok()), person: self.person.with(|p| p.parse().ok()) }
    }
}

#[component]
fn CareerFilters(choices: Choices) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="filters no-print" role="search" aria-label="Filter the career file">
            <SelectField
                id="career-period".to_owned()
                label="Period"
                value=choices.period
                options=vec![("year", "This year"), ("12", "Last 12 months"), ("all", "All time"), ("custom", "Custom range")]
            />
            <Show when=move || choices.period.with(|p| p == "custom")>
                <TextField id="career-from".to_owned() label="From" kind="date" value=choices.from />
                <TextField id="career-to".to_owned() label="To" kind="date" value=choices.to />
            </Show>
            <ChoiceField id="career-chain".to_owned() label="Chain" value=choices.chain none="Every chain" choices=state.chain_choices() />
            <ChoiceField
                id="career-person".to_owned()
                label="Person"
                value=choices.person
                none="Everyone"
                choices=state.people_choices()
            />
        </div>
    }
}

/// The file as filtered, downloaded or copied as Markdown, or printed.
#[component]
fn ExportActions(filter: Memo<Filter>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(None::<Status>);
    let export = move || state.journal.with(|j| markdown(j, &filter.get_untracked()));
    view! {
        <div class="actions no-print">
            <button
                type="button"
                on:click=move |_| {
                    let ok = download("career-file.md", &export(), "text/markdown");
                    status.set(Some(if ok { Status::done("Downloaded career-file.md.") } else { Status::problem("The browser refused the download.") }));
                }
            >
                "Download Markdown"
            </button>
            <button
                type="button"
                on:click=move |_| {
                    copy_text(export(), move |ok| {
                        status.set(Some(if ok { Status::done("Copied as Markdown.") } else { Status::problem("The browser refused to copy; use Download instead.") }))
                    })
                }
            >
                "Copy Markdown"
            </button>
            <button type="button" on:click=move |_| print_page()>"Print"</button>
            <StatusLine status=status />
        </div>
    }
}

/// The items the filter keeps, under the period they fall in.
#[component]
fn CareerList(filter: Memo<Filter>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Computed once per change, for the list and for its empty state.
    let shown = Memo::new(move |_| {
        state.journal.with(|j| items(j).into_iter().filter(|i| filter.with(|f| f.keeps(i))).collect::<Vec<_>>())
    });
    view! {
        <section aria-labelledby="career-list-heading">
            <h2 id="career-list-heading">{move || filter.with(|f| crate::model::capitalise(&f.period.describe()))}</h2>
            <Show when=move || shown.with(Vec::is_empty)>
                <p class="empty">"Nothing recorded in this period. Finish a task with its impact, or add an entry below."</p>
            </Show>
            <ul class="career">
                // Keyed on the whole item: a change redraws that line only.
                <For each=move || shown.get() key=Clone::clone let:item>
                    {career_item(state, item)}
                </For>
            </ul>
        </section>
    }
}

/// One item: its date, impact and amount, where it came from, and a Delete
/// button for an entry added by hand.
fn career_item(state: AppState, item: Item) -> impl IntoView {
    let context = state.journal.with_untracked(|j| item.context(j));
    let amount = item.amount.as_ref().map(|a| format!(" ({})", a.text())).unwrap_or_default();
    let delete = match item.source {
        Source::Entry(id) => Some(delete_entry(state, id, item.date)),
        Source::Task(_) => None,
    };
    view! {
        <li>
            <strong>{short_date(item.date)}</strong>
            {format!(" — {}{amount}", item.impact)}
            {(!context.is_empty()).then(|| view! { <span class="context">{format!(" — {}", context.join("; "))}</span> })}
            " "
            {delete}
        </li>
    }
}

fn delete_entry(state: AppState, id: Id, date: NaiveDate) -> impl IntoView {
    view! {
        <button
            type="button"
            class="danger small no-print"
            aria-label=format!("Delete the entry of {}", short_date(date))
            on:click=move |_| {
                let kept = state.journal.with_untracked(|j| j.career_entry(id).cloned());
                if let Some(entry) = kept {
                    let what = format!("the entry of {}", short_date(entry.date));
                    let _ = state.delete_with_undo(Op::delete(&entry), &what);
                }
            }
        >
            "Delete"
        </button>
    }
}

/// An impact written straight into the file.
#[component]
fn EntryForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let draft = RwSignal::new(EntryDraft::new(now().date()));
    let form = FormState::new("entry");
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let validated = draft.with_untracked(|d| d.validate(new_id(), Default::default()));
        if form.submit(validated, "Added to the career file.", Op::create).applied() {
            // The next entry likely shares the date, chain and person.
            draft.update(|d| {
                *d = EntryDraft { text: String::new(), number: String::new(), unit: String::new(), ..d.clone() }
            });
        }
    };
    view! {
        <form on:submit=submit novalidate>
            <TextField id=form.id(Field::Text) label="Impact" value=text!(draft, text) error=form.error(Field::Text) grow=true />
            <div class="row">
                <TextField id=form.id(Field::Date) label="Date" kind="date" value=text!(draft, date) error=form.error(Field::Date) />
                <TextField id=form.id(Field::Number) label="Number (optional)" value=text!(draft, number) error=form.error(Field::Number) />
                <TextField id=form.element("unit") label="Unit (optional)" value=text!(draft, unit) />
            </div>
            <div class="row">
                <ChoiceField
                    id=form.element("chain")
                    label="Chain (optional)"
                    value=text!(draft, chain)
                    none="None"
                    choices=state.chain_choices()
                />
                <ChoiceField
                    id=form.element("person")
                    label="Person (optional)"
                    value=text!(draft, person)
                    none="No one in particular"
                    choices=state.people_choices()
                />
            </div>
            <div class="actions">
                <button type="submit" class="primary">"Add entry"</button>
                <StatusLine status=form.status />
            </div>
        </form>
    }
}
