//! Record identifiers.
//!
//! Ids are random 64-bit numbers written in base 36. Random (rather than
//! sequential) ids let two open tabs create records at the same moment without
//! colliding, and base 36 keeps them short in URLs and in storage.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The identity of a person or an interaction; stable for the record's life.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Id(u64);

impl Id {
    /// Wraps a raw number; callers supply the randomness (see `ui::platform`).
    pub const fn from_raw(raw: u64) -> Self {
        Id(raw)
    }

    pub const fn raw(self) -> u64 {
        self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let mut buf = [0u8; 13];
        let mut n = self.0;
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = DIGITS[(n % 36) as usize];
            n /= 36;
            if n == 0 {
                break;
            }
        }
        // The buffer holds only ASCII digits and letters.
        f.write_str(std::str::from_utf8(&buf[i..]).map_err(|_| fmt::Error)?)
    }
}

/// Hashes ids for maps keyed by them. Ids are random 64-bit numbers
/// already, so the default hasher's work (SipHash, made to resist chosen
/// keys) only costs time: loading 25,000 interactions builds several maps
/// of 25,000 ids. One multiplication spreads small test ids too.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by id, with [`IdHasher`].
pub type IdMap<V> = std::collections::HashMap<Id, V, std::hash::BuildHasherDefault<IdHasher>>;
/// A set of ids, with [`IdHasher`].
pub type IdSet = std::collections::HashSet<Id, std::hash::BuildHasherDefault<IdHasher>>;

/// Why a piece of text is not an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadId(pub String);

impl fmt::Display for BadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "“{}” is not a record id", self.0)
    }
}

impl FromStr for Id {
    type Err = BadId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() || s.len() > 13 {
            return Err(BadId(s.to_owned()));
        }
        u64::from_str_radix(s, 36).map(Id).map_err(|_| BadId(s.to_owned()))
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_text_at_the_extremes() {
        for raw in [0, 1, 35, 36, u64::MAX / 3, u64::MAX] {
            let id = Id::from_raw(raw);
            assert_eq!(id.to_string().parse::<Id>(), Ok(id));
        }
        assert_eq!(Id::from_raw(u64::MAX).to_string(), "3w5e11264sgsf");
    }

    #[test]
    fn rejects_text_that_is_not_an_id() {
        for bad in ["", "-1", "ABC!", "3w5e11264sgsg", "00000000000000"] {
            assert!(bad.parse::<Id>().is_err(), "{bad} parsed");
        }
    }

    #[test]
    fn serialises_as_a_string() {
        let id = Id::from_raw(46_655);
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"zzz\"");
        assert_eq!(serde_json::from_str::<Id>("\"zzz\"").unwrap(), id);
        assert!(serde_json::from_str::<Id>("12").is_err());
    }
}
