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
pub struct Prepared<'a> {
    pub document: Document<'a>,
    pub text: String,
    pub findings: Vec<Located>,
}

/// The number of sections from which rendering and checking run side by side.
const PARALLEL_FROM: usize = 64;

/// Builds, writes out and checks an export: the one path the command line and the screens
/// both take, so that what is previewed, checked and written is always the same.
pub fn prepare<'a>(
    sources: &Sources<'a>,
    reflections: &[&'a Reflection],
    template: Template,
    format: Format,
    options: &Options,
    watch_list: &[String],
) -> Prepared<'a> {
    let document = templates::build(template, sources, reflections, options);
    // Both only read the document, and each takes about as long as the other: on two cores
    // they take the time of one. A small document, or one without a second thread, takes
    // them in turn: starting a thread costs more than a few sections take.
    let (text, findings) = std::thread::scope(|scope| {
        let rendering = (document.sections.len() >= PARALLEL_FROM)
            .then(|| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, || render::render(&document, format))
                    .ok()
            })
            .flatten();
        let findings = check::check(
            &document,
            reflections,
            sources.workbook,
            Some(sources.pack),
            &templates::written_dates(template, sources),
            watch_list,
        );
        let text = match rendering {
            Some(rendering) => rendering
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => render::render(&document, format),
        };
        (text, findings)
    });
    Prepared {
        document,
        text,
        findings,
    }
}
