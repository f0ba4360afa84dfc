//! What the store does before the serial code has come (a `split` build
//! opens an empty journal without it): nothing touches it, saves wait for it
//! without writing, and other tabs' changes are read once it is there.
//! [`crate::serial::withhold`] makes any use of it panic.

use super::*;
use crate::serial;

fn save_of(record: Person) -> Op {
    Op::create(record)
}

#[test]
fn an_empty_journal_opens_and_refuses_saves_without_the_serial_code() {
    let backend = MemoryBackend::new();
    serial::withhold();
    assert!(!Store::new(backend.clone()).must_wait_for_serial(), "nothing stored to read");
    let (mut tab, opened) = Tab::open(&backend);
    assert!(opened.journal.is_empty() && opened.problems.is_empty());
    assert_eq!(backend.get(META_KEY).unwrap(), Some(schema::encode_meta()), "the version, written by hand");
    let before = backend.keys().unwrap();
    assert_eq!(tab.save(save_of(person(1, "Ana"))), Err(SaveError::NotArrived));
    assert!(tab.store.apply_together(&save_of(person(2, "Ben"))).is_err());
    assert_eq!(tab.store.merge(vec![person(3, "Cy").into()]), Err(SaveError::NotArrived));
    assert_eq!(backend.keys().unwrap(), before, "nothing written");

    serial::provide(&serial::SerdeJson);
    assert_eq!(tab.store.serial_arrived().map(|_| ()), None, "no other tab wrote meanwhile");
    tab.save(save_of(person(1, "Ana"))).unwrap();
    let (_, reopened) = Tab::open(&backend);
    assert_eq!(reopened.journal.people().count(), 1);
}

#[test]
fn a_stored_journal_waits_for_the_serial_code() {
    let backend = seeded();
    serial::withhold();
    assert!(Store::new(backend.clone()).must_wait_for_serial());
    // Another site's pages on the same origin are not Rapport's to read.
    let others = MemoryBackend::new();
    others.set("another-app", "{}").unwrap();
    assert!(!Store::new(others).must_wait_for_serial());
    serial::provide(&serial::SerdeJson);
    assert!(!Store::new(backend).must_wait_for_serial());
}

#[test]
fn another_tabs_save_before_the_serial_code_came_is_read_once_it_has() {
    let backend = MemoryBackend::new();
    serial::withhold();
    let (mut waiting, _) = Tab::open(&backend);
    serial::provide(&serial::SerdeJson);
    let (mut writer, _) = Tab::open(&backend);
    writer.save(save_of(person(1, "Ana"))).unwrap();
    serial::withhold();
    assert!(matches!(waiting.store.reload(Some(PEOPLE_KEY)), Reloaded::Nothing), "nothing read yet");
    serial::provide(&serial::SerdeJson);
    match waiting.store.serial_arrived() {
        Some(Reloaded::Everything(opened)) => assert_eq!(opened.journal.people().count(), 1),
        _ => panic!("everything is read again once the serial code has come"),
    }
    assert!(waiting.store.serial_arrived().is_none(), "and only once");
}
