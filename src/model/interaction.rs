//! Interactions: one contact with one or more people, and what it created.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::Id;
use super::record::Rev;

choices! {
    /// What kind of contact it was.
    #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
    pub enum Kind as "kind of interaction" {
        #[default]
        Meeting => "meeting", "Meeting";
        Call => "call", "Call";
        Message => "message", "Message";
        Meal => "meal", "Coffee or meal";
        Networking => "networking", "Networking event";
        Social => "social", "Social";
        Other => "other", "Other";
    }
}

choices! {
    /// Who came to rely on whom.
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum Reliance as "kind of dependency" {
        TheyRelyOnMe => "they_rely_on_me", "They rely on me";
        IRelyOnThem => "i_rely_on_them", "I rely on them";
        Both => "both", "Both";
    }
}

/// A dependency the interaction created, between the user and everyone in it.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Dependency {
    pub reliance: Reliance,
    pub what: String,
}

choices! {
    /// Who expects something of whom.
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum Direction as "direction of an expectation" {
        /// The other side expects something of the user: a promise to keep.
        TheyExpectOfMe => "they_expect_of_me", "They expect it of me";
        /// The user expects something of the other side.
        IExpectOfThem => "i_expect_of_them", "I expect it of them";
    }
}

choices! {
    /// Where a follow-up stands.
    #[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
    pub enum FollowUp as "follow-up status" {
        #[default]
        Open => "open", "Open";
        Met => "met", "Met";
        Missed => "missed", "Missed";
    }
}

/// An expectation the interaction created; it is followed up until met or missed.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Expectation {
    pub what: String,
    pub direction: Direction,
    /// The one person it concerns; `None` means everyone in the interaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Id>,
    #[serde(default, with = "super::time::optional_date", skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: FollowUp,
    /// When it was marked met or missed.
    #[serde(default, with = "super::time::optional_date", skip_serializing_if = "Option::is_none")]
    pub settled: Option<NaiveDate>,
}

impl Expectation {
    /// Whether this expectation concerns `person`, one of the interaction's people.
    pub fn involves(&self, person: Id) -> bool {
        self.person.is_none_or(|p| p == person)
    }

    pub fn is_open(&self) -> bool {
        self.status == FollowUp::Open
    }

    /// Marks it met, missed, or open again on `today`: a settled expectation
    /// remembers when, a reopened one forgets it.
    pub fn settle(&mut self, status: FollowUp, today: NaiveDate) {
        self.status = status;
        self.settled = (status != FollowUp::Open).then_some(today);
    }
}

choices! {
    /// Who started the contact.
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum Initiator as "initiator" {
        Me => "me", "I did";
        Them => "them", "They did";
    }
}

/// One contact with one or more people.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Interaction {
    pub id: Id,
    /// Local wall-clock time to the minute, as the user entered it.
    #[serde(with = "super::time::minute")]
    pub at: NaiveDateTime,
    pub people: Vec<Id>,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependency: Option<Dependency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expectation: Option<Expectation>,
    /// Who reached out, where the user recorded it (schema 2 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiated_by: Option<Initiator>,
    /// The version of this record (see `model::record`).
    #[serde(default)]
    pub rev: Rev,
}

impl Interaction {
    pub fn involves(&self, person: Id) -> bool {
        self.people.contains(&person)
    }

    pub fn date(&self) -> NaiveDate {
        self.at.date()
    }

    /// Whether it created a dependency that concerns `person`.
    pub fn dependency_with(&self, person: Id) -> bool {
        self.dependency.is_some() && self.involves(person)
    }

    /// Whether it created an expectation that concerns `person`.
    pub fn expectation_with(&self, person: Id) -> bool {
        self.involves(person) && self.expectation.as_ref().is_some_and(|e| e.involves(person))
    }
}

/// How an expectation reads in a list:
/// "Ana expects of me: the deck (due 3 Apr 2026) — met".
pub fn describe_expectation(e: &Expectation, name_of: impl Fn(Id) -> String) -> String {
    let who = match (e.direction, e.person.map(name_of)) {
        (Direction::TheyExpectOfMe, Some(name)) => format!("{name} expects of me"),
        (Direction::TheyExpectOfMe, None) => "They expect of me".to_owned(),
        (Direction::IExpectOfThem, Some(name)) => format!("I expect of {name}"),
        (Direction::IExpectOfThem, None) => "I expect of them".to_owned(),
    };
    let due = e.due.map(|d| format!(" (due {})", super::time::short_date(d))).unwrap_or_default();
    let status = match e.status {
        FollowUp::Open => String::new(),
        settled => format!(" — {}", settled.label().to_lowercase()),
    };
    format!("{who}: {}{due}{status}", e.what)
}

/// How a dependency reads in a list: "I rely on them: the budget figures".
pub fn describe_dependency(d: &Dependency) -> String {
    format!("{}: {}", d.reliance.label(), d.what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settling_records_the_day_and_reopening_forgets_it() {
        let mut e = Expectation {
            what: "the deck".into(),
            direction: Direction::TheyExpectOfMe,
            person: None,
            due: None,
            status: FollowUp::Open,
            settled: None,
        };
        let today = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        e.settle(FollowUp::Met, today);
        assert_eq!((e.status, e.settled), (FollowUp::Met, Some(today)));
        e.settle(FollowUp::Missed, today);
        assert_eq!((e.status, e.settled), (FollowUp::Missed, Some(today)));
        e.settle(FollowUp::Open, today);
        assert_eq!((e.status, e.settled, e.is_open()), (FollowUp::Open, None, true));
    }

    fn expectation(direction: Direction, person: Option<Id>) -> Expectation {
        Expectation { what: "the deck".into(), direction, person, due: None, status: FollowUp::Open, settled: None }
    }

    #[test]
    fn expectations_read_as_sentences() {
        let name = |_| "Ana".to_owned();
        let mut e = expectation(Direction::TheyExpectOfMe, None);
        assert_eq!(describe_expectation(&e, name), "They expect of me: the deck");
        e.due = NaiveDate::from_ymd_opt(2026, 4, 3);
        e.status = FollowUp::Met;
        e.person = Some(Id::from_raw(1));
        assert_eq!(describe_expectation(&e, name), "Ana expects of me: the deck (due 3 Apr 2026) — met");
        let mine = expectation(Direction::IExpectOfThem, Some(Id::from_raw(1)));
        assert_eq!(describe_expectation(&mine, name), "I expect of Ana: the deck");
        assert_eq!(
            describe_expectation(&expectation(Direction::IExpectOfThem, None), name),
            "I expect of them: the deck"
        );
    }

    #[test]
    fn enums_are_stored_by_token() {
        for kind in Kind::ALL {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.token()));
            assert_eq!(serde_json::from_str::<Kind>(&format!("\"{}\"", kind.token())).unwrap(), kind);
        }
        for status in FollowUp::ALL {
            assert_eq!(FollowUp::from_token(status.token()), Some(status));
        }
        assert!(serde_json::from_str::<Reliance>("\"always\"").is_err());
        assert!(serde_json::from_str::<Direction>("3").is_err());
    }

    #[test]
    fn an_expectation_for_everyone_involves_everyone() {
        let all = expectation(Direction::IExpectOfThem, None);
        assert!(all.involves(Id::from_raw(5)));
        let one = expectation(Direction::IExpectOfThem, Some(Id::from_raw(1)));
        assert!(one.involves(Id::from_raw(1)) && !one.involves(Id::from_raw(5)));
    }
}
