//! Ten years of heavy use through the backup file: exported within its
//! budget, and restored into an empty browser exactly as it was.
//!
//! The budget is checked in optimised builds only, where a time means
//! something; a debug build prints it:
//! `cargo test --release --test backup_sample -- --nocapture`.

#[path = "support/sample.rs"]
mod sample;

use std::time::{Duration, Instant};

use rapport::model::{AnyRecord, Op, RecordKind};
use rapport::store::backup::Backup;
use rapport::store::{MemoryBackend, Store, TYPICAL_QUOTA};

/// What writing the file may take at 25,000 interactions.
const BUDGET: Duration = Duration::from_secs(1);

/// One record of each kind the sample does not make, as stored.
const OTHER_KINDS: &[(RecordKind, &str)] = &[
    (
        RecordKind::Assessment,
        r#"{"id":"s1","at":"2026-05-01T08:00","answers":"t1=4","note":"Busy spring","rev":"1770000000000.0.1"}"#,
    ),
    (
        RecordKind::Chain,
        r#"{"id":"c1","name":"Supplies","my_role":"Buyer","links":[{"id":"l1","role":"Customer"}],"position":0,"rev":"1770000000001.0.1"}"#,
    ),
    (RecordKind::Task, r#"{"id":"t1","title":"Audit","received":"2026-03-02","rev":"1770000000002.0.1"}"#),
    (RecordKind::Career, r#"{"id":"e1","date":"2026-03-03","text":"Talk at the meetup","rev":"1770000000003.0.1"}"#),
    (RecordKind::Review, r#"{"id":"r1","started":"2026-03-04","people":[],"rev":"1770000000004.0.1"}"#),
    (RecordKind::Settings, r#"{"id":"1","review_every_days":30,"rev":"1770000000005.0.1"}"#),
];

/// The sample journal, with 500 interactions deleted and a record of every other kind.
fn ten_years() -> MemoryBackend {
    let (people, interactions) = sample::journal(25_500);
    let deleted: Vec<_> = interactions.iter().step_by(51).take(500).cloned().collect();
    let mut records = sample::records(people, interactions);
    for (kind, json) in OTHER_KINDS {
        records.push(AnyRecord::from_json_text(*kind, json).expect("a valid record"));
    }
    let backend = MemoryBackend::new().with_quota(TYPICAL_QUOTA);
    let mut store = Store::new(backend.clone());
    store.open();
    store.merge(records).expect("fits");
    let mut op = Op::join(deleted.iter().map(Op::delete));
    op.stamp(1_800_000_000_000, 42);
    store.apply(&op).expect("deleted");
    backend
}

#[test]
fn twenty_five_thousand_interactions_export_within_the_budget_and_restore_exactly() {
    let backend = ten_years();
    let exported = sample::end();
    let store = Store::new(backend.clone());

    let started = Instant::now();
    let backup = store.backup(exported).expect("readable");
    let text = backup.encode();
    let export = started.elapsed();
    assert!(backup.left_out.is_empty());
    assert_eq!(backup.count(RecordKind::Interaction), 25_000);
    assert_eq!(backup.contents.kind(RecordKind::Interaction).deleted.len(), 500);
    for kind in RecordKind::ALL {
        assert!(backup.count(*kind) > 0, "{kind:?} is in the file");
    }

    let started = Instant::now();
    let read = Backup::decode(&text).expect("reads back");
    let decode = started.elapsed();
    assert_eq!(read.contents, backup.contents);

    let fresh = MemoryBackend::new().with_quota(TYPICAL_QUOTA);
    let mut restored = Store::new(fresh.clone());
    restored.open();
    let started = Instant::now();
    restored.merge_backup(&read).expect("fits in an empty browser");
    let merge = started.elapsed();
    // Merging the same file again, as two devices in step do: nothing to write.
    let started = Instant::now();
    assert_eq!(restored.merge_backup(&read).expect("merged").groups_written, 0);
    let merge_again = started.elapsed();
    let again = Store::new(fresh.clone()).backup(exported).expect("readable");
    assert_eq!(again.contents, backup.contents, "every kind equal after restore");
    let opened = Store::new(fresh.clone()).open();
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!((opened.journal.len(), opened.journal.people_count()), (25_000, 300));
    assert_eq!(opened.journal.settings().review_every_days, Some(30));

    let indented = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&text).expect("JSON"))
        .expect("serialises")
        .len();
    let compact = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).expect("JSON"))
        .expect("serialises")
        .len();
    println!(
        "25,000 interactions, 500 deletions: export {export:.2?} ({} bytes, {:.1} MB; every field indented would be {indented}, all on one line {compact}), decode {decode:.2?}, merge into an empty store {merge:.2?} ({:.1} % of the quota), the same file again {merge_again:.2?}",
        text.len(),
        text.len() as f64 / 1e6,
        fresh.used_units() as f64 * 100.0 / TYPICAL_QUOTA as f64,
    );
    if !cfg!(debug_assertions) {
        assert!(export < BUDGET, "export took {export:?}, over the budget of {BUDGET:?}");
    }
}
