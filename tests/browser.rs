//! Browser tests: the localStorage backend and the store on top of it, in
//! headless Chromium (`cargo test --target wasm32-unknown-unknown --test browser`).
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use rapport::model::{Id, Interaction, Kind, Op, Person, Rev};
use rapport::store::lock::{derive_kek, pbkdf2_sha256};
use rapport::store::{
    Backend, BackendError, KdfParams, LocalStorageBackend, LockError, LockStatus, PassphraseForm, SaveError, Store,
    storage_units,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn interaction(id: u64, notes: &str) -> Interaction {
    Interaction {
        id: Id::from_raw(id),
        at: NaiveDate::from_ymd_opt(2026, 5, 4).unwrap().and_hms_opt(9, 0, 0).unwrap(),
        people: vec![Id::from_raw(1)],
        kind: Kind::Meal,
        minutes: None,
        notes: notes.into(),
        dependency: None,
        expectation: None,
        initiated_by: None,
        rev: Rev::default(),
    }
}

/// `op` stamped as a tab saves it.
fn saved_now(mut op: Op) -> Op {
    op.stamp(js_sys::Date::now() as i64, 1);
    op
}

/// Fills localStorage until the browser refuses, with chunks that halve in
/// size so the quota is reached to within a few characters. Returns the keys.
fn fill_storage() -> Vec<String> {
    let s = storage();
    let mut keys = Vec::new();
    let mut chunk = 1 << 20;
    while chunk >= 16 {
        let key = format!("filler-{}", keys.len());
        let value = "x".repeat(chunk);
        match s.set_item(&key, &value) {
            Ok(()) => keys.push(key),
            Err(_) => chunk /= 2,
        }
    }
    keys
}

fn clear_fill(keys: &[String]) {
    for key in keys {
        storage().remove_item(key).unwrap();
    }
}

#[wasm_bindgen_test]
fn local_storage_backend_round_trips_every_character() {
    storage().clear().unwrap();
    let backend = LocalStorageBackend::open().expect("storage available");
    let value = "Zoë ☕ 😀 \u{4000}\u{BFFF} line\nbreak";
    backend.set("rapport:test", value).unwrap();
    assert_eq!(backend.get("rapport:test").unwrap().as_deref(), Some(value));
    assert_eq!(backend.get("rapport:absent").unwrap(), None);
    assert_eq!(backend.keys().unwrap(), ["rapport:test"]);
    backend.remove("rapport:test").unwrap();
    assert!(backend.keys().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn the_store_saves_and_reloads_through_local_storage() {
    storage().clear().unwrap();
    let mut store = Store::new(LocalStorageBackend::open().unwrap());
    store.open();
    let ana = Person::named(Id::from_raw(1), "Ana");
    store.apply(&saved_now(Op::save_interaction(interaction(7, "Lunch"), true, vec![ana]))).unwrap();
    let mut again = Store::new(LocalStorageBackend::open().unwrap());
    let opened = again.open();
    assert!(opened.problems.is_empty());
    assert_eq!(opened.journal.len(), 1);
    assert_eq!(opened.journal.name_of(Id::from_raw(1)), "Ana");
    assert!(storage().get_item("rapport:i:2026-05").unwrap().unwrap().starts_with('Z'));
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_nothing_saved_is_damaged() {
    storage().clear().unwrap();
    let mut store = Store::new(LocalStorageBackend::open().unwrap());
    store.open();
    let first = Op::save_interaction(interaction(1, "Kept safe"), true, vec![Person::named(Id::from_raw(1), "Ana")]);
    store.apply(&saved_now(first)).unwrap();
    let before = storage().get_item("rapport:i:2026-05").unwrap();

    let filler = fill_storage();
    // The browser itself reports the quota as QuotaExceededError.
    let backend = LocalStorageBackend::open().unwrap();
    assert_eq!(backend.set("rapport:probe", &"y".repeat(4096)), Err(BackendError::QuotaExceeded));

    let big: String = (0..3000).map(|n| char::from_u32(0x4E00 + (n * 7919) % 20000).unwrap()).collect();
    let second = saved_now(Op::create(interaction(2, &big)));
    let result = store.apply(&second);
    assert_eq!(result, Err(SaveError::Full));
    assert!(result.unwrap_err().to_string().contains("full"));
    assert_eq!(storage().get_item("rapport:i:2026-05").unwrap(), before, "the saved month is untouched");

    clear_fill(&filler);
    store.apply(&second).expect("saves once there is room");
    let opened = Store::new(LocalStorageBackend::open().unwrap()).open();
    assert_eq!(opened.journal.len(), 2);
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn the_quota_is_counted_in_utf16_units_as_the_store_assumes() {
    storage().clear().unwrap();
    let filler = fill_storage();
    let used: usize = (0..storage().length().unwrap())
        .filter_map(|i| storage().key(i).unwrap())
        .map(|k| storage_units(&k) + storage_units(&storage().get_item(&k).unwrap().unwrap()))
        .sum();
    clear_fill(&filler);
    // Chromium allows 5 MiB of UTF-16 units per origin; the fill gets within
    // one chunk of it.
    assert!((5_242_880 - 32..=5_242_880).contains(&used), "filled {used} units");
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[wasm_bindgen_test]
async fn webcrypto_pbkdf2_sha256_gives_the_rfc_7914_vectors() {
    // RFC 7914 §11, the first 32 of the 64 bytes given.
    let first = pbkdf2_sha256(b"passwd", b"salt", 1).await.unwrap();
    assert_eq!(hex(&first), "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    let second = pbkdf2_sha256(b"Password", b"NaCl", 80_000).await.unwrap();
    assert_eq!(hex(&second), "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
}

#[wasm_bindgen_test]
async fn the_browser_stretches_either_spelling_of_an_accented_passphrase_alike() {
    // The browser's String.prototype.normalize gives NFC, as the native crate does.
    let kdf = KdfParams { iterations: 2, ..KdfParams::fresh().unwrap() };
    assert_eq!(kdf.form, PassphraseForm::Nfc);
    let composed = derive_kek("Caf\u{e9} \u{d55c}", &kdf).await.unwrap();
    // é as e + U+0301; 한 as its three jamo.
    let decomposed = derive_kek("Cafe\u{301} \u{1112}\u{1161}\u{11ab}", &kdf).await.unwrap();
    assert_eq!(composed, decomposed);
    let bytes = pbkdf2_sha256("Caf\u{e9} \u{d55c}".as_bytes(), &kdf.salt, 2).await.unwrap();
    assert_eq!(composed, bytes, "NFC is the composed form");
}

/// The journal `tests/lock_fixture.rs` locked natively, put in localStorage.
fn store_fixture() {
    let values: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(include_str!("support/locked_journal.json")).unwrap();
    for (key, value) in values {
        storage().set_item(&key, value.as_str().unwrap()).unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_key_derived_by_webcrypto_unlocks_a_journal_locked_natively() {
    storage().clear().unwrap();
    store_fixture();
    let mut store = Store::new(LocalStorageBackend::open().unwrap());
    assert!(store.open().journal.is_empty());
    let LockStatus::Locked { kdf } = store.lock_status() else { panic!("not locked") };
    let wrong = derive_kek("Zoe's cafe passphrase ☕", &kdf).await.unwrap();
    assert_eq!(store.unlock(&wrong), Err(LockError::WrongPassphrase));
    let kek = derive_kek("Zoë's café passphrase ☕", &kdf).await.unwrap();
    store.unlock(&kek).expect("the natively written header opens");
    let opened = store.open();
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(opened.journal.name_of(Id::from_raw(1)), "Ana Lima");
    // A save in the browser is sealed with an IV from getRandomValues.
    store.apply(&saved_now(Op::create(interaction(8, "Coffee with Ana")))).unwrap();
    let month = storage().get_item("rapport:i:2026-05").unwrap().unwrap();
    assert!(month.starts_with('E') && !month.contains("Coffee"));
    let mut again = Store::new(LocalStorageBackend::open().unwrap());
    again.open();
    again.unlock(&kek).unwrap();
    assert_eq!(again.open().journal.len(), 2);
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn the_lock_turns_on_in_the_browser_with_a_fresh_salt() {
    storage().clear().unwrap();
    let mut store = Store::new(LocalStorageBackend::open().unwrap());
    store.open();
    let ana = Person::named(Id::from_raw(1), "Ana");
    store.apply(&saved_now(Op::save_interaction(interaction(7, "Lunch at the harbour"), true, vec![ana]))).unwrap();
    let kdf = KdfParams::fresh().unwrap();
    assert_ne!(kdf.salt, KdfParams::fresh().unwrap().salt);
    let started = js_sys::Date::now();
    let kek = derive_kek("a passphrase typed in the browser", &kdf).await.unwrap();
    console_log!("PBKDF2-SHA256, {} iterations, in WebCrypto: {:.0} ms", kdf.iterations, js_sys::Date::now() - started);
    store.turn_lock_on(&kek, kdf).unwrap();
    for i in 0..storage().length().unwrap() {
        let key = storage().key(i).unwrap().unwrap();
        let value = storage().get_item(&key).unwrap().unwrap();
        assert!(!value.contains("Ana") && !value.contains("harbour"), "{key}");
    }
    let mut again = Store::new(LocalStorageBackend::open().unwrap());
    again.open();
    assert_eq!(again.apply(&saved_now(Op::create(interaction(9, "x")))), Err(SaveError::Locked));
    again.unlock(&kek).unwrap();
    assert_eq!(again.open().journal.len(), 1);
    storage().clear().unwrap();
}
