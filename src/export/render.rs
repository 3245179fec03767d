//! Writing a [`Document`] down: Markdown, plain text, one self-contained HTML file (prints to
//! PDF from any browser), or JSON. No hidden metadata: nothing about the user, the machine or
//! its paths is added.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::columns::columns;

use super::document::{Block, Document, Section, Table};

mod json;
mod markdown;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
    Html,
    Json,
}

impl Format {
    pub const NAMES: [&'static str; 4] = ["md", "txt", "html", "json"];

    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "html" => Some(Format::Html),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

pub fn render(document: &Document, format: Format) -> String {
    let mut out = String::new();
    start(format, document, &mut out);
    for (index, section) in document.sections.iter().enumerate() {
        self::section(format, section, index == 0, &mut out);
    }
    end(format, document, !document.sections.is_empty(), &mut out);
    let mut pieces = vec![out];
    finish(format, &mut pieces);
    pieces.pop().unwrap_or_default()
}

/// A document is written down a part at a time, so that the sections of thousands of
/// reflections can be written as they are made: its start (title, notices), each of its
/// sections, its end (footer), then [`finish`] over the pieces.
pub fn start(format: Format, document: &Document, out: &mut String) {
    match format {
        Format::Markdown => markdown::start(document, out),
        Format::Text => plain_start(document, out),
        Format::Html => html_start(document, out),
        Format::Json => json::start(document, out),
    }
}

/// Sections written as JSON as a template hands over their pieces, without being built:
/// what [`section`] writes of each, in [`Format::Json`].
pub use json::{Rows as JsonRows, Sections as JsonSections};

/// One section, written after those before it; `first` for the document's first.
pub fn section(format: Format, section: &Section, first: bool, out: &mut String) {
    match format {
        Format::Markdown => markdown::section(section, out),
        Format::Text => plain_section(section, out),
        Format::Html => html_section(section, out),
        Format::Json => json::section(section, first, out),
    }
}

/// The end of `document`, after all its sections; `any_sections` if there were some.
pub fn end(format: Format, document: &Document, any_sections: bool, out: &mut String) {
    match format {
        Format::Markdown => markdown::end(document, out),
        Format::Text => plain_end(document, out),
        Format::Html => html_end(document, out),
        Format::Json => json::end(document, any_sections, out),
    }
}

/// Whether a document in `format` ends in one line break, whatever its last piece left:
/// Markdown and text do.
pub fn ends_in_one_break(format: Format) -> bool {
    matches!(format, Format::Markdown | Format::Text)
}

/// The last touch over the written pieces, in order: see [`ends_in_one_break`].
pub fn finish(format: Format, pieces: &mut Vec<String>) {
    if !ends_in_one_break(format) {
        return;
    }
    while let Some(last) = pieces.last_mut() {
        last.truncate(last.trim_end().len());
        if !last.is_empty() || pieces.len() == 1 {
            break;
        }
        pieces.pop();
    }
    if let Some(last) = pieces.last_mut() {
        last.push('\n');
    }
}

fn plain_start(document: &Document, out: &mut String) {
    let _ = write!(
        out,
        "{}\n{}\n\n",
        document.title,
        "=".repeat(columns(&document.title))
    );
    for notice in &document.notices {
        let _ = writeln!(out, "{notice}\n");
    }
}

fn plain_section(section: &Section, out: &mut String) {
    let underline = if section.level == 1 { '-' } else { '·' };
    let _ = writeln!(
        out,
        "{}\n{}\n",
        section.heading,
        underline.to_string().repeat(columns(&section.heading))
    );
    for block in &section.blocks {
        match block {
            Block::Paragraph { text } => {
                let _ = writeln!(out, "{text}\n");
            }
            Block::Field { label, value } => {
                let _ = writeln!(
                    out,
                    "{label}\n    {}\n",
                    or_dash(value).replace('\n', "\n    ")
                );
            }
            Block::List { items } => {
                for item in items {
                    let _ = writeln!(out, "  - {}", item.replace('\n', "\n    "));
                }
                out.push('\n');
            }
            Block::Table(table) => {
                out.push_str(&plain_table(table));
                out.push('\n');
            }
            Block::Warning { text } => {
                let _ = writeln!(out, "NOTE: {text}\n");
            }
        }
    }
}

fn plain_end(document: &Document, out: &mut String) {
    for line in &document.footer {
        let _ = writeln!(out, "{line}\n");
    }
}

/// Plain text keeps to about this width; a wider table is written row by row instead.
const PLAIN_WIDTH: usize = 100;

fn plain_table(table: &Table) -> String {
    let (headers, rows) = (table.headers(), table.rows());
    // A cell is one line; most have no break to replace, and are measured and written as
    // they stand.
    fn cell(text: &str) -> Cow<'_, str> {
        match text.contains('\n') {
            true => Cow::Owned(text.replace('\n', " ")),
            false => Cow::Borrowed(text),
        }
    }
    let mut widths: Vec<usize> = headers.iter().map(|h| columns(h)).collect();
    for row in rows.clone() {
        for (width, text) in widths.iter_mut().zip(row) {
            *width = (*width).max(columns(&cell(text)));
        }
    }
    if widths.iter().sum::<usize>() + 2 * widths.len() > PLAIN_WIDTH {
        let mut out = String::new();
        for row in rows {
            let mut parts = row.iter().zip(headers);
            if let Some((first, _)) = parts.next() {
                let _ = writeln!(out, "  - {}", cell(first));
            }
            for (text, header) in parts {
                // A cell past the headers (the table widened under empty ones) stands alone.
                let _ = match header.is_empty() {
                    true => writeln!(out, "    {}", cell(text)),
                    false => writeln!(out, "    {header}: {}", cell(text)),
                };
            }
        }
        return out;
    }
    let line = |cells: &[Cow<str>]| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(text, width)| {
                let text = cell(text);
                let padding = width.saturating_sub(columns(&text));
                format!("{text}{}", " ".repeat(padding))
            })
            .collect();
        parts.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(headers);
    out.push_str(
        &(widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  ")
            + "\n"),
    );
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

const STYLE: &str = "body{font-family:Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}\
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #999;margin-top:2rem}h3{font-size:1.1rem}h4{font-size:1rem}\
.notice{border-left:4px solid #555;padding:.2rem 1rem;background:#f3f3f3}.warning{border:2px solid #000;padding:.3rem 1rem;font-weight:bold}\
dt{font-weight:bold;margin-top:.8rem}dd{margin:0 0 0 1rem;white-space:pre-wrap}\
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #444;padding:.25rem .4rem;text-align:left;vertical-align:top}\
footer{margin-top:2rem;font-size:.85rem;color:#333}\
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,dl{break-inside:auto}tr{break-inside:avoid}.notice{background:none}}";

/// Escapes text for HTML, keeping line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut copied = 0;
    // The bytes escaped are ASCII: the runs between them are copied whole.
    while let Some(at) = crate::masks::next_of_any(bytes, copied, b"&<>\"'\n") {
        out.push_str(&text[copied..at]);
        out.push_str(match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => "<br />",
        });
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
    out
}

fn html_start(document: &Document, out: &mut String) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\" />\n");
    let _ = writeln!(
        out,
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(&document.title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&document.title));
    for notice in &document.notices {
        let _ = writeln!(out, "<p class=\"notice\">{}</p>", escape(notice));
    }
}

fn html_section(section: &Section, out: &mut String) {
    let level = usize::from(section.level).clamp(1, 3) + 1;
    let _ = writeln!(
        out,
        "<section>\n<h{level}>{}</h{level}>",
        escape(&section.heading)
    );
    for block in &section.blocks {
        match block {
            Block::Paragraph { text } => {
                let _ = writeln!(out, "<p>{}</p>", escape(text));
            }
            Block::Field { label, value } => {
                let _ = writeln!(
                    out,
                    "<dl><dt>{}</dt><dd>{}</dd></dl>",
                    escape(label),
                    escape(or_dash(value))
                );
            }
            Block::List { items } => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(table) => {
                out.push_str("<table>\n<thead><tr>");
                for header in table.headers() {
                    let _ = write!(out, "<th>{}</th>", escape(header));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in table.rows() {
                    out.push_str("<tr>");
                    for cell in row {
                        let _ = write!(out, "<td>{}</td>", escape(cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Warning { text } => {
                let _ = writeln!(out, "<p class=\"warning\">{}</p>", escape(text));
            }
        }
    }
    out.push_str("</section>\n");
}

fn html_end(document: &Document, out: &mut String) {
    if !document.footer.is_empty() {
        out.push_str("<footer>\n");
        for line in &document.footer {
            let _ = writeln!(out, "<p>{}</p>", escape(line));
        }
        out.push_str("</footer>\n");
    }
    out.push_str("</body>\n</html>\n");
}

fn or_dash(value: &str) -> &str {
    if value.trim().is_empty() {
        "—"
    } else {
        value
    }
}

#[cfg(test)]
#[path = "tests/render.rs"]
mod tests;
