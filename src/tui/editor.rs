//! The text editor overlay: every piece of free text is typed here (answers, comments, the
//! development plan, own activities, actions, titles, search). What is typed is written into
//! the workbook as it changes, so autosave never misses a word.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// Where the text being typed belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    StartTitle,
    Answer {
        reflection: usize,
        question: String,
    },
    Prompt {
        reflection: usize,
        area: String,
        prompt: String,
    },
    OwnActivity {
        reflection: usize,
        index: usize,
    },
    ActionText {
        action: usize,
    },
    ActionDue {
        action: usize,
    },
    Search,
    /// Where to write an export.
    ExportPath,
    /// The owner's wording of a field of the export on screen, by its `Options.edits` key;
    /// for this export only.
    ExportField {
        key: String,
    },
    /// The date of the supervision session, for the export on screen.
    SessionDate,
    /// The first day of the reflections to tick for the export on screen.
    TickSince,
    /// A reflection's title, from the export screen's findings.
    Title {
        reflection: usize,
    },
    CpdDate {
        reflection: usize,
    },
    CpdHours {
        reflection: usize,
    },
    CpdMethod {
        reflection: usize,
    },
    CpdEvidence {
        reflection: usize,
    },
}

impl EditTarget {
    /// For a box that asks before the export does something, what Esc says: it does
    /// nothing there, where elsewhere it keeps what was typed.
    pub fn esc_note(&self) -> Option<&'static str> {
        match self {
            EditTarget::ExportPath => Some("Nothing written."),
            EditTarget::TickSince => Some("The ticks are as they were."),
            _ => None,
        }
    }

    /// Whether Enter goes ahead and Esc does nothing (see [`EditTarget::esc_note`]).
    pub fn asks(&self) -> bool {
        self.esc_note().is_some()
    }

    /// A date or a number, whose text when the box opens is replaced by what is typed: it
    /// starts selected, and an arrow key or End keeps it to change.
    fn is_a_value(&self) -> bool {
        matches!(
            self,
            EditTarget::TickSince
                | EditTarget::SessionDate
                | EditTarget::ActionDue { .. }
                | EditTarget::CpdDate { .. }
                | EditTarget::CpdHours { .. }
        )
    }
}

#[derive(Debug)]
pub struct Editor {
    pub target: EditTarget,
    /// What the text answers, shown above it.
    pub label: String,
    pub textarea: TextArea<'static>,
    /// Enter finishes instead of starting a new line.
    pub single_line: bool,
    /// The text when the editor opened, put back if an existing item is left empty.
    pub original: String,
    /// The item was created for this editor, so leaving it empty removes it again.
    pub new_item: bool,
}

impl Editor {
    pub fn new(
        target: EditTarget,
        label: impl Into<String>,
        text: &str,
        single_line: bool,
    ) -> Self {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(String::from).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        // Reverse video shows a selection without relying on colour (NO_COLOR).
        textarea.set_selection_style(Style::new().add_modifier(Modifier::REVERSED));
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        if target.is_a_value() && !text.is_empty() {
            textarea.select_all();
        }
        Editor {
            target,
            label: label.into(),
            textarea,
            single_line,
            original: text.to_string(),
            new_item: false,
        }
    }

    /// Marks the item being written as made just now for this editor.
    pub fn for_new_item(mut self) -> Self {
        self.new_item = true;
        self
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// Passes a key to the text. Returns whether the text changed.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        if self.single_line && key.code == KeyCode::Enter {
            return false;
        }
        // A value given starts selected; a cursor key keeps it to change, even where the
        // cursor cannot move (→ at its end), which would otherwise leave it selected.
        let moves = matches!(
            key.code,
            KeyCode::Left
                | KeyCode::Right
                | KeyCode::Up
                | KeyCode::Down
                | KeyCode::Home
                | KeyCode::End
        );
        if moves
            && !key
                .modifiers
                .contains(crossterm::event::KeyModifiers::SHIFT)
        {
            self.textarea.cancel_selection();
        }
        self.textarea.input(key)
    }

    /// Inserts pasted text (newlines become spaces in a single-line field).
    pub fn paste(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if self.single_line {
            text.replace('\n', " ")
        } else {
            text
        };
        self.textarea.insert_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_pasting_and_undo_change_the_text() {
        let mut editor = Editor::new(EditTarget::Search, "Search", "ab", false);
        assert!(editor.input(key(KeyCode::Char('c'))));
        assert!(editor.input(key(KeyCode::Enter)));
        assert!(editor.paste("d\r\ne 🙂"));
        assert_eq!(editor.text(), "abc\nd\ne 🙂");
        assert!(editor.input(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        assert_eq!(editor.text(), "abc\n");
    }

    #[test]
    fn a_date_given_is_replaced_by_what_is_typed_unless_an_arrow_keeps_it() {
        let mut editor = Editor::new(EditTarget::SessionDate, "Date", "2026-12-03", true);
        for c in "2026-12-04".chars() {
            editor.input(key(KeyCode::Char(c)));
        }
        assert_eq!(editor.text(), "2026-12-04");
        for kept_by in [KeyCode::End, KeyCode::Right, KeyCode::Down, KeyCode::Left] {
            let mut editor = Editor::new(EditTarget::SessionDate, "Date", "2026-12-03", true);
            editor.input(key(kept_by));
            editor.input(key(KeyCode::End));
            editor.input(key(KeyCode::Backspace));
            editor.input(key(KeyCode::Char('4')));
            assert_eq!(editor.text(), "2026-12-04", "{kept_by:?}");
        }
        // Text written, not a value, is never selected: typing goes on after it.
        let mut editor = Editor::new(EditTarget::Search, "Search", "carer", true);
        editor.input(key(KeyCode::Char('s')));
        assert_eq!(editor.text(), "carers");
    }

    #[test]
    fn a_single_line_field_keeps_to_one_line() {
        let mut editor = Editor::new(EditTarget::Search, "Search", "", true);
        assert!(!editor.input(key(KeyCode::Enter)));
        editor.paste("one\ntwo");
        assert_eq!(editor.text(), "one two");
    }
}
