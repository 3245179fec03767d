//! One theme value for every screen. Colours are a help, never the only signal: selection is
//! also reversed and marked with `›`, states are also written in words or symbols. With
//! `NO_COLOR` set, the monochrome theme uses only bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub normal: Style,
    pub title: Style,
    pub heading: Style,
    pub selected: Style,
    pub dim: Style,
    pub key: Style,
    pub ok: Style,
    pub warning: Style,
    pub error: Style,
    pub badge: Style,
    pub current: Style,
    pub previous: Style,
}

impl Theme {
    /// Colours from the terminal's own 16-colour palette, which users tune for their
    /// background, so they stay readable on dark and light terminals alike.
    pub const COLOUR: Theme = Theme {
        normal: Style::new(),
        title: Style::new().add_modifier(Modifier::BOLD),
        heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        dim: Style::new().add_modifier(Modifier::DIM),
        key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        ok: Style::new().fg(Color::Green),
        warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        badge: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        current: Style::new().fg(Color::Cyan),
        previous: Style::new().fg(Color::Yellow),
    };

    pub const MONO: Theme = Theme {
        normal: Style::new(),
        title: Style::new().add_modifier(Modifier::BOLD),
        heading: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        dim: Style::new(),
        key: Style::new().add_modifier(Modifier::BOLD),
        ok: Style::new(),
        warning: Style::new().add_modifier(Modifier::BOLD),
        error: Style::new().add_modifier(Modifier::BOLD),
        badge: Style::new().add_modifier(Modifier::BOLD),
        current: Style::new(),
        previous: Style::new(),
    };

    /// `NO_COLOR` set to anything non-empty means no colour (no-color.org).
    pub fn from_env(no_color: Option<&str>) -> Theme {
        match no_color {
            Some(value) if !value.is_empty() => Theme::MONO,
            _ => Theme::COLOUR,
        }
    }
}
