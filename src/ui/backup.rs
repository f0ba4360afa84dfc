//! The Data screen's backup: download the journal as a readable file, open
//! one (from this device or another), see what it holds and what it would
//! change, then merge it in or replace the journal with it.

use leptos::prelude::*;

use super::file_drop::FileDrop;
use super::form::Status;
use super::lock::{PassphraseField, run};
use super::platform::{download, read_file};
use super::state::{AppState, Restore};
use super::widgets::StatusLine;
use crate::model::RecordKind;
use crate::model::text::{capitalise, plural, thousands};
use crate::model::time::short_date;
use crate::store::KdfParams;
use crate::store::backup::{Backup, BackupError, MAX_BACKUP_BYTES, Preview};

/// A backup opened and previewed, waiting for the user's choice.
#[derive(Clone)]
struct Opened {
    backup: StoredValue<Backup>,
    preview: Preview,
}

#[component]
pub fn BackupSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(None::<Status>);
    let opened = RwSignal::new(None::<Opened>);
    let sealed = RwSignal::new(None::<Sealed>);
    view! {
        <section aria-labelledby="backup-heading" class="card">
            <h2 id="backup-heading">"Backup"</h2>
            <p>
                "A readable file of the whole journal (JSON, its format documented). Open it here, or in Rapport in another browser or on another device, to restore the journal or to merge the two."
            </p>
            <p>{move || last_backup_sentence(state.journal.with(|j| j.settings().last_backup))}</p>
            <div class="actions">
                <button type="button" on:click=move |_| status.set(Some(download_backup()))>"Download a backup"</button>
            </div>
            <OpenBackup status=status opened=opened sealed=sealed />
            <StatusLine status=status />
            {move || sealed.with(Option::is_some).then(|| view! { <SealedBackup sealed=sealed status=status opened=opened /> })}
            {move || opened.get().map(|o| view! { <BackupPreview opened=o status=status close=opened /> })}
        </section>
    }
}

/// Offers the journal as a backup file, and says what happened.
pub fn download_backup() -> Status {
    download_backup_of(expect_context::<AppState>())
}

/// [`download_backup`] of `state`'s journal: what screens in the first load
/// run through [`super::on_demand::offer_backup`].
pub fn download_backup_of(state: AppState) -> Status {
    match state.backup_file() {
        Ok(file) if !download(&file.name, &file.text, "application/json") => {
            Status::problem("The browser refused the download.")
        }
        Ok(file) if file.left_out.is_empty() => {
            state.note_backup();
            Status::done(format!("Downloaded {}.", file.name))
        }
        Ok(file) => Status::problem(format!(
            "Downloaded {}, without what could not be read: {}. That stays set aside below.",
            file.name,
            file.left_out.join("; ")
        )),
        Err(why) => Status::problem(format!("No backup was made: {why}.")),
    }
}

/// When the last backup was downloaded, on this device's calendar.
fn last_backup_sentence(last: Option<i64>) -> String {
    let day =
        last.and_then(chrono::DateTime::from_timestamp_millis).map(|at| at.with_timezone(&chrono::Local).date_naive());
    match day {
        Some(day) => format!("Last backup downloaded: {}.", short_date(day)),
        None => "No backup of this journal has been downloaded yet.".to_owned(),
    }
}

/// The file picker and the drop zone; a file is read and previewed.
#[component]
fn OpenBackup(
    status: RwSignal<Option<Status>>,
    opened: RwSignal<Option<Opened>>,
    sealed: RwSignal<Option<Sealed>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = move |file: web_sys::File| {
        opened.set(None);
        sealed.set(None);
        status.set(Some(Status::done(format!("Reading {}…", file.name()))));
        leptos::task::spawn_local(async move {
            // Too large to be a backup: said before reading it all.
            let bytes = file.size() as usize;
            let text = if bytes > MAX_BACKUP_BYTES {
                Err(BackupError::TooLarge { bytes }.to_string())
            } else {
                read_file(&file).await
            };
            let decoded = text.map(|text| (Backup::decode(&text), text));
            match decoded {
                // Encrypted with the passphrase the journal had: ask for it.
                Ok((Err(e @ BackupError::Locked { .. }), text)) => {
                    let BackupError::Locked { kdf } = &e else { return };
                    status.set(None);
                    sealed.set(Some(Sealed { text: StoredValue::new(text), kdf: kdf.clone() }));
                }
                Ok((decoded, _)) => show(state, decoded, status, opened),
                Err(why) => status.set(Some(Status::problem(why))),
            }
        });
    };
    view! {
        <FileDrop
            id="backup-file"
            label="Open a backup"
            accept=".json,application/json"
            hint="Or drop the file here. Nothing changes until you choose what to do with it."
            open=Callback::new(open)
        />
    }
}

/// Previews a decoded backup, or says why it cannot be opened.
fn show(
    state: AppState,
    decoded: Result<Backup, BackupError>,
    status: RwSignal<Option<Status>>,
    opened: RwSignal<Option<Opened>>,
) {
    let ready = decoded.map_err(|e| e.to_string()).and_then(|backup| {
        let preview = state.preview_backup(&backup)?;
        Ok(Opened { backup: StoredValue::new(backup), preview })
    });
    match ready {
        Ok(ready) => {
            status.set(None);
            opened.set(Some(ready));
        }
        Err(why) => status.set(Some(Status::problem(why))),
    }
}

/// An encrypted backup file, waiting for its passphrase.
#[derive(Clone)]
struct Sealed {
    text: StoredValue<String>,
    kdf: KdfParams,
}

/// Asks for an encrypted backup's passphrase, then previews it.
#[component]
fn SealedBackup(
    sealed: RwSignal<Option<Sealed>>,
    status: RwSignal<Option<Status>>,
    opened: RwSignal<Option<Opened>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let passphrase = RwSignal::new(String::new());
    let (busy, asked) = (RwSignal::new(false), RwSignal::new(None::<Status>));
    let Some(Sealed { text, kdf }) = sealed.get_untracked() else { return ().into_any() };
    let kdf = StoredValue::new(kdf);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = passphrase.get_untracked();
        run(busy, asked, "Opening the backup…", "backup-passphrase", async move {
            let kek = AppState::stretch(&typed, &kdf.get_value()).await?;
            match text.with_value(|t| Backup::decode_locked(t, &kek)) {
                Err(e @ BackupError::WrongPassphrase) => Err(e.to_string()),
                decoded => {
                    // Opened (or found damaged): the passphrase is no longer asked.
                    sealed.set(None);
                    show(state, decoded, status, opened);
                    Ok(String::new())
                }
            }
        });
    };
    view! {
        <form class="backup-preview" on:submit=submit novalidate>
            <p>{BackupError::Locked { kdf: kdf.get_value() }.to_string()}</p>
            <PassphraseField id="backup-passphrase" label="The backup's passphrase" autocomplete="current-password" value=passphrase />
            <div class="actions">
                <button type="submit" class="primary" disabled=busy>"Open the backup"</button>
            </div>
            <StatusLine status=asked />
        </form>
    }
    .into_any()
}

/// What the file holds and what merging it would change, with the choices.
#[component]
fn BackupPreview(opened: Opened, status: RwSignal<Option<Status>>, close: RwSignal<Option<Opened>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Opened { backup, preview } = opened;
    let summary = backup.with_value(|b| describe_file(b, &preview));
    let restore = move |how: Restore| {
        if how == Restore::Replace {
            // The journal as it is now leaves first, in case the file was the wrong one.
            let kept = download_backup();
            if !kept.ok {
                return status.set(Some(Status::problem(format!("Not replaced: {}", kept.text))));
            }
        }
        let outcome = backup.with_value(|b| state.restore(b, how));
        close.set(None);
        status.set(Some(match (outcome, how) {
            (Ok(0), _) => Status::done("Nothing to change: this journal already holds everything in the file."),
            (Ok(_), Restore::Merge) => Status::done("Merged. The journal now holds the later version of every record."),
            (Ok(_), Restore::Replace) => Status::done("Replaced. The journal is now the backup's."),
            (Err(why), _) => Status::problem(why),
        }));
    };
    view! {
        <div class="backup-preview" role="group" aria-labelledby="preview-heading">
            <h3 id="preview-heading">"The backup"</h3>
            <p>{summary}</p>
            <PreviewTable preview=preview.clone() />
            {returning_sentence(&preview).map(|text| view! { <p>{text}</p> })}
            <p class="hint">
                "Merge keeps the later version of each record from either side, and deletions made on either; nothing here that the file lacks is removed. Replace makes the journal exactly the file (a backup of the journal as it is downloads first)."
            </p>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| restore(Restore::Merge)>"Merge into this journal"</button>
                <button type="button" on:click=move |_| restore(Restore::Replace)>"Replace this journal"</button>
                <button type="button" on:click=move |_| close.set(None)>"Cancel"</button>
            </div>
        </div>
    }
}

/// "Written by Rapport 0.1.0 on 1 Dec 2026: 1,204 interactions from 3 Mar
/// 2024 to 30 Nov 2026, 87 people, …"
fn describe_file(backup: &Backup, preview: &Preview) -> String {
    let when = backup.exported.map(|at| format!(" on {}", short_date(at.date()))).unwrap_or_default();
    let mut counts: Vec<String> = RecordKind::ALL
        .iter()
        .filter(|&&kind| kind != RecordKind::Settings && backup.count(kind) > 0)
        .map(|&kind| counted(backup.count(kind), kind))
        .collect();
    if let (Some(first), Some((from, to))) = (counts.first_mut(), preview.interactions_span)
        && backup.count(RecordKind::Interaction) > 0
    {
        first.push_str(&format!(" from {} to {}", short_date(from), short_date(to)));
    }
    let held = if counts.is_empty() { "no records".to_owned() } else { counts.join(", ") };
    format!("Written by Rapport {}{when}: {held}.", backup.app)
}

/// "3 interactions archived from this journal come back." when the file
/// holds records archived here (Data → Archive old years).
fn returning_sentence(preview: &Preview) -> Option<String> {
    let n = preview.kind(RecordKind::Interaction).returning;
    (n > 0).then(|| {
        let (what, verb) = if n == 1 { ("interaction", "comes") } else { ("interactions", "come") };
        format!("{} {what} archived from this journal {verb} back.", thousands(n))
    })
}

/// "1 interaction", "87 people".
fn counted(n: usize, kind: RecordKind) -> String {
    match kind {
        RecordKind::Person => plural(n, "person", "people"),
        RecordKind::Career => plural(n, "career file entry", "career file entries"),
        other => plural(n, other.noun(), &format!("{}s", other.noun())),
    }
}

/// Per kind: in the file, and what merging would do here.
#[component]
fn PreviewTable(preview: Preview) -> impl IntoView {
    let rows = preview
        .kinds
        .into_iter()
        .filter(|k| k.in_file + k.deleted_in_file + k.only_here > 0)
        .map(|k| {
            let cells = [k.in_file, k.new, k.newer, k.same, k.older, k.deleted, k.only_here, k.returning];
            view! {
                <tr>
                    <th scope="row">{capitalise(k.kind.name())}</th>
                    {cells.map(|n| view! { <td>{thousands(n)}</td> })}
                </tr>
            }
        })
        .collect_view();
    // Wider than a phone: focusable, so the keyboard can scroll it.
    view! {
        <div class="table-box" tabindex="0" role="group" aria-label="What merging would do">
            <table class="numbers">
                <caption>"What merging would do, kind by kind"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Kind"</th>
                        <th scope="col">"In the file"</th>
                        <th scope="col">"New here"</th>
                        <th scope="col">"Newer than here"</th>
                        <th scope="col">"Same"</th>
                        <th scope="col">"Older (kept as here)"</th>
                        <th scope="col">"Deleted by the file"</th>
                        <th scope="col">"Only here (kept)"</th>
                        <th scope="col">"Back from the archive"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
