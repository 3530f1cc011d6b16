//! Background activity: ordinary API calls of the organisation's callers.

use crate::catalog::{action, Action, ACTIONS, HOME_REGIONS};
use crate::event::{Event, Region};
use crate::params;
use crate::principal::{IdentityKind, Population, Principal};
use crate::rng::Rng;

/// Draws background events.
#[derive(Debug)]
pub struct Noise {
    total_weight: u64,
}

impl Default for Noise {
    fn default() -> Self {
        Noise {
            total_weight: ACTIONS.iter().map(|a| u64::from(a.weight)).sum(),
        }
    }
}

impl Noise {
    fn action(&self, rng: &mut Rng) -> &'static Action {
        let mut x = rng.below(self.total_weight);
        for a in ACTIONS {
            let w = u64::from(a.weight);
            if x < w {
                return a;
            }
            x -= w;
        }
        action("DescribeInstances")
    }

    /// One background event at `ts` by a caller drawn from `population` (indices into `principals`).
    pub fn draw(
        &self,
        rng: &mut Rng,
        ts: i64,
        population: &Population,
        principals: &[Principal],
    ) -> Option<Event> {
        let who = population.draw(rng);
        let p = principals.get(who)?;
        let mut act = self.action(rng);
        if p.kind == IdentityKind::AwsService
            && matches!(act.name, "ConsoleLogin" | "ListBuckets" | "GetServiceQuota")
        {
            act = action("AssumeRole");
        }
        let region = if act.global {
            "us-east-1"
        } else if p.kind == IdentityKind::AwsService || p.home_regions.is_empty() {
            rng.pick(HOME_REGIONS).copied().unwrap_or("us-east-1")
        } else if rng.chance(0.7) {
            p.home_regions.first().copied().unwrap_or("us-east-1")
        } else {
            rng.pick(&p.home_regions).copied().unwrap_or("us-east-1")
        };
        // a very small share of records without a region
        let region = if rng.chance(0.001) {
            Region::Missing
        } else {
            Region::Named(region)
        };
        let failed = rng.chance(if act.name == "ConsoleLogin" {
            0.1
        } else {
            0.03
        });
        let params = params::request(rng, act, p, region.name().unwrap_or("us-east-1"));
        let response = params::response(act, failed);
        Some(Event {
            ts,
            who,
            action: act,
            region,
            params,
            response,
            failed,
        })
    }
}
