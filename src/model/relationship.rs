//! Contact or relationship: derived from the journal, never stored.
//!
//! The rule: a person is a *relationship* once there are at least two
//! interactions with them and at least one of those created a dependency or an
//! expectation that involves them. Everyone else is a *contact*.

use std::collections::HashMap;

use super::text::plural;
use super::{Id, Interaction};

/// The least number of interactions a relationship needs.
pub const MIN_INTERACTIONS: usize = 2;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Standing {
    Contact,
    Relationship,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::Contact => "Contact",
            Standing::Relationship => "Relationship",
        }
    }
}

/// What the journal shows about one person, with the standing it implies.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Tally {
    pub interactions: usize,
    /// When the latest interaction with the person took place.
    pub last: Option<chrono::NaiveDateTime>,
    /// Interactions that created a dependency involving the person.
    pub dependencies: usize,
    /// Interactions that created an expectation involving the person.
    pub expectations: usize,
    /// Interactions that created either (one that created both counts once).
    pub binding: usize,
}

impl Tally {
    pub fn add(&mut self, interaction: &Interaction, person: Id) {
        let dependency = interaction.dependency_with(person);
        let expectation = interaction.expectation_with(person);
        self.interactions += 1;
        self.last = self.last.max(Some(interaction.at));
        self.dependencies += usize::from(dependency);
        self.expectations += usize::from(expectation);
        self.binding += usize::from(dependency || expectation);
    }

    /// Adds `interaction` and says whether it is the one that turned the
    /// person from a contact into a relationship. The standing does not
    /// depend on the order interactions are added in, but the turning point
    /// does: add them oldest first to learn when it happened.
    pub fn add_and_check_turning(&mut self, interaction: &Interaction, person: Id) -> bool {
        let before = self.standing();
        self.add(interaction, person);
        before == Standing::Contact && self.standing() == Standing::Relationship
    }

    pub fn standing(&self) -> Standing {
        if self.interactions >= MIN_INTERACTIONS && self.binding >= 1 {
            Standing::Relationship
        } else {
            Standing::Contact
        }
    }

    /// The reason for the standing, in plain words.
    pub fn reason(&self) -> String {
        let count = plural(self.interactions, "interaction", "interactions");
        if self.interactions == 0 {
            return "No interactions yet".to_owned();
        }
        let created = match (self.dependencies, self.expectations) {
            (0, 0) => None,
            (d, 0) => Some(format!("{d} created a dependency")),
            (0, e) => Some(format!("{e} created an expectation")),
            (d, e) => Some(format!("{d} created a dependency, {e} an expectation")),
        };
        match (self.standing(), created) {
            (Standing::Relationship, Some(created)) => format!("{count}, {created}"),
            (_, Some(created)) => {
                format!("{count}, {created}; a relationship needs at least {MIN_INTERACTIONS}")
            }
            (_, None) => format!("{count}, none created a dependency or an expectation"),
        }
    }
}

/// Tallies every person met in `interactions`, in one pass.
pub fn tally_all<'a>(interactions: impl IntoIterator<Item = &'a Interaction>) -> HashMap<Id, Tally> {
    let mut tallies: HashMap<Id, Tally> = HashMap::new();
    for interaction in interactions {
        for &person in &interaction.people {
            tallies.entry(person).or_default().add(interaction, person);
        }
    }
    tallies
}

/// Tallies one person.
pub fn tally<'a>(interactions: impl IntoIterator<Item = &'a Interaction>, person: Id) -> Tally {
    let mut tally = Tally::default();
    for interaction in interactions.into_iter().filter(|i| i.involves(person)) {
        tally.add(interaction, person);
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{at, expecting, interaction, relying};
    use crate::model::{Direction, Reliance};

    const ANA: Id = Id::from_raw(1);
    const BO: Id = Id::from_raw(2);

    #[test]
    fn nobody_met_is_a_contact_with_no_interactions() {
        let t = tally([], ANA);
        assert_eq!(t.standing(), Standing::Contact);
        assert_eq!(t.reason(), "No interactions yet");
    }

    #[test]
    fn one_binding_interaction_is_not_enough() {
        let journal = [expecting(interaction(1, at(1), &[ANA]), Direction::TheyExpectOfMe, None)];
        let t = tally(&journal, ANA);
        assert_eq!(t.standing(), Standing::Contact);
        assert_eq!(t.reason(), "1 interaction, 1 created an expectation; a relationship needs at least 2");
    }

    #[test]
    fn many_interactions_that_created_nothing_stay_a_contact() {
        let journal: Vec<_> = (0..5).map(|n| interaction(n, at(n as u32 + 1), &[ANA])).collect();
        let t = tally(&journal, ANA);
        assert_eq!(t.standing(), Standing::Contact);
        assert_eq!(t.reason(), "5 interactions, none created a dependency or an expectation");
    }

    #[test]
    fn two_interactions_one_binding_make_a_relationship() {
        let journal = [interaction(1, at(1), &[ANA]), relying(interaction(2, at(2), &[ANA]), Reliance::IRelyOnThem)];
        let t = tally(&journal, ANA);
        assert_eq!(t.standing(), Standing::Relationship);
        assert_eq!(t.reason(), "2 interactions, 1 created a dependency");
    }

    #[test]
    fn the_reason_counts_dependencies_and_expectations_apart() {
        let journal = [
            interaction(1, at(1), &[ANA]),
            expecting(interaction(2, at(2), &[ANA]), Direction::IExpectOfThem, None),
            relying(expecting(interaction(3, at(3), &[ANA]), Direction::TheyExpectOfMe, None), Reliance::Both),
            interaction(4, at(4), &[ANA]),
        ];
        let t = tally(&journal, ANA);
        assert_eq!(t.binding, 2);
        assert_eq!(t.reason(), "4 interactions, 1 created a dependency, 2 an expectation");
    }

    #[test]
    fn an_expectation_aimed_at_someone_else_does_not_bind_a_bystander() {
        // A meeting with Ana and Bo where only Bo promised something.
        let journal = [
            interaction(1, at(1), &[ANA, BO]),
            expecting(interaction(2, at(2), &[ANA, BO]), Direction::IExpectOfThem, Some(BO)),
        ];
        assert_eq!(tally(&journal, ANA).standing(), Standing::Contact);
        assert_eq!(tally(&journal, BO).standing(), Standing::Relationship);
    }

    #[test]
    fn an_expectation_of_everyone_binds_everyone_present() {
        let journal = [
            interaction(1, at(1), &[ANA]),
            interaction(2, at(2), &[BO]),
            expecting(interaction(3, at(3), &[ANA, BO]), Direction::TheyExpectOfMe, None),
        ];
        let all = tally_all(&journal);
        assert_eq!(all[&ANA].standing(), Standing::Relationship);
        assert_eq!(all[&BO].standing(), Standing::Relationship);
    }

    #[test]
    fn the_turning_point_is_the_interaction_that_completes_the_rule() {
        // Oldest first: a coffee, a call that created a dependency (the
        // turning point), then a meeting that created an expectation.
        let journal = [
            interaction(1, at(1), &[ANA]),
            relying(interaction(2, at(2), &[ANA]), Reliance::TheyRelyOnMe),
            expecting(interaction(3, at(3), &[ANA]), Direction::IExpectOfThem, None),
        ];
        let mut t = Tally::default();
        let turned: Vec<bool> = journal.iter().map(|i| t.add_and_check_turning(i, ANA)).collect();
        assert_eq!(turned, [false, true, false]);
        // A binding first interaction waits for the second one to turn.
        let binding_first = [relying(interaction(1, at(1), &[BO]), Reliance::Both), interaction(2, at(2), &[BO])];
        let mut t = Tally::default();
        let turned: Vec<bool> = binding_first.iter().map(|i| t.add_and_check_turning(i, BO)).collect();
        assert_eq!(turned, [false, true]);
    }

    #[test]
    fn binding_interactions_without_the_person_do_not_count() {
        let journal = [
            interaction(1, at(1), &[ANA]),
            interaction(2, at(2), &[ANA]),
            relying(interaction(3, at(3), &[BO]), Reliance::TheyRelyOnMe),
        ];
        assert_eq!(tally(&journal, ANA).standing(), Standing::Contact);
        assert_eq!(tally_all(&journal)[&ANA], tally(&journal, ANA));
    }
}
