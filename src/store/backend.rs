//! The storage interface: a string key-value store, as localStorage is.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

/// Why the backend refused an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackendError {
    /// The origin's storage quota is full.
    QuotaExceeded,
    /// Storage cannot be used at all (blocked, private mode, disabled).
    Unavailable(String),
    /// Anything else the browser reported.
    Other(String),
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackendError::QuotaExceeded => f.write_str("the browser's storage for this site is full"),
            BackendError::Unavailable(why) => write!(f, "the browser's storage cannot be used ({why})"),
            BackendError::Other(why) => write!(f, "the browser refused to store it ({why})"),
        }
    }
}

/// A synchronous string store. Writes of one key are atomic: a reader sees the
/// old value or the new one, never a mix.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError>;
    fn set(&self, key: &str, value: &str) -> Result<(), BackendError>;
    fn remove(&self, key: &str) -> Result<(), BackendError>;
    /// Every key of the origin, including other applications' keys.
    fn keys(&self) -> Result<Vec<String>, BackendError>;
    /// The origin's quota in UTF-16 units, where it is known, so a restore
    /// can say before writing that it would not fit.
    fn quota(&self) -> Option<usize> {
        None
    }
}

/// localStorage's quota per origin in Chromium and Firefox, in UTF-16 units
/// (measured: 5,242,880 in Chromium; Safari's is similar). Browsers do not
/// report it, so this is what a restore plans against.
pub const TYPICAL_QUOTA: usize = 5 * 1024 * 1024;

/// Size of a string as localStorage counts it: UTF-16 code units.
pub fn storage_units(text: &str) -> usize {
    text.encode_utf16().count()
}

#[derive(Default, Debug)]
struct MemoryState {
    entries: BTreeMap<String, String>,
    /// The UTF-16 units of every key and value, kept up to date so a write
    /// costs the same however much is stored.
    used: usize,
    /// How many values were read, for tests that a save reads what it must only.
    reads: usize,
    quota: Option<usize>,
    /// The quota [`Backend::quota`] reports, when not the one enforced.
    reported_quota: Option<usize>,
    writes_left: Option<usize>,
}

fn entry_units(key: &str, value: &str) -> usize {
    storage_units(key) + storage_units(value)
}

/// An in-memory backend, for tests and for browsers that block storage.
///
/// Clones share the same entries, like two tabs of one origin. A quota
/// (counted like Chromium's: UTF-16 units of keys and values) and a write
/// budget (to simulate a tab closed mid-save) can be set for tests.
#[derive(Clone, Default, Debug)]
pub struct MemoryBackend {
    state: Rc<RefCell<MemoryState>>,
}

impl MemoryBackend {
    pub fn new() -> MemoryBackend {
        MemoryBackend::default()
    }

    /// Limits the total size of keys and values, in UTF-16 units.
    pub fn with_quota(self, units: usize) -> MemoryBackend {
        self.state.borrow_mut().quota = Some(units);
        self
    }

    /// Reports `units` as the quota while enforcing the one set by
    /// [`MemoryBackend::with_quota`]: as a browser whose real quota is not
    /// the one Rapport plans against.
    pub fn reporting_quota(self, units: usize) -> MemoryBackend {
        self.state.borrow_mut().reported_quota = Some(units);
        self
    }

    /// After `n` more successful writes, every write fails, as if the tab had
    /// been closed; `None` lifts the limit.
    pub fn crash_after_writes(&self, n: Option<usize>) {
        self.state.borrow_mut().writes_left = n;
    }

    /// How many values have been read so far.
    pub fn reads(&self) -> usize {
        self.state.borrow().reads
    }

    pub fn used_units(&self) -> usize {
        self.state.borrow().used
    }

    fn spend_write(&self) -> Result<(), BackendError> {
        let mut state = self.state.borrow_mut();
        match state.writes_left {
            Some(0) => Err(BackendError::Unavailable("the tab was closed".into())),
            Some(n) => {
                state.writes_left = Some(n - 1);
                Ok(())
            }
            None => Ok(()),
        }
    }
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        let mut state = self.state.borrow_mut();
        state.reads += 1;
        Ok(state.entries.get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        let old = self.state.borrow().entries.get(key).map_or(0, |v| entry_units(key, v));
        let used = self.used_units() - old + entry_units(key, value);
        if self.state.borrow().quota.is_some_and(|quota| used > quota) {
            return Err(BackendError::QuotaExceeded);
        }
        self.spend_write()?;
        let mut state = self.state.borrow_mut();
        state.entries.insert(key.to_owned(), value.to_owned());
        state.used = used;
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.spend_write()?;
        let mut state = self.state.borrow_mut();
        if let Some(value) = state.entries.remove(key) {
            state.used -= entry_units(key, &value);
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        Ok(self.state.borrow().entries.keys().cloned().collect())
    }

    fn quota(&self) -> Option<usize> {
        let state = self.state.borrow();
        state.reported_quota.or(state.quota)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_entries_like_tabs_of_one_origin() {
        let a = MemoryBackend::new();
        let b = a.clone();
        a.set("k", "v").unwrap();
        assert_eq!(b.get("k").unwrap().as_deref(), Some("v"));
        b.remove("k").unwrap();
        assert_eq!(a.keys().unwrap(), Vec::<String>::new());
    }

    #[test]
    fn quota_counts_keys_and_values_in_utf16_units() {
        let m = MemoryBackend::new().with_quota(6);
        m.set("ab", "cd").unwrap();
        assert_eq!(m.used_units(), 4);
        m.set("ab", "cdef").unwrap(); // replacing counts only the new value
        assert_eq!(m.set("x", "y"), Err(BackendError::QuotaExceeded));
        assert_eq!(m.get("ab").unwrap().as_deref(), Some("cdef"));
        assert_eq!(storage_units("😀é"), 3);
    }

    #[test]
    fn a_crash_stops_every_later_write() {
        let m = MemoryBackend::new();
        m.crash_after_writes(Some(1));
        m.set("a", "1").unwrap();
        assert!(m.set("b", "2").is_err());
        assert!(m.remove("a").is_err());
        m.crash_after_writes(None);
        m.set("b", "2").unwrap();
    }
}
