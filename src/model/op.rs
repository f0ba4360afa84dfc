//! A change to the journal, as one value: applied to memory, handed to the
//! store to save, and kept for a retry when saving fails.
//!
//! Every change states the revision it was based on; the store writes it
//! only if the stored record still has that revision (compare-and-set), so
//! a save made from a stale copy is refused instead of overwriting a newer
//! one. Several changes in one op (an interaction with the people it
//! introduces, two chains swapping places) are saved in order, each checked
//! on its own, and a change already stored counts as saved: a retry is safe.

use super::record::{AnyRecord, Record, RecordKind, Rev};
use super::{Id, Interaction, Journal};

#[derive(Clone, Debug, PartialEq)]
// `allow`, not `expect`: the lint fires on 64-bit targets only.
#[allow(
    clippy::large_enum_variant,
    reason = "changes are few and short-lived; boxing every record would cost an allocation per save for nothing"
)]
pub enum Change {
    /// Writes `record`; `base` is the revision it was made from, `None` for
    /// a new record.
    Put { record: AnyRecord, base: Option<Rev> },
    /// Deletes a record, leaving a tombstone with revision `rev`; marked
    /// `archived` when the record was archived to a file rather than deleted
    /// (see [`super::Tombstone`]).
    Delete { kind: RecordKind, id: Id, base: Rev, rev: Rev, archived: bool },
}

impl Change {
    pub fn kind(&self) -> RecordKind {
        match self {
            Change::Put { record, .. } => record.kind(),
            Change::Delete { kind, .. } => *kind,
        }
    }

    pub fn id(&self) -> Id {
        match self {
            Change::Put { record, .. } => record.id(),
            Change::Delete { id, .. } => *id,
        }
    }

    pub fn base(&self) -> Option<Rev> {
        match self {
            Change::Put { base, .. } => *base,
            Change::Delete { base, .. } => Some(*base),
        }
    }

    /// Gives the change the revision of a write made now by `writer`.
    pub fn stamp(&mut self, now_ms: i64, writer: u32) {
        match self {
            Change::Put { record, base } => record.set_rev(base.unwrap_or_default().next(now_ms, writer)),
            Change::Delete { base, rev, .. } => *rev = base.next(now_ms, writer),
        }
    }

    /// Makes the change based on `base` (`None`: a new record).
    pub fn set_base(&mut self, new_base: Option<Rev>) {
        match self {
            Change::Put { base, .. } => *base = new_base,
            Change::Delete { base, .. } => *base = new_base.unwrap_or_default(),
        }
    }

    /// The revision the record has once this change is saved.
    pub fn rev(&self) -> Rev {
        match self {
            Change::Put { record, .. } => record.rev(),
            Change::Delete { rev, .. } => *rev,
        }
    }
}

/// One or more changes that belong together: saved, retried and undone as one.
#[derive(Clone, Debug, PartialEq)]
pub struct Op {
    pub changes: Vec<Change>,
}

impl Op {
    /// A new record.
    pub fn create(record: impl Into<AnyRecord>) -> Op {
        Op { changes: vec![Change::Put { record: record.into(), base: None }] }
    }

    /// An edited record: `record` is the edited copy, still carrying the
    /// revision of the version it was edited from (the default revision for
    /// one never saved, such as the default settings).
    pub fn update(record: impl Into<AnyRecord>) -> Op {
        let record = record.into();
        let base = Some(record.rev()).filter(|rev| rev.is_saved());
        Op { changes: vec![Change::Put { record, base }] }
    }

    /// Deletes the version `record` of a record.
    pub fn delete<T: Record>(record: &T) -> Op {
        Op {
            changes: vec![Change::Delete {
                kind: T::KIND,
                id: record.id(),
                base: record.rev(),
                rev: record.rev(),
                archived: false,
            }],
        }
    }

    /// Archives these versions of interactions (written to a file first):
    /// each leaves an archived tombstone, so a stale copy still cannot come
    /// back, while merging the file brings them back.
    pub fn archive<'a>(records: impl IntoIterator<Item = &'a Interaction>) -> Op {
        let changes = records
            .into_iter()
            .map(|r| Change::Delete {
                kind: RecordKind::Interaction,
                id: r.id,
                base: r.rev,
                rev: r.rev,
                archived: true,
            })
            .collect();
        Op { changes }
    }

    /// Puts a deleted record back: based on its tombstone's revision.
    pub fn restore(record: AnyRecord, tombstone: Rev) -> Op {
        Op { changes: vec![Change::Put { record, base: Some(tombstone) }] }
    }

    /// A new or edited interaction with the new people it names, who are
    /// saved first so no interaction is ever stored without its people.
    pub fn save_interaction(record: Interaction, is_new: bool, new_people: Vec<super::Person>) -> Op {
        let mut changes: Vec<Change> =
            new_people.into_iter().map(|p| Change::Put { record: p.into(), base: None }).collect();
        let base = (!is_new).then_some(record.rev);
        changes.push(Change::Put { record: record.into(), base });
        Op { changes }
    }

    /// Several ops as one.
    pub fn join(ops: impl IntoIterator<Item = Op>) -> Op {
        Op { changes: ops.into_iter().flat_map(|op| op.changes).collect() }
    }

    /// Bases the changes made from an unsaved version (`queued`, an op that
    /// could not be saved) on what that op was based on: the new change
    /// replaces the queued one, and is checked against what is stored.
    pub fn rebase_on(&mut self, queued: &Op) {
        for change in &mut self.changes {
            let earlier = queued.changes.iter().find(|q| q.kind() == change.kind() && q.id() == change.id());
            if let Some(earlier) = earlier
                && change.base() == Some(earlier.rev())
            {
                change.set_base(earlier.base());
            }
        }
    }

    /// Gives every change the revision of a write made now by `writer`.
    pub fn stamp(&mut self, now_ms: i64, writer: u32) {
        for change in &mut self.changes {
            change.stamp(now_ms, writer);
        }
    }

    /// The record the op is about (the last change: an interaction rather
    /// than the people it introduces), by kind and id.
    pub fn subject(&self) -> Option<(RecordKind, Id)> {
        self.changes.last().map(|c| (c.kind(), c.id()))
    }

    /// Applies every change to memory.
    pub fn apply_to(&self, journal: &mut Journal) {
        for change in &self.changes {
            match change {
                Change::Put { record, .. } => record.clone().put(journal),
                Change::Delete { kind, id, .. } => kind.remove(journal, *id),
            }
        }
    }

    /// The op that undoes this one once saved: deleted records come back
    /// (over their tombstones), new ones are deleted, edited ones return to
    /// their version in `before` (the journal as it was before the op).
    pub fn undo(&self, before: &Journal) -> Op {
        let changes = self
            .changes
            .iter()
            .rev()
            .filter_map(|change| match change {
                Change::Delete { kind, id, rev, .. } => {
                    kind.find(before, *id).map(|record| Change::Put { record, base: Some(*rev) })
                }
                Change::Put { record, base: None } => Some(Change::Delete {
                    kind: record.kind(),
                    id: record.id(),
                    base: record.rev(),
                    rev: record.rev(),
                    archived: false,
                }),
                Change::Put { record, base: Some(_) } => record
                    .kind()
                    .find(before, record.id())
                    .map(|old| Change::Put { record: old, base: Some(record.rev()) }),
            })
            .collect();
        Op { changes }
    }

    /// Names what the change is about, for a message such as "Not saved: …".
    pub fn describe(&self, journal: &Journal) -> String {
        match self.changes.last() {
            None => "nothing".to_owned(),
            // The people it introduces may not be in the journal yet.
            Some(Change::Put { record: AnyRecord::Interaction(record), .. }) => describe_with(record, |id| {
                self.changes
                    .iter()
                    .find_map(|c| match c {
                        Change::Put { record: AnyRecord::Person(p), .. } if p.id == id => Some(p.name.clone()),
                        _ => None,
                    })
                    .unwrap_or_else(|| journal.name_of(id).to_owned())
            }),
            Some(Change::Put { record, .. }) => record.describe(journal),
            Some(Change::Delete { kind, id, .. }) => match kind.find(journal, *id) {
                Some(record) => format!("the deletion of {}", record.describe(journal)),
                None => format!("the deletion of a {}", kind.noun()),
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
    use crate::model::Person;
    use crate::model::testing::{at, interaction};

    #[test]
    fn applying_ops_changes_the_journal_as_described() {
        let ana = Person::named(Id::from_raw(1), "Ana");
        let bo = Person::named(Id::from_raw(2), "Bo");
        let mut journal = Journal::default();
        let record = interaction(9, at(5), &[ana.id, bo.id]);
        let put = Op::save_interaction(record.clone(), true, vec![ana.clone(), bo]);
        assert_eq!(put.describe(&journal), "the meeting with Ana and Bo on 5 Mar 2026", "before it is applied");
        put.apply_to(&mut journal);
        assert_eq!(journal.len(), 1);
        assert_eq!(journal.people_count(), 2);
        assert_eq!(put.describe(&journal), "the meeting with Ana and Bo on 5 Mar 2026");
        Op::delete(&ana).apply_to(&mut journal);
        assert_eq!(
            Op::delete(&record).describe(&journal),
            "the deletion of the meeting with Removed person and Bo on 5 Mar 2026"
        );
        Op::delete(&record).apply_to(&mut journal);
        assert!(journal.is_empty());
        assert_eq!(Op::update(ana).describe(&journal), "the details of Ana");
    }

    #[test]
    fn stamping_gives_each_change_a_revision_after_its_base() {
        let mut ana = Person::named(Id::from_raw(1), "Ana");
        ana.rev = Rev { time: 50, count: 0, writer: 1 };
        let mut op = Op::join([Op::create(Person::named(Id::from_raw(2), "Bo")), Op::update(ana.clone())]);
        op.stamp(40, 7);
        assert_eq!(op.changes[0].rev(), Rev { time: 40, count: 0, writer: 7 });
        assert_eq!(op.changes[0].base(), None);
        assert_eq!(op.changes[1].rev(), Rev { time: 50, count: 1, writer: 7 }, "never behind its base");
        assert_eq!(op.changes[1].base(), Some(ana.rev));
        assert_eq!(op.subject(), Some((RecordKind::Person, ana.id)));
    }

    #[test]
    fn undo_reverses_each_change_from_where_it_left_the_record() {
        let mut before = Journal::default();
        let ana = Person { rev: Rev::legacy(5), ..Person::named(Id::from_raw(1), "Ana") };
        ana.clone().put(&mut before);
        let mut renamed = ana.clone();
        renamed.name = "Ana Lima".into();
        let mut op = Op::join([Op::update(renamed), Op::create(Person::named(Id::from_raw(2), "Bo"))]);
        op.stamp(10, 1);
        let undo = op.undo(&before);
        let [Change::Delete { id, base, .. }, Change::Put { record, base: put_base }] = undo.changes.as_slice() else {
            panic!("{undo:?}")
        };
        assert_eq!((*id, *base), (Id::from_raw(2), op.changes[1].rev()));
        assert_eq!((record, *put_base), (&AnyRecord::from(ana.clone()), Some(op.changes[0].rev())));

        let mut delete = Op::delete(&ana);
        delete.stamp(20, 1);
        let back = delete.undo(&before);
        assert_eq!(back, Op::restore(ana.into(), delete.changes[0].rev()));
    }
}
