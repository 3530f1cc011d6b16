//! Runtime warnings in Elasticsearch's wording, capped as Elasticsearch
//! caps them: per failing expression one header line, then at most 20
//! distinct failure lines.

use crate::functions::EvalError;
use crate::plan::Site;
use std::collections::HashMap;

/// Most failure lines kept per expression (Elasticsearch's limit).
pub const MAX_DETAILS: usize = 20;

#[derive(Clone, Debug)]
struct Entry {
    site: Site,
    details: Vec<String>,
}

/// Collects evaluation failures.
#[derive(Clone, Debug, Default)]
pub struct Warnings {
    entries: Vec<Entry>,
    by_site: HashMap<Site, usize>,
}

impl Warnings {
    /// Records one failure of the expression at `site`.
    pub fn record(&mut self, site: &Site, error: &EvalError) {
        self.record_detail(site, error.detail());
    }

    /// Folds warnings collected elsewhere (another worker) into these.
    pub fn merge(&mut self, other: Warnings) {
        for entry in other.entries {
            for detail in entry.details {
                self.record_detail(&entry.site, detail);
            }
        }
    }

    fn record_detail(&mut self, site: &Site, detail: String) {
        let index = match self.by_site.get(site) {
            Some(&i) => i,
            None => {
                self.entries.push(Entry {
                    site: site.clone(),
                    details: Vec::new(),
                });
                self.by_site.insert(site.clone(), self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        if let Some(entry) = self.entries.get_mut(index) {
            if entry.details.len() < MAX_DETAILS && !entry.details.contains(&detail) {
                entry.details.push(detail);
            }
        }
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The warning lines, in the order the expressions first failed.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for e in &self.entries {
            let at = format!("Line {}:{}", e.site.line, e.site.column);
            out.push(format!(
                "{at}: evaluation of [{}] failed, treating result as null. Only first {MAX_DETAILS} failures recorded.",
                e.site.text
            ));
            for d in &e.details {
                out.push(format!("{at}: {d}"));
            }
        }
        out
    }
}
