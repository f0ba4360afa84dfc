//! Interactions: one contact with one or more people, and what it created.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::Id;

/// What kind of contact it was.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    Meeting,
    Call,
    Message,
    Meal,
    Networking,
    Social,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Meeting,
        Kind::Call,
        Kind::Message,
        Kind::Meal,
        Kind::Networking,
        Kind::Social,
        Kind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Meeting => "Meeting",
            Kind::Call => "Call",
            Kind::Message => "Message",
            Kind::Meal => "Coffee or meal",
            Kind::Networking => "Networking event",
            Kind::Social => "Social",
            Kind::Other => "Other",
        }
    }

    pub fn token(self) -> &'static str {
        match self {
            Kind::Meeting => "meeting",
            Kind::Call => "call",
            Kind::Message => "message",
            Kind::Meal => "meal",
            Kind::Networking => "networking",
            Kind::Social => "social",
            Kind::Other => "other",
        }
    }

    pub fn from_token(token: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.token() == token)
    }
}

/// Who came to rely on whom.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reliance {
    TheyRelyOnMe,
    IRelyOnThem,
    Both,
}

impl Reliance {
    pub const ALL: [Reliance; 3] = [Reliance::TheyRelyOnMe, Reliance::IRelyOnThem, Reliance::Both];

    pub fn label(self) -> &'static str {
        match self {
            Reliance::TheyRelyOnMe => "They rely on me",
            Reliance::IRelyOnThem => "I rely on them",
            Reliance::Both => "Both",
        }
    }

    pub fn token(self) -> &'static str {
        match self {
            Reliance::TheyRelyOnMe => "they_rely_on_me",
            Reliance::IRelyOnThem => "i_rely_on_them",
            Reliance::Both => "both",
        }
    }

    pub fn from_token(token: &str) -> Option<Reliance> {
        Reliance::ALL.into_iter().find(|r| r.token() == token)
    }
}

/// A dependency the interaction created, between the user and everyone in it.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Dependency {
    pub reliance: Reliance,
    pub what: String,
}

/// Who expects something of whom.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The other side expects something of the user: a promise to keep.
    TheyExpectOfMe,
    /// The user expects something of the other side.
    IExpectOfThem,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Direction::TheyExpectOfMe, Direction::IExpectOfThem];

    pub fn label(self) -> &'static str {
        match self {
            Direction::TheyExpectOfMe => "They expect it of me",
            Direction::IExpectOfThem => "I expect it of them",
        }
    }

    pub fn token(self) -> &'static str {
        match self {
            Direction::TheyExpectOfMe => "they_expect_of_me",
            Direction::IExpectOfThem => "i_expect_of_them",
        }
    }

    pub fn from_token(token: &str) -> Option<Direction> {
        Direction::ALL.into_iter().find(|d| d.token() == token)
    }
}

/// Where a follow-up stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUp {
    #[default]
    Open,
    Met,
    Missed,
}

impl FollowUp {
    pub fn label(self) -> &'static str {
        match self {
            FollowUp::Open => "Open",
            FollowUp::Met => "Met",
            FollowUp::Missed => "Missed",
        }
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: FollowUp,
    /// When it was marked met or missed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
}

/// One contact with one or more people.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Interaction {
    pub id: Id,
    /// Local wall-clock time, as the user entered it.
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
    /// Milliseconds since the Unix epoch of the last change.
    #[serde(default)]
    pub updated: i64,
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
