//! Turning a workbook into documents. Pure functions of the pack and the workbook: no files,
//! no terminal.

pub mod check;
pub mod document;
pub mod identifiers;
pub mod regulators;
pub mod render;
pub mod select;
pub mod sink;
pub mod templates;
pub mod text;

mod numbers;
mod prepare;

pub use prepare::{Prepared, Rendered, Streamed, prepare};
