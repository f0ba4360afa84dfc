//! The few browser facilities the UI needs, each wrapped so a failure is a
//! value (or a harmless no-op), never a panic.

use chrono::{NaiveDateTime, Timelike};
use wasm_bindgen::JsCast;

use crate::model::Id;

/// Local wall-clock time now, to the minute.
pub fn now() -> NaiveDateTime {
    let now = chrono::Local::now().naive_local();
    now.date().and_hms_opt(now.hour(), now.minute(), 0).unwrap_or(now)
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A fresh random id. `Math.random` is plenty: ids only need to differ
/// within one person's journal.
pub fn new_id() -> Id {
    let half = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    Id::from_raw((half() << 32) | half())
}

thread_local! {
    static BASE: String = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname().trim_end_matches('/').to_owned())
        .unwrap_or_default();
}

/// The path the app is served under, from the page's `<base href>` (Trunk's
/// `public_url`): "" at the root, "/rapport" on GitHub Pages.
pub fn router_base() -> String {
    BASE.with(Clone::clone)
}

/// The address of an app path such as "/people", under the base.
///
/// The router's `<A>` leaves absolute paths as they are, and resolves relative
/// ones against the current route; prefixing the base ourselves is the one
/// way a link means the same thing on every page.
pub fn href(path: &str) -> String {
    BASE.with(|base| format!("{base}{path}"))
}

pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{title} · Rapport"));
    }
}

/// Offers `content` as a file download; returns false if the browser refused.
pub fn download(file_name: &str, content: &str, mime: &str) -> bool {
    let result = (|| -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = web_sys::window()?.document()?;
        let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Some(())
    })();
    result.is_some()
}

/// A file name safe on every system, from a storage key.
pub fn file_name_for(key: &str) -> String {
    let safe: String = key.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("{safe}.txt")
}

/// The page's element with `id`, if there is one.
fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id))
}

/// Whether the page has an element with `id`.
pub fn element_exists(id: &str) -> bool {
    element(id).is_some()
}

/// Removes the element with `id`, if it exists (index.html's "Opening your
/// journal…", painted before the wasm arrives).
pub fn remove_element(id: &str) {
    if let Some(element) = element(id) {
        element.remove();
    }
}

/// Moves keyboard focus to the element with `id`, if it exists.
pub fn focus(id: &str) {
    if let Some(element) = element(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Focuses the element with `id` once it is on the page: a screen whose
/// code arrives on demand renders a moment after the navigation (seconds,
/// the first time on a slow network). Gives up after ten seconds.
pub fn focus_when_shown(id: &'static str) {
    fn attempt(id: &'static str, deadline: i64) {
        if element_exists(id) {
            focus(id);
        } else if now_ms() < deadline {
            leptos::prelude::request_animation_frame(move || attempt(id, deadline));
        }
    }
    attempt(id, now_ms() + 10_000);
}

/// Copies `text` to the clipboard, then calls `done` with whether it worked
/// (browsers allow it only on secure pages, after a user's click).
pub fn copy_text(text: String, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else { return done(false) };
    let clipboard = window.navigator().clipboard();
    // `navigator.clipboard` is missing on insecure pages.
    if clipboard.is_undefined() {
        return done(false);
    }
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Loads the page again (the newest version, when one was published).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Opens the browser's print dialog (and "Save as PDF").
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Asks the browser to keep this site's storage even when the device runs
/// short of space (`navigator.storage.persist()`). The browser decides on
/// its own (Chromium by how the site is used, Firefox may ask the user); a
/// browser without the API is left alone.
pub fn ask_persistent_storage() {
    leptos::task::spawn_local(async {
        let _ = storage_manager(web_sys::StorageManager::persist).await;
    });
}

/// Whether the browser has promised to keep this site's storage; None where
/// it cannot say.
pub async fn storage_persisted() -> Option<bool> {
    storage_manager(web_sys::StorageManager::persisted).await
}

async fn storage_manager(
    call: fn(&web_sys::StorageManager) -> Result<js_sys::Promise, wasm_bindgen::JsValue>,
) -> Option<bool> {
    let navigator = web_sys::window()?.navigator();
    // Missing on insecure pages and in older browsers.
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok().filter(|s| !s.is_undefined())?;
    let promise = call(storage.unchecked_ref()).ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_bool()
}

/// The text of a file the user chose or dropped, or a message if the
/// browser cannot read it.
pub async fn read_file(file: &web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| format!("The browser could not read “{}”. Choose the file again.", file.name()))?;
    text.as_string().ok_or_else(|| format!("The browser could not read “{}” as text.", file.name()))
}

/// The bytes of a file the user chose or dropped (an import finds their
/// encoding itself), or a message if the browser cannot read it.
pub async fn read_file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("The browser could not read “{}”. Choose the file again.", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Resolves once the browser has painted what changed so far, so a
/// progress message shows before a long step starts.
pub async fn next_paint() {
    let Some(window) = web_sys::window() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        // A timeout set from an animation frame runs after that frame's paint.
        let later = resolve.clone();
        let after_paint = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(&later);
            }
        });
        if window.request_animation_frame(after_paint.unchecked_ref()).is_err() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
