//! Wording shared by the errors of every layer.

use std::io;

/// What went wrong with a file, as the system words it, without the " (os error 2)" that
/// Rust adds: the code means nothing to the people reading wheelbook's messages.
pub fn io_cause(error: &io::Error) -> String {
    let text = error.to_string();
    match (text.rfind(" (os error "), text.ends_with(')')) {
        (Some(at), true) => text[..at].to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_code_is_left_out_and_nothing_else() {
        let missing = io::Error::from_raw_os_error(2);
        assert!(missing.to_string().ends_with("(os error 2)"), "{missing}");
        assert_eq!(io_cause(&missing), "No such file or directory");
        let own = io::Error::other("the disk is full (try again)");
        assert_eq!(io_cause(&own), "the disk is full (try again)");
    }
}
