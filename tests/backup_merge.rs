//! Merging backups is idempotent and order-free, whatever two devices did
//! apart: property tests over random small journals that diverge from a
//! common start with additions, edits, moves to another month, deletions
//! and archives.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use rapport::model::{Id, Interaction, Journal, Kind, Op, Person, Rev};
use rapport::store::backup::{Backup, Contents};
use rapport::store::{Backend, MemoryBackend, Store};

fn day(month: u32, day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day).and_then(|d| d.and_hms_opt(10, 0, 0)).expect("a valid day")
}

fn interaction(id: u64, month: u32, people: Vec<Id>) -> Interaction {
    Interaction {
        id: Id::from_raw(id),
        at: day(month, 1 + (id % 28) as u32),
        people,
        kind: Kind::Meeting,
        minutes: None,
        notes: format!("Interaction {id}"),
        dependency: None,
        expectation: None,
        initiated_by: None,
        rev: Rev::default(),
    }
}

/// One device: its own storage, its own tab id and its own clock.
struct Device {
    backend: MemoryBackend,
    writer: u32,
    now: i64,
    next_id: u64,
}

impl Device {
    fn journal(&self) -> Journal {
        Store::new(self.backend.clone()).open().journal
    }

    fn save(&mut self, mut op: Op, step: i64) {
        self.now += step;
        op.stamp(self.now, self.writer);
        let mut store = Store::new(self.backend.clone());
        store.open();
        store.apply(&op).expect("saved on the device");
    }

    /// Does what `action` says to the `target`-th record of its kind.
    fn act(&mut self, action: Action) {
        let journal = self.journal();
        let interactions: Vec<Interaction> = journal.interactions().cloned().collect();
        let people: Vec<Person> = journal.people().cloned().collect();
        let pick = |n: usize| action.target % n.max(1);
        let step = i64::from(action.step);
        match action.what {
            0 => {
                self.next_id += 1;
                let id = self.next_id;
                let who = people.get(pick(people.len())).map(|p| vec![p.id]).unwrap_or_default();
                self.save(Op::create(interaction(id, action.month, who)), step);
            }
            1 if !interactions.is_empty() => {
                let mut edited = interactions[pick(interactions.len())].clone();
                edited.notes.push_str(&format!(" edited by {}", self.writer));
                self.save(Op::update(edited), step);
            }
            2 if !interactions.is_empty() => {
                let mut moved = interactions[pick(interactions.len())].clone();
                moved.at = day(action.month, 15);
                self.save(Op::update(moved), step);
            }
            3 if !interactions.is_empty() => self.save(Op::delete(&interactions[pick(interactions.len())]), step),
            4 if !people.is_empty() => {
                let mut renamed = people[pick(people.len())].clone();
                renamed.name.push_str(&format!(" {}", self.writer));
                self.save(Op::update(renamed), step);
            }
            5 if !people.is_empty() => self.save(Op::delete(&people[pick(people.len())]), step),
            // Archived (Data → Archive old years): a marked tombstone.
            6 if !interactions.is_empty() => self.save(Op::archive([&interactions[pick(interactions.len())]]), step),
            _ => {
                self.next_id += 1;
                self.save(Op::create(Person::named(Id::from_raw(self.next_id), "New")), step);
            }
        }
    }

    fn backup(&self) -> Backup {
        Store::new(self.backend.clone()).backup(day(12, 1)).expect("readable")
    }
}

#[derive(Clone, Copy, Debug)]
struct Action {
    what: u8,
    target: usize,
    month: u32,
    /// Milliseconds since the device's last write: 0 makes two writes in
    /// one millisecond, and the two devices' clocks overlap.
    step: u16,
}

fn action() -> impl Strategy<Value = Action> {
    (0u8..8, 0usize..16, 1u32..=12, 0u16..3).prop_map(|(what, target, month, step)| Action {
        what,
        target,
        month,
        step,
    })
}

/// A separate backend holding exactly what `backend` stores.
fn byte_copy(backend: &MemoryBackend) -> MemoryBackend {
    let copy = MemoryBackend::new();
    for key in backend.keys().expect("keys") {
        copy.set(&key, &backend.get(&key).expect("readable").unwrap_or_default()).expect("written");
    }
    copy
}

/// The common start: a few people and interactions, written by a third tab.
fn common_start(people: usize, interactions: usize) -> MemoryBackend {
    let mut start = Device { backend: MemoryBackend::new(), writer: 1, now: 1_800_000_000_000, next_id: 0 };
    for n in 0..people {
        start.save(Op::create(Person::named(Id::from_raw(n as u64 + 1), "Someone")), 1);
    }
    for n in 0..interactions {
        let id = 100 + n as u64;
        start.save(Op::create(interaction(id, 1 + (n % 4) as u32, vec![Id::from_raw(1)])), 1);
    }
    start.backend
}

fn device(start: &MemoryBackend, writer: u32, first_id: u64) -> Device {
    Device { backend: byte_copy(start), writer, now: 1_800_000_001_000, next_id: first_id }
}

/// What a journal holds, kind by kind; where a deletion is filed (which
/// month holds its tombstone) is storage's business, not the journal's.
fn journal_of(backend: &MemoryBackend) -> Vec<String> {
    let contents: Contents = Store::new(backend.clone()).backup(day(12, 1)).expect("readable").contents;
    contents
        .kinds()
        .flat_map(|(kind, c)| {
            let records = c.records.iter().map(move |r| format!("{kind:?} {}", r.to_json_text()));
            let deleted = c.deleted.iter().map(move |d| format!("{kind:?} {} deleted at {}", d.id, d.rev));
            records.chain(deleted).collect::<Vec<_>>()
        })
        .collect()
}

/// `file` merged into a copy of `into`.
fn merged(into: &MemoryBackend, file: &Backup) -> MemoryBackend {
    let result = byte_copy(into);
    let mut store = Store::new(result.clone());
    assert!(store.open().problems.is_empty());
    store.merge_backup(file).expect("merged");
    result
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_merge_cut_short_after_any_write_and_run_again_ends_as_one_that_was_not(
        people in 1usize..4,
        interactions in 0usize..6,
        on_a in prop::collection::vec(action(), 0..10),
        on_b in prop::collection::vec(action(), 0..10),
        cut_after in 0usize..8,
    ) {
        let start = common_start(people, interactions);
        let (mut a, mut b) = (device(&start, 2, 1_000), device(&start, 3, 2_000));
        on_a.into_iter().for_each(|action| a.act(action));
        on_b.into_iter().for_each(|action| b.act(action));
        let file = a.backup();
        let whole = merged(&b.backend, &file);

        let cut = byte_copy(&b.backend);
        let mut store = Store::new(cut.clone());
        store.open();
        cut.crash_after_writes(Some(cut_after));
        let first = store.merge_backup(&file);
        cut.crash_after_writes(None);
        // Cut short, every record of B is still there, in its version or a later one.
        let halfway = Store::new(cut.clone()).backup(day(12, 1)).expect("readable").contents;
        for (kind, contents) in b.backup().contents.kinds() {
            for record in &contents.records {
                let kept = halfway.kind(kind).records.iter().any(|r| r.id() == record.id() && r.rev() >= record.rev())
                    || halfway.kind(kind).deleted.iter().any(|d| d.id == record.id() && d.rev >= record.rev());
                prop_assert!(kept, "{:?} {} lost after {} writes", kind, record.id(), cut_after);
            }
        }
        if first.is_err() {
            let mut again = Store::new(cut.clone());
            again.open();
            again.merge_backup(&file).expect("finished");
        }
        prop_assert_eq!(journal_of(&cut), journal_of(&whole));
    }

    #[test]
    fn merging_two_devices_gives_the_same_journal_in_either_order_and_merging_again_changes_nothing(
        people in 1usize..4,
        interactions in 0usize..6,
        on_a in prop::collection::vec(action(), 0..10),
        on_b in prop::collection::vec(action(), 0..10),
    ) {
        let start = common_start(people, interactions);
        let (mut a, mut b) = (device(&start, 2, 1_000), device(&start, 3, 2_000));
        for action in on_a {
            a.act(action);
        }
        for action in on_b {
            b.act(action);
        }
        let (file_a, file_b) = (a.backup(), b.backup());

        let a_into_b = merged(&b.backend, &file_a);
        let b_into_a = merged(&a.backend, &file_b);
        prop_assert_eq!(journal_of(&a_into_b), journal_of(&b_into_a), "A into B, B into A");

        // Idempotent: the same file again, or the journal's own, writes nothing.
        for file in [&file_a, &file_b] {
            let before = journal_of(&a_into_b);
            let mut store = Store::new(a_into_b.clone());
            store.open();
            prop_assert_eq!(store.merge_backup(file).expect("merged").groups_written, 0);
            prop_assert_eq!(journal_of(&a_into_b), before);
        }

        // Both load cleanly, and no record of either device is lost: each is
        // there, or a later version or deletion of it is.
        let opened = Store::new(a_into_b.clone()).open();
        prop_assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        let result = Store::new(a_into_b.clone()).backup(day(12, 1)).expect("readable").contents;
        for file in [&file_a, &file_b] {
            for (kind, contents) in file.contents.kinds() {
                let here = result.kind(kind);
                for record in &contents.records {
                    let kept = here.records.iter().any(|r| r.id() == record.id() && r.rev() >= record.rev())
                        || here.deleted.iter().any(|d| d.id == record.id() && d.rev >= record.rev());
                    prop_assert!(kept, "{:?} {} lost", kind, record.id());
                }
                for deletion in &contents.deleted {
                    // An archive mark gives way to any version or deletion of the record.
                    let kept = here.records.iter().any(|r| r.id() == deletion.id && (deletion.archived || r.rev() > deletion.rev))
                        || here.deleted.iter().any(|d| d.id == deletion.id && (deletion.archived || d.rev >= deletion.rev));
                    prop_assert!(kept, "the deletion of {:?} {} lost", kind, deletion.id);
                }
            }
        }
        let shown: Vec<Id> = opened.journal.interactions().map(|i| i.id).collect();
        prop_assert_eq!(shown.len(), result.kind(rapport::model::RecordKind::Interaction).records.len());
    }
}
