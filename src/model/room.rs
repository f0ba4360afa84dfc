//! Room left in storage: when the journal nears the quota, how many more
//! interactions fit at the pace of recent months, so the user hears of it
//! long before a save fails.

use super::Month;
use super::text::thousands;

/// The share of the quota (in tenths of a percent) past which Home and Data
/// warn.
pub const WARN_PERMILLE: usize = 800;

/// How many months, up to this one, make "the recent pace".
pub const RECENT_MONTHS: usize = 12;

/// One month of the journal as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthSize {
    pub month: Month,
    /// What its key and value cost, in the engine's units.
    pub units: usize,
    pub interactions: usize,
}

/// What is left, at the recent pace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Room {
    /// Storage one interaction takes, rounded up.
    pub units_per_interaction: usize,
    /// How many more interactions fit in the room given.
    pub interactions_left: usize,
    /// Interactions logged over the recent months (0 when none).
    pub recent_interactions: usize,
    /// How many months those interactions last at that pace, if any pace.
    pub months_left: Option<usize>,
}

/// Whether `used` of `quota` is past the warning line.
pub fn nearly_full(used: usize, quota: usize) -> bool {
    // In 64 bits: wasm32's usize overflows at a thousand times 4.3 million.
    used as u64 * 1000 > quota as u64 * WARN_PERMILLE as u64
}

/// The room `free` units leave, at the cost per interaction of the
/// [`RECENT_MONTHS`] up to `today` (of every month stored, when those hold
/// none). `None` for a journal without interactions, whose pace is unknown.
pub fn room_left(free: usize, months: &[MonthSize], today: Month) -> Option<Room> {
    let recent: Vec<&MonthSize> =
        months.iter().filter(|m| m.month <= today && months_before(m.month, today) < RECENT_MONTHS).collect();
    let recent_interactions: usize = recent.iter().map(|m| m.interactions).sum();
    let sample: Vec<&MonthSize> = if recent_interactions > 0 { recent } else { months.iter().collect() };
    let units: usize = sample.iter().map(|m| m.units).sum();
    let interactions: usize = sample.iter().map(|m| m.interactions).sum();
    if interactions == 0 {
        return None;
    }
    let units_per_interaction = units.div_ceil(interactions).max(1);
    let interactions_left = free / units_per_interaction;
    let months_left =
        (recent_interactions > 0).then(|| interactions_left.saturating_mul(RECENT_MONTHS) / recent_interactions);
    Some(Room { units_per_interaction, interactions_left, recent_interactions, months_left })
}

/// How many months `earlier` is before `later` (0 for the same month).
fn months_before(earlier: Month, later: Month) -> usize {
    let count = |m: Month| i64::from(m.year) * 12 + i64::from(m.month);
    usize::try_from(count(later) - count(earlier)).unwrap_or(0)
}

/// The warning, in words: how full, how much is left and what to do.
pub fn warning(permille: usize, room: Option<Room>) -> String {
    let full = format!("Storage for Rapport is {}.{} % full.", permille / 10, permille % 10);
    let left = match room {
        Some(Room { interactions_left, months_left: Some(months), recent_interactions, .. }) => format!(
            " There is room for about {} more interactions: {} at your pace of the last 12 months ({} interactions).",
            thousands(interactions_left),
            duration(months),
            thousands(recent_interactions),
        ),
        Some(Room { interactions_left, .. }) => {
            format!(" There is room for about {} more interactions.", thousands(interactions_left))
        }
        None => String::new(),
    };
    format!(
        "{full}{left} When it is full, new changes cannot be saved. Download a backup now: it keeps everything. To make room, archive old years (Data → Archive old years): their interactions go to a file you keep, and come back from it with Open a backup."
    )
}

fn duration(months: usize) -> String {
    match months {
        0 => "less than a month".into(),
        1 => "about a month".into(),
        2..=23 => format!("about {months} months"),
        _ => format!("about {} years", thousands(months / 12)),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A month of `units` holding `interactions` (shared with `archive`'s tests).
    pub(in crate::model) fn m(year: i32, month: u32, units: usize, interactions: usize) -> MonthSize {
        MonthSize { month: Month { year, month }, units, interactions }
    }

    const TODAY: Month = Month { year: 2026, month: 6 };

    #[test]
    fn the_warning_starts_past_80_percent() {
        assert!(!nearly_full(800, 1000));
        assert!(nearly_full(801, 1000));
        assert!(nearly_full(4_200_000, 5_242_880));
        assert!(!nearly_full(4_194_304, 5_242_880));
    }

    #[test]
    fn room_is_the_free_space_over_the_recent_cost_per_interaction() {
        // Old months were cheap (short notes); the last twelve cost 140 a piece.
        let months = [m(2020, 1, 5_000, 100), m(2025, 7, 14_000, 100), m(2026, 6, 14_000, 100)];
        let room = room_left(280_000, &months, TODAY).unwrap();
        assert_eq!(room.units_per_interaction, 140);
        assert_eq!(room.interactions_left, 2_000);
        assert_eq!(room.recent_interactions, 200);
        // 200 in 12 months: 2,000 last 120 months.
        assert_eq!(room.months_left, Some(120));
    }

    #[test]
    fn a_month_twelve_back_is_not_recent_nor_a_future_one() {
        let months = [m(2025, 6, 1_000, 10), m(2026, 7, 1_000, 10), m(2026, 1, 300, 3)];
        let room = room_left(1_000, &months, TODAY).unwrap();
        assert_eq!(room.recent_interactions, 3);
        assert_eq!(room.units_per_interaction, 100);
    }

    #[test]
    fn without_recent_interactions_every_month_gives_the_cost_and_no_pace() {
        let months = [m(2019, 3, 1_001, 10)];
        let room = room_left(1_000, &months, TODAY).unwrap();
        assert_eq!(room.units_per_interaction, 101);
        assert_eq!(room.interactions_left, 9);
        assert_eq!(room.months_left, None);
        assert_eq!(room_left(1_000, &[], TODAY), None);
        assert_eq!(room_left(1_000, &[m(2026, 5, 40, 0)], TODAY), None);
    }

    #[test]
    fn the_warning_says_how_full_what_is_left_and_what_to_do() {
        let room = room_left(280_000, &[m(2026, 6, 14_000, 100)], TODAY);
        let text = warning(846, room);
        assert!(text.starts_with("Storage for Rapport is 84.6 % full."), "{text}");
        assert!(text.contains("room for about 2,000 more interactions: about 20 years"), "{text}");
        assert!(text.contains("Download a backup") && text.contains("Archive old years"), "{text}");
        assert!(warning(900, None).contains("90.0 % full. When it is full"));
        assert_eq!(duration(0), "less than a month");
        assert_eq!(duration(7), "about 7 months");
        assert_eq!(duration(12 * 7_708 + 5), "about 7,708 years");
    }
}
