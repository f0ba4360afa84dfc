//! The data key, and what it does to one stored value.
//!
//! A sealed value is `E<byte count>:` and the packed bytes (15 bits a
//! character, as the codec packs zlib streams):
//!
//! | bytes | what |
//! |---|---|
//! | 1 | the seal's format, 1 |
//! | 4 | the id of the data key (big-endian), to tell keys apart |
//! | 12 | a fresh random IV |
//! | n | AES-256-GCM ciphertext of the opened value (below) |
//! | 16 | the GCM tag |
//!
//! The associated data is the storage key's name, a NUL, and the first five
//! bytes: a value copied to another key, or given another key id or format,
//! no longer authenticates. What is encrypted is one byte saying what the
//! value was, and its content: `Z` and the zlib stream of a compressed value
//! (so sealing costs no second packing of text), or `T` and the UTF-8 text of
//! any other value (plain JSON, data set aside). Opening gives back the value
//! exactly, character for character.

use zeroize::Zeroizing;

use super::gcm::{Gcm, IV, TAG, new_gcm};
use super::{LockError, random_bytes};
use crate::store::Accounting;
use crate::store::codec::{self, SEALED};

const FORMAT: u8 = 1;
const PREFIX: usize = 5;
/// Every byte a sealed value holds beyond its content.
pub const OVERHEAD_BYTES: usize = PREFIX + IV + 1 + TAG;

/// Associated data of a wrapped data key: no storage key starts with a NUL.
const WRAP_AAD: &[u8] = b"\0rapport lock: data key";

/// The random AES-256 key that encrypts every value, and its id.
pub struct DataKey {
    pub(crate) id: u32,
    bytes: Zeroizing<[u8; 32]>,
    cipher: Box<dyn Gcm>,
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DataKey({:08x})", self.id)
    }
}

/// Why a sealed value did not open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unseal {
    /// Not laid out as a sealed value.
    Damaged,
    /// Sealed with another data key.
    OtherKey(u32),
    /// The tag did not match: changed, or sealed for another storage key.
    Forged,
}

fn fresh_iv() -> Result<[u8; IV], LockError> {
    let mut iv = [0; IV];
    random_bytes(&mut iv)?;
    Ok(iv)
}

/// `iv || ciphertext || tag` of `plain`.
pub(crate) fn encrypt(cipher: &dyn Gcm, aad: &[u8], plain: &[u8]) -> Result<Vec<u8>, LockError> {
    let iv = fresh_iv()?;
    let mut out = Vec::with_capacity(IV + plain.len() + TAG);
    out.extend_from_slice(&iv);
    out.extend_from_slice(plain);
    let tag = cipher
        .encrypt(&iv, aad, &mut out[IV..])
        .ok_or_else(|| LockError::Crypto("the value is too long to encrypt".into()))?;
    out.extend_from_slice(&tag);
    Ok(out)
}

/// The plain bytes of `iv || ciphertext || tag`, if it authenticates.
pub(crate) fn decrypt(cipher: &dyn Gcm, aad: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < IV + TAG {
        return None;
    }
    let (iv, rest) = sealed.split_at(IV);
    let (body, tag) = rest.split_at(rest.len() - TAG);
    let iv: [u8; IV] = iv.try_into().ok()?;
    let tag: [u8; TAG] = tag.try_into().ok()?;
    let mut plain = body.to_vec();
    cipher.decrypt(&iv, aad, &mut plain, &tag).then_some(plain)
}

fn aad(key_name: &str, prefix: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(key_name.len() + 1 + prefix.len());
    aad.extend_from_slice(key_name.as_bytes());
    aad.push(0);
    aad.extend_from_slice(prefix);
    aad
}

/// Whether `value` is laid out as a sealed value (whether or not it opens).
pub fn is_sealed(value: &str) -> bool {
    value.starts_with(SEALED)
}

/// The id of the key a sealed value says it was sealed with (read from
/// its first three characters, without opening it).
pub fn key_id_of(value: &str) -> Option<u32> {
    let (_, packed) = value.strip_prefix(SEALED)?.split_once(':')?;
    let mut head: u64 = 0;
    let mut units = 0;
    for c in packed.chars().take(3) {
        let v = (c as u32).checked_sub(0x4000).filter(|&v| v <= 0x7FFF)?;
        head = head << 15 | u64::from(v);
        units += 1;
    }
    // Three units are 45 bits: the five bytes of the prefix, and five spare.
    let prefix = (units == 3).then_some(head >> 5)?;
    ((prefix >> 32) as u8 == FORMAT).then_some(prefix as u32)
}

/// The units `value` takes once sealed (without sealing it), as
/// `accounting` counts them.
pub fn sealed_units(value: &str, accounting: Accounting) -> usize {
    let content = match codec::zlib_stream(value) {
        Some(zlib) => zlib.len(),
        None => value.len(),
    };
    let bytes = content + OVERHEAD_BYTES;
    // Packed characters are all above U+00FF: the whole value is wide.
    accounting.of_len(1 + bytes.to_string().len() + 1 + codec::units_for(bytes), true)
}

impl DataKey {
    /// A new random key with a new random id.
    pub fn generate() -> Result<DataKey, LockError> {
        let mut bytes = Zeroizing::new([0; 32]);
        random_bytes(bytes.as_mut())?;
        let mut id = [0; 4];
        random_bytes(&mut id)?;
        DataKey::from_bytes(u32::from_be_bytes(id), bytes)
    }

    fn from_bytes(id: u32, bytes: Zeroizing<[u8; 32]>) -> Result<DataKey, LockError> {
        let cipher = new_gcm(&bytes)?;
        Ok(DataKey { id, bytes, cipher })
    }

    /// The key, encrypted with the key-encryption key: `iv || ciphertext || tag`.
    pub fn wrap(&self, kek: &[u8; 32]) -> Result<Vec<u8>, LockError> {
        encrypt(&*new_gcm(kek)?, &wrap_aad(self.id), self.bytes.as_ref())
    }

    /// The key that `wrapped` holds, if `kek` is the one that wrapped it.
    pub fn unwrap(kek: &[u8; 32], id: u32, wrapped: &[u8]) -> Result<DataKey, LockError> {
        let plain = Zeroizing::new(decrypt(&*new_gcm(kek)?, &wrap_aad(id), wrapped).ok_or(LockError::WrongPassphrase)?);
        let bytes: [u8; 32] = plain.as_slice().try_into().map_err(|_| LockError::WrongPassphrase)?;
        DataKey::from_bytes(id, Zeroizing::new(bytes))
    }

    pub(crate) fn cipher(&self) -> &dyn Gcm {
        &*self.cipher
    }

    /// `value` sealed for storage under `key_name`.
    pub fn seal(&self, key_name: &str, value: &str) -> Result<String, LockError> {
        let mut plain = Zeroizing::new(Vec::new());
        match codec::zlib_stream(value) {
            Some(zlib) => {
                plain.reserve(zlib.len() + 1);
                plain.push(b'Z');
                plain.extend_from_slice(&zlib);
            }
            None => {
                plain.reserve(value.len() + 1);
                plain.push(b'T');
                plain.extend_from_slice(value.as_bytes());
            }
        }
        let mut prefix = [FORMAT, 0, 0, 0, 0];
        prefix[1..].copy_from_slice(&self.id.to_be_bytes());
        let body = encrypt(&*self.cipher, &aad(key_name, &prefix), &plain)?;
        let mut bytes = Vec::with_capacity(PREFIX + body.len());
        bytes.extend_from_slice(&prefix);
        bytes.extend_from_slice(&body);
        Ok(codec::framed(SEALED, &bytes))
    }

    /// The value that `sealed` holds, if it was sealed with this key for
    /// storage under `key_name` and not changed since.
    pub fn unseal(&self, key_name: &str, sealed: &str) -> Result<String, Unseal> {
        let bytes = codec::unframed(SEALED, sealed).ok_or(Unseal::Damaged)?;
        if bytes.len() < PREFIX + IV + TAG + 1 || bytes[0] != FORMAT {
            return Err(Unseal::Damaged);
        }
        let id = u32::from_be_bytes([bytes[1], bytes[2], bytes[3], bytes[4]]);
        if id != self.id {
            return Err(Unseal::OtherKey(id));
        }
        let plain = Zeroizing::new(
            decrypt(&*self.cipher, &aad(key_name, &bytes[..PREFIX]), &bytes[PREFIX..]).ok_or(Unseal::Forged)?,
        );
        match plain.split_first() {
            Some((b'Z', zlib)) => Ok(codec::framed('Z', zlib)),
            Some((b'T', text)) => String::from_utf8(text.to_vec()).map_err(|_| Unseal::Damaged),
            _ => Err(Unseal::Damaged),
        }
    }
}

fn wrap_aad(id: u32) -> Vec<u8> {
    let mut aad = WRAP_AAD.to_vec();
    aad.extend_from_slice(&id.to_be_bytes());
    aad
}

#[cfg(all(test, not(target_arch = "wasm32")))]
impl DataKey {
    pub(crate) fn for_tests(id: u32, byte: u8) -> DataKey {
        DataKey::from_bytes(id, Zeroizing::new([byte; 32])).expect("the cipher is linked in tests")
    }
}
