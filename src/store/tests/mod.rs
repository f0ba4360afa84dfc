//! The store against the in-memory backend: layout, ordering, two tabs,
//! unreadable data, newer versions and a full quota. `revisions.rs` holds
//! the compare-and-set, tombstone and storage-emptied cases.

mod archive;
mod revisions;
mod serial;
mod together;

use std::cell::Cell;

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::model::{AnyRecord, Direction, Expectation, FollowUp, Id, Kind, Op, Person};

pub(super) const PEOPLE_KEY: &str = "rapport:people";

pub(super) fn at(month: u32, day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day).and_then(|d| d.and_hms_opt(10, 0, 0)).unwrap()
}

pub(super) fn person(id: u64, name: &str) -> Person {
    Person::named(Id::from_raw(id), name)
}

pub(super) fn interaction(id: u64, when: NaiveDateTime, people: &[u64]) -> Interaction {
    Interaction {
        id: Id::from_raw(id),
        at: when,
        people: people.iter().map(|&p| Id::from_raw(p)).collect(),
        kind: Kind::Call,
        minutes: Some(15),
        notes: format!("Notes of interaction {id}"),
        dependency: None,
        expectation: None,
        initiated_by: None,
        rev: Rev::default(),
    }
}

thread_local! {
    /// One clock for every tab of a test, so a later save has a later time.
    static CLOCK: Cell<i64> = const { Cell::new(1_800_000_000_000) };
}

/// One tab: a store over the shared backend, writing as `writer`.
pub(super) struct Tab {
    pub store: Store,
    writer: u32,
}

impl Tab {
    pub fn open(backend: &MemoryBackend) -> (Tab, Opened) {
        let mut store = Store::new(backend.clone());
        let opened = store.open();
        let writer = CLOCK.with(|c| c.get()) as u32 % 1000 + 1;
        (Tab { store, writer }, opened)
    }

    /// Stamps `op` as the app does, a second after the last write.
    fn stamp(&self, op: &mut Op) {
        let now = CLOCK.with(|c| {
            c.set(c.get() + 1_000);
            c.get()
        });
        op.stamp(now, self.writer);
    }

    /// Stamps `op` as the app does and saves it; returns it as saved.
    pub fn save(&mut self, mut op: Op) -> Result<Op, SaveError> {
        self.stamp(&mut op);
        self.store.apply(&op).map(|()| op)
    }

    /// Stamps `op` as the app does and saves it all together
    /// ([`Store::apply_together`]); returns it as saved.
    pub fn save_together(&mut self, mut op: Op) -> Result<Op, SaveError> {
        self.stamp(&mut op);
        self.store.apply_together(&op).map(|()| op)
    }

    /// Saves a new interaction (with new people); returns it as stored.
    pub fn add(&mut self, record: Interaction, new_people: Vec<Person>) -> Interaction {
        let op = self.save(Op::save_interaction(record, true, new_people)).expect("saved");
        saved(&op)
    }
}

/// The record an op saved last, as stored.
pub(super) fn saved<T: crate::model::Record>(op: &Op) -> T {
    match op.changes.last() {
        Some(crate::model::Change::Put { record, .. }) => T::from_any(record.clone()).expect("of that kind"),
        other => panic!("not a put: {other:?}"),
    }
}

pub(super) fn snapshot(backend: &MemoryBackend) -> Vec<(String, Option<String>)> {
    let mut keys = backend.keys().unwrap();
    keys.sort();
    keys.into_iter().map(|k| (k.clone(), backend.get(&k).unwrap())).collect()
}

pub(super) fn ids(journal: &Journal) -> Vec<u64> {
    journal.interactions().map(|i| i.id.raw()).collect()
}

/// The records stored under `key`, whatever their kind, as JSON ids.
pub(super) fn stored_ids(backend: &MemoryBackend, key: &str) -> Vec<String> {
    let value = backend.get(key).unwrap().unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(&codec::decode(&value).unwrap()).unwrap();
    json["records"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

/// A journal with Ana and two interactions, in March and April.
pub(super) fn seeded() -> MemoryBackend {
    let backend = MemoryBackend::new();
    let (mut tab, _) = Tab::open(&backend);
    tab.add(interaction(10, at(3, 5), &[1]), vec![person(1, "Ana")]);
    tab.add(interaction(11, at(4, 2), &[1]), vec![]);
    backend
}

#[test]
fn a_fresh_store_records_its_version_and_is_empty() {
    let backend = MemoryBackend::new();
    let (tab, opened) = Tab::open(&backend);
    assert!(opened.journal.is_empty() && opened.problems.is_empty());
    assert_eq!(backend.get(META_KEY).unwrap(), Some(schema::encode_meta()));
    assert!(tab.store.read_only().is_none());
}

#[test]
fn what_is_saved_is_what_is_loaded() {
    let backend = seeded();
    let (mut tab, _) = Tab::open(&backend);
    let mut promise = interaction(12, at(4, 20), &[1, 2]);
    promise.expectation = Some(Expectation {
        what: "Send the “final” deck — v2".into(),
        direction: Direction::TheyExpectOfMe,
        person: Some(Id::from_raw(2)),
        due: NaiveDate::from_ymd_opt(2026, 5, 1),
        status: FollowUp::Open,
        settled: None,
    });
    let promise = tab.add(promise, vec![person(2, "Bo")]);
    assert!(promise.rev.is_saved());
    let (_, reopened) = Tab::open(&backend);
    assert!(reopened.problems.is_empty());
    assert_eq!(ids(&reopened.journal), [12, 11, 10]);
    assert_eq!(reopened.journal.interaction(Id::from_raw(12)), Some(&promise));
    assert_eq!(reopened.journal.people_count(), 2);
    let mut keys = backend.keys().unwrap();
    keys.sort();
    assert_eq!(keys, ["rapport:i:2026-03", "rapport:i:2026-04", "rapport:meta", "rapport:people"]);
}

#[test]
fn saving_one_interaction_rewrites_only_its_month() {
    let backend = seeded();
    let before = backend.get("rapport:i:2026-03").unwrap();
    let people_before = backend.get(PEOPLE_KEY).unwrap();
    let (mut tab, _) = Tab::open(&backend);
    tab.add(interaction(12, at(4, 9), &[1]), vec![]);
    assert_eq!(backend.get("rapport:i:2026-03").unwrap(), before);
    assert_eq!(backend.get(PEOPLE_KEY).unwrap(), people_before);
}

#[test]
fn moving_an_interaction_to_another_month_leaves_no_copy_behind() {
    let backend = seeded();
    let (mut tab, opened) = Tab::open(&backend);
    let old = opened.journal.interaction(Id::from_raw(10)).unwrap().clone();
    tab.save(Op::update(Interaction { at: at(6, 1), ..old })).unwrap();
    assert!(stored_ids(&backend, "rapport:i:2026-03").is_empty(), "the old month keeps no copy");
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(ids(&reopened.journal), [10, 11]);
    assert_eq!(reopened.journal.interaction(Id::from_raw(10)).unwrap().at, at(6, 1));
}

#[test]
fn a_tab_closed_after_saving_a_new_person_never_leaves_an_interaction_without_its_person() {
    let backend = seeded();
    let (mut tab, _) = Tab::open(&backend);
    backend.crash_after_writes(Some(1));
    let result = tab.save(Op::save_interaction(interaction(20, at(5, 1), &[3]), true, vec![person(3, "Cy")]));
    assert!(result.is_err());
    backend.crash_after_writes(None);
    let (_, reopened) = Tab::open(&backend);
    assert!(reopened.journal.person(Id::from_raw(3)).is_some());
    assert!(reopened.journal.interaction(Id::from_raw(20)).is_none());
    for i in reopened.journal.interactions() {
        assert!(i.people.iter().all(|p| reopened.journal.person(*p).is_some()));
    }
}

#[test]
fn two_tabs_saving_the_same_month_keep_each_others_records() {
    let backend = seeded();
    let (mut tab_a, _) = Tab::open(&backend);
    let (mut tab_b, _) = Tab::open(&backend);
    let thirty = tab_a.add(interaction(30, at(3, 9), &[1]), vec![]);
    // Tab B has not heard of 30 yet and saves into the same month.
    let thirty_one = tab_b.add(interaction(31, at(3, 10), &[1]), vec![]);
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(ids(&reopened.journal), [11, 31, 30, 10]);
    // A deletes 30; B, still holding 30 in memory, edits 31: 30 stays deleted.
    tab_a.save(Op::delete(&thirty)).unwrap();
    tab_b.save(Op::update(Interaction { notes: "edited".into(), ..thirty_one })).unwrap();
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(ids(&reopened.journal), [11, 31, 10]);
    assert_eq!(reopened.journal.interaction(Id::from_raw(31)).unwrap().notes, "edited");
}

#[test]
fn another_tabs_change_is_read_back_as_exactly_that_change() {
    let backend = seeded();
    let (mut tab_a, opened) = Tab::open(&backend);
    let (mut tab_b, _) = Tab::open(&backend);
    tab_a.add(interaction(40, at(3, 20), &[2]), vec![person(2, "Bo")]);
    match tab_b.store.reload(Some("rapport:i:2026-03")) {
        Reloaded::Month(month, records) => {
            assert_eq!(month, Month { year: 2026, month: 3 });
            let mut got: Vec<u64> = records.iter().map(|r| r.id.raw()).collect();
            got.sort();
            assert_eq!(got, [10, 40]);
        }
        other => panic!("unexpected {other:?}"),
    }
    match tab_b.store.reload(Some(PEOPLE_KEY)) {
        Reloaded::Kind(RecordKind::Person, people) => assert_eq!(people.len(), 2),
        other => panic!("unexpected {other:?}"),
    }
    let eleven = opened.journal.interaction(Id::from_raw(11)).unwrap();
    tab_a.save(Op::delete(eleven)).unwrap();
    assert!(matches!(tab_b.store.reload(Some("rapport:i:2026-04")), Reloaded::Month(_, r) if r.is_empty()));
    assert!(matches!(tab_b.store.reload(Some("another-app")), Reloaded::Nothing));
    assert!(matches!(tab_b.store.reload(None), Reloaded::Everything(o) if o.journal.len() == 2));
}

#[test]
fn a_truncated_month_is_set_aside_unchanged_and_the_rest_loads() {
    let backend = seeded();
    let good = backend.get("rapport:i:2026-04").unwrap().unwrap();
    let cut: String = good.chars().take(good.chars().count() / 2).collect();
    backend.set("rapport:i:2026-04", &cut).unwrap();
    let (mut tab, opened) = Tab::open(&backend);
    assert_eq!(ids(&opened.journal), [10]);
    assert_eq!(opened.problems.len(), 1);
    let Problem::SetAside { key, quarantine_key, kept, .. } = &opened.problems[0] else {
        panic!("{:?}", opened.problems)
    };
    assert_eq!(
        (key.as_str(), quarantine_key.as_str(), *kept),
        ("rapport:i:2026-04", "rapport:quarantine:rapport:i:2026-04", 0)
    );
    assert!(opened.problems[0].message().contains("April 2026"), "{}", opened.problems[0].message());
    assert!(opened.problems[0].message().contains("cut short"));
    assert_eq!(backend.get(quarantine_key).unwrap(), Some(cut.clone()), "kept byte for byte");
    assert_eq!(tab.store.set_aside_items(), [SetAside { key: quarantine_key.clone(), value: cut.clone() }]);
    // The month can be used again, and the set-aside copy survives it.
    tab.add(interaction(50, at(4, 3), &[1]), vec![]);
    let (_, again) = Tab::open(&backend);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(ids(&again.journal), [50, 10]);
    assert_eq!(backend.get(quarantine_key).unwrap(), Some(cut));
}

#[test]
fn the_same_key_going_bad_twice_keeps_both_copies() {
    let backend = seeded();
    backend.set(PEOPLE_KEY, "not ours").unwrap();
    Tab::open(&backend);
    backend.set(PEOPLE_KEY, "not ours either").unwrap();
    let (tab, opened) = Tab::open(&backend);
    assert!(matches!(&opened.problems[0], Problem::SetAside { quarantine_key, .. } if quarantine_key.ends_with("#2")));
    let values: Vec<String> = tab.store.set_aside_items().into_iter().map(|s| s.value).collect();
    assert_eq!(values, ["not ours", "not ours either"]);
}

#[test]
fn records_of_the_wrong_type_are_set_aside_and_the_others_kept() {
    let backend = seeded();
    let bad = r#"J{"v":1,"records":[{"id":"1","name":"Ana"},{"id":"2","name":["Bo"]}]}"#;
    backend.set(PEOPLE_KEY, bad).unwrap();
    let (_, opened) = Tab::open(&backend);
    assert_eq!(opened.journal.people_count(), 1);
    let message = opened.problems[0].message();
    assert!(message.contains("1 record was kept") && message.contains("the list of people"), "{message}");
    assert_eq!(backend.get("rapport:quarantine:rapport:people").unwrap().as_deref(), Some(bad));
    // The readable person was written back in the current format.
    let (_, again) = Tab::open(&backend);
    assert!(again.problems.is_empty());
    assert_eq!(again.journal.people_count(), 1);
}

#[test]
fn an_unreadable_version_record_is_set_aside_and_rewritten() {
    let backend = seeded();
    backend.set(META_KEY, "J{\"schema\":").unwrap();
    let (tab, opened) = Tab::open(&backend);
    assert_eq!(opened.journal.len(), 2);
    assert_eq!(opened.problems.len(), 1);
    assert!(tab.store.read_only().is_none());
    assert_eq!(backend.get(META_KEY).unwrap(), Some(schema::encode_meta()));
}

#[test]
fn data_from_a_newer_version_is_never_written_to() {
    let backend = seeded();
    backend.set(META_KEY, "J{\"schema\":99}").unwrap();
    backend.set("rapport:i:2026-04", "Zgarbage from the future").unwrap();
    let before = snapshot(&backend);
    let (mut tab, opened) = Tab::open(&backend);
    assert!(matches!(opened.problems[0], Problem::Newer { .. }));
    assert!(opened.problems[0].message().contains("will not save"));
    assert_eq!(tab.store.read_only(), Some("the journal's version record was written by a newer version of Rapport"));
    let result = tab.save(Op::create(interaction(60, at(3, 1), &[1])));
    assert!(matches!(result, Err(SaveError::ReadOnly(_))));
    assert_eq!(snapshot(&backend), before, "nothing written, nothing set aside");
}

#[test]
fn a_month_written_by_a_newer_version_makes_the_tab_read_only() {
    let backend = seeded();
    let newer = format!("J{{\"v\":{},\"records\":[]}}", schema::SCHEMA_VERSION + 1);
    backend.set("rapport:i:2026-04", &newer).unwrap();
    let (mut tab, opened) = Tab::open(&backend);
    assert_eq!(ids(&opened.journal), [10]);
    assert!(matches!(&opened.problems[0], Problem::Newer { key, .. } if key == "rapport:i:2026-04"));
    assert!(tab.save(Op::create(person(5, "Eve"))).is_err());
    assert_eq!(backend.get("rapport:i:2026-04").unwrap(), Some(newer));
}

#[test]
fn a_full_quota_refuses_the_save_and_damages_nothing() {
    let backend = seeded();
    let used = backend.used_units();
    let backend = backend.with_quota(used + 40);
    let before = snapshot(&backend);
    let (mut tab, opened) = Tab::open(&backend);
    let mut long = interaction(70, at(4, 3), &[1]);
    // Numbers that do not repeat, so compression cannot shrink them away.
    long.notes = (0..400).map(|n| (n * 7919 % 10007).to_string()).collect::<Vec<_>>().join(" ");
    assert_eq!(tab.save(Op::create(long)), Err(SaveError::Full));
    assert_eq!(snapshot(&backend), before);
    assert!(SaveError::Full.to_string().contains("full"));
    // Deleting still works (a tombstone is smaller than the record), and makes room.
    tab.save(Op::delete(opened.journal.interaction(Id::from_raw(10)).unwrap())).unwrap();
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(ids(&reopened.journal), [11]);
}

#[test]
fn unreadable_data_that_cannot_be_copied_stays_in_place_and_blocks_its_key() {
    let backend = seeded();
    backend.set("rapport:i:2026-04", "Z5:damaged").unwrap();
    let backend = backend.with_quota(0); // no room for a quarantine copy
    let (mut tab, opened) = Tab::open(&backend);
    assert!(matches!(&opened.problems[0], Problem::LeftInPlace { .. }));
    assert_eq!(backend.get("rapport:i:2026-04").unwrap().as_deref(), Some("Z5:damaged"));
    let result = tab.save(Op::create(interaction(80, at(4, 8), &[1])));
    assert_eq!(result, Err(SaveError::Unreadable { key: "rapport:i:2026-04".into() }));
    assert_eq!(tab.store.set_aside_items()[0].value, "Z5:damaged");
    // Once the user discards it, the month is usable again.
    tab.store.discard_set_aside("rapport:i:2026-04").unwrap();
    assert!(tab.store.set_aside_items().is_empty());
}

#[test]
fn other_apps_keys_are_left_alone_but_counted_and_unknown_keys_of_ours_reported() {
    let backend = seeded();
    backend.set("other-app:settings", "{}").unwrap();
    backend.set("rapport:future-feature", "anything").unwrap();
    let (tab, opened) = Tab::open(&backend);
    assert_eq!(opened.problems, [Problem::Unplaced { key: "rapport:future-feature".into() }]);
    assert!(opened.problems[0].message().contains("rapport:future-feature"));
    assert_eq!(opened.problems[0].download_key(), Some("rapport:future-feature"));
    assert_eq!(backend.get("other-app:settings").unwrap().as_deref(), Some("{}"));
    assert_eq!(backend.get("rapport:future-feature").unwrap().as_deref(), Some("anything"));
    let listed: Vec<String> = tab.store.set_aside_items().into_iter().map(|s| s.key).collect();
    assert_eq!(listed, ["rapport:future-feature"], "listed on Data with its raw value");
    let usage = tab.store.usage().unwrap();
    assert_eq!(usage.origin, backend.used_units());
    assert_eq!(usage.origin - usage.ours, "other-app:settings{}".len());
}

#[test]
fn deleting_a_person_keeps_their_interactions() {
    let backend = seeded();
    let (mut tab, opened) = Tab::open(&backend);
    tab.save(Op::delete(opened.journal.person(Id::from_raw(1)).unwrap())).unwrap();
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.people_count(), 0);
    assert_eq!(reopened.journal.len(), 2);
    assert_eq!(reopened.journal.name_of(Id::from_raw(1)), "Removed person");
}

#[test]
fn keys_are_classified_and_described_for_people() {
    assert_eq!(classify("rapport:i:2026-11"), Some(KeyKind::Month(Month { year: 2026, month: 11 })));
    assert_eq!(classify("rapport:i:0205-03"), Some(KeyKind::Month(Month { year: 205, month: 3 })));
    assert_eq!(classify("rapport:i:2026-13"), Some(KeyKind::Unknown));
    assert_eq!(classify("rapport:quarantine:rapport:people"), Some(KeyKind::Quarantine));
    for &kind in RecordKind::ALL.iter().filter(|&&k| k != RecordKind::Interaction) {
        let key = key_of(kind, None);
        assert_eq!(classify(&key), Some(KeyKind::Single(kind)));
        assert_eq!(describe_key(&key), kind.describe());
    }
    assert_eq!(classify("other"), None);
    assert_eq!(describe_key("rapport:i:2026-11"), "the interactions of November 2026");
}

/// A journal exactly as version 1 of Rapport wrote it (plain JSON here; the
/// codec is the same for every version).
fn version_1_journal() -> MemoryBackend {
    let backend = MemoryBackend::new();
    backend.set(META_KEY, r#"J{"schema":1}"#).unwrap();
    backend.set(PEOPLE_KEY, r#"J{"v":1,"records":[{"id":"1","name":"Ana","role":"peer","updated":5}]}"#).unwrap();
    backend
        .set(
            "rapport:i:2026-03",
            r#"J{"v":1,"records":[{"id":"a","at":"2026-03-05T10:00","people":["1"],"kind":"call","notes":"Budget",
            "expectation":{"what":"slides","direction":"they_expect_of_me","due":"2026-03-09","status":"met","settled":"2026-03-08"},"updated":7}]}"#,
        )
        .unwrap();
    backend
}

#[test]
fn a_version_1_journal_is_read_and_upgraded_in_place() {
    let backend = version_1_journal();
    let (_, opened) = Tab::open(&backend);
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let call = opened.journal.interaction(Id::from_raw(10)).expect("the call");
    assert_eq!((call.notes.as_str(), call.initiated_by, call.rev), ("Budget", None, Rev::legacy(7)));
    assert_eq!(call.expectation.as_ref().map(|e| e.status), Some(FollowUp::Met));
    let ana = opened.journal.person(Id::from_raw(1)).unwrap();
    assert_eq!((ana.role, ana.rev), (crate::model::Role::Peer, Rev::legacy(5)));
    for key in [PEOPLE_KEY, "rapport:i:2026-03"] {
        let stored = backend.get(key).unwrap().unwrap();
        let json = codec::decode(&stored).unwrap();
        assert!(json.starts_with(&format!("{{\"v\":{}", schema::SCHEMA_VERSION)), "{key} not upgraded: {json}");
        assert!(!json.contains("updated"), "{json}");
    }
    assert_eq!(backend.get(META_KEY).unwrap(), Some(schema::encode_meta()));
    // Upgraded once: opening again changes nothing.
    let before = snapshot(&backend);
    Tab::open(&backend);
    assert_eq!(snapshot(&backend), before);
}

#[test]
fn an_upgrade_cut_short_still_loads_everything() {
    let backend = version_1_journal();
    backend.crash_after_writes(Some(1)); // one group upgraded, then the tab closes
    Tab::open(&backend);
    backend.crash_after_writes(None);
    assert!(backend.get(META_KEY).unwrap().unwrap().contains("\"schema\":1"), "version recorded last");
    let (_, reopened) = Tab::open(&backend);
    assert!(reopened.problems.is_empty());
    assert_eq!((reopened.journal.len(), reopened.journal.people_count()), (1, 1));
    assert_eq!(backend.get(META_KEY).unwrap(), Some(schema::encode_meta()));
}

pub(super) fn assessment(id: u64, day: u32, answer: u8) -> crate::model::assessment::Assessment {
    crate::model::assessment::Assessment {
        id: Id::from_raw(id),
        at: at(5, day),
        answers: {
            let mut answers = crate::model::assessment::Answers::default();
            crate::model::assessment::QUESTIONS.iter().for_each(|q| answers.set(q.id, answer));
            answers
        },
        note: format!("note {id}"),
        rev: Rev::default(),
    }
}

#[test]
fn self_assessments_are_saved_loaded_oldest_first_and_deleted_leaving_tombstones() {
    let backend = seeded();
    let (mut tab, _) = Tab::open(&backend);
    let second: crate::model::assessment::Assessment = saved(&tab.save(Op::create(assessment(2, 20, 4))).unwrap());
    let first: crate::model::assessment::Assessment = saved(&tab.save(Op::create(assessment(1, 3, 2))).unwrap());
    let (mut other_tab, reopened) = Tab::open(&backend);
    let ids: Vec<u64> = reopened.journal.assessments().iter().map(|a| a.id.raw()).collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(reopened.journal.assessments()[1], second);
    tab.save(Op::delete(&first)).unwrap();
    match other_tab.store.reload(Some("rapport:assessments")) {
        Reloaded::Kind(RecordKind::Assessment, list) => assert_eq!(list, [AnyRecord::from(second.clone())]),
        other => panic!("unexpected {other:?}"),
    }
    tab.save(Op::delete(&second)).unwrap();
    assert!(stored_ids(&backend, "rapport:assessments").is_empty());
    let json = codec::decode(&backend.get("rapport:assessments").unwrap().unwrap()).unwrap();
    assert_eq!(json.matches("\"rev\"").count(), 2, "two tombstones: {json}");
    assert!(matches!(other_tab.store.reload(Some("rapport:assessments")), Reloaded::Kind(_, list) if list.is_empty()));
}

#[test]
fn chains_tasks_and_career_entries_are_saved_each_in_their_group() {
    use crate::model::career::CareerEntry;
    use crate::model::chain::{Chain, Example};
    use crate::model::task::{Done, Task};
    let backend = seeded();
    let (mut tab, _) = Tab::open(&backend);
    let (mut other_tab, _) = Tab::open(&backend);
    let mut n = 500;
    let chain = Example::Warehouse.chain(
        Id::from_raw(40),
        || {
            n += 1;
            Id::from_raw(n)
        },
        0,
    );
    let task = Task {
        id: Id::from_raw(41),
        title: "Cut stock-outs".into(),
        received: at(3, 1).date(),
        due: Some(at(3, 20).date()),
        chain: Some(chain.id),
        link: Some(chain.links[0].id),
        person: None,
        expects: "fewer gaps".into(),
        exceed: "weekly report".into(),
        done: Some(Done { on: at(3, 18).date(), impact: "Stock-outs halved".into(), amount: None, career: true }),
        rev: Rev::default(),
    };
    let entry = CareerEntry {
        id: Id::from_raw(42),
        date: at(4, 1).date(),
        text: "Talk at the meetup".into(),
        amount: None,
        chain: None,
        person: None,
        rev: Rev::default(),
    };
    let chain: Chain = saved(&tab.save(Op::create(chain)).unwrap());
    let task: Task = saved(&tab.save(Op::create(task)).unwrap());
    let entry: CareerEntry = saved(&tab.save(Op::create(entry)).unwrap());
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.chains(), std::slice::from_ref(&chain));
    assert_eq!(reopened.journal.tasks(), std::slice::from_ref(&task));
    assert_eq!(reopened.journal.career_entries(), std::slice::from_ref(&entry));
    assert!(
        matches!(other_tab.store.reload(Some("rapport:tasks")), Reloaded::Kind(RecordKind::Task, t) if t.len() == 1)
    );
    tab.save(Op::join([Op::delete(&chain), Op::delete(&task), Op::delete(&entry)])).unwrap();
    for key in ["rapport:chains", "rapport:tasks", "rapport:career"] {
        assert!(stored_ids(&backend, key).is_empty(), "{key} emptied");
        assert!(matches!(other_tab.store.reload(Some(key)), Reloaded::Kind(_, r) if r.is_empty()));
    }
}

#[test]
fn a_version_2_journal_is_upgraded_and_gains_the_later_defaults() {
    let backend = MemoryBackend::new();
    backend.set(META_KEY, r#"J{"schema":2}"#).unwrap();
    backend.set(PEOPLE_KEY, r#"J{"v":2,"records":[{"id":"1","name":"Ana","role":"superior"}]}"#).unwrap();
    backend
        .set(
            "rapport:i:2026-03",
            r#"J{"v":2,"records":[{"id":"a","at":"2026-03-05T10:00","people":["1"],"kind":"call","initiated_by":"me"}]}"#,
        )
        .unwrap();
    backend
        .set("rapport:assessments", r#"J{"v":2,"records":[{"id":"b","at":"2026-03-01T08:00","answers":"t1=4"}]}"#)
        .unwrap();
    let (_, opened) = Tab::open(&backend);
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let ana = opened.journal.person(Id::from_raw(1)).unwrap();
    assert_eq!((ana.mode, ana.cadence_days, ana.boundaries.as_str()), (None, None, ""));
    assert!(ana.rev.is_saved(), "a stored record always has a revision");
    assert_eq!(opened.journal.interaction(Id::from_raw(10)).unwrap().initiated_by, Some(crate::model::Initiator::Me));
    assert_eq!(opened.journal.assessments().len(), 1);
    assert_eq!(opened.journal.settings(), &crate::model::review::Settings::default());
    assert_eq!(backend.get(META_KEY).unwrap(), Some(schema::encode_meta()));
    let written = codec::decode(&backend.get(PEOPLE_KEY).unwrap().unwrap()).unwrap();
    assert!(written.starts_with(&format!(r#"{{"v":{}"#, schema::SCHEMA_VERSION)), "{written}");
}

#[test]
fn reviews_and_settings_are_saved_and_loaded() {
    use crate::model::review::{Review, Settings, Trait};
    let backend = seeded();
    let (mut tab, opened) = Tab::open(&backend);
    let mut review = Review {
        id: Id::from_raw(70),
        started: at(5, 1).date(),
        finished: None,
        people: vec![Id::from_raw(1)],
        entries: Vec::new(),
        goals: Vec::new(),
        step: 0,
        rev: Rev::default(),
    };
    review.entry_mut(Id::from_raw(1)).rate(Trait::Respect, true, Some(4));
    let review: Review = saved(&tab.save(Op::create(review)).unwrap());
    // The default settings were never saved: changing them creates them.
    let settings = Settings { review_every_days: Some(30), ..opened.journal.settings().clone() };
    tab.save(Op::update(settings)).unwrap();
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.reviews(), [review]);
    assert_eq!(reopened.journal.settings().review_every_days, Some(30));
}
