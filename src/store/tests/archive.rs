//! Archiving old years: the file first, then one write per month; archived
//! is not deleted (merging the file brings the records back), yet no stale
//! tab or retry brings them back or writes over them.

use super::*;
use crate::store::backup::Backup;

fn on(year: i32, month: u32, day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, month, day).and_then(|d| d.and_hms_opt(9, 30, 0)).unwrap()
}

const EXPORTED: fn() -> NaiveDateTime = || on(2026, 12, 1);

/// Three years of journal: 2024 (ids 100…), 2025 (200…), 2026 (300…), in
/// several months each, with a deletion in 2024.
fn three_years() -> MemoryBackend {
    let backend = MemoryBackend::new();
    let (mut tab, _) = Tab::open(&backend);
    tab.add(interaction(100, on(2024, 2, 3), &[1]), vec![person(1, "Ana")]);
    for (n, (year, month)) in [(2024, 2), (2024, 9), (2025, 1), (2025, 6), (2025, 6), (2026, 3)].into_iter().enumerate()
    {
        let id = year as u64 % 100 * 100 + 1 + n as u64;
        tab.add(interaction(id, on(year, month, 10 + n as u32), &[1]), vec![]);
    }
    let gone = tab.add(interaction(190, on(2024, 9, 20), &[1]), vec![]);
    tab.save(Op::delete(&gone)).expect("deleted");
    backend
}

/// Archives what is stored before 1 January `year` as the app does: the
/// file first (as its text), then the removal. Returns the file's text.
fn archive(tab: &mut Tab, year: i32) -> Result<String, SaveError> {
    let backup = tab.store.archive_backup(Month { year, month: 1 }, EXPORTED()).expect("read");
    let text = tab.store.encode_backup(&backup).expect("written");
    let records: Vec<Interaction> = archived_in(&backup);
    tab.save_together(Op::archive(&records))?;
    Ok(text)
}

fn archived_in(backup: &Backup) -> Vec<Interaction> {
    let records = &backup.contents.kind(RecordKind::Interaction).records;
    records.iter().cloned().filter_map(Interaction::from_any).collect()
}

fn merge(tab: &mut Tab, text: &str) -> crate::store::backup::Preview {
    let backup = Backup::decode(text).expect("the archive reads as a backup");
    let preview = tab.store.preview(&backup).expect("previewed");
    tab.store.merge_backup(&backup).expect("merged");
    preview
}

fn year_ids(journal: &Journal, year: i32) -> Vec<u64> {
    let mut ids: Vec<u64> = journal.interactions().filter(|i| i.date().year() == year).map(|i| i.id.raw()).collect();
    ids.sort();
    ids
}

use chrono::Datelike;

#[test]
fn the_file_holds_exactly_the_interactions_before_the_year_and_they_leave() {
    let backend = three_years();
    let (mut tab, before) = Tab::open(&backend);
    let text = archive(&mut tab, 2025).expect("archived");
    let file = Backup::decode(&text).unwrap();
    let mut in_file: Vec<u64> = archived_in(&file).iter().map(|i| i.id.raw()).collect();
    in_file.sort();
    assert_eq!(in_file, year_ids(&before.journal, 2024));
    assert_eq!(in_file.len(), 3, "the deleted one is not archived");
    assert!(
        file.contents
            .kinds()
            .all(|(kind, c)| c.deleted.is_empty() && (kind == RecordKind::Interaction || c.records.is_empty())),
        "interactions only: no people, no deletions"
    );
    let (_, after) = Tab::open(&backend);
    assert!(after.problems.is_empty(), "{:?}", after.problems);
    assert_eq!(year_ids(&after.journal, 2024), Vec::<u64>::new());
    assert_eq!(year_ids(&after.journal, 2025), year_ids(&before.journal, 2025));
    assert_eq!(after.journal.people_count(), 1, "people stay");
    // The months keep archived tombstones, and their keys.
    let json = codec::decode(&backend.get("rapport:i:2024-02").unwrap().unwrap()).unwrap();
    assert!(json.contains(r#""archived":true"#) && json.contains(r#""records":[]"#), "{json}");
}

#[test]
fn archiving_writes_each_month_once() {
    let backend = three_years();
    let (mut tab, _) = Tab::open(&backend);
    // Two months before 2025: two writes, however many interactions.
    backend.crash_after_writes(Some(2));
    archive(&mut tab, 2025).expect("two writes are enough");
    backend.crash_after_writes(None);
    assert_eq!(year_ids(&Tab::open(&backend).1.journal, 2024), Vec::<u64>::new());
}

#[test]
fn merging_the_archive_brings_back_exactly_the_journal_before() {
    let backend = three_years();
    let (mut tab, before) = Tab::open(&backend);
    let text = archive(&mut tab, 2026).expect("archived");
    let (mut tab, _) = Tab::open(&backend);
    let preview = merge(&mut tab, &text);
    let interactions = preview.kind(RecordKind::Interaction);
    assert_eq!((interactions.returning, interactions.new, interactions.deleted), (6, 0, 0), "{interactions:?}");
    assert!(preview.changes());
    let (mut tab, after) = Tab::open(&backend);
    assert!(after.problems.is_empty(), "{:?}", after.problems);
    assert_eq!(after.journal, before.journal, "records identical, revisions included");
    // Merging it again changes nothing.
    let again = merge(&mut tab, &text);
    assert_eq!(again.kind(RecordKind::Interaction).same, 6);
    assert!(!again.changes());
}

#[test]
fn a_stale_tab_cannot_edit_delete_or_retry_an_archived_interaction_and_sees_the_archive() {
    let backend = three_years();
    let (mut here, _) = Tab::open(&backend);
    let (mut stale, opened) = Tab::open(&backend);
    let old = opened.journal.interaction(Id::from_raw(2402)).expect("in 2024").clone();
    // A save this tab queued before the archive (stamped, not yet written).
    let mut queued = old.clone();
    queued.notes = "queued before the archive".into();
    let mut retry = Op::update(queued);
    retry.stamp(1_900_000_000_000, 99);

    archive(&mut here, 2025).expect("archived");

    let mut edited = old.clone();
    edited.notes = "edited on a stale copy".into();
    let refused = stale.save(Op::update(edited));
    let Err(SaveError::Conflict(conflict)) = refused else { panic!("not refused: {refused:?}") };
    assert_eq!(conflict.theirs, None, "the conflict shows it gone, so the tab's view drops it");
    assert!(matches!(stale.save(Op::delete(&old)), Err(SaveError::Conflict(_))));
    let mut moved = old.clone();
    moved.at = on(2026, 5, 5);
    assert!(matches!(stale.save(Op::update(moved)), Err(SaveError::Conflict(_))), "nor moved to a later month");
    assert!(matches!(stale.store.apply(&retry), Err(SaveError::Conflict(_))));
    assert!(matches!(stale.store.apply_together(&retry), Err(SaveError::Conflict(_))));
    // Nor written back over by the stale tab's copy (after storage emptied).
    assert_eq!(stale.store.merge(vec![old.clone().into()]).expect("merged"), 0);

    // The stale tab hears of it as a change of those months, not as
    // storage emptied by something else.
    match stale.store.reload(Some("rapport:i:2024-09")) {
        Reloaded::Month(month, records) => assert!(month.year == 2024 && records.is_empty()),
        other => panic!("{other:?}"),
    }
    let (_, now) = Tab::open(&backend);
    assert_eq!(year_ids(&now.journal, 2024), Vec::<u64>::new(), "still archived");
}

#[test]
fn a_tab_closed_mid_archive_loses_nothing_and_the_archive_can_be_finished() {
    for writes in 0..2 {
        let backend = three_years();
        let (mut tab, full) = Tab::open(&backend);
        // The file is produced before anything is removed.
        let backup = tab.store.archive_backup(Month { year: 2025, month: 1 }, EXPORTED()).unwrap();
        let text = tab.store.encode_backup(&backup).unwrap();
        backend.crash_after_writes(Some(writes));
        assert!(tab.save_together(Op::archive(&archived_in(&backup))).is_err(), "cut short after {writes}");
        backend.crash_after_writes(None);
        let (mut tab, cut) = Tab::open(&backend);
        assert!(cut.problems.is_empty(), "after {writes}: {:?}", cut.problems);
        // Every interaction is here or in the file, never both lost.
        let file: Vec<u64> = archived_in(&Backup::decode(&text).unwrap()).iter().map(|i| i.id.raw()).collect();
        for id in ids(&full.journal) {
            assert!(cut.journal.interaction(Id::from_raw(id)).is_some() || file.contains(&id), "{id} lost");
        }
        // Archiving again finishes it; merging the file brings all back.
        archive(&mut tab, 2025).expect("finished");
        let (mut tab, done) = Tab::open(&backend);
        assert_eq!(year_ids(&done.journal, 2024), Vec::<u64>::new());
        merge(&mut tab, &text);
        assert_eq!(Tab::open(&backend).1.journal, full.journal, "after {writes} writes");
    }
}

#[test]
fn a_delete_after_the_restore_stays_a_delete_when_the_archive_is_merged_again() {
    let backend = three_years();
    let (mut tab, _) = Tab::open(&backend);
    let text = archive(&mut tab, 2025).expect("archived");
    let (mut tab, _) = Tab::open(&backend);
    merge(&mut tab, &text);
    let (mut tab, restored) = Tab::open(&backend);
    let back = restored.journal.interaction(Id::from_raw(2402)).expect("back").clone();
    tab.save(Op::delete(&back)).expect("deleted for real");
    let (mut tab, _) = Tab::open(&backend);
    let preview = merge(&mut tab, &text);
    assert_eq!(preview.kind(RecordKind::Interaction).returning, 0);
    assert_eq!(preview.kind(RecordKind::Interaction).older, 1, "the deletion here is later: kept");
    let (_, after) = Tab::open(&backend);
    assert!(after.journal.interaction(Id::from_raw(2402)).is_none(), "deleted stays deleted");
    assert_eq!(year_ids(&after.journal, 2024).len(), 2, "the other two are back");
}

#[test]
fn a_journal_backup_keeps_the_archive_marks_and_a_real_deletion_beats_them() {
    let backend = three_years();
    let (mut tab, _) = Tab::open(&backend);
    let archive_file = archive(&mut tab, 2025).expect("archived");
    // The whole journal's backup, with the archived tombstones.
    let backup = tab.store.backup(EXPORTED()).unwrap();
    let text = backup.encode();
    assert!(text.contains(r#""archived":true"#), "the marks travel in backups");
    assert_eq!(Backup::decode(&text).unwrap(), backup);
    // Restored on a new device, that device can take the archive back too.
    let device = MemoryBackend::new();
    let (mut other, _) = Tab::open(&device);
    other.store.merge_backup(&Backup::decode(&text).unwrap()).expect("restored");
    let preview = merge(&mut other, &archive_file);
    assert_eq!(preview.kind(RecordKind::Interaction).returning, 3);
    assert_eq!(year_ids(&Tab::open(&device).1.journal, 2024).len(), 3);
    // An archive mark never removes a live record elsewhere: merging the
    // backup into the device that has them back changes nothing.
    let (mut other, _) = Tab::open(&device);
    assert!(!merge(&mut other, &text).changes());
    assert_eq!(year_ids(&Tab::open(&device).1.journal, 2024).len(), 3);
    // A real deletion from a file beats an archived tombstone: it stays deleted.
    let (mut tab, _) = Tab::open(&backend);
    let mut deletion = Backup::decode(&archive_file).unwrap();
    let first = archived_in(&deletion)[0].clone();
    let mut contents = crate::store::backup::Contents::default();
    contents.set_records(RecordKind::Interaction, Vec::new());
    deletion.contents = contents;
    let deletion_json = format!(
        "\"deleted\": {{\n    \"interactions\": [{{\"id\":\"{}\",\"rev\":\"1999999999999.0.1\",\"month\":\"{}\"}}]",
        first.id,
        Month::of(first.date())
    );
    let with_deletion = deletion.encode().replacen("\"deleted\": {\n    \"interactions\": []", &deletion_json, 1);
    assert!(with_deletion.contains("1999999999999.0.1"), "{with_deletion}");
    merge(&mut tab, &with_deletion);
    let (mut tab, _) = Tab::open(&backend);
    merge(&mut tab, &archive_file);
    let after = Tab::open(&backend).1.journal;
    assert!(after.interaction(first.id).is_none(), "the real deletion won");
    assert_eq!(year_ids(&after, 2024).len(), 2);
}

#[test]
fn an_op_archiving_records_changed_since_writes_nothing() {
    let backend = three_years();
    let (mut here, _) = Tab::open(&backend);
    let (mut there, opened) = Tab::open(&backend);
    let backup = here.store.archive_backup(Month { year: 2025, month: 1 }, EXPORTED()).unwrap();
    let mut edited = opened.journal.interaction(Id::from_raw(2402)).unwrap().clone();
    edited.notes = "edited after the file was written".into();
    there.save(Op::update(edited)).expect("saved there");
    let before = snapshot(&backend);
    let refused = here.save_together(Op::archive(&archived_in(&backup)));
    assert!(matches!(refused, Err(SaveError::Conflict(_))), "{refused:?}");
    assert_eq!(snapshot(&backend), before, "all or nothing");
}

#[test]
fn the_previous_stored_form_still_reads_and_archive_marks_are_written_only_when_true() {
    // The journal as the previous build (schema 4) stored it: the same
    // groups, saying version 4, with plain tombstones.
    let backend = three_years();
    for key in backend.keys().unwrap() {
        let value = codec::decode(&backend.get(&key).unwrap().unwrap()).unwrap();
        let old = match key.as_str() {
            META_KEY => codec::plain(r#"{"schema":4}"#),
            _ => codec::compressed(&value.replacen(r#"{"v":5,"#, r#"{"v":4,"#, 1)),
        };
        backend.set(&key, &old).unwrap();
    }
    let month = codec::decode(&backend.get("rapport:i:2024-09").unwrap().unwrap()).unwrap();
    assert!(month.starts_with(r#"{"v":4,"#) && month.contains(r#""gone":[{"id":"#), "{month}");
    let (mut tab, opened) = Tab::open(&backend);
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(opened.journal.len(), 7);
    assert!(opened.journal.interaction(Id::from_raw(190)).is_none(), "its deletion still holds");
    // Upgraded in place; a plain tombstone is written without a mark.
    let month = codec::decode(&backend.get("rapport:i:2024-09").unwrap().unwrap()).unwrap();
    assert!(month.starts_with(r#"{"v":5,"#) && !month.contains("archived"), "{month}");
    assert_eq!(backend.get(META_KEY).unwrap(), Some(schema::encode_meta()));
    // It archives and restores as any journal.
    let text = archive(&mut tab, 2025).expect("archived");
    let month = codec::decode(&backend.get("rapport:i:2024-09").unwrap().unwrap()).unwrap();
    assert_eq!(month.matches(r#""archived":true"#).count(), 1, "{month}");
    let (mut tab, _) = Tab::open(&backend);
    merge(&mut tab, &text);
    assert_eq!(Tab::open(&backend).1.journal, opened.journal);
    // A build that reads up to version 4 finds this storage newer, and
    // turns read-only rather than saving the marks away.
    assert_eq!(schema::decode_meta(&schema::encode_meta()), Ok(5));
}

#[test]
fn with_the_lock_on_the_archive_file_is_encrypted_and_merges_back_with_the_passphrase() {
    let backend = three_years();
    let kek = [7; 32];
    let (mut tab, before) = Tab::open(&backend);
    tab.store
        .turn_lock_on(
            &kek,
            crate::store::KdfParams { iterations: 1, salt: [2; 16], form: crate::store::PassphraseForm::Nfc },
        )
        .expect("locked");
    let text = archive(&mut tab, 2025).expect("archived");
    assert!(!text.contains("Notes of interaction"), "nothing of the journal is readable in the file");
    assert!(matches!(Backup::decode(&text), Err(crate::store::backup::BackupError::Locked { .. })));
    for key in backend.keys().unwrap().into_iter().filter(|k| k.starts_with("rapport:i:2024")) {
        assert!(lock::seal::is_sealed(&backend.get(&key).unwrap().unwrap()), "{key} stays encrypted");
    }
    let file = Backup::decode_locked(&text, &kek).expect("opens with the passphrase's key");
    assert_eq!(archived_in(&file).len(), 3);
    let mut store = Store::new(backend.clone());
    store.open();
    store.unlock(&kek).expect("unlocked");
    assert_eq!(year_ids(&store.open().journal, 2024), Vec::<u64>::new());
    assert_eq!(store.preview(&file).unwrap().kind(RecordKind::Interaction).returning, 3);
    store.merge_backup(&file).expect("merged");
    assert_eq!(store.open().journal, before.journal);
}

/// Archives before `year` as the app does and returns the saved op, to undo.
fn archived_op(tab: &mut Tab, year: i32) -> (Op, String) {
    let backup = tab.store.archive_backup(Month { year, month: 1 }, EXPORTED()).expect("read");
    let text = tab.store.encode_backup(&backup).expect("written");
    (tab.save_together(Op::archive(&archived_in(&backup))).expect("archived"), text)
}

#[test]
fn undoing_an_archive_puts_every_interaction_back_in_one_write_per_month() {
    let backend = three_years();
    let (mut tab, before) = Tab::open(&backend);
    let (op, _) = archived_op(&mut tab, 2025);
    let undo = op.undo(&before.journal);
    assert_eq!(undo.changes.len(), 3);
    // Two months: two writes, as the archive took.
    backend.crash_after_writes(Some(2));
    tab.save_together(undo).expect("two writes are enough");
    backend.crash_after_writes(None);
    let (_, after) = Tab::open(&backend);
    assert!(after.problems.is_empty(), "{:?}", after.problems);
    assert_eq!(year_ids(&after.journal, 2024), year_ids(&before.journal, 2024));
    for id in year_ids(&before.journal, 2024) {
        let (was, is) = (before.journal.interaction(Id::from_raw(id)), after.journal.interaction(Id::from_raw(id)));
        let (was, is) = (was.expect("before"), is.expect("after"));
        assert!(is.rev > was.rev, "back at a later revision than the archive's file");
        assert_eq!((&is.notes, is.at, &is.people), (&was.notes, was.at, &was.people));
    }
    let json = codec::decode(&backend.get("rapport:i:2024-02").unwrap().unwrap()).unwrap();
    assert!(!json.contains("archived"), "no archived tombstone left: {json}");
}

#[test]
fn an_undo_after_the_file_was_merged_back_elsewhere_is_refused_and_writes_nothing() {
    let backend = three_years();
    let (mut here, before) = Tab::open(&backend);
    let (op, text) = archived_op(&mut here, 2025);
    let (mut other, _) = Tab::open(&backend);
    merge(&mut other, &text);
    let stored = snapshot(&backend);
    let refused = here.save_together(op.undo(&before.journal));
    assert!(matches!(refused, Err(SaveError::Conflict(_))), "{refused:?}");
    assert_eq!(snapshot(&backend), stored, "nothing written");
    assert_eq!(year_ids(&Tab::open(&backend).1.journal, 2024), year_ids(&before.journal, 2024), "back, from the file");
}

#[test]
fn an_undo_cut_short_by_a_closed_tab_loses_nothing_and_the_file_brings_back_the_rest() {
    let backend = three_years();
    let (mut tab, before) = Tab::open(&backend);
    let (op, text) = archived_op(&mut tab, 2025);
    // Two months to put back; the tab closes after the first write.
    backend.crash_after_writes(Some(1));
    assert!(tab.save_together(op.undo(&before.journal)).is_err(), "the second month was not written");
    backend.crash_after_writes(None);
    let (mut tab, after) = Tab::open(&backend);
    assert!(after.problems.is_empty(), "{:?}", after.problems);
    let back = year_ids(&after.journal, 2024);
    assert!(!back.is_empty() && back.len() < 3, "one month back, one still archived: {back:?}");
    merge(&mut tab, &text);
    assert_eq!(year_ids(&Tab::open(&backend).1.journal, 2024), year_ids(&before.journal, 2024));
}
