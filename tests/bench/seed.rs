//! Prints, as one JSON object of localStorage keys and values, a realistic
//! journal of N interactions with 300 people, encoded by the app's own store.
//!
//! `cargo run --release --example bench_seed -- 25000 > seed.json`
//!
//! With `--lock PASSPHRASE` the journal is locked with that passphrase, as
//! the app locks it (PBKDF2-SHA256, 600,000 iterations, a fresh salt), for
//! measuring the unlock.

#[path = "../support/sample.rs"]
mod sample;

use rapport::store::{KdfParams, MemoryBackend, Store};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (count, passphrase) = match args.as_slice() {
        [count] => (count.parse::<usize>().ok(), None),
        [count, flag, passphrase] if flag == "--lock" => (count.parse::<usize>().ok(), Some(passphrase.as_str())),
        _ => (None, None),
    };
    let Some(count) = count else {
        eprintln!("usage: bench_seed <number of interactions> [--lock <passphrase>]");
        std::process::exit(2);
    };
    let (people, interactions) = sample::journal(count);
    let mut store = Store::new(MemoryBackend::new());
    store.open();
    if let Err(e) = store.merge(sample::records(people, interactions)) {
        eprintln!("could not build the journal: {e}");
        std::process::exit(1);
    }
    if let Some(passphrase) = passphrase {
        let locked = KdfParams::fresh().and_then(|kdf| {
            let kek = kek_for(passphrase, &kdf);
            store.turn_lock_on(&kek, kdf)
        });
        if let Err(e) = locked {
            eprintln!("could not lock the journal: {e}");
            std::process::exit(1);
        }
    }
    let values: serde_json::Map<String, serde_json::Value> =
        store.raw_values().into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect();
    println!("{}", serde_json::Value::Object(values));
}

#[cfg(not(target_arch = "wasm32"))]
fn kek_for(passphrase: &str, kdf: &KdfParams) -> [u8; 32] {
    rapport::store::lock::derive_kek_blocking(passphrase, kdf)
}

/// The seed runs natively; a wasm build of it only has to compile.
#[cfg(target_arch = "wasm32")]
fn kek_for(_: &str, _: &KdfParams) -> [u8; 32] {
    unimplemented!("bench_seed runs natively")
}
