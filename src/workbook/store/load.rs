//! Reading workbook bytes, and saying exactly what is wrong with a file that cannot be read.

use std::fmt;

use serde::Deserialize;

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

pub fn parse(bytes: &[u8]) -> Result<Workbook, LoadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Damaged(Damage::Empty));
    }
    if let Err(error) = std::str::from_utf8(bytes) {
        let prefix = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
        let (line, column) = line_column(prefix, prefix.len());
        return Err(LoadError::Damaged(Damage::NotUtf8 { line, column }));
    }
    match serde_json::from_slice::<Workbook>(bytes) {
        Ok(workbook) => check_version(u64::from(workbook.schema_version)).map(|()| workbook),
        Err(error) => {
            // A newer workbook may fail to parse only because of what the newer version added.
            if let Ok(VersionProbe {
                schema_version: Some(found),
            }) = serde_json::from_slice(bytes)
            {
                check_version(found)?;
            }
            Err(LoadError::Damaged(classify(&error)))
        }
    }
}

fn check_version(found: u64) -> Result<(), LoadError> {
    match found.cmp(&u64::from(SCHEMA_VERSION)) {
        std::cmp::Ordering::Equal => Ok(()),
        std::cmp::Ordering::Greater => Err(LoadError::Newer { found }),
        // Version 1 is the first; older versions will be migrated here when there are any.
        std::cmp::Ordering::Less => Err(LoadError::Damaged(Damage::UnknownVersion { found })),
    }
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
        let old = text.replacen("\"schema_version\": 1", "\"schema_version\": 0", 1);
        assert_eq!(damage(old.as_bytes()), Damage::UnknownVersion { found: 0 });
    }

    #[test]
    fn a_newer_workbook_is_refused_even_when_it_has_new_fields() {
        let text = String::from_utf8(valid()).expect("utf-8");
        let newer = text.replacen(
            "\"schema_version\": 1",
            "\"schema_version\": 7, \"tags\": []",
            1,
        );
        assert_eq!(parse(newer.as_bytes()), Err(LoadError::Newer { found: 7 }));
    }
}
