//! Small pieces shared by several screens.

use leptos::prelude::*;

use crate::model::{Standing, Tally};

/// The message under a field, announced with the field through
/// `aria-describedby`; renders nothing when there is no message.
#[component]
pub fn FieldMessage(id: String, message: Signal<Option<String>>) -> impl IntoView {
    move || message.get().map(|text| view! { <p class="field-error" id=id.clone()>{text}</p> })
}

/// "Contact" or "Relationship", with the reason in words.
#[component]
pub fn StandingBadge(tally: Tally) -> impl IntoView {
    let standing = tally.standing();
    view! {
        <span class="standing" class:relationship=standing == Standing::Relationship>
            <strong>{standing.label()}</strong>
            <span class="reason">{format!(" — {}", tally.reason())}</span>
        </span>
    }
}


/// 25000 → "25,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
