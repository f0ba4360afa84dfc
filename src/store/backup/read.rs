//! Reading everything stored, tombstones included, for a backup.

use chrono::NaiveDateTime;

use super::{Backup, Contents, Deletion};
use crate::model::{Interaction, Record, with_kind};
use crate::store::group::Group;
use crate::store::{BackendError, KeyKind, Store, classify, describe_key};

impl Store {
    /// A backup of everything stored now (not this tab's unsaved changes),
    /// written at `exported` (UTC). Parts of storage that cannot be read are
    /// left out and named in [`Backup::left_out`].
    pub fn backup(&self, exported: NaiveDateTime) -> Result<Backup, BackendError> {
        let (contents, left_out) = self.contents()?;
        let mut backup = Backup::new(contents, exported);
        backup.left_out = left_out;
        Ok(backup)
    }

    /// Every record and tombstone stored, one entry per record (the latest
    /// copy of an interaction a move cut short left in two months), and
    /// the stored parts that could not be read.
    pub(super) fn contents(&self) -> Result<(Contents, Vec<String>), BackendError> {
        let keys = self.sorted_keys_to_read()?;
        let mut contents = Contents::default();
        let mut left_out = Vec::new();
        for key in keys {
            let (kind, month) = match classify(&key) {
                Some(KeyKind::Single(kind)) => (kind, None),
                Some(KeyKind::Month(month)) => (Interaction::KIND, Some(month)),
                _ => continue,
            };
            let Some(value) = self.value_of(&key)? else { continue };
            with_kind!(kind, T => match Group::<T>::decode(&value) {
                Ok((group, rejected)) => {
                    if !rejected.is_empty() {
                        left_out.push(format!("part of {}", describe_key(&key)));
                    }
                    let target = contents.kind_mut(kind);
                    target.records.extend(group.records.into_iter().map(Into::into));
                    target.deleted.extend(group.gone.into_iter().map(|t| Deletion { id: t.id, rev: t.rev, month, archived: t.archived }));
                }
                Err(_) => left_out.push(describe_key(&key)),
            });
        }
        contents.settle();
        Ok((contents, left_out))
    }
}
