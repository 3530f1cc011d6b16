//! Parses arbitrary UTF-8; when it parses, the canonical print must parse
//! again to the same query text. The one exception is a query at the edge of
//! Elasticsearch's statement limits: the print may add parentheses (a
//! negated negative number prints as `-(-4 d)`), each one more level of
//! nesting, so the print of an accepted query may be refused for depth.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(parsed) = esql_parser::parse(text) {
        let printed = parsed.query.to_string();
        let again = esql_parser::parse(&printed);
        if let Err(e) = &again {
            let message = e.to_string();
            if message.contains("exceeded the maximum expression depth")
                || message.contains("ESQL statement is too large")
            {
                return;
            }
        }
        assert!(again.is_ok(), "printed query does not parse: {printed}");
        if let Ok(again) = again {
            assert_eq!(again.query.to_string(), printed);
        }
    }
});
