//! The four-quadrant self-assessment: how much time and opportunity the work
//! gives to interact (nurture), and how much the user wants to (nature).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::Id;
use super::record::Rev;

/// The two axes of the grid.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Axis {
    /// Time and opportunity to interact: what the job and the culture allow.
    Time,
    /// Interest in interacting: what the user wants.
    Interest,
}

impl Axis {
    pub fn label(self) -> &'static str {
        match self {
            Axis::Time => "Time and opportunity",
            Axis::Interest => "Interest",
        }
    }
}

/// A statement rated from 1 (strongly disagree) to 5 (strongly agree).
#[derive(Clone, Copy, Debug)]
pub struct Question {
    /// Stable: stored answers refer to it, so wording can improve later.
    pub id: &'static str,
    pub axis: Axis,
    pub text: &'static str,
    /// Agreeing lowers the score.
    pub reverse: bool,
}

const fn q(id: &'static str, axis: Axis, reverse: bool, text: &'static str) -> Question {
    Question { id, axis, text, reverse }
}

/// The questionnaire, time and interest statements alternating.
pub const QUESTIONS: [Question; 10] = [
    q(
        "t1",
        Axis::Time,
        false,
        "My job leaves room in the week to talk with colleagues beyond what the task at hand needs.",
    ),
    q("i1", Axis::Interest, false, "Time spent with people at work gives me energy."),
    q(
        "t2",
        Axis::Time,
        true,
        "My days are so packed with meetings and deadlines that I rarely have a free moment for anyone.",
    ),
    q("i2", Axis::Interest, false, "I am curious about what my colleagues are working on and how they see things."),
    q("t3", Axis::Time, false, "People here drop by, call or message each other freely; doors are open."),
    q("i3", Axis::Interest, true, "I would rather get on with my work alone than stop to talk with someone."),
    q(
        "t4",
        Axis::Time,
        false,
        "My organization holds events, lunches or gatherings where I meet people from other teams.",
    ),
    q(
        "i4",
        Axis::Interest,
        false,
        "When I need something, I go and talk to the person rather than only sending a message.",
    ),
    q(
        "t5",
        Axis::Time,
        true,
        "Where and how I work (remotely, in shifts, at another site) keeps me apart from most people I work with.",
    ),
    q("i5", Axis::Interest, true, "I avoid work events and social gatherings when I can."),
];

/// The labels of the five points of the scale.
pub const SCALE: [&str; 5] = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"];

/// The middle of each axis. A score above it is high; a score of exactly 50,
/// the neutral answer on average, counts as **low**: when the answers do not
/// lean either way, the app shows the quadrant whose risk is worth hearing.
pub const MIDDLE: u8 = 50;

/// Within this distance of the middle, the page says the user is near the
/// line: one answer moved by one point can shift a score by up to 5.
pub const NEAR_LINE: u8 = 10;

/// Scores from 0 to 100 on each axis.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Scores {
    pub time: u8,
    pub interest: u8,
}

/// A place on the grid.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Quadrant {
    /// Low time, low interest.
    Fading,
    /// Low time, high interest.
    Frustrated,
    /// High time, low interest.
    Standoffish,
    /// High time, high interest.
    Engaged,
}

impl Scores {
    pub fn quadrant(self) -> Quadrant {
        match (self.time > MIDDLE, self.interest > MIDDLE) {
            (false, false) => Quadrant::Fading,
            (false, true) => Quadrant::Frustrated,
            (true, false) => Quadrant::Standoffish,
            (true, true) => Quadrant::Engaged,
        }
    }

    /// The axes on which the score is within [`NEAR_LINE`] of the middle.
    pub fn near_line(self) -> Vec<Axis> {
        [(Axis::Time, self.time), (Axis::Interest, self.interest)]
            .into_iter()
            .filter(|&(_, score)| score.abs_diff(MIDDLE) <= NEAR_LINE)
            .map(|(axis, _)| axis)
            .collect()
    }
}

impl Scores {
    /// What to say when a score is near the middle line, if one is.
    pub fn near_line_note(self) -> Option<String> {
        let near = self.near_line();
        let axes: Vec<&str> = near.iter().map(|a| a.label()).collect();
        (!near.is_empty()).then(|| {
            format!(
                "You are near the middle line on {}: a small change in your answers could move you to a neighbouring quadrant. A score of exactly {MIDDLE} counts as low.",
                axes.join(" and ").to_lowercase()
            )
        })
    }
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [Quadrant::Fading, Quadrant::Frustrated, Quadrant::Standoffish, Quadrant::Engaged];

    pub fn name(self) -> &'static str {
        match self {
            Quadrant::Fading => "Fading from view",
            Quadrant::Frustrated => "Frustrated",
            Quadrant::Standoffish => "Seen as standoffish",
            Quadrant::Engaged => "Making the most of it",
        }
    }

    /// Where it sits, in words: "little time, little interest".
    pub fn place(self) -> &'static str {
        match self {
            Quadrant::Fading => "little time, little interest",
            Quadrant::Frustrated => "little time, strong interest",
            Quadrant::Standoffish => "plenty of time, little interest",
            Quadrant::Engaged => "plenty of time, strong interest",
        }
    }

    pub fn risk(self) -> &'static str {
        match self {
            Quadrant::Fading => {
                "With little occasion and little wish to interact, people stop thinking of you: your work goes unseen and your view of what matters drifts out of date. Careers stall quietly this way."
            }
            Quadrant::Frustrated => {
                "You want contact your work does not make room for. Left alone, that frustration turns into dissatisfaction with the job, and it starts to show in the work itself."
            }
            Quadrant::Standoffish => {
                "The chances to connect are all around you and you let them pass. Colleagues can read that as aloofness and lose patience, and help you will need later is slower to come."
            }
            Quadrant::Engaged => {
                "You have both the occasion and the wish, and you use them: this is where knowledge, influence and productivity grow. The risk is spreading yourself thin or taking it for granted."
            }
        }
    }

    pub fn next_steps(self) -> &'static [&'static str] {
        match self {
            Quadrant::Fading => &[
                "Pick three people whose work touches yours and set a short, regular check-in with each.",
                "Once a week, tell your manager or a key client in two lines what you finished and what is next.",
                "Join one recurring meeting or channel outside your own team, and speak up at least once.",
                "Log every interaction here for a month, to see who you actually reach and who you do not.",
            ],
            Quadrant::Frustrated => &[
                "Name what blocks you (meeting load, distance, workload) and raise one concrete change with your manager.",
                "Use the contact you already have better: arrive early, stay five minutes after meetings, ask one real question.",
                "Protect one slot a week for a coffee or call with someone you would like to know better.",
                "Look for a project, committee or rota that puts you in touch with people as part of the job.",
            ],
            Quadrant::Standoffish => &[
                "Accept one invitation a week you would normally decline, and stay long enough to talk to two people.",
                "Reply to people in person or by call now and then, not only in writing.",
                "Ask a colleague about their work before asking for something from them.",
                "Choose the few relationships that matter most to your work and invest there, rather than everywhere.",
            ],
            Quadrant::Engaged => &[
                "Turn contacts into relationships: follow through on what you promised, and note it here.",
                "Introduce people who should know each other; it builds your influence and theirs.",
                "Check your calendar for contact that has become habit rather than value, and trim it.",
                "Share what you learn from your network with your team, so the knowledge does not stop with you.",
                "Mentor someone who sits in one of the other quadrants.",
            ],
        }
    }
}

/// The answers to the questionnaire, 1 to 5, by question.
///
/// Stored as text such as `"t1=4 i1=2"`, keyed by question id so the wording
/// of a statement can improve without touching saved answers; ids this build
/// does not know are dropped when read.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Answers([Option<u8>; QUESTIONS.len()]);

impl Answers {
    fn index(id: &str) -> Option<usize> {
        QUESTIONS.iter().position(|q| q.id == id)
    }

    pub fn get(&self, id: &str) -> Option<u8> {
        Answers::index(id).and_then(|i| self.0[i])
    }

    /// Records an answer; values outside 1–5 and unknown ids are ignored.
    pub fn set(&mut self, id: &str, value: u8) {
        if let Some(i) = Answers::index(id).filter(|_| (1..=5).contains(&value)) {
            self.0[i] = Some(value);
        }
    }

    /// The questions not answered yet, in questionnaire order.
    pub fn unanswered(&self) -> Vec<&'static Question> {
        QUESTIONS.iter().zip(self.0).filter(|(_, a)| a.is_none()).map(|(q, _)| q).collect()
    }

    /// Scores from the answers, each axis the mean of its answered questions
    /// scaled to 0–100 (reverse items counted backwards); `None` when an axis
    /// has no answer.
    pub fn scores(&self) -> Option<Scores> {
        let axis = |axis: Axis| -> Option<u8> {
            let (mut points, mut count) = (0u32, 0u32);
            for (question, answer) in QUESTIONS.iter().zip(self.0) {
                if let Some(value) = answer.filter(|_| question.axis == axis) {
                    points += u32::from(if question.reverse { 5 - value } else { value - 1 });
                    count += 1;
                }
            }
            // 100 × points / (4 × count), rounded half up, in integers.
            (count > 0).then(|| ((200 * points + 4 * count) / (8 * count)) as u8)
        };
        Some(Scores { time: axis(Axis::Time)?, interest: axis(Axis::Interest)? })
    }

    pub fn to_text(&self) -> String {
        let pairs: Vec<String> =
            QUESTIONS.iter().zip(self.0).filter_map(|(q, a)| a.map(|v| format!("{}={v}", q.id))).collect();
        pairs.join(" ")
    }

    /// Reads `to_text`'s form; a pair that is not `id=1`…`id=5` is an error.
    pub fn from_text(text: &str) -> Result<Answers, String> {
        let mut answers = Answers::default();
        for pair in text.split_whitespace() {
            let parsed = pair.split_once('=').and_then(|(id, v)| Some((id, v.parse::<u8>().ok()?)));
            match parsed {
                Some((id, value)) if (1..=5).contains(&value) => answers.set(id, value),
                _ => return Err(format!("“{pair}” is not an answer")),
            }
        }
        Ok(answers)
    }
}

impl Serialize for Answers {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Answers::from_text(&text).map_err(serde::de::Error::custom)
    }
}

/// One saved self-assessment.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Assessment {
    pub id: Id,
    #[serde(with = "super::time::minute")]
    pub at: NaiveDateTime,
    pub answers: Answers,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The version of this record (see `model::record`).
    #[serde(default)]
    pub rev: Rev,
}

impl Assessment {
    pub fn scores(&self) -> Option<Scores> {
        self.answers.scores()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every question answered with `agree` on normal items and the mirror
    /// value on reverse items, per axis: 5 is the top score, 1 the bottom.
    fn answers(time: u8, interest: u8) -> Answers {
        let mut answers = Answers::default();
        for q in &QUESTIONS {
            let wanted = if q.axis == Axis::Time { time } else { interest };
            answers.set(q.id, if q.reverse { 6 - wanted } else { wanted });
        }
        answers
    }

    fn scored(time: u8, interest: u8) -> Scores {
        answers(time, interest).scores().unwrap()
    }

    #[test]
    fn the_questionnaire_has_at_least_four_statements_per_axis_some_reversed() {
        for axis in [Axis::Time, Axis::Interest] {
            let on_axis: Vec<_> = QUESTIONS.iter().filter(|q| q.axis == axis).collect();
            assert!(on_axis.len() >= 4);
            assert!(on_axis.iter().any(|q| q.reverse) && on_axis.iter().any(|q| !q.reverse));
        }
        let mut ids: Vec<_> = QUESTIONS.iter().map(|q| q.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), QUESTIONS.len(), "ids are unique");
    }

    #[test]
    fn scores_span_zero_to_a_hundred() {
        assert_eq!(scored(5, 5), Scores { time: 100, interest: 100 });
        assert_eq!(scored(1, 1), Scores { time: 0, interest: 0 });
        assert_eq!(scored(3, 4), Scores { time: 50, interest: 75 });
    }

    #[test]
    fn reverse_items_count_backwards() {
        // Agreeing with everything: normal items score high, reverse ones low.
        let mut all_agree = Answers::default();
        QUESTIONS.iter().for_each(|q| all_agree.set(q.id, 5));
        // Each axis has 3 normal and 2 reverse items: (3 × 4 + 2 × 0) / 20 = 60 %.
        assert_eq!(all_agree.scores(), Some(Scores { time: 60, interest: 60 }));
        let mut one = answers(3, 3);
        one.set("t2", 1); // strongly disagree that days are packed
        assert_eq!(one.scores().unwrap().time, 60);
    }

    #[test]
    fn each_quadrant_is_reached() {
        assert_eq!(scored(1, 2).quadrant(), Quadrant::Fading);
        assert_eq!(scored(2, 5).quadrant(), Quadrant::Frustrated);
        assert_eq!(scored(5, 1).quadrant(), Quadrant::Standoffish);
        assert_eq!(scored(4, 4).quadrant(), Quadrant::Engaged);
    }

    #[test]
    fn exactly_on_the_middle_line_counts_as_low_and_is_near_it() {
        let s = Scores { time: 50, interest: 51 };
        assert_eq!(s.quadrant(), Quadrant::Frustrated);
        assert_eq!(Scores { time: 51, interest: 50 }.quadrant(), Quadrant::Standoffish);
        assert_eq!(Scores { time: 50, interest: 50 }.quadrant(), Quadrant::Fading);
        assert_eq!(Scores { time: 49, interest: 49 }.quadrant(), Quadrant::Fading);
        assert_eq!(s.near_line(), [Axis::Time, Axis::Interest]);
    }

    #[test]
    fn near_the_line_is_within_ten_points_on_either_side() {
        assert_eq!(Scores { time: 40, interest: 61 }.near_line(), [Axis::Time]);
        assert_eq!(Scores { time: 39, interest: 60 }.near_line(), [Axis::Interest]);
        assert!(Scores { time: 0, interest: 100 }.near_line().is_empty());
        assert_eq!(Scores { time: 0, interest: 100 }.near_line_note(), None);
        let note = Scores { time: 50, interest: 55 }.near_line_note().unwrap();
        assert!(note.starts_with("You are near the middle line on time and opportunity and interest:"), "{note}");
    }

    #[test]
    fn unanswered_questions_are_listed_and_block_a_score_only_when_an_axis_is_empty() {
        let mut partial = Answers::from_text("t2=4 i1=3 t3=5 i2=1 i3=3 t4=2 i4=4 t5=1 i5=2").unwrap();
        partial.set("t1", 9); // out of range is not an answer
        partial.set("x9", 3); // nor is an unknown question
        let missing: Vec<&str> = partial.unanswered().iter().map(|q| q.id).collect();
        assert_eq!(missing, ["t1"]);
        assert!(partial.scores().is_some(), "a stored assessment scores what it has");
        let only_time = Answers::from_text("t1=3 t2=3 t3=3 t4=3 t5=3").unwrap();
        assert_eq!(only_time.scores(), None);
        assert_eq!(only_time.unanswered().len(), 5);
        assert_eq!(answers(1, 1).unanswered().len(), 0);
    }

    #[test]
    fn every_quadrant_has_a_name_a_risk_and_three_to_five_steps() {
        for quadrant in Quadrant::ALL {
            assert!(!quadrant.name().is_empty() && !quadrant.risk().is_empty());
            assert!((3..=5).contains(&quadrant.next_steps().len()), "{quadrant:?}");
        }
    }
}

#[cfg(test)]
mod storage_tests {
    use super::*;

    #[test]
    fn answers_are_stored_as_text_by_question_id() {
        let mut answers = Answers::default();
        answers.set("i1", 2);
        answers.set("t1", 4);
        assert_eq!(answers.to_text(), "t1=4 i1=2");
        assert_eq!(serde_json::to_string(&answers).unwrap(), "\"t1=4 i1=2\"");
        assert_eq!(serde_json::from_str::<Answers>("\"i1=2 t1=4 z7=3\"").unwrap(), answers, "unknown ids dropped");
        for bad in ["\"t1=6\"", "\"t1\"", "\"t1=x\"", "4"] {
            assert!(serde_json::from_str::<Answers>(bad).is_err(), "{bad}");
        }
    }
}
