//! Importing a large address book: 5,000 contacts read and planned against
//! a journal of 300 people, well within the 3 s for the whole
//! import on the 2-core machine (the rest is one save).
//!
//! The budget is checked in optimised builds only, where a time means
//! something; a debug build prints it:
//! `cargo test --release --test import_sample -- --nocapture`.

use std::fmt::Write;
use std::time::{Duration, Instant};

use rapport::model::import::{Action, Format, ImportPlan, Proposal, read};
use rapport::model::{Id, Journal, Person};

/// What reading and planning may take: a third of the 3 s, leaving
/// the rest for the save and the browser's slower WebAssembly.
const BUDGET: Duration = Duration::from_secs(1);

/// A LinkedIn export of `n` connections, the first 300 of whom are already
/// in People (by email for even rows, by name and company for odd ones).
fn linkedin(n: usize) -> String {
    let mut out = String::from(
        "Notes:\r\n\"When exporting your connection data, you may notice that some of the email addresses are \
         missing.\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n",
    );
    for i in 0..n {
        let email = if i % 2 == 0 { format!("person{i}@example.com") } else { String::new() };
        let _ = write!(
            out,
            "First{i},\"Last, {i}\",https://www.linkedin.com/in/p{i},{email},Company {},\"Role \"\"{}\"\"\",07 Dec 2025\r\n",
            i % 40,
            i % 7
        );
    }
    out
}

fn journal() -> Journal {
    let people = (0..300)
        .map(|i| Person {
            email: if i % 2 == 0 { format!("PERSON{i}@example.com") } else { String::new() },
            organization: format!("company {}", i % 40),
            ..Person::named(Id::from_raw(i + 1), &format!("First{i} Last, {i}"))
        })
        .collect();
    Journal::from_records(people, vec![])
}

#[test]
fn five_thousand_contacts_are_read_and_planned_within_the_budget() {
    let file = linkedin(5_000);
    let journal = journal();
    let started = Instant::now();
    let parsed = read(file.as_bytes()).expect("a LinkedIn file");
    let read_in = started.elapsed();
    let plan = ImportPlan::new(parsed, &journal);
    let mut next = 1_000;
    let (op, summary) = plan.apply(&journal, || {
        next += 1;
        Id::from_raw(next)
    });
    let took = started.elapsed();
    let mut chosen = plan.clone();
    let choosing = Instant::now();
    assert_eq!(chosen.choose_all(Action::Skip, &journal), 0);
    assert_eq!(chosen.choose_all(Action::Add, &journal), 300, "those already in People are not added again");
    let choosing = choosing.elapsed();
    println!(
        "5,000 contacts ({} bytes): read in {read_in:.1?}, read + planned + applied in {took:.1?}, all skipped \
         then all added in {choosing:.1?}; {}",
        file.len(),
        summary.message()
    );

    assert_eq!(plan.format, Format::LinkedIn);
    assert_eq!(plan.rows().len(), 5_000);
    assert!(plan.rows()[..300].iter().all(|r| r.proposal == Proposal::Update && r.action == Action::Update));
    assert_eq!((summary.added, summary.updated, summary.skipped.len()), (4_700, 300, 0));
    assert_eq!(op.changes.len(), 5_000, "one op: everything or nothing");
    if !cfg!(debug_assertions) {
        assert!(took < BUDGET, "{took:?} is over the budget of {BUDGET:?}");
        assert!(choosing < BUDGET / 10, "choosing for every row took {choosing:?}");
    }
}
