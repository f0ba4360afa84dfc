//! The domain: records and the rules over them. Pure Rust, no browser APIs,
//! so every rule here is tested natively with `cargo test`.

mod draft;
mod id;
mod interaction;
mod journal;
mod op;
mod person;
pub mod time;
pub mod relationship;
#[cfg(test)]
pub(crate) mod testing;

pub use draft::{
    Field, FieldError, InteractionDraft, MAX_MINUTES, PersonDraft, Validated, format_at, message_for, parse_at,
    parse_date,
};
pub use id::{BadId, Id};
pub use interaction::{
    Dependency, Direction, Expectation, FollowUp, Interaction, Kind, Reliance, describe_dependency,
    describe_expectation,
};
pub use journal::{Journal, Month, PersonSummary, Query, group_by_day};
pub use op::{Op, describe_interaction};
pub use person::{Person, Role, parse_tags};
pub use relationship::{Standing, Tally};
