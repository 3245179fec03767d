//! Turning a workbook into documents. Pure functions of the pack and the workbook: no files,
//! no terminal.

pub mod check;
pub mod document;
pub mod identifiers;
pub mod regulators;
pub mod render;
pub mod select;
pub mod templates;
pub mod text;

use crate::workbook::Reflection;
use document::Document;
use identifiers::Located;
use render::Format;
use templates::{Options, Sources, Template};

/// An export ready to leave the machine: the document, its text in the chosen format, and
/// every likely identifier in it.
#[derive(Debug)]
pub struct Prepared {
    pub document: Document,
    pub text: String,
    pub findings: Vec<Located>,
}

/// Builds, writes out and checks an export: the one path the command line and the screens
/// both take, so that what is previewed, checked and written is always the same.
pub fn prepare(
    sources: &Sources,
    reflections: &[&Reflection],
    template: Template,
    format: Format,
    options: &Options,
    watch_list: &[String],
) -> Prepared {
    let document = templates::build(template, sources, reflections, options);
    let text = render::render(&document, format);
    let findings = check::check(
        &document,
        reflections,
        sources.workbook,
        sources.today,
        watch_list,
    );
    Prepared {
        document,
        text,
        findings,
    }
}
