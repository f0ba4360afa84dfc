//! A file to open, by the picker or dropped on the zone around it: one
//! widget for the backup and the contacts import.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The labelled file input inside a drop zone; `open` gets the file chosen
/// or dropped (the first one, if several are dropped).
#[component]
pub fn FileDrop(
    id: &'static str,
    label: &'static str,
    accept: &'static str,
    hint: &'static str,
    open: Callback<web_sys::File>,
) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let picked = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|files| files.get(0)) {
            open.run(file);
        }
        // The same file can be chosen again after it changed.
        if let Some(input) = input {
            input.set_value("");
        }
    };
    let dropped = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|files| files.get(0)) {
            open.run(file);
        }
    };
    view! {
        <div
            class="drop-zone"
            class:dragging=dragging
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=dropped
        >
            <label for=id>{label}</label>
            <input id=id type="file" accept=accept on:change=picked />
            <p class="hint">{hint}</p>
        </div>
    }
}
