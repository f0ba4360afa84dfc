//! Keyboard shortcuts: `n` to log an interaction, `/` to search, `?` for the
//! list. None fires while the user is typing in a field, or with a modifier
//! key held (those belong to the browser and to screen readers).

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use super::platform::{element_exists, focus, focus_when_shown};

/// What a shortcut does.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shortcut {
    /// Focus the quick-add (Home), or the add form (Journal).
    NewInteraction,
    /// Focus the journal's search.
    Search,
    /// Open the list of shortcuts.
    Help,
}

/// Every shortcut with its key, as the list shows them.
pub const SHORTCUTS: [(&str, &str); 3] =
    [("n", "Log a new interaction"), ("/", "Search the journal"), ("?", "Show these shortcuts")];

/// The shortcut a key press stands for. `typing` is true when the focus is in
/// a text field, a select or an editable element; `modified` when Ctrl, Alt
/// or Meta is held (Shift is how `?` is typed).
pub fn shortcut_for(key: &str, typing: bool, modified: bool) -> Option<Shortcut> {
    if typing || modified {
        return None;
    }
    match key {
        "n" | "N" => Some(Shortcut::NewInteraction),
        "/" => Some(Shortcut::Search),
        "?" => Some(Shortcut::Help),
        _ => None,
    }
}

/// Whether the key press happened in something the user types into.
fn typing_in(event: &KeyboardEvent) -> bool {
    let Some(element) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return false };
    let tag = element.tag_name().to_ascii_lowercase();
    let editable = element.get_attribute("contenteditable").is_some_and(|v| v != "false");
    editable || matches!(tag.as_str(), "input" | "textarea" | "select")
}

/// The element ids each shortcut focuses, first found wins, and the page to
/// open when none is on screen.
fn targets(shortcut: Shortcut) -> (&'static [&'static str], &'static str) {
    match shortcut {
        Shortcut::NewInteraction => (&["quick-who", "add-who"], "/"),
        Shortcut::Search => (&["search"], "/journal"),
        Shortcut::Help => (&[], ""),
    }
}

/// Listens for the shortcuts on the whole page; mount once, inside the router.
#[component]
pub fn Shortcuts() -> impl IntoView {
    let navigate = use_navigate();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let handle = move |event: KeyboardEvent| {
        let modified = event.ctrl_key() || event.alt_key() || event.meta_key();
        let Some(shortcut) = shortcut_for(&event.key(), typing_in(&event), modified) else { return };
        event.prevent_default();
        if shortcut == Shortcut::Help {
            if let Some(dialog) = dialog.get_untracked() {
                let _ = dialog.show_modal();
            }
            return;
        }
        let (ids, page) = targets(shortcut);
        match ids.iter().find(|id| element_exists(id)) {
            Some(id) => focus(id),
            None => {
                // The router adds its base to the path itself.
                navigate(page, NavigateOptions::default());
                focus_when_shown(ids[0]);
            }
        }
    };
    let listener = window_event_listener(leptos::ev::keydown, handle);
    on_cleanup(move || listener.remove());
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    view! {
        <dialog node_ref=dialog class="shortcuts" aria-labelledby="shortcuts-heading">
            <h2 id="shortcuts-heading">"Keyboard shortcuts"</h2>
            <dl>
                {SHORTCUTS.map(|(key, what)| view! { <dt><kbd>{key}</kbd></dt><dd>{what}</dd> })}
            </dl>
            <p class="hint">"They work anywhere except while you type in a field."</p>
            <button type="button" on:click=close>"Close"</button>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_stands_for_its_shortcut() {
        assert_eq!(shortcut_for("n", false, false), Some(Shortcut::NewInteraction));
        assert_eq!(shortcut_for("N", false, false), Some(Shortcut::NewInteraction), "caps lock on");
        assert_eq!(shortcut_for("/", false, false), Some(Shortcut::Search));
        assert_eq!(shortcut_for("?", false, false), Some(Shortcut::Help));
        assert_eq!(shortcut_for("x", false, false), None);
        assert_eq!(shortcut_for("Enter", false, false), None);
    }

    #[test]
    fn none_fires_while_typing_or_with_a_modifier_held() {
        for key in ["n", "/", "?"] {
            assert_eq!(shortcut_for(key, true, false), None, "typing {key}");
            assert_eq!(shortcut_for(key, false, true), None, "Ctrl+{key}");
        }
    }

    #[test]
    fn the_list_names_every_shortcut_once() {
        let keys: Vec<_> = SHORTCUTS.iter().map(|(key, _)| shortcut_for(key, false, false)).collect();
        assert_eq!(keys, [Some(Shortcut::NewInteraction), Some(Shortcut::Search), Some(Shortcut::Help)]);
    }
}
