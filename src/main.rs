//! Mounts the app; everything else lives in the library so tests can mount it too.

fn main() {
    // Panic messages in the console while developing; a release build leaves
    // the hook and its formatting out (1.3 KB of wasm).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(rapport::ui::App);
}
