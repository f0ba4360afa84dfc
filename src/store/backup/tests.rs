//! The backup file and restoring it, against the memory backend.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::model::review::Settings;
use crate::model::{Interaction, Op, Person};
use crate::store::tests::{Tab, at, interaction, person, saved, seeded, snapshot};
use crate::store::{Backend, MemoryBackend, Problem, SaveError, Store, schema};

fn exported() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1).and_then(|d| d.and_hms_opt(9, 30, 5)).unwrap()
}

fn backup_of(backend: &MemoryBackend) -> Backup {
    Store::new(backend.clone()).backup(exported()).unwrap()
}

fn contents_of(backend: &MemoryBackend) -> Contents {
    backup_of(backend).contents
}

fn store_of(backend: &MemoryBackend) -> Store {
    let mut store = Store::new(backend.clone());
    store.open();
    store
}

/// Seeded (Ana; interactions 10 in March and 11 in April), then Bo added,
/// 11 deleted and the settings saved: every part of the format in use.
fn journal_with_a_deletion() -> MemoryBackend {
    let backend = seeded();
    add_bo_delete_11_and_save_settings(&backend);
    backend
}

fn add_bo_delete_11_and_save_settings(backend: &MemoryBackend) {
    let (mut tab, opened) = Tab::open(backend);
    tab.save(Op::create(person(2, "Bo"))).unwrap();
    tab.save(Op::delete(opened.journal.interaction(Id::from_raw(11)).unwrap())).unwrap();
    let settings = Settings { review_every_days: Some(30), ..opened.journal.settings().clone() };
    tab.save(Op::update(settings)).unwrap();
}

/// A separate backend holding exactly what `backend` stores.
fn byte_copy(backend: &MemoryBackend) -> MemoryBackend {
    let copy = MemoryBackend::new();
    for (key, value) in snapshot(backend) {
        copy.set(&key, &value.unwrap_or_default()).unwrap();
    }
    copy
}

/// Another device that started from a backup of `backend`.
fn copy_of(backend: &MemoryBackend) -> MemoryBackend {
    let copy = MemoryBackend::new();
    store_of(&copy).merge_backup(&backup_of(backend)).unwrap();
    copy
}

fn decode_error(text: &str) -> BackupError {
    Backup::decode(text).expect_err("not a backup")
}

// ---- the file ----

#[test]
fn a_backup_holds_every_record_with_its_revision_the_deletions_and_the_settings() {
    let backup = backup_of(&journal_with_a_deletion());
    let text = backup.encode();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["format"], "rapport-backup");
    assert_eq!((json["version"].as_u64(), json["schema"].as_u64()), (Some(1), Some(u64::from(schema::SCHEMA_VERSION))));
    assert_eq!(json["app"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json["exported"], "2026-12-01T09:30:05Z");
    assert_eq!(json["counts"]["interactions"], 1);
    assert_eq!(json["counts"]["people"], 2);
    assert_eq!(json["records"]["interactions"][0]["id"], "a");
    assert!(json["records"]["interactions"][0]["rev"].as_str().is_some_and(|r| r.split('.').count() == 3));
    assert_eq!(json["records"]["settings"][0]["review_every_days"], 30);
    assert_eq!(json["deleted"]["interactions"][0]["id"], "b");
    assert_eq!(json["deleted"]["interactions"][0]["month"], "2026-04");
    assert_eq!(json["records"]["tasks"], serde_json::json!([]), "every kind is listed, even empty");
    assert_eq!(backup.file_name(), "rapport-backup-2026-12-01.json");
    // One record per line, to read and compare.
    assert!(text.lines().any(|l| l.trim_start().starts_with("{\"id\":\"a\"")), "{text}");
}

#[test]
fn a_backup_reads_back_as_it_was_written() {
    let backup = backup_of(&journal_with_a_deletion());
    let read = Backup::decode(&backup.encode()).unwrap();
    assert_eq!(read, backup);
    assert_eq!(read.exported, Some(exported()));
}

#[test]
fn a_backup_names_the_stored_parts_it_could_not_read() {
    let backend = seeded();
    backend.set("rapport:i:2026-04", "Z5:damaged").unwrap();
    let backup = backup_of(&backend);
    assert_eq!(backup.left_out, ["the interactions of April 2026"]);
    assert_eq!(backup.count(RecordKind::Interaction), 1);
}

#[test]
fn a_tabs_own_copy_backs_up_every_saved_record_of_its_journal() {
    let backend = journal_with_a_deletion();
    let (_, opened) = Tab::open(&backend);
    let stored = contents_of(&backend);
    let of_tab = Contents::of_journal(&opened.journal);
    for (kind, contents) in stored.kinds() {
        assert_eq!(of_tab.kind(kind).records, contents.records, "{kind:?}");
        assert!(of_tab.kind(kind).deleted.is_empty());
    }
    let defaults = Contents::of_journal(&crate::model::Journal::default());
    assert!(defaults.kind(RecordKind::Settings).records.is_empty(), "default settings were never saved");
}

#[test]
fn an_empty_or_blank_file_is_empty() {
    assert_eq!(decode_error(""), BackupError::Empty);
    assert_eq!(decode_error(" \n\t"), BackupError::Empty);
    assert!(BackupError::Empty.to_string().contains("empty"));
}

#[test]
fn a_file_cut_short_says_so_with_the_line() {
    let text = backup_of(&journal_with_a_deletion()).encode();
    let cut = &text[..text.len() * 2 / 3];
    let error = decode_error(cut);
    assert!(matches!(error, BackupError::CutShort { line } if line > 5), "{error:?}");
    assert!(error.to_string().contains("cut short"), "{error}");
}

#[test]
fn text_that_is_not_json_is_named_as_such() {
    for text in ["Name,Email\nAna,ana@example.com\n", "<html><body>hi</body></html>", "{\"format\": rapport}"] {
        let error = decode_error(text);
        assert!(matches!(error, BackupError::NotJson { line: 1, .. }), "{text}: {error:?}");
        assert!(error.to_string().contains("not JSON"), "{error}");
    }
}

#[test]
fn another_programs_json_is_not_a_backup_and_the_message_says_what_it_is() {
    let error = decode_error(r#"{"name": "my-app", "dependencies": {}}"#);
    assert!(matches!(&error, BackupError::Foreign(what) if what.contains("“dependencies”, “name”")), "{error:?}");
    assert!(error.to_string().starts_with("The file is not a Rapport backup"), "{error}");
    assert!(matches!(decode_error("[1, 2, 3]"), BackupError::Foreign(what) if what.contains("list")));
    assert!(matches!(decode_error("42"), BackupError::Foreign(_)));
    assert!(matches!(decode_error("{}"), BackupError::Foreign(what) if what.contains("empty")));
    let other = decode_error(r#"{"format": "monica-export", "version": 1}"#);
    assert!(matches!(&other, BackupError::Foreign(what) if what.contains("monica-export")), "{other:?}");
}

#[test]
fn binary_garbage_is_refused_as_not_text() {
    let zip = "PK\u{3}\u{4}\u{14}\0\u{8}\0\u{8}\0";
    let image = "\u{fffd}PNG\r\n\u{1a}\n\0\0\0\rIHDR";
    for text in [zip, image] {
        assert_eq!(decode_error(text), BackupError::Binary);
    }
    assert!(BackupError::Binary.to_string().contains("not text"));
}

#[test]
fn a_fifty_megabyte_file_is_refused_before_it_is_read() {
    let huge = format!("{{\"format\": \"rapport-backup\", \"pad\": \"{}\"}}", "x".repeat(50 << 20));
    let started = std::time::Instant::now();
    let error = decode_error(&huge);
    assert!(matches!(error, BackupError::TooLarge { bytes } if bytes > 50 << 20), "{error:?}");
    assert!(started.elapsed() < std::time::Duration::from_millis(100), "not parsed: {:?}", started.elapsed());
    assert!(error.to_string().contains("51 MB"), "{error}");
}

#[test]
fn a_newer_format_or_newer_records_are_refused_with_a_message_that_says_so() {
    let newer = decode_error(r#"{"format": "rapport-backup", "version": 2, "schema": 9, "records": {"gadgets": 5}}"#);
    assert_eq!(newer, BackupError::Newer { format: 2, schema: 9 });
    assert!(newer.to_string().contains("newer version of Rapport"), "{newer}");
    let (now, next) = (schema::SCHEMA_VERSION, schema::SCHEMA_VERSION + 1);
    let text = backup_of(&seeded()).encode().replace(&format!("\"schema\": {now}"), &format!("\"schema\": {next}"));
    assert_eq!(decode_error(&text), BackupError::Newer { format: 1, schema: u64::from(next) });
}

#[test]
fn a_record_that_cannot_be_read_rejects_the_whole_file_naming_it() {
    let text = backup_of(&journal_with_a_deletion()).encode().replace("\"name\":\"Bo\"", "\"name\":42");
    let error = decode_error(&text);
    let BackupError::BadRecords { count, first } = &error else { panic!("{error:?}") };
    assert_eq!(*count, 1);
    assert!(first.starts_with("person 2 of “people”"), "{first}");
    assert!(error.to_string().contains("Nothing was restored"), "{error}");
}

#[test]
fn counts_that_disagree_with_the_records_mean_the_file_was_cut_or_edited() {
    let text = backup_of(&journal_with_a_deletion()).encode().replace("\"people\": 2", "\"people\": 3");
    let error = decode_error(&text);
    assert_eq!(error, BackupError::CountsDiffer { kind: RecordKind::Person, said: 3, found: 2 });
    assert!(error.to_string().contains("says it holds 3 people but 2 are there"), "{error}");
}

#[test]
fn damaged_parts_of_a_backup_are_named() {
    let base = r#"{"format": "rapport-backup", "version": 1, "schema": 4"#;
    let cases = [
        (format!("{base}}}").replace(", \"schema\": 4", ""), "no \"schema\""),
        (format!("{base}, \"exported\": \"yesterday\"}}"), "export time"),
        (format!("{base}, \"records\": [1]}}"), "not a list of records per kind"),
        (format!("{base}, \"records\": {{\"gadgets\": []}}}}"), "“gadgets”"),
        (r#"{"format": "rapport-backup", "version": "one"}"#.to_owned(), "not a whole number"),
        (r#"{"format": "rapport-backup", "version": 0}"#.to_owned(), "format version is 0"),
    ];
    for (text, expected) in cases {
        let error = decode_error(&text);
        assert!(matches!(&error, BackupError::Damaged(what) if what.contains(expected)), "{text}: {error:?}");
    }
    let no_month = format!("{base}, \"deleted\": {{\"interactions\": [{{\"id\": \"a\", \"rev\": \"5.0.1\"}}]}}}}");
    assert!(matches!(decode_error(&no_month), BackupError::BadRecords { first, .. } if first.contains("month")));
}

#[test]
fn records_of_an_older_schema_are_migrated_as_stored_ones_are() {
    let text = r#"{"format": "rapport-backup", "version": 1, "schema": 3,
        "records": {"people": [{"id": "1", "name": "Ana", "role": "peer", "updated": 1763000000000}]}}"#;
    let backup = Backup::decode(text).unwrap();
    let ana = &backup.contents.kind(RecordKind::Person).records[0];
    assert_eq!(ana.rev(), Rev::legacy(1_763_000_000_000));
    assert_eq!((backup.exported, backup.app.as_str()), (None, ""));
}

#[test]
fn the_raw_copy_of_storage_that_data_used_to_download_is_read_as_format_0() {
    let backend = journal_with_a_deletion();
    let raw: std::collections::BTreeMap<String, String> =
        Store::new(backend.clone()).raw_values().into_iter().collect();
    let old_file = serde_json::to_string(&raw).unwrap();
    let backup = Backup::decode(&old_file).unwrap();
    assert_eq!(backup.contents, contents_of(&backend));
    assert_eq!(backup.exported, None);
}

#[test]
fn format_migrations_run_from_the_files_version_in_order() {
    fn add_a(mut v: serde_json::Value) -> Result<serde_json::Value, String> {
        v["trail"] = format!("{}a", v["trail"].as_str().unwrap_or("")).into();
        Ok(v)
    }
    fn add_b(mut v: serde_json::Value) -> Result<serde_json::Value, String> {
        v["trail"] = format!("{}b", v["trail"].as_str().unwrap_or("")).into();
        Ok(v)
    }
    let steps: &[version::FormatStep] = &[add_a, add_b];
    let run = |from| version::migrate_format(steps, from, serde_json::json!({})).unwrap()["trail"].clone();
    assert_eq!((run(0), run(1), run(2)), ("ab".into(), "b".into(), serde_json::Value::Null));
}

// ---- preview ----

#[test]
fn the_preview_counts_each_record_as_new_newer_same_older_or_deleted() {
    // Device A: Ana, 10 (March), 11 (April). B starts as a copy of it.
    let a = seeded();
    let b = copy_of(&a);
    let (mut tab_a, in_a) = Tab::open(&a);
    let (mut tab_b, in_b) = Tab::open(&b);
    let ana = in_a.journal.person(Id::from_raw(1)).unwrap().clone();
    // A: renames Ana (newer), deletes 11 (deleted), adds Cy (new) and 12 (new).
    tab_a.save(Op::update(Person { name: "Ana Lima".into(), ..ana })).unwrap();
    tab_a.save(Op::delete(in_a.journal.interaction(Id::from_raw(11)).unwrap())).unwrap();
    tab_a.add(interaction(12, at(5, 1), &[3]), vec![person(3, "Cy")]);
    // B, later: edits 10 (so A's copy is older) and adds Dee (only here).
    let ten = in_b.journal.interaction(Id::from_raw(10)).unwrap().clone();
    tab_b.save(Op::update(Interaction { notes: "edited on B".into(), ..ten })).unwrap();
    tab_b.save(Op::create(person(4, "Dee"))).unwrap();

    let before = snapshot(&b);
    let preview = store_of(&b).preview(&backup_of(&a)).unwrap();
    let people = preview.kind(RecordKind::Person);
    assert_eq!((people.in_file, people.new, people.newer, people.same, people.only_here), (2, 1, 1, 0, 1));
    let talks = preview.kind(RecordKind::Interaction);
    assert_eq!((talks.in_file, talks.deleted_in_file), (2, 1));
    assert_eq!((talks.new, talks.newer, talks.older, talks.deleted, talks.same), (1, 0, 1, 1, 0));
    assert_eq!(preview.interactions_span, Some((at(3, 5).date(), at(5, 1).date())));
    assert!(preview.changes());

    // Of itself, a journal is the same in every record.
    let itself = store_of(&a).preview(&backup_of(&a)).unwrap();
    assert!(!itself.changes());
    assert_eq!(itself.kind(RecordKind::Person).same, 2);
    assert_eq!(itself.kind(RecordKind::Interaction).same, 3, "two records and a deletion");
    assert_eq!(snapshot(&b), before, "nothing written");
}

// ---- merge ----

#[test]
fn merging_keeps_the_later_version_of_each_record_and_removes_nothing_the_file_lacks() {
    let a = seeded();
    let b = copy_of(&a);
    add_bo_delete_11_and_save_settings(&a);
    let (mut tab_b, in_b) = Tab::open(&b);
    tab_b.save(Op::create(person(9, "Zed"))).unwrap();
    let before = snapshot(&b);
    let restored = store_of(&b).merge_backup(&backup_of(&a)).unwrap();
    assert!(restored.groups_written > 0 && snapshot(&b) != before);
    let (_, merged) = Tab::open(&b);
    assert!(merged.problems.is_empty(), "{:?}", merged.problems);
    let names: Vec<&str> = merged.journal.people().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 3, "Ana, Bo from the file, Zed kept: {names:?}");
    assert!(merged.journal.interaction(Id::from_raw(11)).is_none(), "the later deletion wins");
    assert_eq!(merged.journal.interaction(Id::from_raw(10)), in_b.journal.interaction(Id::from_raw(10)));
    assert_eq!(merged.journal.settings().review_every_days, Some(30));
    // Twice: nothing more to write.
    let again = snapshot(&b);
    assert_eq!(store_of(&b).merge_backup(&backup_of(&a)).unwrap().groups_written, 0);
    assert_eq!(snapshot(&b), again);
}

#[test]
fn a_deletion_of_a_record_never_seen_here_is_kept_so_a_third_devices_copy_stays_deleted() {
    let a = seeded();
    let c = copy_of(&a); // C has 10 and 11 as A first wrote them
    let b = MemoryBackend::new();
    let (mut tab_a, in_a) = Tab::open(&a);
    tab_a.save(Op::delete(in_a.journal.interaction(Id::from_raw(10)).unwrap())).unwrap();
    let preview = store_of(&b).preview(&backup_of(&a)).unwrap();
    assert_eq!(preview.kind(RecordKind::Interaction).deleted, 0, "nothing here to delete");
    store_of(&b).merge_backup(&backup_of(&a)).unwrap();
    store_of(&b).merge_backup(&backup_of(&c)).unwrap();
    let (_, merged) = Tab::open(&b);
    assert!(merged.journal.interaction(Id::from_raw(10)).is_none());
    assert!(merged.journal.interaction(Id::from_raw(11)).is_some());
}

#[test]
fn a_record_edited_here_after_the_backup_keeps_its_edit() {
    let backend = seeded();
    let old = backup_of(&backend);
    let (mut tab, opened) = Tab::open(&backend);
    let ten = opened.journal.interaction(Id::from_raw(10)).unwrap().clone();
    let edited: Interaction = saved(&tab.save(Op::update(Interaction { notes: "later".into(), ..ten })).unwrap());
    assert_eq!(store_of(&backend).merge_backup(&old).unwrap().groups_written, 0);
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.interaction(edited.id), Some(&edited));
}

/// A backend where another tab writes `value` to `key` just before this
/// tab reads it for the `nth` time.
struct AnotherTabWrites {
    inner: MemoryBackend,
    key: &'static str,
    value: String,
    reads_left: std::cell::Cell<usize>,
}

impl Backend for AnotherTabWrites {
    fn get(&self, key: &str) -> Result<Option<String>, crate::store::BackendError> {
        if key == self.key {
            let left = self.reads_left.get();
            self.reads_left.set(left.saturating_sub(1));
            if left == 1 {
                self.inner.set(key, &self.value)?;
            }
        }
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), crate::store::BackendError> {
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), crate::store::BackendError> {
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, crate::store::BackendError> {
        self.inner.keys()
    }
}

#[test]
fn another_tabs_write_during_a_merge_is_merged_with_never_overwritten() {
    let b = seeded();
    let a = copy_of(&b);
    let (mut tab_a, in_a) = Tab::open(&a);
    let ten = in_a.journal.interaction(Id::from_raw(10)).unwrap().clone();
    tab_a.save(Op::update(Interaction { notes: "from the file".into(), ..ten.clone() })).unwrap();
    tab_a.add(interaction(13, at(3, 20), &[1]), vec![]);
    let file = backup_of(&a);
    // Another tab of B edits 10 later still, between the merge's plan and its write.
    let other = byte_copy(&b);
    let (mut other_tab, _) = Tab::open(&other);
    let later: Interaction = saved(&other_tab.save(Op::update(Interaction { notes: "later".into(), ..ten })).unwrap());
    let value = other.get("rapport:i:2026-03").unwrap().unwrap();
    let backend = AnotherTabWrites { inner: b.clone(), key: "rapport:i:2026-03", value, reads_left: 2.into() };
    let mut store = Store::new(backend);
    store.merge_backup(&file).unwrap();
    let (_, merged) = Tab::open(&b);
    assert_eq!(merged.journal.interaction(later.id), Some(&later), "the other tab's later edit stays");
    assert!(merged.journal.interaction(Id::from_raw(13)).is_some(), "and the file's new record is added");
}

/// Device A moves 10 from March to June and deletes 11; B added 12 in March.
fn a_move_and_a_delete_to_merge() -> (MemoryBackend, Backup) {
    let a = seeded();
    let b = copy_of(&a);
    let (mut tab_a, in_a) = Tab::open(&a);
    let ten = in_a.journal.interaction(Id::from_raw(10)).unwrap().clone();
    tab_a.save(Op::update(Interaction { at: at(6, 1), ..ten })).unwrap();
    tab_a.save(Op::delete(in_a.journal.interaction(Id::from_raw(11)).unwrap())).unwrap();
    let (mut tab_b, _) = Tab::open(&b);
    tab_b.add(interaction(12, at(3, 9), &[1]), vec![]);
    (b, backup_of(&a))
}

#[test]
fn a_merge_moves_a_record_to_its_new_month_and_leaves_no_copy_behind() {
    let (b, file) = a_move_and_a_delete_to_merge();
    store_of(&b).merge_backup(&file).unwrap();
    assert_eq!(crate::store::tests::stored_ids(&b, "rapport:i:2026-03"), ["c"], "only B's 12 stays in March");
    let (_, merged) = Tab::open(&b);
    let ids: Vec<u64> = merged.journal.interactions().map(|i| i.id.raw()).collect();
    assert_eq!(ids, [10, 12]);
    assert_eq!(merged.journal.interaction(Id::from_raw(10)).map(|i| i.at), Some(at(6, 1)));
}

#[test]
fn a_merge_cut_short_after_any_write_loses_nothing_and_finishes_when_run_again() {
    let (start, file) = a_move_and_a_delete_to_merge();
    let reference = byte_copy(&start);
    store_of(&reference).merge_backup(&file).unwrap();
    let expected = contents_of(&reference);
    let mut finished = false;
    for cut_after in 0..6 {
        let b = byte_copy(&start);
        let before = contents_of(&b);
        b.crash_after_writes(Some(cut_after));
        let first = store_of(&b).merge_backup(&file);
        b.crash_after_writes(None);
        // Whatever was written, every record is there in its old or new version.
        let (_, halfway) = Tab::open(&b);
        assert_eq!(halfway.problems, reported_cut_short(cut_after, first.is_ok()), "after {cut_after}");
        for id in [10, 12] {
            assert!(halfway.journal.interaction(Id::from_raw(id)).is_some(), "after {cut_after}: {id} lost");
        }
        if first.is_ok() {
            assert_eq!(contents_of(&b), expected);
            finished = true;
            continue;
        }
        assert!(first.unwrap_err().to_string().contains("open the backup again"));
        // The first write marks the restore under way; the records follow.
        assert!(cut_after <= 1 || contents_of(&b) != before, "after {cut_after}: the first writes landed");
        store_of(&b).merge_backup(&file).unwrap();
        assert_eq!(contents_of(&b), expected, "re-run after {cut_after} writes");
        assert!(Tab::open(&b).1.problems.is_empty(), "finished, so no longer reported");
    }
    assert!(finished, "every write was cut once");
}

/// What the next load reports after a restore cut short after `cut_after`
/// writes: nothing if the restore finished, or if not even its mark was written.
fn reported_cut_short(cut_after: usize, finished: bool) -> Vec<Problem> {
    match (cut_after, finished) {
        (0, _) | (_, true) => vec![],
        _ => vec![Problem::RestoreCutShort { what: "the backup of 1 Dec 2026".into() }],
    }
}

#[test]
fn a_merge_that_would_not_fit_says_how_much_is_missing_and_writes_nothing() {
    let a = journal_with_a_deletion();
    let (mut tab_a, _) = Tab::open(&a);
    let mut long = interaction(70, at(4, 3), &[1]);
    long.notes = (0..2000).map(|n| (n * 7919 % 10007).to_string()).collect::<Vec<_>>().join(" ");
    tab_a.add(long, vec![]);
    let b = seeded();
    let b = b.clone().with_quota(b.used_units() + 500);
    let before = snapshot(&b);
    let error = store_of(&b).merge_backup(&backup_of(&a)).unwrap_err();
    let RestoreError::NoRoom { needed, quota } = error else { panic!("{error:?}") };
    assert!(needed > quota && error.missing() == needed - quota);
    assert!(error.to_string().contains("are missing. Nothing was written"), "{error}");
    assert_eq!(snapshot(&b), before);
    // Should the browser's own quota be smaller than planned for, a write fails and says what to do.
    let full = RestoreError::Save(SaveError::Full).to_string();
    assert!(full.contains("filled up") && full.contains("make room"), "{full}");
}

#[test]
fn a_merge_is_planned_in_the_running_engines_units() {
    use crate::store::Accounting;
    let file = backup_of(&journal_with_a_deletion());
    let measured = MemoryBackend::new();
    store_of(&measured).merge_backup(&file).unwrap();
    let cost = |a: Accounting| -> usize {
        measured.keys().unwrap().iter().map(|k| a.entry(k, &measured.get(k).unwrap().unwrap())).sum()
    };
    let (utf16, webkit) = (cost(Accounting::Utf16), cost(Accounting::WebKit));
    assert!(webkit > utf16, "{webkit} against {utf16}");
    let quota = (utf16 + webkit) / 2;
    // Room enough in Chromium's units...
    let chromium = MemoryBackend::new().with_quota(quota);
    store_of(&chromium).merge_backup(&file).unwrap();
    // ...but not in WebKit's bytes: refused before anything is written.
    let safari = MemoryBackend::new().counting(Accounting::WebKit).with_quota(quota);
    let mut store = store_of(&safari);
    let before = snapshot(&safari);
    let error = store.merge_backup(&file).unwrap_err();
    let RestoreError::NoRoom { needed, quota: said } = error else { panic!("{error:?}") };
    assert_eq!((needed, said), (webkit, quota));
    assert_eq!(snapshot(&safari), before);
}

#[test]
fn a_read_only_journal_or_unreadable_data_in_the_way_refuses_the_merge_and_writes_nothing() {
    let file = backup_of(&journal_with_a_deletion());
    let newer = seeded();
    newer.set(crate::store::META_KEY, "J{\"schema\":99}").unwrap();
    let before = snapshot(&newer);
    let error = store_of(&newer).merge_backup(&file).unwrap_err();
    assert!(matches!(error, RestoreError::Save(SaveError::ReadOnly(_))), "{error:?}");
    assert_eq!(snapshot(&newer), before);

    let blocked = seeded();
    blocked.set("rapport:people", "Z5:damaged").unwrap();
    let blocked = blocked.with_quota(0); // no room to set it aside: it stays in place
    let mut store = Store::new(blocked.clone());
    assert!(matches!(store.open().problems[0], Problem::LeftInPlace { .. }));
    let before = snapshot(&blocked);
    for error in [store.merge_backup(&file).unwrap_err(), store.replace_with(&file).unwrap_err()] {
        assert_eq!(error, RestoreError::Save(SaveError::Unreadable { key: "rapport:people".into() }));
    }
    assert_eq!(snapshot(&blocked), before);
}

// ---- replace ----

#[test]
fn replacing_makes_the_journal_exactly_the_file() {
    let file = backup_of(&journal_with_a_deletion());
    let b = MemoryBackend::new();
    let (mut tab_b, _) = Tab::open(&b);
    tab_b.add(interaction(30, at(7, 1), &[5]), vec![person(5, "Eve")]);
    store_of(&b).replace_with(&file).unwrap();
    assert_eq!(contents_of(&b), file.contents);
    let (_, replaced) = Tab::open(&b);
    assert!(replaced.problems.is_empty(), "{:?}", replaced.problems);
    assert!(b.get("rapport:i:2026-07").unwrap().is_some(), "emptied, never removed");
    assert_eq!(store_of(&b).replace_with(&file).unwrap().groups_written, 0, "run again: nothing to do");
}

#[test]
fn a_replace_cut_short_after_any_write_finishes_when_run_again() {
    let file = backup_of(&journal_with_a_deletion());
    let mut finished = false;
    for cut_after in 0..10 {
        let b = MemoryBackend::new();
        let (mut tab_b, _) = Tab::open(&b);
        tab_b.add(interaction(30, at(7, 1), &[5]), vec![person(5, "Eve")]);
        tab_b.add(interaction(31, at(3, 2), &[5]), vec![]);
        b.crash_after_writes(Some(cut_after));
        let first = store_of(&b).replace_with(&file);
        b.crash_after_writes(None);
        let (_, halfway) = Tab::open(&b);
        assert_eq!(halfway.problems, reported_cut_short(cut_after, first.is_ok()), "after {cut_after}");
        if first.is_ok() {
            assert_eq!(contents_of(&b), file.contents);
            finished = true;
            continue;
        }
        store_of(&b).replace_with(&file).unwrap();
        assert_eq!(contents_of(&b), file.contents, "re-run after {cut_after} writes");
        assert!(Tab::open(&b).1.problems.is_empty(), "finished, so no longer reported");
    }
    assert!(finished, "every write was cut once");
}
