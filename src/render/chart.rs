//! Horizontal bar charts drawn as inline SVG at build time (no script, no external file): the
//! statistics page's figures, each repeated as a table by its caller.

use maud::{Markup, html};

/// `12,000` (yuan without the unit).
pub fn grouped(amount: u64) -> String {
    super::layout::yuan(amount)
        .trim_end_matches('元')
        .to_string()
}

/// One bar: its category label, its length in scale units, the text at its end, and the
/// exact figure (`data-value`, and `data-percent` for shares) the table repeats.
pub struct Bar {
    pub label: String,
    pub len: f64,
    pub text: String,
    pub value: String,
    pub percent: Option<usize>,
    pub class: &'static str,
}

impl Bar {
    pub fn count(label: String, n: usize, class: &'static str) -> Bar {
        Bar {
            label,
            len: n as f64,
            text: format!("{n} 件"),
            value: n.to_string(),
            percent: None,
            class,
        }
    }
}

/// Where category labels go: beside the bar (short labels) or above it (long texts).
pub enum Layout {
    Beside,
    Above,
}

/// The value axis: counts, per cent (0-100), or yuan.
pub enum Scale {
    Count,
    Percent,
    Yuan,
}

pub struct Chart<'a> {
    /// Prefix of the chart's element ids.
    pub id: &'a str,
    pub title: String,
    /// Title of the category axis (above the labels).
    pub category: &'a str,
    /// Title of the value axis (under the ticks).
    pub axis: &'a str,
    pub layout: Layout,
    pub scale: Scale,
    pub bars: Vec<Bar>,
}

/// Width of the coordinate system; the SVG scales to its container.
const W: f64 = 360.0;
/// Font sizes in user units.
const FONT: f64 = 15.0;
const SMALL: f64 = 13.0;
/// Bar colours, each at least 3:1 (and as text colours 4.5:1) against white.
const FILL: &str = "#0b4f8a";
const FILL_SOFT: &str = "#1f6b36";
const FILL_HEAVY: &str = "#a1261d";
const INK: &str = "#1a1a1a";
const MUTED: &str = "#555555";
const GRID: &str = "#d0d7de";
const TRACK: &str = "#eef1f4";

/// Estimated width of a text in user units: CJK and full-width characters are square,
/// ASCII is about 0.6 em.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.6 * size } else { size })
        .sum()
}

/// `s` cut to fit `width`, with an ellipsis when cut.
fn fit(s: &str, width: f64, size: f64) -> String {
    if text_width(s, size) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = size; // room for the ellipsis
    for c in s.chars() {
        let w = if c.is_ascii() { 0.6 * size } else { size };
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A round step so that at most four intervals cover `max`; the axis ends at a whole step.
fn ticks(max: f64, scale: &Scale) -> (f64, f64) {
    if let Scale::Percent = scale {
        return (100.0, 25.0);
    }
    if max <= 0.0 {
        return (1.0, 1.0);
    }
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|f| f * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
        .max(1.0);
    ((max / step).ceil() * step, step)
}

fn tick_label(v: f64, scale: &Scale) -> String {
    let v = v.round() as u64;
    match scale {
        Scale::Count => v.to_string(),
        Scale::Percent => format!("{v}%"),
        Scale::Yuan if v >= 10_000 && v.is_multiple_of(1_000) => {
            let wan = v as f64 / 10_000.0;
            if v.is_multiple_of(10_000) {
                format!("{wan:.0}万")
            } else {
                format!("{wan:.1}万")
            }
        }
        Scale::Yuan => grouped(v),
    }
}

/// One decimal place is plenty for coordinates.
fn coord(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

fn fill(class: &str) -> &'static str {
    if class.contains("heavy") {
        FILL_HEAVY
    } else if class.contains("soft") {
        FILL_SOFT
    } else {
        FILL
    }
}

pub fn chart(c: &Chart<'_>) -> Markup {
    let title_id = format!("{}-chart-title", c.id);
    let label_w = match c.layout {
        Layout::Beside => c
            .bars
            .iter()
            .map(|b| text_width(&b.label, FONT))
            .fold(0.0, f64::max)
            .min(W * 0.4),
        Layout::Above => 0.0,
    };
    let x0 = if label_w > 0.0 { label_w + 8.0 } else { 8.0 };
    let value_w = c
        .bars
        .iter()
        .map(|b| text_width(&b.text, FONT))
        .fold(0.0, f64::max);
    let plot = (W - x0 - value_w - 8.0).max(W * 0.3);
    let max = c.bars.iter().map(|b| b.len).fold(0.0, f64::max);
    let (top, step) = ticks(max, &c.scale);
    let (row_h, bar_off, bar_h) = match c.layout {
        Layout::Beside => (28.0, 5.0, 18.0),
        Layout::Above => (46.0, 22.0, 18.0),
    };
    let y0 = 30.0;
    let y_end = y0 + row_h * c.bars.len() as f64 + 4.0;
    let height = y_end + 42.0;
    let tick_values: Vec<f64> = (0..)
        .map(|i| i as f64 * step)
        .take_while(|v| *v <= top + step / 1000.0)
        .collect();
    let x_of = |v: f64| x0 + plot * (v / top).clamp(0.0, 1.0);
    html! {
        figure.stat-chart {
            svg.chart viewBox={ "0 0 " (coord(W)) " " (coord(height)) } width="100%"
                role="img" aria-labelledby=(title_id) font-size=(coord(FONT)) fill=(INK) {
                title id=(title_id) { (c.title) }
                text.axis-title x="0" y="16" font-size=(coord(SMALL)) fill=(MUTED) { (c.category) }
                g.grid {
                    @for v in &tick_values {
                        line x1=(coord(x_of(*v))) x2=(coord(x_of(*v))) y1=(coord(y0 - 4.0)) y2=(coord(y_end)) stroke=(GRID) stroke-width="1" {}
                        text.tick x=(coord(x_of(*v))) y=(coord(y_end + 15.0)) text-anchor="middle" font-size=(coord(SMALL)) fill=(MUTED) { (tick_label(*v, &c.scale)) }
                    }
                }
                @for (i, b) in c.bars.iter().enumerate() {
                    @let row_y = y0 + row_h * i as f64;
                    @let bar_y = row_y + bar_off;
                    @let w = x_of(b.len) - x0;
                    @let baseline = bar_y + bar_h / 2.0 + FONT * 0.35;
                    g class=(if b.class.is_empty() { "bar".to_string() } else { format!("bar {}", b.class) }) data-label=(b.label) data-value=(b.value) data-percent=[b.percent] {
                        @match c.layout {
                            Layout::Beside => {
                                text.label x=(coord(x0 - 6.0)) y=(coord(baseline)) text-anchor="end" { (fit(&b.label, label_w, FONT)) }
                            }
                            Layout::Above => {
                                text.label x=(coord(x0 + 3.0)) y=(coord(row_y + 16.0)) { (fit(&b.label, W - x0 - 3.0, FONT)) }
                            }
                        }
                        @if let Scale::Percent = c.scale {
                            rect.track x=(coord(x0)) y=(coord(bar_y)) width=(coord(plot)) height=(coord(bar_h)) fill=(TRACK) {}
                        }
                        rect x=(coord(x0)) y=(coord(bar_y)) width=(coord(w)) height=(coord(bar_h)) fill=(fill(b.class)) {}
                        text.value x=(coord(x0 + w + 5.0)) y=(coord(baseline)) { (b.text) }
                    }
                }
                line.axis x1=(coord(x0)) x2=(coord(x0)) y1=(coord(y0 - 4.0)) y2=(coord(y_end)) stroke=(MUTED) stroke-width="1.5" {}
                line.axis x1=(coord(x0)) x2=(coord(x0 + plot)) y1=(coord(y_end)) y2=(coord(y_end)) stroke=(MUTED) stroke-width="1.5" {}
                text.axis-title x=(coord(x0 + plot / 2.0)) y=(coord(y_end + 34.0)) text-anchor="middle" font-size=(coord(SMALL)) fill=(MUTED) { (c.axis) }
            }
        }
    }
}
