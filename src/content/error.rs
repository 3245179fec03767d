//! Errors from reading a content pack, each pointing at a place in the file.

use std::fmt;
use std::ops::Range;

/// One thing wrong with a pack, at a 1-based line and column (counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    /// Places a problem at a byte offset of `text`.
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, offset);
        Problem {
            line,
            column,
            message: message.into(),
        }
    }

    pub fn at_span(text: &str, span: &Range<usize>, message: impl Into<String>) -> Self {
        Problem::at(text, span.start, message)
    }
}

/// A pack that could not be loaded: every problem found, in file order.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error(
        "{origin}: cannot read the content pack: {}. Check the path; without a pack file, wheelbook uses the built-in Wheel of Partnership.",
        crate::errors::io_cause(cause)
    )]
    Read {
        origin: String,
        cause: std::io::Error,
    },
    #[error("{}", format_problems(origin, problems))]
    Invalid {
        origin: String,
        problems: Vec<Problem>,
    },
}

impl PackError {
    pub fn problems(&self) -> &[Problem] {
        match self {
            PackError::Read { .. } => &[],
            PackError::Invalid { problems, .. } => problems,
        }
    }
}

fn format_problems(origin: &str, problems: &[Problem]) -> String {
    let mut out = String::new();
    for (index, problem) in problems.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{origin}:{}:{}: {}",
            problem.line, problem.column, problem.message
        ));
    }
    out
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// The 1-based line and character column of a byte offset. Offsets past the end, or inside
/// a multi-byte character, are clamped to the nearest earlier character boundary.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one_in_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // 'é' is two bytes; the '=' after it is the fourth character of line 2.
        assert_eq!(line_column(text, 10), (2, 4));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        assert_eq!(line_column("é", 1), (1, 1));
    }
}
