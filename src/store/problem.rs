//! What the store tells the user: problems found reading storage, and why
//! a change was not saved.

use std::fmt;

use super::{BackendError, describe_key};
use crate::model::text::plural;
use crate::model::{AnyRecord, Id, RecordKind, Rev, capitalise};

/// Something found while reading storage that the user must hear about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Unreadable data moved to `quarantine_key`; `kept` readable records of
    /// it were saved back in place.
    SetAside { key: String, quarantine_key: String, reason: String, kept: usize, lost: usize },
    /// Unreadable data left in place (there was no room to copy it); saves
    /// to that key are refused until it is dealt with.
    LeftInPlace { key: String, reason: String },
    /// Data from a newer version of Rapport: nothing will be written.
    Newer { key: String, reason: String },
    /// Another tab wrote something this tab cannot read; this tab's copy
    /// of that part may be out of date.
    UnreadableChange { key: String, reason: String },
    /// A key of ours that this version cannot place (not a month, not a
    /// kind of record it knows): left untouched and listed on Data.
    Unplaced { key: String },
    /// Stored data this tab had read was removed by something else (another
    /// page of the same site cleared storage, or the user cleared site
    /// data). This tab's copy is kept on screen and can be written back.
    Disappeared { keys: Vec<String> },
    /// A restore of `what` ("the backup of 1 Dec 2026") did not finish (the
    /// tab closed, storage filled up): nothing was lost, and opening the
    /// same backup again finishes it.
    RestoreCutShort { what: String },
    /// The journal is locked and this tab holds no key: nothing is shown
    /// and nothing can be saved until it is unlocked (or it was locked in
    /// another tab just now).
    Locked,
    /// Turning the lock on (or off) did not finish: every record can be
    /// read, and [`crate::store::Store::finish_lock_change`] finishes it.
    LockChangeCutShort { turning_on: bool },
}

impl Problem {
    pub fn key(&self) -> &str {
        match self {
            Problem::SetAside { key, .. }
            | Problem::LeftInPlace { key, .. }
            | Problem::Newer { key, .. }
            | Problem::UnreadableChange { key, .. }
            | Problem::Unplaced { key } => key,
            Problem::Disappeared { keys } => keys.first().map_or("", String::as_str),
            Problem::RestoreCutShort { .. } => super::META_KEY,
            Problem::Locked | Problem::LockChangeCutShort { .. } => super::LOCK_KEY,
        }
    }

    /// The key whose raw value the user should be offered as a download:
    /// the set-aside copy, or the unreadable value itself. `None` means the
    /// whole journal (a newer version's data).
    pub fn download_key(&self) -> Option<&str> {
        match self {
            Problem::SetAside { quarantine_key, .. } => Some(quarantine_key),
            Problem::LeftInPlace { key, .. } | Problem::UnreadableChange { key, .. } | Problem::Unplaced { key } => {
                Some(key)
            }
            Problem::Newer { .. }
            | Problem::Disappeared { .. }
            | Problem::RestoreCutShort { .. }
            | Problem::Locked
            | Problem::LockChangeCutShort { .. } => None,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Problem::SetAside { key, reason, kept, lost, .. } => {
                let what = describe_key(key);
                match (kept, lost) {
                    (0, _) => format!(
                        "Rapport could not read {what}: {reason}. It has been set aside, unchanged, so nothing more is lost; download it below."
                    ),
                    (kept, lost) => format!(
                        "Part of {what} could not be read: {reason}. {} kept; the original, with the {} unreadable, has been set aside unchanged; download it below.",
                        plural(*kept, "record was", "records were"),
                        plural(*lost, "record", "records"),
                    ),
                }
            }
            Problem::LeftInPlace { key, reason } => format!(
                "Rapport could not read {}: {reason}. It could not be set aside, so it is left exactly as it is and nothing will be saved over it. Download it below.",
                describe_key(key)
            ),
            Problem::Newer { key, reason } => format!(
                "{} could not be read because {reason}. To protect it, this tab will not save anything. Open Rapport's newest version, or download a copy below.",
                capitalise(&describe_key(key))
            ),
            Problem::UnreadableChange { key, reason } => format!(
                "Another tab saved {} in a form this tab cannot read ({reason}). Reload this tab to see the latest data.",
                describe_key(key)
            ),
            Problem::Unplaced { key } => format!(
                "This site's storage holds “{key}”, which this version of Rapport does not know how to read. It is left untouched; download it below."
            ),
            Problem::Disappeared { keys } => {
                let what: Vec<String> = keys.iter().take(3).map(|k| describe_key(k)).collect();
                let more = keys.len().saturating_sub(what.len());
                let list = match more {
                    0 => join_and(&what),
                    more => format!("{} and {}", what.join(", "), plural(more, "other part", "other parts")),
                };
                format!(
                    "Something outside this tab removed {list} from this browser's storage (another page of this site, or clearing site data). This tab still has its copy: write it back, or download it, before closing the tab."
                )
            }
            Problem::RestoreCutShort { what } => format!(
                "Restoring {what} stopped before it finished (the tab was closed, or storage filled up). Nothing was lost, but only part of it is in the journal: open the same backup again to finish."
            ),
            Problem::Locked => {
                "The journal is locked. Enter its passphrase to open it; nothing unsaved in this tab is lost.".into()
            }
            Problem::LockChangeCutShort { turning_on } => format!(
                "{} stopped before it finished (the tab was closed). Nothing was lost and every record can be read; finish it on Data.",
                if *turning_on { "Turning the lock on" } else { "Removing the lock" }
            ),
        }
    }
}

/// Why a change was not saved. The change stays in the tab's memory.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// The origin's quota is full.
    Full,
    /// The store is read-only (newer data, or the user's choice).
    ReadOnly(String),
    /// The stored group is unreadable and must not be overwritten.
    Unreadable { key: String },
    /// The browser refused for another reason.
    Backend(BackendError),
    /// The record changed elsewhere since this change was made from it.
    Conflict(Box<Conflict>),
    /// The journal is locked and this tab holds no key.
    Locked,
    /// The code that writes stored text has not arrived yet
    /// ([`crate::serial`]): an empty journal opens without it.
    NotArrived,
}

/// A save refused because the stored record is not the version the change
/// was made from: another tab (or a queued change) got there first.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub kind: RecordKind,
    pub id: Id,
    /// The change this tab tried to save; `None` for a deletion.
    pub mine: Option<AnyRecord>,
    /// The revision this tab's change was made from; `None` for a new record.
    pub base: Option<Rev>,
    /// The version stored now; `None` when it was deleted or is not stored.
    pub theirs: Option<AnyRecord>,
    /// The stored revision (a tombstone's, for a deletion); `None` when
    /// nothing at all is stored for the record.
    pub theirs_rev: Option<Rev>,
}

impl Conflict {
    /// Whether the record was deleted elsewhere.
    pub fn deleted(&self) -> bool {
        self.theirs.is_none() && self.theirs_rev.is_some()
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Full => f.write_str(
                "the browser's storage for this site is full. Download a backup from Data, then delete old interactions or data set aside to make room",
            ),
            SaveError::ReadOnly(why) => write!(f, "this tab is read-only: {why}"),
            SaveError::Unreadable { key } => write!(
                f,
                "{} holds data Rapport cannot read, and saving would overwrite it. Download it from Data first",
                describe_key(key)
            ),
            SaveError::Backend(e) => e.fmt(f),
            SaveError::Conflict(c) if c.deleted() => write!(f, "the {} was deleted in another tab", c.kind.noun()),
            SaveError::Conflict(c) if c.theirs_rev.is_none() => {
                write!(f, "the {} is no longer in this browser's storage", c.kind.noun())
            }
            SaveError::Conflict(c) => write!(f, "the {} was changed in another tab since it was opened here", c.kind.noun()),
            SaveError::Locked => f.write_str("the journal is locked: enter its passphrase to save (the change is kept in this tab until then)"),
            SaveError::NotArrived => f.write_str(
                "Rapport's part that saves has not arrived yet: the change is kept in this tab and saved as soon as it comes (if it does not, check the network and reload)",
            ),
        }
    }
}

impl From<BackendError> for SaveError {
    fn from(e: BackendError) -> Self {
        match e {
            BackendError::QuotaExceeded => SaveError::Full,
            other => SaveError::Backend(other),
        }
    }
}
