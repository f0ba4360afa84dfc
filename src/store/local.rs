//! The browser's localStorage as a [`Backend`].
//!
//! Every call goes through `web_sys` and turns exceptions into values: a
//! browser that blocks storage (private modes, disabled cookies) or a full
//! quota must never crash the app.

use wasm_bindgen::JsCast;
use web_sys::Storage;

use super::{Accounting, Backend, BackendError};

thread_local! {
    /// The running engine's accounting, found once per page.
    static ACCOUNTING: std::cell::OnceCell<Accounting> = const { std::cell::OnceCell::new() };
}

/// How the running engine charges localStorage, from the user agent (see
/// [`Accounting::for_user_agent`] for why not a probe), read once and kept.
pub fn running_accounting() -> Accounting {
    ACCOUNTING.with(|cell| {
        *cell.get_or_init(|| {
            let ua = web_sys::window().and_then(|w| w.navigator().user_agent().ok()).unwrap_or_default();
            Accounting::for_user_agent(&ua)
        })
    })
}

pub struct LocalStorageBackend {
    storage: Storage,
}

impl LocalStorageBackend {
    /// The page's localStorage, or why it cannot be used.
    pub fn open() -> Result<LocalStorageBackend, BackendError> {
        let window = web_sys::window().ok_or_else(|| BackendError::Unavailable("no window".into()))?;
        let storage = window
            .local_storage()
            .map_err(|e| BackendError::Unavailable(describe(&e)))?
            .ok_or_else(|| BackendError::Unavailable("this browser offers no localStorage".into()))?;
        // Some browsers hand out a storage object that throws on first use.
        storage.length().map_err(|e| BackendError::Unavailable(describe(&e)))?;
        Ok(LocalStorageBackend { storage })
    }
}

fn describe(error: &wasm_bindgen::JsValue) -> String {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        format!("{}: {}", exception.name(), exception.message())
    } else {
        error.as_string().unwrap_or_else(|| "unknown error".into())
    }
}

fn classify(error: wasm_bindgen::JsValue) -> BackendError {
    match error.dyn_ref::<web_sys::DomException>() {
        // Chromium and Safari name it QuotaExceededError; Firefox has used
        // NS_ERROR_DOM_QUOTA_REACHED. Code 22 is the legacy constant.
        Some(e) if e.name() == "QuotaExceededError" || e.name() == "NS_ERROR_DOM_QUOTA_REACHED" || e.code() == 22 => {
            BackendError::QuotaExceeded
        }
        Some(e) if e.name() == "SecurityError" => BackendError::Unavailable(describe(&error)),
        _ => BackendError::Other(describe(&error)),
    }
}

impl Backend for LocalStorageBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.storage.get_item(key).map_err(classify)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        self.storage.set_item(key, value).map_err(classify)
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.storage.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        let length = self.storage.length().map_err(classify)?;
        (0..length).filter_map(|i| self.storage.key(i).map_err(classify).transpose()).collect()
    }

    fn quota(&self) -> Option<usize> {
        Some(super::backend::TYPICAL_QUOTA)
    }

    fn accounting(&self) -> Accounting {
        running_accounting()
    }
}
