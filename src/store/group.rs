//! One stored group: the records of one key and the tombstones of those
//! deleted from it. Loading reads it typed ([`Group`]); saving edits it as
//! JSON text ([`RawGroup`]), so the save path is one piece of code for every
//! kind of record.

use super::schema::{GroupError, decode_group, decode_group_in_one_pass, decode_raw, encode_raw};
use crate::model::{AnyRecord, Id, Record, RecordKind, Rev, Tombstone};

/// A group read for the journal.
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

impl<T: Record> Group<T> {
    /// The group and why any record or tombstone in it was rejected.
    pub fn decode(value: &str) -> Result<(Group<T>, Vec<String>), GroupError> {
        // Interactions are nearly all of a journal's records: they get the
        // one-pass parse; the other kinds share the envelope's code.
        let decoded = match T::KIND {
            RecordKind::Interaction => decode_group_in_one_pass::<T>(value)?,
            _ => decode_group::<T>(value)?,
        };
        Ok((Group { records: decoded.records, gone: decoded.gone, upgraded: decoded.upgraded }, decoded.rejected))
    }

    /// As stored (only an upgraded or salvaged group is written this way).
    /// Each record goes through [`AnyRecord::to_json_text`], the serializer
    /// the save path uses, so no second one per kind is in the wasm.
    pub fn encode(&self) -> String {
        let texts: Vec<String> =
            self.records.iter().map(|r| Into::<AnyRecord>::into(r.clone()).to_json_text()).collect();
        encode_raw(texts.iter().map(String::as_str), &self.gone)
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty() && self.gone.is_empty()
    }
}

/// Where a record stands in a group.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Stored {
    Live(Rev),
    Gone(Rev),
    /// Archived to a file ([`Tombstone::archived`]).
    Archived(Rev),
}

impl Stored {
    pub fn rev(self) -> Rev {
        match self {
            Stored::Live(rev) | Stored::Gone(rev) | Stored::Archived(rev) => rev,
        }
    }

    /// Whether this is a tombstone of revision `rev` (a delete or an archive
    /// already saved).
    pub fn is_tombstone(self, rev: Rev) -> bool {
        matches!(self, Stored::Gone(r) | Stored::Archived(r) if r == rev)
    }

    /// Which of two copies of one record, found in different groups, is
    /// the one that counts: an archived tombstone never hides a copy or a
    /// deletion (an archive removed that version here, nothing more);
    /// otherwise the later revision.
    pub fn rank(self) -> (bool, Rev) {
        (!matches!(self, Stored::Archived(_)), self.rev())
    }

    pub fn of(tombstone: &Tombstone) -> Stored {
        match tombstone.archived {
            true => Stored::Archived(tombstone.rev),
            false => Stored::Gone(tombstone.rev),
        }
    }
}

/// A stored record as the save path sees it: its id, its revision, and its
/// JSON text, left exactly as it is.
#[derive(Clone, Debug)]
pub(super) struct RawRecord {
    pub id: Id,
    pub rev: Rev,
    pub json: String,
}

/// A group read for saving.
#[derive(Clone, Debug, Default)]
pub(super) struct RawGroup {
    pub records: Vec<RawRecord>,
    pub gone: Vec<Tombstone>,
}

impl RawGroup {
    /// The group, or `None` if any record or tombstone in it cannot be read
    /// (then it must not be written over).
    pub fn decode(kind: RecordKind, value: &str) -> Result<Option<RawGroup>, GroupError> {
        let decoded = decode_raw(kind, value)?;
        if !decoded.rejected.is_empty() {
            return Ok(None);
        }
        let mut records = Vec::with_capacity(decoded.records.len());
        for json in decoded.records {
            let Some((id, rev)) = crate::serial::get().record_head(&json) else { return Ok(None) };
            records.push(RawRecord { id, rev, json: json.into_owned() });
        }
        Ok(Some(RawGroup { records, gone: decoded.gone }))
    }

    pub fn encode(&self) -> String {
        encode_raw(self.records.iter().map(|r| r.json.as_str()), &self.gone)
    }

    pub fn find(&self, id: Id) -> Option<&RawRecord> {
        self.records.iter().find(|r| r.id == id)
    }

    pub fn stored(&self, id: Id) -> Option<Stored> {
        match self.find(id) {
            Some(record) => Some(Stored::Live(record.rev)),
            None => self.gone.iter().find(|t| t.id == id).map(Stored::of),
        }
    }

    /// Adds or replaces a record (over its tombstone, for an undo).
    pub fn put(&mut self, record: RawRecord) {
        let id = record.id;
        self.gone.retain(|t| t.id != id);
        match self.records.iter().position(|r| r.id == id) {
            Some(index) => self.records[index] = record,
            None => self.records.push(record),
        }
    }

    /// Replaces a record with its tombstone.
    pub fn bury(&mut self, tombstone: Tombstone) {
        let id = tombstone.id;
        self.records.retain(|r| r.id != id);
        self.gone.retain(|t| t.id != id);
        self.gone.push(tombstone);
    }

    /// Removes the copy of a record that moved to another group.
    pub fn drop_copy(&mut self, id: Id) {
        self.records.retain(|r| r.id != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{at, interaction};
    use crate::model::{Person, Tombstone};
    use crate::store::codec;
    use crate::store::schema::encode_group;

    #[test]
    fn a_group_is_written_as_the_typed_envelope_writes_it() {
        let gone = vec![Tombstone::deleted(Id::from_raw(9), Rev::legacy(4))];
        let people = Group { records: vec![Person::named(Id::from_raw(1), "Ana")], gone: gone.clone(), upgraded: true };
        let decoded = |value: &str| codec::decode(value).unwrap();
        assert_eq!(decoded(&people.encode()), decoded(&encode_group(&people.records, &gone)));
        let interactions = Group {
            records: vec![interaction(2, at(3), &[]), interaction(3, at(4), &[])],
            gone: vec![],
            upgraded: false,
        };
        assert_eq!(decoded(&interactions.encode()), decoded(&encode_group(&interactions.records, &[])));
        let (back, rejected) = Group::<Person>::decode(&people.encode()).unwrap();
        assert_eq!((back.records, back.gone, rejected), (people.records, gone, vec![]));
    }
}
