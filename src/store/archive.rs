//! Archiving old years: the interactions before a month, read from storage
//! as a backup file's content (the file the user keeps), and the op that
//! removes exactly those versions here.
//!
//! The flow (Data → Archive old years, `AppState::archive`):
//! 1. [`Store::archive_backup`]: the interactions stored before 1 January of
//!    the year chosen, as a [`Backup`] holding only them;
//! 2. [`Store::encode_backup`] writes it as Download a backup does
//!    (encrypted with the lock's key while the lock is on), and the file is
//!    downloaded; if it cannot be, nothing more happens;
//! 3. [`Op::archive`] of the records in the file, saved with
//!    [`Store::apply_together`]: one all-or-nothing write per month, each
//!    record replaced by an archived tombstone based on the version the
//!    file holds, so a record changed since is refused, not lost.
//!
//! Opening the file with Open a backup → Merge brings the records back:
//! a merge ranks an archived tombstone below any record (see
//! [`crate::model::Tombstone`]).
//!
//! [`Op::archive`]: crate::model::Op::archive

use chrono::NaiveDateTime;

use super::backup::{Backup, Contents};
use super::group::Group;
use super::{BackendError, KeyKind, Spot, Store, classify, describe_key};
use crate::model::archive::ArchiveCost;
use crate::model::{AnyRecord, Interaction, Month, RecordKind};

impl Store {
    /// The interactions stored before `before` (their latest copies), as
    /// the content of an archive file written at `exported` (UTC). Months
    /// that cannot be read are left out and named in [`Backup::left_out`]
    /// (their interactions stay here). Learns where each interaction is, so
    /// that saving their archive writes each month once.
    pub fn archive_backup(&mut self, before: Month, exported: NaiveDateTime) -> Result<Backup, BackendError> {
        let keys = self.sorted_keys_to_read()?;
        let mut months = Vec::new();
        let mut left_out = Vec::new();
        for key in keys {
            let Some(KeyKind::Month(month)) = classify(&key) else { continue };
            if month >= before {
                continue;
            }
            let Some(value) = self.value_of(&key)? else { continue };
            match Group::<Interaction>::decode(&value) {
                Ok((group, rejected)) if rejected.is_empty() => months.push((month, group)),
                _ => left_out.push(describe_key(&key)),
            }
        }
        for (month, group) in &months {
            self.learn(*month, group);
        }
        let mut contents = Contents::default();
        contents.set_records(
            RecordKind::Interaction,
            months
                .into_iter()
                .flat_map(|(month, group)| group.records.into_iter().map(move |r| (month, r)))
                .filter(|(month, r)| self.spots.get(&r.id) == Some(&Spot::live(*month, r.rev)))
                .map(|(_, r)| AnyRecord::from(r))
                .collect(),
        );
        let mut backup = Backup::new(contents, exported);
        backup.left_out = left_out;
        Ok(backup)
    }

    /// What an archived month keeps, in this engine's units.
    pub fn archive_cost(&self) -> ArchiveCost {
        let ArchiveCost { per_month, per_thousand } = ArchiveCost::UTF16;
        let accounting = self.backend.accounting();
        // The key is Latin-1; the packed value is not.
        let key = "rapport:i:2020-01".len();
        ArchiveCost {
            per_month: accounting.of_len(key, false) + accounting.of_len(per_month - key, true),
            per_thousand: accounting.of_len(per_thousand, true),
        }
    }
}
