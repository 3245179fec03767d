//! One module a screen. Each has its `State`, its `KEYS`, a `handle` function that turns an
//! action into changes and an [`Outcome`], and a `render` function that only reads.

pub mod actions;
pub mod area;
pub mod browse;
pub mod cpd;
pub mod export;
pub mod home;
pub mod radar;
pub mod start;
pub mod summary;

use ratatui::text::Span;

use super::app::{Effect, Screen};
use super::keys::Binding;
use super::theme::Theme;

/// What handling an action asks for beyond changing state.
#[derive(Debug, Default)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    /// The screen to show next; `None` stays on this one.
    pub go: Option<Screen>,
}

impl Outcome {
    pub fn stay() -> Self {
        Outcome::default()
    }

    pub fn go(screen: Screen) -> Self {
        Outcome {
            effects: Vec::new(),
            go: Some(screen),
        }
    }
}

/// The key bindings of a screen (the global ones are added by the caller).
pub fn keys(screen: &Screen) -> &'static [Binding] {
    match screen {
        Screen::Home(_) => home::KEYS,
        Screen::Start(_) => start::KEYS,
        Screen::Area(_) => area::KEYS,
        Screen::Summary(_) => summary::KEYS,
        Screen::Browse(_) => browse::KEYS,
        Screen::Reading(_) => browse::READING_KEYS,
        Screen::Actions(_) => actions::KEYS,
        Screen::Export(state) if state.preview.is_some() => export::PREVIEW_KEYS,
        Screen::Export(_) => export::KEYS,
        Screen::Cpd(_) => cpd::KEYS,
    }
}

/// A rating as a number and a bar, e.g. `2.5 ■■■□`; the number carries the meaning, the bar
/// only helps the eye.
pub fn rating_bar(value: Option<f64>, levels: usize) -> String {
    match value {
        Some(value) => {
            let filled = (value.round() as usize).min(levels);
            format!(
                "{value:.1} {}{}",
                "■".repeat(filled),
                "□".repeat(levels - filled)
            )
        }
        None => format!("  – {}", "·".repeat(levels)),
    }
}

pub use crate::columns::columns;

/// Shortens `text` to `width` columns, ending with `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if columns(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Adds `line` to `rows` as the rows of `width` columns it is drawn in: as it is (an indent
/// too) when it fits, else broken at its last space that fits or, in a word longer than the
/// row, where it must be, the space at a break left out. Measured as ratatui draws, a
/// grapheme (a letter with its accents, an emoji with its modifiers) at a time: wide ones
/// take two columns, and one is never split. Every row holds one at least. Linear in the
/// line's length.
pub fn wrap_line(line: &str, width: usize, rows: &mut Vec<String>) {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    let mut rest = line;
    loop {
        let (mut used, mut cut, mut last_space) = (0, None, None);
        for (at, grapheme) in rest.grapheme_indices(true) {
            let columns = grapheme.width();
            if used + columns > width {
                cut = Some(at);
                break;
            }
            if grapheme == " " {
                last_space = Some(at);
            }
            used += columns;
        }
        let Some(cut) = cut else {
            rows.push(rest.to_string());
            return;
        };
        let first = rest.graphemes(true).next().map_or(1, str::len);
        let (row, next) = match last_space {
            _ if rest[cut..].starts_with(' ') => (&rest[..cut], &rest[cut..]),
            Some(space) if !rest[..space].trim().is_empty() => (&rest[..space], &rest[space..]),
            // At least one grapheme a row, however narrow.
            _ => rest.split_at(cut.max(first)),
        };
        rows.push(row.to_string());
        rest = next.strip_prefix(' ').unwrap_or(next);
        if rest.is_empty() {
            return;
        }
    }
}

/// Breaks text into lines of at most `width` columns, at spaces where it can, keeping the
/// text's own line breaks. Wide characters (CJK, emoji) count as two columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if candidate.width() <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word longer than the line is cut where it must be.
            let mut rest = word.to_string();
            while rest.width() > width {
                let cut = fit_exact(&rest, width);
                rest = rest[cut.len()..].to_string();
                lines.push(cut);
            }
            line = rest;
        }
        lines.push(line);
    }
    lines
}

/// The longest start of `text` that fits in `width` columns (at least one character).
fn fit_exact(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width && !out.is_empty() {
            break;
        }
        out.push(c);
        used += w;
    }
    out
}

/// `› ` for the selected row, two spaces otherwise: selection is never shown by colour alone.
pub fn marker(selected: bool, theme: &Theme) -> Span<'static> {
    if selected {
        Span::styled("› ", theme.key)
    } else {
        Span::raw("  ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_fitting() {
        assert_eq!(rating_bar(Some(2.5), 4), "2.5 ■■■□");
        assert_eq!(rating_bar(None, 4), "  – ····");
        assert_eq!(fit("Shared Purpose, Shared Vision", 10), "Shared Pu…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("exactly10!", 10), "exactly10!");
        assert_eq!(fit("日本語の文", 6), "日本…");
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("🙂🙂🙂 ok", 4), ["🙂🙂", "🙂", "ok"]);
    }
}
