//! The journal in memory: people and interactions, kept newest first, with a
//! search text per interaction so a query never re-lowercases 25,000 notes.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use super::assessment::Assessment;
use super::career::CareerEntry;
use super::chain::Chain;
use super::order::sort_by_key;
use super::relationship::{Tally, tally_all};
use super::review::{Review, Settings};
use super::task::Task;
use super::{Id, IdMap, IdSet, Interaction, Kind, Person};

/// A calendar month; the journal is stored one month per record group.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(date: NaiveDate) -> Month {
        Month { year: date.year(), month: date.month() }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (year_text, month_text) = s.split_once('-').ok_or(())?;
        // Four digits, as `Display` writes them: 0205 is a (mistyped) year too,
        // and its key must load like any other.
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(());
        }
        let year: i32 = year_text.parse().map_err(|_| ())?;
        let month: u32 = month_text.parse().map_err(|_| ())?;
        if (1..=12).contains(&month) { Ok(Month { year, month }) } else { Err(()) }
    }
}

/// An interaction, with its text lower-cased once for search.
#[derive(Clone, Debug, PartialEq)]
struct Indexed {
    interaction: Interaction,
    /// Lower-cased notes and outcome texts, for search.
    haystack: String,
}

impl Indexed {
    fn new(interaction: Interaction) -> Indexed {
        let mut haystack = interaction.notes.to_lowercase();
        if let Some(dependency) = &interaction.dependency {
            haystack.push('\n');
            haystack.push_str(&dependency.what.to_lowercase());
        }
        if let Some(expectation) = &interaction.expectation {
            haystack.push('\n');
            haystack.push_str(&expectation.what.to_lowercase());
        }
        haystack.push('\n');
        haystack.push_str(&interaction.kind.label().to_lowercase());
        Indexed { interaction, haystack }
    }

    fn order(&self) -> (Reverse<chrono::NaiveDateTime>, Reverse<Id>) {
        order_of(&self.interaction)
    }
}

fn order_of(i: &Interaction) -> (Reverse<chrono::NaiveDateTime>, Reverse<Id>) {
    (Reverse(i.at), Reverse(i.id))
}

/// A line of the People screen.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonSummary<'a> {
    pub person: &'a Person,
    pub tally: Tally,
}

/// What the journal screen asks for: every condition must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Words that must each appear in the notes, the outcomes, the kind or the
    /// name or organization of someone present.
    pub text: String,
    pub person: Option<Id>,
    pub kind: Option<Kind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub with_dependency: bool,
    pub with_expectation: bool,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Journal {
    people: IdMap<Person>,
    /// Self-assessments, oldest first.
    assessments: Vec<Assessment>,
    /// Service chains, in the user's order.
    chains: Vec<Chain>,
    tasks: Vec<Task>,
    career: Vec<CareerEntry>,
    reviews: Vec<Review>,
    settings: Settings,
    /// Newest first; ties broken by id so the order is total and stable.
    entries: Vec<Indexed>,
}

impl Journal {
    /// Builds a journal from records in any order. Where the same id appears
    /// twice (a save interrupted while moving a record between months), the
    /// copy with the latest revision is kept.
    pub fn from_records(people: Vec<Person>, interactions: Vec<Interaction>) -> Journal {
        let mut journal = Journal::default();
        journal.replace_people(people);
        let mut newest: IdMap<Interaction> = IdMap::with_capacity_and_hasher(interactions.len(), Default::default());
        for interaction in interactions {
            match newest.get(&interaction.id) {
                Some(kept) if kept.rev >= interaction.rev => {}
                _ => {
                    newest.insert(interaction.id, interaction);
                }
            }
        }
        journal.set_entries(newest.into_values().map(Indexed::new).collect());
        journal
    }

    /// Builds a journal from interactions whose ids are unique, as the store
    /// gives them (it resolves duplicate copies by revision as it reads):
    /// skips the check for duplicates that [`Journal::from_records`] makes.
    pub fn from_unique(interactions: Vec<Interaction>) -> Journal {
        let mut journal = Journal::default();
        journal.set_entries(interactions.into_iter().map(Indexed::new).collect());
        journal
    }

    // ---- people ----

    pub fn person(&self, id: Id) -> Option<&Person> {
        self.people.get(&id)
    }

    pub fn people(&self) -> impl Iterator<Item = &Person> {
        self.people.values()
    }

    pub fn people_count(&self) -> usize {
        self.people.len()
    }

    /// Everyone, sorted by name for lists and pickers.
    pub fn people_by_name(&self) -> Vec<&Person> {
        let mut people: Vec<&Person> = self.people.values().collect();
        sort_by_key(&mut people, |p| (p.name.to_lowercase(), p.id));
        people
    }

    /// The person with this name, ignoring case and surrounding spaces.
    pub fn find_person_by_name(&self, name: &str) -> Option<&Person> {
        let wanted = name.trim().to_lowercase();
        self.people.values().filter(|p| p.name.trim().to_lowercase() == wanted).min_by_key(|p| p.id)
    }

    /// A person's display name; a person who was removed keeps a placeholder.
    pub fn name_of(&self, id: Id) -> &str {
        self.people.get(&id).map_or("Removed person", |p| p.name.as_str())
    }

    pub fn upsert_person(&mut self, person: Person) {
        self.people.insert(person.id, person);
    }

    pub fn remove_person(&mut self, id: Id) -> Option<Person> {
        self.people.remove(&id)
    }

    pub fn replace_people(&mut self, people: Vec<Person>) {
        self.people = people.into_iter().map(|p| (p.id, p)).collect();
    }

    // ---- self-assessments ----

    /// Every self-assessment, oldest first.
    pub fn assessments(&self) -> &[Assessment] {
        &self.assessments
    }

    pub fn assessment(&self, id: Id) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.id == id)
    }

    pub fn upsert_assessment(&mut self, assessment: Assessment) {
        self.assessments.retain(|a| a.id != assessment.id);
        self.assessments.push(assessment);
        sort_by_key(&mut self.assessments, |a| (a.at, a.rev, a.id));
    }

    pub fn remove_assessment(&mut self, id: Id) -> Option<Assessment> {
        let index = self.assessments.iter().position(|a| a.id == id)?;
        Some(self.assessments.remove(index))
    }

    pub fn replace_assessments(&mut self, mut assessments: Vec<Assessment>) {
        sort_by_key(&mut assessments, |a| (a.at, a.rev, a.id));
        self.assessments = assessments;
    }

    // ---- chains, tasks, career file ----

    /// Every chain, in the user's order.
    pub fn chains(&self) -> &[Chain] {
        &self.chains
    }

    pub fn chain(&self, id: Id) -> Option<&Chain> {
        self.chains.iter().find(|c| c.id == id)
    }

    pub fn upsert_chain(&mut self, chain: Chain) {
        upsert_by_id(&mut self.chains, chain, |c| c.id);
        sort_by_key(&mut self.chains, |c| c.position);
    }

    pub fn remove_chain(&mut self, id: Id) {
        self.chains.retain(|c| c.id != id);
    }

    pub fn replace_chains(&mut self, mut chains: Vec<Chain>) {
        sort_by_key(&mut chains, |c| c.position);
        self.chains = chains;
    }

    /// The position after every chain's: where a new chain goes.
    pub fn next_chain_position(&self) -> i64 {
        self.chains.iter().map(|c| c.position + 1).max().unwrap_or(0)
    }

    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    pub fn task(&self, id: Id) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    pub fn upsert_task(&mut self, task: Task) {
        upsert_by_id(&mut self.tasks, task, |t| t.id);
    }

    pub fn remove_task(&mut self, id: Id) {
        self.tasks.retain(|t| t.id != id);
    }

    pub fn replace_tasks(&mut self, tasks: Vec<Task>) {
        self.tasks = tasks;
    }

    pub fn career_entry(&self, id: Id) -> Option<&CareerEntry> {
        self.career.iter().find(|e| e.id == id)
    }

    pub fn career_entries(&self) -> &[CareerEntry] {
        &self.career
    }

    pub fn upsert_career_entry(&mut self, entry: CareerEntry) {
        upsert_by_id(&mut self.career, entry, |e| e.id);
    }

    pub fn remove_career_entry(&mut self, id: Id) {
        self.career.retain(|e| e.id != id);
    }

    pub fn replace_career_entries(&mut self, entries: Vec<CareerEntry>) {
        self.career = entries;
    }

    // ---- reviews ----

    pub fn reviews(&self) -> &[Review] {
        &self.reviews
    }

    pub fn review(&self, id: Id) -> Option<&Review> {
        self.reviews.iter().find(|r| r.id == id)
    }

    pub fn upsert_review(&mut self, review: Review) {
        upsert_by_id(&mut self.reviews, review, |r| r.id);
    }

    pub fn remove_review(&mut self, id: Id) {
        self.reviews.retain(|r| r.id != id);
    }

    pub fn replace_reviews(&mut self, reviews: Vec<Review>) {
        self.reviews = reviews;
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
    }

    /// The settings as a record: there is one, with a fixed id.
    pub fn settings_record(&self, id: Id) -> Option<&Settings> {
        (self.settings.id == id).then_some(&self.settings)
    }

    pub fn settings_records(&self) -> [&Settings; 1] {
        [&self.settings]
    }

    /// Back to the defaults (the stored settings were deleted).
    pub fn reset_settings(&mut self, _id: Id) {
        self.settings = Settings::default();
    }

    /// One record; none stored means the defaults.
    pub fn replace_settings(&mut self, settings: Vec<Settings>) {
        self.settings = settings.into_iter().next().unwrap_or_default();
    }

    // ---- interactions ----

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every interaction, newest first.
    pub fn interactions(&self) -> impl DoubleEndedIterator<Item = &Interaction> + ExactSizeIterator {
        self.entries.iter().map(|e| &e.interaction)
    }

    pub fn interaction(&self, id: Id) -> Option<&Interaction> {
        self.entries.iter().find(|e| e.interaction.id == id).map(|e| &e.interaction)
    }

    /// The interaction with `id`, looked for first where one that happened
    /// `near` would be (a binary search), then everywhere: how a list row
    /// that knows its record follows it cheaply.
    pub fn interaction_near(&self, id: Id, near: chrono::NaiveDateTime) -> Option<&Interaction> {
        let key = (Reverse(near), Reverse(id));
        match self.entries.binary_search_by(|e| e.order().cmp(&key)) {
            Ok(index) => Some(&self.entries[index].interaction),
            Err(_) => self.interaction(id),
        }
    }

    /// Adds or replaces an interaction; returns the copy it replaced.
    pub fn upsert_interaction(&mut self, interaction: Interaction) -> Option<Interaction> {
        let previous = self.remove_interaction(interaction.id);
        let entry = Indexed::new(interaction);
        let at = self.entries.partition_point(|e| e.order() < entry.order());
        self.entries.insert(at, entry);
        previous
    }

    pub fn remove_interaction(&mut self, id: Id) -> Option<Interaction> {
        let index = self.entries.iter().position(|e| e.interaction.id == id)?;
        Some(self.entries.remove(index).interaction)
    }

    /// Replaces every interaction.
    pub fn replace_interactions(&mut self, interactions: Vec<Interaction>) {
        self.set_entries(interactions.into_iter().map(Indexed::new).collect());
    }

    /// Makes `month` hold exactly `records`, as another tab just saved it.
    pub fn replace_month(&mut self, month: Month, records: Vec<Interaction>) {
        let incoming: IdSet = records.iter().map(|r| r.id).collect();
        let mut entries = std::mem::take(&mut self.entries);
        entries.retain(|e| Month::of(e.interaction.date()) != month && !incoming.contains(&e.interaction.id));
        entries.extend(records.into_iter().map(Indexed::new));
        self.set_entries(entries);
    }

    fn set_entries(&mut self, mut entries: Vec<Indexed>) {
        sort_by_key(&mut entries, Indexed::order);
        self.entries = entries;
    }

    // ---- derived views ----

    /// Contact-or-relationship tallies for everyone in the journal.
    pub fn tallies(&self) -> HashMap<Id, Tally> {
        tally_all(self.interactions())
    }

    /// Everyone with their standing and latest interaction, sorted by name.
    pub fn people_overview(&self) -> Vec<PersonSummary<'_>> {
        let mut tallies = self.tallies();
        self.people_by_name()
            .into_iter()
            .map(|person| PersonSummary { person, tally: tallies.remove(&person.id).unwrap_or_default() })
            .collect()
    }

    /// The interactions that match `query`, newest first.
    pub fn search(&self, query: &Query) -> Vec<&Interaction> {
        let words: Vec<String> = query.text.split_whitespace().map(str::to_lowercase).collect();
        // For each word, the people whose name or organization contains it.
        let people_hits: Vec<HashSet<Id>> = words
            .iter()
            .map(|word| {
                self.people
                    .values()
                    .filter(|p| {
                        p.name.to_lowercase().contains(word.as_str())
                            || p.organization.to_lowercase().contains(word.as_str())
                    })
                    .map(|p| p.id)
                    .collect()
            })
            .collect();
        self.entries
            .iter()
            .filter(|entry| {
                let i = &entry.interaction;
                query.person.is_none_or(|p| i.involves(p))
                    && query.kind.is_none_or(|k| i.kind == k)
                    && query.from.is_none_or(|from| i.date() >= from)
                    && query.to.is_none_or(|to| i.date() <= to)
                    && (!query.with_dependency || i.dependency.is_some())
                    && (!query.with_expectation || i.expectation.is_some())
                    && words.iter().zip(&people_hits).all(|(word, hits)| {
                        entry.haystack.contains(word.as_str()) || i.people.iter().any(|p| hits.contains(p))
                    })
            })
            .map(|entry| &entry.interaction)
            .collect()
    }

    /// Interactions with an open expectation, soonest due first (undated last,
    /// then oldest first), optionally only those concerning `person`.
    pub fn open_follow_ups(&self, person: Option<Id>) -> Vec<&Interaction> {
        let mut open: Vec<&Interaction> = self
            .interactions()
            .filter(|i| i.expectation.as_ref().is_some_and(|e| e.is_open()))
            .filter(|i| person.is_none_or(|p| i.expectation_with(p)))
            .collect();
        sort_by_key(&mut open, |i| {
            let due = i.expectation.as_ref().and_then(|e| e.due);
            (due.is_none(), due, i.at, i.id)
        });
        open
    }
}

/// Replaces the record with the same id, or adds it at the end.
pub fn upsert_by_id<T>(records: &mut Vec<T>, record: T, id: impl Fn(&T) -> Id) {
    match records.iter().position(|r| id(r) == id(&record)) {
        Some(index) => records[index] = record,
        None => records.push(record),
    }
}

/// Splits a newest-first list into days, keeping the order.
pub fn group_by_day<'a>(items: &[&'a Interaction]) -> Vec<(NaiveDate, Vec<&'a Interaction>)> {
    let mut days: Vec<(NaiveDate, Vec<&'a Interaction>)> = Vec::new();
    for &item in items {
        match days.last_mut() {
            Some((day, list)) if *day == item.date() => list.push(item),
            _ => days.push((item.date(), vec![item])),
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{at, expecting, interaction, relying};
    use crate::model::{Direction, FollowUp, Reliance};

    const ANA: Id = Id::from_raw(1);
    const BO: Id = Id::from_raw(2);

    fn person(id: Id, name: &str, org: &str) -> Person {
        let mut p = Person::named(id, name);
        p.organization = org.into();
        p
    }

    fn sample() -> Journal {
        let mut coffee = interaction(10, at(3), &[ANA]);
        coffee.kind = Kind::Meal;
        coffee.notes = "Talked about the Q3 Roadmap".into();
        let call = relying(interaction(11, at(5), &[BO]), Reliance::TheyRelyOnMe);
        let mut meeting = expecting(interaction(12, at(5), &[ANA, BO]), Direction::TheyExpectOfMe, None);
        meeting.at += chrono::Duration::hours(2);
        Journal::from_records(
            vec![person(ANA, "Ana Lima", "Acme"), person(BO, "Bo Chen", "Globex")],
            vec![coffee, call, meeting],
        )
    }

    fn ids(list: &[&Interaction]) -> Vec<u64> {
        list.iter().map(|i| i.id.raw()).collect()
    }

    #[test]
    fn keeps_interactions_newest_first() {
        let journal = sample();
        assert_eq!(ids(&journal.interactions().collect::<Vec<_>>()), [12, 11, 10]);
    }

    #[test]
    fn upsert_moves_an_edited_interaction_to_its_new_place() {
        let mut journal = sample();
        let mut coffee = journal.interaction(Id::from_raw(10)).unwrap().clone();
        coffee.at = at(9);
        assert!(journal.upsert_interaction(coffee).is_some());
        assert_eq!(ids(&journal.interactions().collect::<Vec<_>>()), [10, 12, 11]);
        assert_eq!(journal.len(), 3);
    }

    #[test]
    fn an_interaction_is_found_near_where_it_was_or_anywhere() {
        let mut journal = sample();
        let coffee = journal.interaction(Id::from_raw(10)).unwrap().clone();
        assert_eq!(journal.interaction_near(coffee.id, coffee.at), Some(&coffee));
        let moved = Interaction { at: at(9), ..coffee.clone() };
        journal.upsert_interaction(moved.clone());
        assert_eq!(journal.interaction_near(coffee.id, coffee.at), Some(&moved), "found after a move");
        journal.remove_interaction(coffee.id);
        assert_eq!(journal.interaction_near(coffee.id, moved.at), None);
    }

    #[test]
    fn duplicate_ids_keep_the_newest_copy() {
        let mut old = interaction(7, at(1), &[ANA]);
        old.rev = crate::model::Rev::legacy(1);
        let mut new = interaction(7, at(20), &[ANA]);
        new.rev = crate::model::Rev::legacy(2);
        let journal = Journal::from_records(vec![], vec![new.clone(), old.clone()]);
        assert_eq!(journal.interactions().collect::<Vec<_>>(), [&new]);
        let journal = Journal::from_records(vec![], vec![old, new.clone()]);
        assert_eq!(journal.interactions().collect::<Vec<_>>(), [&new]);
    }

    #[test]
    fn search_matches_every_word_in_notes_kind_or_names_ignoring_case() {
        let journal = sample();
        let q = |text: &str| Query { text: text.into(), ..Query::default() };
        assert_eq!(ids(&journal.search(&q("roadmap"))), [10]);
        assert_eq!(ids(&journal.search(&q("ROADMAP ana"))), [10]);
        assert_eq!(ids(&journal.search(&q("roadmap chen"))), Vec::<u64>::new());
        assert_eq!(ids(&journal.search(&q("globex"))), [12, 11]);
        assert_eq!(ids(&journal.search(&q("coffee"))), [10]);
        assert_eq!(ids(&journal.search(&q("the draft"))), [12]);
        assert_eq!(ids(&journal.search(&q("  "))), [12, 11, 10]);
    }

    #[test]
    fn filters_combine() {
        let journal = sample();
        let by_person = Query { person: Some(BO), ..Query::default() };
        assert_eq!(ids(&journal.search(&by_person)), [12, 11]);
        let dependency = Query { with_dependency: true, ..Query::default() };
        assert_eq!(ids(&journal.search(&dependency)), [11]);
        let expectation = Query { with_expectation: true, person: Some(ANA), ..Query::default() };
        assert_eq!(ids(&journal.search(&expectation)), [12]);
        let kind = Query { kind: Some(Kind::Meal), ..Query::default() };
        assert_eq!(ids(&journal.search(&kind)), [10]);
        let range = Query { from: Some(at(4).date()), to: Some(at(5).date()), ..Query::default() };
        assert_eq!(ids(&journal.search(&range)), [12, 11]);
        let empty_range = Query { from: Some(at(6).date()), ..Query::default() };
        assert!(journal.search(&empty_range).is_empty());
    }

    #[test]
    fn replace_month_swaps_exactly_that_month() {
        let mut journal = sample();
        let mut april = interaction(20, at(1), &[ANA]);
        april.at = april.at.with_month(4).unwrap();
        journal.upsert_interaction(april);
        let march = Month { year: 2026, month: 3 };
        // Another tab deleted 10 and 11 and moved 20 from April into March.
        let mut moved = interaction(20, at(8), &[ANA]);
        moved.rev = crate::model::Rev::legacy(5);
        let kept = journal.interaction(Id::from_raw(12)).unwrap().clone();
        journal.replace_month(march, vec![kept, moved]);
        assert_eq!(ids(&journal.interactions().collect::<Vec<_>>()), [20, 12]);
    }

    #[test]
    fn follow_ups_list_open_ones_soonest_due_first() {
        let mut journal = sample();
        let mut due_soon = expecting(interaction(30, at(1), &[BO]), Direction::IExpectOfThem, None);
        due_soon.expectation.as_mut().unwrap().due = at(2).date().into();
        let mut met = expecting(interaction(31, at(1), &[BO]), Direction::IExpectOfThem, None);
        met.expectation.as_mut().unwrap().status = FollowUp::Met;
        journal.upsert_interaction(due_soon);
        journal.upsert_interaction(met);
        assert_eq!(ids(&journal.open_follow_ups(None)), [30, 12]);
        assert_eq!(ids(&journal.open_follow_ups(Some(ANA))), [12]);
    }

    #[test]
    fn the_overview_gives_each_person_standing_and_last_meeting() {
        let mut journal = sample();
        journal.upsert_person(person(Id::from_raw(3), "Cy", ""));
        let overview = journal.people_overview();
        let names: Vec<&str> = overview.iter().map(|s| s.person.name.as_str()).collect();
        assert_eq!(names, ["Ana Lima", "Bo Chen", "Cy"]);
        assert_eq!(overview[0].tally.interactions, 2);
        assert_eq!(overview[0].tally.last, Some(at(5) + chrono::Duration::hours(2)));
        assert_eq!(overview[1].tally.standing(), crate::model::Standing::Relationship);
        assert_eq!((overview[2].tally.interactions, overview[2].tally.last), (0, None));
    }

    #[test]
    fn groups_by_day_in_order() {
        let journal = sample();
        let all: Vec<_> = journal.interactions().collect();
        let days = group_by_day(&all);
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].0, at(5).date());
        assert_eq!(ids(&days[0].1), [12, 11]);
        assert_eq!(ids(&days[1].1), [10]);
    }

    #[test]
    fn finds_people_by_name_ignoring_case_and_spaces() {
        let journal = sample();
        assert_eq!(journal.find_person_by_name("  ana lima ").map(|p| p.id), Some(ANA));
        assert!(journal.find_person_by_name("Ana").is_none());
        assert_eq!(journal.name_of(Id::from_raw(99)), "Removed person");
    }

    #[test]
    fn months_parse_and_print() {
        let m: Month = "2026-03".parse().unwrap();
        assert_eq!(m, Month { year: 2026, month: 3 });
        assert_eq!(m.to_string(), "2026-03");
        assert_eq!("0205-03".parse::<Month>(), Ok(Month { year: 205, month: 3 }), "a mistyped year still loads");
        assert_eq!(Month { year: 205, month: 3 }.to_string(), "0205-03");
        for bad in ["2026-13", "2026", "26-01", "x-01", "2026-00", "+205-01", "12026-01"] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
    }
}
