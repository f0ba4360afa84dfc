//! A journal locked by the native code, kept as a file: the browser test
//! (`tests/browser.rs`) unlocks the same file with the key WebCrypto
//! derives, so both ways of stretching a passphrase are held to one header.
//! Native only: it stretches the passphrase with the native PBKDF2.
#![cfg(not(target_arch = "wasm32"))]

use rapport::model::Id;
use rapport::store::{Backend, KdfParams, LockStatus, MemoryBackend, PassphraseForm, Store};

const PASSPHRASE: &str = "Zoë's café passphrase ☕";
const FIXTURE: &str = include_str!("support/locked_journal.json");

fn backend_of(json: &str) -> MemoryBackend {
    let values: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).unwrap();
    let backend = MemoryBackend::new();
    for (key, value) in values {
        backend.set(&key, value.as_str().unwrap()).unwrap();
    }
    backend
}

#[test]
fn the_fixture_unlocks_with_the_native_kdf() {
    let mut store = Store::new(backend_of(FIXTURE));
    store.open();
    let LockStatus::Locked { kdf } = store.lock_status() else { panic!("not locked") };
    assert_eq!(kdf.iterations, 10_000);
    // Written before passphrases were normalised: stretched as typed.
    assert_eq!(kdf.form, PassphraseForm::AsTyped);
    let kek = rapport::store::lock::derive_kek_blocking(PASSPHRASE, &kdf);
    store.unlock(&kek).expect("unlocks");
    let opened = store.open();
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(opened.journal.name_of(Id::from_raw(1)), "Ana Lima");
    assert_eq!(opened.journal.len(), 1);
}

/// Writes the fixture anew: `cargo test --test lock_fixture -- --ignored --nocapture`,
/// then save what it prints as tests/support/locked_journal.json.
#[test]
#[ignore]
fn write_the_fixture() {
    use rapport::model::{Interaction, Kind, Op, Person, Rev};
    let backend = MemoryBackend::new();
    let mut store = Store::new(backend.clone());
    store.open();
    let ana = Person::named(Id::from_raw(1), "Ana Lima");
    let lunch = Interaction {
        id: Id::from_raw(7),
        at: chrono::NaiveDate::from_ymd_opt(2026, 5, 4).unwrap().and_hms_opt(12, 30, 0).unwrap(),
        people: vec![Id::from_raw(1)],
        kind: Kind::Meal,
        minutes: Some(60),
        notes: "Lunch: the vendor review, and her move to Lisbon".into(),
        dependency: None,
        expectation: None,
        initiated_by: None,
        rev: Rev::default(),
    };
    let mut op = Op::save_interaction(lunch, true, vec![ana]);
    op.stamp(1_780_000_000_000, 1);
    store.apply(&op).unwrap();
    let kdf = KdfParams { iterations: 10_000, ..KdfParams::fresh().unwrap() };
    let kek = rapport::store::lock::derive_kek_blocking(PASSPHRASE, &kdf);
    store.turn_lock_on(&kek, kdf).unwrap();
    let values: serde_json::Map<String, serde_json::Value> =
        backend.keys().unwrap().into_iter().map(|k| (k.clone(), backend.get(&k).unwrap().unwrap().into())).collect();
    println!("{}", serde_json::to_string_pretty(&values).unwrap());
}
