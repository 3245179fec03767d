//! Ids for reflections and actions: the date they were made and 48 random bits, so that
//! workbooks kept on different machines can be merged without clashes.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use super::Timestamp;

/// A fresh id such as `r20261123-3f9a0c17be42`. `prefix` says what it names: `r` for a
/// reflection, `a` for an action.
pub fn new_id(prefix: &str, at: &Timestamp) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // RandomState is seeded from the OS once per process; the counter, time and process id
    // make every id of this process differ too. No cryptographic strength is needed.
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_i64(at.timestamp_nanos_opt().unwrap_or_default());
    hasher.write_u32(std::process::id());
    format_id(prefix, at, hasher.finish())
}

/// The id for given random bits: used by [`new_id`] and by the deterministic generator.
pub fn format_id(prefix: &str, at: &Timestamp, random: u64) -> String {
    format!(
        "{prefix}{}-{:012x}",
        at.format("%Y%m%d"),
        random & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_carry_the_date_and_differ() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T15:30:00+00:00").expect("date");
        let first = new_id("r", &at);
        let second = new_id("r", &at);
        assert!(first.starts_with("r20261123-"), "{first}");
        assert_eq!(first.len(), "r20261123-".len() + 12);
        assert_ne!(first, second);
    }
}
