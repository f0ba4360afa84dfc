//! The Insights screen: the journal drawn over the last year, each chart
//! with its summary in words and its numbers as a table.

use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::components::A;

use super::charts::{Group, Layout, Series, columns_svg, rows_svg};
use super::platform::{href, now, set_title};
use super::state::AppState;
use super::widgets::escape_html;
use crate::model::insights::{Insights, MONTHS, WEEKS, insights, month_label};
use crate::model::text::thousands;
use crate::model::time::{month_name, short_date};

/// One chart as the screen shows it: markup built natively, and tested so.
#[derive(Clone, PartialEq, Debug)]
pub struct Chart {
    /// The chart in one sentence: visible, and the drawing's text alternative.
    pub summary: String,
    pub svg: String,
    /// The numbers drawn, as an HTML table.
    pub table: String,
}

/// Every chart of the screen, built together once per change of the journal.
#[derive(Clone, PartialEq, Debug)]
pub struct Charts {
    pub weeks: Chart,
    pub growth: Chart,
    pub balance: Chart,
    pub reach: Chart,
    pub expectations: Chart,
}

const INTERACTIONS: [Series; 1] = [Series { name: "Interactions", class: "series-a" }];
const GROWTH: [Series; 2] =
    [Series { name: "New contacts", class: "series-c" }, Series { name: "Became relationships", class: "series-a" }];
const RELIANCE: [Series; 2] =
    [Series { name: "They rely on me", class: "series-a" }, Series { name: "I rely on them", class: "series-b" }];
const REACH: [Series; 2] =
    [Series { name: "People", class: "series-a" }, Series { name: "Organizations", class: "series-b" }];
const FOLLOW_UPS: [Series; 3] = [
    Series { name: "Met", class: "series-a" },
    Series { name: "Missed", class: "series-b" },
    Series { name: "Open", class: "series-c" },
];

/// The week's tick: the first week of each quarter's month, "Jan", "Apr"…
fn week_tick(monday: chrono::NaiveDate) -> String {
    let sunday = monday + chrono::Duration::days(6);
    let starts_quarter = sunday.day() <= 7 && sunday.month() % 3 == 1;
    if starts_quarter { month_name(sunday.month())[..3].to_owned() } else { String::new() }
}

/// The numbers of a chart as a table: a row per group, a column per series,
/// and an optional last row of totals.
fn table_html(caption: &str, first: &str, series: &[Series], groups: &[Group], total: Option<&[usize]>) -> String {
    let mut html = format!(
        r#"<table class="numbers"><caption>{}</caption><thead><tr><th scope="col">{}</th>"#,
        escape_html(caption),
        escape_html(first)
    );
    for s in series {
        html += &format!(r#"<th scope="col">{}</th>"#, escape_html(s.name));
    }
    html += "</tr></thead><tbody>";
    let row = |html: &mut String, name: &str, values: &[usize]| {
        *html += &format!(r#"<tr><th scope="row">{}</th>"#, escape_html(name));
        for value in values {
            *html += &format!("<td>{}</td>", thousands(value));
        }
        *html += "</tr>";
    };
    for group in groups {
        row(&mut html, &group.title, &group.values);
    }
    html += "</tbody>";
    if let Some(total) = total {
        html += "<tfoot>";
        row(&mut html, "All roles", total);
        html += "</tfoot>";
    }
    html + "</table>"
}

impl Charts {
    pub fn of(insights: &Insights) -> Charts {
        let weeks: Vec<Group> = insights
            .weeks
            .iter()
            .map(|w| Group {
                tick: week_tick(w.monday),
                title: format!("Week of {}", short_date(w.monday)),
                values: vec![w.interactions],
            })
            .collect();
        let by_month = |month: crate::model::Month, values: Vec<usize>| Group {
            tick: month_name(month.month)[..3].to_owned(),
            title: month_label(month),
            values,
        };
        let growth: Vec<Group> =
            insights.growth.iter().map(|m| by_month(m.month, vec![m.new_contacts, m.new_relationships])).collect();
        let follow_ups: Vec<Group> =
            insights.expectations.iter().map(|m| by_month(m.month, vec![m.met, m.missed, m.open])).collect();
        let by_role = |role: crate::model::Role, values: Vec<usize>| Group {
            tick: role.label().to_owned(),
            title: role.label().to_owned(),
            values,
        };
        let balance: Vec<Group> = insights
            .balance
            .by_role
            .iter()
            .map(|r| by_role(r.role, vec![r.they_rely_on_me, r.i_rely_on_them]))
            .collect();
        let reach: Vec<Group> =
            insights.reach.by_role.iter().map(|r| by_role(r.role, vec![r.people, r.organizations])).collect();
        let (b, r) = (&insights.balance, &insights.reach);

        let weeks_summary = insights.weeks_summary();
        let growth_summary = insights.growth_summary();
        let balance_summary = insights.balance_summary();
        let reach_summary = insights.reach_summary();
        let follow_ups_summary = insights.expectations_summary();
        Charts {
            weeks: Chart {
                svg: columns_svg(&weeks, &INTERACTIONS, Layout::Stacked, &weeks_summary),
                table: table_html(
                    &format!("Interactions per week, the last {WEEKS} weeks, oldest first"),
                    "Week",
                    &INTERACTIONS,
                    &weeks,
                    None,
                ),
                summary: weeks_summary,
            },
            growth: Chart {
                svg: columns_svg(&growth, &GROWTH, Layout::SideBySide, &growth_summary),
                table: table_html(
                    &format!("New contacts and new relationships per month, the last {MONTHS} months"),
                    "Month",
                    &GROWTH,
                    &growth,
                    None,
                ),
                summary: growth_summary,
            },
            balance: Chart {
                svg: rows_svg(&balance, &RELIANCE, &balance_summary),
                table: table_html(
                    &format!("Interactions that created a dependency, by role, the last {MONTHS} months"),
                    "Role",
                    &RELIANCE,
                    &balance,
                    Some(&[b.they_rely_on_me, b.i_rely_on_them]),
                ),
                summary: balance_summary,
            },
            reach: Chart {
                svg: rows_svg(&reach, &REACH, &reach_summary),
                table: table_html(
                    &format!("People met and their organizations, by role, the last {MONTHS} months"),
                    "Role",
                    &REACH,
                    &reach,
                    Some(&[r.people, r.organizations]),
                ),
                summary: reach_summary,
            },
            expectations: Chart {
                svg: columns_svg(&follow_ups, &FOLLOW_UPS, Layout::Stacked, &follow_ups_summary),
                table: table_html(
                    &format!(
                        "Expectations by the month they were created, as they stand now, the last {MONTHS} months"
                    ),
                    "Month",
                    &FOLLOW_UPS,
                    &follow_ups,
                    None,
                ),
                summary: follow_ups_summary,
            },
        }
    }
}

#[component]
pub fn InsightsPage() -> impl IntoView {
    set_title("Insights");
    let state = expect_context::<AppState>();
    // Once per change of the journal, for every chart at once.
    let charts: Memo<Option<Charts>> =
        Memo::new(move |_| state.journal.with(|j| (!j.is_empty()).then(|| Charts::of(&insights(j, now().date())))));
    view! {
        <h1>"Insights"</h1>
        <p class="lead">
            "Your journal over the last year, drawn: how often you interact, who became a relationship, who relies on whom, how widely you reach, and how expectations turned out. Each chart says what it shows in a sentence, and has its numbers as a table."
        </p>
        <Show when=move || charts.with(Option::is_some) fallback=NothingYet>
            <ChartSection id="weekly" heading="Interactions per week" charts=charts pick=|c| &c.weeks />
            <ChartSection id="growth" heading="Contacts who became relationships" charts=charts pick=|c| &c.growth />
            <ChartSection id="balance" heading="Who relies on whom, by role" charts=charts pick=|c| &c.balance />
            <ChartSection id="reach" heading="Reach across roles and organizations" charts=charts pick=|c| &c.reach />
            <ChartSection id="expectations" heading="Expectations met, missed and open" charts=charts pick=|c| &c.expectations />
        </Show>
    }
}

/// One chart: its heading, its sentence, the drawing, and the table behind a
/// disclosure that stays open while the journal changes.
#[component]
fn ChartSection(
    id: &'static str,
    heading: &'static str,
    charts: Memo<Option<Charts>>,
    pick: fn(&Charts) -> &Chart,
) -> impl IntoView {
    let part = move |field: fn(&Chart) -> &String| {
        move || charts.with(|c| c.as_ref().map(|c| field(pick(c)).clone()).unwrap_or_default())
    };
    let heading_id = format!("{id}-heading");
    view! {
        <section class="card insight" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{heading}</h2>
            <p class="summary">{part(|c| &c.summary)}</p>
            <div class="chart-box" inner_html=part(|c| &c.svg)></div>
            <details class="table-view">
                <summary>"Show as a table"</summary>
                // Wider than a phone: focusable, so the keyboard can scroll it.
                <div class="table-box" tabindex="0" role="group" aria-label=format!("{heading}, as a table") inner_html=part(|c| &c.table)></div>
            </details>
        </section>
    }
}

#[component]
fn NothingYet() -> impl IntoView {
    view! {
        <section class="card welcome" aria-labelledby="nothing-yet-heading">
            <h2 id="nothing-yet-heading">"Nothing to draw yet"</h2>
            <p>
                "Log a few interactions in the " <A href=href("/journal")>"Journal"</A>
                " (who you met, and whether anyone now relies on or expects something of the other), and this page draws them week by week and month by month."
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{interaction, on, relying};
    use crate::model::{Id, Journal, Person, Reliance, Role};
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 10).expect("valid date")
    }

    fn sample() -> Journal {
        let mut ana = Person::named(Id::from_raw(1), "Ana");
        ana.role = Role::ExternalClient;
        let call = relying(interaction(7, on(2026, 6, 10), &[ana.id]), Reliance::Both);
        Journal::from_records(vec![ana], vec![call])
    }

    #[test]
    fn quarters_are_marked_on_the_weeks_they_begin_in() {
        let tick = |y, m, d| week_tick(NaiveDate::from_ymd_opt(y, m, d).expect("valid date"));
        assert_eq!(tick(2026, 3, 30), "Apr", "Monday 30 March holds 1 April");
        assert_eq!(tick(2026, 3, 23), "");
        assert_eq!(tick(2026, 4, 27), "", "May is not a quarter's first month");
        assert_eq!(tick(2025, 12, 29), "Jan");
    }

    #[test]
    fn every_chart_is_labelled_by_its_summary_and_tabled() {
        let charts = Charts::of(&insights(&sample(), today()));
        for chart in [&charts.weeks, &charts.growth, &charts.balance, &charts.reach, &charts.expectations] {
            let label = format!(r#"role="img" aria-label="{}""#, escape_html(&chart.summary));
            assert!(chart.svg.contains(&label), "{}", chart.svg);
            assert!(chart.table.starts_with(r#"<table class="numbers"><caption>"#), "{}", chart.table);
        }
        assert_eq!(charts.weeks.table.matches("<tr>").count(), WEEKS + 1, "a header and a row per week");
        assert!(charts.weeks.table.contains(r#"<tr><th scope="row">Week of 8 Jun 2026</th><td>1</td></tr>"#));
        assert!(charts.weeks.svg.contains("<title>Week of 8 Jun 2026 — Interactions: 1</title>"));
    }

    #[test]
    fn the_role_tables_end_with_totals_and_both_ways_counts_on_both_sides() {
        let charts = Charts::of(&insights(&sample(), today()));
        let row = r#"<tr><th scope="row">External client</th><td>1</td><td>1</td></tr>"#;
        assert!(charts.balance.table.contains(row), "{}", charts.balance.table);
        assert!(
            charts
                .balance
                .table
                .contains(r#"<tfoot><tr><th scope="row">All roles</th><td>1</td><td>1</td></tr></tfoot>"#)
        );
        assert!(charts.reach.table.contains(r#"<th scope="row">External client</th><td>1</td><td>0</td>"#));
        assert!(charts.growth.table.contains(r#"<th scope="col">Became relationships</th>"#));
        assert!(
            charts
                .expectations
                .table
                .contains("<th scope=\"col\">Met</th><th scope=\"col\">Missed</th><th scope=\"col\">Open</th>")
        );
    }

    #[test]
    fn names_are_escaped_in_tables() {
        let groups = [Group { tick: String::new(), title: "<b>&".into(), values: vec![2_480] }];
        let html = table_html("A <caption>", "Who", &INTERACTIONS, &groups, None);
        assert!(html.contains("<caption>A &lt;caption&gt;</caption>"));
        assert!(html.contains(r#"<th scope="row">&lt;b&gt;&amp;</th><td>2,480</td>"#), "{html}");
    }
}
