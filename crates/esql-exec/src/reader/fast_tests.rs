//! Tests of the byte-level JSON navigator: the word scans against a
//! byte-by-byte reference, escapes and multibyte text, shared strings.

use super::*;

/// Bytes that end the plain run of a string: the quote, the backslash and
/// control characters (invalid inside JSON strings).
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// The first quote, backslash or control byte at or after `i`.
fn first_stop(b: &[u8], i: usize) -> Option<usize> {
    b.iter()
        .skip(i)
        .position(|&c| STOP[usize::from(c)])
        .map(|p| p + i)
}

#[test]
fn word_scan_never_passes_a_stop_byte() {
    // Every stop byte at every position of a 20-byte run, with bytes on
    // either side that could disturb the word arithmetic (0x80+, 0x21,
    // 0x1f, 0xff).
    let fillers = [b'a', 0x21, 0x7f, 0x80, 0xff, b'#', b']'];
    for stop in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
        for filler in fillers {
            for at in 0..60 {
                let mut b = vec![filler; 60];
                b[at] = stop;
                for start in 0..=at {
                    let got = skip_plain(&b, start);
                    let want = first_stop(&b, start);
                    assert!(got <= want.unwrap_or(b.len()), "{b:?} from {start}");
                    // The byte-wise scan from `got` finds the same byte.
                    assert_eq!(first_stop(&b, got), want, "{b:?} from {start}");
                }
            }
        }
    }
    let plain = vec![b'x'; 37];
    assert!(skip_plain(&plain, 0) >= 30);
    // A control character before a later quote is found first.
    let mut b = vec![b'x'; 80];
    b[40] = 0x01;
    b[70] = b'"';
    assert_eq!(first_stop(&b, skip_plain(&b, 0)), Some(40));
}

#[test]
fn plain_lines_and_quote_search() {
    assert!(is_plain(b"{\"a\": \"b c\"}"));
    for bad in [b'\\', b'\t', b'\n', 0x00, 0x1f] {
        for at in [0, 7, 63, 64, 255, 256, 300] {
            let mut line = vec![b'x'; 301];
            line[at] = bad;
            assert!(!is_plain(&line), "{bad} at {at}");
        }
    }
    for len in 0..80 {
        for at in 0..len {
            let mut b = vec![b'a'; len];
            b[at] = b'"';
            for start in 0..=at {
                assert_eq!(find_quote(&b, start), Some(at), "{len} {at} {start}");
            }
            assert_eq!(find_quote(&b, at + 1), None);
        }
    }
}

#[test]
fn strings_with_escapes_and_multibyte_text_walk_as_before() {
    let trie = PathTrie::new(["a", "b.c"]);
    let mut out = Vec::new();
    let line = "{\"z\":\"long string without stops, then é and ü\",\"a\":\"x\\\"y\\u00e9 tail of text\",\"b\":{\"c\":\"ünïcode value here\"}}";
    walk(line.as_bytes(), &trie, &mut out).unwrap();
    let values: Vec<String> = out.iter().map(|(s, r)| format!("{s}:{r:?}")).collect();
    assert_eq!(
        values,
        vec![
            "0:Str(\"x\\\"yé tail of text\")",
            "1:Str(\"ünïcode value here\")"
        ]
    );
    let bad = "{\"a\":\"control \u{1} inside a long string\"}";
    assert!(walk(bad.as_bytes(), &trie, &mut Vec::new()).is_err());
}

#[test]
fn strings_seen_before_are_shared_and_others_still_checked() {
    let trie = PathTrie::new(["a", "b"]);
    let mut names = vec![Interner::default(), Interner::disabled()];
    let kept = names[0].get("s3");
    let mut out = Vec::new();
    let line = br#"{"a":"s3","b":"s3"}"#;
    walk_sharing(line, &trie, &mut out, &mut names).unwrap();
    match out.as_slice() {
        [(0, Raw::Shared(a)), (1, Raw::Str(b))] => {
            assert!(std::sync::Arc::ptr_eq(a, &kept));
            assert_eq!(b, "s3");
        }
        other => panic!("unexpected leaves {other:?}"),
    }
    // A value written with an escape is decoded, not looked up.
    let mut out = Vec::new();
    walk_sharing(br#"{"a":"s\u0033"}"#, &trie, &mut out, &mut names).unwrap();
    assert_eq!(out, vec![(0, Raw::Str(Cow::Borrowed("s3")))]);
    // Bytes the table does not hold are still checked as UTF-8.
    let bad = b"{\"a\":\"\xff\"}";
    assert!(walk_sharing(bad, &trie, &mut Vec::new(), &mut names).is_err());
}
