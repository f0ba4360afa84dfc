//! Imports of people from the address books people already have: LinkedIn's
//! `Connections.csv`, Google Contacts and Outlook CSV, and vCard 2.1, 3.0
//! and 4.0 files.
//!
//! [`read`] turns a file into [`Contact`]s, whatever its format (found from
//! its content, not its name); [`ImportPlan`] matches them to the journal's
//! people and proposes, row by row, to add, update or skip; its
//! [`ImportPlan::apply`] gives one [`Op`](crate::model::Op), so the import is
//! saved all or nothing.
//!
//! Where a contact was met (LinkedIn's "Connected On", a card's NOTE,
//! Google's and Outlook's notes) goes into the person's notes, which the user
//! reads and edits; labels and categories become tags, which they filter by.

use crate::model::text::thousands;

mod csv;
mod plan;
mod sheets;
mod vcard;

pub use plan::{
    Action, Change as FieldChange, ImportPlan, Match, MatchedBy, PersonField, PlanRow, Proposal, SkipReason, Summary,
};

/// The largest contacts file opened. Photos make address-book exports
/// large (they are skipped, but read): 50 MB holds tens of thousands of
/// contacts without photos, and stays well within a phone's memory.
pub const MAX_IMPORT_BYTES: usize = 50 << 20;

/// Refuses a file too large to open, from its size alone (before reading).
pub fn check_size(bytes: usize) -> Result<(), ImportError> {
    if bytes > MAX_IMPORT_BYTES { Err(ImportError::TooLarge { bytes }) } else { Ok(()) }
}

/// Which kind of file a contact came from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    LinkedIn,
    GoogleContacts,
    Outlook,
    VCard,
}

impl Format {
    /// How the preview names it: "a LinkedIn connections file".
    pub fn label(self) -> &'static str {
        match self {
            Format::LinkedIn => "LinkedIn connections (CSV)",
            Format::GoogleContacts => "Google Contacts (CSV)",
            Format::Outlook => "Outlook contacts (CSV)",
            Format::VCard => "vCard",
        }
    }
}

/// One person as a file describes them, every field trimmed (empty when the
/// file has none).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contact {
    /// The line of the file the row or card starts on (1-based), to point at.
    pub line: usize,
    pub name: String,
    pub organization: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub profile_url: String,
    pub notes: String,
    pub tags: Vec<String>,
}

/// A file read: its format and the contacts in it, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub format: Format,
    pub contacts: Vec<Contact>,
}

/// Why a file cannot be imported. Nothing is changed by a file that gives
/// one; [`ImportError::message`] says what to do about it.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`]: said before the file is read.
    TooLarge {
        bytes: usize,
    },
    Empty,
    /// Binary data: an image, an archive, a spreadsheet workbook.
    NotText,
    /// Text in none of the formats; holds its first line, shortened.
    Unknown {
        first_line: String,
    },
    /// A quoted CSV field opened on `line` never closes: the file is cut short.
    UnclosedQuote {
        line: usize,
    },
    /// A card opened on `line` has no `END:VCARD`: the file is cut short.
    UnfinishedCard {
        line: usize,
    },
}

impl ImportError {
    pub fn message(&self) -> String {
        match self {
            ImportError::TooLarge { bytes } => format!(
                "The file is {} MB; Rapport opens contacts files of up to {} MB. Export the contacts without \
                 photos, or in parts, and open those files.",
                thousands(bytes.div_ceil(1 << 20)),
                MAX_IMPORT_BYTES >> 20
            ),
            ImportError::Empty => "The file is empty: export your contacts again and open the new file.".to_owned(),
            ImportError::NotText => "This is not a text file (an image, an archive or a workbook?). Export your \
                 contacts as CSV or vCard (.vcf) and open that file."
                .to_owned(),
            ImportError::Unknown { first_line } => format!(
                "This file is not a LinkedIn, Google Contacts or Outlook CSV, nor a vCard: its first line is \
                 “{first_line}”. Export your contacts from one of those and open that file."
            ),
            ImportError::UnclosedQuote { line } => format!(
                "A quoted field on line {line} never closes, so the file looks cut short. Export it again; \
                 nothing was imported."
            ),
            ImportError::UnfinishedCard { line } => format!(
                "The card that starts on line {line} has no END:VCARD, so the file looks cut short. Export it \
                 again; nothing was imported."
            ),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// Reads a file's bytes: UTF-8 (with or without a byte-order mark), UTF-16
/// with a byte-order mark, or else Windows-1252 (Outlook on Windows writes
/// both of those); then finds its format from its content.
pub fn read(bytes: &[u8]) -> Result<Parsed, ImportError> {
    check_size(bytes.len())?;
    let text = decode(bytes)?;
    read_text(&text)
}

/// Reads a file already decoded as text.
pub fn read_text(text: &str) -> Result<Parsed, ImportError> {
    let body = text.trim_start_matches('\u{feff}').trim();
    if body.is_empty() {
        return Err(ImportError::Empty);
    }
    if body.get(..11).is_some_and(|start| start.eq_ignore_ascii_case("BEGIN:VCARD")) {
        return Ok(Parsed { format: Format::VCard, contacts: vcard::read_cards(text)? });
    }
    sheets::read_sheet(text)
}

fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    let utf16 = |be: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|p| if be { u16::from_be_bytes([p[0], p[1]]) } else { u16::from_le_bytes([p[0], p[1]]) })
            .collect();
        String::from_utf16(&units).map_err(|_| ImportError::NotText)
    };
    let text = match bytes {
        [] => return Err(ImportError::Empty),
        [0xff, 0xfe, ..] => utf16(false)?,
        [0xfe, 0xff, ..] => utf16(true)?,
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            // Windows-1252 maps nearly every byte to a character; binary
            // data shows itself by control characters no text has.
            Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
        },
    };
    if text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) {
        return Err(ImportError::NotText);
    }
    Ok(text)
}

/// A Windows-1252 byte as a character: Latin-1, but for 0x80–0x9F, where
/// it keeps curly quotes, dashes and the euro sign (the five bytes it leaves
/// undefined stay control characters).
fn windows_1252(byte: u8) -> char {
    const HIGH: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";
    match byte {
        0x80..=0x9f => HIGH.chars().nth(usize::from(byte - 0x80)).unwrap_or(char::from(byte)),
        _ => char::from(byte),
    }
}

/// The first line of a file, for a message: at most 80 characters.
fn first_line(text: &str) -> String {
    let line = text.trim_start_matches('\u{feff}').trim_start().lines().next().unwrap_or_default().trim();
    match line.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_owned(),
    }
}

/// Adds each of `names` (trimmed, non-empty) to `tags` unless present,
/// whatever its case.
fn add_tags<'a>(tags: &mut Vec<String>, names: impl IntoIterator<Item = &'a str>) {
    for name in names.into_iter().map(str::trim).filter(|n| !n.is_empty()) {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            tags.push(name.to_owned());
        }
    }
}

#[cfg(test)]
mod tests;
