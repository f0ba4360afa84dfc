//! People the user works with.

use serde::{Deserialize, Serialize};

use super::Id;
use super::mode::Mode;
use super::record::Rev;

choices! {
    /// Where a person stands relative to the user at work.
    #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
    pub enum Role as "role" {
        Superior => "superior", "Superior";
        Peer => "peer", "Peer";
        DirectReport => "direct_report", "Direct report";
        InternalClient => "internal_client", "Internal client";
        ExternalClient => "external_client", "External client";
        Supplier => "supplier", "Supplier";
        #[default]
        Other => "other", "Other";
    }
}

/// Someone the user interacts with.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Person {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organization: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default)]
    pub role: Role,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The relationship the user chooses with them (schema 3 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// The relationship as it is today, as the user sees it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode_now: Option<Mode>,
    /// What the user will and will not mix, in their words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub boundaries: String,
    /// Keep in touch at least every this many days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// Contact details, typed or imported from an address book (optional,
    /// so records written before them read as before, and a record without
    /// them is stored exactly as an older version wrote it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// Their LinkedIn page or website: `http://` or `https://`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub profile_url: String,
    /// The version of this record (see `model::record`).
    #[serde(default)]
    pub rev: Rev,
}

impl Person {
    /// A person known only by name, as created from the journal's "who" field.
    pub fn named(id: Id, name: &str) -> Person {
        Person {
            id,
            name: name.trim().to_owned(),
            organization: String::new(),
            title: String::new(),
            role: Role::Other,
            tags: Vec::new(),
            notes: String::new(),
            mode: None,
            mode_now: None,
            boundaries: String::new(),
            cadence_days: None,
            email: String::new(),
            phone: String::new(),
            profile_url: String::new(),
            rev: Rev::default(),
        }
    }
}

/// Splits a comma-separated tag field into clean, unique tags.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_tokens_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_token(role.token()), Some(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.token()));
        }
        assert_eq!(Role::from_token("boss"), None);
        let error = serde_json::from_str::<Role>("\"boss\"").unwrap_err().to_string();
        assert!(error.contains("“boss” is not a role"), "{error}");
    }

    #[test]
    fn tags_are_trimmed_and_deduplicated() {
        assert_eq!(parse_tags(" board, Mentor ,,board,mentor, x "), ["board", "Mentor", "x"]);
        assert!(parse_tags(" , ").is_empty());
    }

    #[test]
    fn a_person_decodes_with_only_id_and_name() {
        let person: Person = serde_json::from_str(r#"{"id":"a","name":"Ana"}"#).unwrap();
        assert_eq!(person.role, Role::Other);
        assert!(person.tags.is_empty());
        assert!(person.email.is_empty() && person.phone.is_empty() && person.profile_url.is_empty());
    }

    #[test]
    fn contact_details_are_stored_only_when_present() {
        let mut ana = Person::named(Id::from_raw(1), "Ana");
        let bare = serde_json::to_string(&ana).unwrap();
        assert!(!bare.contains("email") && !bare.contains("phone") && !bare.contains("profile_url"), "{bare}");
        ana.email = "ana@example.com".into();
        ana.profile_url = "https://example.com/ana".into();
        let json = serde_json::to_string(&ana).unwrap();
        assert!(json.contains(r#""email":"ana@example.com""#), "{json}");
        assert_eq!(serde_json::from_str::<Person>(&json).unwrap(), ana);
    }
}
