//! The Leptos components. Thin: they read the journal through [`state::AppState`]
//! and change it only through [`crate::model::Op`]s.

mod archive;
mod assessment;
mod backup;
mod career;
mod chains;
mod charts;
mod conflict;
mod data;
mod file_drop;
mod form;
mod home;
mod import;
mod insights;
mod interaction_form;
mod journal;
mod lock;
mod notices;
mod on_demand;
mod people;
pub mod platform;
mod review;
mod shortcuts;
pub mod state;
mod tasks;
mod widgets;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::{A, FlatRoutes, Route, Router};
use leptos_router::path;

use assessment::AssessmentPage;
use career::CareerPage;
use chains::ChainsPage;
use data::DataPage;
use home::HomePage;
use insights::InsightsPage;
use interaction_form::PeopleNames;
use journal::JournalPage;
use lock::{IdleLock, LockButton, UnlockScreen};
use notices::{Notices, UpdateReady};
use on_demand::screen_on_demand;
use people::{PeoplePage, PersonPage};
use review::ReviewPage;
use shortcuts::Shortcuts;
use state::AppState;
use tasks::TasksPage;

/// The whole app, on the browser's storage. A stored journal is read with
/// the serial code ([`crate::serial`]), so it opens once that has come (the
/// opening screen stays meanwhile); an empty one opens at once, and fetches
/// it right after.
#[component]
pub fn App() -> impl IntoView {
    let arrived = RwSignal::new((!AppState::must_wait_for_serial()).then_some(Ok(())));
    if arrived.get_untracked().is_none() {
        leptos::task::spawn_local(async move { arrived.set(Some(on_demand::fetch_serial().await)) });
    }
    move || match arrived.get() {
        None => ().into_any(),
        Some(Ok(())) => view! { <OpenJournal /> }.into_any(),
        Some(Err(_)) => {
            platform::remove_element("opening");
            view! { <on_demand::JournalUnavailable /> }.into_any()
        }
    }
}

/// The journal, once it can be read.
#[component]
fn OpenJournal() -> impl IntoView {
    let state = AppState::open_browser();
    provide_context(state);
    platform::remove_element("opening");
    if !crate::serial::ready() {
        // After the first drawing, so that it does not hold it up.
        request_animation_frame(move || {
            leptos::task::spawn_local(async move {
                if on_demand::fetch_serial().await.is_ok() {
                    state.serial_arrived();
                }
            })
        });
    }
    // Another tab saved something: show it here too. Another page of the
    // site (which shares the allowance) changes only the space left.
    let listener = window_event_listener(leptos::ev::storage, move |event| {
        let ours = event.key().is_none_or(|k| k.starts_with(crate::store::PREFIX));
        if ours {
            state.other_tab_changed(event.key().as_deref());
        } else {
            state.storage_changed.notify();
        }
    });
    // Changes that could not be saved: ask before the tab closes.
    let unload = window_event_listener(leptos::ev::beforeunload, move |event| {
        if !state.unsaved.with_untracked(Vec::is_empty) {
            event.prevent_default();
            event.set_return_value("Some changes are not saved.");
        }
    });
    on_cleanup(move || {
        listener.remove();
        unload.remove();
    });

    // Locked: the unlock form alone, nothing of the journal in the page.
    let unlocked = move || !state.is_locked();
    view! {
        <Show when=unlocked fallback=|| view! { <div class="notices"><UpdateReady /></div><UnlockScreen /> }>
            <JournalApp />
        </Show>
    }
}

/// The screens of an unlocked journal.
#[component]
fn JournalApp() -> impl IntoView {
    // True while a screen's code is on its way (see on_demand): the screen
    // in view stays until the next one is ready, marked busy meanwhile.
    let routing = RwSignal::new(false);
    view! {
        <Router base=platform::router_base() set_is_routing=routing.write_only()>
            <IdleLock />
            <MainNav />
            <Shortcuts />
            <PeopleNames />
            <Notices />
            <Show when=move || routing.get()>
                <div class="routing" aria-hidden="true"></div>
            </Show>
            <main id="main" aria-busy=move || routing.get().then_some("true")>
                // Flat routes: none of the screens nest, and the flat router is
                // much smaller in the wasm than the nested one (-13 KB gzipped).
                <FlatRoutes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/journal") view={Lazy::<JournalRoute>::new()} />
                    <Route path=path!("/people") view={Lazy::<PeopleRoute>::new()} />
                    <Route path=path!("/people/:id") view={Lazy::<PersonRoute>::new()} />
                    <Route path=path!("/assessment") view={Lazy::<AssessmentRoute>::new()} />
                    <Route path=path!("/chains") view={Lazy::<ChainsRoute>::new()} />
                    <Route path=path!("/tasks") view={Lazy::<TasksRoute>::new()} />
                    <Route path=path!("/career") view={Lazy::<CareerRoute>::new()} />
                    <Route path=path!("/review") view={Lazy::<ReviewRoute>::new()} />
                    <Route path=path!("/insights") view={Lazy::<InsightsRoute>::new()} />
                    <Route path=path!("/data") view={Lazy::<DataRoute>::new()} />
                </FlatRoutes>
            </main>
        </Router>
    }
}

// Every screen but Home arrives on demand (see on_demand), in two chunks:
// Data (the backup, imports, exports and archive: a third of the app's code,
// opened now and then) and the rest. One chunk per screen made 100 files, as
// wasm-split-cli gives code shared by any few screens a chunk of its own: a
// Journal opened from a link then waited for 36 of them (cold load 247 ms
// against 157 ms now, 100 interactions, tests/bench).
screen_on_demand!(JournalRoute, JournalPage, screens, render_journal);
screen_on_demand!(PeopleRoute, PeoplePage, screens, render_people);
screen_on_demand!(PersonRoute, PersonPage, screens, render_person);
screen_on_demand!(AssessmentRoute, AssessmentPage, screens, render_assessment);
screen_on_demand!(ChainsRoute, ChainsPage, screens, render_chains);
screen_on_demand!(TasksRoute, TasksPage, screens, render_tasks);
screen_on_demand!(CareerRoute, CareerPage, screens, render_career);
screen_on_demand!(ReviewRoute, ReviewPage, screens, render_review);
screen_on_demand!(InsightsRoute, InsightsPage, screens, render_insights);
screen_on_demand!(DataRoute, DataPage, data_screen, render_data);

/// The screens, in the order of a working week.
const SCREENS: [(&str, &str); 10] = [
    ("/", "Home"),
    ("/journal", "Journal"),
    ("/people", "People"),
    ("/assessment", "Self-assessment"),
    ("/chains", "Service chains"),
    ("/tasks", "Tasks"),
    ("/career", "Career file"),
    ("/review", "Review"),
    ("/insights", "Insights"),
    ("/data", "Data"),
];

/// The main navigation. On a phone-sized screen the links fold behind a
/// Menu button (a disclosure: Escape closes it, and a chosen link too).
#[component]
fn MainNav() -> impl IntoView {
    let open = RwSignal::new(false);
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            platform::focus("menu-button");
        }
    };
    view! {
        <header class="top">
            <nav aria-label="Main" on:keydown=escape>
                <A href=platform::href("/") exact=true attr:class="brand">"Rapport"</A>
                <button
                    type="button"
                    id="menu-button"
                    class="menu-button"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls="main-links"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    "Menu"
                </button>
                <ul id="main-links" class:open=open on:click=move |_| open.set(false)>
                    {SCREENS
                        .map(|(path, name)| view! { <li><A href=platform::href(path) exact={path == "/"}>{name}</A></li> })}
                </ul>
                <LockButton />
            </nav>
        </header>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    platform::set_title("Not found");
    view! {
        <h1>"Page not found"</h1>
        <p>"There is nothing at this address. " <A href=platform::href("/")>"Go to the home page"</A></p>
    }
}
