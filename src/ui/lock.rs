//! The lock's screens: the unlock form shown instead of the journal, Data's
//! Lock section (turn it on, lock now, lock when idle, change the
//! passphrase, remove it), the Lock button in the menu, and the idle timer.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::form::Status;
use super::on_demand::offer_backup;
use super::platform::{focus, set_title};
use super::state::AppState;
use super::widgets::StatusLine;
use crate::model::lock::{LOCK_AFTER_CHOICES, check_new_passphrase, describe_lock_after, idle_lock_wait, lock_after};
use crate::model::review::{SETTINGS_ID, Settings};

/// A passphrase input: hidden as typed, and named for password managers.
#[component]
pub fn PassphraseField(
    id: &'static str,
    label: &'static str,
    /// `current-password` to fill in, `new-password` to offer a new one.
    autocomplete: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="password" autocomplete=autocomplete bind:value=value />
        </div>
    }
}

/// Runs `work` once at a time: `busy` while it runs, its outcome in
/// `status`, and the keyboard on `retry` if it failed.
pub fn run(
    busy: RwSignal<bool>,
    status: RwSignal<Option<Status>>,
    working: &str,
    retry: &'static str,
    work: impl Future<Output = Result<String, String>> + 'static,
) {
    if busy.get_untracked() {
        return;
    }
    busy.set(true);
    status.set(Some(Status::done(working)));
    leptos::task::spawn_local(async move {
        let outcome = work.await;
        busy.set(false);
        match outcome {
            Ok(done) => status.set((!done.is_empty()).then(|| Status::done(done))),
            Err(why) => {
                status.set(Some(Status::problem(why)));
                focus(retry);
            }
        }
    });
}

/// Shown instead of every screen while the journal is locked: nothing of
/// the journal is in the page.
#[component]
pub fn UnlockScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    set_title("Locked");
    // The lock's cipher is readied while the passphrase is typed; a failure
    // is met again, and said, when Unlock asks for it.
    leptos::task::spawn_local(async {
        let _ = super::on_demand::fetch_lock_code().await;
    });
    let passphrase = RwSignal::new(String::new());
    let (busy, status) = (RwSignal::new(false), RwSignal::new(None::<Status>));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = passphrase.get_untracked();
        if typed.is_empty() {
            status.set(Some(Status::problem("Enter the journal's passphrase.")));
            return focus("unlock-passphrase");
        }
        run(busy, status, "Unlocking…", "unlock-passphrase", async move {
            let finished = state.unlock(typed).await?;
            passphrase.set(String::new());
            if let Some(message) = finished {
                state.show_message(message);
            }
            Ok(String::new())
        });
    };
    view! {
        <main id="main" class="unlock">
            <h1>"Rapport is locked"</h1>
            <p>"The journal is encrypted in this browser. Enter its passphrase to open it."</p>
            <form on:submit=submit novalidate>
                <div class="field">
                    <label for="unlock-passphrase">"Passphrase"</label>
                    <input id="unlock-passphrase" type="password" autocomplete="current-password" autofocus bind:value=passphrase />
                </div>
                <div class="actions">
                    <button type="submit" class="primary" disabled=busy>"Unlock"</button>
                </div>
                <StatusLine status=status />
            </form>
        </main>
    }
}

/// The menu's Lock button, when the journal has a lock.
#[component]
pub fn LockButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.has_lock()>
            <button type="button" class="lock-button" on:click=move |_| state.lock_now()>"Lock"</button>
        </Show>
    }
}

/// Locks the journal after the minutes without use the user chose: no key,
/// pointer or wheel event for that long. It watches only while the journal
/// has a lock and a time is chosen; otherwise nothing of it runs.
#[component]
pub fn IdleLock() -> impl IntoView {
    let state = expect_context::<AppState>();
    let minutes =
        Memo::new(move |_| state.has_lock().then(|| state.journal.with(|j| lock_after(j.settings()))).flatten());
    move || minutes.get().map(|minutes| view! { <IdleWatch minutes=minutes /> })
}

/// The watch itself: one timer at a time, set for the moment the journal
/// would be due to lock, and set again for later if it was used meanwhile
/// (a timer every few seconds kept slow phones from ever being idle).
#[component]
fn IdleWatch(minutes: u32) -> impl IntoView {
    let state = expect_context::<AppState>();
    let last_use = StoredValue::new(js_sys::Date::now());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // The listeners may fire once more while the screens are being taken
    // down: a value already gone is no error.
    let used = move || {
        last_use.try_set_value(js_sys::Date::now());
    };
    let listeners = [
        window_event_listener(leptos::ev::keydown, move |_| used()),
        window_event_listener(leptos::ev::pointerdown, move |_| used()),
        window_event_listener(leptos::ev::pointermove, move |_| used()),
        window_event_listener(leptos::ev::wheel, move |_| used()),
    ];
    lock_when_idle(state, minutes, last_use, pending);
    on_cleanup(move || {
        listeners.into_iter().for_each(|l| l.remove());
        if let Some(Some(timer)) = pending.try_get_value() {
            timer.clear();
        }
    });
}

/// Locks the journal if it has been idle for `minutes`, or waits until it
/// would have been.
fn lock_when_idle(
    state: AppState,
    minutes: u32,
    last_use: StoredValue<f64>,
    pending: StoredValue<Option<TimeoutHandle>>,
) {
    let Some(last) = last_use.try_get_value() else { return };
    let wait = idle_lock_wait(minutes, last, js_sys::Date::now());
    if wait.is_zero() {
        if state.lock.with_untracked(|l| matches!(l, crate::store::LockStatus::Unlocked { .. })) {
            state.lock_now();
        }
        return;
    }
    let timer = set_timeout_with_handle(move || lock_when_idle(state, minutes, last_use, pending), wait).ok();
    pending.try_set_value(timer);
}

/// Data → Lock.
#[component]
pub fn LockSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section aria-labelledby="lock-heading" class="card">
            <h2 id="lock-heading">"Lock"</h2>
            <Show when=move || state.has_lock() fallback=|| view! { <TurnLockOn /> }>
                <LockedControls />
            </Show>
        </section>
    }
}

/// No lock yet: what it does, the warning, a backup first, the passphrase.
#[component]
fn TurnLockOn() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (passphrase, again) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (busy, status) = (RwSignal::new(false), RwSignal::new(None::<Status>));
    let backup = RwSignal::new(None::<Status>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (typed, twice) = (passphrase.get_untracked(), again.get_untracked());
        if let Err(why) = check_new_passphrase(&typed, &twice) {
            status.set(Some(Status::problem(why)));
            return focus("new-lock-passphrase");
        }
        run(busy, status, "Encrypting the journal…", "new-lock-passphrase", async move {
            state.turn_lock_on(typed).await?;
            // This section gives way to the locked one: the message goes to the toast.
            state.show_message(
                "Locked with your passphrase: everything Rapport stores in this browser is encrypted.".into(),
            );
            Ok(String::new())
        });
    };
    view! {
        <p>
            "Lock the journal with a passphrase, and everything Rapport stores in this browser is encrypted (AES-256-GCM, with a key made from the passphrase by 600,000 rounds of PBKDF2). Opening Rapport then asks for it; anyone else using this browser, or reading its storage, finds nothing of the journal."
        </p>
        <p class="warning">
            <strong>"If you forget the passphrase, the journal cannot be recovered: no one, not Rapport either, can open it without it."</strong>
            " Keep it somewhere safe (a password manager), and download a backup first."
        </p>
        <div class="actions">
            <button type="button" on:click=move |_| offer_backup(state, backup)>"Download a backup"</button>
        </div>
        <StatusLine status=backup />
        <form on:submit=submit novalidate>
            <PassphraseField id="new-lock-passphrase" label="New passphrase" autocomplete="new-password" value=passphrase />
            <PassphraseField id="new-lock-again" label="The same passphrase again" autocomplete="new-password" value=again />
            <div class="actions">
                <button type="submit" class="primary" disabled=busy>"Lock with this passphrase"</button>
            </div>
            <StatusLine status=status />
        </form>
    }
}

/// With a lock: lock now, when to lock by itself, change or remove it.
#[component]
fn LockedControls() -> impl IntoView {
    let state = expect_context::<AppState>();
    let minutes = Memo::new(move |_| state.journal.with(|j| lock_after(j.settings()).unwrap_or(0)));
    let choose = move |ev| {
        let chosen = event_target_value(&ev).parse::<u32>().ok();
        state.edit::<Settings>(SETTINGS_ID, |s| s.lock_after_minutes = chosen);
    };
    view! {
        <p>
            "The journal is locked with a passphrase: everything stored is encrypted. This tab holds the key until you lock it, or leave it unused for the time below; other tabs ask for the passphrase themselves."
        </p>
        <div class="actions">
            <button type="button" class="primary" on:click=move |_| state.lock_now()>"Lock now"</button>
        </div>
        <div class="field">
            <label for="lock-after">"Lock when unused for"</label>
            <select id="lock-after" prop:value=move || minutes.get().to_string() on:change=choose>
                {LOCK_AFTER_CHOICES
                    .map(|m| view! { <option value=m.to_string() selected=move || minutes.get() == m>{describe_lock_after(m)}</option> })}
            </select>
        </div>
        <ChangePassphrase />
        <RemoveLock />
    }
}

#[component]
fn ChangePassphrase() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (old, new, again) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (busy, status) = (RwSignal::new(false), RwSignal::new(None::<Status>));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (typed_old, typed_new) = (old.get_untracked(), new.get_untracked());
        if let Err(why) = check_new_passphrase(&typed_new, &again.get_untracked()) {
            status.set(Some(Status::problem(why)));
            return focus("changed-passphrase");
        }
        run(busy, status, "Changing the passphrase…", "current-passphrase", async move {
            state.change_passphrase(typed_old, typed_new).await?;
            for field in [old, new, again] {
                field.set(String::new());
            }
            Ok("Passphrase changed. Backups downloaded before open with the old one.".to_owned())
        });
    };
    view! {
        <details>
            <summary>"Change the passphrase"</summary>
            <form on:submit=submit novalidate>
                <PassphraseField id="current-passphrase" label="Current passphrase" autocomplete="current-password" value=old />
                <PassphraseField id="changed-passphrase" label="New passphrase" autocomplete="new-password" value=new />
                <PassphraseField id="changed-again" label="The new passphrase again" autocomplete="new-password" value=again />
                <div class="actions">
                    <button type="submit" disabled=busy>"Change the passphrase"</button>
                </div>
                <StatusLine status=status />
            </form>
        </details>
    }
}

#[component]
fn RemoveLock() -> impl IntoView {
    let state = expect_context::<AppState>();
    let passphrase = RwSignal::new(String::new());
    let (busy, status) = (RwSignal::new(false), RwSignal::new(None::<Status>));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = passphrase.get_untracked();
        run(busy, status, "Decrypting the journal…", "remove-passphrase", async move {
            state.remove_lock(typed).await?;
            state.show_message("The lock is removed: nothing Rapport stores is encrypted now.".into());
            Ok(String::new())
        });
    };
    view! {
        <details>
            <summary>"Remove the lock"</summary>
            <p>"Everything is stored without encryption again, readable by anyone using this browser."</p>
            <form on:submit=submit novalidate>
                <PassphraseField id="remove-passphrase" label="Passphrase" autocomplete="current-password" value=passphrase />
                <div class="actions">
                    <button type="submit" class="danger" disabled=busy>"Remove the lock"</button>
                </div>
                <StatusLine status=status />
            </form>
        </details>
    }
}
