//! Screens whose code arrives when they are first opened.
//!
//! With the `split` feature (the Trunk build turns it on in `index.html`),
//! each screen but Home is a split point: the linker wrapper
//! (`scripts/wasm-split-link.sh`) moves its code into the wasm chunk named
//! at the route, fetched on first use, so a first visit downloads the frame
//! and Home only. Without it (the wasm tests, native builds) the same
//! routes render at once.

use leptos::prelude::*;

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

/// What a screen shows when its code could not be fetched.
#[component]
pub fn ScreenUnavailable() -> impl IntoView {
    super::platform::set_title("Screen unavailable");
    view! {
        <h1>"This screen could not be opened"</h1>
        <PartUnavailable />
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
