//! The content pack: a competency framework (by default the Wheel of Partnership) read from
//! TOML and validated. This layer knows nothing of workbooks, exports or the terminal.

mod error;
mod model;
mod raw;
mod validate;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use error::{PackError, Problem, line_column};
pub use model::{
    Area, Competency, Context, IdKind, Item, Pack, PackCounts, PackIds, SCHEMA_VERSION, ScaleLevel,
    ScaleNotAssessed, Source, Tag, Wording,
};
pub use validate::{MAX_SCALE_LEVELS, is_valid_id};

/// The Wheel of Partnership, compiled into the binary so that wheelbook needs no files.
pub const BUILT_IN_TOML: &str = include_str!("../../content/wheel-of-partnership.toml");
const BUILT_IN_NAME: &str = "(built-in) wheel-of-partnership.toml";

/// Packs are small hand-written files; anything larger is almost certainly the wrong file.
pub const MAX_PACK_BYTES: u64 = 1024 * 1024;

/// Which pack to use: the built-in Wheel, or a file chosen with `--pack` / `WHEELBOOK_PACK`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackSource {
    BuiltIn,
    File(PathBuf),
}

impl PackSource {
    pub fn from_option(path: Option<PathBuf>) -> Self {
        path.map_or(PackSource::BuiltIn, PackSource::File)
    }

    /// How messages name this pack.
    pub fn origin(&self) -> String {
        match self {
            PackSource::BuiltIn => BUILT_IN_NAME.to_string(),
            PackSource::File(path) => path.display().to_string(),
        }
    }

    pub fn load(&self) -> Result<Pack, PackError> {
        match self {
            PackSource::BuiltIn => parse(BUILT_IN_NAME, BUILT_IN_TOML.as_bytes()),
            PackSource::File(path) => load_file(path),
        }
    }

    /// Loads the pack on a second thread while `work` runs on this one. Reading a large
    /// workbook takes longer than parsing the pack, so with two cores the pack costs no time.
    pub fn load_alongside<T>(&self, work: impl FnOnce() -> T) -> (Result<Pack, PackError>, T) {
        std::thread::scope(|scope| {
            let pack = scope.spawn(|| self.load());
            let result = work();
            let pack = pack
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (pack, result)
        })
    }
}

/// Reads and validates a pack file, refusing files over [`MAX_PACK_BYTES`].
pub fn load_file(path: &Path) -> Result<Pack, PackError> {
    let origin = path.display().to_string();
    let read_error = |cause| PackError::Read {
        origin: origin.clone(),
        cause,
    };
    let file = File::open(path).map_err(read_error)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit rather than trusting metadata, which a pipe or a
    // growing file would not give.
    file.take(MAX_PACK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_PACK_BYTES {
        return Err(invalid(
            &origin,
            vec![Problem {
                line: 1,
                column: 1,
                message: format!(
                    "the file is larger than {} KiB, the most a content pack may be: check that this is the pack you meant",
                    MAX_PACK_BYTES / 1024
                ),
            }],
        ));
    }
    parse(&origin, &bytes)
}

/// Parses and validates pack text. `origin` names the pack in messages.
pub fn parse(origin: &str, bytes: &[u8]) -> Result<Pack, PackError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = line_column(prefix, prefix.len());
            return Err(invalid(
                origin,
                vec![Problem {
                    line,
                    column,
                    message: format!(
                        "the file is not UTF-8 text (byte 0x{:02X} here cannot be read): save it with UTF-8 encoding in your editor",
                        bytes[error.valid_up_to()]
                    ),
                }],
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw = toml::from_str::<raw::RawPack>(text)
        .map_err(|error| invalid(origin, vec![toml_problem(text, &error)]))?;
    validate::validate(text, raw).map_err(|problems| invalid(origin, problems))
}

fn invalid(origin: &str, problems: Vec<Problem>) -> PackError {
    PackError::Invalid {
        origin: origin.to_string(),
        problems,
    }
}

/// Rewords a TOML or structure error so that it says what to do about it.
fn toml_problem(text: &str, error: &toml::de::Error) -> Problem {
    let message = in_plain_words(&error.message().trim().replace('\n', "; "));
    let advice = if message.starts_with("unknown field") {
        " (a misspelt key? correct or remove it; docs/content-pack.md lists every key)"
    } else if message.starts_with("missing field") {
        " in this table: add it (docs/content-pack.md lists the required keys)"
    } else if message.starts_with("invalid type") {
        " (check the quotes and brackets of this value)"
    } else {
        " (TOML syntax: check quotes, brackets and `key = value` on this line)"
    };
    let offset = error.span().map_or(0, |span| span.start);
    Problem::at(text, offset, format!("{message}{advice}"))
}

/// `message` with the names of types a program uses ("expected i64") as a person would
/// say them ("expected a whole number").
fn in_plain_words(message: &str) -> String {
    const WORDS: [(&str, &str); 8] = [
        ("expected i64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected a list in [brackets]"),
        ("expected a map", "expected a table"),
        ("expected a boolean", "expected true or false"),
    ];
    WORDS
        .iter()
        .fold(message.to_string(), |text, (said, meant)| {
            text.replace(said, meant)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_name_the_kind_of_value_in_plain_words() {
        let err = parse("bad.toml", b"schema_version = \"one\"\n").unwrap_err();
        let message = &err.problems()[0].message;
        assert!(!message.contains("i64"), "{message}");
        assert!(message.contains("expected a whole number"), "{message}");
    }

    #[test]
    fn built_in_pack_is_valid() {
        let pack = PackSource::BuiltIn.load();
        assert!(pack.is_ok(), "{:?}", pack.err().map(|e| e.to_string()));
    }

    #[test]
    fn non_utf8_bytes_are_located() {
        let err = parse("bad.toml", b"id = \"a\"\ntitle = \"caf\xe9\"\n").unwrap_err();
        let problem = &err.problems()[0];
        assert_eq!((problem.line, problem.column), (2, 13));
        assert!(problem.message.contains("not UTF-8"), "{}", problem.message);
    }
}
