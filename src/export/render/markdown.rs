//! A [`Document`] as Markdown, escaped so that it shows what was written and fetches nothing.

use std::fmt::Write as _;

use super::super::document::{Block, Document, Section};
use super::or_dash;

/// Escapes text so that Markdown shows it as written: no links or images to fetch, no HTML,
/// no emphasis, headings, quotes or rules made by accident. Only what would change the
/// meaning is escaped, since the file is also read as plain text: "Great!", "3 > 2",
/// "<5 days", "A&E" and "#1 priority" stay as they are, and a list the owner typed stays a
/// list.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches(' ');
        out.push_str(&line[..line.len() - body.len()]);
        if opens_a_block(body) {
            out.push('\\');
        }
        for (at, c) in body.char_indices() {
            let rest = &body[at + c.len_utf8()..];
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' => !(at == 0 && opens_a_block(body)),
                // A tag or an autolink: a letter, `/`, `!` or `?` after the `<`.
                '<' => rest.starts_with(|n: char| n.is_ascii_alphabetic() || "/!?".contains(n)),
                // A character reference, `&amp;` or `&#38;`.
                '&' => is_reference(rest),
                _ => false,
            };
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Whether a line (its leading spaces taken off) would be a heading, a quote, a rule, a
/// heading's underline or a table's as written: then its first character is escaped.
fn opens_a_block(line: &str) -> bool {
    match line.chars().next() {
        Some('#') => {
            let rest = line.trim_start_matches('#');
            rest.is_empty() || rest.starts_with([' ', '\t'])
        }
        Some('>') => true,
        Some(c @ ('-' | '=' | '*' | '_')) if line.chars().all(|d| d == c || " \t".contains(d)) => {
            true
        }
        // A table's row of dashes under a line with `|` in it.
        Some('-' | ':' | '|') => {
            line.chars().all(|d| "-:| \t".contains(d)) && line.contains('-') && line.contains('|')
        }
        _ => false,
    }
}

/// Whether `rest`, after an `&`, makes it a character reference: a name or `#` and a
/// number, then `;`.
fn is_reference(rest: &str) -> bool {
    let name = rest.strip_prefix('#').unwrap_or(rest);
    let length = name.chars().take_while(char::is_ascii_alphanumeric).count();
    length > 0 && name[length..].starts_with(';')
}

pub(super) fn start(document: &Document, out: &mut String) {
    let _ = write!(out, "# {}\n\n", md(&document.title));
    for notice in &document.notices {
        let _ = writeln!(out, "> {}\n", md(notice).replace('\n', "\n> "));
    }
}

pub(super) fn section(section: &Section, out: &mut String) {
    let _ = writeln!(
        out,
        "{} {}\n",
        "#".repeat(usize::from(section.level) + 1),
        md(&section.heading)
    );
    for block in &section.blocks {
        match block {
            Block::Paragraph { text } => {
                let _ = writeln!(out, "{}\n", md(text));
            }
            Block::Field { label, value } => {
                let _ = writeln!(out, "**{}**\n\n{}\n", md(label), md(or_dash(value)));
            }
            Block::List { items } => {
                for item in items {
                    let _ = writeln!(out, "- {}", md(item).replace('\n', "\n  "));
                }
                out.push('\n');
            }
            Block::Table { headers, rows } => {
                // A `|` would end the cell.
                let cell = |text: &str| md(text).replace('\n', " ").replace('|', "\\|");
                let _ = writeln!(
                    out,
                    "| {} |",
                    headers
                        .iter()
                        .map(|h| cell(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
                let _ = writeln!(out, "|{}", "---|".repeat(headers.len()));
                for row in rows {
                    let _ = writeln!(
                        out,
                        "| {} |",
                        row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                    );
                }
                out.push('\n');
            }
            Block::Warning { text } => {
                let _ = writeln!(out, "> **Note:** {}\n", md(text));
            }
        }
    }
}

pub(super) fn end(document: &Document, out: &mut String) {
    if !document.footer.is_empty() {
        out.push_str("---\n\n");
        for line in &document.footer {
            let _ = writeln!(out, "{}\n", md(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn everyday_punctuation_is_left_as_typed() {
        for text in [
            "Great result! 3 > 2, <5 days, A&E, #1 priority, 50% | half",
            "- a list I typed\n- its second item\n1. and a numbered one",
            "snake-case, e.g. (this) and [that is escaped]",
        ] {
            let escaped = md(text);
            let shown = escaped.replace("\\[", "[");
            assert_eq!(shown, text, "only `[` is escaped in {text:?}");
        }
    }

    #[test]
    fn what_would_change_the_meaning_is_escaped() {
        let cases = [
            ("# Not a heading", r"\# Not a heading"),
            ("  ## nor this", r"  \## nor this"),
            ("#", r"\#"),
            ("> not a quote", r"\> not a quote"),
            ("Title\n---", "Title\n\\---"),
            ("Title\n===", "Title\n\\==="),
            ("***", r"\*\*\*"),
            ("a | b\n--- | ---", "a | b\n\\--- | ---"),
            ("*bold* and _this_", r"\*bold\* and \_this\_"),
            ("`code` and a \\ back", r"\`code\` and a \\ back"),
            ("![img](http://x/p.png)", r"!\[img](http://x/p.png)"),
            ("<img src=x> </p> <!-- -->", r"\<img src=x> \</p> \<!-- -->"),
            ("&amp; &#38; &copy;", r"\&amp; \&#38; \&copy;"),
        ];
        for (text, escaped) in cases {
            assert_eq!(md(text), escaped, "{text:?}");
        }
    }
}
