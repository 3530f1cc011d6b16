//! A minimal streaming JSON object writer that emits either nested objects (`"a":{"b":1}`) or one flat
//! object with dotted keys (`"a.b":1`), the two shapes in which ECS documents are found in the wild.

/// How object-valued fields are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum KeyFormat {
    /// `{"event":{"action":"X"}}`, the shape of Elasticsearch `_source`.
    #[default]
    Nested,
    /// `{"event.action":"X"}`, every leaf under its full dotted name.
    Dotted,
}

/// Writes one JSON document (one line) into a byte buffer.
pub struct DocWriter<'a> {
    buf: &'a mut Vec<u8>,
    dotted: bool,
    /// Dotted mode: the current key prefix, e.g. `aws.cloudtrail.`.
    prefix: String,
    /// Dotted mode: prefix lengths to restore on `close`.
    marks: Vec<usize>,
    /// Whether the next member of the innermost open object (nested) or of the document (dotted) is the first.
    first: Vec<bool>,
}

impl<'a> DocWriter<'a> {
    /// Starts a document (`{`) at the end of `buf`.
    pub fn begin(buf: &'a mut Vec<u8>, format: KeyFormat) -> Self {
        buf.push(b'{');
        DocWriter {
            buf,
            dotted: format == KeyFormat::Dotted,
            prefix: String::new(),
            marks: Vec::new(),
            first: vec![true],
        }
    }

    fn key(&mut self, key: &str) {
        let first = self.first.last_mut();
        match first {
            Some(f) if *f => *f = false,
            _ => self.buf.push(b','),
        }
        self.buf.push(b'"');
        if self.dotted {
            self.buf.extend_from_slice(self.prefix.as_bytes());
        }
        escape_into(key, self.buf);
        self.buf.extend_from_slice(b"\":");
    }

    /// Opens an object member `key` (must be closed with [`DocWriter::close`] and must receive a member).
    pub fn open(&mut self, key: &str) {
        if self.dotted {
            self.marks.push(self.prefix.len());
            self.prefix.push_str(key);
            self.prefix.push('.');
        } else {
            self.key(key);
            self.buf.push(b'{');
            self.first.push(true);
        }
    }

    /// Closes the innermost object opened with [`DocWriter::open`].
    pub fn close(&mut self) {
        if self.dotted {
            let len = self.marks.pop().unwrap_or(0);
            self.prefix.truncate(len);
        } else {
            self.first.pop();
            self.buf.push(b'}');
        }
    }

    /// A string member.
    pub fn str(&mut self, key: &str, value: &str) {
        self.key(key);
        push_string(value, self.buf);
    }

    /// A string member when `value` is present.
    pub fn opt_str(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.str(key, v);
        }
    }

    /// A member whose value is already valid JSON text (a number, `true`, `null`, …).
    pub fn raw(&mut self, key: &str, json: &str) {
        self.key(key);
        self.buf.extend_from_slice(json.as_bytes());
    }

    /// A boolean member.
    pub fn bool(&mut self, key: &str, value: bool) {
        self.raw(key, if value { "true" } else { "false" });
    }

    /// An integer member.
    pub fn int(&mut self, key: &str, value: i64) {
        self.raw(key, &value.to_string());
    }

    /// An array-of-strings member.
    pub fn str_array<S: AsRef<str>>(&mut self, key: &str, values: &[S]) {
        self.key(key);
        self.buf.push(b'[');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            push_string(v.as_ref(), self.buf);
        }
        self.buf.push(b']');
    }

    /// Ends the document with `}` and a newline.
    pub fn finish(self) {
        self.buf.extend_from_slice(b"}\n");
    }
}

/// Appends `s` as a quoted JSON string.
pub fn push_string(s: &str, buf: &mut Vec<u8>) {
    buf.push(b'"');
    escape_into(s, buf);
    buf.push(b'"');
}

/// Appends the JSON-escaped body of `s` (no quotes).
pub fn escape_into(s: &str, buf: &mut Vec<u8>) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1f => b"",
            _ => continue,
        };
        buf.extend_from_slice(&bytes[start..i]);
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            buf.extend_from_slice(b"\\u00");
            buf.push(HEX[usize::from(b >> 4)]);
            buf.push(HEX[usize::from(b & 15)]);
        } else {
            buf.extend_from_slice(esc);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(format: KeyFormat) -> String {
        let mut buf = Vec::new();
        let mut w = DocWriter::begin(&mut buf, format);
        w.str("@timestamp", "t");
        w.open("aws");
        w.open("cloudtrail");
        w.str("request_parameters", "{a=\"b\"}");
        w.close();
        w.close();
        w.open("event");
        w.str_array("type", &["info"]);
        w.bool("x", true);
        w.close();
        w.raw("n", "null");
        w.finish();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn nested_and_dotted_shapes() {
        let nested = sample(KeyFormat::Nested);
        assert_eq!(
            nested,
            "{\"@timestamp\":\"t\",\"aws\":{\"cloudtrail\":{\"request_parameters\":\"{a=\\\"b\\\"}\"}},\"event\":{\"type\":[\"info\"],\"x\":true},\"n\":null}\n"
        );
        let dotted = sample(KeyFormat::Dotted);
        assert_eq!(
            dotted,
            "{\"@timestamp\":\"t\",\"aws.cloudtrail.request_parameters\":\"{a=\\\"b\\\"}\",\"event.type\":[\"info\"],\"event.x\":true,\"n\":null}\n"
        );
        for text in [nested, dotted] {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(v.is_object());
        }
    }

    #[test]
    fn escapes_control_characters() {
        let mut buf = Vec::new();
        push_string("a\u{1}b\\é", &mut buf);
        assert_eq!(String::from_utf8(buf).unwrap(), "\"a\\u0001b\\\\é\"");
    }
}
