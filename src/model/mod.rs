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

/// A unit-variant enum of choices, written once as a table: each variant
/// with its token (the stable spelling in forms, addresses and storage) and
/// its label (what people read). Makes the enum, `ALL` in the table's order,
/// `token()`, `label()`, `from_token()`, and serde through the token,
/// whose errors name the value as `as "…"` says.
macro_rules! choices {
    (
        $(#[$meta:meta])*
        pub enum $name:ident as $what:literal {
            $( $(#[$variant_meta:meta])* $variant:ident => $token:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every choice, in the order forms list them.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            pub fn token(self) -> &'static str {
                match self {
                    $($name::$variant => $token,)+
                }
            }

            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            pub fn from_token(token: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|choice| choice.token() == token)
            }
        }

        $crate::model::serde_by_token!($name, $what);
    };
}

pub mod activity;
pub mod archive;
pub mod assessment;
pub mod career;
pub mod chain;
mod draft;
pub mod export;
mod id;
pub mod import;
pub mod insights;
mod interaction;
mod journal;
pub mod lock;
pub mod merge;
pub mod mode;
mod op;
pub mod order;
mod person;
pub mod record;
pub mod relationship;
pub mod review;
pub mod room;
pub mod safekeeping;
pub mod task;
#[cfg(test)]
pub(crate) mod testing;
pub mod text;
pub mod time;

pub use draft::{
    Field, FieldError, InteractionDraft, MAX_MINUTES, PersonDraft, Validated, check_email, check_url, format_at,
    message_for, parse_at, parse_date,
};
pub use id::{BadId, Id, IdMap, IdSet};
pub use interaction::{
    Dependency, Direction, Expectation, FollowUp, Initiator, Interaction, Kind, Reliance, describe_dependency,
    describe_expectation,
};
pub use journal::{Journal, Month, PersonSummary, Query, group_by_day, upsert_by_id};
pub use op::{Change, Op, describe_interaction};
pub use person::{Person, Role, parse_tags};
pub use record::{AnyRecord, Record, RecordKind, Rev, Tombstone};
pub(crate) use record::{with_kind, with_record};
pub use relationship::{Standing, Tally};
pub use text::capitalise;

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::mode::Mode;
    use super::review::{GoalStatus, Trait};
    use super::{Direction, FollowUp, Initiator, Kind, Reliance, Role};

    /// For each `choices!` enum: every choice reads back from its token, in
    /// forms and in storage, and no two share a token or a label.
    macro_rules! each_choice_round_trips {
        ($($choices:ty),+) => {$({
            let all = <$choices>::ALL;
            for choice in all {
                assert_eq!(<$choices>::from_token(choice.token()), Some(choice));
                let stored = serde_json::to_string(&choice).expect("serializes");
                assert_eq!(stored, format!("\"{}\"", choice.token()));
                assert_eq!(serde_json::from_str::<$choices>(&stored).ok(), Some(choice));
            }
            assert_eq!(all.iter().map(|c| c.token()).collect::<HashSet<_>>().len(), all.len());
            assert_eq!(all.iter().map(|c| c.label()).collect::<HashSet<_>>().len(), all.len());
            assert_eq!(<$choices>::from_token("no such token"), None);
        })+};
    }

    #[test]
    fn every_choice_reads_back_from_its_token() {
        each_choice_round_trips!(Kind, Reliance, Direction, FollowUp, Initiator, Role, Mode, Trait, GoalStatus);
    }

    #[test]
    fn an_unknown_stored_token_is_an_error_that_names_what_it_should_be() {
        let error = serde_json::from_str::<Role>("\"boss\"").expect_err("not a role").to_string();
        assert!(error.contains("“boss” is not a role"), "{error}");
    }
}
