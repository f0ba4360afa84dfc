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
    /// The origin's quota in the engine's units ([`Backend::accounting`]),
    /// where it is known, so a restore can say before writing that it would
    /// not fit.
    fn quota(&self) -> Option<usize> {
        None
    }
    /// How the engine behind this store charges a string against the quota.
    fn accounting(&self) -> Accounting {
        Accounting::Utf16
    }
}

/// How a browser engine charges a key or a value against localStorage's
/// quota (measured by filling storage until `QuotaExceededError`; the
/// quota itself is [`TYPICAL_QUOTA`] of these units in each engine).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Accounting {
    /// Chromium and Firefox: UTF-16 code units, whatever the characters.
    #[default]
    Utf16,
    /// WebKit (Safari, and every browser on iOS): bytes. A string whose
    /// characters are all Latin-1 (up to U+00FF) is stored one byte a
    /// character; any character above makes the whole string two bytes a
    /// UTF-16 unit. Each key and each value is judged on its own.
    WebKit,
}

impl Accounting {
    /// What `text` costs, as a key or as a value.
    pub fn units(self, text: &str) -> usize {
        match self {
            Accounting::Utf16 => storage_units(text),
            Accounting::WebKit if text.chars().all(|c| c <= '\u{FF}') => text.chars().count(),
            Accounting::WebKit => 2 * storage_units(text),
        }
    }

    /// What one stored item costs: its key and its value.
    pub fn entry(self, key: &str, value: &str) -> usize {
        self.units(key) + self.units(value)
    }

    /// What a string of `chars` UTF-16 units costs when `wide` (any of them
    /// above U+00FF, as every packed value is), without building it.
    pub fn of_len(self, chars: usize, wide: bool) -> usize {
        match self {
            Accounting::WebKit if wide => 2 * chars,
            _ => chars,
        }
    }

    /// The engine that charges storage for a browser with this
    /// `navigator.userAgent`.
    ///
    /// Why the user agent and not a probe: localStorage reports no usage,
    /// so a small probe's cost can only be seen by filling storage up to
    /// the quota (megabytes written, and other tabs' saves failing
    /// meanwhile). The user agent tells the engines apart reliably for
    /// this purpose: Firefox's has no `AppleWebKit`; every Chromium-based
    /// browser (Chrome, Edge, Opera, Samsung Internet, Android WebView)
    /// says `Chrome/`; what says `AppleWebKit` without `Chrome/` is WebKit
    /// (Safari, WebKitGTK, Epiphany, and Chrome, Edge and Firefox on iOS,
    /// whose `CriOS/`, `EdgiOS/` and `FxiOS/` run on WebKit). A user agent
    /// it cannot place gets WebKit's rule, the dearer of the two (no
    /// string costs less under it), so the gauge never says there is room
    /// that there is not.
    pub fn for_user_agent(user_agent: &str) -> Accounting {
        let webkit = user_agent.contains("AppleWebKit/");
        let chromium = user_agent.contains("Chrome/") || user_agent.contains("Chromium/");
        let gecko = user_agent.contains("Gecko/") && user_agent.contains("Firefox/");
        match (webkit, chromium, gecko) {
            (true, true, _) => Accounting::Utf16,
            (true, false, _) => Accounting::WebKit,
            (false, _, true) => Accounting::Utf16,
            _ => Accounting::WebKit,
        }
    }

    /// The engine's name, for a person reading the Data page.
    pub fn engine(self) -> &'static str {
        match self {
            Accounting::Utf16 => "Chromium or Firefox",
            Accounting::WebKit => "WebKit (Safari's engine)",
        }
    }
}

/// localStorage's quota per origin, in the engine's units ([`Accounting`]):
/// 5 MiB, UTF-16 units in Chromium and Firefox, bytes in WebKit (filled in
/// 100,000-character blocks, each engine took 5,200,146 Latin-1
/// characters; WebKit only half as many above U+00FF). Browsers do not
/// report it, so this is what the gauge and a restore plan against.
pub const TYPICAL_QUOTA: usize = 5 * 1024 * 1024;

/// Size of a string as Chromium and Firefox count it: UTF-16 code units
/// (WebKit's count is [`Accounting::units`]).
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
    accounting: Accounting,
    /// The quota [`Backend::quota`] reports, when not the one enforced.
    reported_quota: Option<usize>,
    writes_left: Option<usize>,
}

/// An in-memory backend, for tests and for browsers that block storage.
///
/// Clones share the same entries, like two tabs of one origin. A quota
/// (counted like Chromium's, UTF-16 units of keys and values, unless
/// [`MemoryBackend::counting`] says otherwise) and a write budget (to
/// simulate a tab closed mid-save) can be set for tests.
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

    /// Counts keys and values as `accounting` says (and enforces the quota
    /// in those units), as that engine's localStorage does. Set it before
    /// anything is stored.
    pub fn counting(self, accounting: Accounting) -> MemoryBackend {
        self.state.borrow_mut().accounting = accounting;
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
        let accounting = self.state.borrow().accounting;
        let old = self.state.borrow().entries.get(key).map_or(0, |v| accounting.entry(key, v));
        let used = self.used_units() - old + accounting.entry(key, value);
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
            state.used -= state.accounting.entry(key, &value);
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

    fn accounting(&self) -> Accounting {
        self.state.borrow().accounting
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
    fn chromium_and_firefox_count_utf16_units_whatever_the_characters() {
        let a = Accounting::Utf16;
        assert_eq!(a.units("rapport:i:2026-01"), 17);
        assert_eq!(a.units("café"), 4);
        assert_eq!(a.units("Z12:\u{4000}\u{BFFF}"), 6);
        assert_eq!(a.units("日本"), 2);
        assert_eq!(a.units("😀"), 2);
        assert_eq!(a.entry("ab", "日本"), 4);
    }

    #[test]
    fn webkit_counts_latin1_strings_one_byte_a_character_and_others_two() {
        let a = Accounting::WebKit;
        assert_eq!(a.units("rapport:i:2026-01"), 17);
        // é and ÿ (U+00FF) are Latin-1: still one byte each.
        assert_eq!(a.units("café ÿ"), 6);
        // One character above U+00FF doubles the whole string.
        assert_eq!(a.units("Z12:\u{4000}\u{BFFF}"), 12);
        assert_eq!(a.units("caf\u{0100}"), 8);
        assert_eq!(a.units("😀"), 4);
        // Key and value are judged apart: an ASCII key stays one a byte.
        assert_eq!(a.entry("ab", "日本"), 2 + 4);
        assert_eq!(a.entry("日", "ab"), 2 + 2);
        assert_eq!(a.of_len(10, true), 20);
        assert_eq!(a.of_len(10, false), 10);
        assert_eq!(Accounting::Utf16.of_len(10, true), 10);
    }

    #[test]
    fn a_webkit_quota_holds_half_as_many_packed_characters() {
        let m = MemoryBackend::new().counting(Accounting::WebKit).with_quota(10);
        m.set("k", "abcdefghi").unwrap();
        assert_eq!(m.used_units(), 10);
        assert_eq!(m.set("k", "\u{4000}\u{4001}\u{4002}\u{4003}\u{4004}"), Err(BackendError::QuotaExceeded));
        m.set("k", "\u{4000}\u{4001}\u{4002}\u{4003}").unwrap();
        assert_eq!(m.used_units(), 9);
        m.remove("k").unwrap();
        assert_eq!(m.used_units(), 0);
        assert_eq!(m.accounting(), Accounting::WebKit);
    }

    #[test]
    fn the_engine_is_told_by_the_user_agent() {
        let chrome =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/148.0.0.0 Safari/537.36";
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0";
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
        let safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15";
        let minibrowser =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";
        let chrome_ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/138.0 Mobile/15E148 Safari/604.1";
        let firefox_ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/140.0 Mobile/15E148 Safari/605.1.15";
        for ua in [chrome, edge, firefox] {
            assert_eq!(Accounting::for_user_agent(ua), Accounting::Utf16, "{ua}");
        }
        for ua in [safari, minibrowser, chrome_ios, firefox_ios, "", "SomeBot/1.0"] {
            assert_eq!(Accounting::for_user_agent(ua), Accounting::WebKit, "{ua}");
        }
    }

    #[test]
    fn webkit_never_costs_less_than_utf16() {
        for text in ["", "abc", "é", "\u{100}", "日本語 and ASCII", "😀x"] {
            assert!(Accounting::WebKit.units(text) >= Accounting::Utf16.units(text), "{text}");
        }
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
