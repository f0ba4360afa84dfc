//! A realistic journal for measurements: about 300 people and any number of
//! interactions at the pace of heavy use (25,000 in ten years), with notes of about 150 characters of
//! ordinary prose. Deterministic (a fixed seed), so runs compare.
//!
//! The notes are built from many sentence patterns and word lists so that they
//! compress about as well as real prose does, not better; `prose_ratio`
//! lets a caller check that against real text.

#![allow(dead_code)]

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rapport::model::{
    Dependency, Direction, Expectation, FollowUp, Id, Initiator, Interaction, Kind, Person, Reliance, Rev, Role,
};

/// xorshift64*: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[rustfmt::skip]
const FIRST: &[&str] = &[
    "Ana", "Bo", "Carmen", "Dmitri", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Maya",
    "Nikhil", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tomasz", "Uma", "Victor", "Wen", "Ximena", "Yusuf",
    "Zoe", "Aisha", "Bruno", "Chloe", "Diego", "Emma", "Felix", "Gita", "Hannah", "Ivan", "Julia", "Karim",
    "Lena", "Mateo", "Nora", "Oscar", "Priya", "Rafael", "Sofia", "Theo", "Valentina", "William", "Yara",
];
#[rustfmt::skip]
const LAST: &[&str] = &[
    "Lima", "Chen", "Okafor", "Novak", "Schmidt", "Haddad", "Kowalski", "Tanaka", "Moreau", "Lindqvist",
    "Adeyemi", "Rossi", "Patel", "Fischer", "Garcia", "Kim", "Nguyen", "Silva", "Dubois", "Jensen", "Costa",
    "Murphy", "Yilmaz", "Ivanova", "Bakker", "Romero", "Sato", "Mensah", "Larsen", "Hoffmann", "Ferreira",
    "O'Brien", "Petrov", "Alvarez", "Nakamura", "Berg", "Castillo", "Weber", "Santos", "Ahmed",
];
#[rustfmt::skip]
const ORGS: &[&str] = &[
    "Acme Logistics", "Northwind", "Globex", "Initech", "Umbrella Health", "Stark Industries", "Wayne Capital",
    "Cyberdyne", "Soylent Foods", "Hooli", "Vandelay Imports", "Wonka Confectionery", "Tyrell Systems",
    "Oscorp", "Massive Dynamic", "Aperture Labs", "Blue Sun", "Gringotts", "Monarch Solutions", "Pied Piper",
];
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "Head of Finance", "Warehouse Manager", "Purchasing Manager", "Product Owner", "Analyst", "Broker",
    "Engineering Lead", "HR Partner", "Account Executive", "Operations Director", "Designer", "Consultant",
    "Project Manager", "Controller", "Sales Manager", "Data Scientist", "Chief of Staff", "Recruiter",
];
#[rustfmt::skip]
const TOPICS: &[&str] = &[
    "the Q3 forecast", "the vendor contract", "next year's budget", "the onboarding checklist",
    "the warehouse move", "hiring for the data team", "the customer escalation", "the pricing change",
    "the board deck", "the audit findings", "our release plan", "the migration to the new ERP",
    "the conference talk", "the supplier review", "the team offsite", "the renewal with Globex",
    "late shipments in the north region", "the dashboard for operations", "the reorganisation",
    "my promotion case", "the security questionnaire", "the pilot with two stores", "the training budget",
    "the quarterly business review", "the new returns policy", "the partnership proposal",
];
/// Common words, roughly most frequent first; notes draw from them with a
/// skew towards the front, as prose does.
const WORDS: &str = "\
the to and of a in that is for it on was with we he they she be at this as have not are but from by \
had said what will about would there their one all can if so when more up out has been were them my \
me do which who an our also new time some could into no other than just only like people then its \
two now over after first how back year work well way even because any these most us day get make \
know go see think take come want need look use find give tell ask seem feel try leave call keep let \
begin show hear play run move live believe hold bring happen write provide sit stand lose pay meet \
include continue set learn change lead understand watch follow stop create speak read allow add \
spend grow open walk win offer remember consider appear buy wait serve die send expect build stay \
fall cut reach kill remain suggest raise pass sell require report decide pull plan team week month \
quarter budget client customer manager project meeting deadline review draft contract supplier \
forecast report numbers price cost risk scope issue question answer idea option proposal feedback \
priority goal result delivery order shipment warehouse stock invoice account revenue margin target \
hire role promotion training workshop presentation slides agenda summary update process system tool \
data analysis dashboard release launch pilot test survey market region store office site travel call \
email message lunch coffee dinner conference event panel talk network introduction reference partner \
vendor board director lead engineer analyst broker buyer planner designer recruiter colleague boss \
peer report friend family kids school holiday leave weekend morning afternoon evening late early \
soon next last long short small large big good great better best bad worse hard easy clear unclear \
quick slow busy calm tense happy worried upset tired keen open closed final early late formal \
informal honest direct careful positive negative mixed difficult simple complex really quite very \
still again already almost often never always perhaps maybe probably certainly clearly mostly though \
although while since until unless before during between across through around against without within \
monday tuesday wednesday thursday friday january march june september november spring summer autumn \
winter finance legal sales marketing operations product engineering support logistics purchasing \
quality security agree disagree argue push promise commit confirm cancel postpone approve reject \
escalate delegate mentor coach thank apologise praise complain negotiate discuss explain present \
prepare share check fix solve miss handle \
";

#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "We went through", "Spent most of the time on", "Quick catch-up about", "Long discussion of",
    "They wanted my view on", "I asked for help with", "Reviewed", "Started planning", "Disagreed at first on",
    "Agreed the next steps for", "Walked them through", "Got an update on", "Brainstormed options for",
];
#[rustfmt::skip]
const DETAILS: &[&str] = &[
    "numbers look better than last month", "they are worried about the deadline", "legal still has to sign off",
    "we need two more people by March", "the customer asked for weekly reports", "costs came in 8% over plan",
    "nobody owns the handover yet", "she will loop in her manager", "he prefers short written summaries",
    "the pilot results were mixed", "they liked the second option", "timing depends on the freight rates",
    "we should involve finance earlier", "it went well overall", "there was some tension about scope",
    "the draft needs another pass", "we agreed to keep it informal", "the team is stretched this quarter",
];
#[rustfmt::skip]
const CLOSERS: &[&str] = &[
    "Follow up next week.", "Send notes by Friday.", "Check again after the review.",
    "Good energy, worth meeting monthly.", "Ask about their kids' school next time.",
    "Remember they are on leave in August.", "Share the spreadsheet.", "Book a longer slot.",
    "Mention it to my manager.", "Keep an eye on this.", "Offer to introduce them to Priya.",
];
#[rustfmt::skip]
const PROMISES: &[&str] = &[
    "send the revised forecast", "review their slides", "introduce them to our buyer", "share the contract draft",
    "confirm the delivery dates", "write a reference", "prepare the cost comparison", "call the supplier",
    "update the project plan", "book the workshop room", "fix the report totals", "answer the RFP questions",
];

fn word(rng: &mut Rng, words: &[&'static str]) -> &'static str {
    // Squaring a uniform draw favours the front of the list, like word
    // frequencies in real text.
    let u = rng.below(10_000) as f64 / 10_000.0;
    words[((u * u) * words.len() as f64) as usize]
}

fn sentence(rng: &mut Rng, words: &[&'static str]) -> String {
    let mut text = String::new();
    for n in 0..(6 + rng.below(9)) {
        let next = match rng.below(20) {
            0 => rng.pick(TOPICS).to_string(),
            1 => rng.pick(FIRST).to_string(),
            2 => (rng.below(400) + 2).to_string(),
            _ => word(rng, words).to_string(),
        };
        if n == 0 {
            let mut chars = next.chars();
            text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            text.push_str(chars.as_str());
        } else {
            text.push(if rng.chance(8) { ',' } else { ' ' });
            if text.ends_with(',') {
                text.push(' ');
            }
            text.push_str(&next);
        }
    }
    text.push(*rng.pick(&['.', '.', '.', '?', '!']));
    text
}

/// About 150 characters of prose: an opening about a topic, then sentences.
fn note(rng: &mut Rng, words: &[&'static str]) -> String {
    let mut text = if rng.chance(25) {
        format!("{} {}: {}.", rng.pick(OPENERS), rng.pick(TOPICS), rng.pick(DETAILS))
    } else {
        sentence(rng, words)
    };
    while text.len() < 120 + rng.below(60) {
        text.push(' ');
        text.push_str(&sentence(rng, words));
    }
    text
}

/// The people of a sample journal.
pub fn people(count: usize, rng: &mut Rng) -> Vec<Person> {
    (0..count)
        .map(|n| {
            let name = format!("{} {}", FIRST[n % FIRST.len()], LAST[(n / FIRST.len() + n * 7) % LAST.len()]);
            let mut person = Person::named(Id::from_raw(rng.next()), &name);
            person.rev = Rev { time: 1_700_000_000_000 + n as i64, count: 0, writer: 1 };
            person.organization = rng.pick(ORGS).to_string();
            person.title = rng.pick(TITLES).to_string();
            person.role = *rng.pick(&Role::ALL);
            if rng.chance(30) {
                person.tags = vec![rng.pick(&["mentor", "board", "alumni", "vendor", "sponsor"]).to_string()];
            }
            person
        })
        .collect()
}

/// Interactions per year of heavy use: 25,000 in ten years.
pub const PER_YEAR: usize = 2_500;

/// The latest `count` interactions of one heavy user, at `PER_YEAR`, ending at
/// `end`: a smaller journal is the same working life, only younger, so its
/// current month is as full as a large journal's.
pub fn interactions(count: usize, people: &[Person], end: NaiveDateTime, rng: &mut Rng) -> Vec<Interaction> {
    let gap = Duration::days(365).num_minutes() / PER_YEAR as i64;
    let words: Vec<&'static str> = WORDS.split_whitespace().collect();
    (0..count)
        .map(|n| {
            let at = end - Duration::minutes(gap * (count - n) as i64);
            // A few people are met often, most rarely, as in real working life.
            let mut met: Vec<Id> = Vec::new();
            for _ in 0..(1 + usize::from(rng.chance(25)) + usize::from(rng.chance(10))) {
                let skewed = (rng.below(people.len()) * rng.below(people.len())) / people.len();
                let id = people[skewed].id;
                if !met.contains(&id) {
                    met.push(id);
                }
            }
            let dependency = rng
                .chance(25)
                .then(|| Dependency { reliance: *rng.pick(&Reliance::ALL), what: rng.pick(TOPICS).to_string() });
            let expectation = rng.chance(20).then(|| {
                let status = if n + 200 < count {
                    *rng.pick(&[FollowUp::Met, FollowUp::Met, FollowUp::Missed])
                } else {
                    FollowUp::Open
                };
                Expectation {
                    what: rng.pick(PROMISES).to_string(),
                    direction: *rng.pick(&Direction::ALL),
                    person: None,
                    due: rng.chance(70).then(|| at.date() + Duration::days(rng.below(30) as i64 + 1)),
                    status,
                    settled: (status != FollowUp::Open).then(|| at.date() + Duration::days(14)),
                }
            });
            Interaction {
                id: Id::from_raw(rng.next()),
                at: at.date().and_hms_opt(8 + (n % 10) as u32, (n * 7 % 60) as u32, 0).unwrap_or(at),
                people: met,
                kind: *rng.pick(&Kind::ALL),
                minutes: rng.chance(70).then(|| [15, 30, 45, 60, 90][rng.below(5)]),
                notes: note(rng, &words),
                dependency,
                expectation,
                // Recorded for about half, as a user who fills it in when it matters would.
                initiated_by: rng.chance(50).then(|| *rng.pick(&Initiator::ALL)),
                // Saved soon after it happened, by the tab of that day's session
                // (a few interactions each), as a real journal's revisions are.
                rev: Rev {
                    time: at.and_utc().timestamp_millis() + rng.below(7_200_000) as i64,
                    count: 0,
                    writer: ((n / 5) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) as u32,
                },
            }
        })
        .collect()
}

/// The last day of the sample journal.
pub fn end() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 20).and_then(|d| d.and_hms_opt(18, 0, 0)).expect("valid date")
}

/// A journal of `count` interactions with 300 people.
pub fn journal(count: usize) -> (Vec<Person>, Vec<Interaction>) {
    let mut rng = Rng::new(0x5EED_CAFE);
    let people = people(300, &mut rng);
    let interactions = interactions(count, &people, end(), &mut rng);
    (people, interactions)
}

/// People and interactions as records to write with [`rapport::store::Store::merge`].
#[allow(dead_code)]
pub fn records(people: Vec<Person>, interactions: Vec<Interaction>) -> Vec<rapport::model::AnyRecord> {
    people.into_iter().map(Into::into).chain(interactions.into_iter().map(Into::into)).collect()
}

/// The sample journal of `count` interactions saved by the app's own store
/// into a memory backend with Chromium's quota (5 MiB of UTF-16 units).
pub fn stored(count: usize) -> (rapport::store::MemoryBackend, rapport::store::Store) {
    let (people, interactions) = journal(count);
    let backend = rapport::store::MemoryBackend::new().with_quota(rapport::store::TYPICAL_QUOTA);
    let mut store = rapport::store::Store::new(backend.clone());
    store.open();
    store.merge(records(people, interactions)).expect("fits in the quota");
    (backend, store)
}

/// Compressed size over raw size of `text` (as the store compresses it).
pub fn prose_ratio(text: &str) -> f64 {
    let packed = rapport::store::codec::compressed(text);
    // Each stored character carries 15 bits of compressed data.
    (packed.chars().count() as f64 * 15.0 / 8.0) / text.len() as f64
}
