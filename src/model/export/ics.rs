//! What has a date, as an iCalendar file (RFC 5545) of all-day events with a
//! reminder: calendar apps ignore to-dos, and show events everywhere.
//!
//! Every event's UID stays the same from one export to the next and its
//! SEQUENCE grows with the export time, so importing a newer export updates
//! the events instead of adding copies.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::text_lines::{escape, push_line};
use crate::model::mode::{Touch, touch};
use crate::model::review::{NextReview, next_review};
use crate::model::time::{basic_date, basic_utc};
use crate::model::{Direction, Journal, describe_interaction};

/// One all-day event.
struct Event {
    uid: String,
    day: NaiveDate,
    summary: String,
    description: String,
}

/// Open expectations with a due date, open tasks with a due date, the next
/// review, and when each person with a keep-in-touch cadence is due (today
/// for those already fading). `stamp` is the export time, in UTC.
pub fn calendar(journal: &Journal, today: NaiveDate, stamp: NaiveDateTime) -> String {
    let mut events = Vec::new();
    for i in journal.interactions() {
        let Some(e) = i.expectation.as_ref().filter(|e| e.is_open()) else { continue };
        let Some(due) = e.due else { continue };
        let summary = match e.direction {
            Direction::TheyExpectOfMe => format!("Promise due: {}", e.what),
            Direction::IExpectOfThem => format!("Expected of them: {}", e.what),
        };
        let description = format!("From {}.", describe_interaction(i, journal));
        events.push(Event { uid: format!("expectation-{}@rapport", i.id), day: due, summary, description });
    }
    for t in journal.tasks().iter().filter(|t| t.is_open()) {
        let Some(due) = t.due else { continue };
        let description = format!("For {}.", t.customer(journal));
        events.push(Event {
            uid: format!("task-{}@rapport", t.id),
            day: due,
            summary: format!("Task due: {}", t.title),
            description,
        });
    }
    let review = match next_review(journal) {
        NextReview::On(date) => Some(date),
        NextReview::First => Some(today),
        NextReview::Off => None,
    };
    if let Some(day) = review {
        let summary = "Review your working relationships".to_owned();
        events.push(Event {
            uid: "review@rapport".to_owned(),
            day,
            summary,
            description: "Rapport → Review.".to_owned(),
        });
    }
    let tallies = journal.tallies();
    for p in journal.people_by_name() {
        let last = tallies.get(&p.id).and_then(|t| t.last).map(|at| at.date());
        let day = match touch(p, last, today) {
            Touch::OnTrack { due } => due,
            Touch::Fading { .. } | Touch::NeverMet => today,
            Touch::NoCadence => continue,
        };
        let description = Touch::describe(touch(p, last, today), p.cadence_days.unwrap_or_default());
        events.push(Event {
            uid: format!("touch-{}@rapport", p.id),
            day,
            summary: format!("Keep in touch: {}", p.name),
            description,
        });
    }
    write(&events, stamp)
}

fn write(events: &[Event], stamp: NaiveDateTime) -> String {
    let stamp_text = basic_utc(stamp);
    let sequence = stamp.and_utc().timestamp().max(0);
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Rapport//Rapport journal//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Rapport",
    ] {
        push_line(&mut out, line);
    }
    for e in events {
        let summary = escape(&e.summary);
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", e.uid));
        push_line(&mut out, &format!("DTSTAMP:{stamp_text}"));
        push_line(&mut out, &format!("SEQUENCE:{sequence}"));
        push_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", basic_date(e.day)));
        push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", basic_date(e.day + Duration::days(1))));
        push_line(&mut out, &format!("SUMMARY:{summary}"));
        push_line(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
        push_line(&mut out, "TRANSP:TRANSPARENT");
        // At nine in the morning of the day.
        push_line(&mut out, "BEGIN:VALARM");
        push_line(&mut out, "ACTION:DISPLAY");
        push_line(&mut out, &format!("DESCRIPTION:{summary}"));
        push_line(&mut out, "TRIGGER;RELATED=START:PT9H");
        push_line(&mut out, "END:VALARM");
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{at, day, expecting, interaction};
    use crate::model::{Id, Person};

    fn journal() -> Journal {
        let mut ana = Person::named(Id::from_raw(1), "Ana Lima");
        ana.cadence_days = Some(7);
        let mut promise = expecting(interaction(10, at(2), &[ana.id]), Direction::TheyExpectOfMe, None);
        if let Some(e) = promise.expectation.as_mut() {
            e.due = Some(day(3, 20));
            e.what = "Send the draft, v2; final".into();
        }
        let undated = expecting(interaction(11, at(3), &[ana.id]), Direction::IExpectOfThem, None);
        Journal::from_records(vec![ana, Person::named(Id::from_raw(2), "Bo Chen")], vec![promise, undated])
    }

    fn stamp() -> NaiveDateTime {
        at(5)
    }

    #[test]
    fn dated_open_expectations_and_keeping_in_touch_become_all_day_events_with_a_reminder() {
        let ics = calendar(&journal(), day(3, 5), stamp());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(
            ics.matches("BEGIN:VEVENT").count(),
            3,
            "promise, review due, Ana's cadence; not the undated one: {ics}"
        );
        assert!(ics.contains("UID:expectation-a@rapport\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20260320\r\nDTEND;VALUE=DATE:20260321\r\n"));
        assert!(ics.contains("SUMMARY:Promise due: Send the draft\\, v2\\; final\r\n"));
        assert!(ics.contains("UID:touch-1@rapport\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20260310\r\n"), "Ana last met on 3 Mar, every week: due 10 Mar");
        assert_eq!(ics.matches("TRIGGER;RELATED=START:PT9H").count(), 3);
        assert!(ics.split("\r\n").all(|line| line.len() <= 75));
    }

    #[test]
    fn the_export_time_is_written_in_utc_basic_form() {
        assert!(calendar(&journal(), day(3, 5), stamp()).contains("\r\nDTSTAMP:20260305T093000Z\r\n"));
    }

    #[test]
    fn a_later_export_keeps_the_uids_and_raises_the_sequence() {
        let first = calendar(&journal(), day(3, 5), stamp());
        let later = calendar(&journal(), day(3, 5), stamp() + Duration::hours(1));
        let uids = |ics: &str| ics.lines().filter(|l| l.starts_with("UID:")).map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(uids(&first), uids(&later));
        let sequence =
            |ics: &str| ics.lines().find_map(|l| l.strip_prefix("SEQUENCE:")).and_then(|s| s.parse::<i64>().ok());
        assert!(sequence(&later) > sequence(&first));
    }

    #[test]
    fn met_expectations_and_finished_work_leave_the_calendar() {
        let mut j = journal();
        let mut met = j.interaction(Id::from_raw(10)).cloned().expect("there");
        if let Some(e) = met.expectation.as_mut() {
            e.settle(crate::model::FollowUp::Met, day(3, 4));
        }
        j.upsert_interaction(met);
        assert!(!calendar(&j, day(3, 5), stamp()).contains("expectation-"));
    }
}
