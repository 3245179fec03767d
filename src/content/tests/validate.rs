use super::*;

#[test]
fn ids_are_lower_case_words_joined_by_dashes_or_dots() {
    for good in ["a", "listening.c1", "can-do", "x1-2.y3"] {
        assert!(is_valid_id(good), "{good}");
    }
    for bad in [
        "",
        "Listening",
        "a..b",
        "-a",
        "a-",
        "a b",
        "é",
        &"a".repeat(65),
    ] {
        assert!(!is_valid_id(bad), "{bad}");
    }
}

#[test]
fn near_miss_tags_get_a_suggestion() {
    assert!(unknown_tag_message("Skill").contains("did you mean `skills`"));
    assert!(unknown_tag_message("Attitudes").contains("did you mean `attitude`"));
    assert!(unknown_tag_message("behavior").contains("did you mean `behaviour`"));
    assert!(!unknown_tag_message("values").contains("did you mean"));
}
