//! How a JSON document becomes a localStorage value and back.
//!
//! localStorage counts every UTF-16 code unit against a quota of about five
//! million per origin, and ten years of journal is far more JSON than that. Large
//! values are therefore deflated and the bytes packed 15 bits to a character
//! (code points U+4000 to U+BFFF: no surrogates, so every browser keeps them
//! intact). That stores about 1.9 bytes of deflated data per unit, where
//! plain JSON would store one byte of uncompressed text.
//!
//! A value starts with a format letter:
//! - `J` followed by the JSON text, for small values worth reading by eye;
//! - `Z<byte count>:` followed by the packed zlib stream, whose checksum
//!   catches damage that would otherwise decode into wrong text;
//! - `E<byte count>:` followed by packed ciphertext: a value sealed by the
//!   lock ([`crate::store::lock`]), which the store opens before decoding.

use std::fmt;

/// Deflate effort. Measured on a month of heavy use (135 interactions, 49 KB
/// of JSON): level 3 takes half the time of zlib's default 6 for 5 % more
/// output; level 1 is faster still but 40 % larger.
const LEVEL: u8 = 3;
/// The largest document a value may expand to; a guard against a corrupt
/// length field asking for gigabytes.
const MAX_EXPANDED: usize = 64 << 20;
const FIRST_UNIT: u32 = 0x4000;
const BITS: u32 = 15;

/// Why a stored value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodecError {
    UnknownFormat,
    BadHeader,
    Truncated {
        expected: usize,
        found: usize,
    },
    Corrupt(String),
    /// Encrypted, and it did not decrypt with the journal's key.
    Sealed,
}

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodecError::UnknownFormat => f.write_str("it is not in a format Rapport writes"),
            CodecError::BadHeader => f.write_str("its header is damaged"),
            CodecError::Truncated { expected, found } => {
                write!(f, "it is cut short ({found} of {expected} characters are there)")
            }
            CodecError::Corrupt(why) => write!(f, "its compressed data is damaged ({why})"),
            CodecError::Sealed => f.write_str(
                "it is encrypted and did not decrypt with the journal's key (it was changed after it was written, or written with another key)",
            ),
        }
    }
}

/// Stores small JSON as is.
pub fn plain(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 1);
    out.push('J');
    out.push_str(json);
    out
}

/// Deflates and packs JSON.
pub fn compressed(json: &str) -> String {
    framed('Z', &crate::serial::get().deflate(json.as_bytes(), LEVEL))
}

/// The JSON text inside a stored value.
pub fn decode(value: &str) -> Result<String, CodecError> {
    if let Some(json) = value.strip_prefix('J') {
        return Ok(json.to_owned());
    }
    if value.starts_with(SEALED) {
        return Err(CodecError::Sealed);
    }
    let rest = value.strip_prefix('Z').ok_or(CodecError::UnknownFormat)?;
    let (count, packed) = rest.split_once(':').ok_or(CodecError::BadHeader)?;
    let count: usize = count.parse().map_err(|_| CodecError::BadHeader)?;
    if count > MAX_EXPANDED {
        return Err(CodecError::BadHeader);
    }
    let expected = units_for(count);
    let found = packed.chars().count();
    if found != expected {
        return Err(CodecError::Truncated { expected, found });
    }
    let bytes = unpack(packed, count)?;
    let inflated = crate::serial::get().inflate(&bytes, MAX_EXPANDED).map_err(CodecError::Corrupt)?;
    String::from_utf8(inflated).map_err(|_| CodecError::Corrupt("not text".into()))
}

/// The first character of a sealed value.
pub const SEALED: char = 'E';

/// The units `bytes` bytes take once packed.
pub fn units_for(bytes: usize) -> usize {
    (bytes * 8).div_ceil(BITS as usize)
}

/// `<letter><byte count>:` then the packed bytes: the layout of `Z` and `E` values.
pub fn framed(letter: char, bytes: &[u8]) -> String {
    let mut out = String::with_capacity(units_for(bytes.len()) * 3 + 12);
    out.push(letter);
    out.push_str(&bytes.len().to_string());
    out.push(':');
    pack(bytes, &mut out);
    out
}

/// The bytes of a value laid out as [`framed`] with `letter`, if it is
/// exactly that: the count written as [`framed`] writes it, every character
/// in range, and the unused bits of the last one zero, so that no other
/// string gives the same bytes. (Damage is caught by what the bytes are: a
/// zlib checksum, an authentication tag.)
pub fn unframed(letter: char, value: &str) -> Option<Vec<u8>> {
    let (count, packed) = value.strip_prefix(letter)?.split_once(':')?;
    let n: usize = count.parse().ok()?;
    if n > MAX_EXPANDED || n.to_string() != count || packed.chars().count() != units_for(n) {
        return None;
    }
    let bytes = unpack(packed, n).ok()?;
    let spare = (units_for(n) * BITS as usize - n * 8) as u32;
    let last = packed.chars().last().map_or(0, |c| (c as u32).wrapping_sub(FIRST_UNIT));
    (spare == 0 || last & ((1 << spare) - 1) == 0).then_some(bytes)
}

/// The zlib stream of a `Z` value, if `value` is exactly what [`compressed`]
/// writes for it.
pub fn zlib_stream(value: &str) -> Option<Vec<u8>> {
    unframed('Z', value)
}

fn pack(bytes: &[u8], out: &mut String) {
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    let emit = |v: u32, out: &mut String| {
        // FIRST_UNIT + v is at most U+BFFF, always a valid scalar value.
        out.push(char::from_u32(FIRST_UNIT + v).unwrap_or('\u{FFFD}'));
    };
    for &byte in bytes {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        if bits >= BITS {
            bits -= BITS;
            emit((acc >> bits) & 0x7FFF, out);
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        emit((acc << (BITS - bits)) & 0x7FFF, out);
    }
}

fn unpack(packed: &str, count: usize) -> Result<Vec<u8>, CodecError> {
    let mut bytes = Vec::with_capacity(count + 2);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for c in packed.chars() {
        let v = (c as u32).wrapping_sub(FIRST_UNIT);
        if v > 0x7FFF {
            return Err(CodecError::Corrupt(format!("unexpected character U+{:04X}", c as u32)));
        }
        acc = (acc << BITS) | v;
        bits += BITS;
        while bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    bytes.truncate(count);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_round_trips_every_length_and_bit_pattern() {
        for len in 0..64 {
            let bytes: Vec<u8> = (0..len).map(|i: usize| (i * 37 + 255).wrapping_sub(i * i) as u8).collect();
            let mut packed = String::new();
            pack(&bytes, &mut packed);
            assert_eq!(packed.chars().count(), units_for(len));
            assert_eq!(unpack(&packed, len).unwrap(), bytes, "length {len}");
        }
        let ones = vec![0xFF; 15];
        let mut packed = String::new();
        pack(&ones, &mut packed);
        assert!(packed.chars().all(|c| (0x4000..=0xBFFF).contains(&(c as u32))));
    }

    #[test]
    fn framing_reads_back_only_what_it_writes() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i: usize| (i * 91 + 7) as u8).collect();
            let value = framed('E', &bytes);
            assert_eq!(unframed('E', &value), Some(bytes.clone()), "length {len}");
            assert_eq!(unframed('Z', &value), None);
            if len > 0 {
                // The unused bits of the last character are part of the layout.
                let mut chars: Vec<char> = value.chars().collect();
                let last = chars.len() - 1;
                let spare = (units_for(len) * 15 - len * 8) as u32;
                if spare > 0 {
                    chars[last] = char::from_u32(chars[last] as u32 ^ 1).unwrap();
                    assert_eq!(unframed('E', &chars.iter().collect::<String>()), None, "length {len}");
                }
            }
        }
        assert_eq!(unframed('E', "E02:\u{4000}\u{4000}"), None, "a count is written one way only");
        assert_eq!(unframed('E', "E+2:\u{4000}\u{4000}"), None);
        let json = "{\"v\":4,\"records\":[]}";
        let value = compressed(json);
        assert_eq!(framed('Z', &zlib_stream(&value).unwrap()), value);
    }

    #[test]
    fn both_formats_round_trip() {
        let json = r#"{"v":1,"records":[{"notes":"Café ☕ with Zoë — 😀"}]}"#;
        assert_eq!(decode(&plain(json)).unwrap(), json);
        assert_eq!(decode(&compressed(json)).unwrap(), json);
        assert_eq!(decode(&compressed("")).unwrap(), "");
    }

    #[test]
    fn prose_takes_far_fewer_units_than_plain_json() {
        let note = "Met to go through the quarterly numbers and agreed on next steps for the vendor review. ";
        let json = note.repeat(200);
        let value = compressed(&json);
        assert!(value.encode_utf16().count() * 5 < json.len(), "{} units", value.len());
    }

    #[test]
    fn damage_of_every_kind_is_an_error_not_a_panic() {
        let good = compressed(&"Ordinary notes about a meeting. ".repeat(40));
        let cut: String = good.chars().take(good.chars().count() / 2).collect();
        assert!(matches!(decode(&cut), Err(CodecError::Truncated { .. })));
        assert_eq!(decode("{\"v\":1}"), Err(CodecError::UnknownFormat));
        assert_eq!(decode(""), Err(CodecError::UnknownFormat));
        assert_eq!(decode("Z12"), Err(CodecError::BadHeader));
        assert_eq!(decode("Zx:abc"), Err(CodecError::BadHeader));
        assert_eq!(decode("Z99999999999:"), Err(CodecError::BadHeader));
        assert!(matches!(decode("Z2:ab"), Err(CodecError::Corrupt(_))));
        // Valid packing of bytes that are not a deflate stream.
        let mut junk = String::from("Z4:");
        pack(&[0xFF, 0xFF, 0xFF, 0xFF], &mut junk);
        assert!(matches!(decode(&junk), Err(CodecError::Corrupt(_))));
        assert_eq!(decode("E3:abc"), Err(CodecError::Sealed));
        // Flip one character in the middle of a real stream.
        let mut chars: Vec<char> = good.chars().collect();
        let mid = chars.len() / 2;
        chars[mid] = char::from_u32(chars[mid] as u32 ^ 0x155).unwrap();
        let flipped: String = chars.into_iter().collect();
        assert!(matches!(decode(&flipped), Err(CodecError::Corrupt(_))));
    }
}
