//! The browser's cryptography for the lock: random bytes from
//! `crypto.getRandomValues`, and the passphrase stretched by
//! `SubtleCrypto.deriveBits` (PBKDF2-HMAC-SHA256, at native speed).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::lock::LockError;

fn crypto() -> Result<web_sys::Crypto, LockError> {
    let global = js_sys::global();
    // A page, or a worker.
    let crypto = js_sys::Reflect::get(&global, &JsValue::from_str("crypto")).map_err(|e| failed(&e))?;
    crypto.dyn_into::<web_sys::Crypto>().map_err(|_| LockError::Crypto("this browser offers no cryptography".into()))
}

fn failed(error: &JsValue) -> LockError {
    let why = match error.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => error.as_string().unwrap_or_else(|| "unknown error".into()),
    };
    LockError::Crypto(why)
}

pub fn random_bytes(buf: &mut [u8]) -> Result<(), LockError> {
    crypto()?.get_random_values_with_u8_array(buf).map_err(|e| failed(&e))?;
    Ok(())
}

pub async fn pbkdf2_sha256(secret: &[u8], salt: &[u8], iterations: u32) -> Result<[u8; 32], LockError> {
    let subtle = crypto()?.subtle();
    let secret = js_sys::Uint8Array::from(secret);
    let usages = js_sys::Array::of1(&JsValue::from_str("deriveBits"));
    let base = subtle.import_key_with_str("raw", &secret, "PBKDF2", false, &usages).map_err(|e| failed(&e))?;
    let base: web_sys::CryptoKey = JsFuture::from(base).await.map_err(|e| failed(&e))?.unchecked_into();
    secret.fill(0, 0, secret.length());
    let salt = js_sys::Uint8Array::from(salt);
    let params = web_sys::Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &salt);
    let bits = subtle.derive_bits_with_object(&params, &base, 256).map_err(|e| failed(&e))?;
    let bits = JsFuture::from(bits).await.map_err(|e| failed(&e))?;
    let bytes = js_sys::Uint8Array::new(&bits);
    let mut kek = [0; 32];
    if bytes.length() != 32 {
        return Err(LockError::Crypto(format!("PBKDF2 gave {} bytes", bytes.length())));
    }
    bytes.copy_to(&mut kek);
    bytes.fill(0, 0, 32);
    Ok(kek)
}
