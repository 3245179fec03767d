//! Reading timestamps quickly.
//!
//! Every reflection and action carries two timestamps, and chrono's general parser took about
//! as long over them as serde_json took over all the text the user wrote. Timestamps as
//! wheelbook writes them (`2026-11-23T09:30:00Z`, `2026-11-23T09:30:00.5+01:00`) are read
//! directly here; anything else goes to chrono, so what is accepted, and every error, stays
//! exactly chrono's. Dates (`2026-11-23`: when an activity happened, when an action is due)
//! are read the same way.

use std::fmt;

use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::de::{Deserializer, Error, Visitor};

use super::Timestamp;

/// For `#[serde(deserialize_with)]` on a [`Timestamp`].
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
    deserializer.deserialize_str(ReadBy {
        // As chrono says it, so that a damaged file is described as it always was.
        expecting: "an RFC 3339 formatted date and time string",
        parse,
    })
}

/// A string read by `parse`, and what it should have been when it is not one, as chrono's
/// own reading of the same type says it.
struct ReadBy<T> {
    expecting: &'static str,
    parse: fn(&str) -> Result<T, chrono::ParseError>,
}

impl<T> Visitor<'_> for ReadBy<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<T, E> {
        (self.parse)(text).map_err(E::custom)
    }
}

/// The timestamp in `text`, as chrono's `str::parse` reads it.
pub fn parse(text: &str) -> Result<Timestamp, chrono::ParseError> {
    match quick(text.as_bytes()) {
        Some(timestamp) => Ok(timestamp),
        None => text.parse(),
    }
}

/// For `#[serde(default, deserialize_with)]` on an optional date, as chrono reads one.
pub fn deserialize_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    /// A date, read by [`parse_date`].
    struct Date(NaiveDate);

    impl<'de> serde::Deserialize<'de> for Date {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let date = ReadBy {
                expecting: "a formatted date string",
                parse: parse_date,
            };
            deserializer.deserialize_str(date).map(Date)
        }
    }

    // Through `Option`'s own reading, so that `null` means no date, as it always has.
    <Option<Date> as serde::Deserialize>::deserialize(deserializer).map(|d| d.map(|d| d.0))
}

/// The date in `text`, as chrono's `str::parse` reads it: `YYYY-MM-DD` directly, anything
/// else by chrono.
pub fn parse_date(text: &str) -> Result<NaiveDate, chrono::ParseError> {
    match date_as_written(text.as_bytes()) {
        Some(date) => Ok(date),
        None => text.parse(),
    }
}

/// The day `text` is when it is written as wheelbook writes one, `YYYY-MM-DD`, and nothing
/// else; `None` for anything else, or a day that does not exist.
pub fn date_as_written(text: &[u8]) -> Option<NaiveDate> {
    if text.len() != 10 || text[4] != b'-' || text[7] != b'-' {
        return None;
    }
    let year = i32::try_from(number(text, 0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(text, 5..7)?, number(text, 8..10)?)
}

/// The number the ASCII digits of `text` at `range` write; `None` if any is not a digit.
fn number(text: &[u8], range: std::ops::Range<usize>) -> Option<u32> {
    text.get(range)?.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 1 to 9 digits, then `Z` or `±HH:MM`;
/// `None` for anything else, or for a date or time that does not exist.
fn quick(text: &[u8]) -> Option<Timestamp> {
    let number = |range: std::ops::Range<usize>| number(text, range);
    let at = |i: usize, expected: u8| text.get(i) == Some(&expected);
    if !(at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let date = date_as_written(text.get(..10)?)?;
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let mut rest = 19;
    let mut nanos = 0;
    if at(rest, b'.') {
        let digits = text[rest + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        nanos = number(rest + 1..rest + 1 + digits)? * 10u32.pow(9 - digits as u32);
        rest += 1 + digits;
    }
    // Leap seconds and the like are left to chrono.
    if second > 59 {
        return None;
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    let offset = match text.get(rest..)? {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (hours, minutes) = (number(rest + 1..rest + 3)?, number(rest + 4..rest + 6)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    FixedOffset::east_opt(offset)?
        .from_local_datetime(&date.and_time(time))
        .single()
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use proptest::prelude::*;

    use super::*;

    /// What chrono makes of `text`: the moment and its offset (a timestamp's equality is
    /// only of the moment), or the error message.
    fn chrono(text: &str) -> Result<(Timestamp, FixedOffset), String> {
        text.parse::<Timestamp>()
            .map(|t| (t, *t.offset()))
            .map_err(|e| e.to_string())
    }

    fn ours(text: &str) -> Result<(Timestamp, FixedOffset), String> {
        parse(text)
            .map(|t| (t, *t.offset()))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn what_is_not_a_timestamp_is_worded_as_chrono_words_it() {
        #[derive(Debug, serde::Deserialize)]
        struct Ours {
            #[serde(deserialize_with = "super::deserialize")]
            _t: Timestamp,
        }
        #[derive(Debug, serde::Deserialize)]
        struct Chronos {
            _t: Timestamp,
        }
        for json in [
            r#"{"_t": 5}"#,
            r#"{"_t": null}"#,
            r#"{"_t": ["2026-11-23T09:00:00Z"]}"#,
            r#"{"_t": "yesterday"}"#,
            r#"{"_t": "2026-11-31T09:00:00Z"}"#,
        ] {
            let ours = serde_json::from_str::<Ours>(json).expect_err("not a timestamp");
            let chronos = serde_json::from_str::<Chronos>(json).expect_err("not a timestamp");
            assert_eq!(ours.to_string(), chronos.to_string(), "{json}");
        }
    }

    proptest! {
        #[test]
        fn reads_what_chrono_reads(
            year in 0u32..10000, month in 0u32..14, day in 0u32..33,
            hour in 0u32..25, minute in 0u32..61, second in 0u32..61,
            fraction in prop::option::of("[0-9]{1,11}"),
            offset in prop_oneof![
                Just("Z".to_string()),
                (any::<bool>(), 0u32..26, 0u32..61).prop_map(|(minus, h, m)| {
                    format!("{}{h:02}:{m:02}", if minus { '-' } else { '+' })
                }),
            ],
        ) {
            let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
            let text = format!(
                "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}{offset}"
            );
            prop_assert_eq!(ours(&text), chrono(&text), "{}", text);
        }

        #[test]
        fn reads_what_chrono_writes(seconds in -62_000_000_000i64..250_000_000_000, nanos in 0u32..1_000_000_000, offset in -86_399i32..86_400) {
            let Some(tz) = FixedOffset::east_opt(offset) else { return Ok(()) };
            let Some(utc) = chrono::DateTime::from_timestamp(seconds, nanos) else { return Ok(()) };
            let timestamp = utc.with_timezone(&tz);
            let json = serde_json::to_string(&timestamp).expect("json");
            let mut reader = serde_json::Deserializer::from_str(&json);
            let read = deserialize(&mut reader).map(|t| (t, *t.offset())).map_err(|e| e.to_string());
            // chrono's own reading, the same: which is not always what was written, since
            // chrono writes an offset's seconds, and years outside 0 to 9999, but does not read
            // them back.
            let by_chrono = serde_json::from_str::<Timestamp>(&json)
                .map(|t| (t, *t.offset()))
                .map_err(|e| e.to_string());
            prop_assert_eq!(&read, &by_chrono);
            if offset % 60 == 0 && (0..=9999).contains(&timestamp.year()) {
                prop_assert_eq!(read, Ok((timestamp, timestamp.offset().to_owned())));
            }
        }

        #[test]
        fn anything_else_is_chronos_to_judge(text in "[0-9T:.Z+ -]{0,30}") {
            prop_assert_eq!(ours(&text), chrono(&text));
        }
    }

    proptest! {
        #[test]
        fn reads_a_date_as_chrono_reads_it(
            year in 0u32..10000, month in 0u32..14, day in 0u32..33,
            other in "[0-9+ -]{0,12}",
        ) {
            for text in [format!("{year:04}-{month:02}-{day:02}"), other] {
                let chronos = text.parse::<NaiveDate>().map_err(|e| e.to_string());
                prop_assert_eq!(parse_date(&text).map_err(|e| e.to_string()), chronos, "{}", text);
            }
        }
    }

    #[test]
    fn a_date_or_its_absence_reads_as_chrono_reads_it() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Ours {
            #[serde(default, deserialize_with = "super::deserialize_date")]
            d: Option<NaiveDate>,
        }
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Chronos {
            #[serde(default)]
            d: Option<NaiveDate>,
        }
        for json in [
            r#"{"d": "2026-11-23"}"#,
            r#"{"d": "2026-02-30"}"#,
            r#"{"d": "26-11-23"}"#,
            r#"{"d": null}"#,
            r#"{"d": 5}"#,
            r#"{}"#,
        ] {
            let ours = serde_json::from_str::<Ours>(json).map(|o| o.d);
            let chronos = serde_json::from_str::<Chronos>(json).map(|c| c.d);
            let (ours, chronos) = (
                ours.map_err(|e| e.to_string()),
                chronos.map_err(|e| e.to_string()),
            );
            assert_eq!(ours, chronos, "{json}");
        }
        assert_eq!(
            date_as_written(b"2026-11-23"),
            NaiveDate::from_ymd_opt(2026, 11, 23)
        );
    }

    #[test]
    fn the_forms_wheelbook_writes_are_read_quickly() {
        for text in [
            "2026-11-23T09:30:00Z",
            "2026-11-23T09:30:00.123456789-05:30",
        ] {
            let read = quick(text.as_bytes()).map(|t| Ok((t, *t.offset())));
            assert_eq!(read, Some(chrono(text)), "{text}");
        }
        for text in [
            "2026-11-23t09:30:00Z",
            "2026-11-23T09:30:60Z",
            "2026-11-23 09:30:00Z",
        ] {
            assert_eq!(quick(text.as_bytes()), None, "{text}");
            assert_eq!(ours(text), chrono(text), "{text}");
        }
    }
}
