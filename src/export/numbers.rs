//! Numbers written exactly as Rust's `Display` writes them, by hand where that is simple: an
//! export of 2,000 reflections writes thousands of CPD hours and section levels, and the
//! formatting machinery costs several times the writing.

use std::fmt::Write as _;

/// `value` written onto the end of `out` as `{value}` writes it.
pub fn push_number(out: &mut String, value: f64) {
    // Whole numbers, and those of one decimal place, written the shortest way that reads
    // back as `value`, which is what `Display` writes: "2", "1.5", "0.3". A tenth that is
    // not exactly `value` once read ("0.30000000000000004") is left to `Display`, as is
    // anything from 1e9: far below where two tenths could read back as one number (about
    // 1e14), a margin no CPD hours come near.
    if value.is_sign_positive() && value < 1e9 {
        let tenths = (value * 10.0).round();
        if tenths / 10.0 == value {
            let tenths = tenths as u64;
            push_whole(out, tenths / 10);
            if !tenths.is_multiple_of(10) {
                out.push('.');
                out.push(char::from(b'0' + (tenths % 10) as u8));
            }
            return;
        }
    }
    let _ = write!(out, "{value}");
}

/// `value` written onto the end of `out` as `{value}` writes it.
pub fn push_whole(out: &mut String, value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = value;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    digits[at..]
        .iter()
        .for_each(|&digit| out.push(char::from(digit)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written(value: f64) -> String {
        let mut out = String::new();
        push_number(&mut out, value);
        out
    }

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        let values = [
            0.0,
            -0.0,
            0.1,
            0.3,
            0.25,
            1.0,
            1.5,
            2.0,
            7.5,
            10.0,
            12.3,
            99.9,
            100.0,
            0.1 + 0.2,
            999_999_999.9,
            1e9,
            1e15,
            1e21,
            1e-7,
            -1.5,
            f64::NAN,
            f64::INFINITY,
            f64::MAX,
        ];
        for value in values {
            assert_eq!(written(value), format!("{value}"), "{value:?}");
        }
        for value in [0, 7, 10, 99, 1_000_000, u64::MAX] {
            let mut out = String::new();
            push_whole(&mut out, value);
            assert_eq!(out, value.to_string());
        }
    }

    proptest! {
        #[test]
        fn any_number_is_written_as_display_writes_it(
            tenths in 0u64..10_000_000_000,
            any in any::<f64>(),
            fraction in 0.0f64..1000.0,
        ) {
            for value in [tenths as f64 / 10.0, tenths as f64 / 4.0, any, fraction] {
                prop_assert_eq!(written(value), format!("{value}"));
            }
        }
    }
}
