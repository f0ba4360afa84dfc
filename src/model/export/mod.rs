//! The journal in the formats other tools read: CSV for spreadsheets, vCard
//! for address books, iCalendar for calendars. Pure functions of the
//! journal, so each format is tested natively.

mod csv;
mod ics;
mod text_lines;
mod vcard;

pub use csv::{career_csv, interactions_csv, people_csv, tasks_csv};
pub use ics::calendar;
pub use vcard::people_vcard;
