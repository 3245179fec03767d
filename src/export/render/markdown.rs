//! A [`Document`] as Markdown, escaped so that it shows what was written and fetches nothing.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::super::document::{Block, Document, Section};
use super::or_dash;
use crate::masks;

/// Escapes text so that Markdown shows it as written: no links or images to fetch, no HTML,
/// no emphasis, headings, quotes, rules, tables or code made by accident. Only what would
/// change the meaning is escaped, since the file is also read as plain text: "Great!",
/// "3 > 2", "<5 days", "A&E" and "#1 priority" stay as they are, and a list the owner typed
/// stays a list.
fn md(text: &str) -> String {
    // A lone carriage return ends a line as a line feed does.
    let text = match text.contains('\r') {
        true => Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n")),
        false => Cow::Borrowed(text),
    };
    let mut out = String::with_capacity(text.len() + 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        line_into(line, &mut out);
    }
    out
}

/// The bytes that may need a backslash before them, wherever they stand: all ASCII, so a
/// line is copied a run at a time between them, found 64 bytes at a time, and only they are
/// looked at one by one (an export of 2,000 reflections is some 10 MB of answers, nearly all
/// plain).
const MAY_ESCAPE: &[u8] = b"\\`*_~[<&";

/// One line of [`md`], escaped into `out`.
fn line_into(line: &str, out: &mut String) {
    let bytes = line.as_bytes();
    // What opens a block is escaped whatever it is (it is ASCII), and only once.
    let opener = block_opener(line);
    let (mut copied, mut from) = (0, 0);
    loop {
        let special = masks::next_of_any(bytes, from, MAY_ESCAPE);
        let Some(at) = [opener.filter(|&o| o >= from), special]
            .into_iter()
            .flatten()
            .min()
        else {
            break;
        };
        let rest = &line[at + 1..];
        let escape = Some(at) == opener
            || match bytes[at] {
                // A tag (a letter, `/`, `!` or `?` after it) or an autolink (`>` after it).
                b'<' => {
                    rest.starts_with(|n: char| n.is_ascii_alphabetic() || "/!?".contains(n))
                        || rest.contains('>')
                }
                // A character reference, `&amp;` or `&#38;`.
                b'&' => is_reference(rest),
                // Code, emphasis, strikethrough, links and images, and escapes themselves.
                _ => true,
            };
        if escape {
            out.push_str(&line[copied..at]);
            out.push('\\');
            copied = at;
        }
        from = at + 1;
    }
    out.push_str(&line[copied..]);
}

/// `text` for a heading: as [`md`], with a run of `#` at its end escaped, which would
/// otherwise close the heading and not be shown.
fn heading(text: &str) -> String {
    let mut out = md(text);
    let kept = out.trim_end_matches([' ', '\t']).len();
    let before_run = out[..kept].trim_end_matches('#').len();
    if before_run < kept && (before_run == 0 || out[..before_run].ends_with([' ', '\t'])) {
        out.insert(before_run, '\\');
    }
    out
}

/// Where in `line` something stands that would open a heading, a quote, a rule, a
/// heading's underline or a table's row of dashes: after the line's indentation and any
/// list markers typed before it ("- ", "+ ", "1. ", "2) "), which stay a list.
fn block_opener(line: &str) -> Option<usize> {
    let mut at = line.len() - line.trim_start_matches(' ').len();
    loop {
        let rest = &line[at..];
        if opens_a_block(rest) {
            return Some(at);
        }
        at += list_marker(rest)?;
    }
}

/// The length of the list marker `rest` starts with, and the spaces after it.
fn list_marker(rest: &str) -> Option<usize> {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match rest.as_bytes().first()? {
        b'-' | b'+' | b'*' => 1,
        _ if (1..=9).contains(&digits)
            && matches!(rest.as_bytes().get(digits), Some(b'.' | b')')) =>
        {
            digits + 1
        }
        _ => return None,
    };
    let after = &rest[marker..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    (spaces > 0).then_some(marker + spaces)
}

/// Whether a line, or the rest of one after its indentation and list markers, would open
/// a block as written.
fn opens_a_block(line: &str) -> bool {
    match line.chars().next() {
        Some('#') => {
            let rest = line.trim_start_matches('#');
            rest.is_empty() || rest.starts_with([' ', '\t'])
        }
        Some('>') => true,
        Some(c @ ('=' | '*' | '_')) => line.chars().all(|d| d == c || " \t".contains(d)),
        // A rule or an underline of dashes, or a table's row of them (`---|---`, `:-`).
        Some('-' | ':' | '|') => line.chars().all(|d| "-:| \t".contains(d)) && line.contains('-'),
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
    let _ = write!(out, "# {}\n\n", heading(&document.title));
    for notice in &document.notices {
        let _ = writeln!(out, "> {}\n", md(notice).replace('\n', "\n> "));
    }
}

pub(super) fn section(section: &Section, out: &mut String) {
    let _ = writeln!(
        out,
        "{} {}\n",
        "#".repeat(usize::from(section.level) + 1),
        heading(&section.heading)
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
            Block::Table(table) => {
                let headers = table.headers();
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
                for row in table.rows() {
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
    use std::borrow::Cow;

    use proptest::prelude::*;

    use super::{block_opener, heading, is_reference, md};

    /// [`md`] as it was first written, a character at a time: what the faster one must
    /// write for any text.
    fn md_by_characters(text: &str) -> String {
        let text = match text.contains('\r') {
            true => Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n")),
            false => Cow::Borrowed(text),
        };
        let mut out = String::new();
        for (index, line) in text.split('\n').enumerate() {
            if index > 0 {
                out.push('\n');
            }
            let opener = block_opener(line);
            for (at, c) in line.char_indices() {
                let rest = &line[at + c.len_utf8()..];
                let escape = Some(at) == opener
                    || match c {
                        '\\' | '`' | '*' | '_' | '~' | '[' => true,
                        '<' => {
                            rest.starts_with(|n: char| n.is_ascii_alphabetic() || "/!?".contains(n))
                                || rest.contains('>')
                        }
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

    proptest! {
        #[test]
        fn any_text_is_escaped_as_a_character_at_a_time(
            parts in prop::collection::vec(
                prop_oneof![
                    prop::sample::select(vec![
                        "\\", "`", "*", "_", "~", "[", "<", "<a", "</", "a>", "&", "&amp;",
                        "&#38;", "#", "# ", "> ", "---", "- ", "1. ", "2) ", "=", ":", "|",
                        "\n", "\r", "\r\n", " ", "\t", "é", "—", "words", "3 > 2",
                        "a run of plain words long enough to take a line past a block of 64 bytes",
                    ]).prop_map(String::from),
                    any::<char>().prop_map(String::from),
                ],
                0..24,
            )
        ) {
            let text = parts.concat();
            prop_assert_eq!(md(&text), md_by_characters(&text));
        }
    }

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
            // A list marker that may need escaping, before what opens a block.
            ("* # a heading in a list", r"\* \# a heading in a list"),
            ("a | b\n--- | ---", "a | b\n\\--- | ---"),
            ("*bold* and _this_", r"\*bold\* and \_this\_"),
            ("`code` and a \\ back", r"\`code\` and a \\ back"),
            ("![img](http://x/p.png)", r"!\[img](http://x/p.png)"),
            ("<img src=x> </p> <!-- -->", r"\<img src=x> \</p> \<!-- -->"),
            ("&amp; &#38; &copy;", r"\&amp; \&#38; \&copy;"),
            // Code fences and strikethrough.
            ("~~~~~~~~", r"\~\~\~\~\~\~\~\~"),
            ("~~not~~ and ~this~", r"\~\~not\~\~ and \~this\~"),
            // A list the owner typed stays a list, but what follows its marker is looked at.
            ("- # of falls: 3", r"- \# of falls: 3"),
            ("+ > x", r"+ \> x"),
            ("1. ## x", r"1. \## x"),
            // "- - ---" is a rule of dashes and spaces.
            ("2) - - ---", r"2) \- - ---"),
            // A table's row of dashes needs no `|`.
            ("x\n:-", "x\n\\:-"),
            ("x\n :--- ", "x\n \\:--- "),
            // An autolink to an address.
            ("<1a@evil.example>", r"\<1a@evil.example>"),
            // A carriage return alone ends a line.
            ("a\r# heading\r> quote", "a\n\\# heading\n\\> quote"),
        ];
        for (text, escaped) in cases {
            assert_eq!(md(text), escaped, "{text:?}");
        }
    }

    #[test]
    fn a_heading_keeps_the_hashes_it_ends_with() {
        assert_eq!(heading("Handover #"), r"Handover \#");
        assert_eq!(heading("Handover ##  "), r"Handover \##  ");
        assert_eq!(heading("Bed #4"), "Bed #4");
        assert_eq!(heading("#"), r"\#");
        assert_eq!(heading("# x #"), r"\# x \#");
    }
}
