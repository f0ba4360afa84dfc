//! The Insights screen on ten years of heavy use: its numbers agree with
//! counts made another way, and it computes within its budget.
//!
//! The budget is checked in optimised builds only, where a time means
//! something; a debug build prints it:
//! `cargo test --release --test insights_sample -- --nocapture`.

#[path = "support/sample.rs"]
mod sample;

use std::time::{Duration, Instant};

use chrono::Datelike;
use rapport::model::insights::{MONTHS, WEEKS, insights};
use rapport::model::relationship::tally_all;
use rapport::model::text::thousands;
use rapport::model::{Interaction, Journal, Reliance, Standing};

/// What the screen may take to compute at 25,000 interactions.
const BUDGET: Duration = Duration::from_millis(100);

#[test]
fn twenty_five_thousand_interactions_agree_with_direct_counts_within_the_budget() {
    let (people, interactions) = sample::journal(25_000);
    let journal = Journal::from_records(people, interactions);
    let today = sample::end().date();

    let runs = 5;
    let started = Instant::now();
    let mut computed = insights(&journal, today);
    for _ in 1..runs {
        computed = insights(&journal, today);
    }
    let each = started.elapsed() / runs;
    println!("insights on {} interactions: {each:.2?} each, over {runs} runs", journal.len());
    for summary in [
        computed.weeks_summary(),
        computed.growth_summary(),
        computed.balance_summary(),
        computed.reach_summary(),
        computed.expectations_summary(),
    ] {
        println!("  {summary}");
    }

    // The windows, counted again the plain way.
    let first_monday = computed.weeks[0].monday;
    let in_weeks = journal.interactions().filter(|i| i.date() >= first_monday && i.date() <= today).count();
    assert_eq!(computed.interactions_in_weeks(), in_weeks);
    assert!(
        computed.weeks_summary().starts_with(&format!("{} interactions in the last 52 weeks", thousands(in_weeks)))
    );
    assert!(in_weeks > 2_000, "heavy use logs about 2,500 a year: {in_weeks}");
    assert_eq!(computed.weeks.len(), WEEKS);

    let window_start = chrono::NaiveDate::from_ymd_opt(today.year() - 1, today.month() + 1, 1)
        .or_else(|| chrono::NaiveDate::from_ymd_opt(today.year(), 1, 1))
        .expect("a valid first day");
    let in_months = |i: &&Interaction| i.date() >= window_start && i.date() <= today;
    assert_eq!(computed.growth.len(), MONTHS);
    let expectations: usize = computed.expectations.iter().map(|m| m.open + m.met + m.missed).sum();
    assert_eq!(expectations, journal.interactions().filter(in_months).filter(|i| i.expectation.is_some()).count());
    let relying = |pred: fn(Reliance) -> bool| {
        journal
            .interactions()
            .filter(in_months)
            .filter(|i| i.dependency.as_ref().is_some_and(|d| pred(d.reliance)))
            .count()
    };
    assert_eq!(computed.balance.they_rely_on_me, relying(|r| r != Reliance::IRelyOnThem));
    assert_eq!(computed.balance.i_rely_on_them, relying(|r| r != Reliance::TheyRelyOnMe));

    // Who became a relationship in the window: a relationship today, a
    // contact (or unknown) the day before the window.
    let before = tally_all(journal.interactions().filter(|i| i.date() < window_start));
    let now = tally_all(journal.interactions().filter(|i| i.date() <= today));
    let turned = now
        .iter()
        .filter(|(id, t)| t.standing() == Standing::Relationship && journal.person(**id).is_some())
        .filter(|(id, _)| before.get(id).is_none_or(|t| t.standing() == Standing::Contact))
        .count();
    assert_eq!(computed.growth.iter().map(|m| m.new_relationships).sum::<usize>(), turned);
    let new_contacts = now.keys().filter(|id| !before.contains_key(id) && journal.person(**id).is_some()).count();
    assert_eq!(computed.growth.iter().map(|m| m.new_contacts).sum::<usize>(), new_contacts);

    let met: std::collections::HashSet<_> =
        journal.interactions().filter(in_months).flat_map(|i| i.people.iter()).collect();
    assert_eq!(computed.reach.people, met.len());
    assert_eq!(computed.reach.by_role.iter().map(|r| r.people).sum::<usize>(), met.len());
    assert!(computed.reach.organizations > 0 && computed.reach.organizations <= 20, "the sample has 20 organizations");

    if !cfg!(debug_assertions) {
        assert!(each < BUDGET, "{each:?} is over the budget of {BUDGET:?}");
    }
}
