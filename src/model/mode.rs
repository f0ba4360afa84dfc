//! What each relationship should be, and keeping in touch.

use chrono::{Duration, NaiveDate};

use super::order::sort_by_key;
use super::text::plural;
use super::time::short_date;
use super::{Id, Journal, Person, Role};

choices! {
    /// The kind of relationship the user chooses with someone.
    #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
    pub enum Mode as "relationship mode" {
        Professional => "professional", "Strictly professional";
        /// Enough about the person to understand their view, not so personal
        /// that it becomes a stumbling block.
        ProfessionallyPersonal => "professionally_personal", "Professionally personal";
        Friends => "friends", "Friends who work together";
    }
}

/// Something worth weighing about the chosen mode with someone in this role.
pub fn mode_note(mode: Mode, role: Role) -> Option<&'static str> {
    match (mode, role) {
        (Mode::Friends, Role::Superior) => Some(
            "Being friends with your manager can make it harder to disagree, to ask for a raise, or to hear hard feedback; others may read favouritism into it; and what you learn as a friend can change how you are treated at work. Many manage it well when both keep work decisions at work.",
        ),
        (Mode::Friends, Role::DirectReport) => Some(
            "Being friends with someone you manage can make it harder to give them hard feedback or unwelcome work, and the rest of the team may see favouritism. You may also learn things as a friend that you cannot forget as a manager. Agree early what stays outside work.",
        ),
        (Mode::Friends, Role::InternalClient | Role::ExternalClient) => Some(
            "Friendship with a client can strengthen the bond and the trust between you, as long as both of you know where the work stops: fees, deadlines and quality still have to hold when the friendship is tested.",
        ),
        _ => None,
    }
}

/// "every 7 days", "every 2 weeks".
pub fn describe_cadence(days: u32) -> String {
    match days {
        1 => "every day".into(),
        7 => "every week".into(),
        d if d % 7 == 0 => format!("every {} weeks", d / 7),
        d => format!("every {d} days"),
    }
}

/// Where keeping in touch with someone stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Touch {
    /// No cadence chosen.
    NoCadence,
    /// Within the cadence; the next contact is due on this day.
    OnTrack { due: NaiveDate },
    /// Past the cadence by this many days.
    Fading { overdue: i64, last: NaiveDate },
    /// A cadence, but never met.
    NeverMet,
}

impl Touch {
    /// The state in a sentence, as a person's page shows it: "Keep in touch
    /// every week: fading, 3 days overdue (last met 2 Mar 2026)."
    pub fn describe(self, cadence_days: u32) -> String {
        let cadence = describe_cadence(cadence_days);
        match self {
            Touch::NoCadence => "No keep-in-touch cadence.".to_owned(),
            Touch::NeverMet => format!("Keep in touch {cadence}: not met yet."),
            Touch::OnTrack { due } => format!("Keep in touch {cadence}: next by {}.", short_date(due)),
            Touch::Fading { overdue, last } => format!(
                "Keep in touch {cadence}: fading, {} overdue (last met {}).",
                plural(overdue as usize, "day", "days"),
                short_date(last)
            ),
        }
    }

    /// Why someone needs attention, after their name in a list: "3 days
    /// overdue — last met 2 Mar 2026, keep in touch every week". None when
    /// they do not.
    pub fn attention(self, cadence_days: u32) -> Option<String> {
        let cadence = describe_cadence(cadence_days);
        match self {
            Touch::Fading { overdue, last } => Some(format!(
                "{} overdue — last met {}, keep in touch {cadence}",
                plural(overdue as usize, "day", "days"),
                short_date(last)
            )),
            Touch::NeverMet => Some(format!("not met yet — keep in touch {cadence}")),
            Touch::NoCadence | Touch::OnTrack { .. } => None,
        }
    }
}

/// The keep-in-touch state of `person` on `today`, from their latest
/// interaction. On the due day itself the person is not fading yet.
pub fn touch(person: &Person, last: Option<NaiveDate>, today: NaiveDate) -> Touch {
    let Some(days) = person.cadence_days.filter(|d| *d > 0) else { return Touch::NoCadence };
    let Some(last) = last else { return Touch::NeverMet };
    let due = last + Duration::days(i64::from(days));
    match (today - due).num_days() {
        overdue if overdue > 0 => Touch::Fading { overdue, last },
        _ => Touch::OnTrack { due },
    }
}

/// Everyone fading on `today`, most overdue first; people never met after them.
pub fn fading(journal: &Journal, today: NaiveDate) -> Vec<(Id, Touch)> {
    let tallies = journal.tallies();
    let mut list: Vec<(Id, Touch)> = journal
        .people()
        .filter_map(|p| {
            let last = tallies.get(&p.id).and_then(|t| t.last).map(|at| at.date());
            match touch(p, last, today) {
                t @ (Touch::Fading { .. } | Touch::NeverMet) => Some((p.id, t)),
                _ => None,
            }
        })
        .collect();
    sort_by_key(&mut list, |(id, t)| match t {
        Touch::Fading { overdue, .. } => (0, -overdue, *id),
        _ => (1, 0, *id),
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{day, interaction};

    fn person(id: u64, cadence: Option<u32>) -> Person {
        Person { cadence_days: cadence, ..Person::named(Id::from_raw(id), &format!("P{id}")) }
    }

    #[test]
    fn friends_with_a_superior_or_report_gets_a_note_and_with_a_client_another() {
        assert!(mode_note(Mode::Friends, Role::Superior).unwrap().contains("manager"));
        assert!(mode_note(Mode::Friends, Role::DirectReport).unwrap().contains("someone you manage"));
        assert!(mode_note(Mode::Friends, Role::ExternalClient).unwrap().contains("strengthen"));
        assert_eq!(mode_note(Mode::Friends, Role::Peer), None);
        assert_eq!(mode_note(Mode::Professional, Role::Superior), None);
    }

    #[test]
    fn keeping_in_touch_reads_as_a_sentence_on_the_page_and_as_a_reason_in_a_list() {
        let fading = Touch::Fading { overdue: 3, last: day(3, 2) };
        assert_eq!(fading.describe(7), "Keep in touch every week: fading, 3 days overdue (last met 2 Mar 2026).");
        assert_eq!(
            fading.attention(7).as_deref(),
            Some("3 days overdue — last met 2 Mar 2026, keep in touch every week")
        );
        assert_eq!(Touch::NeverMet.describe(14), "Keep in touch every 2 weeks: not met yet.");
        assert_eq!(Touch::NeverMet.attention(1).as_deref(), Some("not met yet — keep in touch every day"));
        assert_eq!(Touch::OnTrack { due: day(3, 9) }.describe(10), "Keep in touch every 10 days: next by 9 Mar 2026.");
        assert_eq!(Touch::OnTrack { due: day(3, 9) }.attention(10), None);
        assert_eq!(Touch::NoCadence.describe(0), "No keep-in-touch cadence.");
        assert_eq!(
            Touch::Fading { overdue: 1, last: day(3, 2) }.attention(7).as_deref().map(|s| &s[..13]),
            Some("1 day overdue")
        );
    }

    #[test]
    fn no_cadence_means_never_fading() {
        assert_eq!(touch(&person(1, None), Some(day(1, 1)), day(12, 1)), Touch::NoCadence);
        assert_eq!(touch(&person(1, Some(0)), Some(day(1, 1)), day(12, 1)), Touch::NoCadence);
    }

    #[test]
    fn no_interactions_at_all_is_never_met() {
        assert_eq!(touch(&person(1, Some(7)), None, day(3, 1)), Touch::NeverMet);
    }

    #[test]
    fn exactly_on_the_cadence_is_not_yet_fading() {
        let p = person(1, Some(7));
        assert_eq!(touch(&p, Some(day(3, 1)), day(3, 8)), Touch::OnTrack { due: day(3, 8) });
        assert_eq!(touch(&p, Some(day(3, 1)), day(3, 9)), Touch::Fading { overdue: 1, last: day(3, 1) });
        // Met 10 days ago on a 7-day cadence: 3 days overdue.
        assert_eq!(touch(&p, Some(day(3, 1)), day(3, 11)), Touch::Fading { overdue: 3, last: day(3, 1) });
    }

    #[test]
    fn a_cadence_changed_after_the_fact_counts_from_the_last_interaction() {
        let mut p = person(1, Some(30));
        assert!(matches!(touch(&p, Some(day(3, 1)), day(3, 20)), Touch::OnTrack { .. }));
        p.cadence_days = Some(14);
        assert_eq!(touch(&p, Some(day(3, 1)), day(3, 20)), Touch::Fading { overdue: 5, last: day(3, 1) });
    }

    #[test]
    fn fading_people_are_listed_most_overdue_first() {
        let mut journal = Journal::from_records(
            vec![person(1, Some(7)), person(2, Some(7)), person(3, Some(30)), person(4, Some(7)), person(5, None)],
            vec![],
        );
        let at = |d: u32| day(3, d).and_hms_opt(9, 0, 0).unwrap();
        journal.upsert_interaction(interaction(10, at(1), &[Id::from_raw(1)]));
        journal.upsert_interaction(interaction(11, at(5), &[Id::from_raw(2)]));
        journal.upsert_interaction(interaction(12, at(1), &[Id::from_raw(3), Id::from_raw(5)]));
        let list = fading(&journal, day(3, 20));
        let ids: Vec<u64> = list.iter().map(|(id, _)| id.raw()).collect();
        assert_eq!(ids, [1, 2, 4], "12 and 8 days overdue, then never met; 3 on track, 5 has no cadence");
        assert_eq!(list[0].1, Touch::Fading { overdue: 12, last: day(3, 1) });
    }

    #[test]
    fn cadences_read_plainly() {
        assert_eq!(describe_cadence(1), "every day");
        assert_eq!(describe_cadence(7), "every week");
        assert_eq!(describe_cadence(14), "every 2 weeks");
        assert_eq!(describe_cadence(10), "every 10 days");
    }
}
