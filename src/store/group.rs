//! One stored group: the records of one key and the tombstones of those
//! deleted from it.

use super::schema::{GroupError, decode_group, encode_group};
use crate::model::{Id, Record, Rev, Tombstone};

#[derive(Debug)]
pub(super) struct Group<T> {
    pub records: Vec<T>,
    pub gone: Vec<Tombstone>,
    /// Read from an older schema: worth writing back.
    pub upgraded: bool,
}

impl<T> Default for Group<T> {
    fn default() -> Self {
        Group { records: Vec::new(), gone: Vec::new(), upgraded: false }
    }
}

/// Where a record stands in a group.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Stored {
    Live(Rev),
    Gone(Rev),
}

impl Stored {
    pub fn rev(self) -> Rev {
        match self {
            Stored::Live(rev) | Stored::Gone(rev) => rev,
        }
    }
}

impl<T: Record> Group<T> {
    /// The group and why any record or tombstone in it was rejected.
    pub fn decode(value: &str) -> Result<(Group<T>, Vec<String>), GroupError> {
        let decoded = decode_group::<T>(T::KIND, value)?;
        Ok((Group { records: decoded.records, gone: decoded.gone, upgraded: decoded.upgraded }, decoded.rejected))
    }

    pub fn encode(&self) -> String {
        encode_group(&self.records, &self.gone)
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty() && self.gone.is_empty()
    }

    pub fn find(&self, id: Id) -> Option<&T> {
        self.records.iter().find(|r| r.id() == id)
    }

    pub fn stored(&self, id: Id) -> Option<Stored> {
        match self.find(id) {
            Some(record) => Some(Stored::Live(record.rev())),
            None => self.gone.iter().find(|t| t.id == id).map(|t| Stored::Gone(t.rev)),
        }
    }

    /// Adds or replaces a record (over its tombstone, for an undo).
    pub fn put(&mut self, record: T) {
        let id = record.id();
        self.gone.retain(|t| t.id != id);
        match self.records.iter().position(|r| r.id() == id) {
            Some(index) => self.records[index] = record,
            None => self.records.push(record),
        }
    }

    /// Replaces a record with its tombstone.
    pub fn bury(&mut self, id: Id, rev: Rev) {
        self.records.retain(|r| r.id() != id);
        self.gone.retain(|t| t.id != id);
        self.gone.push(Tombstone { id, rev });
    }

    /// Removes the copy of a record that moved to another group.
    pub fn drop_copy(&mut self, id: Id) {
        self.records.retain(|r| r.id() != id);
    }
}
