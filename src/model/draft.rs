//! Turning what the user typed into records, or into messages next to fields.
//!
//! Validation is all-or-nothing: either every field is good and a complete
//! record comes out, or nothing is saved and each bad field gets a message.

use chrono::{NaiveDate, NaiveDateTime};

use super::mode::Mode;
use super::record::Rev;
use super::time::{iso_date, iso_minute, parse_typed_date, parse_typed_minute};
use super::{
    Dependency, Direction, Expectation, FollowUp, Id, Initiator, Interaction, Journal, Kind, Person, Reliance, Role,
    parse_tags,
};

/// A form field that can carry a message.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Field {
    At,
    Who,
    Minutes,
    DependencyWhat,
    ExpectationWhat,
    ExpectationWith,
    Due,
    Name,
    Title,
    Received,
    DoneOn,
    Impact,
    Number,
    ChainName,
    Date,
    Text,
    Cadence,
    Role,
    Email,
    Phone,
    Url,
}

impl Field {
    /// The field's name in element ids (`{form}-{token}`), so a form finds the
    /// input that shows a message from the field alone.
    pub fn token(self) -> &'static str {
        match self {
            Field::At => "at",
            Field::Who => "who",
            Field::Minutes => "minutes",
            Field::DependencyWhat => "dependency-what",
            Field::ExpectationWhat => "expectation-what",
            Field::ExpectationWith => "expectation-with",
            Field::Due => "due",
            Field::Name => "name",
            Field::Title => "title",
            Field::Received => "received",
            Field::DoneOn => "done-on",
            Field::Impact => "impact",
            Field::Number => "number",
            Field::ChainName => "chain-name",
            Field::Date => "date",
            Field::Text => "text",
            Field::Cadence => "cadence",
            Field::Role => "role",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Url => "url",
        }
    }
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl FieldError {
    pub(crate) fn new(field: Field, message: impl Into<String>) -> FieldError {
        FieldError { field, message: message.into() }
    }
}

/// The message for `field`, if any.
pub fn message_for(errors: &[FieldError], field: Field) -> Option<String> {
    errors.iter().find(|e| e.field == field).map(|e| e.message.clone())
}

/// The longest keep-in-touch cadence, in days or weeks: a year of days.
pub const MAX_CADENCE: u32 = 365;

/// The longest duration accepted, in minutes: a week. Anything longer is
/// almost surely hours or days typed into the minutes field.
pub const MAX_MINUTES: u32 = 7 * 24 * 60;

/// The interaction form, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InteractionDraft {
    /// `YYYY-MM-DDTHH:MM`, as a `datetime-local` input gives it.
    pub at: String,
    /// Names of the people present, existing or new.
    pub who: Vec<String>,
    pub kind: Kind,
    pub minutes: String,
    pub notes: String,
    pub reliance: Option<Reliance>,
    pub dependency_what: String,
    pub expects: bool,
    pub expectation_what: String,
    pub direction: Option<Direction>,
    /// The one person the expectation concerns, by name; empty for everyone.
    pub expectation_with: String,
    /// `YYYY-MM-DD`, or empty.
    pub due: String,
    pub initiated_by: Option<Initiator>,
}

/// A valid interaction, with the people it introduces.
#[derive(Clone, Debug, PartialEq)]
pub struct Validated {
    pub interaction: Interaction,
    pub new_people: Vec<Person>,
}

/// Formats a time the way `datetime-local` inputs expect it.
pub fn format_at(at: NaiveDateTime) -> String {
    iso_minute(at)
}

pub fn parse_at(text: &str) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter when it happened.".into());
    }
    parse_typed_minute(text)
}

pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_typed_date(text).map(Some)
}

impl InteractionDraft {
    /// A blank form dated `now`.
    pub fn new(now: NaiveDateTime) -> InteractionDraft {
        InteractionDraft { at: format_at(now), ..InteractionDraft::default() }
    }

    /// Adds the names typed but not yet confirmed (`typed`, several split
    /// by commas) to the people present, each once whatever its case.
    /// Returns whether a name was added.
    pub fn take_typed_names(&mut self, typed: &str) -> bool {
        let before = self.who.len();
        for name in typed.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if !self.who.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                self.who.push(name.to_owned());
            }
        }
        self.who.len() > before
    }

    /// The people present as one line again, the way the quick add types
    /// them, taken out of the draft: for going back from a full form that
    /// could not open. [`take_typed_names`](Self::take_typed_names) reads
    /// the line back into the same names.
    pub fn give_names_back(&mut self) -> String {
        std::mem::take(&mut self.who).join(", ")
    }

    /// The form filled in with an existing interaction, for editing.
    pub fn from_interaction(i: &Interaction, journal: &Journal) -> InteractionDraft {
        let expectation = i.expectation.as_ref();
        InteractionDraft {
            at: format_at(i.at),
            who: i.people.iter().map(|&p| journal.name_of(p).to_owned()).collect(),
            kind: i.kind,
            minutes: i.minutes.map(|m| m.to_string()).unwrap_or_default(),
            notes: i.notes.clone(),
            reliance: i.dependency.as_ref().map(|d| d.reliance),
            dependency_what: i.dependency.as_ref().map(|d| d.what.clone()).unwrap_or_default(),
            expects: expectation.is_some(),
            expectation_what: expectation.map(|e| e.what.clone()).unwrap_or_default(),
            direction: expectation.map(|e| e.direction),
            expectation_with: expectation
                .and_then(|e| e.person)
                .map(|p| journal.name_of(p).to_owned())
                .unwrap_or_default(),
            due: expectation.and_then(|e| e.due).map(iso_date).unwrap_or_default(),
            initiated_by: i.initiated_by,
        }
    }

    /// Checks every field. `previous` is the record being edited, whose
    /// follow-up status survives the edit; `new_id` names new people.
    pub fn validate(
        &self,
        journal: &Journal,
        id: Id,
        previous: Option<&Interaction>,
        mut new_id: impl FnMut() -> Id,
    ) -> Result<Validated, Vec<FieldError>> {
        let mut errors = Vec::new();

        let at = parse_at(&self.at).map_err(|m| errors.push(FieldError::new(Field::At, m))).ok();

        // People: existing names resolve to their record, others are created once.
        let mut people: Vec<Id> = Vec::new();
        let mut new_people: Vec<Person> = Vec::new();
        for name in self.who.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            let id = match journal.find_person_by_name(name) {
                Some(person) => person.id,
                None => match new_people.iter().find(|p| p.name.eq_ignore_ascii_case(name)) {
                    Some(person) => person.id,
                    None => {
                        let person = Person::named(new_id(), name);
                        let id = person.id;
                        new_people.push(person);
                        id
                    }
                },
            };
            if !people.contains(&id) {
                people.push(id);
            }
        }
        if people.is_empty() {
            errors.push(FieldError::new(Field::Who, "Add at least one person."));
        }

        let minutes = match self.minutes.trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(0) => {
                    errors.push(FieldError::new(Field::Minutes, "A duration is at least 1 minute."));
                    None
                }
                Ok(m) if m > MAX_MINUTES => {
                    errors.push(FieldError::new(
                        Field::Minutes,
                        format!("That is more than a week; enter the duration in minutes (at most {MAX_MINUTES})."),
                    ));
                    None
                }
                Ok(m) => Some(m),
                Err(_) => {
                    errors.push(FieldError::new(Field::Minutes, format!("“{text}” is not a whole number of minutes.")));
                    None
                }
            },
        };

        let dependency = self.reliance.and_then(|reliance| {
            let what = self.dependency_what.trim();
            if what.is_empty() {
                errors.push(FieldError::new(Field::DependencyWhat, "Say what the dependency is about."));
                None
            } else {
                Some(Dependency { reliance, what: what.to_owned() })
            }
        });

        let expectation = if self.expects {
            let what = self.expectation_what.trim();
            if what.is_empty() {
                errors.push(FieldError::new(Field::ExpectationWhat, "Say what is expected."));
            }
            let person = match self.expectation_with.trim() {
                "" => None,
                name => {
                    let found = people.iter().copied().find(|&p| {
                        journal
                            .person(p)
                            .or_else(|| new_people.iter().find(|n| n.id == p))
                            .is_some_and(|person| person.name.trim().to_lowercase() == name.to_lowercase())
                    });
                    if found.is_none() {
                        errors.push(FieldError::new(
                            Field::ExpectationWith,
                            format!("{name} is not among the people present."),
                        ));
                    }
                    found
                }
            };
            let due = match parse_date(&self.due) {
                Ok(Some(due)) if at.is_some_and(|at| due < at.date()) => {
                    errors.push(FieldError::new(Field::Due, "The due date is before the interaction."));
                    None
                }
                Ok(due) => due,
                Err(message) => {
                    errors.push(FieldError::new(Field::Due, message));
                    None
                }
            };
            let kept = previous.and_then(|p| p.expectation.as_ref());
            Some(Expectation {
                what: what.to_owned(),
                direction: self.direction.unwrap_or(Direction::TheyExpectOfMe),
                person,
                due,
                status: kept.map_or(FollowUp::Open, |e| e.status),
                settled: kept.and_then(|e| e.settled),
            })
        } else {
            None
        };

        match at {
            Some(at) if errors.is_empty() => Ok(Validated {
                interaction: Interaction {
                    id,
                    at,
                    people,
                    kind: self.kind,
                    minutes,
                    notes: self.notes.trim_end().to_owned(),
                    dependency,
                    expectation,
                    initiated_by: self.initiated_by,
                    rev: previous.map(|p| p.rev).unwrap_or_default(),
                },
                new_people,
            }),
            _ => Err(errors),
        }
    }
}

/// The person form, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PersonDraft {
    pub name: String,
    pub organization: String,
    pub title: String,
    pub role: Role,
    /// Comma-separated.
    pub tags: String,
    pub notes: String,
    pub mode: Option<Mode>,
    pub mode_now: Option<Mode>,
    pub boundaries: String,
    /// A whole number, or empty for no cadence.
    pub cadence: String,
    /// The cadence counts weeks rather than days.
    pub cadence_in_weeks: bool,
    pub email: String,
    pub phone: String,
    pub profile_url: String,
}

impl PersonDraft {
    pub fn from_person(p: &Person) -> PersonDraft {
        PersonDraft {
            name: p.name.clone(),
            organization: p.organization.clone(),
            title: p.title.clone(),
            role: p.role,
            tags: p.tags.join(", "),
            notes: p.notes.clone(),
            mode: p.mode,
            mode_now: p.mode_now,
            boundaries: p.boundaries.clone(),
            cadence: match p.cadence_days {
                Some(days) if days % 7 == 0 => (days / 7).to_string(),
                Some(days) => days.to_string(),
                None => String::new(),
            },
            cadence_in_weeks: p.cadence_days.is_some_and(|d| d % 7 == 0),
            email: p.email.clone(),
            phone: p.phone.clone(),
            profile_url: p.profile_url.clone(),
        }
    }

    /// Checks the form; a name must be present and not taken by someone else
    /// (names are how the journal's "who" field finds people).
    /// `rev` is the revision of the version being edited (the default for
    /// a new person).
    pub fn validate(&self, journal: &Journal, id: Id, rev: Rev) -> Result<Person, Vec<FieldError>> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(vec![FieldError::new(Field::Name, "Enter a name.")]);
        }
        if journal.find_person_by_name(name).is_some_and(|p| p.id != id) {
            return Err(vec![FieldError::new(
                Field::Name,
                format!("Someone called {name} is already in People; add a detail, like an initial."),
            )]);
        }
        let cadence_days = match self.cadence.trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(n) if (1..=MAX_CADENCE).contains(&n) => Some(if self.cadence_in_weeks { n * 7 } else { n }),
                _ => {
                    return Err(vec![FieldError::new(
                        Field::Cadence,
                        format!(
                            "“{text}” is not a whole number of {} from 1 to {MAX_CADENCE}.",
                            if self.cadence_in_weeks { "weeks" } else { "days" }
                        ),
                    )]);
                }
            },
        };
        let email = self.email.trim();
        if let Err(message) = check_email(email) {
            return Err(vec![FieldError::new(Field::Email, message)]);
        }
        let profile_url = self.profile_url.trim();
        if let Err(message) = check_url(profile_url) {
            return Err(vec![FieldError::new(Field::Url, message)]);
        }
        Ok(Person {
            id,
            name: name.to_owned(),
            organization: self.organization.trim().to_owned(),
            title: self.title.trim().to_owned(),
            role: self.role,
            tags: parse_tags(&self.tags),
            notes: self.notes.trim_end().to_owned(),
            mode: self.mode,
            mode_now: self.mode_now,
            boundaries: self.boundaries.trim().to_owned(),
            cadence_days,
            email: email.to_owned(),
            phone: self.phone.trim().to_owned(),
            profile_url: profile_url.to_owned(),
            rev,
        })
    }
}

/// An email address, trimmed, is empty or has exactly one `@` with
/// something on each side: enough to catch a name typed in the wrong box,
/// without refusing addresses a stricter rule would wrongly reject.
pub fn check_email(email: &str) -> Result<(), String> {
    if email.is_empty() {
        return Ok(());
    }
    match email.split_once('@') {
        Some((user, domain)) if !user.is_empty() && !domain.is_empty() && !domain.contains('@') => {
            if email.contains(char::is_whitespace) {
                Err(format!("“{email}” has a space in it; an email address has none."))
            } else {
                Ok(())
            }
        }
        _ => Err(format!("“{email}” is not an email address: it needs one @, as in name@example.com.")),
    }
}

/// A profile address is empty or a web address (`http://` or `https://`),
/// so it can be a link that opens the page and never runs a script.
pub fn check_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if url.is_empty() || (lower.starts_with("https://") || lower.starts_with("http://")) && url.len() > 8 {
        Ok(())
    } else {
        Err(format!("“{url}” is not a web address: it starts with https:// or http://."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{at, ids};

    const ANA: Id = Id::from_raw(1);

    fn journal() -> Journal {
        Journal::from_records(vec![Person::named(ANA, "Ana Lima")], vec![])
    }

    fn draft() -> InteractionDraft {
        InteractionDraft { who: vec!["ana lima".into()], ..InteractionDraft::new(at(3)) }
    }

    #[test]
    fn typed_names_join_the_people_present_once_each_split_by_commas() {
        let mut d = draft();
        assert!(d.take_typed_names(" Bo Chen, ANA LIMA ,, Cy Park,"));
        assert_eq!(d.who, ["ana lima", "Bo Chen", "Cy Park"]);
        assert!(!d.take_typed_names(" , bo chen"), "nothing new");
        assert_eq!(d.who.len(), 3);
    }

    #[test]
    fn names_given_back_as_one_line_read_back_into_the_same_people() {
        let mut d = draft();
        d.take_typed_names("Bo Chen, Cy Park");
        let line = d.give_names_back();
        assert_eq!(line, "ana lima, Bo Chen, Cy Park");
        assert!(d.who.is_empty(), "the names left the draft");
        let mut again = InteractionDraft::new(at(3));
        again.take_typed_names(&line);
        assert_eq!(again.who, ["ana lima", "Bo Chen", "Cy Park"]);
    }

    #[test]
    fn every_field_has_its_own_element_name() {
        let all = [
            Field::At,
            Field::Who,
            Field::Minutes,
            Field::DependencyWhat,
            Field::ExpectationWhat,
            Field::ExpectationWith,
            Field::Due,
            Field::Name,
            Field::Title,
            Field::Received,
            Field::DoneOn,
            Field::Impact,
            Field::Number,
            Field::ChainName,
            Field::Date,
            Field::Text,
            Field::Cadence,
            Field::Role,
            Field::Email,
            Field::Phone,
            Field::Url,
        ];
        let tokens: std::collections::HashSet<_> = all.iter().map(|f| f.token()).collect();
        assert_eq!(tokens.len(), all.len());
    }

    fn errors(d: &InteractionDraft) -> Vec<(Field, String)> {
        d.validate(&journal(), Id::from_raw(50), None, ids())
            .expect_err("should fail")
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    #[test]
    fn a_minimal_draft_becomes_an_interaction_with_an_existing_person() {
        let v = draft().validate(&journal(), Id::from_raw(50), None, ids()).unwrap();
        assert_eq!(v.interaction.people, [ANA]);
        assert_eq!(v.interaction.at, at(3));
        assert_eq!(v.interaction.rev, Rev::default(), "a new record has never been saved");
        assert!(v.new_people.is_empty());
        assert!(v.interaction.dependency.is_none() && v.interaction.expectation.is_none());
    }

    #[test]
    fn new_names_create_people_once() {
        let d = InteractionDraft { who: vec!["Bo".into(), " bo ".into(), "Ana Lima".into(), "".into()], ..draft() };
        let v = d.validate(&journal(), Id::from_raw(50), None, ids()).unwrap();
        assert_eq!(v.new_people.len(), 1);
        assert_eq!(v.new_people[0].name, "Bo");
        assert_eq!(v.interaction.people, [Id::from_raw(101), ANA]);
    }

    #[test]
    fn no_person_is_refused() {
        let d = InteractionDraft { who: vec!["  ".into()], ..draft() };
        assert_eq!(errors(&d), [(Field::Who, "Add at least one person.".into())]);
    }

    #[test]
    fn a_date_that_does_not_parse_is_refused() {
        let d = InteractionDraft { at: "31/03/2026".into(), ..draft() };
        assert_eq!(errors(&d)[0].0, Field::At);
        let d = InteractionDraft { at: "".into(), ..draft() };
        assert_eq!(errors(&d), [(Field::At, "Enter when it happened.".into())]);
        let d = InteractionDraft { at: "2026-02-30T10:00".into(), ..draft() };
        assert_eq!(errors(&d)[0].0, Field::At);
    }

    #[test]
    fn a_due_date_before_the_interaction_is_refused() {
        let d =
            InteractionDraft { expects: true, expectation_what: "slides".into(), due: "2026-03-02".into(), ..draft() };
        assert_eq!(errors(&d), [(Field::Due, "The due date is before the interaction.".into())]);
        let same_day = InteractionDraft { due: "2026-03-03".into(), ..d };
        assert!(same_day.validate(&journal(), Id::from_raw(50), None, ids()).is_ok());
    }

    #[test]
    fn every_bad_field_is_reported_at_once_and_nothing_comes_out() {
        let d = InteractionDraft {
            at: "soon".into(),
            who: vec![],
            minutes: "half an hour".into(),
            reliance: Some(Reliance::Both),
            expects: true,
            due: "tomorrow".into(),
            ..InteractionDraft::default()
        };
        let fields: Vec<Field> = errors(&d).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [Field::At, Field::Who, Field::Minutes, Field::DependencyWhat, Field::ExpectationWhat, Field::Due]
        );
    }

    #[test]
    fn minutes_must_be_a_sensible_whole_number() {
        for bad in ["0", "-5", "1.5", "20000"] {
            let d = InteractionDraft { minutes: bad.into(), ..draft() };
            assert_eq!(errors(&d)[0].0, Field::Minutes, "{bad}");
        }
        let d = InteractionDraft { minutes: " 45 ".into(), ..draft() };
        let v = d.validate(&journal(), Id::from_raw(50), None, ids()).unwrap();
        assert_eq!(v.interaction.minutes, Some(45));
    }

    #[test]
    fn an_expectation_can_name_one_person_present() {
        let d = InteractionDraft {
            who: vec!["Ana Lima".into(), "Bo".into()],
            expects: true,
            expectation_what: "the contract".into(),
            direction: Some(Direction::IExpectOfThem),
            expectation_with: "bo".into(),
            ..draft()
        };
        let v = d.validate(&journal(), Id::from_raw(50), None, ids()).unwrap();
        let e = v.interaction.expectation.unwrap();
        assert_eq!(e.person, Some(Id::from_raw(101)));
        assert_eq!(e.direction, Direction::IExpectOfThem);
        let d = InteractionDraft { expectation_with: "Cy".into(), ..d };
        assert_eq!(errors(&d)[0].0, Field::ExpectationWith);
    }

    #[test]
    fn editing_keeps_the_follow_up_status_and_round_trips() {
        let d = InteractionDraft {
            expects: true,
            expectation_what: "slides".into(),
            reliance: Some(Reliance::IRelyOnThem),
            dependency_what: "data".into(),
            minutes: "30".into(),
            notes: "Notes  \n".into(),
            initiated_by: Some(Initiator::Them),
            ..draft()
        };
        let mut first = d.validate(&journal(), Id::from_raw(50), None, ids()).unwrap().interaction;
        first.expectation.as_mut().unwrap().status = FollowUp::Met;
        first.rev = Rev::legacy(40);
        let again = InteractionDraft::from_interaction(&first, &journal());
        let second = again.validate(&journal(), first.id, Some(&first), ids()).unwrap().interaction;
        assert_eq!(second, first);
        assert_eq!(second.notes, "Notes");
    }

    #[test]
    fn a_person_needs_a_name_that_is_not_taken() {
        let j = journal();
        let blank = PersonDraft::default();
        assert_eq!(blank.validate(&j, Id::from_raw(9), Rev::legacy(0)).unwrap_err()[0].field, Field::Name);
        let taken = PersonDraft { name: "ANA LIMA".into(), ..PersonDraft::default() };
        assert!(taken.validate(&j, Id::from_raw(9), Rev::legacy(0)).is_err());
        assert!(taken.validate(&j, ANA, Rev::legacy(0)).is_ok(), "renaming oneself is fine");
        let p = PersonDraft { name: " Bo ".into(), tags: "a, b".into(), ..PersonDraft::default() }
            .validate(&j, Id::from_raw(9), Rev::legacy(3))
            .unwrap();
        assert_eq!((p.name.as_str(), p.tags.len(), p.rev), ("Bo", 2, Rev::legacy(3)), "edits keep their base");
    }

    #[test]
    fn contact_details_are_trimmed_and_checked() {
        let j = journal();
        let draft = |email: &str, phone: &str, url: &str| PersonDraft {
            name: "Bo".into(),
            email: email.into(),
            phone: phone.into(),
            profile_url: url.into(),
            ..PersonDraft::default()
        };
        let p = draft(" bo@example.com ", " +1 555 0100 ", " https://www.linkedin.com/in/bo ")
            .validate(&j, Id::from_raw(9), Rev::legacy(0))
            .unwrap();
        assert_eq!(
            (p.email.as_str(), p.phone.as_str(), p.profile_url.as_str()),
            ("bo@example.com", "+1 555 0100", "https://www.linkedin.com/in/bo")
        );
        assert_eq!(PersonDraft::from_person(&p).email, "bo@example.com", "round trip");
        for bad in ["bo", "bo@@example.com", "a@b@c", "@example.com", "bo@", "bo smith@example.com"] {
            let errors = draft(bad, "", "").validate(&j, Id::from_raw(9), Rev::legacy(0)).unwrap_err();
            assert_eq!(errors[0].field, Field::Email, "{bad}");
        }
        for bad in ["www.example.com", "javascript:alert(1)", "ftp://x", "https://"] {
            let errors = draft("", "", bad).validate(&j, Id::from_raw(9), Rev::legacy(0)).unwrap_err();
            assert_eq!(errors[0].field, Field::Url, "{bad}");
            assert!(errors[0].message.contains("https://"), "{}", errors[0].message);
        }
        assert!(draft("", "", "HTTP://Example.com").validate(&j, Id::from_raw(9), Rev::legacy(0)).is_ok());
    }

    #[test]
    fn a_cadence_is_a_whole_number_of_days_or_weeks() {
        let j = journal();
        let draft = |cadence: &str, weeks: bool| PersonDraft {
            name: "Bo".into(),
            cadence: cadence.into(),
            cadence_in_weeks: weeks,
            mode: Some(Mode::Friends),
            ..PersonDraft::default()
        };
        let p = draft("2", true).validate(&j, Id::from_raw(9), Rev::legacy(0)).unwrap();
        assert_eq!((p.cadence_days, p.mode), (Some(14), Some(Mode::Friends)));
        assert_eq!(draft(" 10 ", false).validate(&j, Id::from_raw(9), Rev::legacy(0)).unwrap().cadence_days, Some(10));
        assert_eq!(draft("", false).validate(&j, Id::from_raw(9), Rev::legacy(0)).unwrap().cadence_days, None);
        for bad in ["0", "1.5", "soon", "400"] {
            let errors = draft(bad, false).validate(&j, Id::from_raw(9), Rev::legacy(0)).unwrap_err();
            assert_eq!(errors[0].field, Field::Cadence, "{bad}");
        }
        // Round trip: 14 days reads back as 2 weeks, 10 as 10 days.
        let again = PersonDraft::from_person(&p);
        assert_eq!((again.cadence.as_str(), again.cadence_in_weeks), ("2", true));
    }
}
