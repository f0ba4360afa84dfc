//! Dates and times as Rapport writes, reads and shows them.
//!
//! Hand-written rather than chrono's format strings: those bring a format
//! parser and interpreter (about 30 KB of wasm) for the handful of fixed
//! layouts used here.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};
use serde::{Deserialize, Deserializer, Serializer};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(month: u32) -> &'static str {
    MONTHS.get(month.wrapping_sub(1) as usize).copied().unwrap_or("?")
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "2026-03-31", as `<input type="date">` reads and writes it.
pub fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// "20260320": iCalendar's basic date. Written by hand, as every date here
/// is: chrono's `format` brings its whole strftime machinery into the wasm.
pub fn basic_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// "20260320T093005Z": iCalendar's basic time, for a time in UTC.
pub fn basic_utc(at: NaiveDateTime) -> String {
    format!("{}T{:02}{:02}{:02}Z", basic_date(at.date()), at.hour(), at.minute(), at.second())
}

/// "2026-03-31T14:30", as `<input type="datetime-local">` reads and writes it.
pub fn iso_minute(at: NaiveDateTime) -> String {
    format!("{}T{}", iso_date(at.date()), clock(at))
}

/// "14:30"
pub fn clock(at: NaiveDateTime) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// "5 Nov 2026"
pub fn short_date(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), &month_name(date.month())[..3], date.year())
}

/// "Thursday, 5 November 2026"
pub fn long_date(date: NaiveDate) -> String {
    format!("{}, {} {} {}", weekday_name(date.weekday()), date.day(), month_name(date.month()), date.year())
}

/// Reads exactly `width` ASCII digits.
fn number(text: &str, width: usize) -> Option<u32> {
    (text.len() == width && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
}

/// Reads "YYYY-MM-DD".
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(number(year, 4)? as i32, number(month, 2)?, number(day, 2)?)
}

/// The years a date typed by the user may fall in: wide enough for any
/// working life and plan, narrow enough to catch 0205 typed for 2025 (a
/// record dated there would be filed where no one looks for it).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// A date the user typed, "YYYY-MM-DD", within [`YEARS`]; or the message to
/// show next to the field.
pub fn parse_typed_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let date = parse_iso_date(text).ok_or_else(|| format!("“{text}” is not a date; use the form 2026-03-31."))?;
    check_year(date, text)
}

/// A date and time the user typed, within [`YEARS`]; or the message.
pub fn parse_typed_minute(text: &str) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    let at = parse_iso_minute(text)
        .ok_or_else(|| format!("“{text}” is not a date and time; use the form 2026-03-31 14:30."))?;
    check_year(at.date(), text).map(|_| at)
}

fn check_year(date: NaiveDate, text: &str) -> Result<NaiveDate, String> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!("“{text}” is in the year {}; use a year from {} to {}.", date.year(), YEARS.start(), YEARS.end()))
    }
}

/// Reads "YYYY-MM-DDTHH:MM", with an optional ":SS", and a space or a "T"
/// between date and time.
pub fn parse_iso_minute(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.split_once(['T', ' '])?;
    let mut parts = time.split(':');
    let (hour, minute, second) = (parts.next()?, parts.next()?, parts.next());
    if parts.next().is_some() {
        return None;
    }
    let second = match second {
        Some(second) => number(second, 2)?,
        None => 0,
    };
    parse_iso_date(date)?.and_hms_opt(number(hour, 2)?, number(minute, 2)?, second)
}

/// Serde for a time stored as "YYYY-MM-DDTHH:MM".
pub mod minute {
    use super::*;

    pub fn serialize<S: Serializer>(at: &NaiveDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&iso_minute(*at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDateTime, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        parse_iso_minute(&text).ok_or_else(|| serde::de::Error::custom(format!("“{text}” is not a date and time")))
    }
}

/// Serde for a date stored as "YYYY-MM-DD".
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&iso_date(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        parse_iso_date(&text).ok_or_else(|| serde::de::Error::custom(format!("“{text}” is not a date")))
    }
}

/// Serde for an optional date stored as "YYYY-MM-DD".
pub mod optional_date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, serializer: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.serialize_str(&iso_date(*date)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<Cow<str>>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) => parse_iso_date(&text)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("“{text}” is not a date"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn formats_the_fixed_layouts() {
        let t = at(2026, 11, 5, 9, 7);
        assert_eq!(iso_minute(t), "2026-11-05T09:07");
        assert_eq!(iso_date(t.date()), "2026-11-05");
        assert_eq!(clock(t), "09:07");
        assert_eq!(short_date(t.date()), "5 Nov 2026");
        assert_eq!(long_date(t.date()), "Thursday, 5 November 2026");
        assert_eq!(long_date(NaiveDate::from_ymd_opt(2027, 3, 21).unwrap()), "Sunday, 21 March 2027");
    }

    #[test]
    fn parses_what_it_formats_and_what_inputs_give() {
        let t = at(2026, 2, 28, 23, 59);
        assert_eq!(parse_iso_minute(&iso_minute(t)), Some(t));
        assert_eq!(parse_iso_minute("2026-02-28 23:59"), Some(t));
        assert_eq!(parse_iso_minute("2026-02-28T23:59:00"), Some(t));
        assert_eq!(parse_iso_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
    }

    #[test]
    fn refuses_anything_else() {
        for bad in [
            "",
            "2026-02-30",
            "2025-02-29",
            "26-02-01",
            "2026-2-01",
            "2026-02-01-",
            "2026/02/01",
            "+026-02-01",
            "２０２６-02-01",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
        for bad in [
            "2026-02-28",
            "2026-02-28T24:00",
            "2026-02-28T9:30",
            "2026-02-28T09:60",
            "2026-02-28T09:30:00:00",
            "2026-02-28x09:30",
        ] {
            assert_eq!(parse_iso_minute(bad), None, "{bad}");
        }
    }

    #[test]
    fn typed_dates_must_fall_in_a_sensible_range_of_years() {
        assert_eq!(parse_typed_date(" 1900-01-01 "), Ok(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()));
        assert_eq!(parse_typed_date("2200-12-31"), Ok(NaiveDate::from_ymd_opt(2200, 12, 31).unwrap()));
        let message = parse_typed_date("0205-03-01").unwrap_err();
        assert_eq!(message, "“0205-03-01” is in the year 205; use a year from 1900 to 2200.");
        assert!(parse_typed_date("1899-12-31").is_err() && parse_typed_date("2201-01-01").is_err());
        assert!(parse_typed_date("2026-02-30").unwrap_err().contains("is not a date"));
        assert!(parse_typed_minute("0205-03-01T10:00").unwrap_err().contains("year 205"));
        assert_eq!(parse_typed_minute("2026-03-01 10:00"), Ok(at(2026, 3, 1, 10, 0)));
        assert!(parse_typed_minute("2026-03-01").unwrap_err().contains("is not a date and time"));
    }

    #[test]
    fn serde_round_trips_and_rejects_bad_text() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Both {
            #[serde(with = "minute")]
            at: NaiveDateTime,
            #[serde(default, with = "optional_date", skip_serializing_if = "Option::is_none")]
            due: Option<NaiveDate>,
        }
        let value = Both { at: at(2026, 1, 2, 3, 4), due: NaiveDate::from_ymd_opt(2026, 1, 9) };
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, r#"{"at":"2026-01-02T03:04","due":"2026-01-09"}"#);
        assert_eq!(serde_json::from_str::<Both>(&json).unwrap(), value);
        assert_eq!(serde_json::from_str::<Both>(r#"{"at":"2026-01-02T03:04"}"#).unwrap().due, None);
        assert!(serde_json::from_str::<Both>(r#"{"at":"yesterday"}"#).is_err());
        assert!(serde_json::from_str::<Both>(r#"{"at":"2026-01-02T03:04","due":"soon"}"#).is_err());
    }
}
