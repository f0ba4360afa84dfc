//! The Data screen's import of people: a contacts file from LinkedIn,
//! Google Contacts, Outlook or an address book (vCard), shown row by row
//! with its match in People and what would become of it, then saved all
//! or nothing once the user confirms.

use leptos::prelude::*;

use super::file_drop::FileDrop;
use super::form::Status;
use super::platform::{new_id, next_paint, read_file_bytes};
use super::state::AppState;
use super::widgets::StatusLine;
use crate::model::import::{self, ImportPlan, Parsed, Summary, check_size};
use crate::model::text::{plural, thousands};

mod preview;

use preview::ImportPreview;

/// Rows shown at first, and added by "Show more": a file of thousands of
/// contacts renders a page at a time.
const PAGE: usize = 100;

/// The file being imported: what was read (to plan again if People changes
/// under it) and the plan the user is choosing in.
#[derive(Clone, Copy)]
struct Importing {
    parsed: StoredValue<Option<Parsed>>,
    plan: RwSignal<Option<ImportPlan>>,
    status: RwSignal<Option<Status>>,
    /// Shown with a progress bar while a step runs.
    working: RwSignal<Option<String>>,
    /// What the last import did, with its skipped rows.
    done: RwSignal<Option<Summary>>,
}

#[component]
pub fn ImportSection() -> impl IntoView {
    let importing = Importing {
        parsed: StoredValue::new(None),
        plan: RwSignal::new(None),
        status: RwSignal::new(None),
        working: RwSignal::new(None),
        done: RwSignal::new(None),
    };
    let state = expect_context::<AppState>();
    let open = move |file: web_sys::File| importing.open(file, state);
    let has_plan = Memo::new(move |_| importing.plan.with(Option::is_some));
    view! {
        <section aria-labelledby="import-heading" class="card">
            <h2 id="import-heading">"Import people"</h2>
            <p>
                "Bring in the people you already know from LinkedIn (Connections.csv), Google Contacts or Outlook (CSV), or an address book (vCard, .vcf). You see every row and its match in People first; nothing is saved until you import."
            </p>
            <FileDrop
                id="import-file"
                label="Open a contacts file"
                accept=".csv,.vcf,.vcard,text/csv,text/vcard"
                hint="Or drop the file here. Someone already in People (same email, or same name and organization) is updated, never duplicated."
                open=Callback::new(open)
            />
            <Working working=importing.working />
            <StatusLine status=importing.status />
            <SkippedRows done=importing.done />
            <Show when=move || has_plan.get()>
                <ImportPreview importing=importing />
            </Show>
        </section>
    }
}

impl Importing {
    /// Reads, parses and plans `file`, showing each step; nothing is saved.
    fn open(self, file: web_sys::File, state: AppState) {
        self.plan.set(None);
        self.done.set(None);
        self.status.set(None);
        if let Err(e) = check_size(file.size() as usize) {
            return self.status.set(Some(Status::problem(e.message())));
        }
        self.working.set(Some(format!("Reading {}…", file.name())));
        leptos::task::spawn_local(async move {
            let bytes = read_file_bytes(&file).await;
            next_paint().await;
            let parsed = bytes.and_then(|bytes| import::read(&bytes).map_err(|e| e.message()));
            let parsed = match parsed {
                Ok(parsed) => parsed,
                Err(why) => {
                    self.working.set(None);
                    return self.status.set(Some(Status::problem(why)));
                }
            };
            let count = plural(parsed.contacts.len(), "contact", "contacts");
            self.working.set(Some(format!("Matching {count} with People…")));
            next_paint().await;
            let plan = state.journal.with_untracked(|j| ImportPlan::new(parsed.clone(), j));
            self.parsed.set_value(Some(parsed));
            self.working.set(None);
            self.plan.set(Some(plan));
        });
    }

    /// Closes the preview; nothing was saved.
    fn cancel(self) {
        self.plan.set(None);
        self.parsed.set_value(None);
        self.status.set(Some(Status::done("Not imported: nothing changed.")));
    }

    /// Saves the plan as chosen, in one write; on a refusal nothing is saved
    /// and the preview is made again from People as it is now.
    fn import(self, state: AppState) {
        let planned = self.plan.with_untracked(|p| p.as_ref().map(|p| (p.format, p.summary())));
        let Some((format, planned)) = planned else { return };
        if planned.added + planned.updated == 0 {
            return self.status.set(Some(Status::problem("Nothing to import: every row is skipped.")));
        }
        let count = plural(planned.added + planned.updated, "person", "people");
        self.working.set(Some(format!("Importing {count}…")));
        leptos::task::spawn_local(async move {
            next_paint().await;
            let Some((op, summary)) =
                self.plan.with_untracked(|p| p.as_ref().map(|p| state.journal.with_untracked(|j| p.apply(j, new_id))))
            else {
                return self.working.set(None);
            };
            let saved = state.commit_together(op);
            self.working.set(None);
            match saved {
                Ok(_) => {
                    self.plan.set(None);
                    self.parsed.set_value(None);
                    let text = format!("Imported from {}: {}", format.label(), summary.message());
                    self.status.set(Some(Status::done(text)));
                    self.done.set(Some(summary));
                }
                Err(why) => {
                    let again = self.parsed.with_value(|p| {
                        p.clone().map(|parsed| state.journal.with_untracked(|j| ImportPlan::new(parsed, j)))
                    });
                    self.plan.set(again);
                    let text = format!(
                        "Nothing was imported: {why}. The preview now matches People as it is; check it and import again."
                    );
                    self.status.set(Some(Status::problem(text)));
                }
            }
        });
    }
}

/// A step that takes a moment: its name and a progress bar.
#[component]
fn Working(working: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || working.with(Option::is_some)>
            <p class="working" role="status">
                <progress aria-label="Import progress"></progress>
                " "
                {move || working.get()}
            </p>
        </Show>
    }
}

/// After an import: the rows it skipped, and why.
#[component]
fn SkippedRows(done: RwSignal<Option<Summary>>) -> impl IntoView {
    /// A file of thousands of rows skipped lists the first ones only.
    const LISTED: usize = 200;
    let count = move || done.with(|d| d.as_ref().map_or(0, |s| s.skipped.len()));
    let listed = move || {
        done.with(|d| {
            let skipped = d.as_ref().map(|s| s.skipped.as_slice()).unwrap_or_default();
            skipped
                .iter()
                .take(LISTED)
                .map(|(line, name, why)| {
                    let name = if name.is_empty() { "(no name)" } else { name };
                    view! { <li>{format!("Line {line}, {name}: {}", why.message())}</li> }
                })
                .collect_view()
        })
    };
    let more = move || count() > LISTED;
    view! {
        <Show when=move || count() != 0>
            <details class="skipped">
                <summary>{move || format!("Skipped rows ({})", thousands(count()))}</summary>
                <ul>{listed}</ul>
                <Show when=more>
                    <p class="hint">{move || format!("…and {} more.", thousands(count() - LISTED))}</p>
                </Show>
            </details>
        </Show>
    }
}
