//! AES-256-GCM behind a trait object. Its code (the `aes-gcm` crate and what
//! it needs, about 14 KB of wasm) serves only journals with a lock, so the
//! Trunk build (the `split` feature) leaves it out of the first load: the UI
//! fetches it with the first passphrase asked for and hands its constructor
//! over ([`provide`]); see `ui::on_demand::fetch_lock_code`. Builds without
//! `split` (native, the wasm tests) link it in.

use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce, Tag};

use super::LockError;

/// Bytes of an IV.
pub const IV: usize = 12;
/// Bytes of a tag.
pub const TAG: usize = 16;

/// One expanded AES-256-GCM key.
pub trait Gcm {
    /// Encrypts `buffer` in place and gives its tag; `None` if it is too long.
    fn encrypt(&self, iv: &[u8; IV], aad: &[u8], buffer: &mut [u8]) -> Option<[u8; TAG]>;
    /// Decrypts `buffer` in place, if `tag` authenticates it.
    fn decrypt(&self, iv: &[u8; IV], aad: &[u8], buffer: &mut [u8], tag: &[u8; TAG]) -> bool;
}

/// Expands a key: what the lock's code provides.
pub type NewGcm = fn(&[u8; 32]) -> Box<dyn Gcm>;

/// The `aes-gcm` crate's AES-256-GCM (its key schedule is zeroised on drop).
pub fn aes_256_gcm(key: &[u8; 32]) -> Box<dyn Gcm> {
    Box::new(Aes256Gcm::new(&Key::<Aes256Gcm>::from(*key)))
}

impl Gcm for Aes256Gcm {
    fn encrypt(&self, iv: &[u8; IV], aad: &[u8], buffer: &mut [u8]) -> Option<[u8; TAG]> {
        self.encrypt_inout_detached(&Nonce::from(*iv), aad, buffer.into()).ok().map(Into::into)
    }

    fn decrypt(&self, iv: &[u8; IV], aad: &[u8], buffer: &mut [u8], tag: &[u8; TAG]) -> bool {
        self.decrypt_inout_detached(&Nonce::from(*iv), aad, buffer.into(), &Tag::from(*tag)).is_ok()
    }
}

#[cfg(feature = "split")]
thread_local! {
    static PROVIDED: std::cell::Cell<Option<NewGcm>> = const { std::cell::Cell::new(None) };
}

/// Hands over the constructor that came with the lock's code.
#[cfg(feature = "split")]
pub fn provide(new: NewGcm) {
    PROVIDED.with(|provided| provided.set(Some(new)));
}

/// `key`, expanded; an error if the lock's code has not arrived.
pub(crate) fn new_gcm(key: &[u8; 32]) -> Result<Box<dyn Gcm>, LockError> {
    #[cfg(not(feature = "split"))]
    return Ok(aes_256_gcm(key));
    #[cfg(feature = "split")]
    PROVIDED.with(std::cell::Cell::get).map(|new| new(key)).ok_or_else(|| {
        LockError::Crypto("the lock's part of Rapport has not arrived: reload Rapport, then try again".into())
    })
}
