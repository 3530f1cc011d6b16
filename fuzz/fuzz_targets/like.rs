//! Translates LIKE and RLIKE patterns, compiles them and matches an input:
//! the first line of the data is the pattern, the rest the input. Nothing
//! may panic; every LIKE translation must compile; a LIKE pattern without
//! wildcards or escapes matches exactly itself.
#![no_main]

use esql_pattern::{compile, like_literals, like_to_regex, rlike_to_regex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (pattern, input) = text.split_once('\n').unwrap_or((text, ""));

    let like = like_to_regex(pattern);
    match compile(&like) {
        Ok(re) => {
            let matched = re.is_match(input);
            if !pattern.contains(['*', '?', '\\']) {
                assert_eq!(matched, input == pattern, "LIKE {pattern:?} on {input:?}");
                assert!(re.is_match(pattern), "LIKE {pattern:?} must match itself");
            }
            if matched {
                for literal in like_literals(pattern) {
                    assert!(input.contains(&literal), "{input:?} lacks {literal:?}");
                }
            }
        }
        // Only the size limit may reject a LIKE translation.
        Err(e) => assert!(e.to_string().contains("size limit"), "LIKE {pattern:?}: {e}"),
    }

    if let Ok(rlike) = rlike_to_regex(pattern) {
        if let Ok(re) = compile(&rlike) {
            let _ = re.is_match(input);
        }
    }
});
