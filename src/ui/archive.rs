//! Data → Archive old years: choose a year, download a file of the
//! interactions before it, and remove them here to make room.

use leptos::prelude::*;

use super::data::unit_name;
use super::form::Status;
use super::state::{AppState, Archived};
use super::widgets::StatusLine;
use crate::model::Op;
use crate::model::archive::YearChoice;
use crate::model::text::thousands;

/// The section's id: the 80 % warning links here (`/data#archive`).
pub const ARCHIVE_ID: &str = "archive";

#[component]
pub fn ArchiveSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(None::<Status>);
    let choices = Memo::new(move |_| state.archive_choices());
    // The year chosen; the oldest choice until the user picks another.
    let picked = RwSignal::new(None::<i32>);
    let year = move || picked.get().or_else(|| choices.with(|c| c.first().map(|c| c.year)));
    let none = move || choices.with(Vec::is_empty);
    // The last archive, until it is undone or another one is made.
    let undo = RwSignal::new(None::<Op>);
    let archive = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(year) = year() else { return };
        undo.set(None);
        status.set(Some(match state.archive(year) {
            Ok(done) => {
                undo.set(Some(done.undo.clone()));
                Status::done(archived_sentence(year, &done))
            }
            Err(why) => Status::problem(format!("Nothing was archived: {why}.")),
        }));
        picked.set(None);
    };
    let undo_archive = move |_| {
        let Some(op) = undo.get_untracked() else { return };
        undo.set(None);
        status.set(Some(match state.undo_archive(op) {
            Ok(count) => {
                let are = if count == 1 { "is" } else { "are" };
                Status::done(format!("Undone: {} {are} back in this journal.", counted(count)))
            }
            Err(why) => Status::problem(format!("Could not undo the archive: {why}. Open the file with Open a backup and choose Merge to bring them back.")),
        }));
    };
    let on_change = move |ev: leptos::ev::Event| picked.set(event_target_value(&ev).parse().ok());
    view! {
        <section id=ARCHIVE_ID aria-labelledby="archive-heading" class="card">
            <h2 id="archive-heading">"Archive old years"</h2>
            <p>
                "Makes room by moving the interactions of old years to a file: Rapport downloads a file holding exactly those interactions (a backup file, encrypted like your backups when the journal has a lock), then removes them from this browser. People, tasks, chains and everything else stay. To bring the interactions back, open that file with Open a backup above and choose Merge."
            </p>
            <Show when=none>
                <p>"Nothing to archive: every interaction in the journal is from one year."</p>
            </Show>
            <Show when=move || !none()>
                <form class="archive" on:submit=archive novalidate>
                    <div class="field">
                        <label for="archive-year">"Archive"</label>
                        <select id="archive-year" prop:value=move || year().map(|y| y.to_string()).unwrap_or_default() on:change=on_change>
                            // A few options, rebuilt together (as `ChoiceField` does).
                            {move || {
                                choices
                                    .get()
                                    .iter()
                                    .map(|choice| view! { <option value=choice.year.to_string()>{choice_label(choice)}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                    <div class="actions">
                        <button type="submit" class="primary">"Archive"</button>
                    </div>
                </form>
            </Show>
            <StatusLine status=status />
            <Show when=move || undo.with(Option::is_some)>
                <button type="button" on:click=undo_archive>"Undo archive"</button>
            </Show>
        </section>
    }
}

/// "Interactions before 1 January 2020: 2,345 interactions, frees about
/// 312,000 characters"
fn choice_label(choice: &YearChoice) -> String {
    format!(
        "Interactions before 1 January {}: {}, frees about {} {}",
        choice.year,
        counted(choice.interactions),
        thousands(choice.frees),
        unit_name(crate::store::running_accounting()),
    )
}

/// "1 interaction", "10,259 interactions".
fn counted(n: usize) -> String {
    format!("{} {}", thousands(n), if n == 1 { "interaction" } else { "interactions" })
}

/// What was archived, the room it freed, and where the file went.
fn archived_sentence(year: i32, done: &Archived) -> String {
    let share = done
        .usage
        .map(|u| {
            let permille = u.permille(done.freed);
            format!(" ({}.{} % of the storage)", permille / 10, permille % 10)
        })
        .unwrap_or_default();
    let unit = unit_name(crate::store::running_accounting());
    let left_out = match done.left_out.as_slice() {
        [] => String::new(),
        parts => {
            format!(" Not archived, because it could not be read: {} (it stays set aside below).", parts.join("; "))
        }
    };
    format!(
        "Archived {} from before 1 January {year} to {} (in your downloads). That freed {} {unit}{share}. To bring them back, open that file with Open a backup and choose Merge.{left_out}",
        counted(done.interactions),
        done.file_name,
        thousands(done.freed),
    )
}
