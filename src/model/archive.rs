//! Archiving old years: the choices Data → Archive old years offers, each
//! "the interactions before 1 January YYYY", with how many interactions
//! that is and about how much storage archiving them frees.
//!
//! Archiving writes those interactions to a file (a backup file holding
//! just them, which Data's Open a backup merges back) and removes them
//! here. Each leaves a small archived tombstone in its month (see
//! [`super::Tombstone`]), so what an archived month keeps is a key, an
//! empty group and those tombstones: [`ArchiveCost`].

use super::order::sort_by_key;
use super::room::MonthSize;

/// What an archived month still costs in storage, in the engine's units:
/// its key and the group's envelope, and a tombstone per interaction
/// archived from it (measured: `tests/archive_sample.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArchiveCost {
    pub per_month: usize,
    /// Per 1,000 interactions archived (a tombstone costs a few units, not
    /// a whole number of them).
    pub per_thousand: usize,
}

impl ArchiveCost {
    /// In UTF-16 units (Chromium, Firefox): the key (17 units) and the
    /// compressed empty group with its header, about 52 a month; a
    /// compressed tombstone (its id, and a revision it shares with the
    /// others of the archive), about 5.5 units. Fitted to the benchmark's
    /// journal: the 50 months before 2021 keep 59,084 units for 10,259
    /// archived interactions (`tests/archive_sample.rs`).
    pub const UTF16: ArchiveCost = ArchiveCost { per_month: 52, per_thousand: 5_500 };

    /// What `interactions` archived from one month leave in it.
    pub fn kept(self, interactions: usize) -> usize {
        self.per_month + (interactions.saturating_mul(self.per_thousand)).div_ceil(1000)
    }
}

/// One choice: archive the interactions before 1 January `year`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearChoice {
    pub year: i32,
    /// How many interactions that is.
    pub interactions: usize,
    /// About how much storage archiving them frees, in the engine's units.
    pub frees: usize,
}

/// The choices for `months` (the journal's months as stored, with how many
/// interactions each shows): one per year of the journal after its first,
/// oldest first, each counting every month before 1 January of that year.
/// None for a journal of one year (archiving it would archive everything).
pub fn year_choices(months: &[MonthSize], cost: ArchiveCost) -> Vec<YearChoice> {
    let mut held: Vec<&MonthSize> = months.iter().filter(|m| m.interactions > 0).collect();
    sort_by_key(&mut held, |m| m.month);
    let (Some(first), Some(last)) = (held.first(), held.last()) else { return Vec::new() };
    let (first, last) = (first.month.year, last.month.year);
    let mut choices = Vec::new();
    let (mut interactions, mut frees) = (0, 0);
    let mut months = held.iter().peekable();
    for year in first + 1..=last {
        while let Some(month) = months.next_if(|m| m.month.year < year) {
            interactions += month.interactions;
            frees += month.units.saturating_sub(cost.kept(month.interactions));
        }
        choices.push(YearChoice { year, interactions, frees });
    }
    choices
}

/// The name of the archive file of the interactions before 1 January
/// `year`: `rapport-archive-before-YYYY.json`.
pub fn file_name(year: i32) -> String {
    format!("rapport-archive-before-{year}.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::room::tests::m;

    const COST: ArchiveCost = ArchiveCost { per_month: 50, per_thousand: 5_000 };

    #[test]
    fn each_year_after_the_first_is_a_choice_counting_everything_before_it() {
        let months = [
            m(2024, 3, 10_050, 100),
            m(2022, 11, 2_050, 20),
            m(2022, 1, 1_050, 10),
            m(2025, 6, 5_000, 50),
            // Only tombstones: no interaction to archive, nothing counted.
            m(2021, 5, 400, 0),
        ];
        let choices = year_choices(&months, COST);
        let years: Vec<_> = choices.iter().map(|c| (c.year, c.interactions)).collect();
        assert_eq!(years, [(2023, 30), (2024, 30), (2025, 130)]);
        // 1,050 − (50 + 50) + 2,050 − (50 + 100), then 10,050 − (50 + 500).
        assert_eq!(choices[0].frees, 950 + 1_900);
        assert_eq!(choices[1], YearChoice { year: 2024, ..choices[0] });
        assert_eq!(choices[2].frees, 2_850 + 9_500);
    }

    #[test]
    fn one_year_or_none_offers_nothing() {
        assert_eq!(year_choices(&[], COST), []);
        assert_eq!(year_choices(&[m(2026, 1, 100, 1), m(2026, 12, 100, 1)], COST), []);
        assert_eq!(year_choices(&[m(2019, 1, 100, 0), m(2026, 12, 100, 1)], COST), []);
    }

    #[test]
    fn a_month_cheaper_than_its_tombstones_frees_nothing_rather_than_less() {
        let choices = year_choices(&[m(2020, 1, 60, 10), m(2021, 1, 100, 1)], COST);
        assert_eq!(choices, [YearChoice { year: 2021, interactions: 10, frees: 0 }]);
    }

    #[test]
    fn the_kept_cost_rounds_up_and_the_file_is_named_by_its_year() {
        assert_eq!(ArchiveCost::UTF16.kept(0), 52);
        assert_eq!(ArchiveCost { per_month: 0, per_thousand: 5_500 }.kept(1), 6);
        assert_eq!(ArchiveCost { per_month: 0, per_thousand: 5_500 }.kept(2), 11);
        assert_eq!(file_name(2020), "rapport-archive-before-2020.json");
    }
}
