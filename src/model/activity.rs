//! What the journal itself says about how much the user interacts, held
//! against what they reported in the self-assessment.

use chrono::{Duration, NaiveDate};

use super::assessment::Scores;
use super::text::plural;
use super::{Initiator, Interaction};

/// Below one logged interaction every two weeks, the journal shows "almost
/// none": even a quiet role has a meeting worth noting more often than that.
pub const FEW_PER_WEEK_TENTHS: usize = 5;
/// Five a week, about one each working day, is "a lot" for a journal that
/// records contacts worth remembering rather than every message.
pub const MANY_PER_WEEK_TENTHS: usize = 50;
/// A self-reported score at or above this is a clear "high"...
pub const CLEARLY_HIGH: u8 = 65;
/// ...and at or below this a clear "low"; between them the answers are too
/// close to the middle to contradict anything.
pub const CLEARLY_LOW: u8 = 35;
/// Who reached out must be recorded for at least this many interactions
/// before the share the user started says anything.
pub const MIN_RECORDED: usize = 5;
/// Someone who reports a strong interest yet started fewer than this share
/// (in percent) of their recorded contacts is waiting for others to call.
pub const FEW_STARTED_PERCENT: usize = 25;

/// Counts over the last 4 and 12 weeks up to and including `today`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Activity {
    pub last_4_weeks: usize,
    pub last_12_weeks: usize,
    /// Of the last 12 weeks: interactions where who reached out was recorded,
    pub initiation_recorded: usize,
    /// and of those, the ones the user started.
    pub started_by_me: usize,
    /// Of the last 12 weeks: interactions that created a dependency or an expectation.
    pub binding: usize,
}

impl Activity {
    pub fn measure<'a>(interactions: impl IntoIterator<Item = &'a Interaction>, today: NaiveDate) -> Activity {
        let since_4 = today - Duration::weeks(4);
        let since_12 = today - Duration::weeks(12);
        let mut activity = Activity::default();
        for i in interactions.into_iter().filter(|i| i.date() > since_12 && i.date() <= today) {
            activity.last_12_weeks += 1;
            activity.last_4_weeks += usize::from(i.date() > since_4);
            if let Some(who) = i.initiated_by {
                activity.initiation_recorded += 1;
                activity.started_by_me += usize::from(who == Initiator::Me);
            }
            activity.binding += usize::from(i.dependency.is_some() || i.expectation.is_some());
        }
        activity
    }

    /// Interactions a week over the last 4 weeks, in tenths, rounded.
    pub fn per_week_4(&self) -> usize {
        per_week(self.last_4_weeks, 4)
    }

    /// Interactions a week over the last 12 weeks, in tenths, rounded.
    pub fn per_week_12(&self) -> usize {
        per_week(self.last_12_weeks, 12)
    }
}

fn per_week(count: usize, weeks: usize) -> usize {
    (count * 10 + weeks / 2) / weeks
}

/// Tenths as "2.5".
pub fn tenths(n: usize) -> String {
    format!("{}.{}", n / 10, n % 10)
}

/// Plain sentences where the self-report and the journal disagree; one
/// sentence saying they agree, or that there is nothing to compare yet.
pub fn compare(scores: Scores, activity: &Activity) -> Vec<String> {
    if activity.last_12_weeks == 0 {
        return vec![
            "Your journal has no interactions in the last 12 weeks, so it can neither confirm nor question your answers yet. Log a few weeks and look again.".into(),
        ];
    }
    let rate = activity.per_week_12();
    let per_week = format!("{} a week over the last 12 weeks", tenths(rate));
    let mut said = Vec::new();
    if scores.interest >= CLEARLY_HIGH && rate < FEW_PER_WEEK_TENTHS {
        said.push(format!(
            "You report a strong interest in interacting, but your journal shows almost none: {per_week}. Either entries are missing, or something keeps you from acting on that interest."
        ));
    }
    if scores.interest <= CLEARLY_LOW && rate >= MANY_PER_WEEK_TENTHS {
        said.push(format!(
            "You report little interest in interacting, yet your journal shows {per_week}. You may be doing more of it than you enjoy; worth asking what it costs you."
        ));
    }
    if scores.time >= CLEARLY_HIGH && rate < FEW_PER_WEEK_TENTHS {
        said.push(format!(
            "You say your work gives you time and occasion to interact, but your journal shows only {per_week}. The opportunities may be there and going unused."
        ));
    }
    if scores.time <= CLEARLY_LOW && rate >= MANY_PER_WEEK_TENTHS {
        said.push(format!(
            "You say your work leaves little time to interact, yet your journal shows {per_week}. Perhaps the time is there but feels taken, or these contacts are squeezed in at a cost."
        ));
    }
    if scores.interest >= CLEARLY_HIGH
        && activity.initiation_recorded >= MIN_RECORDED
        && activity.started_by_me * 100 < FEW_STARTED_PERCENT * activity.initiation_recorded
    {
        said.push(format!(
            "You report a strong interest in interacting, but you started only {} of the {} contacts where you noted who reached out.",
            activity.started_by_me, activity.initiation_recorded
        ));
    }
    if said.is_empty() {
        said.push(format!(
            "Your answers and your journal tell the same story: {}.",
            plural(activity.last_12_weeks, "interaction in the last 12 weeks", "interactions in the last 12 weeks")
        ));
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{expecting, interaction, relying};
    use crate::model::{Direction, Id, Reliance};

    const ANA: Id = Id::from_raw(1);

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
    }

    /// `count` interactions spread over the 12 weeks before today.
    fn spread(count: usize) -> Vec<Interaction> {
        (0..count)
            .map(|n| {
                let day = today() - Duration::days((n * 83 / count.max(1)) as i64);
                interaction(n as u64, day.and_hms_opt(9, 0, 0).unwrap(), &[ANA])
            })
            .collect()
    }

    #[test]
    fn an_empty_journal_measures_nothing_and_says_so() {
        let activity = Activity::measure(&[], today());
        assert_eq!(activity, Activity::default());
        let said = compare(Scores { time: 90, interest: 90 }, &activity);
        assert_eq!(said.len(), 1);
        assert!(said[0].contains("no interactions in the last 12 weeks"));
    }

    #[test]
    fn a_single_interaction_is_counted_in_both_windows() {
        let journal = [relying(interaction(1, today().and_hms_opt(8, 0, 0).unwrap(), &[ANA]), Reliance::Both)];
        let activity = Activity::measure(&journal, today());
        assert_eq!((activity.last_4_weeks, activity.last_12_weeks, activity.binding), (1, 1, 1));
        assert_eq!((tenths(activity.per_week_4()), tenths(activity.per_week_12())), ("0.3".into(), "0.1".into()));
    }

    #[test]
    fn windows_are_four_and_twelve_weeks_up_to_today() {
        let at = |days: i64| {
            interaction(days as u64, (today() - Duration::days(days)).and_hms_opt(9, 0, 0).unwrap(), &[ANA])
        };
        let mut tomorrow = at(0);
        tomorrow.at += Duration::days(1);
        let journal = [at(0), at(27), at(28), at(83), at(84), tomorrow];
        let activity = Activity::measure(&journal, today());
        assert_eq!((activity.last_4_weeks, activity.last_12_weeks), (2, 4));
    }

    #[test]
    fn who_reached_out_is_counted_where_recorded() {
        let mut journal = spread(6);
        journal[0].initiated_by = Some(Initiator::Me);
        journal[1].initiated_by = Some(Initiator::Them);
        journal[2].initiated_by = Some(Initiator::Them);
        journal[3] = expecting(journal[3].clone(), Direction::IExpectOfThem, None);
        let activity = Activity::measure(&journal, today());
        assert_eq!((activity.initiation_recorded, activity.started_by_me, activity.binding), (3, 1, 1));
    }

    #[test]
    fn strong_interest_with_almost_no_interactions_is_pointed_out() {
        let activity = Activity::measure(&spread(5), today()); // 0.4 a week
        let said = compare(Scores { time: 40, interest: CLEARLY_HIGH }, &activity);
        assert_eq!(said.len(), 1);
        assert!(said[0].starts_with("You report a strong interest"), "{}", said[0]);
        assert!(said[0].contains("0.4 a week"));
        // One more interaction a fortnight and the claim holds.
        let enough = Activity::measure(&spread(6), today());
        assert!(compare(Scores { time: 40, interest: 90 }, &enough)[0].contains("same story"));
    }

    #[test]
    fn low_interest_or_time_with_many_interactions_is_pointed_out() {
        let busy = Activity::measure(&spread(60), today()); // 5 a week
        let said = compare(Scores { time: CLEARLY_LOW, interest: CLEARLY_LOW }, &busy);
        assert_eq!(said.len(), 2);
        assert!(
            said[0].starts_with("You report little interest")
                && said[1].starts_with("You say your work leaves little time")
        );
        assert!(compare(Scores { time: CLEARLY_LOW + 1, interest: CLEARLY_LOW + 1 }, &busy)[0].contains("same story"));
        let less = Activity::measure(&spread(59), today());
        assert!(compare(Scores { time: 0, interest: 0 }, &less)[0].contains("same story"));
    }

    #[test]
    fn plenty_of_time_with_almost_no_interactions_is_pointed_out() {
        let quiet = Activity::measure(&spread(2), today());
        let said = compare(Scores { time: 80, interest: 50 }, &quiet);
        assert_eq!(said.len(), 1);
        assert!(said[0].starts_with("You say your work gives you time"));
    }

    #[test]
    fn waiting_for_others_to_reach_out_is_pointed_out_once_enough_is_recorded() {
        let mut journal = spread(12);
        for (n, i) in journal.iter_mut().enumerate().take(MIN_RECORDED) {
            i.initiated_by = Some(if n == 0 { Initiator::Me } else { Initiator::Them });
        }
        let said = compare(Scores { time: 50, interest: 80 }, &Activity::measure(&journal, today()));
        assert_eq!(
            said,
            [
                "You report a strong interest in interacting, but you started only 1 of the 5 contacts where you noted who reached out."
            ]
        );
        journal[0].initiated_by = None; // only 4 recorded: too few to say
        assert!(
            compare(Scores { time: 50, interest: 80 }, &Activity::measure(&journal, today()))[0].contains("same story")
        );
    }
}
