//! Records that know their version: two stores over one memory backend are
//! two tabs, a backend that stops after N writes is a tab closed mid-save,
//! and removing keys behind a store's back is another page clearing storage.

use super::*;
use crate::model::Record;
use crate::model::career::CareerEntry;
use crate::model::chain::{Chain, Example};
use crate::model::review::Settings;
use crate::model::task::Task;

fn conflict_of(result: Result<Op, SaveError>) -> Conflict {
    match result {
        Err(SaveError::Conflict(conflict)) => *conflict,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[test]
fn a_save_from_a_stale_copy_is_refused_and_the_newer_version_kept() {
    let backend = seeded();
    let (mut tab_a, a) = Tab::open(&backend);
    let (mut tab_b, b) = Tab::open(&backend);
    let ana_a = a.journal.person(Id::from_raw(1)).unwrap().clone();
    let ana_b = b.journal.person(Id::from_raw(1)).unwrap().clone();
    // Tab B renames Ana; tab A, whose form was opened before, changes her organization.
    let renamed: Person = saved(&tab_b.save(Op::update(Person { name: "Ana Lima".into(), ..ana_b })).unwrap());
    let conflict = conflict_of(tab_a.save(Op::update(Person { organization: "Acme".into(), ..ana_a.clone() })));
    assert_eq!((conflict.kind, conflict.id, conflict.base), (RecordKind::Person, ana_a.id, Some(ana_a.rev)));
    assert_eq!(conflict.theirs, Some(AnyRecord::from(renamed.clone())));
    assert_eq!(conflict.theirs_rev, Some(renamed.rev));
    assert!(SaveError::Conflict(Box::new(conflict.clone())).to_string().contains("changed in another tab"));
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.person(ana_a.id), Some(&renamed), "the rename is not lost");
    // The user chooses to keep theirs after all: saved over the version they saw.
    let mine = conflict.mine.clone().unwrap();
    let kept = tab_a.save(Op::restore(mine, renamed.rev)).unwrap();
    let kept: Person = saved(&kept);
    assert!(kept.rev > renamed.rev);
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.person(ana_a.id).map(|p| p.organization.as_str()), Some("Acme"));
}

/// The same for every kind: a stale copy never overwrites a newer one, and
/// never brings back a deleted one.
fn stale_copies_lose<T: Record>(record: T, edit: fn(&mut T)) {
    let backend = seeded();
    let (mut tab_a, _) = Tab::open(&backend);
    let (mut tab_b, _) = Tab::open(&backend);
    let first: T = saved(&tab_a.save(Op::create(record)).unwrap());
    let mut newer = first.clone();
    edit(&mut newer);
    let newer: T = saved(&tab_b.save(Op::update(newer)).unwrap());
    let mut stale = first.clone();
    edit(&mut stale);
    let conflict = conflict_of(tab_a.save(Op::update(stale)));
    assert_eq!(conflict.theirs_rev, Some(newer.rev()), "{:?}", T::KIND);
    // Deleted in B; A's stale copy, saved or deleted, does not bring it back.
    tab_b.save(Op::delete(&newer)).unwrap();
    let gone = conflict_of(tab_a.save(Op::update(first.clone())));
    assert!(gone.deleted(), "{:?}", T::KIND);
    assert!(SaveError::Conflict(Box::new(gone)).to_string().contains("deleted in another tab"));
    assert!(matches!(tab_a.save(Op::delete(&first)), Err(SaveError::Conflict(_))));
    let (_, reopened) = Tab::open(&backend);
    // Nothing saved comes back (deleted settings are the defaults again).
    let found = T::find(&reopened.journal, first.id());
    assert!(found.is_none_or(|r| !r.rev().is_saved()), "{:?} came back", T::KIND);
}

#[test]
fn every_kind_refuses_stale_saves_and_keeps_deletions() {
    stale_copies_lose(interaction(90, at(5, 5), &[1]), |i| i.notes.push('!'));
    stale_copies_lose(person(91, "Cy"), |p| p.title.push('!'));
    stale_copies_lose(assessment(92, 4, 3), |a| a.note.push('!'));
    let mut n = 900;
    let chain = Example::Research.chain(
        Id::from_raw(93),
        || {
            n += 1;
            Id::from_raw(n)
        },
        0,
    );
    stale_copies_lose(chain, |c: &mut Chain| c.name.push('!'));
    let task = Task {
        id: Id::from_raw(94),
        title: "Report".into(),
        received: at(3, 1).date(),
        due: None,
        chain: None,
        link: None,
        person: None,
        expects: String::new(),
        exceed: String::new(),
        done: None,
        rev: Rev::default(),
    };
    stale_copies_lose(task, |t| t.title.push('!'));
    let entry = CareerEntry {
        id: Id::from_raw(95),
        date: at(4, 1).date(),
        text: "Talk".into(),
        amount: None,
        chain: None,
        person: None,
        rev: Rev::default(),
    };
    stale_copies_lose(entry, |e| e.text.push('!'));
    stale_copies_lose(Settings::default(), |s| s.review_every_days = Some(7));
}

#[test]
fn a_queued_retry_never_overwrites_a_later_save_nor_revives_a_deleted_record() {
    let backend = seeded();
    let (mut tab, opened) = Tab::open(&backend);
    let ana = opened.journal.person(Id::from_raw(1)).unwrap().clone();
    // The quota is full: the first edit fails and is queued as it was stamped.
    let full = backend.clone().with_quota(backend.used_units());
    let (mut full_tab, _) = Tab::open(&full);
    let mut queued = Op::update(Person { notes: "x".repeat(200), ..ana.clone() });
    queued.stamp(1_900_000_000_000, 7);
    assert_eq!(full_tab.store.apply(&queued), Err(SaveError::Full));
    // Space is freed; the user edits again from the stored version, which saves.
    let _ = backend.clone().with_quota(usize::MAX);
    let later: Person = saved(&tab.save(Op::update(Person { notes: "later".into(), ..ana.clone() })).unwrap());
    // "Try saving again" with the older queued edit is refused.
    let conflict = match tab.store.apply(&queued) {
        Err(SaveError::Conflict(c)) => c,
        other => panic!("{other:?}"),
    };
    assert_eq!(conflict.theirs_rev, Some(later.rev));
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.person(ana.id).unwrap().notes, "later");
    // Deleted, then the queued edit retried: still deleted.
    tab.save(Op::delete(&later)).unwrap();
    assert!(matches!(tab.store.apply(&queued), Err(SaveError::Conflict(c)) if c.deleted()));
    let (_, reopened) = Tab::open(&backend);
    assert!(reopened.journal.person(ana.id).is_none());
}

#[test]
fn a_later_edit_of_a_queued_record_is_based_on_what_is_stored() {
    let backend = seeded();
    let (mut tab, opened) = Tab::open(&backend);
    let ana = opened.journal.person(Id::from_raw(1)).unwrap().clone();
    let mut queued = Op::update(Person { notes: "first".into(), ..ana.clone() });
    queued.stamp(1_900_000_000_000, 7);
    // On screen the person now carries the queued revision; the next edit is
    // made from that copy, and rebased onto the stored one.
    let on_screen: Person = saved(&queued);
    let mut next = Op::update(Person { notes: "second".into(), ..on_screen });
    next.rebase_on(&queued);
    assert_eq!(next.changes[0].base(), Some(ana.rev));
    tab.save(next).unwrap();
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.person(ana.id).unwrap().notes, "second");
}

#[test]
fn a_retry_after_a_partial_save_finishes_it() {
    let backend = seeded();
    let (mut tab, _) = Tab::open(&backend);
    let mut op = Op::save_interaction(interaction(20, at(5, 1), &[3]), true, vec![person(3, "Cy")]);
    op.stamp(1_900_000_000_000, 3);
    backend.crash_after_writes(Some(1));
    assert!(tab.store.apply(&op).is_err(), "the person was written, the interaction not");
    backend.crash_after_writes(None);
    tab.store.apply(&op).expect("the person counts as saved; the interaction is written");
    let (_, reopened) = Tab::open(&backend);
    assert!(reopened.journal.interaction(Id::from_raw(20)).is_some());
    assert!(reopened.journal.person(Id::from_raw(3)).is_some());
}

#[test]
fn undo_after_another_tabs_change_is_refused_not_applied_over_it() {
    let backend = seeded();
    let (mut tab_a, a) = Tab::open(&backend);
    let (mut tab_b, _) = Tab::open(&backend);
    let ten = a.journal.interaction(Id::from_raw(10)).unwrap().clone();
    let edit = tab_a.save(Op::update(Interaction { notes: "A's edit".into(), ..ten.clone() })).unwrap();
    let undo = edit.undo(&a.journal);
    tab_b.store.reload(Some("rapport:i:2026-03"));
    let a_version: Interaction = saved(&edit);
    tab_b.save(Op::update(Interaction { notes: "B's edit".into(), ..a_version })).unwrap();
    assert!(matches!(tab_a.save(undo), Err(SaveError::Conflict(_))));
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.interaction(ten.id).unwrap().notes, "B's edit");
}

#[test]
fn undo_of_a_delete_restores_over_the_tombstone() {
    let backend = seeded();
    let (mut tab, opened) = Tab::open(&backend);
    let ten = opened.journal.interaction(Id::from_raw(10)).unwrap().clone();
    let delete = tab.save(Op::delete(&ten)).unwrap();
    let (_, reopened) = Tab::open(&backend);
    assert!(reopened.journal.interaction(ten.id).is_none());
    tab.save(delete.undo(&opened.journal)).unwrap();
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.interaction(ten.id).map(|i| i.notes.as_str()), Some(ten.notes.as_str()));
}

#[test]
fn a_move_cut_short_leaves_the_later_copy_and_a_delete_keeps_it_gone() {
    let backend = seeded();
    let (mut tab, opened) = Tab::open(&backend);
    let old = opened.journal.interaction(Id::from_raw(10)).unwrap().clone();
    backend.crash_after_writes(Some(1)); // June written, March not
    assert!(tab.save(Op::update(Interaction { at: at(6, 1), ..old.clone() })).is_err());
    backend.crash_after_writes(None);
    assert_eq!(stored_ids(&backend, "rapport:i:2026-03"), ["a"], "the old copy is still there");
    let (mut tab, reopened) = Tab::open(&backend);
    assert_eq!(ids(&reopened.journal), [10, 11], "shown once");
    let moved = reopened.journal.interaction(old.id).unwrap().clone();
    assert_eq!(moved.at, at(6, 1), "the later copy wins");
    // Deleting the one shown: the old copy does not come back.
    tab.save(Op::delete(&moved)).unwrap();
    let (mut tab, reopened) = Tab::open(&backend);
    assert_eq!(ids(&reopened.journal), [11]);
    // The next save of March cleans the stale copy up.
    tab.add(interaction(12, at(3, 7), &[1]), vec![]);
    assert_eq!(stored_ids(&backend, "rapport:i:2026-03"), ["c"]);
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(ids(&reopened.journal), [11, 12]);
}

#[test]
fn a_stale_form_cannot_save_a_record_another_tab_moved() {
    for cut_short in [false, true] {
        let backend = seeded();
        let (mut tab_a, a) = Tab::open(&backend);
        let (mut tab_b, b) = Tab::open(&backend);
        let old = a.journal.interaction(Id::from_raw(10)).unwrap().clone();
        if cut_short {
            backend.crash_after_writes(Some(1));
        }
        let _ = tab_a.save(Op::update(Interaction { at: at(6, 1), ..old.clone() }));
        backend.crash_after_writes(None);
        // Tab B hears of the writes that happened, as storage events tell it.
        tab_b.store.reload(Some("rapport:i:2026-06"));
        tab_b.store.reload(Some("rapport:i:2026-03"));
        let stale = b.journal.interaction(old.id).unwrap().clone();
        let conflict = conflict_of(tab_b.save(Op::update(Interaction { notes: "B".into(), ..stale })));
        assert_eq!(conflict.theirs.map(|t| t.month()), Some(Some(Month { year: 2026, month: 6 })), "{cut_short}");
        let (_, reopened) = Tab::open(&backend);
        let kept = reopened.journal.interaction(old.id).unwrap();
        assert_eq!((kept.at, kept.notes.as_str()), (at(6, 1), old.notes.as_str()), "{cut_short}");
    }
}

#[test]
fn a_record_moved_elsewhere_unknown_to_this_tab_is_found_before_saving() {
    let backend = seeded();
    let (mut tab_a, a) = Tab::open(&backend);
    let (mut tab_b, _) = Tab::open(&backend);
    let old = a.journal.interaction(Id::from_raw(10)).unwrap().clone();
    let moved: Interaction = saved(&tab_a.save(Op::update(Interaction { at: at(6, 1), ..old })).unwrap());
    // B never heard, but edits the moved version it was given (say, by a reload of one key).
    tab_b.save(Op::update(Interaction { notes: "B".into(), ..moved.clone() })).unwrap();
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.interaction(moved.id).map(|i| (i.at, i.notes.as_str())), Some((at(6, 1), "B")));
    assert!(stored_ids(&backend, "rapport:i:2026-03").is_empty());
}

#[test]
fn a_save_reads_only_the_groups_it_changes_whatever_the_journal_size() {
    let backend = seeded();
    let (mut tab, _) = Tab::open(&backend);
    for month in 1..=12 {
        tab.add(interaction(100 + u64::from(month), at(month, 20), &[1]), vec![]);
    }
    let before = backend.reads();
    let new = tab.add(interaction(200, at(7, 21), &[1]), vec![]);
    assert_eq!(backend.reads() - before, 1, "a new interaction: its month");
    let before = backend.reads();
    tab.save(Op::update(Interaction { notes: "edited".into(), ..new.clone() })).unwrap();
    assert_eq!(backend.reads() - before, 1, "an edit: its month");
    let before = backend.reads();
    tab.save(Op::update(Interaction { at: at(8, 2), ..new })).unwrap_err();
    assert_eq!(backend.reads() - before, 1, "a stale edit: refused after reading its month");
}

#[test]
fn a_mistyped_year_still_loads_where_it_can_be_found() {
    let backend = seeded();
    let (mut tab, _) = Tab::open(&backend);
    let when = NaiveDate::from_ymd_opt(205, 3, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap();
    tab.add(interaction(13, when, &[1]), vec![]);
    assert!(backend.get("rapport:i:0205-03").unwrap().is_some());
    let (_, reopened) = Tab::open(&backend);
    assert!(reopened.problems.is_empty(), "{:?}", reopened.problems);
    assert_eq!(reopened.journal.interaction(Id::from_raw(13)).map(|i| i.at), Some(when));
}

#[test]
fn storage_emptied_elsewhere_is_reported_and_this_tabs_copy_written_back() {
    let backend = seeded();
    let (mut tab, opened) = Tab::open(&backend);
    tab.save(Op::create(assessment(5, 2, 4))).unwrap();
    // Another page of the same site runs localStorage.clear().
    for key in backend.keys().unwrap() {
        backend.remove(&key).unwrap();
    }
    let problem = match tab.store.reload(None) {
        Reloaded::Problem(problem @ Problem::Disappeared { .. }) => problem,
        other => panic!("unexpected {other:?}"),
    };
    let Problem::Disappeared { keys } = &problem else { unreachable!() };
    assert_eq!(keys, &["rapport:assessments", "rapport:i:2026-03", "rapport:i:2026-04", "rapport:people"]);
    let message = problem.message();
    assert!(message.contains("your self-assessments") && message.contains("write it back"), "{message}");
    // "Write it back": every record this tab holds.
    let mut journal = opened.journal;
    crate::model::AnyRecord::from(assessment(5, 2, 4)).put(&mut journal);
    let records: Vec<AnyRecord> = RecordKind::ALL.iter().flat_map(|k| k.all(&journal)).collect();
    let written = tab.store.merge(records).unwrap();
    assert_eq!(written, 5, "two interactions, Ana, the assessment and the settings");
    let (_, reopened) = Tab::open(&backend);
    assert!(reopened.problems.is_empty());
    assert_eq!((reopened.journal.len(), reopened.journal.people_count()), (2, 1));
    assert_eq!(reopened.journal.assessments().len(), 1);
}

#[test]
fn one_key_removed_elsewhere_is_reported_never_taken_as_deletions() {
    let backend = seeded();
    let (mut tab, opened) = Tab::open(&backend);
    backend.remove(PEOPLE_KEY).unwrap();
    assert!(
        matches!(tab.store.reload(Some(PEOPLE_KEY)), Reloaded::Problem(Problem::Disappeared { keys }) if keys == [PEOPLE_KEY])
    );
    // A key this tab never saw holding data is nothing to report.
    assert!(matches!(tab.store.reload(Some("rapport:tasks")), Reloaded::Nothing));
    // Rapport itself never removes a key that held records: the last
    // interaction of a month moving away leaves an empty group.
    let eleven = opened.journal.interaction(Id::from_raw(11)).unwrap().clone();
    tab.save(Op::update(Interaction { at: at(5, 2), ..eleven })).unwrap();
    assert!(backend.get("rapport:i:2026-04").unwrap().is_some());
}

#[test]
fn merging_keeps_the_later_version_of_each_record_and_respects_tombstones() {
    let backend = seeded();
    let (mut tab, opened) = Tab::open(&backend);
    let ten = opened.journal.interaction(Id::from_raw(10)).unwrap().clone();
    let eleven = opened.journal.interaction(Id::from_raw(11)).unwrap().clone();
    let newer: Interaction =
        saved(&tab.save(Op::update(Interaction { notes: "newer".into(), ..ten.clone() })).unwrap());
    tab.save(Op::delete(&eleven)).unwrap();
    // An old copy of both, as a tab that missed everything would write back.
    let written = tab.store.merge(vec![ten.clone().into(), eleven.clone().into()]).unwrap();
    assert_eq!(written, 0);
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.interaction(ten.id), Some(&newer));
    assert!(reopened.journal.interaction(eleven.id).is_none());
}

/// A journal as version 3 of Rapport wrote it, every group of it.
fn version_3_journal() -> MemoryBackend {
    let backend = MemoryBackend::new();
    let set = |key: &str, json: &str| backend.set(key, &codec::compressed(json)).unwrap();
    backend.set(META_KEY, r#"J{"schema":3}"#).unwrap();
    set(
        PEOPLE_KEY,
        r#"{"v":3,"records":[{"id":"1","name":"Ana","role":"superior","mode":"professional","cadence_days":14,"updated":1763000000000}]}"#,
    );
    set(
        "rapport:i:2026-03",
        r#"{"v":3,"records":[{"id":"a","at":"2026-03-05T10:00","people":["1"],"kind":"call","initiated_by":"me","updated":1763000000001}]}"#,
    );
    set(
        "rapport:i:2026-04",
        r#"{"v":3,"records":[{"id":"b","at":"2026-04-05T10:00","people":["1"],"kind":"meal","updated":1763000000002}]}"#,
    );
    set(
        "rapport:assessments",
        r#"{"v":3,"records":[{"id":"c","at":"2026-03-01T08:00","answers":"t1=4","updated":3}]}"#,
    );
    set(
        "rapport:chains",
        r#"{"v":3,"records":[{"id":"d","name":"Supplies","my_role":"Buyer","links":[{"id":"e","role":"Customer"}],"position":0,"updated":4}]}"#,
    );
    set("rapport:tasks", r#"{"v":3,"records":[{"id":"f","title":"Audit","received":"2026-03-02","updated":5}]}"#);
    set("rapport:career", r#"{"v":3,"records":[{"id":"g","date":"2026-03-03","text":"Talk","updated":6}]}"#);
    set("rapport:reviews", r#"{"v":3,"records":[{"id":"h","started":"2026-03-04","people":["1"],"updated":7}]}"#);
    set("rapport:settings", r#"{"v":3,"records":[{"id":"1","review_every_days":30,"updated":0}]}"#);
    backend
}

#[test]
fn a_version_3_journal_upgrades_in_place_even_when_interrupted() {
    for crash_after in [0, 1, 3, 5, 8] {
        let backend = version_3_journal();
        backend.crash_after_writes(Some(crash_after));
        Tab::open(&backend);
        backend.crash_after_writes(None);
        let (mut tab, opened) = Tab::open(&backend);
        assert!(opened.problems.is_empty(), "after {crash_after} writes: {:?}", opened.problems);
        let j = &opened.journal;
        assert_eq!((j.len(), j.people_count(), j.assessments().len()), (2, 1, 1), "after {crash_after}");
        assert_eq!((j.chains().len(), j.tasks().len(), j.career_entries().len(), j.reviews().len()), (1, 1, 1, 1));
        assert_eq!(j.settings().review_every_days, Some(30));
        let ana = j.person(Id::from_raw(1)).unwrap();
        assert_eq!((ana.cadence_days, ana.rev), (Some(14), Rev::legacy(1_763_000_000_000)));
        assert!(j.settings().rev.is_saved(), "an upgraded record has a revision, even from 0");
        for key in backend.keys().unwrap().into_iter().filter(|k| k != META_KEY) {
            let json = codec::decode(&backend.get(&key).unwrap().unwrap()).unwrap();
            let current = format!(r#"{{"v":{}"#, schema::SCHEMA_VERSION);
            assert!(json.starts_with(&current) && !json.contains("updated"), "{key}: {json}");
        }
        assert_eq!(backend.get(META_KEY).unwrap(), Some(schema::encode_meta()));
        // And the upgraded records save like any other.
        let settings = Settings { review_every_days: Some(60), ..j.settings().clone() };
        tab.save(Op::update(settings)).unwrap();
    }
}
