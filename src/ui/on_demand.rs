//! Screens whose code arrives when they are first opened.
//!
//! With the `split` feature (the Trunk build turns it on in `index.html`),
//! each screen but Home is a split point: the linker wrapper
//! (`scripts/wasm-split-link.sh`) moves its code into the wasm chunk named
//! at the route, fetched on first use, so a first visit downloads the frame
//! and Home only. Without it (the wasm tests, native builds) the same
//! routes render at once.

use leptos::prelude::*;

use super::form::Status;
use super::state::AppState;

/// Defines `$route`, a [`leptos_router::LazyRoute`] for the screen `$page`
/// whose code goes in the chunk `$chunk`, through the split function
/// `$render` (its name must be unique: it names the function's export
/// between the main module and the chunk). A chunk that cannot be fetched
/// (no network and no offline copy, or a new version published since the
/// page loaded) shows [`ScreenUnavailable`] instead of stopping the app.
macro_rules! screen_on_demand {
    ($route:ident, $page:ident, $chunk:ident, $render:ident) => {
        pub struct $route;

        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                // Every screen but Home reads or saves stored text.
                if $crate::ui::on_demand::fetch_serial().await.is_err() {
                    return view! { <$crate::ui::on_demand::ScreenUnavailable /> }.into_any();
                }
                #[cfg(feature = "split")]
                {
                    #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
                    fn $render() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
                        Ok(view! { <$page /> }.into_any())
                    }
                    $render()
                        .await
                        .unwrap_or_else(|_| view! { <$crate::ui::on_demand::ScreenUnavailable /> }.into_any())
                }
                #[cfg(not(feature = "split"))]
                {
                    view! { <$page /> }.into_any()
                }
            }
        }
    };
}
pub(crate) use screen_on_demand;

/// Defines `$part() -> AnyView`, drawing `<$component />`, whose code comes
/// with the serial code (the split `serial`) through the split function
/// `$render` (a unique name): for a part of a screen in the first load that
/// shows only once storage was read with the serial code, so its code is
/// there by then. Without `split` it draws at once.
macro_rules! part_with_serial {
    ($part:ident, $component:ident, $render:ident) => {
        #[cfg(feature = "split")]
        fn $part() -> AnyView {
            #[leptos::wasm_split::wasm_split(serial, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $render() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
                Ok(view! { <$component /> }.into_any())
            }
            let part = Suspend::new(async {
                $render().await.unwrap_or_else(|_| view! { <$crate::ui::on_demand::PartUnavailable /> }.into_any())
            });
            view! { <Suspense>{part}</Suspense> }.into_any()
        }

        #[cfg(not(feature = "split"))]
        fn $part() -> AnyView {
            view! { <$component /> }.into_any()
        }
    };
}
pub(crate) use part_with_serial;

/// Fetches the lock's cipher (`store::lock::gcm`) unless it has come: only
/// a journal with a lock needs it, and every use of the lock starts with a
/// passphrase, so the key's derivation asks for it first
/// (`AppState::stretch`).
pub async fn fetch_lock_code() -> Result<(), String> {
    #[cfg(feature = "split")]
    {
        use crate::store::lock::gcm;
        #[leptos::wasm_split::wasm_split(lock_cipher, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn lock_cipher() -> Result<gcm::NewGcm, leptos::wasm_split::SplitLoaderError> {
            Ok(gcm::aes_256_gcm)
        }
        let new = lock_cipher().await.map_err(|_| {
            "The lock's part of Rapport did not arrive: the network may be down, or a new version was \
             published since this page opened. Reload Rapport, then try again."
                .to_owned()
        })?;
        gcm::provide(new);
    }
    Ok(())
}

/// Why the serial code could not come: what every wait for it says.
#[cfg(feature = "split")]
const SERIAL_MISSING: &str = "Rapport's part that reads and saves your journal did not arrive: the network may be \
                              down, or a new version was published since this page opened. Reload Rapport, then \
                              try again.";

/// Fetches the serial code ([`crate::serial`]: serde, serde_json and
/// miniz_oxide, a fifth of the wasm) unless it has come. A stored journal
/// waits for it before it opens; an empty one opens without it, and asks
/// for it right after the first drawing.
pub async fn fetch_serial() -> Result<(), String> {
    if crate::serial::ready() {
        return Ok(());
    }
    #[cfg(feature = "split")]
    {
        use crate::serial::{SerdeJson, Serial};
        #[leptos::wasm_split::wasm_split(serial, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn serial_code() -> Result<&'static dyn Serial, leptos::wasm_split::SplitLoaderError> {
            Ok(&SerdeJson)
        }
        let serial = serial_code().await.map_err(|_| SERIAL_MISSING.to_owned())?;
        crate::serial::provide(serial);
    }
    Ok(())
}

/// This tab's copy of the journal as a backup file
/// ([`AppState::copy_as_json`]): the backup's encoder comes with the serial
/// code, so the notice that offers it (on every screen) does not hold it.
pub async fn this_tab_as_backup(state: AppState) -> Result<String, String> {
    fetch_serial().await?;
    #[cfg(feature = "split")]
    {
        #[leptos::wasm_split::wasm_split(serial, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn backup_encoder() -> Result<fn(&AppState) -> String, leptos::wasm_split::SplitLoaderError> {
            Ok(AppState::copy_as_json)
        }
        let encode = backup_encoder().await.map_err(|_| SERIAL_MISSING.to_owned())?;
        Ok(encode(&state))
    }
    #[cfg(not(feature = "split"))]
    Ok(state.copy_as_json())
}

/// Offers the journal as a backup file, and says what happened in `status`
/// ([`super::backup::download_backup`]), from a screen of the first load
/// (Home's reminder, the storage warning, the lock's form): the backup's
/// encoder (its JSON, its deflate and the sealing of a locked journal's)
/// comes with the serial code, not in the first load.
pub fn offer_backup(state: AppState, status: RwSignal<Option<Status>>) {
    leptos::task::spawn_local(async move {
        let outcome = match backup_downloader().await {
            Ok(download) => download(state),
            Err(why) => Status::problem(why),
        };
        status.set(Some(outcome));
    });
}

async fn backup_downloader() -> Result<fn(AppState) -> Status, String> {
    fetch_serial().await?;
    #[cfg(feature = "split")]
    {
        #[leptos::wasm_split::wasm_split(serial, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn backup_download() -> Result<fn(AppState) -> Status, leptos::wasm_split::SplitLoaderError> {
            Ok(super::backup::download_backup_of)
        }
        backup_download().await.map_err(|_| SERIAL_MISSING.to_owned())
    }
    #[cfg(not(feature = "split"))]
    Ok(super::backup::download_backup_of)
}

/// What a screen shows when its code could not be fetched.
#[component]
pub fn ScreenUnavailable() -> impl IntoView {
    super::platform::set_title("Screen unavailable");
    view! {
        <h1>"This screen could not be opened"</h1>
        <PartUnavailable />
    }
}

/// What the app shows when a stored journal cannot be read because the
/// serial code did not come ([`fetch_serial`]).
#[component]
pub fn JournalUnavailable() -> impl IntoView {
    super::platform::set_title("Journal unavailable");
    view! {
        <main id="main">
            <h1>"Your journal could not be opened"</h1>
            <PartUnavailable />
        </main>
    }
}

/// Why a part of the app is missing, and the way out: a reload.
#[component]
pub fn PartUnavailable() -> impl IntoView {
    view! {
        <p role="alert">
            "Its part of Rapport did not arrive: the network may be down, or a new version \
             was published since this page opened. Your journal is safe; nothing was changed."
        </p>
        <p>
            <button type="button" on:click=|_| super::platform::reload()>
                "Reload Rapport"
            </button>
        </p>
    }
}
