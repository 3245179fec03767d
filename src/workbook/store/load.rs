//! Reading workbook bytes, and saying exactly what is wrong with a file that cannot be read.

use std::fmt;

use serde::Deserialize;

use super::json_reader;
use super::parallel::Source;
use crate::content::line_column;
use crate::workbook::{SCHEMA_VERSION, Workbook};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file is not a workbook this wheelbook can read, and must not be overwritten.
    Damaged(Damage),
    /// A newer wheelbook wrote it; reading it here would lose what that version added.
    Newer { found: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    Empty,
    NotUtf8 {
        line: usize,
        column: usize,
    },
    Truncated {
        line: usize,
        column: usize,
    },
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    NotAWorkbook {
        line: usize,
        column: usize,
        message: String,
    },
    UnknownVersion {
        found: u64,
    },
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Damage::Empty => write!(f, "the file is empty"),
            Damage::NotUtf8 { line, column } => {
                write!(
                    f,
                    "the file is not UTF-8 text (line {line}, column {column})"
                )
            }
            Damage::Truncated { line, column } => write!(
                f,
                "the file ends too early (line {line}, column {column}): it was cut short"
            ),
            Damage::NotJson {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "the file is not valid JSON at line {line}, column {column}: {message}"
                )
            }
            Damage::NotAWorkbook {
                line,
                column,
                message,
            } => write!(
                f,
                "the file is not a wheelbook workbook at line {line}, column {column}: {message}"
            ),
            Damage::UnknownVersion { found } => {
                write!(f, "the file has an unknown schema_version {found}")
            }
        }
    }
}

/// Only the version, read leniently, to tell a newer workbook from a damaged one.
#[derive(Deserialize)]
struct VersionProbe {
    schema_version: Option<u64>,
}

/// Reads a workbook of this version or an older one (migrated in memory).
pub fn parse(bytes: &[u8]) -> Result<Workbook, LoadError> {
    parse_versioned(bytes).map(|(workbook, _)| workbook)
}

/// Like [`parse`], also giving the version the bytes were written in, so that the store can
/// keep a copy of a workbook it migrates.
pub fn parse_versioned(bytes: &[u8]) -> Result<(Workbook, u64), LoadError> {
    parse_source(bytes)
}

/// Like [`parse_versioned`], from a file's bytes as the store holds them (see
/// `files::FileBytes`): a large workbook on two threads, anything else on one.
pub(super) fn parse_source<S: Source + ?Sized>(bytes: &S) -> Result<(Workbook, u64), LoadError> {
    match super::parallel::parse_current(bytes) {
        Some(workbook) => Ok((workbook, u64::from(SCHEMA_VERSION))),
        None => parse_ordinary(bytes.whole()),
    }
}

/// On one thread: for whatever the two threads leave (a small, older or damaged workbook).
fn parse_ordinary(bytes: &[u8]) -> Result<(Workbook, u64), LoadError> {
    let current = u64::from(SCHEMA_VERSION);
    // A workbook of this version is read as a large one's parts are, whatever its size;
    // anything else is left to serde_json, which says what is wrong with it.
    let quick = std::str::from_utf8(bytes)
        .ok()
        .and_then(json_reader::from_str::<Workbook>);
    if let Some(workbook) = quick.filter(|w| u64::from(w.schema_version) == current) {
        return Ok((workbook, current));
    }
    let result = match serde_json::from_slice::<Workbook>(bytes) {
        Ok(workbook) if u64::from(workbook.schema_version) == current => {
            return Ok((workbook, current));
        }
        result => result,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Damaged(Damage::Empty));
    }
    if let Err(error) = std::str::from_utf8(bytes) {
        let prefix = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
        let (line, column) = line_column(prefix, prefix.len());
        return Err(LoadError::Damaged(Damage::NotUtf8 { line, column }));
    }
    // Read leniently first: a newer workbook may fail to parse only because of what the newer
    // version added, and an older one is migrated.
    let found = match serde_json::from_slice::<VersionProbe>(bytes) {
        Ok(VersionProbe {
            schema_version: Some(found),
        }) => found,
        _ => {
            return Err(LoadError::Damaged(match result {
                Err(error) => classify(&error),
                Ok(_) => Damage::UnknownVersion { found: 0 },
            }));
        }
    };
    match found {
        found if found > current => Err(LoadError::Newer { found }),
        found if (1..current).contains(&found) => migrate(bytes, found).map(|w| (w, found)),
        found if found == current => Err(LoadError::Damaged(match result {
            Err(error) => classify(&error),
            Ok(_) => Damage::UnknownVersion { found },
        })),
        found => Err(LoadError::Damaged(Damage::UnknownVersion { found })),
    }
}

/// Brings a workbook of an older version up to this one, one version at a time, on its JSON.
fn migrate(bytes: &[u8], from: u64) -> Result<Workbook, LoadError> {
    let mut value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|error| LoadError::Damaged(classify(&error)))?;
    for version in from..u64::from(SCHEMA_VERSION) {
        match version {
            // 1 to 2: the new CPD fields are optional, so only the version changes.
            1 => {}
            _ => return Err(LoadError::Damaged(Damage::UnknownVersion { found: from })),
        }
    }
    value["schema_version"] = serde_json::Value::from(SCHEMA_VERSION);
    serde_json::from_value(value).map_err(|error| {
        LoadError::Damaged(Damage::NotAWorkbook {
            line: 0,
            column: 0,
            message: format!("after updating it from format {from}: {error}"),
        })
    })
}

fn classify(error: &serde_json::Error) -> Damage {
    let (line, column) = (error.line(), error.column());
    let message = error.to_string();
    // serde_json appends " at line L column C"; the Damage message places it itself.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(text, _)| text)
        .to_string();
    match error.classify() {
        serde_json::error::Category::Eof => Damage::Truncated { line, column },
        serde_json::error::Category::Data => Damage::NotAWorkbook {
            line,
            column,
            message,
        },
        _ => Damage::NotJson {
            line,
            column,
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::now;

    fn valid() -> Vec<u8> {
        serde_json::to_vec_pretty(&Workbook::new(now())).expect("serialise")
    }

    fn damage(bytes: &[u8]) -> Damage {
        match parse(bytes) {
            Err(LoadError::Damaged(damage)) => damage,
            other => panic!("expected damage, got {other:?}"),
        }
    }

    #[test]
    fn a_valid_workbook_parses() {
        assert!(parse(&valid()).is_ok());
    }

    #[test]
    fn each_kind_of_damage_is_told_apart() {
        let valid = valid();
        assert_eq!(damage(b""), Damage::Empty);
        assert_eq!(damage(b"  \n"), Damage::Empty);
        assert!(matches!(
            damage(&valid[..valid.len() / 2]),
            Damage::Truncated { .. }
        ));
        let mut nuls = valid.clone();
        nuls.extend_from_slice(&[0; 16]);
        assert!(matches!(damage(&nuls), Damage::NotJson { .. }));
        assert!(matches!(
            damage(b"{\"a\": \"\xff\"}"),
            Damage::NotUtf8 { line: 1, column: 8 }
        ));
        let text = String::from_utf8(valid.clone()).expect("utf-8");
        let unknown_field = text.replacen("\"mode\"", "\"mood\": 1, \"mode\"", 1);
        match damage(unknown_field.as_bytes()) {
            Damage::NotAWorkbook { message, .. } => {
                assert!(message.contains("unknown field `mood`"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        let old = text.replacen("\"schema_version\": 2", "\"schema_version\": 0", 1);
        assert_eq!(damage(old.as_bytes()), Damage::UnknownVersion { found: 0 });
    }

    #[test]
    fn a_version_1_workbook_is_migrated() {
        let text = String::from_utf8(valid()).expect("utf-8");
        let v1 = text.replacen("\"schema_version\": 2", "\"schema_version\": 1", 1);
        let (workbook, found) = parse_versioned(v1.as_bytes()).expect("migrated");
        assert_eq!((workbook.schema_version, found), (SCHEMA_VERSION, 1));
        let broken = v1.replacen("\"mode\"", "\"mood\": 1, \"mode\"", 1);
        assert!(matches!(
            parse(broken.as_bytes()),
            Err(LoadError::Damaged(Damage::NotAWorkbook { .. }))
        ));
    }

    #[test]
    fn a_newer_workbook_is_refused_even_when_it_has_new_fields() {
        let text = String::from_utf8(valid()).expect("utf-8");
        let newer = text.replacen(
            "\"schema_version\": 2",
            "\"schema_version\": 7, \"tags\": []",
            1,
        );
        assert_eq!(parse(newer.as_bytes()), Err(LoadError::Newer { found: 7 }));
    }
}
