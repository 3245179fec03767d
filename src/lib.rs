//! wheelbook: a private reflective-practice workbook for the terminal.
//!
//! Layers, each knowing only those before it: [`content`] (the competency framework),
//! then the CLI that presents it. See ARCHITECTURE.md.

pub mod cli;
pub mod content;
pub mod workbook;
