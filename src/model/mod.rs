//! The domain: records and the rules over them. Pure Rust, no browser APIs,
//! so every rule here is tested natively with `cargo test`.

/// Serde for a unit-variant enum through its `token()` and `from_token()`,
/// so forms, addresses and storage share one spelling (and one small
/// deserializer instead of a derived one per enum).
macro_rules! serde_by_token {
    ($type:ty, $what:literal) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.token())
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let token = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                <$type>::from_token(&token)
                    .ok_or_else(|| serde::de::Error::custom(format!("“{token}” is not a {}", $what)))
            }
        }
    };
}
pub(crate) use serde_by_token;

pub mod activity;
pub mod assessment;
pub mod career;
pub mod chain;
mod draft;
mod id;
pub mod insights;
mod interaction;
mod journal;
pub mod merge;
pub mod mode;
mod op;
mod person;
pub mod record;
pub mod relationship;
pub mod review;
pub mod task;
#[cfg(test)]
pub(crate) mod testing;
pub mod text;
pub mod time;

pub use draft::{
    Field, FieldError, InteractionDraft, MAX_MINUTES, PersonDraft, Validated, format_at, message_for, parse_at,
    parse_date,
};
pub use id::{BadId, Id, IdMap, IdSet};
pub use interaction::{
    Dependency, Direction, Expectation, FollowUp, Initiator, Interaction, Kind, Reliance, describe_dependency,
    describe_expectation,
};
pub use journal::{Journal, Month, PersonSummary, Query, group_by_day, upsert_by_id};
pub use op::{Change, Op, describe_interaction};
pub use person::{Person, Role, parse_tags};
pub(crate) use record::with_kind;
pub use record::{AnyRecord, Record, RecordKind, Rev, Tombstone};
pub use relationship::{Standing, Tally};
pub use text::capitalise;
