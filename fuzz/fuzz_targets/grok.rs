//! Compiles a GROK pattern and matches it against an input: the first line
//! of the data is the pattern, the rest the input. Nothing may panic or run
//! away (the backtrack limit must stop catastrophic patterns), and a match
//! yields one value list per output column.
#![no_main]

use esql_extract::GrokPattern;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (pattern, input) = text.split_once('\n').unwrap_or((text, ""));
    let Ok(grok) = GrokPattern::compile(pattern) else {
        return;
    };
    if let Ok(Some(values)) = grok.matches(input) {
        assert_eq!(values.len(), grok.output_columns().len());
    }
    // Two alternatives, as `GROK x "p1", "p2"` compiles them.
    if let Some((first, second)) = pattern.split_once('\t') {
        if let Ok(both) = GrokPattern::compile_many(&[first, second]) {
            let _ = both.matches(input);
        }
    }
});
