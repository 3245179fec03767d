//! Where a person lives: a full postcode or a street address.

use super::{STREET_TYPES, Scan, spaces, split_number};

/// Royal Mail's rules for a full postcode, given the outward and inward codes.
fn postcode(outward: &str, inward: &str) -> bool {
    if outward.eq_ignore_ascii_case("GIR") && inward.eq_ignore_ascii_case("0AA") {
        return true;
    }
    // Mixed case with a lower-case inward code reads as an ordinal: "B3 2nd floor".
    let ordinal = inward.bytes().any(|b| b.is_ascii_lowercase())
        && outward.bytes().any(|b| b.is_ascii_uppercase());
    // No outward code is longer than four: "AA9A".
    if !outward.is_ascii() || !inward.is_ascii() || ordinal || outward.len() > 4 {
        return false;
    }
    let (o, i) = (outward.as_bytes(), inward.as_bytes());
    let upper = |b: &u8| b.to_ascii_uppercase();
    let mut shape = [0; 4];
    for (s, b) in shape.iter_mut().zip(o) {
        *s = if b.is_ascii_digit() { b'9' } else { b'A' };
    }
    let outward_ok = match &shape[..o.len()] {
        b"A9" | b"A99" => true,
        b"A9A" => b"ABCDEFGHJKPSTUW".contains(&upper(&o[2])),
        b"AA9" | b"AA99" => !b"IJZ".contains(&upper(&o[1])),
        b"AA9A" => !b"IJZ".contains(&upper(&o[1])) && b"ABEHMNPRVWXY".contains(&upper(&o[3])),
        _ => false,
    } && !b"QVX".contains(&upper(&o[0]));
    let inward_ok = i.len() == 3
        && i[0].is_ascii_digit()
        && i[1..]
            .iter()
            .all(|b| b"ABDEFGHJLNPQRSTUWXYZ".contains(&upper(b)));
    outward_ok && inward_ok
}

impl Scan<'_> {
    /// A full postcode, with or without the space: "E1 6AN", "sw1a1aa".
    pub(in crate::export::identifiers) fn postcode_at(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        // Every outward code, "GIR" too, starts with a letter.
        if !t.s.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        if let Some(inward) = self.next_if(i, |g| matches!(g, " " | "  " | "\u{a0}"))
            && postcode(t.s, inward.s)
        {
            return Some(inward.end);
        }
        let joined = t.s.is_ascii() && t.s.len() >= 5;
        (joined && postcode(&t.s[..t.s.len() - 3], &t.s[t.s.len() - 3..])).then_some(t.end)
    }

    /// A house number, then capitalised words ending in a street type: "12 Acacia Avenue",
    /// "221B Baker Street", "14 St John's Road".
    pub(in crate::export::identifiers) fn street_at(&self, i: usize) -> Option<usize> {
        let (digits, suffix) = split_number(self.tok(i)?.s);
        let numbered = (1..=4).contains(&digits.len())
            && (suffix.is_empty() || (suffix.len() == 1 && suffix.is_ascii()));
        let gap = || self.gap(i);
        if !numbered || !spaces(gap().strip_prefix(',').unwrap_or(gap())) {
            return None;
        }
        let (mut j, mut end) = (i + 1, None);
        for words in 0..5 {
            let Some((last, e)) = self.name_word(j, true) else {
                break;
            };
            if words > 0 && last == j && STREET_TYPES.contains(&self.toks[j].s) {
                end = Some(e);
            }
            if self.gap(last) != " " {
                break;
            }
            j = last + 1;
        }
        end
    }
}
