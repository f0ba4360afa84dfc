//! Persistence: the journal in a string key-value store (localStorage in the
//! browser, memory in tests), written so that nothing the user typed is lost.
//!
//! Layout, all keys under `rapport:`:
//! - `rapport:meta`: the schema version, plain JSON (and while a backup is
//!   being restored, which one, so a restore cut short is reported);
//! - `rapport:people`, `rapport:assessments`, `rapport:chains`,
//!   `rapport:tasks`, `rapport:career`, `rapport:reviews`,
//!   `rapport:settings`: each kind of record, one compressed group;
//! - `rapport:i:YYYY-MM`: the interactions of one month, one compressed group;
//! - `rapport:quarantine:<key>`: a value that could not be read, set aside
//!   byte for byte until the user downloads or deletes it;
//! - `rapport:lock`: with the lock on, how to derive the key that opens the
//!   rest, which is then encrypted value by value ([`lock`]).
//!
//! Rules that keep data safe:
//! - Every record carries a revision, and every save states the revision it
//!   was made from: it is written only if the stored record still has it
//!   (compare-and-set), so no tab, retry or undo overwrites a newer version.
//! - A delete leaves a tombstone in the record's group, so nothing deleted
//!   comes back from an older copy.
//! - A save rewrites one group (a month, or one kind), never the whole
//!   journal, and applies its change to what is *stored* at that moment.
//! - Writes are ordered so a tab closed between two of them leaves readable
//!   data: new people before the interaction naming them, a moved interaction
//!   written to its new month before it leaves the old one (the copy with the
//!   later revision wins on load, and the next save of either month removes
//!   the other).
//! - The store never removes a key that holds records: a key that vanishes
//!   was removed by something else, and is reported, never taken as
//!   "everything deleted".
//! - A value that cannot be read is copied to a quarantine key before its key
//!   is reused; if even that copy fails, the key is left alone and saves to
//!   it are refused. A key it cannot place is reported and left alone.
//! - A value written by a newer version puts the store in read-only mode.

mod archive;
mod backend;
pub mod backup;
pub mod codec;
mod group;
mod local;
pub mod lock;
mod other_tabs;
mod problem;
mod save;
pub mod schema;
#[cfg(target_arch = "wasm32")]
mod webcrypto;

use std::borrow::Cow;
use std::collections::HashSet;

pub use backend::{Accounting, Backend, BackendError, MemoryBackend, TYPICAL_QUOTA, storage_units};
use group::Group;
pub use local::{LocalStorageBackend, running_accounting};
use lock::{Header, LockState, seal};
pub use lock::{KdfParams, LOCK_KEY, LockChange, LockError, LockStatus, PassphraseForm, derive_kek};
pub use other_tabs::Reloaded;
pub use problem::{Conflict, Problem, SaveError};
use schema::{GroupError, decode_meta};

use crate::model::order::sort;
use crate::model::{IdMap, Interaction, Journal, Month, Record, RecordKind, Rev, with_kind};

pub const PREFIX: &str = "rapport:";
pub const META_KEY: &str = "rapport:meta";
const MONTH_PREFIX: &str = "rapport:i:";
pub const QUARANTINE_PREFIX: &str = "rapport:quarantine:";

/// The key of the kinds kept under one key each, `rapport:<name>`
/// (interactions, the one kind that grows without bound, are kept one month
/// per key).
fn single_key(kind: RecordKind) -> Option<String> {
    (kind != RecordKind::Interaction).then(|| format!("{PREFIX}{}", kind.name()))
}

/// The key that holds the interactions of `month`.
pub fn month_key(month: Month) -> String {
    format!("{MONTH_PREFIX}{month}")
}

/// The key a record of `kind` filed under `month` (interactions) is stored in.
pub fn key_of(kind: RecordKind, month: Option<Month>) -> String {
    match (single_key(kind), month) {
        (Some(key), _) => key,
        (None, Some(month)) => month_key(month),
        // An interaction always has a month; this only keeps the match total.
        (None, None) => format!("{MONTH_PREFIX}?"),
    }
}

/// What a key of ours holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum KeyKind {
    Meta,
    /// All the records of one kind.
    Single(RecordKind),
    /// The interactions of one month.
    Month(Month),
    Quarantine,
    /// The lock's header.
    Lock,
    /// Ours by prefix, but not known to this version.
    Unknown,
}

pub fn classify(key: &str) -> Option<KeyKind> {
    if !key.starts_with(PREFIX) {
        return None;
    }
    Some(match key {
        META_KEY => KeyKind::Meta,
        LOCK_KEY => KeyKind::Lock,
        _ if let Some(&kind) = RecordKind::ALL
            .iter()
            .find(|&&k| k != RecordKind::Interaction && key.strip_prefix(PREFIX) == Some(k.name())) =>
        {
            KeyKind::Single(kind)
        }
        _ if key.starts_with(QUARANTINE_PREFIX) => KeyKind::Quarantine,
        _ => match key.strip_prefix(MONTH_PREFIX).map(str::parse::<Month>) {
            Some(Ok(month)) => KeyKind::Month(month),
            _ => KeyKind::Unknown,
        },
    })
}

/// Describes a key for a person reading a message.
pub fn describe_key(key: &str) -> String {
    match classify(key) {
        Some(KeyKind::Meta) => "the journal's version record".into(),
        Some(KeyKind::Single(kind)) => kind.describe().into(),
        Some(KeyKind::Month(month)) => format!("the interactions of {}", month_name(month)),
        Some(KeyKind::Quarantine) => "data set aside earlier".into(),
        Some(KeyKind::Lock) => "the journal's lock".into(),
        _ => format!("the stored item “{key}”"),
    }
}

fn month_name(month: Month) -> String {
    format!("{} {}", crate::model::time::month_name(month.month), month.year)
}

/// The result of reading everything.
#[derive(Debug)]
pub struct Opened {
    pub journal: Journal,
    pub problems: Vec<Problem>,
}

/// Storage space, in the units the running engine charges ([`Accounting`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    /// Rapport's keys and values.
    pub ours: usize,
    /// Everything stored by this origin (other apps on the same site count too).
    pub origin: usize,
    /// The origin's quota in the same units (the typical one where the
    /// backend does not say).
    pub quota: usize,
    pub accounting: Accounting,
}

impl Usage {
    /// Tenths of a percent of the quota that `units` take (integers: float
    /// formatting costs wasm size; in 64 bits, as wasm32's usize would
    /// overflow past 4.3 million units).
    pub fn permille(&self, units: usize) -> usize {
        let permille = units as u64 * 1000 / (self.quota as u64).max(1);
        usize::try_from(permille).unwrap_or(usize::MAX)
    }

    /// Room left for the whole origin.
    pub fn free(&self) -> usize {
        self.quota.saturating_sub(self.origin)
    }
}

/// An item set aside because it could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub key: String,
    pub value: String,
}

/// Where the copy of an interaction that counts is stored: the month, and
/// the copy's revision (or its tombstone's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Spot {
    month: Month,
    stored: group::Stored,
}

impl Spot {
    fn live(month: Month, rev: Rev) -> Spot {
        Spot { month, stored: group::Stored::Live(rev) }
    }

    fn gone(month: Month, tombstone: &crate::model::Tombstone) -> Spot {
        Spot { month, stored: group::Stored::of(tombstone) }
    }
}

pub struct Store {
    backend: Box<dyn Backend>,
    read_only: Option<String>,
    /// Unreadable keys left in place: never written.
    blocked: HashSet<String>,
    /// For each interaction this tab knows of, where its latest copy is.
    spots: IdMap<Spot>,
    /// The keys this tab has seen holding records: if one disappears, it was
    /// not this tab's doing, and the user is told.
    held: HashSet<String>,
    lock: LockState,
    /// Another tab changed storage while the serial code was on its way
    /// ([`Store::reload`] waits for it): everything is read again once it
    /// has come ([`Store::serial_arrived`]).
    reload_waiting: bool,
}

impl Store {
    pub fn new(backend: impl Backend + 'static) -> Store {
        Store {
            backend: Box::new(backend),
            read_only: None,
            blocked: HashSet::new(),
            spots: IdMap::default(),
            held: HashSet::new(),
            lock: LockState::default(),
            reload_waiting: false,
        }
    }

    /// Whether [`Store::open`] must wait for the serial code
    /// ([`crate::serial`]): storage holds something of Rapport's to read.
    /// An empty journal opens without it, and saves wait for it
    /// ([`SaveError::NotArrived`]).
    pub fn must_wait_for_serial(&self) -> bool {
        !crate::serial::ready() && self.backend.keys().is_ok_and(|keys| keys.iter().any(|k| k.starts_with(PREFIX)))
    }

    /// The serial code has come: what other tabs changed meanwhile is read
    /// now, as [`Store::reload`] of everything would read it.
    pub fn serial_arrived(&mut self) -> Option<Reloaded> {
        std::mem::take(&mut self.reload_waiting).then(|| self.reload(None))
    }

    /// Saves wait for the serial code: nothing is written without it.
    fn serial_ready(&self) -> Result<(), SaveError> {
        crate::serial::ready().then_some(()).ok_or(SaveError::NotArrived)
    }

    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Reads everything, sets aside what cannot be read, and records the
    /// schema version. Never fails: what cannot be read is reported.
    pub fn open(&mut self) -> Opened {
        let mut problems = Vec::new();
        let keys = match self.backend.keys() {
            Ok(mut keys) => {
                sort(&mut keys);
                keys
            }
            Err(e) => {
                self.read_only = Some(e.to_string());
                return Opened { journal: Journal::default(), problems };
            }
        };
        self.spots.clear();
        self.held.clear();
        // The lock first: without its key nothing else is read.
        if let Some(problem) = self.open_lock() {
            return Opened { journal: Journal::default(), problems: vec![problem] };
        }
        if let Some(change) = self.lock_change() {
            problems.push(Problem::LockChangeCutShort { turning_on: change == LockChange::TurningOn });
        }
        // The version next: data from a newer version must not be touched.
        let meta_ok = keys.iter().any(|k| k == META_KEY) && self.open_meta(META_KEY, &mut problems);
        let mut months = Vec::new();
        for key in &keys {
            match classify(key) {
                Some(KeyKind::Month(month)) => months.push((month, self.open_group::<Interaction>(key, &mut problems))),
                Some(KeyKind::Unknown) => problems.push(Problem::Unplaced { key: key.clone() }),
                _ => {}
            }
        }
        let mut journal = Journal::from_unique(self.latest_copies(months));
        for key in &keys {
            if let Some(KeyKind::Single(kind)) = classify(key) {
                with_kind!(kind, T => {
                    let group = self.open_group::<T>(key, &mut problems);
                    T::replace(&mut journal, group.records);
                });
            }
        }
        if self.lock.locked() {
            // Another tab turned the lock on while this one was reading.
            self.spots.clear();
            self.held.clear();
            return Opened { journal: Journal::default(), problems: vec![Problem::Locked] };
        }
        if !meta_ok && self.read_only.is_none() {
            // A fresh journal, an older one now upgraded, or the meta value
            // was set aside: record the version, last.
            let _ = self.backend.set(META_KEY, &self.meta_value());
        }
        Opened { journal, problems }
    }

    /// Reads the lock's header: `Some` when nothing more can be read.
    fn open_lock(&mut self) -> Option<Problem> {
        let raw = match self.backend.get(LOCK_KEY) {
            Ok(raw) => raw,
            Err(e) => {
                self.read_only = Some(e.to_string());
                return Some(Problem::LeftInPlace { key: LOCK_KEY.into(), reason: e.to_string() });
            }
        };
        match raw.map(|raw| Header::decode(&raw)) {
            None => {
                // No lock (any more): a key held from before is of no use.
                self.lock = LockState::default();
                None
            }
            Some(Ok(header)) => {
                if self.lock.key.as_ref().is_some_and(|k| k.id != header.key_id) {
                    self.lock.key = None;
                }
                self.lock.header = Some(header);
                self.lock.locked().then_some(Problem::Locked)
            }
            Some(Err(e)) => {
                self.lock = LockState::default();
                let reason = e.to_string();
                self.read_only = Some(format!("the journal's lock cannot be read ({reason})"));
                Some(match e {
                    lock::HeaderError::Newer(_) => Problem::Newer { key: LOCK_KEY.into(), reason },
                    lock::HeaderError::Damaged(_) => Problem::LeftInPlace { key: LOCK_KEY.into(), reason },
                })
            }
        }
    }

    /// Whether the lock's header is stored now, though this store read none:
    /// another tab is turning the lock on. Then this store is locked.
    fn lock_appeared(&mut self) -> bool {
        if self.lock.header.is_some() {
            return false;
        }
        match self.backend.get(LOCK_KEY).ok().flatten().map(|raw| Header::decode(&raw)) {
            Some(Ok(header)) => {
                self.lock.header = Some(header);
                true
            }
            _ => false,
        }
    }

    /// The meta value for the lock as it stands.
    fn meta_value(&self) -> String {
        schema::encode_meta_for(self.lock.header.is_some())
    }

    /// `raw` opened, if it is sealed and opens with this store's key; else
    /// `raw` itself (a sealed value that does not open then fails to decode,
    /// and is treated as any unreadable value).
    fn unsealed<'a>(&self, key: &str, raw: &'a str) -> Cow<'a, str> {
        let Some(data_key) = self.lock.key.as_ref().filter(|_| seal::is_sealed(raw)) else {
            return Cow::Borrowed(raw);
        };
        if let Ok(value) = data_key.unseal(key, raw) {
            return Cow::Owned(value);
        }
        // A sealed value set aside is copied as stored: bound to the key it came from.
        if let Some(original) = key.strip_prefix(QUARANTINE_PREFIX) {
            let original =
                original.rsplit_once('#').filter(|(_, n)| n.parse::<u32>().is_ok()).map_or(original, |(k, _)| k);
            if let Ok(value) = data_key.unseal(original, raw) {
                return Cow::Owned(value);
            }
        }
        Cow::Borrowed(raw)
    }

    /// Every stored key in order, for a reading of the whole journal
    /// (a backup, an archive); refused while locked, when nothing opens.
    fn sorted_keys_to_read(&self) -> Result<Vec<String>, BackendError> {
        if self.lock.locked() {
            return Err(BackendError::Unavailable("the journal is locked".into()));
        }
        let mut keys = self.backend.keys()?;
        sort(&mut keys);
        Ok(keys)
    }

    /// The value under `key`, opened if it is sealed.
    fn value_of(&self, key: &str) -> Result<Option<String>, BackendError> {
        Ok(self.backend.get(key)?.map(|raw| {
            let opened = match self.unsealed(key, &raw) {
                Cow::Owned(value) => Some(value),
                Cow::Borrowed(_) => None,
            };
            opened.unwrap_or(raw)
        }))
    }

    /// Stores `value` under `key`, sealed while the lock is on.
    fn set_value(&self, key: &str, value: &str) -> Result<(), SaveError> {
        match self.write_key()? {
            Some(data_key) => {
                let sealed =
                    data_key.seal(key, value).map_err(|e| SaveError::Backend(BackendError::Other(e.to_string())))?;
                self.backend.set(key, &sealed)?;
            }
            None => self.backend.set(key, value)?,
        }
        Ok(())
    }

    /// The key a write is sealed with. A store that holds a key reads the
    /// header first, in the same task as the write: another tab may be
    /// removing the lock (then writes go plain, so that none is left sealed
    /// once the header goes), or may have removed it or locked the journal
    /// with another key (then nothing is written).
    fn write_key(&self) -> Result<Option<&lock::DataKey>, SaveError> {
        let Some(data_key) = &self.lock.key else {
            return match self.lock.header {
                Some(_) => Err(SaveError::Locked),
                None => Ok(None),
            };
        };
        match self.backend.get(LOCK_KEY)?.map(|raw| Header::decode(&raw)) {
            Some(Ok(header)) if header.key_id == data_key.id => {
                Ok((header.progress != lock::Progress::Unsealing).then_some(data_key))
            }
            Some(_) => Err(SaveError::Locked),
            None => Err(SaveError::ReadOnly("the lock was removed outside this tab; reload the tab to go on".into())),
        }
    }

    /// Learns where each interaction's latest copy is, and returns those
    /// copies: an older duplicate (left by a move cut short) and anything
    /// with a later tombstone in another month are left out.
    fn latest_copies(&mut self, months: Vec<(Month, Group<Interaction>)>) -> Vec<Interaction> {
        self.spots.reserve(months.iter().map(|(_, g)| g.records.len() + g.gone.len()).sum());
        for (month, group) in &months {
            self.learn(*month, group);
        }
        months
            .into_iter()
            .flat_map(|(month, group)| group.records.into_iter().map(move |r| (month, r)))
            .filter(|(month, r)| self.spots.get(&r.id) == Some(&Spot::live(*month, r.rev)))
            .map(|(_, r)| r)
            .collect()
    }

    /// Records where the copies and tombstones of one month stand.
    fn learn(&mut self, month: Month, group: &Group<Interaction>) {
        let copies = group.records.iter().map(|r| (r.id, Spot::live(month, r.rev)));
        let tombstones = group.gone.iter().map(|t| (t.id, Spot::gone(month, t)));
        for (id, spot) in copies.chain(tombstones) {
            let spots = &mut self.spots;
            match spots.get(&id) {
                // What a month holds now replaces what this tab knew of it
                // (a copy archived, then merged back from the file, has an
                // older revision than its archived tombstone had).
                Some(known) if known.month == month => {
                    spots.insert(id, spot);
                }
                // An archived tombstone never hides a copy elsewhere.
                Some(known) if known.stored.rank() > spot.stored.rank() => {}
                // The same revision in two months: the later month is where a
                // move was going.
                Some(known) if known.stored.rank() == spot.stored.rank() && known.month > spot.month => {}
                _ => {
                    spots.insert(id, spot);
                }
            }
        }
    }

    fn open_meta(&mut self, key: &str, problems: &mut Vec<Problem>) -> bool {
        let Ok(Some(value)) = self.backend.get(key) else { return false };
        if let Some(what) = schema::restoring(&value) {
            problems.push(Problem::RestoreCutShort { what });
        }
        match decode_meta(&value) {
            // An older version's record is rewritten once its groups are
            // upgraded, and one that does not say the lock as it is, now.
            Ok(version) => {
                version == schema::SCHEMA_VERSION && schema::meta_is_locked(&value) == self.lock.header.is_some()
            }
            Err(GroupError::Newer(v)) => {
                problems.push(self.newer_version(key, v));
                true
            }
            Err(e) => {
                problems.push(self.set_aside(key, &value, e.to_string(), None));
                false
            }
        }
    }

    fn open_group<T: Record>(&mut self, key: &str, problems: &mut Vec<Problem>) -> Group<T> {
        let raw = match self.backend.get(key) {
            Ok(Some(raw)) => raw,
            _ => return Group::default(),
        };
        let value = self.unsealed(key, &raw);
        // Written plain by a tab that had not yet heard of the lock.
        let plain_under_lock =
            !seal::is_sealed(&raw) && self.lock.header.as_ref().is_some_and(|h| h.progress == lock::Progress::Sealed);
        self.held.insert(key.to_owned());
        match Group::<T>::decode(&value) {
            Ok((group, rejected)) if rejected.is_empty() => {
                if (group.upgraded || plain_under_lock) && self.read_only.is_none() {
                    // Upgrade in place, so later loads take the fast path. If it
                    // fails (a full quota), the old group still loads next time.
                    let _ = self.set_value(key, &group.encode());
                }
                group
            }
            Ok((group, rejected)) => {
                let reason = format!(
                    "{} did not fit ({})",
                    crate::model::text::plural(rejected.len(), "record", "records"),
                    rejected[0]
                );
                let salvaged = (!group.is_empty()).then(|| group.encode());
                let mut problem = self.set_aside(key, &raw, reason, salvaged.as_deref());
                if let Problem::SetAside { kept, lost, .. } = &mut problem {
                    (*kept, *lost) = (group.records.len(), rejected.len());
                }
                problems.push(problem);
                // The readable records are shown either way; if the original
                // stayed in place its key is blocked, so nothing overwrites it.
                group
            }
            Err(GroupError::Newer(v)) => {
                problems.push(self.newer_version(key, v));
                Group::default()
            }
            Err(_) if seal::is_sealed(&raw) && self.lock.key.is_none() && self.lock_appeared() => {
                // Sealed by a tab turning the lock on: not unreadable, locked.
                Group::default()
            }
            Err(e) => {
                problems.push(self.set_aside(key, &raw, e.to_string(), None));
                Group::default()
            }
        }
    }

    /// Stops all writing, because `key` holds data of a newer schema.
    fn newer_version(&mut self, key: &str, version: u32) -> Problem {
        self.read_only = Some(format!("{} was written by a newer version of Rapport", describe_key(key)));
        Problem::Newer { key: key.to_owned(), reason: GroupError::Newer(version).to_string() }
    }

    /// Copies an unreadable value to a quarantine key, then puts `salvaged`
    /// (or nothing) in its place. If the copy cannot be made the original
    /// stays and its key is blocked.
    ///
    /// `raw` is the value exactly as stored. A sealed value is copied as it
    /// is (it stays bound to its own key); anything else is copied sealed
    /// while the lock is on, so what is set aside is encrypted too.
    fn set_aside(&mut self, key: &str, raw: &str, reason: String, salvaged: Option<&str>) -> Problem {
        if self.read_only.is_some() {
            self.blocked.insert(key.to_owned());
            return Problem::LeftInPlace { key: key.to_owned(), reason };
        }
        let quarantine_key = self.free_quarantine_key(key, raw);
        let copied = match self.backend.get(&quarantine_key) {
            Ok(Some(existing)) if self.holds_copy(&quarantine_key, &existing, raw) => true,
            _ if seal::key_id_of(raw).is_some() => self.backend.set(&quarantine_key, raw).is_ok(),
            _ => self.set_value(&quarantine_key, raw).is_ok(),
        };
        if !copied {
            self.blocked.insert(key.to_owned());
            return Problem::LeftInPlace { key: key.to_owned(), reason };
        }
        let replaced = match salvaged {
            Some(salvaged) => self.set_value(key, salvaged).is_ok(),
            None => {
                self.held.remove(key);
                self.backend.remove(key).is_ok()
            }
        };
        if !replaced {
            // The original is still in place (and safely copied); keep it untouched.
            self.blocked.insert(key.to_owned());
        }
        Problem::SetAside { key: key.to_owned(), quarantine_key, reason, kept: 0, lost: 0 }
    }

    /// `rapport:quarantine:<key>`, or with `#2`, `#3`… if that holds other data.
    fn free_quarantine_key(&self, key: &str, raw: &str) -> String {
        let base = format!("{QUARANTINE_PREFIX}{key}");
        (1..)
            .map(|n| if n == 1 { base.clone() } else { format!("{base}#{n}") })
            .find(|candidate| match self.backend.get(candidate) {
                Ok(Some(existing)) => self.holds_copy(candidate, &existing, raw),
                _ => true,
            })
            .unwrap_or(base)
    }

    /// Whether `existing`, stored under `quarantine_key`, is a copy of `raw`
    /// (as stored, or sealed).
    fn holds_copy(&self, quarantine_key: &str, existing: &str, raw: &str) -> bool {
        existing == raw || (seal::is_sealed(existing) && self.unsealed(quarantine_key, existing) == raw)
    }

    // ---- data management ----

    /// What `text` costs in this store's engine.
    pub fn cost(&self, text: &str) -> usize {
        self.backend.accounting().units(text)
    }

    /// Space used, in the engine's units.
    pub fn usage(&self) -> Result<Usage, BackendError> {
        let accounting = self.backend.accounting();
        let quota = self.backend.quota().unwrap_or(TYPICAL_QUOTA);
        let mut usage = Usage { ours: 0, origin: 0, quota, accounting };
        for key in self.backend.keys()? {
            let size = accounting.units(&key) + self.backend.get(&key)?.map_or(0, |v| accounting.units(&v));
            usage.origin += size;
            if key.starts_with(PREFIX) {
                usage.ours += size;
            }
        }
        Ok(usage)
    }

    /// What each month's interactions cost in storage (key and value, in
    /// the engine's units), oldest first: the pace a journal grows at.
    pub fn month_costs(&self) -> Result<Vec<(Month, usize)>, BackendError> {
        let accounting = self.backend.accounting();
        let mut costs = Vec::new();
        for key in self.backend.keys()? {
            if let Some(KeyKind::Month(month)) = classify(&key) {
                let value = self.backend.get(&key)?.unwrap_or_default();
                costs.push((month, accounting.entry(&key, &value)));
            }
        }
        sort(&mut costs);
        Ok(costs)
    }

    /// Everything set aside, unreadable values left in place, and keys of
    /// ours this version cannot place. With the lock on, each value is given
    /// decrypted (what a download should offer), or as stored if it does not
    /// decrypt.
    pub fn set_aside_items(&self) -> Vec<SetAside> {
        let Ok(keys) = self.backend.keys() else { return Vec::new() };
        keys.into_iter()
            .filter(|k| self.is_set_aside(k))
            .filter_map(|key| {
                let value = self.value_of(&key).ok().flatten()?;
                Some(SetAside { key, value })
            })
            .collect()
    }

    /// Deletes a set-aside item after the user chose to.
    pub fn discard_set_aside(&mut self, key: &str) -> Result<(), SaveError> {
        if self.lock.locked() {
            return Err(SaveError::Locked);
        }
        if !self.is_set_aside(key) {
            return Ok(());
        }
        self.backend.remove(key)?;
        self.blocked.remove(key);
        Ok(())
    }

    fn is_set_aside(&self, key: &str) -> bool {
        matches!(classify(key), Some(KeyKind::Quarantine | KeyKind::Unknown)) || self.blocked.contains(key)
    }

    /// The value under `key`, exactly as stored (encrypted, with the lock
    /// on: [`Store::set_aside_items`] gives set-aside data readable).
    pub fn raw(&self, key: &str) -> Option<String> {
        self.backend.get(key).ok().flatten()
    }

    /// Every raw value of ours, for a backup of exactly what is stored
    /// (with the lock on: encrypted, with the header that opens it).
    pub fn raw_values(&self) -> Vec<(String, String)> {
        let Ok(keys) = self.backend.keys() else { return Vec::new() };
        keys.into_iter()
            .filter(|k| k.starts_with(PREFIX))
            .filter_map(|key| {
                let value = self.backend.get(&key).ok().flatten()?;
                Some((key, value))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
