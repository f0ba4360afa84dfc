//! `rapport:lock`: the one readable value of a locked journal.
//!
//! `J` and one JSON object:
//!
//! ```json
//! {"lock": 1,
//!  "kdf": {"name": "PBKDF2-SHA256", "iterations": 600000, "salt": "<16 bytes, base64>"},
//!  "key": "<the data key's id, 8 hex digits>",
//!  "wrapped": "<the data key: IV, AES-256-GCM ciphertext and tag, base64>",
//!  "state": "sealed"}
//! ```
//!
//! `state` is `sealed` once every value is encrypted, `sealing` while the
//! lock is being turned on and `unsealing` while it is being removed (values
//! may then be either: each says which it is).

use serde::{Deserialize, Serialize};

use super::{KdfParams, PassphraseForm, base64};

/// The header layout this build writes and reads.
pub const HEADER_VERSION: u32 = 1;

/// Where a lock stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Every value is sealed (writes seal).
    Sealed,
    /// Being turned on: values are being sealed (writes seal).
    Sealing,
    /// Being removed: values are being opened (writes do not seal).
    Unsealing,
}

impl Progress {
    fn name(self) -> &'static str {
        match self {
            Progress::Sealed => "sealed",
            Progress::Sealing => "sealing",
            Progress::Unsealing => "unsealing",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub kdf: KdfParams,
    pub key_id: u32,
    pub wrapped: Vec<u8>,
    pub progress: Progress,
}

/// Why a header could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// A layout, key derivation or state this build does not know.
    Newer(String),
    Damaged(String),
}

impl std::fmt::Display for HeaderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeaderError::Newer(what) => write!(f, "it was written by a newer version of Rapport ({what})"),
            HeaderError::Damaged(why) => write!(f, "it is damaged ({why})"),
        }
    }
}

/// The key derivation as JSON: the lock's header and encrypted backups
/// write it alike.
#[derive(Serialize, Deserialize)]
pub(crate) struct KdfJson {
    pub name: String,
    pub iterations: u32,
    pub salt: String,
    /// "NFC", or absent for a passphrase stretched as typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passphrase: Option<String>,
}

impl KdfJson {
    pub fn of(kdf: &KdfParams) -> KdfJson {
        KdfJson {
            name: KdfParams::NAME.into(),
            iterations: kdf.iterations,
            salt: base64::encode(&kdf.salt),
            passphrase: (kdf.form == PassphraseForm::Nfc).then(|| "NFC".into()),
        }
    }

    /// The passphrase's form, or (`Err`) what this build does not know:
    /// another stretching, or another form, from a newer version.
    pub fn known(&self) -> Result<PassphraseForm, String> {
        if self.name != KdfParams::NAME {
            return Err(format!("the passphrase stretched with {}", self.name));
        }
        match self.passphrase.as_deref() {
            None => Ok(PassphraseForm::AsTyped),
            Some("NFC") => Ok(PassphraseForm::Nfc),
            Some(other) => Err(format!("the passphrase read in the form “{other}”")),
        }
    }
}

/// Reads the key fields that the header and encrypted backups share: the
/// derivation's salt and rounds, the data key's id (8 hex digits) and the
/// wrapped key; or says which one is damaged.
pub(crate) fn read_key_fields(
    kdf: &KdfJson,
    form: PassphraseForm,
    key: &str,
    wrapped: &str,
) -> Result<(KdfParams, u32, Vec<u8>), &'static str> {
    let salt = base64::decode(&kdf.salt)
        .and_then(|s| <[u8; 16]>::try_from(s).ok())
        .ok_or("its salt is not 16 bytes of base64")?;
    if kdf.iterations == 0 {
        return Err("it stretches the passphrase 0 times");
    }
    let id = (key.len() == 8)
        .then(|| u32::from_str_radix(key, 16).ok())
        .flatten()
        .ok_or("its key id is not 8 hex digits")?;
    let wrapped = base64::decode(wrapped).ok_or("its wrapped key is not base64")?;
    Ok((KdfParams { iterations: kdf.iterations, salt, form }, id, wrapped))
}

/// The lock's header as stored (`rapport:lock`).
#[derive(Serialize, Deserialize)]
pub(crate) struct HeaderJson {
    lock: u32,
    kdf: KdfJson,
    key: String,
    wrapped: String,
    state: String,
}

impl Header {
    pub fn encode(&self) -> String {
        let json = HeaderJson {
            lock: HEADER_VERSION,
            kdf: KdfJson::of(&self.kdf),
            key: format!("{:08x}", self.key_id),
            wrapped: base64::encode(&self.wrapped),
            state: self.progress.name().into(),
        };
        crate::store::codec::plain(&crate::serial::get().header_to_json(&json))
    }

    pub fn decode(value: &str) -> Result<Header, HeaderError> {
        let damaged = |why: &str| HeaderError::Damaged(why.to_owned());
        let text = value.strip_prefix('J').ok_or_else(|| damaged("it is not JSON"))?;
        let json = crate::serial::get().header_from_json(text, HEADER_VERSION)?;
        let form = json.kdf.known().map_err(HeaderError::Newer)?;
        let (kdf, key_id, wrapped) = read_key_fields(&json.kdf, form, &json.key, &json.wrapped).map_err(damaged)?;
        let progress = match json.state.as_str() {
            "sealed" => Progress::Sealed,
            "sealing" => Progress::Sealing,
            "unsealing" => Progress::Unsealing,
            other => return Err(HeaderError::Newer(format!("the state “{other}”"))),
        };
        Ok(Header { kdf, key_id, wrapped, progress })
    }
}
