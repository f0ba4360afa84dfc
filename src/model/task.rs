//! Tasks: given by a customer (a link of a chain, or a person), planned
//! around what they expect, and finished with the impact they made.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::draft::{Field, FieldError};
use super::order::sort_by_key;
use super::record::Rev;
use super::time::{iso_date, parse_typed_date};
use super::{Id, Journal};

/// A number with a unit, as in "orders shipped on time: +12 %". Kept in
/// hundredths so sums are exact.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub struct Amount {
    pub hundredths: i64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
}

impl Amount {
    /// Reads a number typed by a person: "12", "+12", "-3.5", "1,200",
    /// "3,5" (a decimal comma). `Ok(None)` for an empty field.
    pub fn parse(number: &str, unit: &str) -> Result<Option<Amount>, String> {
        let text: String = number.chars().filter(|c| !c.is_whitespace()).collect();
        if text.is_empty() {
            return if unit.trim().is_empty() {
                Ok(None)
            } else {
                Err("Add the number that goes with the unit.".into())
            };
        }
        let bad = || format!("“{}” is not a number; write it like 12, -3.5 or +1,200.", number.trim());
        // A hyphen or a typographic minus.
        let (negative, digits) = match text.strip_prefix(['-', '\u{2212}']) {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(&text)),
        };
        // A comma is a thousands separator in "1,200" and "12,345,678", and
        // a decimal comma otherwise ("3,5").
        let thousands = digits.contains('.') || is_grouped(digits);
        let normal: String = if thousands { digits.replace(',', "") } else { digits.replacen(',', ".", 1) };
        let (whole, fraction) = normal.split_once('.').unwrap_or((&normal, ""));
        if whole.is_empty() && fraction.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        if fraction.len() > 2 {
            return Err(format!("“{}” has more than two decimals; round it to two.", number.trim()));
        }
        let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
        let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
        let value = whole.checked_mul(100).and_then(|w| w.checked_add(cents)).ok_or_else(bad)?;
        Ok(Some(Amount { hundredths: if negative { -value } else { value }, unit: unit.trim().to_owned() }))
    }

    /// The number as it reads: "+12", "-3.5", "1,200.25".
    pub fn number(&self) -> String {
        let sign = if self.hundredths < 0 { "-" } else { "" };
        let abs = self.hundredths.unsigned_abs();
        let whole = super::text::thousands(abs / 100);
        match abs % 100 {
            0 => format!("{sign}{whole}"),
            cents if cents % 10 == 0 => format!("{sign}{whole}.{}", cents / 10),
            cents => format!("{sign}{whole}.{cents:02}"),
        }
    }

    /// Number and unit: "12 %", "-3.5 days".
    pub fn text(&self) -> String {
        if self.unit.is_empty() { self.number() } else { format!("{} {}", self.number(), self.unit) }
    }
}

fn is_grouped(digits: &str) -> bool {
    let mut groups = digits.split(',');
    let first = groups.next().unwrap_or("");
    digits.contains(',')
        && (1..=3).contains(&first.len())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// What finishing a task achieved.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Done {
    #[serde(with = "super::time::date")]
    pub on: NaiveDate,
    pub impact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Whether it goes into the career file.
    #[serde(default)]
    pub career: bool,
}

/// A task given by a customer.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Task {
    pub id: Id,
    pub title: String,
    #[serde(with = "super::time::date")]
    pub received: NaiveDate,
    #[serde(default, with = "super::time::optional_date", skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// The chain the customer belongs to, and the link that is the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<Id>,
    /// The customer as a person, when it is not a link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Id>,
    /// What the customer expects.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub expects: String,
    /// How the user will exceed it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub exceed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Done>,
    /// The version of this record (see `model::record`).
    #[serde(default)]
    pub rev: Rev,
}

impl Task {
    pub fn is_open(&self) -> bool {
        self.done.is_none()
    }

    /// Days past the due date on `today`, for an open task.
    pub fn days_overdue(&self, today: NaiveDate) -> Option<i64> {
        let due = self.due.filter(|_| self.is_open())?;
        let late = (today - due).num_days();
        (late > 0).then_some(late)
    }

    /// Who the customer is, in words: "the warehouse manager (Supplies to
    /// customers)", "Dana Ruiz", or "no customer named".
    pub fn customer(&self, journal: &Journal) -> String {
        if let (Some(chain), Some(link)) = (self.chain, self.link) {
            return match journal.chain(chain) {
                Some(chain) => match chain.links.iter().find(|l| l.id == link) {
                    Some(link) => format!("{} — {}", super::chain::link_name(link, journal), chain.name),
                    None => format!("a link since removed from {}", chain.name),
                },
                None => "a chain since deleted".to_owned(),
            };
        }
        match self.person {
            Some(person) => journal.name_of(person).to_owned(),
            None => "no customer named".to_owned(),
        }
    }
}

/// Open tasks first by due date (undated last), then by date received.
pub fn open_by_due(tasks: &[Task]) -> Vec<&Task> {
    let mut open: Vec<&Task> = tasks.iter().filter(|t| t.is_open()).collect();
    sort_by_key(&mut open, |t| (t.due.is_none(), t.due, t.received, t.id));
    open
}

/// Whom a task serves: a link of a service chain, a person, or nobody named.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Customer {
    Nobody,
    Link { chain: Id, link: Id },
    Person(Id),
}

impl Customer {
    pub fn of(task: &Task) -> Customer {
        match (task.chain, task.link, task.person) {
            (Some(chain), Some(link), _) => Customer::Link { chain, link },
            (_, _, Some(person)) => Customer::Person(person),
            _ => Customer::Nobody,
        }
    }

    /// The customer field of the task form: "link:<chain>:<link>",
    /// "person:<id>" or "".
    pub fn token(self) -> String {
        match self {
            Customer::Link { chain, link } => format!("link:{chain}:{link}"),
            Customer::Person(person) => format!("person:{person}"),
            Customer::Nobody => String::new(),
        }
    }

    /// Reads [`Customer::token`]; anything else is nobody.
    pub fn from_token(value: &str) -> Customer {
        let mut parts = value.split(':');
        let id = |part: Option<&str>| part.and_then(|p| p.parse().ok());
        match (parts.next(), parts.next(), parts.next()) {
            (Some("link"), chain, link) => match (id(chain), id(link)) {
                (Some(chain), Some(link)) => Customer::Link { chain, link },
                _ => Customer::Nobody,
            },
            (Some("person"), person, None) => id(person).map_or(Customer::Nobody, Customer::Person),
            _ => Customer::Nobody,
        }
    }
}

/// The task form, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TaskDraft {
    pub title: String,
    pub received: String,
    pub due: String,
    /// See [`Customer::token`].
    pub customer: String,
    pub expects: String,
    pub exceed: String,
}

impl TaskDraft {
    pub fn new(today: NaiveDate) -> TaskDraft {
        TaskDraft { received: iso_date(today), ..TaskDraft::default() }
    }

    pub fn from_task(task: &Task) -> TaskDraft {
        TaskDraft {
            title: task.title.clone(),
            received: iso_date(task.received),
            due: task.due.map(iso_date).unwrap_or_default(),
            customer: Customer::of(task).token(),
            expects: task.expects.clone(),
            exceed: task.exceed.clone(),
        }
    }

    /// Checks the form; `previous` keeps its finished state through an edit.
    pub fn validate(&self, id: Id, previous: Option<&Task>) -> Result<Task, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new(Field::Title, "Give the task a title."));
        }
        let received = match self.received.trim() {
            "" => {
                errors.push(FieldError::new(Field::Received, "Enter the date you received it."));
                None
            }
            text => parse_typed_date(text).map_err(|m| errors.push(FieldError::new(Field::Received, m))).ok(),
        };
        let due = match super::draft::parse_date(&self.due) {
            Ok(Some(due)) if received.is_some_and(|r| due < r) => {
                errors.push(FieldError::new(Field::Due, "The due date is before the date received."));
                None
            }
            Ok(due) => due,
            Err(message) => {
                errors.push(FieldError::new(Field::Due, message));
                None
            }
        };
        let (chain, link, person) = match Customer::from_token(&self.customer) {
            Customer::Link { chain, link } => (Some(chain), Some(link), None),
            Customer::Person(person) => (None, None, Some(person)),
            Customer::Nobody => (None, None, None),
        };
        match (received, errors.is_empty()) {
            (Some(received), true) => Ok(Task {
                id,
                title: title.to_owned(),
                received,
                due,
                chain,
                link,
                person,
                expects: self.expects.trim().to_owned(),
                exceed: self.exceed.trim().to_owned(),
                done: previous.and_then(|p| p.done.clone()),
                rev: previous.map(|p| p.rev).unwrap_or_default(),
            }),
            _ => Err(errors),
        }
    }
}

/// The "done" form, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DoneDraft {
    pub on: String,
    pub impact: String,
    pub number: String,
    pub unit: String,
    pub career: bool,
}

impl DoneDraft {
    pub fn validate(&self, task: &Task) -> Result<Done, Vec<FieldError>> {
        let mut errors = Vec::new();
        let on = match self.on.trim() {
            "" => {
                errors.push(FieldError::new(Field::DoneOn, "Enter the date it was done, like 2026-03-31."));
                None
            }
            text => match parse_typed_date(text) {
                Ok(on) if on < task.received => {
                    errors.push(FieldError::new(Field::DoneOn, "It cannot be done before it was received."));
                    None
                }
                Ok(on) => Some(on),
                Err(message) => {
                    errors.push(FieldError::new(Field::DoneOn, message));
                    None
                }
            },
        };
        let impact = self.impact.trim();
        if impact.is_empty() {
            errors.push(FieldError::new(Field::Impact, "Say what the work changed for the customer."));
        }
        let amount = Amount::parse(&self.number, &self.unit).unwrap_or_else(|message| {
            errors.push(FieldError::new(Field::Number, message));
            None
        });
        match on {
            Some(on) if errors.is_empty() => Ok(Done { on, impact: impact.to_owned(), amount, career: self.career }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::day;

    fn amount(number: &str) -> Result<Option<i64>, String> {
        Amount::parse(number, "%").map(|a| a.map(|a| a.hundredths))
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(amount("12"), Ok(Some(1200)));
        assert_eq!(amount(" +12 "), Ok(Some(1200)));
        assert_eq!(amount("-3.5"), Ok(Some(-350)));
        assert_eq!(amount("1,200"), Ok(Some(120_000)));
        assert_eq!(amount("12,345,678.9"), Ok(Some(1_234_567_890)));
        assert_eq!(amount("3,5"), Ok(Some(350)), "a decimal comma");
        assert_eq!(amount(".25"), Ok(Some(25)));
        assert_eq!(amount("−4"), Ok(Some(-400)), "a typographic minus");
        assert_eq!(Amount::parse("", ""), Ok(None));
    }

    #[test]
    fn numbers_that_do_not_parse_say_how_to_write_them() {
        for bad in ["twelve", "12%", "1.2.3", "--4", "+", ".", "1,20,0", "99999999999999999999"] {
            let error = amount(bad).unwrap_err();
            assert!(error.contains("is not a number"), "{bad}: {error}");
        }
        assert!(amount("1.234").unwrap_err().contains("more than two decimals"));
        assert!(Amount::parse("", "days").unwrap_err().contains("Add the number"));
    }

    #[test]
    fn amounts_read_back_plainly() {
        let text = |h: i64, unit: &str| Amount { hundredths: h, unit: unit.into() }.text();
        assert_eq!(text(1200, "%"), "12 %");
        assert_eq!(text(-350, "days"), "-3.5 days");
        assert_eq!(text(120_025, ""), "1,200.25");
        assert_eq!(text(5, "h"), "0.05 h");
    }

    fn task(due: Option<NaiveDate>) -> Task {
        TaskDraft {
            title: "Cut stock-outs".into(),
            received: "2026-03-02".into(),
            due: due.map(iso_date).unwrap_or_default(),
            ..TaskDraft::default()
        }
        .validate(Id::from_raw(1), None)
        .unwrap()
    }

    #[test]
    fn a_task_needs_a_title_and_a_due_date_no_earlier_than_received() {
        let bad = TaskDraft {
            title: " ".into(),
            received: "2026-03-05".into(),
            due: "2026-03-01".into(),
            ..TaskDraft::default()
        };
        let fields: Vec<Field> = bad.validate(Id::from_raw(1), None).unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Title, Field::Due]);
        let undated = TaskDraft { title: "x".into(), received: "soon".into(), ..TaskDraft::default() };
        assert_eq!(undated.validate(Id::from_raw(1), None).unwrap_err()[0].field, Field::Received);
        assert!(task(Some(day(3, 2))).due.is_some(), "due the day it arrives is fine");
    }

    #[test]
    fn the_customer_is_a_link_a_person_or_nobody() {
        let link = TaskDraft { customer: "link:a:b".into(), ..TaskDraft::from_task(&task(None)) };
        let t = link.validate(Id::from_raw(1), None).unwrap();
        assert_eq!((t.chain, t.link, t.person), (Some(Id::from_raw(10)), Some(Id::from_raw(11)), None));
        assert_eq!(Customer::of(&t).token(), "link:a:b");
        let person = TaskDraft { customer: "person:c".into(), ..link.clone() }.validate(Id::from_raw(1), None).unwrap();
        assert_eq!((person.chain, person.person), (None, Some(Id::from_raw(12))));
        for nonsense in ["nonsense", "link:a", "link:a:zz!", "person:", "person:c:d", ""] {
            assert_eq!(Customer::from_token(nonsense), Customer::Nobody, "{nonsense}");
        }
    }

    #[test]
    fn overdue_counts_days_past_due_for_open_tasks_only() {
        let mut t = task(Some(day(3, 10)));
        assert_eq!(t.days_overdue(day(3, 10)), None);
        assert_eq!(t.days_overdue(day(3, 13)), Some(3));
        t.done = Some(Done { on: day(3, 12), impact: "x".into(), amount: None, career: false });
        assert_eq!(t.days_overdue(day(3, 13)), None);
        assert_eq!(task(None).days_overdue(day(12, 31)), None);
    }

    #[test]
    fn open_tasks_are_listed_soonest_due_first() {
        let mut late = task(Some(day(3, 20)));
        late.id = Id::from_raw(2);
        let mut soon = task(Some(day(3, 5)));
        soon.id = Id::from_raw(3);
        let mut undated = task(None);
        undated.id = Id::from_raw(4);
        let mut done = task(Some(day(3, 3)));
        done.id = Id::from_raw(5);
        done.done = Some(Done { on: day(3, 2), impact: "x".into(), amount: None, career: true });
        let tasks = [late, undated, done, soon];
        let order: Vec<u64> = open_by_due(&tasks).iter().map(|t| t.id.raw()).collect();
        assert_eq!(order, [3, 2, 4]);
    }

    #[test]
    fn finishing_needs_the_impact_in_words_and_a_number_that_parses() {
        let t = task(None);
        let draft = DoneDraft {
            on: "2026-03-09".into(),
            impact: "Fewer stock-outs".into(),
            number: "+12".into(),
            unit: "%".into(),
            career: true,
        };
        let done = draft.validate(&t).unwrap();
        assert_eq!(done.amount, Some(Amount { hundredths: 1200, unit: "%".into() }));
        let bad = DoneDraft { on: "2026-03-01".into(), impact: "".into(), number: "lots".into(), ..draft };
        let fields: Vec<Field> = bad.validate(&t).unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::DoneOn, Field::Impact, Field::Number]);
    }

    #[test]
    fn an_edit_keeps_the_finished_state() {
        let mut t = task(None);
        t.done = Some(Done { on: day(3, 4), impact: "x".into(), amount: None, career: true });
        let again = TaskDraft::from_task(&t).validate(t.id, Some(&t)).unwrap();
        assert_eq!(again.done, t.done);
    }
}
