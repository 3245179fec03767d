//! The export's preview: exactly what would be written, laid out in rows once for each
//! export and width ([`PreviewRows`]), and the rows in sight drawn.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::export::Prepared;
use crate::tui::app::App;
use crate::tui::screens::export::{State, is_confirmed, preview_rows};
use crate::tui::screens::wrap_line;

/// The preview's text as the rows it is drawn in, `width` columns wide ([`wrap_line`]).
/// Made once for each export and width, so that scrolling draws only the rows in sight.
#[derive(Debug)]
pub struct PreviewRows {
    pub width: u16,
    pub rows: Vec<String>,
}

impl PreviewRows {
    pub fn new(text: &str, width: u16) -> Self {
        let mut rows = Vec::new();
        for line in text.lines() {
            wrap_line(line, usize::from(width.max(1)), &mut rows);
        }
        PreviewRows { width, rows }
    }
}

/// The preview's width and height inside its border, below its two lines of heading, in
/// the screen's `body`.
pub(in crate::tui::screens) fn preview_size(body: Rect) -> (u16, usize) {
    let width = body.width.saturating_sub(2).max(1);
    let rows = body.height.saturating_sub(2 + 2).max(1);
    (width, usize::from(rows))
}

/// How far the preview scrolls at most (its last row at the bottom), and how far a page goes.
pub(in crate::tui::screens) fn preview_extent(rows: &PreviewRows, body: Rect) -> (usize, usize) {
    let (_, height) = preview_size(body);
    let limit = rows.rows.len().saturating_sub(height);
    (limit, height.saturating_sub(1).max(1))
}

/// Draws the preview scrolled to `scroll`, below a heading of what it is and what is left
/// to deal with.
pub(in crate::tui::screens) fn render(
    app: &App,
    state: &State,
    prepared: &Result<std::sync::Arc<Prepared>, String>,
    scroll: usize,
    frame: &mut Frame,
    area: Rect,
) {
    let theme = &app.theme;
    let preview = preview_rows(app, state);
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let note = match &prepared {
        Ok(p) => {
            let open = p
                .findings
                .iter()
                .filter(|f| !is_confirmed(state, f))
                .count();
            if open == 0 {
                "No likely identifiers left. w writes it.".to_string()
            } else {
                format!(
                    "{open} likely identifier(s) to deal with before writing (Esc, then Tab to the findings)."
                )
            }
        }
        Err(message) => message.clone(),
    };
    let header = vec![
        Line::styled(
            format!(
                "Exactly what would be written ({}, {}):",
                state.template().name(),
                state.format().extension()
            ),
            theme.title,
        ),
        Line::styled(note, theme.warning),
    ];
    frame.render_widget(Paragraph::new(header), head);
    let (_, height) = preview_size(area);
    let (limit, _) = preview_extent(&preview, area);
    let shown = preview.rows.iter().skip(scroll.min(limit)).take(height);
    let lines: Vec<Line> = shown.map(|row| Line::raw(row.as_str())).collect();
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_style(theme.dim)),
        body,
    );
}

#[cfg(test)]
mod tests {
    use super::PreviewRows;

    fn rows(text: &str, width: u16) -> Vec<String> {
        PreviewRows::new(text, width).rows
    }

    #[test]
    fn lines_that_fit_are_kept_as_they_are_indents_and_empty_lines_too() {
        let text = "# Title\n\n    indented code\n  - a list item";
        assert_eq!(
            rows(text, 20),
            ["# Title", "", "    indented code", "  - a list item"]
        );
    }

    #[test]
    fn a_long_line_breaks_at_its_last_space_that_fits() {
        assert_eq!(
            rows("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
        // A space exactly at the edge is the break.
        assert_eq!(rows("abcde fghij", 5), ["abcde", "fghij"]);
        assert_eq!(rows("abcde ", 5), ["abcde"]);
    }

    #[test]
    fn a_word_longer_than_the_row_is_cut_where_it_must_be() {
        assert_eq!(rows("abcdefghij kl", 4), ["abcd", "efgh", "ij", "kl"]);
        assert_eq!(rows("  abcdefgh", 4), ["  ab", "cdef", "gh"]);
    }

    #[test]
    fn wide_characters_take_two_columns_and_every_row_holds_one_at_least() {
        assert_eq!(rows("日本語", 4), ["日本", "語"]);
        assert_eq!(rows("日本", 1), ["日", "本"]);
    }

    #[test]
    fn an_emoji_or_a_letter_with_its_marks_is_never_split() {
        // A heart with its emoji form (U+FE0F) is drawn two columns wide.
        assert_eq!(
            rows("\u{2764}\u{fe0f}\u{2764}\u{fe0f}\u{2764}\u{fe0f}", 4).len(),
            2
        );
        // Two flags, each two regional letters.
        assert_eq!(
            rows("\u{1f1ec}\u{1f1e7}\u{1f1ec}\u{1f1e7}", 2),
            ["\u{1f1ec}\u{1f1e7}", "\u{1f1ec}\u{1f1e7}"]
        );
        // Bengali, with its combining vowel signs.
        let word = "\u{9a7}\u{9a8}\u{9cd}\u{9af}\u{9ac}\u{9be}\u{9a6}";
        let cut = rows(word, 2);
        assert_eq!(cut.concat(), word);
        assert!(
            cut.iter()
                .all(|row| !row.starts_with(['\u{9cd}', '\u{9be}']))
        );
    }
}
