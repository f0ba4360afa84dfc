//! Many records saved together (an import): one write per group, and all
//! or nothing.

use super::*;

fn people(from: u64, n: u64) -> Op {
    Op::join((from..from + n).map(|id| Op::create(person(id, &format!("Person {id}")))))
}

fn stamped(mut op: Op) -> Op {
    op.stamp(1_900_000_000_000, 7);
    op
}

#[test]
fn five_hundred_new_people_are_one_write_of_the_people_group() {
    let backend = seeded();
    let (mut tab, _) = Tab::open(&backend);
    // A tab that may write once only: saving person by person would stop after the first.
    backend.crash_after_writes(Some(1));
    tab.store.apply_together(&stamped(people(100, 500))).expect("saved in one write");
    backend.crash_after_writes(None);
    let (_, opened) = Tab::open(&backend);
    assert_eq!(opened.journal.people_count(), 501);
    assert_eq!(opened.journal.len(), 2, "the interactions are untouched");
}

#[test]
fn a_conflict_anywhere_writes_nothing() {
    let backend = seeded();
    let (mut here, _) = Tab::open(&backend);
    let (mut there, opened) = Tab::open(&backend);
    let ana = opened.journal.person(Id::from_raw(1)).expect("Ana").clone();
    let mut renamed = ana.clone();
    renamed.organization = "Elsewhere".into();
    there.save(Op::update(renamed)).expect("saved there first");
    let before = snapshot(&backend);

    // This tab's update of Ana is based on the revision before: refused, and
    // the new people that come first in the op are not written either.
    let mut stale = ana;
    stale.organization = "Here".into();
    let op = stamped(Op::join([people(100, 3), Op::update(stale)]));
    assert!(matches!(here.store.apply_together(&op), Err(SaveError::Conflict(_))));
    assert_eq!(snapshot(&backend), before);
}

#[test]
fn saving_the_same_op_again_is_harmless() {
    let backend = seeded();
    let (mut tab, _) = Tab::open(&backend);
    let op = stamped(people(100, 3));
    tab.store.apply_together(&op).expect("saved");
    let once = snapshot(&backend);
    tab.store.apply_together(&op).expect("a retry counts as saved");
    assert_eq!(snapshot(&backend), once);
}

#[test]
fn a_full_quota_writes_nothing_and_says_so() {
    let backend = seeded();
    let full = backend.clone().with_quota(backend.used_units() + 200);
    let (mut tab, _) = Tab::open(&full);
    let before = snapshot(&full);
    let saved = tab.store.apply_together(&stamped(people(100, 400)));
    assert!(matches!(saved, Err(SaveError::Full)), "{saved:?}");
    assert_eq!(snapshot(&full), before);
}

#[test]
fn an_op_with_interactions_is_saved_change_by_change() {
    let backend = seeded();
    let (mut tab, _) = Tab::open(&backend);
    let op = stamped(Op::save_interaction(interaction(20, at(5, 1), &[30]), true, vec![person(30, "Bo")]));
    tab.store.apply_together(&op).expect("saved");
    let (_, opened) = Tab::open(&backend);
    assert_eq!(opened.journal.len(), 3);
    assert!(opened.journal.person(Id::from_raw(30)).is_some());
}
