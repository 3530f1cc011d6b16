//! Hash-consed regular-expression terms with Brzozowski derivatives.
//!
//! Smart constructors keep terms normalised (unions and intersections are
//! flattened, sorted and deduplicated, concatenation is right-associated,
//! `~~x = x`), so every term has finitely many distinct derivatives and a
//! DFA can be built from them.

use std::collections::HashMap;

/// A term's index in its [`Terms`] arena.
pub type Id = u32;

/// Highest code point.
pub const MAX_CHAR: u32 = 0x10FFFF;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Node {
    /// The empty language.
    Nothing,
    /// The empty string.
    Eps,
    /// One character in the sorted, disjoint inclusive ranges.
    Set(Vec<(u32, u32)>),
    Cat(Id, Id),
    Star(Id),
    Or(Vec<Id>),
    And(Vec<Id>),
    Not(Id),
}

/// Deepest derivative recursion a term may need.
const MAX_DEPTH: u32 = 4_000;

/// The empty language.
pub const NOTHING: Id = 0;
/// The empty string.
pub const EPS: Id = 1;
/// Every string.
pub const ALL: Id = 2;

/// An arena of terms.
pub struct Terms {
    nodes: Vec<Node>,
    nullable: Vec<bool>,
    depth: Vec<u32>,
    index: HashMap<Node, Id>,
    derivs: HashMap<(Id, u32), Id>,
    limit: usize,
    work: u64,
}

/// Most work (derivative steps plus union and intersection operands
/// handled) spent on one pattern: the analogue of Lucene's determinize
/// work limit, so a pathological pattern fails in bounded time.
const MAX_WORK: u64 = 2_000_000;

/// The arena grew past its node limit.
#[derive(Debug)]
pub struct TooLarge;

impl Terms {
    /// An arena that refuses to hold more than `limit` terms.
    pub fn new(limit: usize) -> Terms {
        let mut t = Terms {
            nodes: Vec::new(),
            nullable: Vec::new(),
            depth: Vec::new(),
            index: HashMap::new(),
            derivs: HashMap::new(),
            limit,
            work: 0,
        };
        // Fixed ids: NOTHING, EPS, ALL (= ~NOTHING).
        t.nodes = vec![Node::Nothing, Node::Eps, Node::Not(NOTHING)];
        t.nullable = vec![false, true, true];
        t.depth = vec![1, 1, 2];
        for (i, n) in t.nodes.iter().enumerate() {
            t.index.insert(n.clone(), i as Id);
        }
        t
    }

    /// Whether the term matches the empty string.
    pub fn nullable(&self, id: Id) -> bool {
        self.nullable.get(id as usize).copied().unwrap_or(false)
    }

    fn spend(&mut self, units: usize) -> Result<(), TooLarge> {
        self.work += units as u64;
        if self.work > MAX_WORK {
            return Err(TooLarge);
        }
        Ok(())
    }

    /// `@`: the star of the set of every character.
    fn is_universal(&self, id: Id) -> bool {
        match self.nodes.get(id as usize) {
            Some(Node::Star(x)) => matches!(
                self.nodes.get(*x as usize),
                Some(Node::Set(r)) if r.as_slice() == [(0, MAX_CHAR)]
            ),
            _ => false,
        }
    }

    fn depth_of(&self, id: Id) -> u32 {
        self.depth.get(id as usize).copied().unwrap_or(0)
    }

    fn node(&self, id: Id) -> Node {
        self.nodes
            .get(id as usize)
            .cloned()
            .unwrap_or(Node::Nothing)
    }

    fn intern(&mut self, node: Node) -> Result<Id, TooLarge> {
        if let Some(&id) = self.index.get(&node) {
            return Ok(id);
        }
        if self.nodes.len() >= self.limit {
            return Err(TooLarge);
        }
        let nullable = match &node {
            Node::Nothing | Node::Set(_) => false,
            Node::Eps | Node::Star(_) => true,
            Node::Cat(a, b) => self.nullable(*a) && self.nullable(*b),
            Node::Or(v) => v.iter().any(|x| self.nullable(*x)),
            Node::And(v) => v.iter().all(|x| self.nullable(*x)),
            Node::Not(x) => !self.nullable(*x),
        };
        let depth = 1 + match &node {
            Node::Nothing | Node::Eps | Node::Set(_) => 0,
            // A derivative only enters `b` when `a` can be empty.
            Node::Cat(a, b) if self.nullable(*a) => self.depth_of(*a).max(self.depth_of(*b)),
            Node::Cat(a, _) => self.depth_of(*a),
            Node::Star(a) | Node::Not(a) => self.depth_of(*a),
            Node::Or(v) | Node::And(v) => v.iter().map(|x| self.depth_of(*x)).max().unwrap_or(0),
        };
        // Derivatives recurse along a term's depth: keep it small enough
        // for any thread's stack.
        if depth > MAX_DEPTH {
            return Err(TooLarge);
        }
        let id = self.nodes.len() as Id;
        self.nodes.push(node.clone());
        self.nullable.push(nullable);
        self.depth.push(depth);
        self.index.insert(node, id);
        Ok(id)
    }

    /// One character in the inclusive ranges (any order, may overlap).
    pub fn set(&mut self, ranges: &[(u32, u32)]) -> Result<Id, TooLarge> {
        let norm = normalise(ranges.to_vec());
        if norm.is_empty() {
            return Ok(NOTHING);
        }
        self.intern(Node::Set(norm))
    }

    /// Concatenation.
    pub fn cat(&mut self, a: Id, b: Id) -> Result<Id, TooLarge> {
        if a == NOTHING || b == NOTHING {
            return Ok(NOTHING);
        }
        if a == EPS {
            return Ok(b);
        }
        if b == EPS {
            return Ok(a);
        }
        // Right-associate: (x y) b = x (y b), iteratively.
        let mut heads = Vec::new();
        let mut cur = a;
        while let Node::Cat(x, y) = self.node(cur) {
            heads.push(x);
            cur = y;
        }
        let mut acc = self.intern(Node::Cat(cur, b))?;
        while let Some(h) = heads.pop() {
            acc = self.intern(Node::Cat(h, acc))?;
        }
        Ok(acc)
    }

    /// Kleene star.
    pub fn star(&mut self, a: Id) -> Result<Id, TooLarge> {
        match self.node(a) {
            Node::Nothing | Node::Eps => Ok(EPS),
            Node::Star(_) => Ok(a),
            _ => self.intern(Node::Star(a)),
        }
    }

    /// Complement.
    pub fn not(&mut self, a: Id) -> Result<Id, TooLarge> {
        match self.node(a) {
            Node::Not(x) => Ok(x),
            _ => self.intern(Node::Not(a)),
        }
    }

    /// Union.
    pub fn or(&mut self, items: &[Id]) -> Result<Id, TooLarge> {
        self.spend(items.len())?;
        let mut flat = Vec::new();
        let mut chars: Vec<(u32, u32)> = Vec::new();
        let mut has_set = false;
        for &x in items {
            let children = match self.node(x) {
                Node::Or(v) => v,
                _ => vec![x],
            };
            self.spend(children.len())?;
            for c in children {
                match self.node(c) {
                    Node::Nothing => {}
                    Node::Set(r) => {
                        has_set = true;
                        chars.extend(r);
                    }
                    _ if c == ALL || self.is_universal(c) => return Ok(ALL),
                    _ => flat.push(c),
                }
            }
        }
        if has_set {
            flat.push(self.set(&chars)?);
        }
        flat.sort_unstable();
        flat.dedup();
        match flat.as_slice() {
            [] => Ok(NOTHING),
            [one] => Ok(*one),
            _ => self.intern(Node::Or(flat)),
        }
    }

    /// Intersection.
    pub fn and(&mut self, items: &[Id]) -> Result<Id, TooLarge> {
        self.spend(items.len())?;
        let mut flat = Vec::new();
        let mut chars: Option<Vec<(u32, u32)>> = None;
        for &x in items {
            let children = match self.node(x) {
                Node::And(v) => v,
                _ => vec![x],
            };
            self.spend(children.len())?;
            for c in children {
                match self.node(c) {
                    Node::Nothing => return Ok(NOTHING),
                    Node::Set(r) => {
                        chars = Some(match chars {
                            None => r,
                            Some(prev) => intersect(&prev, &r),
                        });
                    }
                    _ if c == ALL => {}
                    _ => flat.push(c),
                }
            }
        }
        if let Some(r) = chars {
            if r.is_empty() {
                return Ok(NOTHING);
            }
            flat.push(self.set(&r)?);
        }
        flat.sort_unstable();
        flat.dedup();
        match flat.as_slice() {
            [] => Ok(ALL),
            [one] => Ok(*one),
            _ => self.intern(Node::And(flat)),
        }
    }

    /// Every range boundary used by the term's character sets: the starts
    /// of the alphabet's equivalence classes (always including 0).
    pub fn boundaries(&self) -> Vec<u32> {
        let mut b = vec![0];
        for n in &self.nodes {
            if let Node::Set(r) = n {
                for &(lo, hi) in r {
                    b.push(lo);
                    if hi < MAX_CHAR {
                        b.push(hi + 1);
                    }
                }
            }
        }
        b.sort_unstable();
        b.dedup();
        b
    }

    /// The derivative of `id` by the character `c` (a class representative).
    pub fn deriv(&mut self, id: Id, c: u32) -> Result<Id, TooLarge> {
        if let Some(&d) = self.derivs.get(&(id, c)) {
            return Ok(d);
        }
        self.spend(1)?;
        let d = match self.node(id) {
            Node::Nothing | Node::Eps => NOTHING,
            Node::Set(r) => {
                if contains(&r, c) {
                    EPS
                } else {
                    NOTHING
                }
            }
            Node::Cat(a, b) => {
                let da = self.deriv(a, c)?;
                let left = self.cat(da, b)?;
                if self.nullable(a) {
                    let db = self.deriv(b, c)?;
                    self.or(&[left, db])?
                } else {
                    left
                }
            }
            Node::Star(a) => {
                let da = self.deriv(a, c)?;
                self.cat(da, id)?
            }
            Node::Or(v) => {
                let ds = v
                    .iter()
                    .map(|x| self.deriv(*x, c))
                    .collect::<Result<Vec<_>, _>>()?;
                self.or(&ds)?
            }
            Node::And(v) => {
                let ds = v
                    .iter()
                    .map(|x| self.deriv(*x, c))
                    .collect::<Result<Vec<_>, _>>()?;
                self.and(&ds)?
            }
            Node::Not(a) => {
                let da = self.deriv(a, c)?;
                self.not(da)?
            }
        };
        self.derivs.insert((id, c), d);
        Ok(d)
    }
}

fn contains(ranges: &[(u32, u32)], c: u32) -> bool {
    let i = ranges.partition_point(|&(_, hi)| hi < c);
    ranges.get(i).is_some_and(|&(lo, _)| lo <= c)
}

/// Sorts and merges ranges.
fn normalise(mut r: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    r.retain(|&(lo, hi)| lo <= hi);
    r.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(r.len());
    for (lo, hi) in r {
        match out.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// The ranges' complement within `0..=MAX_CHAR`.
pub fn complement(ranges: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut next = 0u32;
    for &(lo, hi) in &normalise(ranges.to_vec()) {
        if lo > next {
            out.push((next, lo - 1));
        }
        next = hi.saturating_add(1);
    }
    if next <= MAX_CHAR {
        out.push((next, MAX_CHAR));
    }
    out
}

fn intersect(a: &[(u32, u32)], b: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for &(alo, ahi) in a {
        for &(blo, bhi) in b {
            let (lo, hi) = (alo.max(blo), ahi.min(bhi));
            if lo <= hi {
                out.push((lo, hi));
            }
        }
    }
    normalise(out)
}
