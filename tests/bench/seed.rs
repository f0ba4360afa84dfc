//! Prints, as one JSON object of localStorage keys and values, a realistic
//! journal of N interactions with 300 people, encoded by the app's own store.
//!
//! `cargo run --release --example bench_seed -- 25000 > seed.json`

#[path = "../support/sample.rs"]
mod sample;

use rapport::store::{MemoryBackend, Store};

fn main() {
    let count: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        Some(Ok(count)) => count,
        _ => {
            eprintln!("usage: bench_seed <number of interactions>");
            std::process::exit(2);
        }
    };
    let (people, interactions) = sample::journal(count);
    let mut store = Store::new(MemoryBackend::new());
    store.open();
    if let Err(e) = store.merge(sample::records(people, interactions)) {
        eprintln!("could not build the journal: {e}");
        std::process::exit(1);
    }
    let values: serde_json::Map<String, serde_json::Value> =
        store.raw_values().into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect();
    println!("{}", serde_json::Value::Object(values));
}
