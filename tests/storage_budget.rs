//! Ten years of heavy use must fit in the browser's storage with room to spare.

#[path = "support/sample.rs"]
mod sample;

use rapport::model::Op;
use rapport::store::{Accounting, Backend, KdfParams, LockStatus, MemoryBackend, PassphraseForm, Store, codec};

/// localStorage's quota per origin in Chromium, in UTF-16 units (measured;
/// Firefox allows the same).
const QUOTA: usize = 5_242_880;
/// The share of it the journal may use at 25,000 interactions.
const BUDGET: usize = QUOTA * 70 / 100;

/// The sample journal of 25,000 interactions, stored in Chromium's units.
fn twenty_five_thousand() -> (MemoryBackend, Store) {
    sample::stored(25_000)
}

// `sample::stored` saves with the store's quota: the one this file plans against.
const _: () = assert!(QUOTA == rapport::store::TYPICAL_QUOTA);

#[test]
fn twenty_five_thousand_interactions_fit_in_seventy_percent_of_the_quota() {
    let (people, interactions) = sample::journal(25_000);
    // Plain JSON would not even fit in the whole quota.
    let plain = serde_json::to_string(&interactions).unwrap().encode_utf16().count();
    assert!(plain > QUOTA, "plain JSON takes {plain} units");

    let backend = MemoryBackend::new().with_quota(QUOTA);
    let mut store = Store::new(backend.clone());
    store.open();
    store.merge(sample::records(people, interactions)).expect("fits in the quota");
    let used = backend.used_units();
    println!(
        "25,000 interactions: {used} units ({:.1} % of the quota), plain JSON {plain}",
        used as f64 * 100.0 / QUOTA as f64
    );
    assert!(used <= BUDGET, "{used} units is over the budget of {BUDGET}");

    let reopened = Store::new(backend).open();
    assert!(reopened.problems.is_empty());
    assert_eq!(reopened.journal.len(), 25_000);
    assert_eq!(reopened.journal.people_count(), 300);
}

/// WebKit counts bytes: the packed journal costs twice as much there. Ten
/// years still fit, and the store's own accounting (the Data page's gauge)
/// says what the quota enforces.
#[test]
fn twenty_five_thousand_interactions_fit_in_webkit_and_its_gauge_is_true() {
    let (people, interactions) = sample::journal(25_000);
    let backend = MemoryBackend::new().counting(Accounting::WebKit).with_quota(QUOTA);
    let mut store = Store::new(backend.clone());
    store.open();
    store.merge(sample::records(people, interactions)).expect("fits in WebKit's quota");
    let used = backend.used_units();
    let usage = store.usage().unwrap();
    println!("25,000 interactions in WebKit: {used} bytes ({:.1} % of the quota)", used as f64 * 100.0 / QUOTA as f64);
    assert_eq!(usage.origin, used);
    assert_eq!(usage.accounting, Accounting::WebKit);
    assert!(used <= BUDGET, "{used} bytes is over the budget of {BUDGET}");
    // The same journal costs about half in Chromium's units.
    let utf16: usize =
        backend.keys().unwrap().iter().map(|k| Accounting::Utf16.entry(k, &backend.get(k).unwrap().unwrap())).sum();
    assert!(used > utf16 * 19 / 10, "{used} against {utf16}");
}

/// The packings compared in each engine (the README's table): the journal as
/// stored (zlib packed 15 bits a character in U+4000–U+BFFF) against the same
/// zlib bytes one a Latin-1 character behind an `L<byte count>:` header, as an
/// 8-bit packing would store them; keys and small plain values as they are.
/// Chromium and Firefox charge UTF-16 units, WebKit bytes: the 8-bit packing
/// costs 15/8 as much in the first two, and 8/7.5 less in WebKit.
#[test]
fn the_packings_compared_in_each_engine() {
    let (backend, _store) = twenty_five_thousand();
    let engines =
        [("Chromium and Firefox", Accounting::Utf16, "UTF-16 units"), ("WebKit", Accounting::WebKit, "bytes")];
    // [engine][15-bit, 8-bit]
    let mut cost = [[0usize; 2]; 2];
    for key in backend.keys().unwrap() {
        let value = backend.get(&key).unwrap().unwrap();
        let latin1 = match codec::zlib_stream(&value) {
            Some(bytes) => format!("L{}:{}", bytes.len(), bytes.iter().map(|&b| char::from(b)).collect::<String>()),
            None => value.clone(),
        };
        for (e, (_, accounting, _)) in engines.iter().enumerate() {
            cost[e][0] += accounting.entry(&key, &value);
            cost[e][1] += accounting.entry(&key, &latin1);
        }
    }
    for (e, (engine, _, unit)) in engines.iter().enumerate() {
        for (p, packing) in ["15-bit", "8-bit Latin-1"].iter().enumerate() {
            let per = cost[e][p] as f64 / 25_000.0;
            println!(
                "{engine}, {packing} packing: 25,000 interactions take {} {unit} ({:.1} % of {QUOTA}), {per:.2} an interaction: {:.0} interactions fit",
                cost[e][p],
                cost[e][p] as f64 * 100.0 / QUOTA as f64,
                QUOTA as f64 / per
            );
        }
    }
    let [[utf16_15, utf16_8], [webkit_15, webkit_8]] = cost;
    // The 15-bit packing as stored is what the other tests measure.
    assert_eq!(utf16_15, backend.used_units());
    // 8 bits a unit against 15 where every character costs one unit...
    assert!(utf16_8 * 100 > utf16_15 * 180, "{utf16_8} against {utf16_15}");
    // ...and 8 bits a byte against 7.5 where WebKit charges packed text two.
    assert!(webkit_8 < webkit_15 && webkit_8 * 100 > webkit_15 * 90, "{webkit_8} against {webkit_15}");
}

#[test]
fn twenty_five_thousand_interactions_fit_in_seventy_percent_of_the_quota_with_the_lock_on() {
    let (backend, mut store) = twenty_five_thousand();
    let plain = backend.used_units();
    let keys = backend.keys().unwrap().len();
    // Any key-encryption key will do: the budget is about the data.
    let kek = [42; 32];
    store
        .turn_lock_on(&kek, KdfParams { iterations: 1, salt: [1; 16], form: PassphraseForm::Nfc })
        .expect("fits in the quota");
    let used = backend.used_units();
    println!(
        "25,000 interactions, locked: {used} units ({:.2} % of the quota; {:.2} % unlocked): {} units more for {keys} keys ({:.1} a key, the header included)",
        used as f64 * 100.0 / QUOTA as f64,
        plain as f64 * 100.0 / QUOTA as f64,
        used - plain,
        (used - plain) as f64 / keys as f64
    );
    assert!(used <= BUDGET, "{used} units is over the budget of {BUDGET}");

    let mut reopened = Store::new(backend);
    assert!(reopened.open().journal.is_empty());
    assert!(matches!(reopened.lock_status(), LockStatus::Locked { .. }));
    reopened.unlock(&kek).expect("unlocks");
    let opened = reopened.open();
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!((opened.journal.len(), opened.journal.people_count()), (25_000, 300));
}

#[test]
fn tombstones_of_two_thousand_deletions_fit_too() {
    // Ten years of use with 2,000 interactions deleted along the way: 25,000
    // kept, and a tombstone for each deleted one.
    let (people, interactions) = sample::journal(27_000);
    let backend = MemoryBackend::new().with_quota(QUOTA);
    let mut store = Store::new(backend.clone());
    store.open();
    let deleted: Vec<_> = interactions.iter().step_by(27_000 / 2_000).take(2_000).cloned().collect();
    store.merge(sample::records(people, interactions)).expect("fits in the quota");
    let mut op = Op::join(deleted.iter().map(Op::delete));
    op.stamp(1_800_000_000_000, 42);
    store.apply(&op).expect("deleted");
    let used = backend.used_units();
    println!(
        "25,000 interactions and 2,000 tombstones: {used} units ({:.1} % of the quota)",
        used as f64 * 100.0 / QUOTA as f64
    );
    assert!(used <= BUDGET, "{used} units is over the budget of {BUDGET}");
    let reopened = Store::new(backend).open();
    assert!(reopened.problems.is_empty());
    assert_eq!(reopened.journal.len(), 25_000);
    assert!(deleted.iter().all(|d| reopened.journal.interaction(d.id).is_none()));
}

#[test]
fn sample_notes_compress_no_better_than_real_notes() {
    // The budget above means something only if the sample's notes are no
    // easier to compress than what people write. `support/notes.txt` holds
    // thirty notes written by hand, as a user would.
    let real = include_str!("support/notes.txt");
    let (_, interactions) = sample::journal(2_000);
    let mut notes = String::new();
    for i in &interactions {
        if notes.len() >= real.len() {
            break;
        }
        notes.push_str(&i.notes);
        notes.push('\n');
    }
    let average = interactions.iter().map(|i| i.notes.len()).sum::<usize>() / interactions.len();
    assert!((130..=190).contains(&average), "notes average {average} characters");
    let (sample_ratio, real_ratio) = (sample::prose_ratio(&notes), sample::prose_ratio(real));
    println!("{}", notes.lines().take(3).collect::<Vec<_>>().join("\n"));
    println!("compressed/raw: sample notes {sample_ratio:.3}, hand-written notes {real_ratio:.3}");
    assert!(
        sample_ratio >= real_ratio * 0.95,
        "sample notes compress to {sample_ratio:.3}, hand-written ones to {real_ratio:.3}"
    );
}
