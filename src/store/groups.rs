//! The kinds of record kept as one group under one key each (interactions,
//! the one kind that grows without bound, are kept one month per key).

use crate::model::assessment::Assessment;
use crate::model::career::CareerEntry;
use crate::model::chain::Chain;
use crate::model::review::{Review, Settings};
use crate::model::task::Task;
use crate::model::{Journal, Person};

use super::schema::Collection;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Group {
    People,
    Assessments,
    Chains,
    Tasks,
    Career,
    Reviews,
    Settings,
}

impl Group {
    pub const ALL: [Group; 7] = [
        Group::People,
        Group::Assessments,
        Group::Chains,
        Group::Tasks,
        Group::Career,
        Group::Reviews,
        Group::Settings,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Group::People => super::PEOPLE_KEY,
            Group::Assessments => "rapport:assessments",
            Group::Chains => "rapport:chains",
            Group::Tasks => "rapport:tasks",
            Group::Career => "rapport:career",
            Group::Reviews => "rapport:reviews",
            Group::Settings => "rapport:settings",
        }
    }

    pub fn from_key(key: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.key() == key)
    }

    pub fn collection(self) -> Collection {
        Collection::Group(self)
    }

    /// How a message names it.
    pub fn describe(self) -> &'static str {
        match self {
            Group::People => "the list of people",
            Group::Assessments => "your self-assessments",
            Group::Chains => "your service chains",
            Group::Tasks => "your tasks",
            Group::Career => "the entries of your career file",
            Group::Reviews => "your reviews",
            Group::Settings => "your settings",
        }
    }
}

/// The records of one group, as read from storage.
#[derive(Debug, PartialEq)]
pub enum Records {
    People(Vec<Person>),
    Assessments(Vec<Assessment>),
    Chains(Vec<Chain>),
    Tasks(Vec<Task>),
    Career(Vec<CareerEntry>),
    Reviews(Vec<Review>),
    Settings(Vec<Settings>),
}

impl Records {
    /// No records of `group`.
    pub fn none(group: Group) -> Records {
        match group {
            Group::People => Records::People(Vec::new()),
            Group::Assessments => Records::Assessments(Vec::new()),
            Group::Chains => Records::Chains(Vec::new()),
            Group::Tasks => Records::Tasks(Vec::new()),
            Group::Career => Records::Career(Vec::new()),
            Group::Reviews => Records::Reviews(Vec::new()),
            Group::Settings => Records::Settings(Vec::new()),
        }
    }

    /// Makes the journal hold exactly these records of their kind.
    pub fn apply_to(self, journal: &mut Journal) {
        match self {
            Records::People(people) => journal.replace_people(people),
            Records::Assessments(list) => journal.replace_assessments(list),
            Records::Chains(chains) => journal.replace_chains(chains),
            Records::Tasks(tasks) => journal.replace_tasks(tasks),
            Records::Career(entries) => journal.replace_career_entries(entries),
            Records::Reviews(reviews) => journal.replace_reviews(reviews),
            // One record; none stored means the defaults.
            Records::Settings(settings) => journal.set_settings(settings.into_iter().next().unwrap_or_default()),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Records::People(r) => r.len(),
            Records::Assessments(r) => r.len(),
            Records::Chains(r) => r.len(),
            Records::Tasks(r) => r.len(),
            Records::Career(r) => r.len(),
            Records::Reviews(r) => r.len(),
            Records::Settings(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
