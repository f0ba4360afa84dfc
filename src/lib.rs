//! Rapport: a private journal of working relationships that lives in the browser.
//!
//! `model` holds the domain rules (pure Rust), `store` the persistence behind one
//! interface, and `ui` the Leptos components that show them.

pub mod model;
pub mod serial;
pub mod store;
pub mod ui;
