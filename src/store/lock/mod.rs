//! The lock: the journal encrypted at rest with a passphrase.
//!
//! # Keys, as password managers do them
//! - A random 256-bit **data key** encrypts every stored value with
//!   AES-256-GCM, after the codec has compressed it, with a fresh random
//!   96-bit IV per write. Each value is bound to its storage key (the key's
//!   name is associated data), so values cannot be swapped between keys
//!   unnoticed. The layout is in [`seal`](self::seal).
//! - The passphrase is stretched into a **key-encryption key** (KEK) by
//!   PBKDF2-HMAC-SHA256, 600,000 iterations (OWASP's 2023 minimum for it),
//!   with a random 16-byte salt. The KEK wraps the data key with AES-256-GCM,
//!   so a wrong passphrase is a clean error (the tag does not match), and
//!   changing the passphrase re-wraps the data key only: one write.
//! - The one readable value is the header, `rapport:lock` (see
//!   [`header`](self::header)): format version, the KDF's name and
//!   parameters (so they can be raised later), the salt, the wrapped data
//!   key, and the progress of a lock being turned on or off.
//!   `rapport:meta` stays readable too, and holds versions only (see
//!   [`crate::store::schema::encode_meta_for`]): while the journal is locked
//!   it says schema 5, so a build from before the lock (a cached copy, a tab
//!   left open) stops read-only at its version check instead of setting
//!   every encrypted value aside as unreadable.
//!
//! # Why AES-GCM in Rust, and PBKDF2 in WebCrypto
//! The store's saves are synchronous compare-and-set: a save reads the
//! stored revision and writes in one task. WebCrypto's `encrypt` is async;
//! awaiting it between the read and the write would let another tab write
//! in between, and one of the two saves would be lost. So values are
//! encrypted with the RustCrypto `aes-gcm` crate, synchronously. Stretching
//! the passphrase happens only when unlocking or setting a passphrase, which
//! are async anyway: WebCrypto's `deriveBits` does it at native speed, and
//! no KDF code ships in the wasm ([`derive_kek`]). The store only ever sees
//! a derived KEK, so it stays synchronous. Argon2id would resist GPU
//! guessing better, but WebCrypto has no Argon2 and a wasm Argon2id with
//! OWASP's parameters (19 MiB, 2 passes) is several times slower than
//! native PBKDF2 at the same cost to an attacker's hardware, on the 1.5 s
//! unlock budget.
//!
//! The cipher is behind a trait object ([`gcm`]): the Trunk build fetches
//! its code only for a journal with a lock, with the first passphrase asked
//! for, so the first load of everyone else goes without it.
//!
//! # Random numbers
//! From `crypto.getRandomValues` in the browser (never `Math.random`), from
//! the OS natively. Random 96-bit IVs under one key are safe for 2³²
//! encryptions; a journal writes a few per change.
//!
//! # Turning the lock on or off
//! Each value says whether it is sealed, and with which key, so a journal
//! half way through is readable value by value; the header says which way
//! it is going, and re-running the same call finishes it. See
//! [`Store::turn_lock_on`](crate::store::Store::turn_lock_on).
//!
//! # The UI's calls
//! - On load: [`Store::lock_status`](crate::store::Store::lock_status);
//!   when `Locked`, ask for the passphrase, [`derive_kek`] with the
//!   header's [`KdfParams`], [`Store::unlock`](crate::store::Store::unlock),
//!   then [`Store::open`](crate::store::Store::open).
//! - Lock now / after idle: [`Store::lock`](crate::store::Store::lock), and
//!   drop the journal from the page.
//! - Data: [`Store::turn_lock_on`](crate::store::Store::turn_lock_on) (with
//!   [`KdfParams::fresh`]), [`Store::remove_lock`](crate::store::Store::remove_lock),
//!   [`Store::change_passphrase`](crate::store::Store::change_passphrase),
//!   and when `open` reports [`Problem::LockChangeCutShort`](crate::store::Problem::LockChangeCutShort),
//!   [`Store::finish_lock_change`](crate::store::Store::finish_lock_change).
//! - Backups: [`Store::encode_backup`](crate::store::Store::encode_backup)
//!   writes an encrypted file when the lock is on;
//!   [`Backup::decode`](crate::store::backup::Backup::decode) says
//!   [`BackupError::Locked`](crate::store::backup::BackupError::Locked), and
//!   [`Backup::decode_locked`](crate::store::backup::Backup::decode_locked)
//!   opens it with the KEK derived from the file's own parameters.

pub(crate) mod base64;
pub mod gcm;
pub(crate) mod header;
pub(crate) mod seal;
// Natively: they stretch passphrases with the native PBKDF2.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
mod transition;

use std::fmt;

pub use header::Progress;
pub(crate) use header::{Header, HeaderError, HeaderJson};
pub(crate) use seal::DataKey;

use super::SaveError;

/// The storage key of the header.
pub const LOCK_KEY: &str = "rapport:lock";

/// How the passphrase is stretched into the key-encryption key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KdfParams {
    pub iterations: u32,
    pub salt: [u8; 16],
    pub form: PassphraseForm,
}

/// Which bytes of the typed passphrase are stretched. The same words can
/// reach a browser as different code points ("é" as one character, or "e"
/// and an accent, depending on the keyboard, the system or a paste), and an
/// encrypted backup is opened on other devices: locks and backups made now
/// stretch the Unicode NFC form, so either spelling opens them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PassphraseForm {
    /// The UTF-8 of the text exactly as typed: headers and backups written
    /// before the passphrase was normalised (they have no `passphrase`
    /// field).
    #[default]
    AsTyped,
    /// The UTF-8 of its NFC form (recorded as `"passphrase": "NFC"`).
    Nfc,
}

impl PassphraseForm {
    /// The passphrase's bytes to stretch, in this form.
    pub fn bytes(self, passphrase: &str) -> zeroize::Zeroizing<Vec<u8>> {
        zeroize::Zeroizing::new(match self {
            PassphraseForm::AsTyped => passphrase.as_bytes().to_vec(),
            PassphraseForm::Nfc => nfc(passphrase).into_bytes(),
        })
    }
}

/// The NFC form of `text`: the browser's own `String.prototype.normalize`
/// in wasm (no Unicode tables in the bundle), the `unicode-normalization`
/// crate natively.
fn nfc(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return String::from(js_sys::JsString::from(text).normalize("NFC"));
    #[cfg(not(target_arch = "wasm32"))]
    return unicode_normalization::UnicodeNormalization::nfc(text).collect();
}

impl KdfParams {
    /// The name the header records.
    pub const NAME: &'static str = "PBKDF2-SHA256";
    /// OWASP's minimum for PBKDF2-HMAC-SHA256 (2023).
    pub const ITERATIONS: u32 = 600_000;

    /// Parameters for a new passphrase: a fresh random salt.
    pub fn fresh() -> Result<KdfParams, LockError> {
        let mut salt = [0; 16];
        random_bytes(&mut salt)?;
        Ok(KdfParams { iterations: KdfParams::ITERATIONS, salt, form: PassphraseForm::Nfc })
    }
}

/// Where this store stands with the lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockStatus {
    /// No lock: nothing is encrypted.
    Off,
    /// Locked, and this tab holds no key: nothing can be read or saved.
    /// Derive the KEK with `kdf` to unlock.
    Locked { kdf: KdfParams },
    /// Unlocked: reads decrypt and writes encrypt. `change` is set while
    /// turning the lock on or off has not finished.
    Unlocked { change: Option<LockChange> },
}

/// A lock being turned on or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockChange {
    TurningOn,
    TurningOff,
}

/// Why a lock operation did not happen, or did not finish.
#[derive(Clone, Debug, PartialEq)]
pub enum LockError {
    /// The passphrase does not open this lock (or this backup).
    WrongPassphrase,
    /// The journal has no lock.
    NotLocked,
    /// The journal is locked already.
    AlreadyLocked,
    /// This tab holds no key: unlock first.
    Locked,
    /// Not enough room for the encrypted journal: `needed` more units
    /// (UTF-16 code units) are needed. Nothing is left encrypted: what was
    /// encrypted before storage filled up has been decrypted again.
    NoRoom { needed: usize },
    /// Storage refused a write (the tab is closing, storage was blocked).
    /// Every record is still readable; run the same call again to finish.
    Storage(SaveError),
    /// The header cannot be read.
    Header(String),
    /// The browser's cryptography failed.
    Crypto(String),
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::WrongPassphrase => f.write_str("that passphrase is not the right one"),
            LockError::NotLocked => f.write_str("the journal has no lock"),
            LockError::AlreadyLocked => f.write_str("the journal is locked already"),
            LockError::Locked => f.write_str("the journal is locked: enter its passphrase first"),
            LockError::NoRoom { needed } => write!(
                f,
                "the encrypted journal would not fit in this browser's storage ({} more characters are needed). Nothing was left encrypted. Delete data set aside or old interactions, then try again",
                crate::model::text::thousands(*needed)
            ),
            LockError::Storage(e) => write!(
                f,
                "the browser stopped the change part way ({e}). Every record can still be read; try again to finish"
            ),
            LockError::Header(why) => write!(f, "the journal's lock cannot be read: {why}"),
            LockError::Crypto(why) => write!(f, "the browser's encryption failed ({why})"),
        }
    }
}

impl From<SaveError> for LockError {
    fn from(e: SaveError) -> Self {
        LockError::Storage(e)
    }
}

impl From<super::BackendError> for LockError {
    fn from(e: super::BackendError) -> Self {
        LockError::Storage(e.into())
    }
}

/// Fills `buf` with cryptographically strong random bytes.
pub(crate) fn random_bytes(buf: &mut [u8]) -> Result<(), LockError> {
    #[cfg(target_arch = "wasm32")]
    return super::webcrypto::random_bytes(buf);
    #[cfg(not(target_arch = "wasm32"))]
    return getrandom::fill(buf).map_err(|e| LockError::Crypto(e.to_string()));
}

/// The key-encryption key for `passphrase`: WebCrypto's PBKDF2 in the
/// browser, the `pbkdf2` crate natively.
pub async fn derive_kek(passphrase: &str, kdf: &KdfParams) -> Result<[u8; 32], LockError> {
    pbkdf2_sha256(&kdf.form.bytes(passphrase), &kdf.salt, kdf.iterations).await
}

/// PBKDF2-HMAC-SHA256, 32 bytes: what [`derive_kek`] computes, for any salt.
pub async fn pbkdf2_sha256(secret: &[u8], salt: &[u8], iterations: u32) -> Result<[u8; 32], LockError> {
    #[cfg(target_arch = "wasm32")]
    return super::webcrypto::pbkdf2_sha256(secret, salt, iterations).await;
    #[cfg(not(target_arch = "wasm32"))]
    return Ok(pbkdf2_sha256_blocking(secret, salt, iterations));
}

/// [`derive_kek`], synchronously, for tests and native tools.
#[cfg(not(target_arch = "wasm32"))]
pub fn derive_kek_blocking(passphrase: &str, kdf: &KdfParams) -> [u8; 32] {
    pbkdf2_sha256_blocking(&kdf.form.bytes(passphrase), &kdf.salt, kdf.iterations)
}

/// [`pbkdf2_sha256`], synchronously.
#[cfg(not(target_arch = "wasm32"))]
pub fn pbkdf2_sha256_blocking(secret: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<pbkdf2::sha2::Sha256, 32>(secret, salt, iterations)
}

/// What a store knows of the lock.
#[derive(Debug, Default)]
pub(crate) struct LockState {
    /// The header as last read; `None` when the journal has no lock.
    pub header: Option<Header>,
    /// The data key, once unlocked.
    pub key: Option<DataKey>,
}

impl LockState {
    /// Locked, without the key: nothing may be read or written.
    pub fn locked(&self) -> bool {
        self.header.is_some() && self.key.is_none()
    }

    /// The key writes are sealed with, as far as this store knows.
    pub fn sealing_key(&self) -> Option<&DataKey> {
        match &self.header {
            Some(h) if h.progress != Progress::Unsealing => self.key.as_ref(),
            _ => None,
        }
    }
}
