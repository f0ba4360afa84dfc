//! The Data screen: what is stored, how much room it takes, data set aside,
//! and a backup.

use leptos::prelude::*;
use leptos_router::components::A;

use super::archive::ArchiveSection;
use super::backup::BackupSection;
use super::form::Status;
use super::import::ImportSection;
use super::lock::LockSection;
use super::platform::{download, file_name_for, href, now, set_title, storage_persisted};
use super::state::AppState;
use super::widgets::StatusLine;
use crate::model::Journal;
use crate::model::export::{calendar, career_csv, interactions_csv, people_csv, people_vcard, tasks_csv};
use crate::model::room::{Room, nearly_full, warning};
use crate::model::text::thousands;
use crate::model::time::iso_date;
use crate::store::{Accounting, SetAside, Usage};

#[component]
pub fn DataPage() -> impl IntoView {
    set_title("Data");
    view! {
        <h1>"Data"</h1>
        <WhereItLives />
        <SpaceUsed />
        <LockSection />
        <BackupSection />
        <ArchiveSection />
        <ImportSection />
        <Exports />
        <SetAsideData />
    }
}

/// The journal for other tools: spreadsheets, address books, calendars.
#[component]
fn Exports() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(None::<Status>);
    let offer = move |what: &'static str, extension: &'static str, mime: &'static str, content: String| {
        let name = format!("rapport-{what}-{}.{extension}", iso_date(now().date()));
        let ok = download(&name, &content, mime);
        status.set(Some(if ok {
            Status::done(format!("Downloaded {name}."))
        } else {
            Status::problem("The browser refused the download.")
        }));
    };
    let csv = move |what: &'static str, make: fn(&Journal) -> String| {
        move |_| offer(what, "csv", "text/csv;charset=utf-8", state.journal.with_untracked(make))
    };
    let vcard = move |_| offer("people", "vcf", "text/vcard;charset=utf-8", state.journal.with_untracked(people_vcard));
    let ics = move |_| {
        let stamp = chrono::Utc::now().naive_utc();
        let content = state.journal.with_untracked(|j| calendar(j, now().date(), stamp));
        offer("calendar", "ics", "text/calendar;charset=utf-8", content)
    };
    view! {
        <section aria-labelledby="exports-heading" class="card">
            <h2 id="exports-heading">"Exports"</h2>
            <p>"Copies for other tools. Spreadsheets open the CSV files (UTF-8); address books take the vCard; calendars take the .ics of what is due, and update its events when you import a newer one."</p>
            <div class="actions">
                <button type="button" on:click=csv("interactions", interactions_csv)>"Interactions (CSV)"</button>
                <button type="button" on:click=csv("people", people_csv)>"People (CSV)"</button>
                <button type="button" on:click=csv("tasks", tasks_csv)>"Tasks (CSV)"</button>
                <button type="button" on:click=csv("career", career_csv)>"Career entries (CSV)"</button>
                <button type="button" on:click=vcard>"People (vCard)"</button>
                <button type="button" on:click=ics>"Calendar (.ics)"</button>
            </div>
            <StatusLine status=status />
        </section>
    }
}

/// Whether the browser promised to keep the site's storage.
fn persistence_sentence(persisted: Option<bool>) -> &'static str {
    match persisted {
        Some(true) => "This browser has promised to keep Rapport's storage until you clear it yourself.",
        Some(false) => {
            "This browser has not promised to keep Rapport's storage: it may clear it when the device runs short of space, or after a time without visits."
        }
        None => "This browser does not say whether it will keep Rapport's storage.",
    }
}

/// In this browser only, and what that means; how much is stored.
#[component]
fn WhereItLives() -> impl IntoView {
    let state = expect_context::<AppState>();
    let counts = Memo::new(move |_| state.journal.with(|j| (j.len(), j.people_count())));
    // A signal set once the browser answers (a LocalResource would bring
    // Leptos's async machinery into the wasm for one boolean).
    let persisted = RwSignal::new(None::<bool>);
    leptos::task::spawn_local(async move { persisted.set(storage_persisted().await) });
    view! {
        <section aria-labelledby="where-heading" class="card">
            <h2 id="where-heading">"Where your journal lives"</h2>
            <p>
                "Everything you enter stays in this browser, on this device, in its local storage for this site. Nothing is sent anywhere: Rapport has no server and makes no network requests."
            </p>
            <p>
                "That also means no one else keeps a copy. Clearing this site's data, or a browser that removes it after weeks without a visit (Safari does after 7 days), deletes the journal. Download a backup from time to time."
            </p>
            <p>{move || persistence_sentence(persisted.get())}</p>
            <p>
                {move || {
                    let (interactions, people) = counts.get();
                    format!("Stored now: {} interactions and {} people.", thousands(interactions), thousands(people))
                }}
            </p>
        </section>
    }
}

/// How much of the browser's allowance for the site Rapport uses.
#[component]
fn SpaceUsed() -> impl IntoView {
    let state = expect_context::<AppState>();
    let usage = Memo::new(move |_| {
        state.usage()?;
        state.storage_room()
    });
    view! {
        <section aria-labelledby="space-heading" class="card">
            <h2 id="space-heading">"Space used"</h2>
            {move || match usage.get() {
                Some((u, room)) => view! {
                    <StorageWarning usage=u room=room />
                    {usage_lines(u)}
                }
                .into_any(),
                None => view! { <p>"Storage cannot be measured in this browser."</p> }.into_any(),
            }}
        </section>
    }
}

/// Past the warning line: how full, how much room is left at the recent
/// pace, and what to do (with the backup one click away). Nothing below it.
#[component]
pub fn StorageWarning(
    usage: Usage,
    room: Option<Room>,
    /// A card of its own (on Home) rather than part of Data's "Space used".
    #[prop(optional)]
    card: bool,
) -> impl IntoView {
    let status = RwSignal::new(None::<Status>);
    let state = expect_context::<AppState>();
    nearly_full(usage.origin, usage.quota).then(|| {
        let heading = if card {
            view! { <h2 id="storage-warning-heading">"Storage nearly full"</h2> }.into_any()
        } else {
            view! { <h3 id="storage-warning-heading">"Storage nearly full"</h3> }.into_any()
        };
        view! {
            <section class=if card { "card notice warning" } else { "notice warning" } aria-labelledby="storage-warning-heading">
                {heading}
                <p>{warning(usage.permille(usage.origin), room)}</p>
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| super::on_demand::offer_backup(state, status)>
                        "Download a backup"
                    </button>
                    <A href=href(&format!("/data#{}", super::archive::ARCHIVE_ID))>"Archive old years"</A>
                </div>
                <StatusLine status=status />
            </section>
        }
    })
}

/// The unit the engine counts in, for people.
pub fn unit_name(accounting: Accounting) -> &'static str {
    match accounting {
        Accounting::Utf16 => "characters",
        Accounting::WebKit => "bytes",
    }
}

/// Rapport's share of the allowance, and what other pages of the site take.
fn usage_lines(u: Usage) -> impl IntoView {
    let tenths = u.permille(u.ours);
    view! {
        <p>
            {format!(
                "Rapport uses {} of about {} {} this browser allows per site ({}.{} %).",
                thousands(u.ours),
                thousands(u.quota),
                unit_name(u.accounting),
                tenths / 10,
                tenths % 10,
            )}
        </p>
        {(u.accounting == Accounting::WebKit)
            .then(|| {
                view! {
                    <p class="hint">
                        "This browser runs on WebKit (Safari's engine), which stores Rapport's compressed text at two bytes a character."
                    </p>
                }
            })}
        <meter min="0" max=u.quota.to_string() value=u.origin.to_string() aria-label="Storage used by this site"></meter>
        {(u.origin > u.ours)
            .then(|| {
                view! {
                    <p class="hint">
                        {format!("Other pages of this site use {} more; the allowance is shared.", thousands(u.origin - u.ours))}
                    </p>
                }
            })}
    }
}

/// What storage held that could not be read, kept unchanged.
#[component]
fn SetAsideData() -> impl IntoView {
    let state = expect_context::<AppState>();
    let items = Memo::new(move |_| state.set_aside_items());
    let confirming = RwSignal::new(None::<String>);
    view! {
        <section aria-labelledby="aside-heading" class="card">
            <h2 id="aside-heading">"Data set aside"</h2>
            <Show when=move || items.with(Vec::is_empty)>
                <p>"Nothing. Everything stored could be read."</p>
            </Show>
            <Show when=move || !items.with(Vec::is_empty)>
                <p>
                    "Rapport could not read these items (or, for a name it does not know, could not tell what they hold), so it kept them unchanged instead of overwriting them. Download them to keep them (someone technical may recover the text); delete them to free space."
                </p>
            </Show>
            <ul class="set-aside">
                {move || items.get().into_iter().map(|item| view! { <SetAsideItem item=item confirming=confirming /> }).collect_view()}
            </ul>
        </section>
    }
}

/// One set-aside value: download it, or delete it after a confirmation.
#[component]
fn SetAsideItem(item: SetAside, confirming: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let key = StoredValue::new(item.key.clone());
    let value = StoredValue::new(item.value.clone());
    let size = thousands(item.value.encode_utf16().count());
    let is_confirming = move || confirming.with(|c| c.as_deref() == Some(key.read_value().as_str()));
    view! {
        <li>
            <code>{item.key}</code>
            {format!(" — {size} characters ")}
            <button
                type="button"
                on:click=move |_| {
                    // Decrypted when the journal has a lock (as stored otherwise).
                    download(&file_name_for(&key.read_value()), &value.read_value(), "text/plain");
                }
            >
                "Download"
            </button>
            <Show
                when=is_confirming
                fallback=move || {
                    view! {
                        <button type="button" class="danger" on:click=move |_| confirming.set(Some(key.get_value()))>
                            "Delete…"
                        </button>
                    }
                }
            >
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        let _ = state.discard_set_aside(&key.read_value());
                        confirming.set(None);
                    }
                >
                    "Yes, delete it for good"
                </button>
                <button type="button" on:click=move |_| confirming.set(None)>"Keep"</button>
            </Show>
        </li>
    }
}
