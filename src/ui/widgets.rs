//! Small pieces shared by several screens. Form fields are components with
//! plain signal props so every field of every form shares one copy of the
//! rendering code, and gets its label and message wiring right in one place.

use leptos::prelude::*;

use super::form::{Bound, Status};
use crate::model::{Standing, Tally};

/// The message under a field, announced with the field through
/// `aria-describedby`; renders nothing when there is no message.
#[component]
pub fn FieldMessage(id: String, message: Signal<Option<String>>) -> impl IntoView {
    move || message.get().map(|text| view! { <p class="field-error" id=id.clone()>{text}</p> })
}

/// A labelled `<input>` bound to `value`, with an optional hint and message.
#[component]
pub fn TextField(
    id: String,
    label: &'static str,
    #[prop(into)] value: Bound<String>,
    #[prop(optional)] error: Signal<Option<String>>,
    /// The input type: text, search, date, datetime-local.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    /// Takes the free width of its row.
    #[prop(optional)]
    grow: bool,
    /// Whole numbers only: shows a number keypad on phones.
    #[prop(optional)]
    numeric: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let ids: Vec<&str> = hint_id
                .as_deref()
                .into_iter()
                .chain(error.with(Option::is_some).then_some(error_id.as_str()))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:grow=grow class:narrow=numeric>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=kind
                bind:value=(value.value, value.set)
                placeholder=placeholder
                list=list
                inputmode=numeric.then_some("numeric")
                autocomplete="off"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
            />
            {hint.map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> })}
            <FieldMessage id=error_id message=error />
        </div>
    }
}

/// A labelled `<textarea>` bound to `value`.
#[component]
pub fn TextArea(id: String, label: &'static str, #[prop(into)] value: Bound<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea id=id rows="3" bind:value=(value.value, value.set)></textarea>
        </div>
    }
}

/// A labelled `<select>` of fixed options `(value, label)`, bound to the
/// selected value.
#[component]
pub fn SelectField(
    id: String,
    label: &'static str,
    #[prop(into)] value: Bound<String>,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id prop:value=move || value.value.get() on:change=move |ev| value.set.set(event_target_value(&ev))>
                {options
                    .into_iter()
                    .map(|(token, text)| view! { <option value=token selected={value.value.with_untracked(|v| v == token)}>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The `(value, label)` pairs of an enum's variants, for [`SelectField`].
pub fn options<T: Copy>(
    all: &[T],
    token: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|&v| (token(v), label(v))).collect()
}

/// A labelled `<select>` of choices that change with the journal (people,
/// chains), after a first "none" choice with the empty value.
#[component]
pub fn ChoiceField(
    id: String,
    label: &'static str,
    #[prop(into)] value: Bound<String>,
    /// The label of the empty choice, such as "Everyone".
    none: &'static str,
    #[prop(into)] choices: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id prop:value=move || value.value.get() on:change=move |ev| value.set.set(event_target_value(&ev))>
                <option value="">{none}</option>
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|(key, text)| {
                            let selected = value.value.with_untracked(|v| *v == key);
                            view! { <option value=key selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A checkbox with its label.
#[component]
pub fn CheckField(label: &'static str, #[prop(into)] checked: Bound<bool>) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" bind:checked=(checked.value, checked.set) />
            {label}
        </label>
    }
}

/// The outcome of the last action, announced to screen readers.
#[component]
pub fn StatusLine(status: RwSignal<Option<Status>>) -> impl IntoView {
    view! {
        <p class="status" role="status" class:bad=move || status.with(|s| s.as_ref().is_some_and(|s| !s.ok))>
            {move || status.with(|s| s.as_ref().map(|s| s.text.clone()))}
        </p>
    }
}

/// "Contact" or "Relationship", with the reason in words.
#[component]
pub fn StandingBadge(tally: Tally) -> impl IntoView {
    let standing = tally.standing();
    view! {
        <span class="standing" class:relationship={standing == Standing::Relationship}>
            <strong>{standing.label()}</strong>
            <span class="reason">{format!(" — {}", tally.reason())}</span>
        </span>
    }
}

/// Text made safe to place inside HTML markup or an attribute value.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
