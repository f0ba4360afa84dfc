//! Messages about the data itself, on every screen: storage problems,
//! changes not saved, and the undo toast.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::on_demand::{fetch_serial, this_tab_as_backup};
use super::platform::{download, file_name_for};
use super::state::{AppState, Unsaved};
use crate::store::{Problem, SaveError};

/// Offers the backup of everything Rapport stores, exactly as stored.
pub fn download_raw_backup(state: AppState) {
    leptos::task::spawn_local(async move {
        match fetch_serial().await {
            Ok(()) => {
                let values: std::collections::BTreeMap<String, String> = state.raw_values().into_iter().collect();
                download(
                    "rapport-stored-data.json",
                    &crate::serial::get().string_map_json(&values),
                    "application/json",
                );
            }
            Err(why) => state.show_message(why),
        }
    });
}

#[component]
pub fn Notices() -> impl IntoView {
    view! {
        <div class="notices">
            <UpdateReady />
            <MemoryOnlyNotice />
            <ReadOnlyNotice />
            <StorageProblems />
            <UnsavedChanges />
        </div>
        <ToastRegion />
    }
}

/// A new version of Rapport is installed (by the service worker, see
/// `assets/register-sw.js`) and takes over when the user reloads.
#[component]
pub fn UpdateReady() -> impl IntoView {
    // The script may have announced it before the app started.
    let ready = RwSignal::new(update_ready());
    let listener = window_event_listener_untyped("rapport-update-ready", move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    view! {
        <Show when=move || ready.get()>
            <div class="notice info" role="status">
                <p>"A new version of Rapport is ready."</p>
                <button type="button" class="primary" on:click=move |_| apply_update()>"Reload"</button>
            </div>
        </Show>
    }
}

/// The page's `window.rapportUpdate`, set by the registration script once a
/// new version waits.
fn update_hook() -> Option<js_sys::Function> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &"rapportUpdate".into()).ok()?.dyn_into().ok()
}

fn update_ready() -> bool {
    update_hook().is_some()
}

fn apply_update() {
    if let Some(update) = update_hook() {
        let _ = update.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// The browser gives no storage: the journal lives in this tab only.
#[component]
fn MemoryOnlyNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || state.memory_only.get().map(|why| view! { <div class="notice error" role="alert"><p>{why}</p></div> })
}

/// Why nothing can be saved, unless the memory-only notice says it already.
#[component]
fn ReadOnlyNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        (state.memory_only.get().is_none()).then(|| state.read_only.get()).flatten().map(|why| {
            view! {
                <div class="notice warning" role="alert">
                    <p>{format!("Read-only: {why}. Nothing you change here will be saved.")}</p>
                </div>
            }
        })
    }
}

/// What was found wrong reading storage, each with a way to keep the data.
/// Its code comes with the serial code: nothing can be found wrong before
/// storage was read with it (see `crate::serial`).
#[component]
fn StorageProblems() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! { <Show when=move || state.problems.with(|p| !p.is_empty())>{problem_list}</Show> }
}

super::on_demand::part_with_serial!(problem_list, ProblemList, render_problem_list);

#[component]
fn ProblemList() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state
            .problems
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, problem)| problem_notice(state, index, problem))
            .collect_view()
    }
}

fn problem_notice(state: AppState, index: usize, problem: Problem) -> AnyView {
    let message = problem.message();
    if matches!(problem, Problem::Disappeared { .. }) {
        return view! { <Disappeared message=message /> }.into_any();
    }
    let key = problem.download_key().map(str::to_owned);
    view! {
        <div class="notice warning" role="alert">
            <p>{message}</p>
            <div class="notice-actions">
                {download_button(state, key)}
                <button type="button" on:click=move |_| state.dismiss_problem(index)>
                    "Dismiss"
                </button>
            </div>
        </div>
    }
    .into_any()
}

/// Downloads the one stored value a problem is about, or, when it is about
/// no one value, everything stored.
fn download_button(state: AppState, key: Option<String>) -> AnyView {
    match key {
        Some(key) => {
            let download_value = move |_| {
                if let Some(value) = state.raw_value(&key) {
                    download(&file_name_for(&key), &value, "text/plain");
                }
            };
            view! { <button type="button" on:click=download_value>"Download the unreadable data"</button> }.into_any()
        }
        None => view! {
            <button type="button" on:click=move |_| download_raw_backup(state)>
                "Download all stored data"
            </button>
        }
        .into_any(),
    }
}

/// Changes on screen that storage refused, with a retry.
#[component]
fn UnsavedChanges() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let items = state.unsaved.get();
        (!items.is_empty()).then(|| {
            let why = items.last().map(|u| u.why.clone()).unwrap_or_default();
            view! {
                <div class="notice error" role="alert">
                    <p><strong>"Not saved: "</strong> {format!("{}.", why)}</p>
                    <p>"These changes are on screen but not stored; they will be lost when this tab closes:"</p>
                    <ul>{items.into_iter().enumerate().map(|(index, u)| unsaved_item(state, index, u)).collect_view()}</ul>
                    <div class="notice-actions">
                        <button type="button" on:click=move |_| state.retry_unsaved()>"Try saving again"</button>
                        <button type="button" on:click=move |_| download_raw_backup(state)>
                            "Download stored data"
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// The last message, with Undo when the change can be undone.
#[component]
fn ToastRegion() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="toast-region" aria-live="polite">
            {move || {
                state.toast.get().map(|toast| {
                    let can_undo = toast.undo.is_some();
                    view! {
                        <div class="toast">
                            <span>{toast.text}</span>
                            {can_undo.then(|| view! { <button type="button" id="undo" on:click=move |_| state.undo()>"Undo"</button> })}
                            <button type="button" aria-label="Close message" on:click=move |_| state.close_message()>
                                "×"
                            </button>
                        </div>
                    }
                })
            }}
        </div>
    }
}

/// One unsaved change; if its record changed elsewhere since, the user
/// chooses between their version and the other.
fn unsaved_item(state: AppState, index: usize, item: Unsaved) -> impl IntoView {
    let Some(conflict) = item.conflict else { return view! { <li>{item.what}</li> }.into_any() };
    let what = item.what.clone();
    view! {
        <li>
            {format!("{} — {}.", item.what, SaveError::Conflict(conflict))}
            " "
            <button type="button" aria-label=format!("Keep mine: {what}") on:click=move |_| state.keep_unsaved(index)>
                "Keep mine"
            </button>
            <button type="button" aria-label=format!("Discard mine: {}", item.what) on:click=move |_| state.discard_unsaved(index)>
                "Discard mine"
            </button>
        </li>
    }
    .into_any()
}

/// Stored data vanished under this tab: its copy can go back in one click,
/// or leave as a file.
#[component]
fn Disappeared(message: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(None::<String>);
    let write_back = move |_| {
        match state.write_back() {
            // The notice goes; the toast says what was done.
            Ok(written) => state
                .show_message(format!("Written back: {}.", crate::model::text::plural(written, "record", "records"))),
            Err(why) => status.set(Some(format!("Not written back: {why}."))),
        }
    };
    let save_copy = move |_| {
        leptos::task::spawn_local(async move {
            match this_tab_as_backup(state).await {
                Ok(text) => {
                    download("rapport-this-tab.json", &text, "application/json");
                }
                Err(why) => state.show_message(why),
            }
        });
    };
    view! {
        <div class="notice error" role="alert">
            <p>{message}</p>
            <div class="notice-actions">
                <button type="button" class="primary" on:click=write_back>"Write this tab's copy back"</button>
                <button type="button" on:click=save_copy>"Download this tab's copy"</button>
            </div>
            <p role="status">{move || status.get()}</p>
        </div>
    }
}
