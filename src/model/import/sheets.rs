//! The CSV exports: LinkedIn's `Connections.csv`, Google Contacts (the
//! current layout and the legacy one) and Outlook, each a table of which
//! header names hold which field.

use super::csv::{Columns, Row, read_rows};
use super::{Contact, Format, ImportError, Parsed, add_tags, first_line};
use crate::model::time::iso_date;

/// Where a layout keeps each field, by header name; the first column of a
/// list that has a value wins.
struct Layout {
    format: Format,
    /// Columns that, all present, say a header row is this layout's.
    signature: &'static [&'static str],
    full_name: &'static [&'static str],
    given: &'static [&'static str],
    middle: &'static [&'static str],
    family: &'static [&'static str],
    organization: &'static [&'static str],
    title: &'static [&'static str],
    email: &'static [&'static str],
    phone: &'static [&'static str],
    url: &'static [&'static str],
    notes: &'static [&'static str],
    /// Labels or categories, several in one cell.
    tags: &'static [&'static str],
}

const LINKEDIN: Layout = Layout {
    format: Format::LinkedIn,
    signature: &["First Name", "Last Name", "Connected On"],
    full_name: &[],
    given: &["First Name"],
    middle: &[],
    family: &["Last Name"],
    organization: &["Company"],
    title: &["Position"],
    email: &["Email Address"],
    phone: &[],
    url: &["URL"],
    notes: &[],
    tags: &[],
};

const GOOGLE: Layout = Layout {
    format: Format::GoogleContacts,
    signature: &["First Name", "Last Name", "E-mail 1 - Value"],
    full_name: &[],
    given: &["First Name"],
    middle: &["Middle Name"],
    family: &["Last Name"],
    organization: &["Organization Name"],
    title: &["Organization Title"],
    email: &["E-mail 1 - Value", "E-mail 2 - Value"],
    phone: &["Phone 1 - Value", "Phone 2 - Value"],
    url: &["Website 1 - Value", "Website 2 - Value"],
    notes: &["Notes"],
    tags: &["Labels"],
};

const GOOGLE_LEGACY: Layout = Layout {
    format: Format::GoogleContacts,
    signature: &["Name", "Given Name", "Family Name"],
    full_name: &["Name"],
    given: &["Given Name"],
    middle: &["Additional Name"],
    family: &["Family Name"],
    organization: &["Organization 1 - Name"],
    title: &["Organization 1 - Title"],
    email: &["E-mail 1 - Value", "E-mail 2 - Value"],
    phone: &["Phone 1 - Value", "Phone 2 - Value"],
    url: &["Website 1 - Value", "Website 2 - Value"],
    notes: &["Notes"],
    tags: &["Group Membership"],
};

const OUTLOOK: Layout = Layout {
    format: Format::Outlook,
    signature: &["First Name", "Last Name", "E-mail Address"],
    full_name: &[],
    given: &["First Name"],
    middle: &["Middle Name"],
    family: &["Last Name"],
    organization: &["Company"],
    title: &["Job Title"],
    email: &["E-mail Address", "E-mail 2 Address", "E-mail 3 Address"],
    phone: &["Business Phone", "Mobile Phone", "Home Phone"],
    url: &["Web Page"],
    notes: &["Notes"],
    tags: &["Categories"],
};

/// In the order they are tried: LinkedIn's signature is the narrowest.
const LAYOUTS: [&Layout; 4] = [&LINKEDIN, &GOOGLE, &GOOGLE_LEGACY, &OUTLOOK];

/// How far down the header may be: LinkedIn puts a few "Notes:" lines first.
const HEADER_WITHIN: usize = 10;

pub fn read_sheet(text: &str) -> Result<Parsed, ImportError> {
    let rows = read_rows(text)?;
    let found = rows.iter().take(HEADER_WITHIN).enumerate().find_map(|(at, row)| {
        let columns = Columns::new(&row.cells);
        LAYOUTS.into_iter().find(|l| columns.has_all(l.signature)).map(|layout| (at, columns, layout))
    });
    let Some((at, columns, layout)) = found else {
        return Err(ImportError::Unknown { first_line: first_line(text) });
    };
    let contacts = rows[at + 1..].iter().map(|row| contact(layout, &columns, row)).collect();
    Ok(Parsed { format: layout.format, contacts })
}

fn contact(layout: &Layout, columns: &Columns, row: &Row) -> Contact {
    let get = |names: &[&str]| first_value(&columns.get(row, names));
    let mut name = get(layout.full_name);
    if name.is_empty() {
        let parts = [get(layout.given), get(layout.middle), get(layout.family)];
        name = parts.iter().filter(|p| !p.is_empty()).map(String::as_str).collect::<Vec<_>>().join(" ");
    }
    let mut notes = columns.get(row, layout.notes);
    if layout.format == Format::LinkedIn {
        let connected = columns.get(row, &["Connected On"]);
        if !connected.is_empty() {
            let on = linkedin_date(&connected).map_or(connected, iso_date);
            notes = format!("Connected on LinkedIn on {on}.");
        }
    }
    let mut tags = Vec::new();
    let labels = columns.get(row, layout.tags);
    add_tags(
        &mut tags,
        labels
            .split([';', ','])
            .flat_map(|l| l.split(" ::: "))
            .map(|l| l.trim().trim_start_matches("* "))
            .filter(|l| !l.eq_ignore_ascii_case("myContacts")),
    );
    Contact {
        line: row.line,
        name,
        organization: get(layout.organization),
        title: get(layout.title),
        email: get(layout.email),
        phone: get(layout.phone),
        profile_url: get(layout.url),
        notes,
        tags,
    }
}

/// Google joins several values in one cell with " ::: "; the first is the
/// one marked primary.
fn first_value(cell: &str) -> String {
    cell.split(" ::: ").next().unwrap_or_default().trim().to_owned()
}

/// LinkedIn's dates: `07 Dec 2025` (older exports: `7 Dec 2025`).
fn linkedin_date(text: &str) -> Option<chrono::NaiveDate> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let mut words = text.split_whitespace();
    let day = words.next()?.parse().ok()?;
    let month = words.next()?.get(..3)?.to_lowercase();
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let year = words.next()?.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linkedin_dates_read_with_or_without_a_leading_zero() {
        assert_eq!(linkedin_date("07 Dec 2025").map(iso_date).as_deref(), Some("2025-12-07"));
        assert_eq!(linkedin_date("7 September 2024").map(iso_date).as_deref(), Some("2024-09-07"));
        assert_eq!(linkedin_date("31 Feb 2025"), None);
        assert_eq!(linkedin_date("yesterday"), None);
    }
}
