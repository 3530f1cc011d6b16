//! The DISSECT matching engine.
//!
//! This follows Elasticsearch's `libs/dissect` parser (`DissectParser`, `DissectKey`, `DissectMatch`)
//! and the ES|QL rules built on top of it:
//!
//! * the pattern is split into a leading text and `%{key}delimiter` pairs;
//! * each key is `[modifier]name[/N][->]` (`?` skip, `+` append, `+name/N` ordered append,
//!   `*`/`&` reference keys, trailing `->` right padding), with at most one modifier
//!   (except `+` combined with `/N`);
//! * matching walks the input byte by byte, looking for the **first** occurrence of each delimiter;
//!   consecutive repeats of a delimiter give empty values to the following keys, unless the key has
//!   `->`; when the last delimiter is empty the last key takes the rest of the input, otherwise any text
//!   after the last delimiter is ignored;
//! * a match is all or nothing.
//!
//! ES|QL rejects reference keys that form a valid `*`/`&` pair
//! (`Reference keys not supported in dissect patterns: [%{*a}]`) and turns every other pattern error
//! into `Invalid pattern for dissect: [<pattern>]`.

use std::collections::HashMap;
use std::fmt;

/// Java's `$` without MULTILINE: at the end, or before one final line terminator.
fn java_dollar(s: &str, pos: usize) -> bool {
    match s.get(pos..) {
        None => false,
        Some(rest) => {
            rest.is_empty()
                || matches!(
                    rest,
                    "\r\n" | "\n" | "\r" | "\u{85}" | "\u{2028}" | "\u{2029}"
                )
        }
    }
}

/// Java line terminators, which `.` does not match without DOTALL.
fn is_java_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The lazy `(.*?)(->)?$` split used by `DissectKey`: returns the name and the right-padding flag.
fn split_padding(s: &str) -> (String, bool) {
    for (k, _) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let rest = s.get(k..).unwrap_or("");
        if rest.starts_with("->") && java_dollar(s, k + 2) {
            return (s[..k].to_string(), true);
        }
        if java_dollar(s, k) {
            return (s[..k].to_string(), false);
        }
    }
    (s.to_string(), false)
}

/// A key modifier (`DissectKey.Modifier`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modifier {
    None,
    AppendWithOrder,
    Append,
    FieldName,
    FieldValue,
    NamedSkip,
}

/// One parsed `%{...}` key.
#[derive(Debug, Clone)]
struct Key {
    name: String,
    modifier: Modifier,
    skip: bool,
    right_padding: bool,
    append_position: i32,
}

/// Why a single key is invalid (any such error becomes `Invalid pattern for dissect`).
struct KeyError;

impl Key {
    fn parse(key: &str) -> Result<Key, KeyError> {
        let mut modifier = Modifier::None;
        let mut count = 0;
        for c in key.chars() {
            let found = match c {
                '/' => Modifier::AppendWithOrder,
                '+' => Modifier::Append,
                '*' => Modifier::FieldName,
                '&' => Modifier::FieldValue,
                '?' => Modifier::NamedSkip,
                _ => continue,
            };
            let prior = modifier;
            modifier = found;
            count += 1;
            if count > 1 && !(prior == Modifier::Append && found == Modifier::AppendWithOrder) {
                return Err(KeyError);
            }
        }
        let mut skip = key.is_empty();
        let mut append_position = 0;
        let (name, right_padding) = match modifier {
            Modifier::None => {
                let (name, pad) = split_padding(key);
                skip = name.is_empty();
                (name, pad)
            }
            Modifier::AppendWithOrder => {
                // `[+](.*?)(/)([0-9]+)(->)?$`
                let plus = key.find('+').ok_or(KeyError)?;
                let slash = key.find('/').ok_or(KeyError)?;
                if slash < plus {
                    return Err(KeyError);
                }
                let name = key[plus + 1..slash].to_string();
                let after = &key[slash + 1..];
                let digits_len = after.bytes().take_while(u8::is_ascii_digit).count();
                let digits = &after[..digits_len];
                let tail = &after[digits_len..];
                if digits.is_empty() {
                    return Err(KeyError);
                }
                let pad = if tail.starts_with("->") && java_dollar(tail, 2) {
                    true
                } else if java_dollar(tail, 0) {
                    false
                } else {
                    return Err(KeyError);
                };
                // Short.valueOf: out-of-range values fail.
                append_position = digits.parse::<i16>().map(i32::from).map_err(|_| KeyError)?;
                (name, pad)
            }
            _ => {
                // `([+*&?])(.*?)(->)?$`: the name follows the first modifier character.
                let at = key
                    .char_indices()
                    .find(|(_, c)| matches!(c, '+' | '*' | '&' | '?'))
                    .map(|(i, _)| i)
                    .ok_or(KeyError)?;
                if modifier == Modifier::NamedSkip {
                    skip = true;
                }
                split_padding(&key[at + 1..])
            }
        };
        if name.is_empty() && !skip {
            return Err(KeyError);
        }
        Ok(Key {
            name,
            modifier,
            skip,
            right_padding,
            append_position,
        })
    }
}

/// A DISSECT pattern error, worded as ES|QL reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DissectError {
    /// Any pattern `libs/dissect` rejects (no keys, bad modifiers, unpaired reference keys...).
    /// Holds the pattern text.
    InvalidPattern(String),
    /// A valid `*name`/`&name` reference pair, which ES|QL does not support. Holds `name`.
    ReferenceKeys(String),
}

impl fmt::Display for DissectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DissectError::InvalidPattern(p) => write!(f, "Invalid pattern for dissect: [{p}]"),
            DissectError::ReferenceKeys(k) => {
                write!(
                    f,
                    "Reference keys not supported in dissect patterns: [%{{*{k}}}]"
                )
            }
        }
    }
}

impl std::error::Error for DissectError {}

/// A compiled DISSECT pattern.
#[derive(Debug, Clone)]
pub struct DissectPattern {
    leading: String,
    leading_utf16: usize,
    pairs: Vec<(Key, String)>,
    outputs: Vec<String>,
    append_separator: String,
    max_results: usize,
}

/// Splits the text after the leading delimiter into `(key, delimiter)` texts, like the
/// `%\{([^}]*?)}(.+?(?=%\{)|.*$)` scan of `DissectParser`.
fn split_pairs(rest: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(start) = rest.get(pos..).and_then(|r| r.find("%{")).map(|o| o + pos) {
        let Some(close) = rest[start + 2..].find('}').map(|o| o + start + 2) else {
            break;
        };
        let key = &rest[start + 2..close];
        let d_start = close + 1;
        let after = &rest[d_start..];
        // `.+?(?=%\{)`: at least one character, up to the next `%{`.
        let next = after
            .chars()
            .next()
            .map(|c| c.len_utf8())
            .and_then(|first| after[first..].find("%{").map(|o| o + first));
        match next {
            Some(len) => {
                out.push((key, &after[..len]));
                pos = d_start + len;
            }
            None => {
                out.push((key, after));
                break;
            }
        }
    }
    out
}

impl DissectPattern {
    /// Parses `pattern`, with `append_separator` joining the parts of append keys.
    pub fn parse(pattern: &str, append_separator: &str) -> Result<DissectPattern, DissectError> {
        let invalid = || DissectError::InvalidPattern(pattern.to_string());
        // `^(.*?)%\{` without DOTALL: a line terminator before the first `%{` means no leading text.
        let leading = match pattern.find("%{") {
            Some(i) if !pattern[..i].chars().any(is_java_line_terminator) => &pattern[..i],
            _ => "",
        };
        let mut pairs = Vec::new();
        for (key, delimiter) in split_pairs(&pattern[leading.len()..]) {
            let key = Key::parse(key).map_err(|_| invalid())?;
            pairs.push((key, delimiter.to_string()));
        }
        let mut non_skip: Vec<&str> = Vec::new();
        for (key, _) in &pairs {
            if !key.skip && !non_skip.contains(&key.name.as_str()) {
                non_skip.push(&key.name);
            }
        }
        let max_results = non_skip.len();
        if pairs.is_empty() || max_results == 0 {
            return Err(invalid());
        }
        // A plain key sharing its name with an append key becomes an append key.
        let append_names: Vec<String> = pairs
            .iter()
            .filter(|(k, _)| matches!(k.modifier, Modifier::Append | Modifier::AppendWithOrder))
            .map(|(k, _)| k.name.clone())
            .collect();
        for (key, _) in &mut pairs {
            if key.modifier == Modifier::None && append_names.contains(&key.name) {
                key.modifier = Modifier::Append;
            }
        }
        // Reference keys must come in `*name` / `&name` pairs.
        let mut reference_counts: Vec<(&str, usize)> = Vec::new();
        for (key, _) in &pairs {
            if matches!(key.modifier, Modifier::FieldName | Modifier::FieldValue) {
                match reference_counts.iter_mut().find(|(n, _)| *n == key.name) {
                    Some(entry) => entry.1 += 1,
                    None => reference_counts.push((&key.name, 1)),
                }
            }
        }
        if reference_counts.iter().any(|(_, n)| *n != 2) {
            return Err(invalid());
        }
        if let Some((key, _)) = pairs
            .iter()
            .find(|(k, _)| k.modifier == Modifier::FieldName)
        {
            return Err(DissectError::ReferenceKeys(key.name.clone()));
        }
        let mut outputs: Vec<String> = Vec::new();
        for (key, _) in &pairs {
            if key.modifier != Modifier::NamedSkip
                && !key.name.is_empty()
                && !outputs.contains(&key.name)
            {
                outputs.push(key.name.clone());
            }
        }
        Ok(DissectPattern {
            leading: leading.to_string(),
            leading_utf16: leading.encode_utf16().count(),
            pairs,
            outputs,
            append_separator: append_separator.to_string(),
            max_results,
        })
    }

    /// The output column names: the distinct non-skip key names, in first-appearance order.
    pub fn output_names(&self) -> &[String] {
        &self.outputs
    }

    /// Dissects `input`. Returns `None` when it does not match, otherwise one value per output name.
    pub fn matches(&self, input: &str) -> Option<Vec<Option<String>>> {
        let mut state = MatchState::new(&self.append_separator);
        if input.encode_utf16().count() > self.leading_utf16 && input.starts_with(&self.leading) {
            self.walk(input.as_bytes(), &mut state);
        }
        if state.matches != self.pairs.len() {
            return None;
        }
        let results = state.results();
        if results.len() != self.max_results {
            return None;
        }
        Some(
            self.outputs
                .iter()
                .map(|n| results.get(&Some(n.clone())).cloned().flatten())
                .collect(),
        )
    }

    /// Dissects every value of a (possibly multi-valued) input, as ES|QL does: each output column
    /// collects the values of every matching input value (empty = null).
    pub fn extract_values<'a, I: IntoIterator<Item = &'a str>>(
        &self,
        values: I,
    ) -> Vec<Vec<String>> {
        let mut out = vec![Vec::new(); self.outputs.len()];
        for value in values {
            if let Some(row) = self.matches(value) {
                for (column, v) in out.iter_mut().zip(row) {
                    column.extend(v);
                }
            }
        }
        out
    }

    /// The byte walk of `DissectParser.parse`. Note that, as in Elasticsearch, the walk starts at the
    /// UTF-16 length of the leading text used as a byte offset.
    fn walk(&self, input: &[u8], state: &mut MatchState) {
        let Some((first_key, first_delim)) = self.pairs.first() else {
            return;
        };
        let n = input.len();
        let mut idx = 0;
        let mut key = first_key;
        let mut delim = first_delim.as_bytes();
        let mut i = self.leading_utf16.min(n);
        let mut value_start = i;
        let at = |pos: usize, d: &[u8]| input.get(pos..).is_some_and(|r| r.starts_with(d));
        while i < n {
            if delim.is_empty() || !at(i, delim) {
                i += 1;
                continue;
            }
            state.add(key, lossy(input, value_start, i));
            i += delim.len();
            while i < n && at(i, delim) {
                i += delim.len();
                if !key.right_padding {
                    let Some((next, _)) = self.pairs.get(idx + 1) else {
                        break;
                    };
                    idx += 1;
                    key = next;
                    state.add(key, String::new());
                }
            }
            let Some((next, next_delim)) = self.pairs.get(idx + 1) else {
                break;
            };
            idx += 1;
            key = next;
            delim = next_delim.as_bytes();
            value_start = i;
        }
        if state.matches != self.pairs.len() && delim.is_empty() {
            state.add(key, lossy(input, value_start, n));
        }
    }
}

/// Decodes `input[from..to]` like Java's `new String(bytes, UTF_8)`.
fn lossy(input: &[u8], from: usize, to: usize) -> String {
    String::from_utf8_lossy(input.get(from..to).unwrap_or_default()).into_owned()
}

/// The per-input accumulator (`DissectMatch`).
struct MatchState<'s> {
    separator: &'s str,
    matches: usize,
    simple: HashMap<String, String>,
    appends: Vec<(String, Vec<(String, i32)>)>,
    references: Vec<(String, Option<String>, Option<String>)>,
    implicit_order: i32,
}

impl<'s> MatchState<'s> {
    fn new(separator: &'s str) -> Self {
        MatchState {
            separator,
            matches: 0,
            simple: HashMap::new(),
            appends: Vec::new(),
            references: Vec::new(),
            implicit_order: -1000,
        }
    }

    fn add(&mut self, key: &Key, value: String) {
        self.matches += 1;
        if key.skip {
            return;
        }
        match key.modifier {
            Modifier::None => {
                self.simple.insert(key.name.clone(), value);
            }
            Modifier::Append | Modifier::AppendWithOrder => {
                let order = if key.modifier == Modifier::Append {
                    self.implicit_order += 1;
                    self.implicit_order - 1
                } else {
                    key.append_position
                };
                match self.appends.iter_mut().find(|(n, _)| *n == key.name) {
                    Some((_, values)) => values.push((value, order)),
                    None => self.appends.push((key.name.clone(), vec![(value, order)])),
                }
            }
            Modifier::FieldName | Modifier::FieldValue => {
                let idx = match self.references.iter().position(|(n, _, _)| *n == key.name) {
                    Some(idx) => idx,
                    None => {
                        self.references.push((key.name.clone(), None, None));
                        self.references.len() - 1
                    }
                };
                if let Some(entry) = self.references.get_mut(idx) {
                    if key.modifier == Modifier::FieldName {
                        entry.1 = Some(value);
                    } else {
                        entry.2 = Some(value);
                    }
                }
            }
            Modifier::NamedSkip => {}
        }
    }

    /// The result map; keys are optional because a reference value without its name maps to `null`.
    fn results(mut self) -> HashMap<Option<String>, Option<String>> {
        let mut out: HashMap<Option<String>, Option<String>> = HashMap::new();
        for (k, v) in self.simple.drain() {
            out.insert(Some(k), Some(v));
        }
        for (_, k, v) in self.references.drain(..) {
            out.insert(k, v);
        }
        for (name, mut values) in self.appends.drain(..) {
            values.sort_by_key(|(_, order)| *order);
            let joined: Vec<String> = values.into_iter().map(|(v, _)| v).collect();
            out.insert(Some(name), Some(joined.join(self.separator)));
        }
        out
    }
}

#[cfg(test)]
#[path = "dissect_tests.rs"]
mod tests;
