//! Bar charts as SVG markup, for the Insights screen: columns over time, and
//! rows by category. Markup strings for the reasons given at
//! [`super::assessment::grid_svg`]; every piece of text is escaped. The view
//! box scales with the page (`width: 100%`), so a chart fits a 360 px screen.

use std::fmt::Write;

use super::widgets::escape_html;
use crate::model::text::thousands;

/// One set of bars, drawn in the CSS class `class` and named in the legend
/// and in each bar's title.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Series {
    pub name: &'static str,
    pub class: &'static str,
}

/// One column (or row) of bars: a value per series.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Group {
    /// Written under a column or beside a row; may be empty.
    pub tick: String,
    /// Its full name in each bar's title, "Week of 5 Oct 2026".
    pub title: String,
    pub values: Vec<usize>,
}

/// How the series of a column share it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    /// One on top of the other: parts of a whole.
    Stacked,
    /// Next to each other: separate counts.
    SideBySide,
}

/// The width of the columns' plot; each chart's view box grows from it.
const PLOT_WIDTH: usize = 312;
const COLUMNS_HEIGHT: usize = 150;
/// Room left of the columns for the scale, and right of the plot.
const LEFT: usize = 30;
const RIGHT: usize = 6;
const LEGEND: usize = 22;
const TOP: usize = 8;

/// The smallest of 1, 2, 5, 10, 20, 50… at or above `n`: a round top for
/// the scale.
pub fn round_up(n: usize) -> usize {
    let mut step = 1;
    loop {
        for top in [step, 2 * step, 5 * step] {
            if top >= n {
                return top;
            }
        }
        step *= 10;
    }
}

fn open_svg(svg: &mut String, class: &str, width: usize, height: usize, label: &str) {
    let _ = write!(
        svg,
        r#"<svg class="chart {class}" viewBox="0 0 {width} {height}" role="img" aria-label="{}">"#,
        escape_html(label)
    );
}

/// A swatch and a name per series across the top, when there are several.
fn legend(svg: &mut String, series: &[Series]) -> usize {
    if series.len() < 2 {
        return TOP;
    }
    let mut x = LEFT;
    for s in series {
        let _ = write!(
            svg,
            r#"<rect class="{}" x="{x}" y="{TOP}" width="10" height="10"/><text class="legend" x="{}" y="{}">{}</text>"#,
            s.class,
            x + 14,
            TOP + 9,
            escape_html(s.name)
        );
        // About 7 units a character at the legend's size, and a gap.
        x += 14 + s.name.chars().count() * 7 + 16;
    }
    TOP + LEGEND
}

fn bar(svg: &mut String, class: &str, (x, y, width, height): (usize, usize, usize, usize), title: String) {
    let _ = write!(
        svg,
        r#"<rect class="{class}" x="{x}" y="{y}" width="{width}" height="{height}"><title>{}</title></rect>"#,
        escape_html(&title)
    );
}

fn bar_title(group: &Group, series: &Series, value: usize) -> String {
    format!("{} — {}: {}", group.title, series.name, thousands(value))
}

/// Columns over time, left to right, with a scale from 0 to a round top.
/// A zero draws nothing; every other bar has a title with its value.
pub fn columns_svg(groups: &[Group], series: &[Series], layout: Layout, label: &str) -> String {
    let slot = PLOT_WIDTH / groups.len().max(1);
    let gap = (slot / 4).max(1);
    let width = LEFT + slot * groups.len() + RIGHT;
    let mut svg = String::with_capacity(256 + groups.len() * 160);
    let mut body = String::new();
    let top_y = legend(&mut body, series);
    let bottom = top_y + COLUMNS_HEIGHT;
    let height_of = |total: usize, top: usize| total * COLUMNS_HEIGHT / top;
    let tallest = groups
        .iter()
        .map(|g| match layout {
            Layout::Stacked => g.values.iter().sum(),
            Layout::SideBySide => g.values.iter().copied().max().unwrap_or(0),
        })
        .max()
        .unwrap_or(0);
    let top = round_up(tallest);
    open_svg(&mut svg, "columns", width, bottom + 20, label);
    svg += &body;
    let marks = if top.is_multiple_of(2) { vec![0, top / 2, top] } else { vec![0, top] };
    for mark in marks {
        let y = bottom - height_of(mark, top);
        let _ = write!(
            svg,
            r#"<line class="rule" x1="{LEFT}" y1="{y}" x2="{}" y2="{y}"/><text class="scale" x="{}" y="{}" text-anchor="end">{}</text>"#,
            width - RIGHT,
            LEFT - 4,
            y + 4,
            thousands(mark)
        );
    }
    for (n, group) in groups.iter().enumerate() {
        let x = LEFT + n * slot + gap / 2;
        let inner = slot - gap;
        let mut below = 0;
        for (k, (s, &value)) in series.iter().zip(&group.values).enumerate() {
            if value == 0 {
                continue;
            }
            let rect = match layout {
                Layout::Stacked => {
                    let (low, high) = (bottom - height_of(below, top), bottom - height_of(below + value, top));
                    below += value;
                    (x, high, inner, (low - high).max(1))
                }
                Layout::SideBySide => {
                    let each = inner / series.len();
                    let h = height_of(value, top).max(1);
                    (x + k * each, bottom - h, each.max(1), h)
                }
            };
            bar(&mut svg, s.class, rect, bar_title(group, s, value));
        }
        if !group.tick.is_empty() {
            let _ = write!(
                svg,
                r#"<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                LEFT + n * slot + slot / 2,
                bottom + 15,
                escape_html(&group.tick)
            );
        }
    }
    svg + "</svg>"
}

/// Room for the row names, the bars, and the value after the longest.
const ROW_LABEL: usize = 112;
const ROW_PLOT: usize = 190;
const ROW_BAR: usize = 10;
/// Between the bars of one row: room for each bar's value.
const ROW_GAP: usize = 3;

/// Rows of bars side by side, one row per group, named on the left; each
/// bar is followed by its value.
pub fn rows_svg(groups: &[Group], series: &[Series], label: &str) -> String {
    let width = ROW_LABEL + ROW_PLOT + 36;
    let row_height = series.len() * (ROW_BAR + ROW_GAP) + 10;
    let mut body = String::new();
    let first = legend(&mut body, series);
    let height = first + groups.len() * row_height;
    let top = round_up(groups.iter().flat_map(|g| g.values.iter().copied()).max().unwrap_or(0));
    let mut svg = String::with_capacity(256 + groups.len() * series.len() * 200);
    open_svg(&mut svg, "rows", width, height, label);
    svg += &body;
    for (n, group) in groups.iter().enumerate() {
        let y = first + n * row_height;
        let _ = write!(
            svg,
            r#"<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>"#,
            ROW_LABEL - 6,
            y + (row_height - 10) / 2 + 4,
            escape_html(&group.tick)
        );
        for (k, (s, &value)) in series.iter().zip(&group.values).enumerate() {
            let bar_y = y + k * (ROW_BAR + ROW_GAP);
            let length = value * ROW_PLOT / top;
            if value > 0 {
                bar(&mut svg, s.class, (ROW_LABEL, bar_y, length.max(1), ROW_BAR), bar_title(group, s, value));
            }
            let _ = write!(
                svg,
                r#"<text class="value" x="{}" y="{}">{}</text>"#,
                ROW_LABEL + length + 4,
                bar_y + ROW_BAR - 1,
                thousands(value)
            );
        }
    }
    svg + "</svg>"
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: [Series; 1] = [Series { name: "Interactions", class: "series-a" }];
    const TWO: [Series; 2] = [Series { name: "Met", class: "series-a" }, Series { name: "Missed", class: "series-b" }];

    fn group(tick: &str, values: &[usize]) -> Group {
        Group { tick: tick.to_owned(), title: format!("Week {tick}"), values: values.to_vec() }
    }

    fn rects(svg: &str) -> Vec<&str> {
        svg.split("<rect ").skip(1).map(|r| r.split('>').next().unwrap_or("")).collect()
    }

    #[test]
    fn round_tops_are_one_two_or_five_times_a_power_of_ten() {
        let tops: Vec<usize> = [0, 1, 2, 3, 6, 11, 48, 50, 51, 2_480].into_iter().map(round_up).collect();
        assert_eq!(tops, [1, 1, 2, 5, 10, 20, 50, 50, 100, 5_000]);
    }

    #[test]
    fn a_column_as_tall_as_the_scale_fills_the_plot_and_zero_draws_nothing() {
        let svg = columns_svg(&[group("1", &[0]), group("2", &[5]), group("", &[2])], &ONE, Layout::Stacked, "x");
        // Three slots of 104 in the 312-wide plot, a quarter of each left as a gap.
        assert!(
            svg.starts_with(r#"<svg class="chart columns" viewBox="0 0 348 178" role="img" aria-label="x">"#),
            "{svg}"
        );
        assert_eq!(
            rects(&svg),
            [
                r#"class="series-a" x="147" y="8" width="78" height="150""#,
                r#"class="series-a" x="251" y="98" width="78" height="60""#
            ]
        );
        assert!(svg.contains("<title>Week 2 — Interactions: 5</title>"));
        assert!(svg.contains(r#"text-anchor="middle">1</text>"#) && svg.contains(r#"text-anchor="middle">2</text>"#));
        assert_eq!(svg.matches(r#"class="tick""#).count(), 2, "an empty tick writes nothing");
        assert!(!svg.contains("legend"), "one series needs no legend");
    }

    #[test]
    fn stacked_columns_rest_on_each_other_in_series_order() {
        let svg = columns_svg(&[group("Mar", &[3, 2])], &TWO, Layout::Stacked, "x");
        // A top of 5 over the 150-high plot, below a legend: 30 a unit, from y = 180.
        let drawn = rects(&svg);
        assert_eq!(drawn.len(), 4, "two legend swatches and two bars: {drawn:?}");
        assert!(drawn[2].contains(r#"y="90" width="234" height="90""#), "{}", drawn[2]);
        assert!(drawn[3].contains(r#"y="30" width="234" height="60""#), "{}", drawn[3]);
        assert!(svg.contains(">Met</text>") && svg.contains(">Missed</text>"));
        assert!(svg.contains("<title>Week Mar — Missed: 2</title>"));
    }

    #[test]
    fn side_by_side_columns_share_their_slot() {
        let svg = columns_svg(&[group("a", &[4, 2]), group("b", &[1, 0])], &TWO, Layout::SideBySide, "x");
        let bars: Vec<&str> = rects(&svg).into_iter().skip(2).collect();
        assert_eq!(bars.len(), 3, "{bars:?}");
        // A top of 5: 4 is 120 high, 2 is 60; the slot of 156 leaves 117 for two bars of 58.
        assert!(bars[0].contains(r#"x="49" y="60" width="58" height="120""#), "{}", bars[0]);
        assert!(bars[1].contains(r#"x="107" y="120" width="58" height="60""#), "{}", bars[1]);
    }

    #[test]
    fn rows_name_each_group_and_write_each_value() {
        let svg = rows_svg(&[group("Peer", &[4, 0]), group("Supplier", &[2, 1])], &TWO, "By role");
        assert!(svg.contains(r#"aria-label="By role""#));
        assert!(svg.contains(r#"text-anchor="end">Peer</text>"#) && svg.contains(">Supplier</text>"));
        let bars: Vec<&str> = rects(&svg).into_iter().skip(2).collect();
        // A top of 5 over 190: 4 is 152 long.
        assert_eq!(bars.len(), 3);
        assert!(bars[0].contains(r#"x="112" y="30" width="152" height="10""#), "{}", bars[0]);
        assert_eq!(svg.matches(r#"class="value""#).count(), 4, "a zero is written, not drawn");
        assert!(svg.contains(r#"<text class="value" x="116" y="52">0</text>"#), "{svg}");
    }

    #[test]
    fn text_is_escaped() {
        let g = Group { tick: "<b>".into(), title: "Q&A".into(), values: vec![1_200] };
        for svg in
            [columns_svg(std::slice::from_ref(&g), &ONE, Layout::Stacked, r#"A "label""#), rows_svg(&[g], &ONE, "<i>")]
        {
            assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"), "{svg}");
            assert!(svg.contains("<title>Q&amp;A — Interactions: 1,200</title>"), "{svg}");
        }
        assert!(columns_svg(&[], &ONE, Layout::Stacked, r#"A "label""#).contains("A &quot;label&quot;"));
    }
}
