//! An encrypted backup. With the lock on, the download is the same file,
//! compressed and encrypted with the journal's data key, in an envelope
//! that says how to get that key from the passphrase:
//!
//! ```json
//! {
//!   "format": "rapport-backup",
//!   "version": 2,
//!   "encryption": {
//!     "cipher": "AES-256-GCM",
//!     "compression": "zlib",
//!     "kdf": {"name": "PBKDF2-SHA256", "iterations": 600000, "salt": "<base64>"},
//!     "key": "<the data key's id, 8 hex digits>",
//!     "wrapped": "<the data key wrapped by the passphrase's key, base64>"
//!   },
//!   "payload": "<IV, ciphertext and tag of the zlib-compressed version 1 file, base64>"
//! }
//! ```
//!
//! The key fields are the lock header's, so the file opens with the
//! passphrase the journal had when it was written, and writing it needs no
//! passphrase. Nothing else is readable: no dates, no counts. Version 2 is
//! this envelope (a later plain layout takes 3), so a build from before it
//! says the file is from a newer version; it would otherwise read an
//! envelope without records as an empty backup.

use std::collections::BTreeMap;

use miniz_oxide::deflate::compress_to_vec_zlib;
use miniz_oxide::inflate::decompress_to_vec_zlib_with_limit;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::format::MAX_BACKUP_BYTES;
use super::version::FORMAT;
use super::{Backup, BackupError};
use crate::store::lock::header::{KdfJson, read_key_fields};
use crate::store::lock::seal::{self, DataKey};
use crate::store::lock::{Header, LockError, base64};
use crate::store::{KdfParams, Store};

/// The `version` of an encrypted backup.
pub const SEALED_FORMAT_VERSION: u32 = 2;
const CIPHER: &str = "AES-256-GCM";
const COMPRESSION: &str = "zlib";
/// Associated data of the payload: no storage key starts with a NUL.
const AAD: &[u8] = b"\0rapport backup: payload";

#[derive(Serialize, Deserialize)]
struct Encryption {
    cipher: String,
    compression: String,
    kdf: KdfJson,
    key: String,
    wrapped: String,
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u32,
    encryption: Encryption,
    payload: String,
}

fn damaged(what: &str) -> BackupError {
    BackupError::Damaged(what.to_owned())
}

/// What an encrypted file's `encryption` says: the key derivation, the
/// data key's id, and the wrapped key.
fn read_encryption(encryption: &Encryption) -> Result<(KdfParams, u32, Vec<u8>), BackupError> {
    let unknown =
        |what: String| BackupError::Damaged(format!("it uses {what}, which this version of Rapport does not know"));
    if encryption.cipher != CIPHER || encryption.compression != COMPRESSION {
        return Err(unknown(format!("{} and {}", encryption.cipher, encryption.compression)));
    }
    let form = encryption.kdf.known().map_err(unknown)?;
    read_key_fields(&encryption.kdf, form, &encryption.key, &encryption.wrapped).map_err(damaged)
}

/// The error for an encrypted file: what to derive the key with.
pub(super) fn locked(top: &BTreeMap<String, &RawValue>) -> BackupError {
    let Some(encryption) = top.get("encryption") else { return damaged("it is not encrypted") };
    match serde_json::from_str::<Encryption>(encryption.get()) {
        Ok(encryption) => match read_encryption(&encryption) {
            Ok((kdf, _, _)) => BackupError::Locked { kdf },
            Err(e) => e,
        },
        Err(_) => damaged("its encryption header is not as the format says"),
    }
}

fn aad(id: u32) -> Vec<u8> {
    let mut aad = AAD.to_vec();
    aad.extend_from_slice(&id.to_be_bytes());
    aad
}

impl Backup {
    /// The file, encrypted with `key`; `header` says how the passphrase
    /// opens it.
    pub(crate) fn encode_sealed(&self, header: &Header, key: &DataKey) -> Result<String, LockError> {
        let zlib = compress_to_vec_zlib(self.encode().as_bytes(), 6);
        let payload = seal::encrypt(key.cipher(), &aad(key.id), &zlib)?;
        let envelope = Envelope {
            format: FORMAT.into(),
            version: SEALED_FORMAT_VERSION,
            encryption: Encryption {
                cipher: CIPHER.into(),
                compression: COMPRESSION.into(),
                kdf: KdfJson::of(&header.kdf),
                key: format!("{:08x}", key.id),
                wrapped: base64::encode(&header.wrapped),
            },
            payload: base64::encode(&payload),
        };
        let mut text = serde_json::to_string_pretty(&envelope).map_err(|e| LockError::Crypto(e.to_string()))?;
        text.push('\n');
        Ok(text)
    }

    /// Reads an encrypted file ([`BackupError::Locked`]) with the key
    /// derived from the passphrase and the file's own parameters; a plain
    /// file is read as [`Backup::decode`] reads it.
    pub fn decode_locked(text: &str, kek: &[u8; 32]) -> Result<Backup, BackupError> {
        match Backup::decode(text) {
            Err(BackupError::Locked { .. }) => {}
            other => return other,
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let envelope: Envelope =
            serde_json::from_str(text).map_err(|_| damaged("its encryption header is not as the format says"))?;
        let (_, id, wrapped) = read_encryption(&envelope.encryption)?;
        let key = DataKey::unwrap(kek, id, &wrapped).map_err(|e| match e {
            LockError::WrongPassphrase => BackupError::WrongPassphrase,
            other => BackupError::Crypto(other.to_string()),
        })?;
        let payload = base64::decode(&envelope.payload).ok_or_else(|| damaged("its payload is not base64"))?;
        let zlib = seal::decrypt(key.cipher(), &aad(id), &payload)
            .ok_or_else(|| damaged("its encrypted data does not check out: it was changed after it was written"))?;
        let inner = decompress_to_vec_zlib_with_limit(&zlib, MAX_BACKUP_BYTES)
            .map_err(|_| damaged("its encrypted data does not decompress"))?;
        let inner = String::from_utf8(inner).map_err(|_| damaged("its encrypted data is not text"))?;
        match Backup::decode(&inner) {
            Err(BackupError::Locked { .. }) => Err(damaged("it is encrypted twice")),
            other => other,
        }
    }
}

impl Store {
    /// The backup file for `backup` ([`Store::backup`]): encrypted with the
    /// journal's key while the lock is on, plain otherwise.
    pub fn encode_backup(&self, backup: &Backup) -> Result<String, LockError> {
        match (&self.lock.header, &self.lock.key) {
            (Some(header), Some(key)) => backup.encode_sealed(header, key),
            (Some(_), None) => Err(LockError::Locked),
            (None, _) => Ok(backup.encode()),
        }
    }
}
