//! The career file: the impact the user made, from finished tasks and added
//! by hand, for annual reviews, interviews and the resume.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::chain::Chain;
use super::draft::{Field, FieldError};
use super::order::sort_by_key;
use super::record::Rev;
use super::task::{Amount, Task};
use super::time::{iso_date, parse_typed_date, short_date};
use super::{Id, Journal};

/// An impact written straight into the career file.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct CareerEntry {
    pub id: Id,
    #[serde(with = "super::time::date")]
    pub date: NaiveDate,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Id>,
    /// The version of this record (see `model::record`).
    #[serde(default)]
    pub rev: Rev,
}

/// Where an item of the career file comes from.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Source {
    Task(Id),
    Entry(Id),
}

/// One line of the career file, whatever its source.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Item {
    pub source: Source,
    pub date: NaiveDate,
    /// The finished task's title, for items from tasks.
    pub task: Option<String>,
    pub impact: String,
    pub amount: Option<Amount>,
    pub chain: Option<Id>,
    /// The link of the chain the impact reached, for items from tasks.
    pub link: Option<Id>,
    pub person: Option<Id>,
}

impl Item {
    /// What the screen says after the impact: the task it came from, its
    /// chain and whom it was for, each when known.
    pub fn context(&self, journal: &Journal) -> Vec<String> {
        [
            self.task.as_ref().map(|t| format!("task: {t}")),
            self.chain.and_then(|c| journal.chain(c)).map(|c| c.name.clone()),
            self.person.map(|p| format!("for {}", journal.name_of(p))),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Every item, oldest first: finished tasks marked for the career file, and
/// entries added by hand.
pub fn items(journal: &Journal) -> Vec<Item> {
    let from_tasks = journal.tasks().iter().filter_map(|task| {
        let done = task.done.as_ref().filter(|d| d.career)?;
        // The person a task served: named directly, or the link's person.
        let person = task.person.or_else(|| {
            let chain = journal.chain(task.chain?)?;
            chain.links.iter().find(|l| Some(l.id) == task.link)?.person
        });
        Some(Item {
            source: Source::Task(task.id),
            date: done.on,
            task: Some(task.title.clone()),
            impact: done.impact.clone(),
            amount: done.amount.clone(),
            chain: task.chain,
            link: task.link,
            person,
        })
    });
    let by_hand = journal.career_entries().iter().map(|entry| Item {
        source: Source::Entry(entry.id),
        date: entry.date,
        task: None,
        impact: entry.text.clone(),
        amount: entry.amount.clone(),
        chain: entry.chain,
        link: None,
        person: entry.person,
    });
    let mut items: Vec<Item> = from_tasks.chain(by_hand).collect();
    sort_by_key(&mut items, |i| i.date);
    items
}

/// A span of days, both ends included; `None` is open-ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    pub fn this_year(today: NaiveDate) -> Period {
        Period { from: NaiveDate::from_ymd_opt(today.year(), 1, 1), to: Some(today) }
    }

    /// The twelve months up to and including `today`.
    pub fn last_12_months(today: NaiveDate) -> Period {
        let from = today.checked_sub_months(chrono::Months::new(12)).map(|d| d + Duration::days(1));
        Period { from, to: Some(today) }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| date >= from) && self.to.is_none_or(|to| date <= to)
    }

    /// "1 Jan 2026 to 23 Nov 2026", "until 3 Mar 2026", "all time".
    pub fn describe(&self) -> String {
        match (self.from, self.to) {
            (Some(from), Some(to)) => format!("{} to {}", short_date(from), short_date(to)),
            (Some(from), None) => format!("since {}", short_date(from)),
            (None, Some(to)) => format!("until {}", short_date(to)),
            (None, None) => "all time".to_owned(),
        }
    }
}

/// What the career screen shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Filter {
    pub period: Period,
    pub chain: Option<Id>,
    pub person: Option<Id>,
}

impl Filter {
    pub fn keeps(&self, item: &Item) -> bool {
        self.period.contains(item.date)
            && self.chain.is_none_or(|c| item.chain == Some(c))
            && self.person.is_none_or(|p| item.person == Some(p))
    }
}

/// The total of the amounts in `items`, per unit (units compared ignoring
/// case), in order of first appearance.
pub fn totals<'a>(amounts: impl IntoIterator<Item = &'a Amount>) -> Vec<Amount> {
    let mut totals: Vec<Amount> = Vec::new();
    for amount in amounts {
        match totals.iter_mut().find(|t| t.unit.eq_ignore_ascii_case(&amount.unit)) {
            Some(total) => total.hundredths += amount.hundredths,
            None => totals.push(amount.clone()),
        }
    }
    totals
}

/// The impact recorded against each link of `chain`: how many finished
/// tasks, and the totals of their numbers per unit.
pub fn impact_by_link(chain: &Chain, tasks: &[Task]) -> Vec<(Id, usize, Vec<Amount>)> {
    chain
        .links
        .iter()
        .map(|link| {
            let done: Vec<&Task> = tasks
                .iter()
                .filter(|t| t.chain == Some(chain.id) && t.link == Some(link.id) && t.done.is_some())
                .collect();
            let amounts = totals(done.iter().filter_map(|t| t.done.as_ref()?.amount.as_ref()));
            (link.id, done.len(), amounts)
        })
        .collect()
}

/// Escapes what the user typed so it cannot change the document's structure:
/// Markdown's inline markers and HTML are backslashed, line breaks become
/// spaces (an item stays one line).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The career file as Markdown: a title with the period, then one section
/// per chain (in the chains' order, then impact not tied to a chain), each
/// item a dated line, oldest first.
pub fn markdown(journal: &Journal, filter: &Filter) -> String {
    let kept: Vec<Item> = items(journal).into_iter().filter(|i| filter.keeps(i)).collect();
    let mut out = format!("# Career file\n\n{}\n", capital_period(&filter.period));
    if kept.is_empty() {
        out += "\nNothing recorded in this period.\n";
        return out;
    }
    let mut sections: Vec<(String, Vec<&Item>)> = Vec::new();
    for chain in journal.chains() {
        let in_chain: Vec<&Item> = kept.iter().filter(|i| i.chain == Some(chain.id)).collect();
        if !in_chain.is_empty() {
            let path: Vec<&str> =
                std::iter::once(chain.my_role.as_str()).chain(chain.links.iter().map(|l| l.role.as_str())).collect();
            let heading = format!("{} ({})", escape_markdown(&chain.name), escape_markdown(&path.join(" → ")));
            sections.push((heading, in_chain));
        }
    }
    let loose: Vec<&Item> = kept.iter().filter(|i| i.chain.is_none_or(|c| journal.chain(c).is_none())).collect();
    if !loose.is_empty() {
        sections.push(("Other impact".to_owned(), loose));
    }
    for (heading, items) in sections {
        out += &format!("\n## {heading}\n\n");
        for item in items {
            out += &format!("- **{}** — {}", short_date(item.date), escape_markdown(&item.impact));
            if let Some(amount) = &item.amount {
                out += &format!(" ({})", escape_markdown(&amount.text()));
            }
            let mut context = Vec::new();
            if let Some(task) = &item.task {
                context.push(format!("task: {}", escape_markdown(task)));
            }
            if let Some(person) = item.person {
                context.push(format!("for {}", escape_markdown(journal.name_of(person))));
            }
            if !context.is_empty() {
                out += &format!(" — {}", context.join("; "));
            }
            out.push('\n');
        }
    }
    out
}

fn capital_period(period: &Period) -> String {
    super::capitalise(&period.describe())
}

/// The form for an entry added by hand.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntryDraft {
    pub date: String,
    pub text: String,
    pub number: String,
    pub unit: String,
    pub chain: String,
    pub person: String,
}

impl EntryDraft {
    pub fn new(today: NaiveDate) -> EntryDraft {
        EntryDraft { date: iso_date(today), ..EntryDraft::default() }
    }

    /// `rev` is the revision of the version being edited (the default for
    /// a new entry).
    pub fn validate(&self, id: Id, rev: Rev) -> Result<CareerEntry, Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = match self.date.trim() {
            "" => Err("Enter the date, like 2026-03-31.".to_owned()),
            text => parse_typed_date(text),
        }
        .map_err(|message| errors.push(FieldError::new(Field::Date, message)))
        .ok();
        let text = self.text.trim();
        if text.is_empty() {
            errors.push(FieldError::new(Field::Text, "Describe the impact."));
        }
        let amount = Amount::parse(&self.number, &self.unit).unwrap_or_else(|message| {
            errors.push(FieldError::new(Field::Number, message));
            None
        });
        match date {
            Some(date) if errors.is_empty() => Ok(CareerEntry {
                id,
                date,
                text: text.to_owned(),
                amount,
                chain: self.chain.parse().ok(),
                person: self.person.parse().ok(),
                rev,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;
    use crate::model::chain::Example;
    use crate::model::task::Done;
    use crate::model::testing::{day, ids};

    fn task(id: u64, chain: &Chain, link: usize, done: Option<Done>) -> Task {
        Task {
            id: Id::from_raw(id),
            title: format!("Task {id}"),
            received: day(1, 5),
            due: None,
            chain: Some(chain.id),
            link: Some(chain.links[link].id),
            person: None,
            expects: String::new(),
            exceed: String::new(),
            done,
            rev: Default::default(),
        }
    }

    fn done(m: u32, d: u32, impact: &str, amount: Option<(i64, &str)>, career: bool) -> Option<Done> {
        Some(Done {
            on: day(m, d),
            impact: impact.into(),
            amount: amount.map(|(h, u)| Amount { hundredths: h, unit: u.into() }),
            career,
        })
    }

    fn journal() -> (Journal, Chain) {
        let mut chain = Example::Warehouse.chain(Id::from_raw(1), ids(), 0);
        chain.links[0].person = Some(Id::from_raw(9));
        let mut journal = Journal::from_records(vec![Person::named(Id::from_raw(9), "Dana Ruiz")], vec![]);
        journal.upsert_chain(chain.clone());
        journal.upsert_task(task(20, &chain, 0, done(3, 4, "Carrier renegotiated", Some((1200, "%")), true)));
        journal.upsert_task(task(21, &chain, 0, done(5, 6, "Two suppliers merged", Some((-350, "days")), true)));
        journal.upsert_task(task(22, &chain, 1, done(6, 1, "Not for the file", Some((800, "%")), false)));
        journal.upsert_task(task(23, &chain, 1, None));
        journal.upsert_career_entry(CareerEntry {
            id: Id::from_raw(30),
            date: day(2, 1),
            text: "Spoke at the *logistics* meetup\n# twice".into(),
            amount: None,
            chain: None,
            person: None,
            rev: Default::default(),
        });
        (journal, chain)
    }

    #[test]
    fn the_file_holds_finished_tasks_marked_for_it_and_entries_by_hand_oldest_first() {
        let (journal, _) = journal();
        let all = items(&journal);
        let sources: Vec<Source> = all.iter().map(|i| i.source).collect();
        assert_eq!(
            sources,
            [Source::Entry(Id::from_raw(30)), Source::Task(Id::from_raw(20)), Source::Task(Id::from_raw(21))]
        );
        assert_eq!(all[1].person, Some(Id::from_raw(9)), "the link's person");
    }

    #[test]
    fn an_item_names_its_task_its_chain_and_whom_it_was_for_and_an_entry_only_what_it_has() {
        let (mut journal, chain) = journal();
        let all = items(&journal);
        assert_eq!(all[1].context(&journal), ["task: Task 20", "Supplies to customers", "for Dana Ruiz"]);
        assert!(all[0].context(&journal).is_empty(), "an entry by hand with no chain or person");
        journal.remove_chain(chain.id);
        assert_eq!(all[1].context(&journal), ["task: Task 20", "for Dana Ruiz"], "a deleted chain is left out");
    }

    #[test]
    fn periods_and_filters_narrow_the_file() {
        let (journal, chain) = journal();
        let today = day(11, 23);
        assert_eq!(Period::this_year(today).from, Some(day(1, 1)));
        let year = Period::last_12_months(today);
        assert_eq!(year.from, NaiveDate::from_ymd_opt(2025, 11, 24));
        assert!(year.contains(today) && !year.contains(NaiveDate::from_ymd_opt(2025, 11, 23).unwrap()));
        let spring = Filter { period: Period { from: Some(day(3, 1)), to: Some(day(5, 31)) }, ..Filter::default() };
        assert_eq!(items(&journal).iter().filter(|i| spring.keeps(i)).count(), 2);
        let by_chain = Filter { chain: Some(chain.id), ..Filter::default() };
        assert_eq!(items(&journal).iter().filter(|i| by_chain.keeps(i)).count(), 2);
        let by_person = Filter { person: Some(Id::from_raw(9)), ..Filter::default() };
        assert_eq!(items(&journal).iter().filter(|i| by_person.keeps(i)).count(), 2);
    }

    #[test]
    fn impact_is_summed_per_link_and_unit() {
        let (journal, chain) = journal();
        let by_link = impact_by_link(&chain, journal.tasks());
        assert_eq!(by_link[0].1, 2);
        assert_eq!(
            by_link[0].2,
            [Amount { hundredths: 1200, unit: "%".into() }, Amount { hundredths: -350, unit: "days".into() }]
        );
        assert_eq!((by_link[1].1, by_link[1].2.len()), (1, 1), "finished tasks count, in the file or not");
        let summed = totals(&[
            Amount { hundredths: 100, unit: "%".into() },
            Amount { hundredths: 250, unit: "%".into() },
            Amount { hundredths: 5, unit: "".into() },
        ]);
        assert_eq!(summed, [Amount { hundredths: 350, unit: "%".into() }, Amount { hundredths: 5, unit: "".into() }]);
    }

    #[test]
    fn the_markdown_groups_by_chain_orders_by_date_and_escapes_what_was_typed() {
        let (journal, _) = journal();
        let md = markdown(&journal, &Filter { period: Period::this_year(day(11, 23)), ..Filter::default() });
        assert_eq!(
            md,
            "# Career file\n\n1 Jan 2026 to 23 Nov 2026\n\
             \n## Supplies to customers (Purchasing manager → Warehouse manager → Customer)\n\n\
             - **4 Mar 2026** — Carrier renegotiated (12 %) — task: Task 20; for Dana Ruiz\n\
             - **6 May 2026** — Two suppliers merged (-3.5 days) — task: Task 21; for Dana Ruiz\n\
             \n## Other impact\n\n\
             - **1 Feb 2026** — Spoke at the \\*logistics\\* meetup \\# twice\n"
        );
        let empty =
            markdown(&journal, &Filter { period: Period { from: Some(day(12, 1)), to: None }, ..Filter::default() });
        assert!(empty.ends_with("Nothing recorded in this period.\n"), "{empty}");
    }

    #[test]
    fn escaping_keeps_structure_whatever_is_typed() {
        assert_eq!(
            escape_markdown("a_b *c* [d](e) <script> | `f` \\ ~g~"),
            "a\\_b \\*c\\* \\[d\\](e) \\<script\\> \\| \\`f\\` \\\\ \\~g\\~"
        );
        assert_eq!(escape_markdown("line one\n- line two\r\n# three"), "line one - line two \\# three");
    }

    #[test]
    fn a_deleted_chain_moves_its_impact_to_other() {
        let (mut journal, chain) = journal();
        journal.remove_chain(chain.id);
        let md = markdown(&journal, &Filter::default());
        assert!(!md.contains("## Supplies"));
        assert!(md.contains("## Other impact\n\n- **1 Feb 2026**"));
        assert!(md.contains("Carrier renegotiated"));
    }

    #[test]
    fn an_entry_by_hand_needs_a_date_words_and_a_number_that_parses() {
        let good = EntryDraft {
            text: "Led the audit".into(),
            number: "3".into(),
            unit: "findings closed".into(),
            ..EntryDraft::new(day(4, 4))
        };
        let entry = good.validate(Id::from_raw(1), Default::default()).unwrap();
        assert_eq!(entry.amount.unwrap().text(), "3 findings closed");
        let bad = EntryDraft { date: "April".into(), text: " ".into(), number: "x".into(), ..EntryDraft::default() };
        let fields: Vec<Field> =
            bad.validate(Id::from_raw(1), Default::default()).unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Date, Field::Text, Field::Number]);
    }
}
