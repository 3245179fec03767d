//! wheelbook: a private reflective-practice workbook for the terminal.
//!
//! Layers, each using only those listed before it (see ARCHITECTURE.md):
//! [`content`] (the competency framework), [`workbook`] (the user's data and its store),
//! [`export`] (documents made from a workbook), [`tui`] (the terminal UI, the only module
//! that touches the terminal) and [`cli`] (commands and dispatch).

pub mod cli;
pub mod columns;
pub mod content;
pub mod errors;
pub mod export;
pub mod masks;
pub mod tui;
pub mod workbook;
