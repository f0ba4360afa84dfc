//! What an import would do, row by row, before anything is written.
//!
//! Each contact is matched to someone already in People: the same email
//! (ignoring case), else the same name and organization (ignoring case and
//! surrounding spaces). A match is updated, never blanked: only fields the
//! file has and that differ change, notes are added to, tags are joined,
//! and the name the user knows them by stays. Someone new is added.
//!
//! Two rows for one person in a file (exported twice, or from two address
//! books) become one: the first row takes what the later ones add, and they
//! are skipped, saying so. Names stay unique, as People requires: a new row
//! whose name someone else already has is skipped unless the user chooses
//! to update that person.

use std::collections::{HashMap, HashSet};

use super::{Contact, Format, Parsed, add_tags};
use crate::model::text::thousands;
use crate::model::{Id, Journal, Op, Person, check_email, check_url};

/// A field an import may change.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PersonField {
    Organization,
    Title,
    Email,
    Phone,
    Url,
    Notes,
    Tags,
}

impl PersonField {
    pub fn label(self) -> &'static str {
        match self {
            PersonField::Organization => "Organization",
            PersonField::Title => "Title",
            PersonField::Email => "Email",
            PersonField::Phone => "Phone",
            PersonField::Url => "Profile",
            PersonField::Notes => "Notes",
            PersonField::Tags => "Tags",
        }
    }
}

/// One field an update changes: what it holds now and what it would hold.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub field: PersonField,
    pub old: String,
    pub new: String,
}

impl Change {
    /// "Email: ana@old.example → ana@new.example"; notes say what they gain.
    pub fn describe(&self) -> String {
        let label = self.field.label();
        match self.field {
            PersonField::Notes => {
                let added = self.new.strip_prefix(self.old.trim_end()).unwrap_or(&self.new).trim();
                format!("{label}: adds “{}”", shortened(added, 80))
            }
            _ if self.old.is_empty() => format!("{label}: {}", self.new),
            _ => format!("{label}: {} → {}", self.old, self.new),
        }
    }
}

/// `text` cut to `max` characters at most, with an ellipsis if cut.
fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_owned(),
    }
}

/// Why a row is skipped.
#[derive(Clone, Debug, PartialEq)]
pub enum SkipReason {
    /// The row has no name (People needs one).
    NoName,
    /// The person is already in People with everything the row holds.
    NoChange,
    /// The same person as the row on `line`, which took what this one adds.
    SameAsRow { line: usize },
    /// Someone in People has this name but another organization or email.
    NameTaken,
    /// An earlier row of the file adds someone with this name.
    SameNameAsRow { line: usize },
    /// The person matched was removed from People after the preview.
    Gone,
    /// The user chose to skip it.
    Chosen,
}

impl SkipReason {
    pub fn message(&self) -> String {
        match self {
            SkipReason::NoName => "It has no name.".to_owned(),
            SkipReason::NoChange => "Already in People with these details.".to_owned(),
            SkipReason::SameAsRow { line } => format!("The same person as line {line}, which takes its details."),
            SkipReason::NameTaken => {
                "Someone in People has this name, at another organization or with another email; choose Update \
                 if it is them."
                    .to_owned()
            }
            SkipReason::SameNameAsRow { line } => format!("Line {line} adds someone with the same name."),
            SkipReason::Gone => "The person it matched was removed from People.".to_owned(),
            SkipReason::Chosen => "You chose to skip it.".to_owned(),
        }
    }
}

/// How a row was matched to someone in People.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MatchedBy {
    Email,
    NameAndOrganization,
    /// Only the name is the same: perhaps someone else, so only a proposal.
    NameOnly,
}

impl MatchedBy {
    pub fn label(self) -> &'static str {
        match self {
            MatchedBy::Email => "same email",
            MatchedBy::NameAndOrganization => "same name and organization",
            MatchedBy::NameOnly => "same name only",
        }
    }
}

/// The person in People a row matches, and how.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Match {
    pub person: Id,
    pub by: MatchedBy,
}

/// What the plan proposes for a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Proposal {
    Add,
    Update,
    Skip(SkipReason),
}

/// What the user chose for a row.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Action {
    Add,
    Update,
    Skip,
}

/// One contact of the file and what would become of it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRow {
    /// As read, with the details of later rows for the same person.
    pub contact: Contact,
    /// The person in People it matches, or whose name it has.
    pub matched: Option<Match>,
    /// What updating `matched` would change (empty when nothing would).
    pub changes: Vec<Change>,
    pub proposal: Proposal,
    pub action: Action,
}

impl PlanRow {
    /// Why the row is skipped, if it is: the plan's reason, or the user's choice.
    pub fn skip_reason(&self) -> Option<SkipReason> {
        (self.action == Action::Skip).then(|| skip_reason(self))
    }
}

/// The rows of a file with the action for each; nothing is written until
/// [`ImportPlan::apply`]'s op is saved.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    pub format: Format,
    rows: Vec<PlanRow>,
}

/// What an import did, or would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    /// Each skipped row: its line, its name and why.
    pub skipped: Vec<(usize, String, SkipReason)>,
}

impl Summary {
    /// "12 people added, 3 updated, 2 skipped."
    pub fn message(&self) -> String {
        let people = |n: usize| if n == 1 { "1 person".to_owned() } else { format!("{} people", thousands(n)) };
        format!(
            "{} added, {} updated, {} skipped.",
            people(self.added),
            thousands(self.updated),
            thousands(self.skipped.len())
        )
    }
}

fn key(text: &str) -> String {
    text.trim().to_lowercase()
}

impl ImportPlan {
    /// Matches every contact of `parsed` against `journal` and proposes an
    /// action for each.
    pub fn new(parsed: Parsed, journal: &Journal) -> ImportPlan {
        let mut by_email: HashMap<String, Id> = HashMap::new();
        let mut by_name_org: HashMap<(String, String), Id> = HashMap::new();
        let mut by_name: HashMap<String, Id> = HashMap::new();
        for p in journal.people() {
            if !p.email.trim().is_empty() {
                by_email.entry(key(&p.email)).and_modify(|id| *id = (*id).min(p.id)).or_insert(p.id);
            }
            by_name_org
                .entry((key(&p.name), key(&p.organization)))
                .and_modify(|id| *id = (*id).min(p.id))
                .or_insert(p.id);
            by_name.entry(key(&p.name)).and_modify(|id| *id = (*id).min(p.id)).or_insert(p.id);
        }

        // First pass: match, and fold later rows for one person into the first.
        let mut rows: Vec<PlanRow> = Vec::with_capacity(parsed.contacts.len());
        let mut first_for_person: HashMap<Id, usize> = HashMap::new();
        let mut first_for_email: HashMap<String, usize> = HashMap::new();
        let mut first_for_name_org: HashMap<(String, String), usize> = HashMap::new();
        for contact in parsed.contacts.into_iter().map(clean) {
            let skip = |reason| PlanRow {
                contact: Contact::default(),
                matched: None,
                changes: Vec::new(),
                proposal: Proposal::Skip(reason),
                action: Action::Skip,
            };
            if contact.name.is_empty() {
                rows.push(PlanRow { contact, ..skip(SkipReason::NoName) });
                continue;
            }
            let email = key(&contact.email);
            let name_org = (key(&contact.name), key(&contact.organization));
            let found = match (!email.is_empty()).then(|| by_email.get(&email)).flatten() {
                Some(&person) => Some(Match { person, by: MatchedBy::Email }),
                None => by_name_org.get(&name_org).map(|&person| Match { person, by: MatchedBy::NameAndOrganization }),
            };
            let earlier = match found {
                Some(m) => first_for_person.get(&m.person).copied(),
                None => (!email.is_empty())
                    .then(|| first_for_email.get(&email))
                    .flatten()
                    .or_else(|| first_for_name_org.get(&name_org))
                    .copied(),
            };
            if let Some(first) = earlier {
                let line = rows[first].contact.line;
                let matched = rows[first].matched;
                merge(&mut rows[first].contact, &contact);
                rows.push(PlanRow { contact, matched, ..skip(SkipReason::SameAsRow { line }) });
                continue;
            }
            let at = rows.len();
            match found {
                Some(m) => {
                    first_for_person.insert(m.person, at);
                }
                None => {
                    if !email.is_empty() {
                        first_for_email.insert(email, at);
                    }
                    first_for_name_org.insert(name_org, at);
                }
            }
            let same_name =
                || by_name.get(&key(&contact.name)).map(|&person| Match { person, by: MatchedBy::NameOnly });
            let matched = found.or_else(same_name);
            // A placeholder: the second pass proposes for every first row.
            rows.push(PlanRow { contact, matched, ..skip(SkipReason::NoChange) });
        }

        // Second pass: what each first row would change, now that it holds
        // everything the file says about its person.
        let mut new_names: HashMap<String, usize> = HashMap::new();
        for row in &mut rows {
            if row.proposal != Proposal::Skip(SkipReason::NoChange) {
                continue;
            }
            if let Some(person) = row.matched.and_then(|m| journal.person(m.person)) {
                row.changes = changes(person, &row.contact);
            }
            row.proposal = match row.matched.map(|m| m.by) {
                Some(MatchedBy::NameOnly) => Proposal::Skip(SkipReason::NameTaken),
                Some(_) if row.changes.is_empty() => Proposal::Skip(SkipReason::NoChange),
                Some(_) => Proposal::Update,
                None => match new_names.get(&key(&row.contact.name)) {
                    Some(&line) => Proposal::Skip(SkipReason::SameNameAsRow { line }),
                    None => {
                        new_names.insert(key(&row.contact.name), row.contact.line);
                        Proposal::Add
                    }
                },
            };
            row.action = match row.proposal {
                Proposal::Add => Action::Add,
                Proposal::Update => Action::Update,
                Proposal::Skip(_) => Action::Skip,
            };
        }
        ImportPlan { format: parsed.format, rows }
    }

    pub fn rows(&self) -> &[PlanRow] {
        &self.rows
    }

    /// Sets row `index`'s action, or says why it cannot have it: adding
    /// needs a name no one in People or in the rows being added has, and a
    /// row that is not someone already in People (by email, or name and
    /// organization); updating needs a match that no other row updates.
    pub fn choose(&mut self, index: usize, action: Action, journal: &Journal) -> Result<(), String> {
        if index >= self.rows.len() {
            return Err("There is no such row.".to_owned());
        }
        let taken = Taken::new(&self.rows, journal);
        match refusal(&self.rows, index, action, journal, &taken) {
            Some(message) => Err(message),
            None => {
                self.rows[index].action = action;
                Ok(())
            }
        }
    }

    /// Gives every row `action` where it can have it (see
    /// [`ImportPlan::choose`]), in file order; returns how many could not.
    pub fn choose_all(&mut self, action: Action, journal: &Journal) -> usize {
        let mut taken = Taken::new(&self.rows, journal);
        let mut refused = 0;
        for index in 0..self.rows.len() {
            if self.rows[index].action == action {
                continue;
            }
            if refusal(&self.rows, index, action, journal, &taken).is_some() {
                refused += 1;
                continue;
            }
            taken.release(&self.rows[index], index);
            self.rows[index].action = action;
            taken.take(&self.rows[index], index);
        }
        refused
    }

    /// Back to what the plan proposed for every row.
    pub fn reset(&mut self) {
        for row in &mut self.rows {
            row.action = match row.proposal {
                Proposal::Add => Action::Add,
                Proposal::Update => Action::Update,
                Proposal::Skip(_) => Action::Skip,
            };
        }
    }

    /// What applying would do now.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for row in &self.rows {
            match row.action {
                Action::Add => summary.added += 1,
                Action::Update => summary.updated += 1,
                Action::Skip => summary.skipped.push((row.contact.line, row.contact.name.clone(), skip_reason(row))),
            }
        }
        summary
    }

    /// The import as one op: every new person, then every update, each
    /// update made from the person as `journal` has them now (another tab
    /// may have changed them since the preview). Saved as one op, it is
    /// written all or nothing.
    pub fn apply(&self, journal: &Journal, mut new_id: impl FnMut() -> Id) -> (Op, Summary) {
        let mut summary = Summary::default();
        let (mut creates, mut updates) = (Vec::new(), Vec::new());
        let names: HashSet<String> = journal.people().map(|p| key(&p.name)).collect();
        for row in &self.rows {
            let c = &row.contact;
            let skipped = |reason| (c.line, c.name.clone(), reason);
            match (row.action, row.matched.and_then(|m| journal.person(m.person))) {
                (Action::Add, _) if names.contains(&key(&c.name)) => {
                    summary.skipped.push(skipped(SkipReason::NameTaken));
                }
                (Action::Add, _) => {
                    creates.push(Op::create(updated(&Person::named(new_id(), &c.name), c)));
                    summary.added += 1;
                }
                (Action::Update, Some(person)) => {
                    let new = updated(person, c);
                    if new == *person {
                        summary.skipped.push(skipped(SkipReason::NoChange));
                        continue;
                    }
                    updates.push(Op::update(new));
                    summary.updated += 1;
                }
                (Action::Update, None) => summary.skipped.push(skipped(SkipReason::Gone)),
                (Action::Skip, _) => summary.skipped.push(skipped(skip_reason(row))),
            }
        }
        (Op::join(creates.into_iter().chain(updates)), summary)
    }
}

/// The names in People, and which row adds each name and updates each
/// person as chosen now: what a new choice must not clash with.
struct Taken {
    names: HashSet<String>,
    adding: HashMap<String, usize>,
    updating: HashMap<Id, usize>,
}

impl Taken {
    fn new(rows: &[PlanRow], journal: &Journal) -> Taken {
        let mut taken = Taken {
            names: journal.people().map(|p| key(&p.name)).collect(),
            adding: HashMap::new(),
            updating: HashMap::new(),
        };
        for (index, row) in rows.iter().enumerate() {
            taken.take(row, index);
        }
        taken
    }

    fn take(&mut self, row: &PlanRow, index: usize) {
        match (row.action, row.matched) {
            (Action::Add, _) => {
                self.adding.entry(key(&row.contact.name)).or_insert(index);
            }
            (Action::Update, Some(m)) => {
                self.updating.entry(m.person).or_insert(index);
            }
            _ => {}
        }
    }

    fn release(&mut self, row: &PlanRow, index: usize) {
        let name = key(&row.contact.name);
        if self.adding.get(&name) == Some(&index) {
            self.adding.remove(&name);
        }
        if let Some(m) = row.matched
            && self.updating.get(&m.person) == Some(&index)
        {
            self.updating.remove(&m.person);
        }
    }
}

/// Why row `index` cannot take `action`, if it cannot.
fn refusal(rows: &[PlanRow], index: usize, action: Action, journal: &Journal, taken: &Taken) -> Option<String> {
    let row = &rows[index];
    let name = key(&row.contact.name);
    let other = |at: Option<&usize>| at.filter(|&&at| at != index).map(|&at| rows[at].contact.line);
    let already = row.matched.filter(|m| m.by != MatchedBy::NameOnly);
    match (action, already) {
        (Action::Skip, _) => None,
        (Action::Add, _) if name.is_empty() => Some(SkipReason::NoName.message()),
        (Action::Add, Some(m)) => Some(format!(
            "This is {} in People ({}): choose Update, or skip this row.",
            journal.name_of(m.person),
            m.by.label()
        )),
        (Action::Add, None) if taken.names.contains(&name) => {
            Some(format!("Someone called {} is already in People: choose Update, or skip this row.", row.contact.name))
        }
        (Action::Add, None) => other(taken.adding.get(&name))
            .map(|line| format!("Line {line} already adds someone called {}.", row.contact.name)),
        (Action::Update, _) => match row.matched {
            None => Some("No one in People matches this row: choose Add.".to_owned()),
            Some(m) => other(taken.updating.get(&m.person))
                .map(|line| format!("Line {line} already updates {}.", journal.name_of(m.person))),
        },
    }
}

fn skip_reason(row: &PlanRow) -> SkipReason {
    match &row.proposal {
        Proposal::Skip(reason) => reason.clone(),
        _ => SkipReason::Chosen,
    }
}

/// Drops what a person record could not hold: an email without one `@`, a
/// web address that is not one. A website written without its scheme
/// (`www.example.com`, as Google and Outlook keep it) gets `https://`.
fn clean(mut c: Contact) -> Contact {
    if check_email(&c.email).is_err() {
        c.email.clear();
    }
    let url = c.profile_url.trim();
    if !url.is_empty() && !url.contains("://") && url.contains('.') && !url.contains(char::is_whitespace) {
        c.profile_url = format!("https://{url}");
    }
    if check_url(&c.profile_url).is_err() {
        c.profile_url.clear();
    }
    c
}

/// Fills `first`'s empty fields from `later`, joins tags and adds notes.
fn merge(first: &mut Contact, later: &Contact) {
    for (mine, theirs) in [
        (&mut first.organization, &later.organization),
        (&mut first.title, &later.title),
        (&mut first.email, &later.email),
        (&mut first.phone, &later.phone),
        (&mut first.profile_url, &later.profile_url),
    ] {
        if mine.is_empty() {
            mine.clone_from(theirs);
        }
    }
    first.notes = added_notes(&first.notes, &later.notes);
    add_tags(&mut first.tags, later.tags.iter().map(String::as_str));
}

/// `notes` with `more` after a blank line, unless they already hold it.
fn added_notes(notes: &str, more: &str) -> String {
    match (notes.trim().is_empty(), more.trim().is_empty() || notes.contains(more.trim())) {
        (_, true) => notes.to_owned(),
        (true, false) => more.trim().to_owned(),
        (false, false) => format!("{}\n\n{}", notes.trim_end(), more.trim()),
    }
}

/// `person` with what `contact` adds: the fields it has replace theirs,
/// notes are added to and tags joined; the name stays.
fn updated(person: &Person, contact: &Contact) -> Person {
    let mut out = person.clone();
    // A difference of case only keeps the user's spelling.
    for (mine, theirs) in [
        (&mut out.organization, &contact.organization),
        (&mut out.title, &contact.title),
        (&mut out.email, &contact.email),
        (&mut out.phone, &contact.phone),
        (&mut out.profile_url, &contact.profile_url),
    ] {
        if !theirs.is_empty() && mine.to_lowercase() != theirs.to_lowercase() {
            mine.clone_from(theirs);
        }
    }
    out.notes = added_notes(&person.notes, &contact.notes);
    add_tags(&mut out.tags, contact.tags.iter().map(String::as_str));
    out
}

/// The fields `contact` would change on `person`, old and new.
fn changes(person: &Person, contact: &Contact) -> Vec<Change> {
    let new = updated(person, contact);
    [
        (PersonField::Organization, &person.organization, &new.organization),
        (PersonField::Title, &person.title, &new.title),
        (PersonField::Email, &person.email, &new.email),
        (PersonField::Phone, &person.phone, &new.phone),
        (PersonField::Url, &person.profile_url, &new.profile_url),
        (PersonField::Notes, &person.notes, &new.notes),
    ]
    .into_iter()
    .filter(|(_, old, new)| old != new)
    .map(|(field, old, new)| Change { field, old: old.clone(), new: new.clone() })
    .chain((new.tags != person.tags).then(|| Change {
        field: PersonField::Tags,
        old: person.tags.join(", "),
        new: new.tags.join(", "),
    }))
    .collect()
}

#[cfg(test)]
mod tests;
