//! Builders shared by the unit tests.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Dependency, Direction, Expectation, FollowUp, Id, Interaction, Kind, Reliance};

/// 2026-03-`day` at 09:30.
pub fn at(day: u32) -> NaiveDateTime {
    on(2026, 3, day)
}

/// 2026-`month`-`day`.
pub fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).expect("valid day")
}

/// New ids for records a rule creates: 101, 102, …
pub fn ids() -> impl FnMut() -> Id {
    let mut next = 100;
    move || {
        next += 1;
        Id::from_raw(next)
    }
}

/// Any day at 09:30, for rules that cross weeks, months and years.
pub fn on(year: i32, month: u32, day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, month, day).and_then(|d| d.and_hms_opt(9, 30, 0)).expect("valid day")
}

pub fn interaction(id: u64, at: NaiveDateTime, people: &[Id]) -> Interaction {
    Interaction {
        id: Id::from_raw(id),
        at,
        people: people.to_vec(),
        kind: Kind::Meeting,
        minutes: None,
        notes: String::new(),
        dependency: None,
        expectation: None,
        initiated_by: None,
        rev: super::Rev::default(),
    }
}

pub fn expecting(mut i: Interaction, direction: Direction, person: Option<Id>) -> Interaction {
    i.expectation = Some(Expectation {
        what: "the draft".into(),
        direction,
        person,
        due: None,
        status: FollowUp::Open,
        settled: None,
    });
    i
}

pub fn relying(mut i: Interaction, reliance: Reliance) -> Interaction {
    i.dependency = Some(Dependency { reliance, what: "the budget".into() });
    i
}
