//! The one key table. Every screen lists its bindings here; the hint line on every screen and
//! the `?` overlay are generated from the same lists, so they cannot drift from what keys do.
//! Only the text editor receives raw keys, for typing.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// Any of 0-9, giving [`Action::Rate`].
    Digit,
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The short word in the hint line; `None` keeps it to the `?` overlay.
    pub hint: Option<&'static str>,
    pub help: &'static str,
}

pub const fn bind(
    keys: &'static [Key],
    action: Action,
    hint: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        hint: Some(hint),
        help,
    }
}

pub const fn more(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        keys,
        action,
        hint: None,
        help,
    }
}

pub const UP: &[Key] = &[Key::Code(KeyCode::Up), Key::Char('k')];
pub const DOWN: &[Key] = &[Key::Code(KeyCode::Down), Key::Char('j')];
pub const LEFT: &[Key] = &[Key::Code(KeyCode::Left), Key::Char('h')];
pub const RIGHT: &[Key] = &[Key::Code(KeyCode::Right), Key::Char('l')];
/// The arrow keys alone, for what changes the workbook (a rating, a CPD choice): `h` and
/// `l` typed in a sentence by someone who forgot to press Enter must not change a rating.
pub const ARROW_LEFT: &[Key] = &[Key::Code(KeyCode::Left)];
pub const ARROW_RIGHT: &[Key] = &[Key::Code(KeyCode::Right)];
pub const ENTER: &[Key] = &[Key::Code(KeyCode::Enter)];
pub const ESC: &[Key] = &[Key::Code(KeyCode::Esc)];
pub const TAB: &[Key] = &[Key::Code(KeyCode::Tab)];
pub const BACKTAB: &[Key] = &[Key::Code(KeyCode::BackTab)];
pub const SPACE: &[Key] = &[Key::Char(' ')];
pub const PAGE_UP: &[Key] = &[Key::Code(KeyCode::PageUp)];
pub const PAGE_DOWN: &[Key] = &[Key::Code(KeyCode::PageDown)];
pub const DELETE: &[Key] = &[Key::Char('D'), Key::Code(KeyCode::Delete)];

/// On every screen without a text editor open.
pub const GLOBAL: &[Binding] = &[
    bind(
        &[Key::Char('?')],
        Action::Help,
        "help",
        "Show every key of this screen",
    ),
    bind(&[Key::Char('q')], Action::Quit, "quit", "Save and quit"),
    more(&[Key::Ctrl('c')], Action::Quit, "Save and quit"),
    more(
        &[Key::Ctrl('z')],
        Action::Suspend,
        "Save and suspend (resume with `fg`)",
    ),
    more(
        &[Key::Code(KeyCode::PageUp)],
        Action::PageUp,
        "Scroll up a page",
    ),
    more(
        &[Key::Code(KeyCode::PageDown)],
        Action::PageDown,
        "Scroll down a page",
    ),
];

pub const HELP_OVERLAY: &[Binding] = &[
    bind(
        &[Key::Code(KeyCode::Esc), Key::Char('?'), Key::Char('q')],
        Action::Back,
        "close",
        "Close this help",
    ),
    more(UP, Action::Up, "Scroll up"),
    more(DOWN, Action::Down, "Scroll down"),
];

/// While typing: every other key goes to the text.
pub const EDITOR: &[Binding] = &[
    bind(
        ESC,
        Action::EditorDone,
        "done",
        "Finish typing (what you typed is kept and saved)",
    ),
    more(
        &[Key::Ctrl('z')],
        Action::Suspend,
        "Save and suspend (resume with `fg`)",
    ),
];

/// In a box that asks before doing something (where to write, from which day to tick).
pub const ASKING: &[Binding] = &[
    bind(
        ENTER,
        Action::EditorDone,
        "go ahead",
        "Do it, with what is in the box",
    ),
    bind(
        ESC,
        Action::Cancel,
        "cancel",
        "Close the box and do nothing",
    ),
    more(
        &[Key::Ctrl('z')],
        Action::Suspend,
        "Save and suspend (resume with `fg`)",
    ),
];

/// Keys the editor widget handles itself, listed for the help overlay.
pub const EDITOR_TYPING_HELP: &[(&str, &str)] = &[
    ("Enter", "New line (in a single-line field: done)"),
    ("Ctrl-U / Ctrl-R", "Undo / redo"),
    (
        "your terminal's paste",
        "Paste (often Ctrl-Shift-V or the right mouse button)",
    ),
    ("arrows, Home, End", "Move the cursor; with Shift, select"),
];

pub const CONFIRM: &[Binding] = &[
    bind(&[Key::Char('y')], Action::Confirm, "yes", "Yes, do it"),
    bind(
        &[Key::Char('n'), Key::Code(KeyCode::Esc)],
        Action::Cancel,
        "no",
        "No, go back",
    ),
];

impl Key {
    fn matches(self, event: &KeyEvent) -> Option<Option<u8>> {
        let plain = event.modifiers.difference(KeyModifiers::SHIFT).is_empty();
        match (self, event.code) {
            (Key::Char(c), KeyCode::Char(typed)) if plain && typed == c => Some(None),
            (Key::Ctrl(c), KeyCode::Char(typed))
                if event.modifiers.contains(KeyModifiers::CONTROL)
                    && typed.eq_ignore_ascii_case(&c) =>
            {
                Some(None)
            }
            (Key::Code(code), typed) if typed == code && (plain || code == KeyCode::BackTab) => {
                Some(None)
            }
            (Key::Digit, KeyCode::Char(typed)) if plain => {
                typed.to_digit(10).map(|d| Some(d as u8))
            }
            _ => None,
        }
    }

    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digit => "0-9".into(),
            Key::Code(code) => match code {
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Delete => "Del".into(),
                KeyCode::Backspace => "Backspace".into(),
                other => format!("{other:?}"),
            },
        }
    }
}

impl Binding {
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The action the first matching binding gives, in table order.
pub fn lookup<'b>(
    tables: impl IntoIterator<Item = &'b [Binding]>,
    event: &KeyEvent,
) -> Option<Action> {
    tables.into_iter().flatten().find_map(|binding| {
        binding.keys.iter().find_map(|key| {
            key.matches(event)
                .map(|digit| match (binding.action, digit) {
                    (Action::Rate(_), Some(value)) => Action::Rate(value),
                    (action, _) => action,
                })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_map_to_actions_with_digits_and_modifiers() {
        let table: &[Binding] = &[
            bind(&[Key::Digit], Action::Rate(0), "rate", "Rate"),
            bind(UP, Action::Up, "up", "Up"),
        ];
        let tables = || [table, GLOBAL];
        assert_eq!(
            lookup(tables(), &press(KeyCode::Char('3'), KeyModifiers::NONE)),
            Some(Action::Rate(3))
        );
        assert_eq!(
            lookup(tables(), &press(KeyCode::Char('k'), KeyModifiers::NONE)),
            Some(Action::Up)
        );
        assert_eq!(
            lookup(tables(), &press(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            lookup(tables(), &press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        // Ctrl-K is not k.
        assert_eq!(
            lookup(tables(), &press(KeyCode::Char('k'), KeyModifiers::CONTROL)),
            None
        );
    }

    #[test]
    fn labels_name_keys_as_people_read_them() {
        assert_eq!(GLOBAL[0].keys_label(), "?");
        assert_eq!(bind(UP, Action::Up, "", "").keys_label(), "↑/k");
        assert_eq!(Key::Ctrl('z').label(), "Ctrl-Z");
        assert_eq!(Key::Code(KeyCode::BackTab).label(), "Shift-Tab");
    }
}
