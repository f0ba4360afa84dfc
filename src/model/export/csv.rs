//! CSV (RFC 4180) of the journal's lists, for spreadsheets: UTF-8 with a
//! byte-order mark (so spreadsheet apps do not guess another encoding), a
//! header row, CRLF line ends, fields quoted where needed.

use crate::model::order::sort_by_key;
use crate::model::task::Amount;
use crate::model::time::{iso_date, iso_minute};
use crate::model::{Journal, describe_dependency};

/// A sheet being written: one row at a time, each cell text or a number.
struct Sheet {
    out: String,
}

impl Sheet {
    fn new(header: &[&str]) -> Sheet {
        let mut sheet = Sheet { out: "\u{feff}".to_owned() };
        sheet.row(header.iter().map(|h| Cell::Text(h)));
        sheet
    }

    fn row<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            match cell {
                Cell::Text(text) => push_text(&mut self.out, text),
                Cell::Number(number) => self.out.push_str(&number),
            }
        }
        self.out.push_str("\r\n");
    }
}

/// A cell: text as the user typed it, or a number the app wrote.
enum Cell<'a> {
    Text(&'a str),
    Number(String),
}

/// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a
/// tab or carriage return first) gets a leading apostrophe, as OWASP
/// advises: it shows the text as typed and never evaluates it.
fn push_text(out: &mut String, text: &str) {
    let guarded = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quoted = guarded || text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ');
    if quoted {
        out.push('"');
    }
    if guarded {
        out.push('\'');
    }
    out.push_str(&text.replace('"', "\"\""));
    if quoted {
        out.push('"');
    }
}

/// A number as spreadsheets read it: "-3.5", "1200.25", no grouping.
fn decimal(amount: &Amount) -> String {
    let sign = if amount.hundredths < 0 { "-" } else { "" };
    let abs = amount.hundredths.unsigned_abs();
    match abs % 100 {
        0 => format!("{sign}{}", abs / 100),
        cents => format!("{sign}{}.{cents:02}", abs / 100).trim_end_matches('0').to_owned(),
    }
}

fn amount_cells(amount: Option<&Amount>) -> [Cell<'_>; 2] {
    match amount {
        Some(a) => [Cell::Number(decimal(a)), Cell::Text(&a.unit)],
        None => [Cell::Text(""), Cell::Text("")],
    }
}

/// Every interaction, newest first.
pub fn interactions_csv(journal: &Journal) -> String {
    let mut sheet = Sheet::new(&[
        "When",
        "Kind",
        "People",
        "Minutes",
        "Who reached out",
        "Notes",
        "Dependency",
        "Expectation",
        "Who expects it",
        "Concerning",
        "Due",
        "Follow-up",
    ]);
    for i in journal.interactions() {
        let people = i.people.iter().map(|&p| journal.name_of(p)).collect::<Vec<_>>().join("; ");
        let dependency = i.dependency.as_ref().map(describe_dependency).unwrap_or_default();
        let e = i.expectation.as_ref();
        let concerning = e.and_then(|e| e.person).map(|p| journal.name_of(p)).unwrap_or_default();
        sheet.row([
            Cell::Text(&iso_minute(i.at).replace('T', " ")),
            Cell::Text(i.kind.label()),
            Cell::Text(&people),
            i.minutes.map_or(Cell::Text(""), |m| Cell::Number(m.to_string())),
            Cell::Text(i.initiated_by.map_or("", |w| w.label())),
            Cell::Text(&i.notes),
            Cell::Text(&dependency),
            Cell::Text(e.map_or("", |e| e.what.as_str())),
            Cell::Text(e.map_or("", |e| e.direction.label())),
            Cell::Text(concerning),
            Cell::Text(&e.and_then(|e| e.due).map(iso_date).unwrap_or_default()),
            Cell::Text(e.map_or("", |e| e.status.label())),
        ]);
    }
    sheet.out
}

/// Everyone, by name.
pub fn people_csv(journal: &Journal) -> String {
    let mut sheet = Sheet::new(&[
        "Name",
        "Role",
        "Organization",
        "Title",
        "Email",
        "Phone",
        "Profile",
        "Tags",
        "Chosen mode",
        "Mode today",
        "Boundaries",
        "Keep in touch every (days)",
        "Notes",
    ]);
    for p in journal.people_by_name() {
        sheet.row([
            Cell::Text(&p.name),
            Cell::Text(p.role.label()),
            Cell::Text(&p.organization),
            Cell::Text(&p.title),
            Cell::Text(&p.email),
            Cell::Text(&p.phone),
            Cell::Text(&p.profile_url),
            Cell::Text(&p.tags.join(", ")),
            Cell::Text(p.mode.map_or("", |m| m.label())),
            Cell::Text(p.mode_now.map_or("", |m| m.label())),
            Cell::Text(&p.boundaries),
            p.cadence_days.map_or(Cell::Text(""), |d| Cell::Number(d.to_string())),
            Cell::Text(&p.notes),
        ]);
    }
    sheet.out
}

/// Every task, in the order they were received.
pub fn tasks_csv(journal: &Journal) -> String {
    let mut sheet = Sheet::new(&[
        "Task",
        "Received",
        "Due",
        "Customer",
        "What the customer expects",
        "How to exceed it",
        "Done on",
        "Impact",
        "Number",
        "Unit",
        "In the career file",
    ]);
    let mut tasks: Vec<_> = journal.tasks().iter().collect();
    sort_by_key(&mut tasks, |t| (t.received, t.id));
    for t in tasks {
        let customer = if t.chain.is_some() || t.person.is_some() { t.customer(journal) } else { String::new() };
        let done = t.done.as_ref();
        let [number, unit] = amount_cells(done.and_then(|d| d.amount.as_ref()));
        sheet.row([
            Cell::Text(&t.title),
            Cell::Text(&iso_date(t.received)),
            Cell::Text(&t.due.map(iso_date).unwrap_or_default()),
            Cell::Text(&customer),
            Cell::Text(&t.expects),
            Cell::Text(&t.exceed),
            Cell::Text(&done.map(|d| iso_date(d.on)).unwrap_or_default()),
            Cell::Text(done.map_or("", |d| d.impact.as_str())),
            number,
            unit,
            Cell::Text(done.map_or("", |d| if d.career { "yes" } else { "no" })),
        ]);
    }
    sheet.out
}

/// Every entry written into the career file by hand, by date.
pub fn career_csv(journal: &Journal) -> String {
    let mut sheet = Sheet::new(&["Date", "Impact", "Number", "Unit", "Chain", "Person"]);
    let mut entries: Vec<_> = journal.career_entries().iter().collect();
    sort_by_key(&mut entries, |e| (e.date, e.id));
    for e in entries {
        let chain = e.chain.and_then(|c| journal.chain(c)).map_or("", |c| c.name.as_str());
        let person = e.person.map(|p| journal.name_of(p)).unwrap_or_default();
        let [number, unit] = amount_cells(e.amount.as_ref());
        sheet.row([
            Cell::Text(&iso_date(e.date)),
            Cell::Text(&e.text),
            number,
            unit,
            Cell::Text(chain),
            Cell::Text(person),
        ]);
    }
    sheet.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, value);
        out
    }

    #[test]
    fn fields_are_quoted_only_where_rfc_4180_needs_it() {
        assert_eq!(text("plain"), "plain");
        assert_eq!(text("a, b"), "\"a, b\"");
        assert_eq!(text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text("two\nlines"), "\"two\nlines\"");
        assert_eq!(text(" padded "), "\" padded \"", "kept as typed");
    }

    #[test]
    fn text_a_spreadsheet_would_run_as_a_formula_is_neutralised() {
        for typed in ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "=HYPERLINK(\"http://x\")"] {
            let cell = text(typed);
            assert!(cell.starts_with("\"'"), "{typed:?} became {cell:?}");
        }
        assert_eq!(text("=1+1"), "\"'=1+1\"");
        assert_eq!(text("a=b"), "a=b", "only a leading sign is dangerous");
    }

    #[test]
    fn a_sheet_starts_with_a_byte_order_mark_and_a_header_and_has_a_row_per_record() {
        use crate::model::testing::{at, interaction};
        use crate::model::{Id, Person};
        let ana = Person::named(Id::from_raw(1), "Ana, Lima");
        let mut met = interaction(10, at(2), &[ana.id]);
        met.notes = "=1+1".into();
        let csv = interactions_csv(&Journal::from_records(vec![ana], vec![met]));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].starts_with("\u{feff}When,Kind,People,"), "{csv}");
        assert_eq!(lines[1], "2026-03-02 09:30,Meeting,\"Ana, Lima\",,,\"'=1+1\",,,,,,");
        assert_eq!(lines.len(), 3, "header, one row, and the final line end");
    }

    #[test]
    fn numbers_the_app_wrote_stay_numbers() {
        let amount = |hundredths| Amount { hundredths, unit: String::new() };
        assert_eq!(decimal(&amount(-350)), "-3.5");
        assert_eq!(decimal(&amount(120_025)), "1200.25");
        assert_eq!(decimal(&amount(1200)), "12");
        assert_eq!(decimal(&amount(-5)), "-0.05");
    }
}
