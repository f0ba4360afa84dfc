//! Archiving old years of the benchmark's journal (25,000 interactions,
//! ten years): how much room it frees, what the archived tombstones cost,
//! and that the Data page's estimate is close to what happens.
//! `cargo test --release --test archive_sample -- --nocapture` prints it.

#[path = "support/sample.rs"]
mod sample;

use rapport::model::archive::year_choices;
use rapport::model::room::MonthSize;
use rapport::model::{Interaction, Month, Op, Record, RecordKind};
use rapport::store::backup::Backup;
use rapport::store::{Backend, MemoryBackend, Store};

const QUOTA: usize = 5_242_880;

fn journal() -> (MemoryBackend, Store) {
    let (backend, _) = sample::stored(25_000);
    let mut store = Store::new(backend.clone());
    store.open();
    (backend, store)
}

fn archive(store: &mut Store, records: &[Interaction]) {
    let mut op = Op::archive(records);
    op.stamp(sample::end().and_utc().timestamp_millis() + 1, 7);
    store.apply_together(&op).expect("archived");
}

fn interactions_of(backup: &Backup) -> Vec<Interaction> {
    let records = &backup.contents.kind(RecordKind::Interaction).records;
    records.iter().cloned().filter_map(Interaction::from_any).collect()
}

#[test]
fn archiving_ten_thousand_of_twenty_five_thousand_frees_most_of_their_room() {
    let (backend, mut store) = journal();
    let before = backend.used_units();
    let opened = store.open();
    let mut oldest: Vec<Interaction> = opened.journal.interactions().cloned().collect();
    oldest.sort_by_key(|i| (i.at, i.id));
    oldest.truncate(10_000);
    let last = oldest.last().expect("10,000").date();
    archive(&mut store, &oldest);
    let after = backend.used_units();
    let freed = before - after;
    let reopened = Store::new(backend.clone()).open();
    assert_eq!(reopened.journal.len(), 15_000);
    assert!(reopened.problems.is_empty());
    println!(
        "archiving the oldest 10,000 of 25,000 interactions (to {last}): {before} → {after} units, {freed} freed ({:.1} % of the quota; {:.1} % → {:.1} %)",
        freed as f64 * 100.0 / QUOTA as f64,
        before as f64 * 100.0 / QUOTA as f64,
        after as f64 * 100.0 / QUOTA as f64,
    );
    assert!(freed > before * 35 / 100, "{freed} of {before}");
}

#[test]
fn the_year_choices_estimate_what_archiving_frees() {
    let (backend, mut store) = journal();
    let opened = store.open();
    let mut counts = std::collections::BTreeMap::new();
    for month in opened.journal.interactions().filter_map(Record::month) {
        *counts.entry(month).or_insert(0) += 1;
    }
    let months: Vec<MonthSize> = store
        .month_costs()
        .unwrap()
        .into_iter()
        .map(|(month, units)| MonthSize { month, units, interactions: counts.get(&month).copied().unwrap_or(0) })
        .collect();
    let choices = year_choices(&months, store.archive_cost());
    assert_eq!(choices.len(), 10, "{choices:?}");
    assert_eq!(
        choices.last().unwrap().interactions
            + counts.iter().filter(|(m, _)| m.year == choices.last().unwrap().year).map(|(_, n)| n).sum::<usize>(),
        25_000
    );
    // The choice nearest 10,000 interactions, archived as the Data page does.
    let choice = *choices.iter().min_by_key(|c| c.interactions.abs_diff(10_000)).unwrap();
    let before = backend.used_units();
    let exported = sample::end();
    let backup = store.archive_backup(Month { year: choice.year, month: 1 }, exported).unwrap();
    let file = store.encode_backup(&backup).unwrap();
    let records = interactions_of(&backup);
    assert_eq!(records.len(), choice.interactions);
    archive(&mut store, &records);
    let freed = before - backend.used_units();
    // What the archived months keep: their keys, empty groups and tombstones.
    let cutoff = format!("rapport:i:{}-01", choice.year);
    let archived_months: Vec<String> =
        backend.keys().unwrap().into_iter().filter(|k| k.starts_with("rapport:i:") && *k < cutoff).collect();
    let kept: usize = archived_months
        .iter()
        .map(|k| k.encode_utf16().count() + backend.get(k).unwrap().unwrap().encode_utf16().count())
        .sum();
    let estimated_kept: usize =
        months.iter().filter(|m| m.month.year < choice.year).map(|m| store.archive_cost().kept(m.interactions)).sum();
    println!(
        "{} archived months keep {kept} units ({:.1} an interaction archived; estimated {estimated_kept})",
        archived_months.len(),
        kept as f64 / choice.interactions as f64
    );
    println!(
        "before 1 January {}: {} interactions, estimated to free {} units, freed {freed} ({:+.2} %); the file is {} bytes",
        choice.year,
        choice.interactions,
        choice.frees,
        (choice.frees as f64 - freed as f64) * 100.0 / freed as f64,
        file.len()
    );
    assert!(choice.frees.abs_diff(freed) * 100 < freed, "estimate {} against {freed}: within 1 %", choice.frees);
    // And the file brings them all back.
    let mut store = Store::new(backend.clone());
    store.open();
    store.merge_backup(&Backup::decode(&file).unwrap()).expect("merged");
    let back = Store::new(backend.clone()).open();
    assert_eq!(back.journal.len(), 25_000);
    assert_eq!(back.journal, opened.journal);
}
