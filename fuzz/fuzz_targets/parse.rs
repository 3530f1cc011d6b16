//! Parses arbitrary UTF-8; when it parses, the canonical print must parse
//! again to the same query text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(parsed) = esql_parser::parse(text) {
        let printed = parsed.query.to_string();
        let again = esql_parser::parse(&printed);
        assert!(again.is_ok(), "printed query does not parse: {printed}");
        if let Ok(again) = again {
            assert_eq!(again.query.to_string(), printed);
        }
    }
});
