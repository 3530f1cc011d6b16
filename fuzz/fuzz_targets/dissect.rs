//! Parses a DISSECT pattern and matches it against an input: the first line
//! of the data is the pattern, the rest the input. Nothing may panic, and a
//! match yields one value per output name.
#![no_main]

use esql_extract::DissectPattern;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (pattern, input) = text.split_once('\n').unwrap_or((text, ""));
    for separator in ["", " ", ","] {
        let Ok(dissect) = DissectPattern::parse(pattern, separator) else {
            return;
        };
        if let Some(values) = dissect.matches(input) {
            assert_eq!(values.len(), dissect.output_names().len());
        }
        let all = dissect.extract_values([input, pattern]);
        assert_eq!(all.len(), dissect.output_names().len());
    }
});
