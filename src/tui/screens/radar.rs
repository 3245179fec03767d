//! The wheel as a radar (spider) chart on ratatui's canvas: a spoke for each area, a ring for
//! each level of the scale, this reflection's polygon drawn solid with `●` at its corners, and
//! the previous reflection's drawn in `•` dots, so that neither is told apart by colour alone.
//!
//! Each part is painted by its own [`Canvas`] into a scratch buffer and laid over the frame with
//! its theme style: canvas shapes only carry a colour, and the theme also uses bold and dim.
//! Beside the chart go its key in words; where there is no room for it, bars instead.

use std::f64::consts::{FRAC_PI_2, TAU};

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::canvas::{Canvas, Context, Line, Points};
use ratatui::widgets::{Block, Widget};
use unicode_width::UnicodeWidthStr;

use super::{fit, rating_bar};
use crate::tui::theme::Theme;

/// With fewer areas than this there is no polygon worth drawing: bars instead.
pub const MIN_AREAS: usize = 3;
/// Narrower bodies get bars: the chart needs its key and the text beside it.
pub const MIN_WIDTH: u16 = 100;
/// Lower bodies get bars: the rings need rows to stay apart.
pub const MIN_HEIGHT: u16 = 20;
/// The text column beside the chart is at least this wide, or 45% of the body.
pub const TEXT_MIN: u16 = 46;
/// Canvas coordinates run from -EXTENT to EXTENT. The outer ring has radius 1; the area
/// numbers sit outside it.
const EXTENT: f64 = 1.3;
const LABEL_RADIUS: f64 = 1.15;
/// Canvas shapes carry only a colour; the real style comes from the theme in [`overlay`].
const UNSTYLED: Color = Color::Reset;

/// The wheel of one reflection: for each area in focus its title and mean rating (`None`: not
/// rated, drawn at the centre), and the previous reflection's.
#[derive(Debug, Clone, PartialEq)]
pub struct Wheel {
    pub titles: Vec<String>,
    pub current: Vec<Option<f64>>,
    /// The date of this reflection.
    pub date: String,
    /// The previous reflection's date and means.
    pub previous: Option<(String, Vec<Option<f64>>)>,
    /// The scale in words, e.g. `1 Emerging to 4 Strength`.
    pub scale: String,
    /// The number of levels of the scale: the outer ring.
    pub levels: usize,
}

/// Whether a body of this size, with this many areas in focus, gets the radar or the bars.
pub fn use_radar(areas: usize, width: u16, height: u16) -> bool {
    areas >= MIN_AREAS && width >= MIN_WIDTH && height >= MIN_HEIGHT
}

/// The angle of spoke `i` of `n`: the first points straight up, the others follow clockwise.
pub fn angle(i: usize, n: usize) -> f64 {
    FRAC_PI_2 - TAU * i as f64 / n.max(1) as f64
}

/// Where `value` lies on spoke `i` of `n` with a scale of `levels`: the top level on the outer
/// ring (radius 1), no value at the centre.
pub fn point(i: usize, n: usize, value: Option<f64>, levels: usize) -> (f64, f64) {
    let radius = value.map_or(0.0, |v| (v / levels.max(1) as f64).clamp(0.0, 1.0));
    let angle = angle(i, n);
    (radius * angle.cos(), radius * angle.sin())
}

/// The corners of the polygon of `values`, one for each spoke.
pub fn polygon(values: &[Option<f64>], levels: usize) -> Vec<(f64, f64)> {
    let n = values.len();
    values
        .iter()
        .enumerate()
        .map(|(i, value)| point(i, n, *value, levels))
        .collect()
}

/// The closed polygon's edges, the last corner joined back to the first.
pub fn edges(corners: &[(f64, f64)]) -> Vec<((f64, f64), (f64, f64))> {
    (0..corners.len())
        .map(|i| (corners[i], corners[(i + 1) % corners.len()]))
        .collect()
}

/// Points from `a` to `b`, both included, at most `step` apart: a dotted line.
pub fn dotted(a: (f64, f64), b: (f64, f64), step: f64) -> Vec<(f64, f64)> {
    let length = (b.0 - a.0).hypot(b.1 - a.1);
    let count = if step > 0.0 {
        ((length / step).ceil() as usize).max(1)
    } else {
        1
    };
    (0..=count)
        .map(|k| {
            let t = k as f64 / count as f64;
            (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
        })
        .collect()
}

/// The chart's place at the top left of `body`: twice as wide as high inside its border, since
/// terminal cells are about twice as high as wide, so that the wheel looks round; as large as
/// leaves the text column its room.
pub fn chart_rect(body: Rect) -> Rect {
    let text = TEXT_MIN.max((u32::from(body.width) * 45 / 100) as u16);
    let room = body.width.saturating_sub(text).saturating_sub(2) / 2;
    let inner_height = body.height.saturating_sub(2).min(room);
    Rect {
        x: body.x,
        y: body.y,
        width: (u32::from(inner_height) * 2 + 2).min(u32::from(body.width)) as u16,
        height: (inner_height + 2).min(body.height),
    }
}

/// The cell of `inner` that a canvas point falls in; `None` outside the canvas.
pub fn cell(inner: Rect, (x, y): (f64, f64)) -> Option<(u16, u16)> {
    let across = (x + EXTENT) / (2.0 * EXTENT);
    let down = (EXTENT - y) / (2.0 * EXTENT);
    if inner.is_empty() || !(0.0..=1.0).contains(&across) || !(0.0..=1.0).contains(&down) {
        return None;
    }
    let column = ((across * f64::from(inner.width)) as u16).min(inner.width - 1);
    let row = ((down * f64::from(inner.height)) as u16).min(inner.height - 1);
    Some((inner.x + column, inner.y + row))
}

/// Draws the chart with its border and title into `rect`.
pub fn render(frame: &mut Frame, rect: Rect, wheel: &Wheel, theme: &Theme, title: &str) {
    let block = Block::bordered()
        .border_style(theme.dim)
        .title(Span::styled(format!(" {title} "), theme.heading));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.width < 5 || inner.height < 3 {
        return;
    }
    let (n, levels) = (wheel.current.len(), wheel.levels.max(1));
    // About three braille dots (two to a cell) between the dots of a ring.
    let step = 3.0 * EXTENT / f64::from(inner.width);
    let buffer = frame.buffer_mut();

    let grid = layer(inner, Marker::Braille, |ctx| {
        for (x, y) in polygon(&vec![Some(levels as f64); n], levels) {
            ctx.draw(&Line::new(0.0, 0.0, x, y, UNSTYLED));
        }
        for level in 1..=levels {
            let ring = polygon(&vec![Some(level as f64); n], levels);
            let coords: Vec<(f64, f64)> = edges(&ring)
                .into_iter()
                .flat_map(|(a, b)| dotted(a, b, step))
                .collect();
            ctx.draw(&Points {
                coords: &coords,
                color: UNSTYLED,
            });
        }
    });
    overlay(buffer, &grid, theme.dim);

    if let Some((_, previous)) = &wheel.previous {
        let corners = polygon(previous, levels);
        let dots = layer(inner, Marker::Dot, |ctx| draw_edges(ctx, &corners));
        overlay(buffer, &dots, theme.previous);
    }
    let corners = polygon(&wheel.current, levels);
    let solid = layer(inner, Marker::Braille, |ctx| draw_edges(ctx, &corners));
    overlay(buffer, &solid, theme.current);
    for corner in &corners {
        if let Some(position) = cell(inner, *corner) {
            buffer.set_string(position.0, position.1, "●", theme.current);
        }
    }

    for i in 0..n {
        let (angle, label) = (angle(i, n), (i + 1).to_string());
        let at = (LABEL_RADIUS * angle.cos(), LABEL_RADIUS * angle.sin());
        if let Some((x, y)) = cell(inner, at) {
            let half = (label.width() / 2) as u16;
            let x = x
                .saturating_sub(half)
                .max(inner.x)
                .min(inner.right().saturating_sub(label.width() as u16));
            buffer.set_string(x, y, &label, theme.key);
        }
    }
}

fn draw_edges(ctx: &mut Context, corners: &[(f64, f64)]) {
    for ((x1, y1), (x2, y2)) in edges(corners) {
        ctx.draw(&Line::new(x1, y1, x2, y2, UNSTYLED));
    }
}

/// One part of the chart painted by a canvas alone into a buffer the size of `area`.
fn layer(area: Rect, marker: Marker, paint: impl Fn(&mut Context)) -> Buffer {
    let mut buffer = Buffer::empty(area);
    Canvas::default()
        .marker(marker)
        .x_bounds([-EXTENT, EXTENT])
        .y_bounds([-EXTENT, EXTENT])
        .paint(paint)
        .render(area, &mut buffer);
    buffer
}

/// Lays the painted cells of `layer` over `target` in `style`; blank cells leave it as it is.
fn overlay(target: &mut Buffer, layer: &Buffer, style: Style) {
    for position in layer.area.positions() {
        let symbol = layer[position].symbol();
        if symbol == " " || symbol == "\u{2800}" {
            continue;
        }
        if let Some(cell) = target.cell_mut(position) {
            cell.reset();
            cell.set_symbol(symbol);
            cell.set_style(style);
        }
    }
}

pub const NOT_RATED: &str = "not rated";

/// A rating in tenths, as the screens compare them.
pub fn tenths(value: f64) -> i64 {
    (value * 10.0).round() as i64
}

/// A rating to one decimal place, rounded as [`tenths`] rounds it, so words and comparisons agree.
pub fn one_place(value: f64) -> String {
    let tenths = tenths(value);
    format!("{}.{}", tenths / 10, (tenths % 10).abs())
}

fn words(value: Option<f64>) -> String {
    value.map_or_else(|| NOT_RATED.to_string(), one_place)
}

/// What the previous reflection rated each area, in words; empty without one.
fn was(wheel: &Wheel, index: usize) -> String {
    wheel
        .previous
        .as_ref()
        .map_or_else(String::new, |(_, means)| {
            format!("(was {})", words(means.get(index).copied().flatten()))
        })
}

/// The chart's key beside it: the legend, then each area by its number, with the ratings.
pub fn key_lines(wheel: &Wheel, theme: &Theme, width: usize) -> Vec<TextLine<'static>> {
    let mut lines = vec![
        TextLine::from(vec![
            Span::styled("──● ", theme.current),
            Span::raw(format!("this reflection, {}", wheel.date)),
        ]),
        match &wheel.previous {
            Some((date, _)) => TextLine::from(vec![
                Span::styled("•• ", theme.previous),
                Span::raw(format!("previous, {date}")),
            ]),
            None => TextLine::styled("no earlier reflection to compare with", theme.dim),
        },
        TextLine::styled(
            fit(
                &format!("rings {}; centre: {NOT_RATED}", wheel.scale),
                width,
            ),
            theme.dim,
        ),
        TextLine::raw(""),
    ];
    let ratings: Vec<String> = wheel.current.iter().map(|v| words(*v)).collect();
    let rating_width = ratings.iter().map(|r| r.width()).max().unwrap_or(0);
    let was_width = (0..ratings.len()).map(|i| was(wheel, i).width()).max();
    let number_width = ratings.len().to_string().len();
    let title_width =
        width.saturating_sub(number_width + rating_width + was_width.unwrap_or(0) + 3);
    for (index, (title, rating)) in wheel.titles.iter().zip(ratings).enumerate() {
        let style = if rating == NOT_RATED {
            theme.dim
        } else {
            theme.current
        };
        lines.push(TextLine::from(vec![
            Span::styled(format!("{:>number_width$} ", index + 1), theme.key),
            Span::raw(pad(title, title_width)),
            Span::styled(format!(" {rating:>rating_width$}"), style),
            Span::styled(format!(" {}", was(wheel, index)), theme.previous),
        ]));
    }
    lines
}

/// Where the radar does not fit: a text bar for each area, with the previous rating in words.
pub fn bar_lines(wheel: &Wheel, theme: &Theme, width: usize) -> Vec<TextLine<'static>> {
    let heading = format!("Ratings: {}; – {NOT_RATED}", wheel.scale);
    let mut lines = vec![TextLine::styled(fit(&heading, width), theme.heading)];
    if wheel.titles.is_empty() {
        lines.push(TextLine::raw("None of this pack's areas is in focus."));
    }
    let notes: Vec<String> = (0..wheel.titles.len())
        .map(|i| {
            let rated = wheel.current[i].is_some();
            let now = if rated { "" } else { NOT_RATED };
            [now.to_string(), was(wheel, i)]
                .join(" ")
                .trim()
                .to_string()
        })
        .collect();
    let note_width = notes.iter().map(|n| n.width()).max().unwrap_or(0);
    let longest = wheel.titles.iter().map(|t| t.width()).max().unwrap_or(0);
    let title_width = longest.min(width.saturating_sub(wheel.levels + note_width + 7));
    for ((title, now), note) in wheel.titles.iter().zip(&wheel.current).zip(notes) {
        lines.push(TextLine::from(vec![
            Span::raw(pad(title, title_width)),
            Span::styled(
                format!(" {}", rating_bar(*now, wheel.levels)),
                theme.current,
            ),
            Span::styled(format!("  {note}"), theme.previous),
        ]));
    }
    if let Some((date, _)) = &wheel.previous {
        let legend = format!("(was …): the previous reflection, {date}");
        lines.push(TextLine::styled(fit(&legend, width), theme.dim));
    }
    lines
}

/// `text` cut or padded to exactly `width` columns.
fn pad(text: &str, width: usize) -> String {
    let text = fit(text, width);
    let room = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(room))
}

#[cfg(test)]
#[path = "tests/radar.rs"]
mod tests;
