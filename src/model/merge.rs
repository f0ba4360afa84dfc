//! Merging two versions of one record field by field: when a save is
//! refused because another tab changed the record, the user sees each field
//! the two versions disagree on and picks a side.
//!
//! Works on any kind through its JSON form, so a new kind needs nothing
//! here; [`label`] only makes a few field names read better.

use serde_json::{Map, Value};

/// A field on which this tab's version and the stored one differ.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDiff {
    /// The field's name in the record.
    pub name: String,
    pub label: String,
    pub mine: String,
    pub theirs: String,
    /// The side proposed: this tab's, unless only the other side changed
    /// the field since the version both started from.
    pub take_mine: bool,
}

/// The fields `mine` and `theirs` disagree on (revision and id aside), in
/// the record's order. `base` is the version this tab's edit started from.
pub fn differing_fields(base: Option<&Value>, mine: &Value, theirs: &Value) -> Vec<FieldDiff> {
    let empty = Map::new();
    let (mine_fields, their_fields) = (mine.as_object().unwrap_or(&empty), theirs.as_object().unwrap_or(&empty));
    let mut names: Vec<&String> = mine_fields.keys().collect();
    names.extend(their_fields.keys().filter(|k| !mine_fields.contains_key(*k)));
    names
        .into_iter()
        .filter(|name| !matches!(name.as_str(), "rev" | "id"))
        .filter_map(|name| {
            let (m, t) = (mine_fields.get(name), their_fields.get(name));
            if m == t {
                return None;
            }
            let b = base.and_then(|b| b.get(name));
            Some(FieldDiff {
                name: name.clone(),
                label: label(name),
                mine: show(m),
                theirs: show(t),
                take_mine: base.is_none() || m != b,
            })
        })
        .collect()
}

/// `theirs` with the fields the user chose from `mine`. The result keeps
/// the stored version's revision, so saving it is based on that version.
pub fn combine(mine: &Value, theirs: &Value, take_mine: &[&str]) -> Value {
    let mut merged = theirs.clone();
    if let (Some(out), Some(mine)) = (merged.as_object_mut(), mine.as_object()) {
        for name in take_mine {
            match mine.get(*name) {
                Some(value) => out.insert((*name).to_owned(), value.clone()),
                None => out.remove(*name),
            };
        }
    }
    merged
}

/// A field's name as a person reads it: "cadence_days" → "Cadence days".
pub fn label(name: &str) -> String {
    match name {
        "my_role" => "Your role".to_owned(),
        "mode" => "Chosen relationship".to_owned(),
        "mode_now" => "Relationship today".to_owned(),
        "cadence_days" => "Keep in touch every (days)".to_owned(),
        "profile_url" => "Profile URL".to_owned(),
        "exceed" => "How you will exceed it".to_owned(),
        "expects" => "What they expect".to_owned(),
        _ => super::capitalise(&name.replace('_', " ")),
    }
}

/// A field's value as text: lists joined, a chain's links by their roles.
fn show(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "(empty)".to_owned(),
        Some(Value::String(text)) if text.is_empty() => "(empty)".to_owned(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(items)) if items.is_empty() => "(empty)".to_owned(),
        Some(Value::Array(items)) if items.iter().all(|i| i.get("role").is_some()) => {
            items.iter().map(|i| show(i.get("role"))).collect::<Vec<_>>().join(" → ")
        }
        Some(Value::Array(items)) => items.iter().map(|i| show(Some(i))).collect::<Vec<_>>().join(", "),
        Some(other) => crate::serial::get().value_to_json(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_differing_fields_are_offered_with_the_side_that_changed_proposed() {
        let base = json!({"id": "a", "name": "Ana", "organization": "Acme", "title": "CTO", "rev": "1.0.0"});
        let mine = json!({"id": "a", "name": "Ana Lima", "organization": "Acme", "title": "CTO", "rev": "1.0.0"});
        let theirs = json!({"id": "a", "name": "Ana", "organization": "Globex", "rev": "2.0.1"});
        let diffs = differing_fields(Some(&base), &mine, &theirs);
        let summary: Vec<_> =
            diffs.iter().map(|d| (d.name.as_str(), d.mine.as_str(), d.theirs.as_str(), d.take_mine)).collect();
        assert_eq!(
            summary,
            [
                ("name", "Ana Lima", "Ana", true),
                ("organization", "Acme", "Globex", false),
                ("title", "CTO", "(empty)", false),
            ]
        );
        assert_eq!(diffs[0].label, "Name");
    }

    #[test]
    fn both_sides_changing_a_field_proposes_mine_and_without_a_base_everything_is_mine() {
        let base = json!({"notes": "a"});
        let diffs = differing_fields(Some(&base), &json!({"notes": "b"}), &json!({"notes": "c"}));
        assert!(diffs[0].take_mine);
        let diffs = differing_fields(None, &json!({"notes": "b"}), &json!({"notes": "c"}));
        assert!(diffs[0].take_mine);
    }

    #[test]
    fn combining_keeps_their_revision_and_takes_the_chosen_fields_from_mine() {
        let mine = json!({"id": "a", "name": "Ana Lima", "title": "CTO", "rev": "1.0.0"});
        let theirs = json!({"id": "a", "name": "Ana", "organization": "Globex", "rev": "2.0.1"});
        let merged = combine(&mine, &theirs, &["name", "organization"]);
        assert_eq!(merged, json!({"id": "a", "name": "Ana Lima", "rev": "2.0.1"}));
    }

    #[test]
    fn values_read_as_text() {
        assert_eq!(show(Some(&json!(["a", "b"]))), "a, b");
        assert_eq!(show(Some(&json!([{"role": "Broker"}, {"role": "Client"}]))), "Broker → Client");
        assert_eq!(show(Some(&json!(14))), "14");
        assert_eq!(show(Some(&json!(""))), "(empty)");
        assert_eq!(label("cadence_days"), "Keep in touch every (days)");
        assert_eq!(label("profile_url"), "Profile URL");
        assert_eq!(label("organization"), "Organization");
    }
}
