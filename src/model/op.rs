//! A change to the journal, as one value: applied to memory at once, handed
//! to the store to save, and kept for a retry when saving fails.

use super::assessment::Assessment;
use super::career::CareerEntry;
use super::chain::Chain;
use super::review::{Review, Settings};
use super::task::Task;
use super::{Id, Interaction, Journal, Person};

#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// A new or edited interaction, with the people it introduces;
    /// `previous` is the copy it replaces.
    PutInteraction {
        record: Interaction,
        new_people: Vec<Person>,
        previous: Option<Interaction>,
    },
    DeleteInteraction(Interaction),
    PutPerson(Person),
    DeletePerson(Id),
    PutAssessment(Assessment),
    DeleteAssessment(Id),
    PutChain(Chain),
    DeleteChain(Id),
    PutTask(Task),
    DeleteTask(Id),
    PutCareerEntry(CareerEntry),
    DeleteCareerEntry(Id),
    PutReview(Review),
    DeleteReview(Id),
    PutSettings(Settings),
}

impl Op {
    pub fn apply_to(&self, journal: &mut Journal) {
        match self {
            Op::PutInteraction { record, new_people, .. } => {
                for person in new_people {
                    journal.upsert_person(person.clone());
                }
                journal.upsert_interaction(record.clone());
            }
            Op::DeleteInteraction(record) => {
                journal.remove_interaction(record.id);
            }
            Op::PutPerson(person) => journal.upsert_person(person.clone()),
            Op::DeletePerson(id) => {
                journal.remove_person(*id);
            }
            Op::PutAssessment(assessment) => journal.upsert_assessment(assessment.clone()),
            Op::DeleteAssessment(id) => {
                journal.remove_assessment(*id);
            }
            Op::PutChain(chain) => journal.upsert_chain(chain.clone()),
            Op::DeleteChain(id) => journal.remove_chain(*id),
            Op::PutTask(task) => journal.upsert_task(task.clone()),
            Op::DeleteTask(id) => journal.remove_task(*id),
            Op::PutCareerEntry(entry) => journal.upsert_career_entry(entry.clone()),
            Op::DeleteCareerEntry(id) => journal.remove_career_entry(*id),
            Op::PutReview(review) => journal.upsert_review(review.clone()),
            Op::DeleteReview(id) => journal.remove_review(*id),
            Op::PutSettings(settings) => journal.set_settings(settings.clone()),
        }
    }

    /// Names what the change is about, for a message such as "Not saved: …".
    pub fn describe(&self, journal: &Journal) -> String {
        match self {
            // The people it introduces are not in the journal yet.
            Op::PutInteraction { record, new_people, .. } => describe_with(record, |id| {
                new_people.iter().find(|p| p.id == id).map_or_else(|| journal.name_of(id), |p| &p.name).to_owned()
            }),
            Op::DeleteInteraction(record) => format!("the deletion of {}", describe_interaction(record, journal)),
            Op::PutPerson(person) => format!("the details of {}", person.name),
            Op::DeletePerson(id) => format!("the removal of {}", journal.name_of(*id)),
            Op::PutAssessment(a) => format!("the self-assessment of {}", super::time::short_date(a.at.date())),
            Op::PutChain(chain) => format!("the chain “{}”", chain.name),
            Op::DeleteChain(id) => {
                format!("the deletion of the chain “{}”", journal.chain(*id).map_or("", |c| c.name.as_str()))
            }
            Op::PutTask(task) => format!("the task “{}”", task.title),
            Op::DeleteTask(id) => {
                format!("the deletion of the task “{}”", journal.task(*id).map_or("", |t| t.title.as_str()))
            }
            Op::PutCareerEntry(entry) => {
                format!("the career file entry of {}", super::time::short_date(entry.date))
            }
            Op::DeleteCareerEntry(_) => "the deletion of a career file entry".to_owned(),
            Op::PutReview(review) => format!("the review started on {}", super::time::short_date(review.started)),
            Op::DeleteReview(_) => "the deletion of a review".to_owned(),
            Op::PutSettings(_) => "the review settings".to_owned(),
            Op::DeleteAssessment(id) => match journal.assessment(*id) {
                Some(a) => format!("the deletion of the self-assessment of {}", super::time::short_date(a.at.date())),
                None => "the deletion of a self-assessment".to_owned(),
            },
        }
    }
}

/// "the call with Ana Lima and Bo on 5 Mar 2026"
pub fn describe_interaction(record: &Interaction, journal: &Journal) -> String {
    describe_with(record, |id| journal.name_of(id).to_owned())
}

fn describe_with(record: &Interaction, name_of: impl Fn(Id) -> String) -> String {
    let names: Vec<String> = record.people.iter().map(|&p| name_of(p)).collect();
    let with = match names.as_slice() {
        [] => String::new(),
        [one] => format!(" with {one}"),
        [rest @ .., last] => format!(" with {} and {last}", rest.join(", ")),
    };
    format!("the {}{with} on {}", record.kind.label().to_lowercase(), super::time::short_date(record.date()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{at, interaction};

    #[test]
    fn applying_ops_changes_the_journal_as_described() {
        let ana = Person::named(Id::from_raw(1), "Ana", 0);
        let bo = Person::named(Id::from_raw(2), "Bo", 0);
        let mut journal = Journal::default();
        let record = interaction(9, at(5), &[ana.id, bo.id]);
        let put = Op::PutInteraction { record: record.clone(), new_people: vec![ana.clone(), bo], previous: None };
        assert_eq!(put.describe(&journal), "the meeting with Ana and Bo on 5 Mar 2026", "before it is applied");
        put.apply_to(&mut journal);
        assert_eq!(journal.len(), 1);
        assert_eq!(journal.people_count(), 2);
        assert_eq!(put.describe(&journal), "the meeting with Ana and Bo on 5 Mar 2026");
        Op::DeletePerson(ana.id).apply_to(&mut journal);
        assert_eq!(
            Op::DeleteInteraction(record.clone()).describe(&journal),
            "the deletion of the meeting with Removed person and Bo on 5 Mar 2026"
        );
        Op::DeleteInteraction(record).apply_to(&mut journal);
        assert!(journal.is_empty());
        assert_eq!(Op::PutPerson(ana).describe(&journal), "the details of Ana");
    }
}
