//! The Insights screen's numbers: the journal over time, computed in one
//! pass over the interactions (oldest first, so the moment a contact turns
//! into a relationship is the interaction that did it).
//!
//! Windows, all up to and including `today` (later interactions are plans,
//! not history, and are left out everywhere):
//! - the last 52 weeks: the ISO week (Monday to Sunday) holding `today` and
//!   the 51 before it;
//! - the last 12 months: `today`'s calendar month and the 11 before it. Every
//!   chart but the weekly one uses it, so the screen reads as one year.
//!
//! People who were removed keep their interactions in the weekly and the
//! expectation counts, but have no role and no place on the People screen,
//! so the charts by person (new contacts, relationships, balance by role,
//! reach) leave them out.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::activity::tenths;
use super::text::{plural, thousands};
use super::time::{month_name, short_date};
use super::{FollowUp, Id, IdSet, Journal, Month, Reliance, Role, Tally};

/// How many weeks the weekly chart covers.
pub const WEEKS: usize = 52;
/// How many calendar months the monthly charts cover.
pub const MONTHS: usize = 12;

/// Interactions in one week.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct WeekCount {
    /// The week's Monday.
    pub monday: NaiveDate,
    pub interactions: usize,
}

/// People met for the first time, and people who became relationships, in
/// one month.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MonthGrowth {
    pub month: Month,
    /// People whose first interaction fell in the month.
    pub new_contacts: usize,
    /// People for whom an interaction in the month completed the rule of
    /// [`super::relationship`].
    pub new_relationships: usize,
}

/// Expectations created by the month's interactions, by where they stand now.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MonthExpectations {
    pub month: Month,
    pub open: usize,
    pub met: usize,
    pub missed: usize,
}

/// Interactions of the last 12 months that created a dependency with at least
/// one person of the role. `Reliance::Both` counts on both sides.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RoleBalance {
    pub role: Role,
    pub they_rely_on_me: usize,
    pub i_rely_on_them: usize,
}

/// Who relies on whom over the last 12 months.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Balance {
    /// One per [`Role::ALL`], in that order. An interaction with people of
    /// two roles counts for each, so the rows can add up to more than the
    /// totals.
    pub by_role: Vec<RoleBalance>,
    /// Interactions that left someone relying on the user (removed people
    /// included).
    pub they_rely_on_me: usize,
    /// Interactions that left the user relying on someone.
    pub i_rely_on_them: usize,
}

/// Distinct people, and their distinct organizations, met in the last 12
/// months in one role.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RoleReach {
    pub role: Role,
    pub people: usize,
    pub organizations: usize,
}

/// How widely the user met people over the last 12 months.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Reach {
    /// One per [`Role::ALL`], in that order.
    pub by_role: Vec<RoleReach>,
    pub people: usize,
    /// Organizations as typed, ignoring case and surrounding spaces; people
    /// with none recorded add none.
    pub organizations: usize,
}

/// Everything the Insights screen draws.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Insights {
    /// The last 52 weeks, oldest first, empty weeks included.
    pub weeks: Vec<WeekCount>,
    /// The last 12 months, oldest first.
    pub growth: Vec<MonthGrowth>,
    pub balance: Balance,
    pub reach: Reach,
    /// The last 12 months, oldest first, by the month the interaction took place.
    pub expectations: Vec<MonthExpectations>,
}

/// Where a date falls in the screen's windows.
struct Windows {
    first_monday: NaiveDate,
    /// The first month of the 12, counted in months since the year 0.
    first_month: i32,
    today: NaiveDate,
}

impl Windows {
    fn new(today: NaiveDate) -> Windows {
        let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        Windows {
            first_monday: this_monday - Duration::weeks(WEEKS as i64 - 1),
            first_month: month_number(today) - (MONTHS as i32 - 1),
            today,
        }
    }

    fn week(&self, date: NaiveDate) -> Option<usize> {
        (date >= self.first_monday && date <= self.today).then(|| ((date - self.first_monday).num_days() / 7) as usize)
    }

    fn month(&self, date: NaiveDate) -> Option<usize> {
        let slot = month_number(date) - self.first_month;
        (slot >= 0 && date <= self.today).then_some(slot as usize)
    }

    fn months(&self) -> impl Iterator<Item = Month> {
        (self.first_month..self.first_month + MONTHS as i32)
            .map(|n| Month { year: n.div_euclid(12), month: n.rem_euclid(12) as u32 + 1 })
    }
}

fn month_number(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

fn role_index(role: Role) -> usize {
    Role::ALL.iter().position(|&r| r == role).unwrap_or(Role::ALL.len() - 1)
}

/// Computes every series of the Insights screen as of `today`.
pub fn insights(journal: &Journal, today: NaiveDate) -> Insights {
    let windows = Windows::new(today);
    let mut weeks: Vec<WeekCount> = (0..WEEKS)
        .map(|n| WeekCount { monday: windows.first_monday + Duration::weeks(n as i64), interactions: 0 })
        .collect();
    let mut growth: Vec<MonthGrowth> =
        windows.months().map(|month| MonthGrowth { month, new_contacts: 0, new_relationships: 0 }).collect();
    let mut expectations: Vec<MonthExpectations> =
        windows.months().map(|month| MonthExpectations { month, open: 0, met: 0, missed: 0 }).collect();
    let mut balance = Balance {
        by_role: Role::ALL.map(|role| RoleBalance { role, they_rely_on_me: 0, i_rely_on_them: 0 }).to_vec(),
        they_rely_on_me: 0,
        i_rely_on_them: 0,
    };
    // The map `tally_all` fills: the wasm carries one copy of its code.
    let mut tallies: HashMap<Id, Tally> = HashMap::with_capacity(journal.people_count());
    let mut met = IdSet::default();

    // Newest first in the journal: reversed, the first future one ends the pass.
    for interaction in journal.interactions().rev() {
        let date = interaction.date();
        if date > today {
            break;
        }
        if let Some(week) = windows.week(date) {
            weeks[week].interactions += 1;
        }
        let month = windows.month(date);
        for &person in &interaction.people {
            let tally = tallies.entry(person).or_default();
            let turned = tally.add_and_check_turning(interaction, person);
            if let Some(month) = month.filter(|_| journal.person(person).is_some()) {
                growth[month].new_contacts += usize::from(tally.interactions == 1);
                growth[month].new_relationships += usize::from(turned);
            }
        }
        let Some(month) = month else { continue };
        met.extend(interaction.people.iter().copied());
        if let Some(expectation) = &interaction.expectation {
            let counts = &mut expectations[month];
            match expectation.status {
                FollowUp::Open => counts.open += 1,
                FollowUp::Met => counts.met += 1,
                FollowUp::Missed => counts.missed += 1,
            }
        }
        if let Some(dependency) = &interaction.dependency {
            let on_me = matches!(dependency.reliance, Reliance::TheyRelyOnMe | Reliance::Both);
            let on_them = matches!(dependency.reliance, Reliance::IRelyOnThem | Reliance::Both);
            balance.they_rely_on_me += usize::from(on_me);
            balance.i_rely_on_them += usize::from(on_them);
            let mut roles = [false; Role::ALL.len()];
            for person in interaction.people.iter().filter_map(|&p| journal.person(p)) {
                roles[role_index(person.role)] = true;
            }
            for (row, _) in balance.by_role.iter_mut().zip(roles).filter(|(_, present)| *present) {
                row.they_rely_on_me += usize::from(on_me);
                row.i_rely_on_them += usize::from(on_them);
            }
        }
    }

    Insights { weeks, growth, balance, reach: reach(journal, &met), expectations }
}

/// Counts the people in `met` still in the journal, by role, with their
/// organizations.
fn reach(journal: &Journal, met: &IdSet) -> Reach {
    let mut by_role: Vec<RoleReach> = Role::ALL.map(|role| RoleReach { role, people: 0, organizations: 0 }).to_vec();
    // A few dozen organizations at most: a list searched in order costs less
    // wasm than a sort or a set of strings, and no noticeable time.
    let mut in_role: Vec<(usize, String)> = Vec::new();
    let mut organizations: Vec<String> = Vec::new();
    let mut people = 0;
    for person in met.iter().filter_map(|&id| journal.person(id)) {
        let role = role_index(person.role);
        by_role[role].people += 1;
        people += 1;
        let organization = person.organization.trim().to_lowercase();
        if organization.is_empty() {
            continue;
        }
        if !organizations.contains(&organization) {
            organizations.push(organization.clone());
        }
        let key = (role, organization);
        if !in_role.contains(&key) {
            by_role[role].organizations += 1;
            in_role.push(key);
        }
    }
    Reach { by_role, people, organizations: organizations.len() }
}

/// "1 interaction", "2,480 interactions".
fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 { plural(n, one, many) } else { format!("{} {many}", thousands(n)) }
}

/// "March 2026"
pub fn month_label(month: Month) -> String {
    format!("{} {}", month_name(month.month), month.year)
}

/// A role in a sentence about one person, with its article.
fn one_of(role: Role) -> &'static str {
    match role {
        Role::Superior => "a superior",
        Role::Peer => "a peer",
        Role::DirectReport => "a direct report",
        Role::InternalClient => "an internal client",
        Role::ExternalClient => "an external client",
        Role::Supplier => "a supplier",
        Role::Other => "someone whose role is Other",
    }
}

/// A role in a sentence about several people.
fn many_of(role: Role) -> &'static str {
    match role {
        Role::Superior => "superiors",
        Role::Peer => "peers",
        Role::DirectReport => "direct reports",
        Role::InternalClient => "internal clients",
        Role::ExternalClient => "external clients",
        Role::Supplier => "suppliers",
        Role::Other => "people whose role is Other",
    }
}

/// The item with the largest positive value; of equals, the latest.
fn largest<T: Copy>(items: &[T], value: impl Fn(&T) -> usize) -> Option<(T, usize)> {
    items.iter().map(|item| (*item, value(item))).filter(|(_, n)| *n > 0).max_by_key(|(_, n)| *n)
}

/// The item with the largest positive value, if no other has as much: a
/// sentence names a leader only where there is one.
fn leader<T: Copy>(items: &[T], value: impl Fn(&T) -> usize) -> Option<(T, usize)> {
    let (item, most) = largest(items, &value)?;
    (items.iter().filter(|other| value(other) == most).count() == 1).then_some((item, most))
}

impl Insights {
    pub fn interactions_in_weeks(&self) -> usize {
        self.weeks.iter().map(|w| w.interactions).sum()
    }

    /// "312 interactions in the last 52 weeks, 6.0 a week on average;
    /// busiest: the week of 12 Oct 2026, with 14."
    pub fn weeks_summary(&self) -> String {
        let total = self.interactions_in_weeks();
        let Some((busiest, most)) = largest(&self.weeks, |w| w.interactions) else {
            return format!("No interactions in the last {WEEKS} weeks.");
        };
        let per_week = (total * 10 + WEEKS / 2) / WEEKS;
        let average = if per_week == 0 { "fewer than 0.1".to_owned() } else { tenths(per_week) };
        format!(
            "{} in the last {WEEKS} weeks, {average} a week on average; busiest: the week of {}, with {}.",
            counted(total, "interaction", "interactions"),
            short_date(busiest.monday),
            thousands(most),
        )
    }

    /// "In the last 12 months: 8 new contacts; 3 people became
    /// relationships, most in March 2026 (2)."
    pub fn growth_summary(&self) -> String {
        let contacts: usize = self.growth.iter().map(|m| m.new_contacts).sum();
        let relationships: usize = self.growth.iter().map(|m| m.new_relationships).sum();
        let contacts = counted(contacts, "new contact", "new contacts");
        let relationships = match (relationships, leader(&self.growth, |m| m.new_relationships)) {
            (0, _) => "no one became a relationship".to_owned(),
            (1, Some((month, _))) => format!("1 person became a relationship, in {}", month_label(month.month)),
            (n, Some((month, most))) => {
                format!("{} people became relationships, most in {} ({most})", thousands(n), month_label(month.month))
            }
            (n, None) => format!("{} people became relationships", thousands(n)),
        };
        format!("In the last {MONTHS} months: {contacts}; {relationships}.")
    }

    /// "In the last 12 months, 14 interactions left someone relying on you
    /// (most often a direct report, 6) and 9 left you relying on someone
    /// (most often a superior, 4)."
    pub fn balance_summary(&self) -> String {
        let b = &self.balance;
        if b.they_rely_on_me == 0 && b.i_rely_on_them == 0 {
            return format!("No interaction created a dependency in the last {MONTHS} months.");
        }
        let most_often = |value: fn(&RoleBalance) -> usize| {
            leader(&b.by_role, value)
                .map(|(row, n)| format!(" (most often {}, {})", one_of(row.role), thousands(n)))
                .unwrap_or_default()
        };
        let on_me = match b.they_rely_on_me {
            0 => "none left someone relying on you".to_owned(),
            n => format!(
                "{} someone relying on you{}",
                counted(n, "interaction left", "interactions left"),
                most_often(|r| r.they_rely_on_me)
            ),
        };
        let on_them = match b.i_rely_on_them {
            0 => "none left you relying on someone".to_owned(),
            n => format!("{} left you relying on someone{}", thousands(n), most_often(|r| r.i_rely_on_them)),
        };
        format!("In the last {MONTHS} months, {on_me} and {on_them}.")
    }

    /// "In the last 12 months you met 42 people from 9 organizations, in 6
    /// roles; the largest group: peers (12)."
    pub fn reach_summary(&self) -> String {
        let r = &self.reach;
        if r.people == 0 {
            return format!("You met no one in the last {MONTHS} months.");
        }
        let organizations = match r.organizations {
            0 => String::new(),
            n => format!(" from {}", counted(n, "organization", "organizations")),
        };
        let roles = r.by_role.iter().filter(|row| row.people > 0).count();
        let largest_group = match leader(&r.by_role, |row| row.people) {
            Some((row, n)) if roles > 1 => format!("; the largest group: {} ({})", many_of(row.role), thousands(n)),
            _ => String::new(),
        };
        format!(
            "In the last {MONTHS} months you met {}{organizations}, in {}{largest_group}.",
            counted(r.people, "person", "people"),
            plural(roles, "role", "roles"),
        )
    }

    /// "24 expectations created in the last 12 months: 12 met, 4 missed,
    /// 8 still open."
    pub fn expectations_summary(&self) -> String {
        let (open, met, missed) = self
            .expectations
            .iter()
            .fold((0, 0, 0), |(o, m, x), month| (o + month.open, m + month.met, x + month.missed));
        match open + met + missed {
            0 => format!("No expectations created in the last {MONTHS} months."),
            total => format!(
                "{} created in the last {MONTHS} months: {} met, {} missed, {} still open.",
                counted(total, "expectation", "expectations"),
                thousands(met),
                thousands(missed),
                thousands(open),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{expecting, interaction, on, relying};
    use crate::model::{Direction, Id, Interaction, Person};

    const ANA: Id = Id::from_raw(1);
    const BO: Id = Id::from_raw(2);
    const CY: Id = Id::from_raw(3);

    /// Wednesday 10 June 2026.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 10).expect("valid date")
    }

    fn person(id: Id, name: &str, role: Role, organization: &str) -> Person {
        let mut p = Person::named(id, name);
        p.role = role;
        p.organization = organization.into();
        p
    }

    /// Ana a peer at Acme, Bo a superior at Globex, Cy a supplier at acme.
    fn journal(interactions: Vec<Interaction>) -> Journal {
        Journal::from_records(
            vec![
                person(ANA, "Ana", Role::Peer, "Acme"),
                person(BO, "Bo", Role::Superior, "Globex"),
                person(CY, "Cy", Role::Supplier, " acme "),
            ],
            interactions,
        )
    }

    fn with_status(mut i: Interaction, status: FollowUp) -> Interaction {
        if let Some(e) = i.expectation.as_mut() {
            e.status = status;
        }
        i
    }

    fn month_of<T>(series: &[T], month: fn(&T) -> Month, year: i32, m: u32) -> &T {
        series.iter().find(|item| month(item) == Month { year, month: m }).expect("month in the window")
    }

    #[test]
    fn an_empty_journal_has_every_week_and_month_at_zero_and_says_so() {
        let i = insights(&Journal::default(), today());
        assert_eq!(i.weeks.len(), WEEKS);
        assert!(i.weeks.iter().all(|w| w.interactions == 0));
        assert_eq!((i.growth.len(), i.expectations.len()), (MONTHS, MONTHS));
        assert_eq!(i.balance.by_role.len(), Role::ALL.len());
        assert_eq!((i.reach.people, i.reach.organizations), (0, 0));
        assert_eq!(i.weeks_summary(), "No interactions in the last 52 weeks.");
        assert_eq!(i.growth_summary(), "In the last 12 months: 0 new contacts; no one became a relationship.");
        assert_eq!(i.balance_summary(), "No interaction created a dependency in the last 12 months.");
        assert_eq!(i.reach_summary(), "You met no one in the last 12 months.");
        assert_eq!(i.expectations_summary(), "No expectations created in the last 12 months.");
    }

    #[test]
    fn weeks_run_monday_to_sunday_and_end_with_the_week_of_today() {
        let i = insights(&Journal::default(), today());
        assert_eq!(i.weeks[WEEKS - 1].monday, NaiveDate::from_ymd_opt(2026, 6, 8).unwrap());
        assert_eq!(i.weeks[0].monday, NaiveDate::from_ymd_opt(2025, 6, 16).unwrap());
        // Sunday 7 June closes the week before; Monday 8 June opens today's.
        let sunday = interaction(1, on(2026, 6, 7), &[ANA]);
        let monday = interaction(2, on(2026, 6, 8), &[ANA]);
        let i = insights(&journal(vec![sunday, monday]), today());
        assert_eq!((i.weeks[WEEKS - 2].interactions, i.weeks[WEEKS - 1].interactions), (1, 1));
    }

    #[test]
    fn the_first_monday_is_in_the_window_the_sunday_before_and_tomorrow_are_not() {
        let journal = journal(vec![
            interaction(1, on(2025, 6, 15), &[ANA]),
            interaction(2, on(2025, 6, 16), &[ANA]),
            interaction(3, on(2026, 6, 11), &[ANA]),
        ]);
        let i = insights(&journal, today());
        assert_eq!(i.interactions_in_weeks(), 1);
        assert_eq!(i.weeks[0].interactions, 1);
    }

    #[test]
    fn one_interaction_reads_as_a_sentence_in_every_chart() {
        let one = relying(
            expecting(interaction(1, on(2026, 6, 9), &[ANA]), Direction::TheyExpectOfMe, None),
            Reliance::TheyRelyOnMe,
        );
        let i = insights(&journal(vec![one]), today());
        assert_eq!(
            i.weeks_summary(),
            "1 interaction in the last 52 weeks, fewer than 0.1 a week on average; busiest: the week of 8 Jun 2026, with 1."
        );
        assert_eq!(i.growth_summary(), "In the last 12 months: 1 new contact; no one became a relationship.");
        assert_eq!(
            i.balance_summary(),
            "In the last 12 months, 1 interaction left someone relying on you (most often a peer, 1) and none left you relying on someone."
        );
        assert_eq!(i.reach_summary(), "In the last 12 months you met 1 person from 1 organization, in 1 role.");
        assert_eq!(
            i.expectations_summary(),
            "1 expectation created in the last 12 months: 0 met, 0 missed, 1 still open."
        );
    }

    #[test]
    fn the_twelve_months_start_on_the_first_of_the_month_eleven_months_ago() {
        // July 2025 to June 2026: 30 June 2025 is out, 1 July 2025 is in.
        let journal = journal(vec![
            expecting(interaction(1, on(2025, 6, 30), &[ANA]), Direction::IExpectOfThem, None),
            expecting(interaction(2, on(2025, 7, 1), &[BO]), Direction::IExpectOfThem, None),
        ]);
        let i = insights(&journal, today());
        assert_eq!(i.growth[0].month, Month { year: 2025, month: 7 });
        assert_eq!(i.growth[MONTHS - 1].month, Month { year: 2026, month: 6 });
        assert_eq!(i.expectations[0].open, 1);
        assert_eq!(i.expectations.iter().map(|m| m.open).sum::<usize>(), 1);
        assert_eq!((i.growth[0].new_contacts, i.reach.people), (1, 1), "only Bo, met in July, is new and in reach");
    }

    #[test]
    fn months_cross_the_turn_of_the_year() {
        let i = insights(&Journal::default(), NaiveDate::from_ymd_opt(2027, 1, 31).unwrap());
        let months: Vec<String> = i.growth.iter().map(|m| m.month.to_string()).collect();
        assert_eq!(months.first().map(String::as_str), Some("2026-02"));
        assert_eq!(months.last().map(String::as_str), Some("2027-01"));
        assert!(months.contains(&"2026-12".to_owned()));
    }

    #[test]
    fn a_person_becomes_a_relationship_in_the_month_of_the_interaction_that_completes_the_rule() {
        // Ana: met in March, a dependency in April (she turns), more in May.
        // Bo: met long before the window, an expectation in May (he turns).
        let journal = journal(vec![
            interaction(1, on(2026, 3, 2), &[ANA]),
            relying(interaction(2, on(2026, 4, 6), &[ANA]), Reliance::IRelyOnThem),
            expecting(interaction(3, on(2026, 5, 4), &[ANA, BO]), Direction::TheyExpectOfMe, None),
            interaction(4, on(2024, 1, 8), &[BO]),
        ]);
        let i = insights(&journal, today());
        let month = |m| *month_of(&i.growth, |g| g.month, 2026, m);
        assert_eq!((month(3).new_contacts, month(3).new_relationships), (1, 0));
        assert_eq!((month(4).new_contacts, month(4).new_relationships), (0, 1));
        assert_eq!((month(5).new_contacts, month(5).new_relationships), (0, 1));
        assert_eq!(i.growth_summary(), "In the last 12 months: 1 new contact; 2 people became relationships.");
    }

    #[test]
    fn both_ways_reliance_counts_on_both_sides_for_each_role_present() {
        let journal = journal(vec![
            relying(interaction(1, on(2026, 6, 1), &[ANA, BO]), Reliance::Both),
            relying(interaction(2, on(2026, 5, 1), &[ANA, CY]), Reliance::IRelyOnThem),
            relying(interaction(3, on(2026, 4, 1), &[ANA]), Reliance::TheyRelyOnMe),
        ]);
        let b = insights(&journal, today()).balance;
        let row = |role| *b.by_role.iter().find(|r| r.role == role).expect("every role has a row");
        assert_eq!((b.they_rely_on_me, b.i_rely_on_them), (2, 2));
        assert_eq!((row(Role::Peer).they_rely_on_me, row(Role::Peer).i_rely_on_them), (2, 2));
        assert_eq!((row(Role::Superior).they_rely_on_me, row(Role::Superior).i_rely_on_them), (1, 1));
        assert_eq!((row(Role::Supplier).they_rely_on_me, row(Role::Supplier).i_rely_on_them), (0, 1));
        assert_eq!((row(Role::Other).they_rely_on_me, row(Role::Other).i_rely_on_them), (0, 0));
        let i = insights(&journal, today());
        assert_eq!(
            i.balance_summary(),
            "In the last 12 months, 2 interactions left someone relying on you (most often a peer, 2) and 2 left you relying on someone (most often a peer, 2)."
        );
    }

    #[test]
    fn a_removed_person_counts_in_weeks_and_expectations_but_not_by_person() {
        let gone = Id::from_raw(9);
        let journal = journal(vec![
            interaction(1, on(2026, 5, 1), &[gone]),
            relying(expecting(interaction(2, on(2026, 5, 8), &[gone]), Direction::IExpectOfThem, None), Reliance::Both),
        ]);
        let i = insights(&journal, today());
        assert_eq!(i.interactions_in_weeks(), 2);
        assert_eq!(month_of(&i.expectations, |e| e.month, 2026, 5).open, 1);
        assert_eq!(month_of(&i.growth, |g| g.month, 2026, 5).new_contacts, 0);
        assert_eq!(month_of(&i.growth, |g| g.month, 2026, 5).new_relationships, 0);
        assert_eq!((i.balance.they_rely_on_me, i.balance.i_rely_on_them), (1, 1), "the totals keep them");
        assert!(i.balance.by_role.iter().all(|r| r.they_rely_on_me == 0 && r.i_rely_on_them == 0));
        assert_eq!(i.reach.people, 0);
        assert_eq!(
            i.balance_summary(),
            "In the last 12 months, 1 interaction left someone relying on you and 1 left you relying on someone."
        );
    }

    #[test]
    fn expectations_are_counted_open_met_or_missed_in_the_month_they_were_created() {
        let created = |id, status| {
            with_status(expecting(interaction(id, on(2026, 2, 3), &[ANA]), Direction::IExpectOfThem, None), status)
        };
        let journal = journal(vec![
            created(1, FollowUp::Met),
            created(2, FollowUp::Met),
            created(3, FollowUp::Missed),
            with_status(
                expecting(interaction(4, on(2026, 6, 1), &[BO]), Direction::TheyExpectOfMe, None),
                FollowUp::Open,
            ),
        ]);
        let i = insights(&journal, today());
        let february = *month_of(&i.expectations, |e| e.month, 2026, 2);
        assert_eq!((february.open, february.met, february.missed), (0, 2, 1));
        let june = *month_of(&i.expectations, |e| e.month, 2026, 6);
        assert_eq!((june.open, june.met, june.missed), (1, 0, 0));
        assert_eq!(
            i.expectations_summary(),
            "4 expectations created in the last 12 months: 2 met, 1 missed, 1 still open."
        );
    }

    #[test]
    fn reach_counts_distinct_people_and_organizations_ignoring_case() {
        let journal = journal(vec![
            interaction(1, on(2026, 6, 1), &[ANA, BO]),
            interaction(2, on(2026, 5, 1), &[ANA, CY]),
            interaction(3, on(2026, 5, 2), &[CY]),
        ]);
        let r = insights(&journal, today()).reach;
        assert_eq!((r.people, r.organizations), (3, 2), "Acme and acme are one");
        let row = |role| *r.by_role.iter().find(|x| x.role == role).expect("every role has a row");
        assert_eq!((row(Role::Peer).people, row(Role::Peer).organizations), (1, 1));
        assert_eq!((row(Role::Supplier).people, row(Role::Supplier).organizations), (1, 1));
        assert_eq!(row(Role::DirectReport).people, 0);
        let i = insights(&journal, today());
        assert_eq!(i.reach_summary(), "In the last 12 months you met 3 people from 2 organizations, in 3 roles.");
        // A second peer, with no organization: peers lead, and no organization is added.
        let mut journal = journal;
        journal.upsert_person(person(Id::from_raw(4), "Di", Role::Peer, ""));
        journal.upsert_interaction(interaction(5, on(2026, 6, 2), &[Id::from_raw(4)]));
        assert_eq!(
            insights(&journal, today()).reach_summary(),
            "In the last 12 months you met 4 people from 2 organizations, in 3 roles; the largest group: peers (2)."
        );
    }

    #[test]
    fn the_busiest_week_is_the_latest_of_the_busiest() {
        let journal = journal(vec![
            interaction(1, on(2026, 1, 5), &[ANA]),
            interaction(2, on(2026, 1, 6), &[ANA]),
            interaction(3, on(2026, 3, 2), &[ANA]),
            interaction(4, on(2026, 3, 8), &[ANA]),
            interaction(5, on(2026, 4, 1), &[ANA]),
        ]);
        assert_eq!(
            insights(&journal, today()).weeks_summary(),
            "5 interactions in the last 52 weeks, 0.1 a week on average; busiest: the week of 2 Mar 2026, with 2."
        );
    }
}
