//! The lock: sealed values, keys, the store locked and unlocked, two tabs,
//! and turning the lock on and off cut short at every write.

use super::seal::{self, DataKey, Unseal};
use super::*;
use crate::model::{Interaction, Op};
use crate::store::backup::{Backup, BackupError, Contents};
use crate::store::tests::{PEOPLE_KEY, Tab, assessment, at, interaction, person, seeded};
use crate::store::{
    Accounting, Backend, KeyKind, META_KEY, MemoryBackend, Opened, Problem, QUARANTINE_PREFIX, Reloaded, SaveError,
    Store, classify, codec, schema, storage_units,
};

/// Few iterations: the tests are about the lock, not the stretching.
fn kdf(salt: u8) -> KdfParams {
    KdfParams { iterations: 1_000, salt: [salt; 16], form: PassphraseForm::Nfc }
}

fn kek(passphrase: &str, salt: u8) -> [u8; 32] {
    derive_kek_blocking(passphrase, &kdf(salt))
}

const NAMES: &[&str] = &["Ana", "Bo", "Notes of interaction", "Quarterly", "damaged"];

/// A journal of every shape: people, three months, an assessment, and a
/// value set aside earlier.
fn journal() -> MemoryBackend {
    let backend = seeded();
    let (mut tab, _) = Tab::open(&backend);
    tab.add(interaction(12, at(5, 3), &[1, 2]), vec![person(2, "Bo")]);
    tab.save(Op::create(assessment(5, 2, 4))).unwrap();
    backend.set("rapport:quarantine:rapport:i:2025-01", "Z5:Quarterly records, damaged").unwrap();
    backend
}

/// A separate copy of everything stored.
fn copy_of(backend: &MemoryBackend) -> MemoryBackend {
    let copy = MemoryBackend::new();
    for key in backend.keys().unwrap() {
        copy.set(&key, &backend.get(&key).unwrap().unwrap()).unwrap();
    }
    copy
}

fn contents(store: &Store) -> Contents {
    store.backup(at(12, 1)).expect("readable").contents
}

/// Opens the journal as a new tab would, unlocking with `kek` if it is locked.
fn open_with(backend: &MemoryBackend, kek: &[u8; 32]) -> (Store, Opened) {
    let mut store = Store::new(backend.clone());
    let mut opened = store.open();
    if matches!(store.lock_status(), LockStatus::Locked { .. }) {
        store.unlock(kek).expect("the header's key opens");
        opened = store.open();
    }
    (store, opened)
}

fn locked(backend: &MemoryBackend, kek: &[u8; 32]) -> Store {
    let mut store = Store::new(backend.clone());
    store.open();
    store.turn_lock_on(kek, kdf(1)).expect("locked");
    store
}

/// Every value of ours is sealed but the header and the meta value, and no
/// name or note is anywhere in storage.
fn assert_all_sealed(backend: &MemoryBackend) {
    for key in backend.keys().unwrap() {
        let value = backend.get(&key).unwrap().unwrap();
        // (The header is base64, where short names turn up by chance.)
        for name in NAMES.iter().filter(|_| key != LOCK_KEY) {
            assert!(!value.contains(name), "{key} holds “{name}” in plain text");
        }
        match classify(&key) {
            Some(KeyKind::Meta) => assert!(schema::meta_is_locked(&value)),
            Some(KeyKind::Lock) => assert!(Header::decode(&value).is_ok()),
            _ => assert!(seal::is_sealed(&value), "{key} is not sealed"),
        }
    }
}

fn assert_all_plain(backend: &MemoryBackend) {
    for key in backend.keys().unwrap() {
        let value = backend.get(&key).unwrap().unwrap();
        assert!(!seal::is_sealed(&value), "{key} is still sealed");
        assert_ne!(key, LOCK_KEY);
    }
    assert_eq!(backend.get(META_KEY).unwrap(), Some(schema::encode_meta()));
}

// ---- sealed values ----

#[test]
fn a_sealed_value_opens_exactly_as_it_was() {
    let key = DataKey::for_tests(7, 1);
    let group = codec::compressed(r#"{"v":4,"records":[{"id":"1","name":"Zoë ☕"}]}"#);
    for value in [group.as_str(), "J{\"schema\":4}", "Z5:damaged", "", "😀 \u{4000}\u{BFFF}", "Excel"] {
        let sealed = key.seal("rapport:people", value).unwrap();
        assert!(seal::is_sealed(&sealed) && !sealed.contains("Zo"), "{sealed}");
        assert_eq!(key.unseal("rapport:people", &sealed).as_deref(), Ok(value));
        assert_eq!(seal::sealed_units(value, Accounting::Utf16), storage_units(&sealed), "{value}");
        assert_eq!(seal::sealed_units(value, Accounting::WebKit), Accounting::WebKit.units(&sealed), "{value}");
        assert_eq!(seal::key_id_of(&sealed), Some(7));
        assert_ne!(key.seal("rapport:people", value).unwrap(), sealed, "a fresh IV each time");
    }
    assert_eq!(seal::key_id_of(&group), None);
}

#[test]
fn one_flipped_bit_anywhere_is_detected() {
    let key = DataKey::for_tests(0x0102_0304, 9);
    let sealed = key.seal("rapport:i:2026-04", &codec::compressed("{\"v\":4,\"records\":[]}")).unwrap();
    let chars: Vec<char> = sealed.chars().collect();
    let mut tried = 0;
    for at in 0..chars.len() {
        for bit in 0..16 {
            let Some(flipped) = char::from_u32(chars[at] as u32 ^ (1 << bit)) else { continue };
            let mut changed = chars.clone();
            changed[at] = flipped;
            let changed: String = changed.into_iter().collect();
            assert!(key.unseal("rapport:i:2026-04", &changed).is_err(), "bit {bit} of character {at} went unnoticed");
            tried += 1;
        }
    }
    assert!(tried > 500, "{tried}");
    // Cut short, or lengthened.
    assert_eq!(key.unseal("rapport:i:2026-04", &sealed[..sealed.len() - 3]), Err(Unseal::Damaged));
    assert_eq!(key.unseal("rapport:i:2026-04", &format!("{sealed}\u{4000}")), Err(Unseal::Damaged));
}

#[test]
fn a_value_moved_to_another_key_or_under_another_data_key_does_not_open() {
    let key = DataKey::for_tests(1, 1);
    let sealed = key.seal("rapport:i:2026-04", "Z5:notes").unwrap();
    assert_eq!(key.unseal("rapport:i:2026-05", &sealed), Err(Unseal::Forged));
    assert_eq!(key.unseal("rapport:people", &sealed), Err(Unseal::Forged));
    assert_eq!(DataKey::for_tests(2, 1).unseal("rapport:i:2026-04", &sealed), Err(Unseal::OtherKey(1)));
    assert_eq!(DataKey::for_tests(1, 2).unseal("rapport:i:2026-04", &sealed), Err(Unseal::Forged));
}

#[test]
fn the_data_key_unwraps_with_its_passphrase_only() {
    let key = DataKey::generate().unwrap();
    let wrapped = key.wrap(&kek("correct horse", 1)).unwrap();
    assert_eq!(wrapped.len(), 12 + 32 + 16);
    let again = DataKey::unwrap(&kek("correct horse", 1), key.id, &wrapped).unwrap();
    let sealed = key.seal("rapport:people", "J{}").unwrap();
    assert_eq!(again.unseal("rapport:people", &sealed).as_deref(), Ok("J{}"));
    for (kek, id) in
        [(kek("correct horse ", 1), key.id), (kek("correct horse", 2), key.id), (kek("correct horse", 1), key.id ^ 1)]
    {
        assert_eq!(DataKey::unwrap(&kek, id, &wrapped).unwrap_err(), LockError::WrongPassphrase);
    }
}

#[test]
fn pbkdf2_sha256_matches_rfc_7914() {
    // RFC 7914 §11: the first 32 of the 64 bytes given (the first block).
    let rfc = pbkdf2_sha256_blocking(b"passwd", b"salt", 1);
    assert_eq!(hex(&rfc), "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    let rfc = pbkdf2_sha256_blocking(b"Password", b"NaCl", 80_000);
    assert_eq!(hex(&rfc), "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
    let salt = [7; 16];
    assert_eq!(
        derive_kek_blocking("pass", &KdfParams { iterations: 2, salt, form: PassphraseForm::Nfc }),
        pbkdf2_sha256_blocking(b"pass", &salt, 2)
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_header_round_trips_and_refuses_what_it_does_not_know() {
    let header = Header { kdf: kdf(3), key_id: 0xdead_beef, wrapped: vec![5; 60], progress: Progress::Sealing };
    let value = header.encode();
    assert!(value.starts_with("J{\"lock\":1,\"kdf\":{\"name\":\"PBKDF2-SHA256\""), "{value}");
    assert_eq!(Header::decode(&value), Ok(header));
    assert!(matches!(Header::decode("J{\"lock\":2}"), Err(HeaderError::Newer(_))));
    let other_kdf = value.replace("PBKDF2-SHA256", "Argon2id");
    assert!(matches!(Header::decode(&other_kdf), Err(HeaderError::Newer(_))));
    assert!(matches!(Header::decode(&value.replace("sealing", "melting")), Err(HeaderError::Newer(_))));
    assert!(matches!(Header::decode("J{\"lock\":1}"), Err(HeaderError::Damaged(_))));
    assert!(matches!(Header::decode("garbage"), Err(HeaderError::Damaged(_))));
    assert!(value.contains("\"passphrase\":\"NFC\""), "{value}");
    let other_form = value.replace("\"NFC\"", "\"NFKD\"");
    assert!(matches!(Header::decode(&other_form), Err(HeaderError::Newer(w)) if w.contains("NFKD")));
}

/// "Café" typed as one code point for é, and as e + a combining accent.
const COMPOSED: &str = "Caf\u{e9} au lait";
const DECOMPOSED: &str = "Cafe\u{301} au lait";

#[test]
fn new_locks_open_with_either_spelling_of_an_accented_passphrase() {
    assert_ne!(COMPOSED, DECOMPOSED);
    let fresh = KdfParams::fresh().unwrap();
    assert_eq!(fresh.form, PassphraseForm::Nfc, "a new passphrase is stretched in its NFC form");
    let kdf = KdfParams { iterations: 3, ..fresh };
    assert_eq!(derive_kek_blocking(COMPOSED, &kdf), derive_kek_blocking(DECOMPOSED, &kdf));
    assert_eq!(derive_kek_blocking(COMPOSED, &kdf), pbkdf2_sha256_blocking(COMPOSED.as_bytes(), &kdf.salt, 3));
    assert_ne!(derive_kek_blocking(COMPOSED, &kdf), derive_kek_blocking("Cafe au lait", &kdf), "accents still count");

    // Through the store: locked with one spelling, unlocked with the other.
    let backend = journal();
    let mut store = Store::new(backend.clone());
    store.open();
    store.turn_lock_on(&derive_kek_blocking(DECOMPOSED, &kdf), kdf).unwrap();
    let mut tab = Store::new(backend.clone());
    tab.open();
    let LockStatus::Locked { kdf: stored } = tab.lock_status() else { panic!("locked") };
    assert_eq!(stored.form, PassphraseForm::Nfc, "the header keeps the form");
    assert_eq!(tab.unlock(&derive_kek_blocking(COMPOSED, &stored)), Ok(()));
}

#[test]
fn a_header_from_before_normalisation_still_stretches_the_passphrase_as_typed() {
    let kdf = KdfParams { form: PassphraseForm::AsTyped, ..kdf(4) };
    let header = Header { kdf: kdf.clone(), key_id: 7, wrapped: vec![1; 60], progress: Progress::Sealed };
    let value = header.encode();
    assert!(!value.contains("passphrase"), "written as before: {value}");
    assert_eq!(Header::decode(&value).map(|h| h.kdf.form), Ok(PassphraseForm::AsTyped));
    assert_eq!(derive_kek_blocking(DECOMPOSED, &kdf), pbkdf2_sha256_blocking(DECOMPOSED.as_bytes(), &kdf.salt, 1_000));
    assert_ne!(derive_kek_blocking(DECOMPOSED, &kdf), derive_kek_blocking(COMPOSED, &kdf));
}

// ---- the store ----

#[test]
fn a_locked_journal_round_trips_and_stores_nothing_readable() {
    let backend = journal();
    let before = contents(&Store::new(backend.clone()));
    let key = kek("a long passphrase", 1);
    let mut store = locked(&backend, &key);
    assert_eq!(store.lock_status(), LockStatus::Unlocked { change: None });
    assert_all_sealed(&backend);
    assert_eq!(contents(&store), before, "the tab that locked it reads on");

    // A new tab: locked, nothing shown, nothing saved.
    let mut other = Store::new(backend.clone());
    let opened = other.open();
    assert_eq!(opened.problems, [Problem::Locked]);
    assert!(opened.journal.is_empty());
    assert_eq!(other.lock_status(), LockStatus::Locked { kdf: kdf(1) });
    let mut op = Op::create(interaction(50, at(6, 1), &[1]));
    op.stamp(1_900_000_000_000, 7);
    assert_eq!(other.apply(&op), Err(SaveError::Locked));
    assert!(other.backup(at(12, 1)).is_err());
    assert_eq!(other.unlock(&kek("a long passphrase!", 1)), Err(LockError::WrongPassphrase));
    assert_eq!(other.lock_status(), LockStatus::Locked { kdf: kdf(1) });
    other.unlock(&key).unwrap();
    let opened = other.open();
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(opened.journal.len(), 3);
    assert_eq!(contents(&other), before);

    // Saves are sealed, and read back by the other tab.
    other.apply(&op).unwrap();
    assert_all_sealed(&backend);
    store.lock();
    assert_eq!(store.lock_status(), LockStatus::Locked { kdf: kdf(1) });
    assert_eq!(store.apply(&op), Err(SaveError::Locked));
    store.unlock(&key).unwrap();
    assert_eq!(store.open().journal.len(), 4);
}

#[test]
fn a_new_passphrase_rewraps_the_key_and_leaves_the_data_untouched() {
    let backend = journal();
    let old = kek("old passphrase", 1);
    let mut store = locked(&backend, &old);
    let values = |b: &MemoryBackend| -> Vec<(String, Option<String>)> {
        let mut keys: Vec<String> = b.keys().unwrap().into_iter().filter(|k| k != LOCK_KEY).collect();
        keys.sort();
        keys.into_iter().map(|k| (k.clone(), b.get(&k).unwrap())).collect()
    };
    let before = values(&backend);
    let new = kek("new passphrase", 2);
    assert_eq!(store.change_passphrase(&new, &new, kdf(2)), Err(LockError::WrongPassphrase));
    backend.crash_after_writes(Some(1));
    store.change_passphrase(&old, &new, kdf(2)).expect("one write");
    backend.crash_after_writes(None);
    assert_eq!(values(&backend), before, "only the header changed");
    let mut tab = Store::new(backend.clone());
    tab.open();
    assert_eq!(tab.lock_status(), LockStatus::Locked { kdf: kdf(2) });
    assert_eq!(tab.unlock(&old), Err(LockError::WrongPassphrase));
    tab.unlock(&new).unwrap();
    assert_eq!(tab.open().journal.len(), 3);
    // The tab that changed it goes on saving.
    store.open();
    assert!(store.apply(&stamped(Op::create(interaction(60, at(6, 2), &[1])))).is_ok());
}

fn stamped(mut op: Op) -> Op {
    op.stamp(1_900_000_000_000, 3);
    op
}

#[test]
fn turning_the_lock_on_cut_short_at_every_write_leaves_every_record_readable_and_finishes() {
    let original = journal();
    let before = contents(&Store::new(original.clone()));
    let key = kek("passphrase", 1);
    for n in 0.. {
        let backend = copy_of(&original);
        let mut store = Store::new(backend.clone());
        store.open();
        backend.crash_after_writes(Some(n));
        let outcome = store.turn_lock_on(&key, kdf(1));
        backend.crash_after_writes(None);
        if outcome.is_ok() {
            assert!(n > 6, "all the writes: {n}");
            assert_all_sealed(&backend);
            break;
        }
        assert!(matches!(outcome, Err(LockError::Storage(_))), "{outcome:?}");
        // Cut short after n writes: every record reads, with the key the header offers.
        let (mut tab, opened) = open_with(&backend, &key);
        assert_eq!(contents(&tab), before, "after {n} writes");
        assert!(opened.problems.iter().all(|p| matches!(p, Problem::LockChangeCutShort { turning_on: true })));
        match tab.lock_status() {
            LockStatus::Off => tab.turn_lock_on(&key, kdf(1)).unwrap(),
            LockStatus::Unlocked { change: Some(LockChange::TurningOn) } => tab.finish_lock_change().unwrap(),
            other => panic!("after {n} writes: {other:?}"),
        }
        assert_eq!(tab.lock_status(), LockStatus::Unlocked { change: None });
        assert_all_sealed(&backend);
        let (tab, opened) = open_with(&backend, &key);
        assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        assert_eq!(contents(&tab), before, "finished after {n} writes");
    }
}

#[test]
fn removing_the_lock_cut_short_at_every_write_leaves_every_record_readable_and_finishes() {
    let original = journal();
    let before = contents(&Store::new(original.clone()));
    let key = kek("passphrase", 1);
    locked(&original, &key);
    for n in 0.. {
        let backend = copy_of(&original);
        let (mut store, _) = open_with(&backend, &key);
        assert_eq!(store.remove_lock(&kek("wrong", 1)), Err(LockError::WrongPassphrase));
        backend.crash_after_writes(Some(n));
        let outcome = store.remove_lock(&key);
        backend.crash_after_writes(None);
        if outcome.is_ok() {
            assert!(n > 6, "all the writes: {n}");
            break;
        }
        assert!(matches!(outcome, Err(LockError::Storage(_))), "{outcome:?}");
        let (mut tab, opened) = open_with(&backend, &key);
        assert_eq!(contents(&tab), before, "after {n} writes");
        assert!(opened.problems.iter().all(|p| matches!(p, Problem::LockChangeCutShort { turning_on: false })));
        match tab.lock_status() {
            LockStatus::Unlocked { change: None } => tab.remove_lock(&key).unwrap(),
            LockStatus::Unlocked { change: Some(LockChange::TurningOff) } => tab.finish_lock_change().unwrap(),
            other => panic!("after {n} writes: {other:?}"),
        }
        assert_eq!(tab.lock_status(), LockStatus::Off);
        assert_all_plain(&backend);
        let (tab, opened) = open_with(&backend, &key);
        assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        assert_eq!(contents(&tab), before, "finished after {n} writes");
    }
}

#[test]
fn a_quota_too_small_for_the_sealed_journal_is_refused_before_writing() {
    let plain = journal();
    let used = plain.used_units();
    let backend = copy_of(&plain).with_quota(used + 100);
    let before = crate::store::tests::snapshot(&backend);
    let mut store = Store::new(backend.clone());
    store.open();
    match store.turn_lock_on(&kek("p", 1), kdf(1)) {
        Err(LockError::NoRoom { needed }) => assert!(needed > 0 && needed < 400, "{needed}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(crate::store::tests::snapshot(&backend), before, "nothing written");
    assert_eq!(store.lock_status(), LockStatus::Off);
}

#[test]
fn storage_filling_up_midway_rolls_the_lock_back() {
    let plain = journal();
    let before = contents(&Store::new(plain.clone()));
    let used = plain.used_units();
    // Room for the header, the meta value and one sealed value, not two.
    let header = Header { kdf: kdf(1), key_id: 0, wrapped: vec![0; 60], progress: Progress::Sealing };
    let room =
        storage_units(LOCK_KEY) + storage_units(&header.encode()) + storage_units(&schema::encode_meta_for(true))
            - storage_units(&schema::encode_meta())
            + 30;
    // The browser's real quota is smaller than the one it is planned against.
    let backend = copy_of(&plain).with_quota(used + room).reporting_quota(used * 10);
    let mut store = Store::new(backend.clone());
    store.open();
    let outcome = store.turn_lock_on(&kek("p", 1), kdf(1));
    assert!(matches!(outcome, Err(LockError::NoRoom { .. })), "{outcome:?}");
    assert!(outcome.unwrap_err().to_string().contains("Nothing was left encrypted"));
    assert_all_plain(&backend);
    assert_eq!(store.lock_status(), LockStatus::Off);
    let (tab, opened) = open_with(&backend, &[0; 32]);
    assert!(opened.problems.is_empty());
    assert_eq!(contents(&tab), before);
    // With room, it locks.
    let roomy = copy_of(&backend);
    let mut store = Store::new(roomy.clone());
    store.open();
    store.turn_lock_on(&kek("p", 1), kdf(1)).unwrap();
    assert_all_sealed(&roomy);
}

#[test]
fn two_unlocked_tabs_read_each_others_saves() {
    let backend = journal();
    let key = kek("p", 1);
    let mut a = locked(&backend, &key);
    let (mut b, _) = open_with(&backend, &key);
    a.apply(&stamped(Op::create(interaction(70, at(3, 20), &[1])))).unwrap();
    match b.reload(Some("rapport:i:2026-03")) {
        Reloaded::Month(_, records) => assert!(records.iter().any(|r| r.id.raw() == 70)),
        other => panic!("{other:?}"),
    }
    b.apply(&stamped(Op::save_interaction(interaction(71, at(4, 21), &[9]), true, vec![person(9, "Cy")]))).unwrap();
    match a.reload(Some(PEOPLE_KEY)) {
        Reloaded::Kind(_, people) => assert_eq!(people.len(), 3),
        other => panic!("{other:?}"),
    }
    assert!(matches!(a.reload(Some("rapport:i:2026-04")), Reloaded::Month(_, r) if r.len() == 2));
    assert!(matches!(a.reload(Some(LOCK_KEY)), Reloaded::Nothing));
    assert_all_sealed(&backend);
}

#[test]
fn a_tab_without_the_key_sees_the_lock_appear_and_reports_it() {
    let backend = journal();
    let (mut plain_tab, _) = Tab::open(&backend);
    let (mut unheard, _) = Tab::open(&backend);
    locked(&backend, &kek("p", 1));
    assert!(matches!(plain_tab.store.reload(Some(LOCK_KEY)), Reloaded::Problem(Problem::Locked)));
    assert!(matches!(plain_tab.store.lock_status(), LockStatus::Locked { .. }));
    assert!(matches!(plain_tab.store.reload(Some(PEOPLE_KEY)), Reloaded::Nothing), "nothing is read");
    assert_eq!(plain_tab.save(Op::create(assessment(6, 3, 2))), Err(SaveError::Locked));
    // A tab that hears of a sealed month before the header does not misread it.
    assert!(matches!(unheard.store.reload(Some("rapport:i:2026-03")), Reloaded::Problem(Problem::Locked)));
    assert!(matches!(unheard.store.lock_status(), LockStatus::Locked { .. }));
    assert!(backend.keys().unwrap().iter().all(|k| !k.starts_with(QUARANTINE_PREFIX) || k.ends_with("2025-01")));
}

#[test]
fn a_header_this_build_cannot_read_stops_a_tab_from_writing() {
    let backend = journal();
    let (mut tab, _) = Tab::open(&backend);
    backend.set(LOCK_KEY, "J{\"lock\":2}").unwrap();
    assert!(matches!(tab.store.reload(Some(LOCK_KEY)), Reloaded::Problem(Problem::UnreadableChange { .. })));
    assert!(matches!(tab.save(Op::create(assessment(6, 3, 2))), Err(SaveError::ReadOnly(_))));
    let mut other = Store::new(backend.clone());
    let opened = other.open();
    assert!(matches!(opened.problems.as_slice(), [Problem::Newer { .. }]), "{:?}", opened.problems);
    assert!(opened.journal.is_empty() && other.read_only().is_some());
}

#[test]
fn tabs_holding_the_key_follow_the_lock_being_removed() {
    let backend = journal();
    let key = kek("p", 1);
    let mut a = locked(&backend, &key);
    let (mut b, _) = open_with(&backend, &key);
    // A stops after marking the lock as being removed: B's saves go plain now.
    backend.crash_after_writes(Some(1));
    assert!(a.remove_lock(&key).is_err());
    backend.crash_after_writes(None);
    b.apply(&stamped(Op::create(interaction(80, at(9, 1), &[1])))).unwrap();
    assert!(!seal::is_sealed(&backend.get("rapport:i:2026-09").unwrap().unwrap()));
    a.finish_lock_change().unwrap();
    assert_all_plain(&backend);
    // B hears that the header went, and saves plain from then on.
    assert!(matches!(b.reload(Some(LOCK_KEY)), Reloaded::Nothing));
    assert_eq!(b.lock_status(), LockStatus::Off);
    b.apply(&stamped(Op::create(interaction(81, at(9, 2), &[1])))).unwrap();
    assert_all_plain(&backend);
    let (_, opened) = open_with(&backend, &key);
    assert_eq!(opened.journal.len(), 5);
    // A locked tab that hears the lock was removed reads everything.
    locked(&backend, &key);
    let mut c = Store::new(backend.clone());
    c.open();
    let (mut d, _) = open_with(&backend, &key);
    d.remove_lock(&key).unwrap();
    assert!(matches!(c.reload(Some(LOCK_KEY)), Reloaded::Everything(o) if o.journal.len() == 5));
}

#[test]
fn a_copy_written_back_after_storage_was_emptied_is_locked_as_before() {
    let backend = journal();
    let key = kek("p", 1);
    let mut tab = locked(&backend, &key);
    let journal = tab.open().journal;
    for name in backend.keys().unwrap() {
        backend.remove(&name).unwrap();
    }
    assert!(matches!(tab.reload(None), Reloaded::Problem(Problem::Disappeared { .. })));
    let records: Vec<crate::model::AnyRecord> =
        crate::model::RecordKind::ALL.iter().flat_map(|k| k.all(&journal)).collect();
    assert_eq!(tab.merge(records).unwrap(), 7, "three interactions, two people, the assessment, the settings");
    assert_all_sealed(&backend);
    let (_, reopened) = open_with(&backend, &key);
    assert_eq!(reopened.journal.len(), 3);
}

#[test]
fn a_value_that_fails_to_authenticate_is_set_aside_unchanged() {
    let backend = journal();
    let key = kek("p", 1);
    locked(&backend, &key);
    let month = "rapport:i:2026-04";
    let good = backend.get(month).unwrap().unwrap();
    let mut chars: Vec<char> = good.chars().collect();
    let mid = chars.len() / 2;
    chars[mid] = char::from_u32(chars[mid] as u32 ^ 0x20).unwrap();
    let forged: String = chars.into_iter().collect();
    backend.set(month, &forged).unwrap();
    // Another month's value, moved over one of its own.
    let march = backend.get("rapport:i:2026-03").unwrap().unwrap();
    backend.set("rapport:i:2026-05", &march).unwrap();

    let (tab, opened) = open_with(&backend, &key);
    let set_aside: Vec<&Problem> = opened.problems.iter().filter(|p| matches!(p, Problem::SetAside { .. })).collect();
    assert_eq!(set_aside.len(), 2, "{:?}", opened.problems);
    assert!(set_aside[0].message().contains("encrypted"), "{}", set_aside[0].message());
    let quarantine = format!("{QUARANTINE_PREFIX}{month}");
    assert_eq!(backend.get(&quarantine).unwrap(), Some(forged.clone()), "kept byte for byte");
    assert_eq!(backend.get(month).unwrap(), None);
    assert_eq!(opened.journal.len(), 1, "the rest loads");
    let items = tab.set_aside_items();
    assert!(items.iter().any(|i| i.key == quarantine && i.value == forged));
    let moved = format!("{QUARANTINE_PREFIX}rapport:i:2026-05");
    assert!(items.iter().any(|i| i.key == moved && i.value == march));
    // What was set aside before the lock reads, decrypted.
    assert!(items.iter().any(|i| i.value == "Z5:Quarterly records, damaged"));
    // Opening again sets nothing more aside.
    let (_, again) = open_with(&backend, &key);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
}

#[test]
fn an_unreadable_value_that_decrypts_is_set_aside_encrypted() {
    let backend = journal();
    let key = kek("p", 1);
    let store = locked(&backend, &key);
    let data_key = store.lock.key.as_ref().unwrap();
    let month = "rapport:i:2026-04";
    backend.set(month, &data_key.seal(month, "Z9:Ana's notes, damaged").unwrap()).unwrap();
    let (tab, opened) = open_with(&backend, &key);
    assert!(matches!(opened.problems.as_slice(), [Problem::SetAside { .. }]), "{:?}", opened.problems);
    assert_all_sealed(&backend);
    let item = tab.set_aside_items().into_iter().find(|i| i.key.ends_with(month)).unwrap();
    assert_eq!(item.value, "Z9:Ana's notes, damaged", "readable once unlocked");
    // Removing the lock decrypts what was set aside too.
    let mut tab = tab;
    tab.remove_lock(&key).unwrap();
    assert_eq!(backend.get(&item.key).unwrap().as_deref(), Some("Z9:Ana's notes, damaged"));
    assert_all_plain(&backend);
}

#[test]
fn a_plain_value_written_by_a_tab_that_had_not_heard_is_sealed_on_the_next_open() {
    let backend = journal();
    let key = kek("p", 1);
    let (mut unheard, _) = Tab::open(&backend);
    locked(&backend, &key);
    // Its save races the header: a new month, written plain.
    unheard.add(interaction(90, at(11, 1), &[1]), vec![]);
    assert!(!seal::is_sealed(&backend.get("rapport:i:2026-11").unwrap().unwrap()));
    let (_, opened) = open_with(&backend, &key);
    assert_eq!(opened.journal.len(), 4);
    assert_all_sealed(&backend);
}

#[test]
fn encrypted_backups_need_their_passphrase_and_plain_ones_still_open() {
    let backend = journal();
    let key = kek("p", 1);
    let store = locked(&backend, &key);
    let backup = store.backup(at(12, 1)).unwrap();
    let text = store.encode_backup(&backup).unwrap();
    // (Short names could turn up in base64 by chance.)
    for name in NAMES.iter().filter(|n| n.len() > 6) {
        assert!(!text.contains(name), "{name}");
    }
    assert!(text.contains("\"version\": 2") && text.contains("PBKDF2-SHA256"), "{text}");
    match Backup::decode(&text) {
        Err(e @ BackupError::Locked { .. }) => {
            assert_eq!(e, BackupError::Locked { kdf: kdf(1) });
            assert!(e.to_string().contains("passphrase"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(Backup::decode_locked(&text, &kek("q", 1)).unwrap_err(), BackupError::WrongPassphrase);
    let read = Backup::decode_locked(&text, &key).unwrap();
    assert_eq!(read.contents, backup.contents);
    // A flipped character in the payload.
    let at_payload = text.find("\"payload\": \"").unwrap() + 40;
    let mut bytes = text.clone().into_bytes();
    bytes[at_payload] = if bytes[at_payload] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(bytes).unwrap();
    assert!(matches!(Backup::decode_locked(&forged, &key), Err(BackupError::Damaged(_))));
    // Plain files open as before, with or without a passphrase.
    let plain = backup.encode();
    assert_eq!(Backup::decode(&plain).unwrap().contents, backup.contents);
    assert_eq!(Backup::decode_locked(&plain, &key).unwrap().contents, backup.contents);
    // And restoring it into a locked journal writes it sealed.
    let fresh = MemoryBackend::new();
    let mut target = locked(&fresh, &key);
    target.replace_with(&read).unwrap();
    assert_all_sealed(&fresh);
    let (tab, _) = open_with(&fresh, &key);
    assert_eq!(contents(&tab), backup.contents);
    assert_eq!(Store::new(MemoryBackend::new()).encode_backup(&backup).unwrap(), plain);
}

#[test]
fn interactions_saved_under_the_lock_move_between_months_as_before() {
    let backend = journal();
    let key = kek("p", 1);
    let mut store = locked(&backend, &key);
    let opened = store.open();
    let old = opened.journal.interaction(crate::model::Id::from_raw(10)).unwrap().clone();
    store.apply(&stamped(Op::update(Interaction { at: at(7, 1), ..old }))).unwrap();
    let (_, reopened) = open_with(&backend, &key);
    assert_eq!(reopened.journal.interaction(crate::model::Id::from_raw(10)).unwrap().at, at(7, 1));
    assert_all_sealed(&backend);
}
