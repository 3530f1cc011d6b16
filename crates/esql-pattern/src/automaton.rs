//! A deterministic automaton for Lucene patterns the `regex` crate cannot
//! express (intersection `&`, complement `~`), built eagerly from
//! Brzozowski derivatives over the alphabet's equivalence classes.
//!
//! Like Lucene's `Operations.determinize` with its default work limit
//! (`Operations.DEFAULT_DETERMINIZE_WORK_LIMIT` = 10,000), construction
//! gives up on patterns that need too many states, so no pattern costs
//! more than a bounded amount of time and memory. Matching is one table
//! lookup per character.

use super::lucene::Re;
use super::terms::{self, Id, Terms, TooLarge, EPS, NOTHING};

/// Most DFA states built for one pattern (Lucene's default determinize
/// work limit).
pub const MAX_STATES: usize = 10_000;

/// Most terms held while building one automaton.
const MAX_TERMS: usize = 200_000;

/// Why a pattern could not become an automaton.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// Lucene's `IllegalArgumentException` (an unknown `<name>`).
    Invalid(crate::error::SyntaxError),
    /// More than [`MAX_STATES`] states (or too many terms) were needed.
    TooComplex,
}

impl From<TooLarge> for BuildError {
    fn from(_: TooLarge) -> BuildError {
        BuildError::TooComplex
    }
}

/// A compiled whole-string matcher.
#[derive(Debug, Clone)]
pub struct Dfa {
    /// Start of each character class (sorted, first is 0).
    bounds: Vec<u32>,
    /// Class of each ASCII character.
    ascii: [u32; 128],
    classes: usize,
    /// `table[state * classes + class]` is the next state.
    table: Vec<u32>,
    accept: Vec<bool>,
    /// 0: keep reading, 1: can never accept, 2: accepts whatever follows.
    settled: Vec<u8>,
}

impl Dfa {
    /// Builds the automaton for a parsed pattern.
    pub fn build(re: &Re) -> Result<Dfa, BuildError> {
        let mut t = Terms::new(MAX_TERMS);
        let start = lower(&mut t, re)?;
        let bounds = t.boundaries();
        let classes = bounds.len();
        let mut ascii = [0u32; 128];
        for (c, slot) in ascii.iter_mut().enumerate() {
            *slot = class_of(&bounds, c as u32);
        }
        let mut states: Vec<Id> = vec![start];
        let mut seen = std::collections::HashMap::new();
        seen.insert(start, 0u32);
        let mut table = Vec::new();
        let mut i = 0;
        while let Some(&term) = states.get(i) {
            for &rep in &bounds {
                let next = t.deriv(term, rep)?;
                let id = match seen.get(&next) {
                    Some(&id) => id,
                    None => {
                        if states.len() >= MAX_STATES {
                            return Err(BuildError::TooComplex);
                        }
                        let id = states.len() as u32;
                        states.push(next);
                        seen.insert(next, id);
                        id
                    }
                };
                table.push(id);
            }
            i += 1;
        }
        let accept: Vec<bool> = states.iter().map(|s| t.nullable(*s)).collect();
        let settled = (0..states.len())
            .map(|s| {
                let row = table.get(s * classes..(s + 1) * classes).unwrap_or(&[]);
                let loops = row.iter().all(|&n| n as usize == s);
                match (loops, accept.get(s).copied().unwrap_or(false)) {
                    (true, false) => 1,
                    (true, true) => 2,
                    _ => 0,
                }
            })
            .collect();
        Ok(Dfa {
            bounds,
            ascii,
            classes,
            table,
            accept,
            settled,
        })
    }

    /// Number of states.
    pub fn states(&self) -> usize {
        self.accept.len()
    }

    /// True when the whole of `s` is in the pattern's language.
    pub fn is_match(&self, s: &str) -> bool {
        let mut state = 0usize;
        for c in s.chars() {
            match self.settled.get(state) {
                Some(1) => return false,
                Some(2) => return true,
                _ => {}
            }
            let code = c as u32;
            let class = match self.ascii.get(code as usize) {
                Some(&k) => k,
                None => class_of(&self.bounds, code),
            };
            state = self
                .table
                .get(state * self.classes + class as usize)
                .map_or(0, |&n| n as usize);
        }
        self.accept.get(state).copied().unwrap_or(false)
    }
}

fn class_of(bounds: &[u32], c: u32) -> u32 {
    bounds.partition_point(|&b| b <= c).saturating_sub(1) as u32
}

/// Translates the tree into terms (repetitions and intervals expanded).
fn lower(t: &mut Terms, re: &Re) -> Result<Id, BuildError> {
    Ok(match re {
        Re::Union(v) => {
            let items = v
                .iter()
                .map(|x| lower(t, x))
                .collect::<Result<Vec<_>, _>>()?;
            t.or(&items)?
        }
        Re::Inter(v) => {
            let items = v
                .iter()
                .map(|x| lower(t, x))
                .collect::<Result<Vec<_>, _>>()?;
            t.and(&items)?
        }
        Re::Concat(v) => {
            let items = v
                .iter()
                .map(|x| lower(t, x))
                .collect::<Result<Vec<_>, _>>()?;
            let mut acc = EPS;
            for &x in items.iter().rev() {
                acc = t.cat(x, acc)?;
            }
            acc
        }
        Re::Repeat(x, min, max) => {
            let x = lower(t, x)?;
            repeat(t, x, *min, *max)?
        }
        Re::Complement(x) => {
            let x = lower(t, x)?;
            t.not(x)?
        }
        Re::Str(s) => {
            let mut acc = EPS;
            for c in s.chars().rev() {
                let one = t.set(&[(c as u32, c as u32)])?;
                acc = t.cat(one, acc)?;
            }
            acc
        }
        Re::Class { ranges, negated } => {
            if *negated {
                t.set(&terms::complement(ranges))?
            } else {
                t.set(ranges)?
            }
        }
        Re::AnyChar => t.set(&[(0, terms::MAX_CHAR)])?,
        Re::AnyString => {
            let any = t.set(&[(0, terms::MAX_CHAR)])?;
            t.star(any)?
        }
        Re::Nothing => NOTHING,
        Re::Named(name) => {
            return Err(BuildError::Invalid(crate::error::SyntaxError::UnknownName(
                name.clone(),
            )))
        }
        Re::Interval { min, max, digits } => interval(t, *min, *max, *digits)?,
    })
}

/// `x{min,max}` (`max` None: unbounded).
fn repeat(t: &mut Terms, x: Id, min: u32, max: Option<u32>) -> Result<Id, TooLarge> {
    if x == EPS {
        return Ok(EPS);
    }
    if x == NOTHING {
        return Ok(if min == 0 { EPS } else { NOTHING });
    }
    let mut tail = match max {
        None => t.star(x)?,
        Some(max) => {
            // (x(x(...)?)?)? with max - min optional copies.
            let mut acc = EPS;
            for _ in min..max {
                let more = t.cat(x, acc)?;
                acc = t.or(&[EPS, more])?;
            }
            acc
        }
    };
    for _ in 0..min {
        tail = t.cat(x, tail)?;
    }
    Ok(tail)
}

/// Decimal numbers in `min..=max`: exactly `digits` wide (zero-padded)
/// when `digits > 0`, else with any number of leading zeros, as Lucene's
/// `Automata.makeDecimalInterval` accepts them.
fn interval(t: &mut Terms, min: u32, max: u32, digits: usize) -> Result<Id, TooLarge> {
    if digits > 0 {
        let lo = format!("{min:0digits$}");
        let hi = format!("{max:0digits$}");
        return fixed(t, lo.as_bytes(), hi.as_bytes());
    }
    let mut parts = Vec::new();
    let (lo_len, hi_len) = (min.to_string().len(), max.to_string().len());
    for len in lo_len..=hi_len {
        let floor = if len == 1 {
            0
        } else {
            10u64.pow(len as u32 - 1)
        };
        let ceil = 10u64.pow(len as u32) - 1;
        let lo = u64::from(min).max(floor);
        let hi = u64::from(max).min(ceil);
        if lo <= hi {
            parts.push(fixed(
                t,
                lo.to_string().as_bytes(),
                hi.to_string().as_bytes(),
            )?);
        }
    }
    let numbers = t.or(&parts)?;
    let zero = t.set(&[(0x30, 0x30)])?;
    let zeros = t.star(zero)?;
    t.cat(zeros, numbers)
}

/// Equal-length digit strings between `lo` and `hi` inclusive.
fn fixed(t: &mut Terms, lo: &[u8], hi: &[u8]) -> Result<Id, TooLarge> {
    let (Some((&l, lrest)), Some((&h, hrest))) = (lo.split_first(), hi.split_first()) else {
        return Ok(EPS);
    };
    let digit = |t: &mut Terms, a: u8, b: u8| t.set(&[(u32::from(a), u32::from(b))]);
    if lo.iter().all(|&d| d == b'0') && hi.iter().all(|&d| d == b'9') {
        let any = digit(t, b'0', b'9')?;
        return repeat(t, any, lo.len() as u32, Some(lo.len() as u32));
    }
    if l == h {
        let d = digit(t, l, l)?;
        let rest = fixed(t, lrest, hrest)?;
        return t.cat(d, rest);
    }
    let nines = vec![b'9'; lrest.len()];
    let zeros = vec![b'0'; hrest.len()];
    let mut parts = Vec::new();
    let first = digit(t, l, l)?;
    let rest = fixed(t, lrest, &nines)?;
    parts.push(t.cat(first, rest)?);
    if h > l + 1 {
        let mid = digit(t, l + 1, h - 1)?;
        let rest = fixed(t, &zeros, &nines)?;
        parts.push(t.cat(mid, rest)?);
    }
    let last = digit(t, h, h)?;
    let rest = fixed(t, &zeros, hrest)?;
    parts.push(t.cat(last, rest)?);
    t.or(&parts)
}
