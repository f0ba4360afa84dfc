//! The periodic review: the "company of one" checking on its customers,
//! person by person, against the eight traits of a partnership.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::draft::parse_date;
use super::order::sort_by_key;
use super::record::Rev;
use super::{Field, FieldError, Id, Interaction, Journal, Role};

choices! {
    /// The eight traits good working relationships share.
    #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
    pub enum Trait as "partnership trait" {
        Respect => "respect", "Respect";
        Gratitude => "gratitude", "Gratitude and appreciation";
        Equals => "equals", "A sense of being equals";
        BadNews => "bad_news", "Willing to hear bad news";
        OwningResults => "owning_results", "Owning bad results";
        SharingGlory => "sharing_glory", "Sharing the glory";
        Misunderstood => "misunderstood", "Accepting “I think you misunderstood”";
        Sorry => "sorry", "Saying and accepting sorry";
    }
}

impl Trait {
    /// What it looks like, to rate it by.
    pub fn hint(self) -> &'static str {
        match self {
            Trait::Respect => "for time, meetings, deadlines and fees",
            Trait::Gratitude => "thanks given, effort noticed",
            Trait::Equals => "neither master nor servant",
            Trait::BadNews => "problems raised early are welcome",
            Trait::OwningResults => "mistakes owned, then moving on",
            Trait::SharingGlory => "credit given where it is due",
            Trait::Misunderstood => "a correction taken without offence",
            Trait::Sorry => "apologies made and accepted",
        }
    }
}

/// One trait rated 1–5 for how the user shows it and how the other does;
/// either may be skipped.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Rating {
    #[serde(rename = "t")]
    pub trait_: Trait,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mine: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<u8>,
}

/// What the review recorded about one person.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub person: Id,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<Rating>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Entry {
    pub fn rating(&self, trait_: Trait) -> Rating {
        self.ratings.iter().copied().find(|r| r.trait_ == trait_).unwrap_or(Rating { trait_, mine: None, theirs: None })
    }

    /// Sets one side of one trait; `None` skips it.
    pub fn rate(&mut self, trait_: Trait, mine: bool, value: Option<u8>) {
        let value = value.filter(|v| (1..=5).contains(v));
        let mut rating = self.rating(trait_);
        if mine {
            rating.mine = value;
        } else {
            rating.theirs = value;
        }
        self.ratings.retain(|r| r.trait_ != trait_);
        if rating.mine.is_some() || rating.theirs.is_some() {
            self.ratings.push(rating);
            sort_by_key(&mut self.ratings, |r| r.trait_);
        }
    }
}

choices! {
    #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
    pub enum GoalStatus as "goal status" {
        #[default]
        Open => "open", "Open";
        Done => "done", "Done";
        Dropped => "dropped", "Dropped";
    }
}

/// A goal set in a review.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Goal {
    pub id: Id,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Id>,
    #[serde(default, with = "super::time::optional_date", skip_serializing_if = "Option::is_none")]
    pub target: Option<NaiveDate>,
    #[serde(default)]
    pub status: GoalStatus,
}

/// One periodic review, finished or under way. It is saved after every
/// answer, so it can be left and resumed where the user stopped.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Review {
    pub id: Id,
    #[serde(with = "super::time::date")]
    pub started: NaiveDate,
    #[serde(default, with = "super::time::optional_date", skip_serializing_if = "Option::is_none")]
    pub finished: Option<NaiveDate>,
    /// The people chosen for it, in the order they are walked through.
    pub people: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// Where the user stopped: an index into `people`, or `people.len()`
    /// for the goals.
    #[serde(default)]
    pub step: usize,
    /// The version of this record (see `model::record`).
    #[serde(default)]
    pub rev: Rev,
}

/// The goal form, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoalDraft {
    pub text: String,
    /// `YYYY-MM-DD`, or empty.
    pub target: String,
    /// The person's id, or empty for no one in particular.
    pub person: String,
}

impl GoalDraft {
    /// A new open goal, or the messages for the goal's text and date.
    pub fn validate(&self, id: Id) -> Result<Goal, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = self.text.trim();
        if text.is_empty() {
            errors.push(FieldError::new(Field::Text, "Write the goal."));
        }
        let target = parse_date(&self.target).map_err(|m| errors.push(FieldError::new(Field::Date, m))).ok().flatten();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Goal { id, text: text.to_owned(), person: self.person.parse().ok(), target, status: GoalStatus::Open })
    }
}

impl Review {
    pub fn entry(&self, person: Id) -> Option<&Entry> {
        self.entries.iter().find(|e| e.person == person)
    }

    pub fn entry_mut(&mut self, person: Id) -> &mut Entry {
        if let Some(index) = self.entries.iter().position(|e| e.person == person) {
            return &mut self.entries[index];
        }
        self.entries.push(Entry { person, ratings: Vec::new(), note: String::new() });
        let last = self.entries.len() - 1;
        &mut self.entries[last]
    }

    /// The people still in the journal, in order: someone removed while the
    /// review is under way is skipped (their answers stay in the record).
    pub fn steps(&self, journal: &Journal) -> Vec<Id> {
        self.people.iter().copied().filter(|&p| journal.person(p).is_some()).collect()
    }
}

/// The review settings of the whole journal.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Settings {
    pub id: Id,
    /// Review every this many days; `None` for no reminder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_every_days: Option<u32>,
    /// When a backup was last downloaded, in milliseconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_backup: Option<i64>,
    /// Home suggests no backup before this day (see `model::safekeeping`).
    #[serde(default, with = "super::time::optional_date", skip_serializing_if = "Option::is_none")]
    pub backup_snoozed_until: Option<NaiveDate>,
    /// With a lock on: lock after this many minutes without use (0: never);
    /// `None` for the default (see `model::lock`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock_after_minutes: Option<u32>,
    /// The version of this record (see `model::record`).
    #[serde(default)]
    pub rev: Rev,
}

/// The one settings record's id.
pub const SETTINGS_ID: Id = Id::from_raw(1);
/// Quarterly, the usual rhythm of business reviews.
pub const DEFAULT_REVIEW_DAYS: u32 = 91;

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            id: SETTINGS_ID,
            review_every_days: Some(DEFAULT_REVIEW_DAYS),
            last_backup: None,
            backup_snoozed_until: None,
            lock_after_minutes: None,
            rev: Rev::default(),
        }
    }
}

/// The roles a review proposes by default: the user's customers, inside
/// and outside, and the two ends of their reporting line.
pub fn reviewed_by_default(role: Role) -> bool {
    matches!(role, Role::InternalClient | Role::ExternalClient | Role::Superior | Role::DirectReport)
}

/// The latest finished review.
pub fn last_finished(journal: &Journal) -> Option<&Review> {
    journal.reviews().iter().filter(|r| r.finished.is_some()).max_by_key(|r| (r.finished, r.started, r.id))
}

/// The review under way, if one is.
pub fn in_progress(journal: &Journal) -> Option<&Review> {
    journal.reviews().iter().find(|r| r.finished.is_none())
}

/// Who a new review proposes: customers, superiors and direct reports with
/// any interaction since the last finished review (ever, before the first),
/// by name.
pub fn proposed_people(journal: &Journal) -> Vec<Id> {
    let since = last_finished(journal).and_then(|r| r.finished);
    let met_since =
        |person: Id| journal.interactions().any(|i| i.involves(person) && since.is_none_or(|s| i.date() >= s));
    journal
        .people_by_name()
        .into_iter()
        .filter(|p| reviewed_by_default(p.role) && met_since(p.id))
        .map(|p| p.id)
        .collect()
}

/// The interactions with `person` since `since` (all of them for `None`), newest first.
pub fn interactions_since(journal: &Journal, person: Id, since: Option<NaiveDate>) -> Vec<&Interaction> {
    journal.interactions().filter(|i| i.involves(person) && since.is_none_or(|s| i.date() >= s)).collect()
}

/// When the next review is due.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NextReview {
    /// No reminder set.
    Off,
    /// Never reviewed: due now.
    First,
    On(NaiveDate),
}

pub fn next_review(journal: &Journal) -> NextReview {
    let Some(days) = journal.settings().review_every_days.filter(|d| *d > 0) else { return NextReview::Off };
    match last_finished(journal).and_then(|r| r.finished) {
        Some(last) => NextReview::On(last + Duration::days(i64::from(days))),
        None => NextReview::First,
    }
}

impl NextReview {
    pub fn is_due(self, today: NaiveDate) -> bool {
        match self {
            NextReview::Off => false,
            NextReview::First => true,
            NextReview::On(date) => date <= today,
        }
    }
}

/// A person's ratings in every finished review that rated them, oldest first.
pub fn history(journal: &Journal, person: Id) -> Vec<(NaiveDate, &Entry)> {
    let mut found: Vec<(NaiveDate, &Entry)> = journal
        .reviews()
        .iter()
        .filter_map(|r| Some((r.finished?, r.entry(person).filter(|e| !e.ratings.is_empty())?)))
        .collect();
    sort_by_key(&mut found, |(date, _)| *date);
    found
}

/// The biggest differences between the two sides in the person's latest
/// rated review, largest first; traits rated the same are left out.
pub fn biggest_gaps(journal: &Journal, person: Id) -> Vec<(Trait, u8, u8)> {
    let Some((_, entry)) = history(journal, person).pop() else { return Vec::new() };
    let mut gaps: Vec<(Trait, u8, u8)> = entry
        .ratings
        .iter()
        .filter_map(|r| Some((r.trait_, r.mine?, r.theirs?)))
        .filter(|(_, mine, theirs)| mine != theirs)
        .collect();
    sort_by_key(&mut gaps, |&(t, mine, theirs)| (std::cmp::Reverse(mine.abs_diff(theirs)), t));
    gaps
}

/// Goals still open, soonest target first (undated last).
pub fn open_goals(journal: &Journal) -> Vec<&Goal> {
    let mut goals: Vec<&Goal> =
        journal.reviews().iter().flat_map(|r| &r.goals).filter(|g| g.status == GoalStatus::Open).collect();
    sort_by_key(&mut goals, |g| (g.target.is_none(), g.target, g.id));
    goals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;
    use crate::model::testing::{day, interaction};

    fn person(id: u64, name: &str, role: Role) -> Person {
        Person { role, ..Person::named(Id::from_raw(id), name) }
    }

    fn review(id: u64, finished: Option<NaiveDate>, people: &[u64]) -> Review {
        Review {
            id: Id::from_raw(id),
            started: finished.unwrap_or(day(6, 1)) - Duration::days(1),
            finished,
            people: people.iter().map(|&p| Id::from_raw(p)).collect(),
            entries: Vec::new(),
            goals: Vec::new(),
            step: 0,
            rev: Default::default(),
        }
    }

    fn journal() -> Journal {
        let mut journal = Journal::from_records(
            vec![
                person(1, "Ana", Role::ExternalClient),
                person(2, "Bo", Role::Superior),
                person(3, "Cy", Role::Peer),
                person(4, "Di", Role::DirectReport),
                person(5, "Ed", Role::InternalClient),
            ],
            vec![],
        );
        let at = |m, d| day(m, d).and_hms_opt(9, 0, 0).unwrap();
        journal.upsert_interaction(interaction(10, at(2, 1), &[Id::from_raw(1), Id::from_raw(3)]));
        journal.upsert_interaction(interaction(11, at(4, 1), &[Id::from_raw(2)]));
        journal.upsert_interaction(interaction(12, at(1, 5), &[Id::from_raw(4)]));
        journal
    }

    #[test]
    fn a_goal_needs_its_words_and_a_real_date_if_any() {
        let draft = GoalDraft { text: "  Monthly check-in ".into(), target: "2026-04-30".into(), person: "c".into() };
        let goal = draft.validate(Id::from_raw(7)).expect("valid");
        assert_eq!(goal.text, "Monthly check-in");
        assert_eq!(goal.target, NaiveDate::from_ymd_opt(2026, 4, 30));
        assert_eq!(goal.person, Some(Id::from_raw(12)));
        assert_eq!(goal.status, GoalStatus::Open);
        let undated = GoalDraft { target: "  ".into(), person: String::new(), ..draft.clone() };
        assert_eq!(undated.validate(Id::from_raw(7)).map(|g| (g.target, g.person)), Ok((None, None)));
        let bad = GoalDraft { text: " ".into(), target: "0205-04-30".into(), person: String::new() };
        let fields: Vec<Field> = bad.validate(Id::from_raw(7)).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Text, Field::Date]);
        let message = GoalDraft { target: "soon".into(), ..draft }.validate(Id::from_raw(7)).unwrap_err();
        assert_eq!(message[0].message, "“soon” is not a date; use the form 2026-03-31.");
    }

    #[test]
    fn with_no_interactions_at_all_nobody_is_proposed_and_the_first_review_is_due() {
        let journal = Journal::from_records(vec![person(1, "Ana", Role::ExternalClient)], vec![]);
        assert!(proposed_people(&journal).is_empty());
        assert_eq!(next_review(&journal), NextReview::First);
        assert!(next_review(&journal).is_due(day(1, 1)));
    }

    #[test]
    fn a_first_review_proposes_customers_and_the_reporting_line_met_at_any_time() {
        let ids: Vec<u64> = proposed_people(&journal()).iter().map(|id| id.raw()).collect();
        assert_eq!(ids, [1, 2, 4], "Cy is a peer; Ed was never met");
    }

    #[test]
    fn later_reviews_propose_only_those_met_since_the_last_one() {
        let mut j = journal();
        j.upsert_review(review(50, Some(day(3, 1)), &[1, 2, 4]));
        let ids: Vec<u64> = proposed_people(&j).iter().map(|id| id.raw()).collect();
        assert_eq!(ids, [2]);
        assert_eq!(interactions_since(&j, Id::from_raw(1), Some(day(3, 1))).len(), 0);
        assert_eq!(interactions_since(&j, Id::from_raw(1), None).len(), 1);
    }

    #[test]
    fn the_next_review_follows_the_last_finished_one_by_the_cadence() {
        let mut j = journal();
        j.upsert_review(review(50, Some(day(3, 1)), &[]));
        j.upsert_review(review(51, None, &[]));
        assert_eq!(next_review(&j), NextReview::On(day(3, 1) + Duration::days(91)));
        assert!(!next_review(&j).is_due(day(5, 30)));
        assert!(next_review(&j).is_due(day(5, 31)), "due on the day itself");
        j.set_settings(Settings { review_every_days: Some(30), ..Settings::default() });
        assert_eq!(next_review(&j), NextReview::On(day(3, 31)));
        j.set_settings(Settings { review_every_days: None, ..Settings::default() });
        assert_eq!(next_review(&j), NextReview::Off);
        assert_eq!(in_progress(&j).map(|r| r.id.raw()), Some(51));
    }

    #[test]
    fn ratings_are_set_per_side_and_skipped_ones_left_out() {
        let mut entry = Entry { person: Id::from_raw(1), ratings: Vec::new(), note: String::new() };
        entry.rate(Trait::Sorry, true, Some(4));
        entry.rate(Trait::Respect, false, Some(2));
        entry.rate(Trait::Respect, true, Some(5));
        entry.rate(Trait::Gratitude, true, Some(9)); // out of range: skipped
        assert_eq!(entry.ratings.len(), 2);
        assert_eq!(entry.rating(Trait::Respect), Rating { trait_: Trait::Respect, mine: Some(5), theirs: Some(2) });
        entry.rate(Trait::Sorry, true, None);
        assert_eq!(entry.ratings.len(), 1, "skipping both sides removes the trait");
        let json = serde_json::to_string(&entry).unwrap();
        assert_eq!(json, r#"{"person":"1","ratings":[{"t":"respect","mine":5,"theirs":2}]}"#);
    }

    #[test]
    fn gaps_come_from_the_latest_rated_review_largest_first() {
        let mut j = journal();
        let mut old = review(50, Some(day(2, 1)), &[1]);
        old.entry_mut(Id::from_raw(1)).rate(Trait::Respect, true, Some(1));
        old.entry_mut(Id::from_raw(1)).rate(Trait::Respect, false, Some(5));
        let mut new = review(51, Some(day(5, 1)), &[1]);
        let e = new.entry_mut(Id::from_raw(1));
        for (t, mine, theirs) in
            [(Trait::Respect, 4, 4), (Trait::BadNews, 5, 2), (Trait::Sorry, 2, 3), (Trait::Equals, 4, 1)]
        {
            e.rate(t, true, Some(mine));
            e.rate(t, false, Some(theirs));
        }
        e.rate(Trait::Gratitude, true, Some(5)); // one side only: no gap
        j.upsert_review(old);
        j.upsert_review(new);
        assert_eq!(history(&j, Id::from_raw(1)).len(), 2);
        assert_eq!(
            biggest_gaps(&j, Id::from_raw(1)),
            [(Trait::Equals, 4, 1), (Trait::BadNews, 5, 2), (Trait::Sorry, 2, 3)],
            "equal gaps in the traits' order"
        );
        assert!(biggest_gaps(&j, Id::from_raw(2)).is_empty());
    }

    #[test]
    fn a_person_removed_half_way_through_is_skipped_and_their_answers_kept() {
        let mut j = journal();
        let mut r = review(60, None, &[1, 2, 4]);
        r.entry_mut(Id::from_raw(2)).rate(Trait::Respect, true, Some(3));
        r.step = 1;
        j.upsert_review(r);
        j.remove_person(Id::from_raw(2));
        let r = in_progress(&j).unwrap();
        assert_eq!(r.steps(&j), [Id::from_raw(1), Id::from_raw(4)]);
        assert_eq!(r.entry(Id::from_raw(2)).unwrap().ratings.len(), 1);
        assert!(history(&j, Id::from_raw(2)).is_empty(), "an unfinished review is not history");
    }

    #[test]
    fn open_goals_are_listed_soonest_target_first() {
        let mut j = journal();
        let mut r = review(50, Some(day(3, 1)), &[]);
        let goal = |id: u64, target: Option<NaiveDate>, status| Goal {
            id: Id::from_raw(id),
            text: format!("goal {id}"),
            person: None,
            target,
            status,
        };
        r.goals = vec![
            goal(1, None, GoalStatus::Open),
            goal(2, Some(day(9, 1)), GoalStatus::Open),
            goal(3, Some(day(4, 1)), GoalStatus::Done),
            goal(4, Some(day(6, 1)), GoalStatus::Open),
        ];
        j.upsert_review(r);
        let ids: Vec<u64> = open_goals(&j).iter().map(|g| g.id.raw()).collect();
        assert_eq!(ids, [4, 2, 1]);
    }
}
