//! Turning a workbook into documents. Pure functions of the pack and the workbook: no files,
//! no terminal.

pub mod text;
