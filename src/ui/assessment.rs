//! The Self-assessment screen: the questionnaire, the result on the grid, the
//! history as a trajectory, and what the journal itself shows.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::form::Status;
use super::platform::{focus, new_id, now, set_title};
use super::state::AppState;
use super::widgets::{StatusLine, TextField, escape_html};
use crate::model::Op;
use crate::model::activity::{Activity, compare, tenths};
use crate::model::assessment::{Answers, Assessment, Axis, MIDDLE, QUESTIONS, Quadrant, Question, SCALE, Scores};
use crate::model::text::plural;
use crate::model::time::short_date;

#[component]
pub fn AssessmentPage() -> impl IntoView {
    set_title("Self-assessment");
    let sitting = Sitting::new();
    view! {
        <h1>"Self-assessment"</h1>
        <p class="lead">
            "How much you interact at work depends on two things: the time and opportunity your job and organization give you, and your own interest in it. Rate each statement as it is for you now; the result places you on the grid below."
        </p>
        <StatusLine status=sitting.status />
        <Questionnaire sitting=sitting />
        <ResultCard sitting=sitting />
        <WhatTheJournalShows result=sitting.result />
        <History />
    }
}

/// The questionnaire as it is being filled in, and the result it led to
/// until that is saved.
#[derive(Clone, Copy)]
struct Sitting {
    answers: RwSignal<Answers>,
    /// Set once the user asks for a result: from then on, gaps are pointed out.
    checked: RwSignal<bool>,
    result: RwSignal<Option<Scores>>,
    note: RwSignal<String>,
    status: RwSignal<Option<Status>>,
}

impl Sitting {
    fn new() -> Sitting {
        Sitting {
            answers: RwSignal::new(Answers::default()),
            checked: RwSignal::new(false),
            result: RwSignal::new(None),
            note: RwSignal::new(String::new()),
            status: RwSignal::new(None),
        }
    }

    /// Shows the result, or says how many statements are still open and
    /// puts the keyboard on the first of them.
    fn see_result(self) {
        self.checked.set(true);
        let missing = self.answers.with_untracked(Answers::unanswered);
        if let Some(first) = missing.first() {
            self.result.set(None);
            self.status.set(Some(Status::problem(format!(
                "Answer every statement first: {} still open.",
                plural(missing.len(), "is", "are")
            ))));
            focus(&format!("{}-1", first.id));
        } else {
            self.result.set(self.answers.with_untracked(Answers::scores));
            self.status.set(None);
            request_animation_frame(|| focus("result-heading"));
        }
    }

    /// Saves the answers and the note to the history, and starts afresh.
    fn save(self) {
        let state = expect_context::<AppState>();
        let assessment = Assessment {
            id: new_id(),
            at: now(),
            answers: self.answers.get_untracked(),
            note: self.note.get_untracked().trim().to_owned(),
            rev: Default::default(),
        };
        let outcome = state.commit(Op::create(assessment));
        self.status.set(Some(match outcome {
            Ok(_) => Status::done("Saved to your history. The questionnaire is ready for next time."),
            Err(why) => Status::not_saved(&why.to_string()),
        }));
        self.answers.set(Answers::default());
        self.note.set(String::new());
        self.result.set(None);
        self.checked.set(false);
        focus("questionnaire-heading");
    }
}

#[component]
fn Questionnaire(sitting: Sitting) -> impl IntoView {
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        sitting.see_result();
    };
    view! {
        <section aria-labelledby="questionnaire-heading" class="card">
            <h2 id="questionnaire-heading" tabindex="-1">"Questionnaire"</h2>
            <form on:submit=submit novalidate>
                {QUESTIONS
                    .iter()
                    .map(|question| view! { <QuestionField question=question answers=sitting.answers checked=sitting.checked /> })
                    .collect_view()}
                <div class="actions">
                    <button type="submit" class="primary">"See my result"</button>
                </div>
            </form>
        </section>
    }
}

/// The result once asked for, with a note and the button that saves it.
#[component]
fn ResultCard(sitting: Sitting) -> impl IntoView {
    move || {
        sitting.result.get().map(|scores| {
            view! {
                <section aria-labelledby="result-heading" class="card result">
                    <h2 id="result-heading" tabindex="-1">"Your result"</h2>
                    <ResultView scores=scores />
                    <TextField id="assessment-note".to_owned() label="Note (optional)" value=sitting.note grow=true />
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| sitting.save()>"Save to history"</button>
                    </div>
                </section>
            }
        })
    }
}

/// The journal's own measures, held against the result on screen or, when
/// there is none, the latest saved one.
#[component]
fn WhatTheJournalShows(result: RwSignal<Option<Scores>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let activity = Memo::new(move |_| state.journal.with(|j| Activity::measure(j.interactions(), now().date())));
    let compared = Memo::new(move |_| {
        result.get().or_else(|| state.journal.with(|j| j.assessments().last().and_then(Assessment::scores)))
    });
    view! {
        <section aria-labelledby="journal-measure-heading" class="card">
            <h2 id="journal-measure-heading">"What your journal shows"</h2>
            {move || measures(activity.get())}
            {move || {
                compared
                    .get()
                    .map(|scores| {
                        compare(scores, &activity.get()).into_iter().map(|s| view! { <p class="comparison">{s}</p> }).collect_view()
                    })
            }}
        </section>
    }
}

/// How much the last weeks hold, who reached out, and what it created.
fn measures(a: Activity) -> impl IntoView {
    view! {
        <ul class="measures">
            <li>{format!("Last 4 weeks: {} ({} a week)", plural(a.last_4_weeks, "interaction", "interactions"), tenths(a.per_week_4()))}</li>
            <li>{format!("Last 12 weeks: {} ({} a week)", plural(a.last_12_weeks, "interaction", "interactions"), tenths(a.per_week_12()))}</li>
            <li>
                {if a.initiation_recorded == 0 {
                    "Who reached out: not recorded in the last 12 weeks (the journal form has a field for it).".to_owned()
                } else {
                    format!("You reached out first in {} of the {} where you recorded it.", a.started_by_me, plural(a.initiation_recorded, "interaction", "interactions"))
                }}
            </li>
            <li>{format!("Created a dependency or an expectation: {} of {}.", a.binding, a.last_12_weeks)}</li>
        </ul>
    }
}

/// The saved assessments: their trajectory on the grid, and the list.
#[component]
fn History() -> impl IntoView {
    let state = expect_context::<AppState>();
    let history = Memo::new(move |_| {
        state
            .journal
            .with(|j| j.assessments().iter().filter_map(|a| a.scores().map(|s| (a.clone(), s))).collect::<Vec<_>>())
    });
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            <Show
                when=move || !history.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No saved assessments yet. Save one to start your trajectory."</p> }
            >
                {move || history.with(|h| trajectory(h))}
                <ol class="history">
                    <For
                        each=move || history.get()
                        key=|(assessment, _)| (assessment.id, assessment.rev)
                        children=|(assessment, scores)| view! { <HistoryItem assessment=assessment scores=scores /> }
                    />
                </ol>
            </Show>
        </section>
    }
}

/// The saved results on the grid, numbered from the oldest.
fn trajectory(history: &[(Assessment, Scores)]) -> impl IntoView + use<> {
    let points: Vec<GridPoint> = history
        .iter()
        .enumerate()
        .map(|(n, (a, s))| GridPoint {
            mark: (n + 1).to_string(),
            title: format!("{}: {}", short_date(a.at.date()), s.quadrant().name()),
            scores: *s,
        })
        .collect();
    let label = format!(
        "Trajectory of {}, oldest to newest; each is listed below.",
        plural(points.len(), "assessment", "assessments")
    );
    view! { <QuadrantGrid points=points label=label /> }
}

/// One statement as a group of five radio buttons.
#[component]
fn QuestionField(question: &'static Question, answers: RwSignal<Answers>, checked: RwSignal<bool>) -> impl IntoView {
    let id = question.id;
    let missing = move || checked.get() && answers.with(|a| a.get(id).is_none());
    let error_id = format!("{id}-error");
    view! {
        <fieldset
            class="question"
            class:invalid=missing
            aria-describedby=move || missing().then(|| error_id.clone())
        >
            <legend>{question.text}</legend>
            <div class="scale">
                {SCALE
                    .iter()
                    .zip(1u8..)
                    .map(|(&label, value)| {
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    id=format!("{id}-{value}")
                                    name=id
                                    value=value.to_string()
                                    prop:checked=move || answers.with(|a| a.get(id) == Some(value))
                                    on:change=move |_| answers.update(|a| a.set(id, value))
                                />
                                <span>{label}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            {move || missing().then(|| view! { <p class="field-error" id=format!("{id}-error")>"Please answer this statement."</p> })}
        </fieldset>
    }
}

/// Scores, the grid, quadrant, risk and next steps of one result.
#[component]
fn ResultView(scores: Scores) -> impl IntoView {
    view! { <div class="result-body" inner_html=result_html(scores)></div> }
}

/// The result as markup: static text and a drawing, built as a string (see
/// [`grid_svg`] for why); every piece of text is escaped.
pub fn result_html(scores: Scores) -> String {
    let quadrant = scores.quadrant();
    let mut html = format!(
        r#"<p class="scores">{}: {} / 100 · {}: {} / 100</p>{}<h3 class="quadrant-name">{}</h3><p class="place">Quadrant: {}.</p>"#,
        Axis::Time.label(),
        scores.time,
        Axis::Interest.label(),
        scores.interest,
        grid_svg(&[GridPoint { mark: String::new(), title: quadrant.name().to_owned(), scores }], &grid_label(&scores)),
        escape_html(quadrant.name()),
        escape_html(quadrant.place()),
    );
    if let Some(note) = scores.near_line_note() {
        html += &format!(r#"<p class="near-line">{}</p>"#, escape_html(&note));
    }
    html += &format!(r#"<p class="risk">{}</p><h4>Next steps</h4><ul class="steps">"#, escape_html(quadrant.risk()));
    for step in quadrant.next_steps() {
        html += &format!("<li>{}</li>", escape_html(step));
    }
    html + "</ul>"
}

fn grid_label(scores: &Scores) -> String {
    format!(
        "The grid: time and opportunity {} of 100 across, interest {} of 100 up: {}.",
        scores.time,
        scores.interest,
        scores.quadrant().name()
    )
}

/// One saved assessment in the history list.
#[component]
fn HistoryItem(assessment: Assessment, scores: Scores) -> impl IntoView {
    let state = expect_context::<AppState>();
    let date = short_date(assessment.at.date());
    let label = format!("Delete the self-assessment of {date}");
    let what = format!("the self-assessment of {date}");
    let kept = StoredValue::new(assessment.clone());
    view! {
        <li>
            <strong>{date.clone()}</strong>
            {format!(
                " — time {}, interest {}: {}",
                scores.time,
                scores.interest,
                scores.quadrant().name()
            )}
            {(!assessment.note.is_empty()).then(|| view! { <span class="note">{format!(" — “{}”", assessment.note)}</span> })}
            " "
            <button type="button" class="danger small" aria-label=label on:click=move |_| {
                let _ = state.delete_with_undo(Op::delete(&kept.get_value()), &what);
            }>"Delete"</button>
        </li>
    }
}

/// The 2×2 grid, drawn (see [`grid_svg`]).
#[component]
pub fn QuadrantGrid(points: Vec<GridPoint>, label: String) -> impl IntoView {
    view! { <div class="grid-box" inner_html=grid_svg(&points, &label)></div> }
}

/// A point on the grid: a short mark drawn beside it, and a title (a date,
/// say) shown on hover and read by screen readers.
#[derive(Clone, PartialEq, Debug)]
pub struct GridPoint {
    pub mark: String,
    pub title: String,
    pub scores: Scores,
}

/// The 2×2 grid as SVG markup: time and opportunity across, interest up.
/// `points` are drawn in order, joined by a line, each with its mark.
///
/// Markup rather than view nodes: a static drawing gains nothing from
/// fine-grained updates, and as a string it costs a fraction of the wasm and
/// can be tested natively.
pub fn grid_svg(points: &[GridPoint], label: &str) -> String {
    // Plot area inside a 340 × 330 view box, leaving room for the axis titles.
    const LEFT: i32 = 36;
    const TOP: i32 = 8;
    const SIZE: i32 = 288;
    let x = |score: u8| LEFT + i32::from(score) * SIZE / 100;
    let y = |score: u8| TOP + SIZE - i32::from(score) * SIZE / 100;
    let mut svg = format!(
        r#"<svg class="grid" viewBox="0 0 340 330" role="img" aria-label="{}"><rect class="plot" x="{LEFT}" y="{TOP}" width="{SIZE}" height="{SIZE}"/><line class="middle" x1="{mx}" y1="{TOP}" x2="{mx}" y2="{bottom}"/><line class="middle" x1="{LEFT}" y1="{my}" x2="{right}" y2="{my}"/>"#,
        escape_html(label),
        mx = x(MIDDLE),
        my = y(MIDDLE),
        bottom = TOP + SIZE,
        right = LEFT + SIZE,
    );
    let corners = [
        (LEFT + 8, TOP + 18, "start", Quadrant::Frustrated),
        (LEFT + SIZE - 8, TOP + 18, "end", Quadrant::Engaged),
        (LEFT + 8, TOP + SIZE - 10, "start", Quadrant::Fading),
        (LEFT + SIZE - 8, TOP + SIZE - 10, "end", Quadrant::Standoffish),
    ];
    for (lx, ly, anchor, quadrant) in corners {
        svg += &format!(
            r#"<text class="quadrant-label" x="{lx}" y="{ly}" text-anchor="{anchor}">{}</text>"#,
            quadrant.name()
        );
    }
    svg += &format!(
        r#"<text class="axis" x="{}" y="{}" text-anchor="middle">Time and opportunity →</text><text class="axis" x="{}" y="{}" text-anchor="middle" transform="rotate(-90)">Interest →</text>"#,
        LEFT + SIZE / 2,
        TOP + SIZE + 24,
        -(TOP + SIZE / 2),
        LEFT - 14,
    );
    if points.len() > 1 {
        let path: Vec<String> =
            points.iter().map(|p| format!("{},{}", x(p.scores.time), y(p.scores.interest))).collect();
        svg += &format!(r#"<polyline class="trajectory" points="{}"/>"#, path.join(" "));
    }
    for point in points {
        let (px, py) = (x(point.scores.time), y(point.scores.interest));
        svg += &format!(
            r#"<circle class="point" cx="{px}" cy="{py}" r="6"><title>{}</title></circle>"#,
            escape_html(&point.title)
        );
        if !point.mark.is_empty() {
            svg += &format!(
                r#"<text class="point-label" x="{}" y="{}">{}</text>"#,
                px + 9,
                py - 7,
                escape_html(&point.mark)
            );
        }
    }
    svg + "</svg>"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(mark: &str, scores: Scores) -> GridPoint {
        GridPoint { mark: mark.to_owned(), title: "t".to_owned(), scores }
    }

    #[test]
    fn points_land_where_their_scores_say() {
        let svg = grid_svg(&[point("", Scores { time: 0, interest: 100 })], "x");
        assert!(svg.contains(r#"<circle class="point" cx="36" cy="8" r="6"><title>t</title></circle>"#), "{svg}");
        let svg = grid_svg(&[point("", Scores { time: 100, interest: 0 })], "x");
        assert!(svg.contains(r#"cx="324" cy="296""#));
        assert!(!svg.contains("polyline"), "one point, no line");
    }

    #[test]
    fn a_trajectory_joins_its_points_in_order_and_labels_them() {
        let points = vec![point("1", Scores { time: 25, interest: 75 }), point("2", Scores { time: 50, interest: 50 })];
        let svg = grid_svg(&points, "Trajectory");
        assert!(svg.contains(r#"<polyline class="trajectory" points="108,80 180,152"/>"#), "{svg}");
        assert!(svg.contains(">1</text>") && svg.contains(">2</text>"));
        for quadrant in Quadrant::ALL {
            assert!(svg.contains(quadrant.name()));
        }
    }

    #[test]
    fn text_is_escaped() {
        let svg = grid_svg(&[point("<b>", Scores { time: 1, interest: 1 })], r#"A "quoted" & <tagged> label"#);
        assert!(svg.contains(r#"aria-label="A &quot;quoted&quot; &amp; &lt;tagged&gt; label""#));
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
    }
}
