//! One CloudTrail event and its ECS document rendering.

use crate::catalog::{Action, ERRORS};
use crate::json::{DocWriter, KeyFormat};
use crate::principal::Principal;
use crate::rng::Rng;
use crate::time::push_ms;

/// The `cloud.region` of an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    /// A region name.
    Named(&'static str),
    /// No `cloud.region` key at all.
    Missing,
    /// `cloud.region` present with a JSON `null` value.
    Null,
}

impl Region {
    /// The region name, if any.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Region::Named(r) => Some(r),
            Region::Missing | Region::Null => None,
        }
    }
}

/// Everything that varies between events, before rendering.
#[derive(Clone, Debug)]
pub struct Event {
    /// `@timestamp`, epoch milliseconds.
    pub ts: i64,
    /// Index of the caller in the generator's principal table.
    pub who: usize,
    /// The API call.
    pub action: &'static Action,
    /// `cloud.region`.
    pub region: Region,
    /// `aws.cloudtrail.request_parameters`.
    pub params: Option<String>,
    /// `aws.cloudtrail.response_elements`.
    pub response: Option<String>,
    /// `event.outcome: failure` (with an error code and message).
    pub failed: bool,
}

/// Renders `ev` as one NDJSON line appended to `buf`.
pub fn render(ev: &Event, who: &Principal, rng: &mut Rng, format: KeyFormat, buf: &mut Vec<u8>) {
    let action = ev.action;
    let mut ts = String::with_capacity(24);
    push_ms(ev.ts, &mut ts);
    let mut w = DocWriter::begin(buf, format);
    w.str("@timestamp", &ts);

    w.open("aws");
    w.open("cloudtrail");
    let is_login = action.name == "ConsoleLogin";
    w.str(
        "event_version",
        if action.data_event { "1.10" } else { "1.09" },
    );
    w.str(
        "event_type",
        if is_login {
            "AwsConsoleSignIn"
        } else {
            "AwsApiCall"
        },
    );
    w.str(
        "event_category",
        if action.data_event {
            "Data"
        } else {
            "Management"
        },
    );
    w.bool("management_event", !action.data_event);
    w.bool("read_only", action.read_only);
    w.str("recipient_account_id", who.account);
    w.str("request_id", &rng.uuid());
    w.opt_str("request_parameters", ev.params.as_deref());
    w.opt_str("response_elements", ev.response.as_deref());
    if is_login {
        let mfa = rng.chance(0.8);
        let login_to = "https://console.aws.amazon.com/console/home";
        let mfa_text = if mfa { "Yes" } else { "No" };
        let extra = crate::javamap::render(&[
            ("LoginTo", login_to),
            ("MobileVersion", "No"),
            ("MFAUsed", mfa_text),
        ]);
        w.str("additional_eventdata", &extra);
        w.open("console_login");
        w.open("additional_eventdata");
        w.str("login_to", login_to);
        w.bool("mfa_used", mfa);
        w.bool("mobile_version", false);
        w.close();
        w.close();
    }
    if ev.failed {
        let (code, template) = rng
            .pick(ERRORS)
            .copied()
            .unwrap_or(("AccessDenied", "Access Denied"));
        let (code, message) = if is_login {
            ("", "Failed authentication".to_string())
        } else {
            let service = action.provider.split('.').next().unwrap_or("");
            let message = template
                .replace("{arn}", who.arn.as_deref().unwrap_or(""))
                .replace("{svc}", service)
                .replace("{op}", action.name);
            (code, message)
        };
        if !code.is_empty() {
            w.str("error_code", code);
        }
        w.str("error_message", &message);
    }
    render_identity(&mut w, who, ev.ts);
    w.close();
    w.close();

    w.open("cloud");
    w.open("account");
    w.str("id", who.account);
    w.close();
    w.str("provider", "aws");
    match ev.region {
        Region::Named(r) => w.str("region", r),
        Region::Null => w.raw("region", "null"),
        Region::Missing => {}
    }
    w.close();

    w.open("data_stream");
    w.str("dataset", "aws.cloudtrail");
    w.str("namespace", "default");
    w.str("type", "logs");
    w.close();
    w.open("ecs");
    w.str("version", "8.11.0");
    w.close();

    w.open("event");
    w.str("action", action.name);
    if !action.category.is_empty() {
        w.str_array("category", action.category);
    }
    w.str("dataset", "aws.cloudtrail");
    w.str("id", &rng.uuid());
    w.str("kind", "event");
    w.str("module", "aws");
    w.str("outcome", if ev.failed { "failure" } else { "success" });
    w.str("provider", action.provider);
    w.str_array("type", action.kind);
    w.close();

    render_related_source(&mut w, who, rng);

    if who.user_name.is_some() || who.principal_id.is_some() {
        w.open("user");
        w.opt_str("id", who.principal_id.as_deref());
        w.opt_str("name", who.user_name.as_deref());
        w.close();
    }
    w.open("user_agent");
    if who.user_agent.contains("{cmd}") {
        let op = format!(
            "{}.{}",
            action.provider.split('.').next().unwrap_or(""),
            kebab(action.name)
        );
        w.str("original", &who.user_agent.replace("{cmd}", &op));
    } else {
        w.str("original", who.user_agent);
    }
    w.close();
    w.finish();
}

fn render_identity(w: &mut DocWriter<'_>, who: &Principal, ts: i64) {
    w.open("user_identity");
    w.opt_str("access_key_id", who.access_key_id.as_deref());
    w.opt_str("arn", who.arn.as_deref());
    w.opt_str("invoked_by", who.invoked_by);
    if let Some(issuer) = who.issuer_arn.as_deref() {
        w.open("session_context");
        let mut created = String::with_capacity(24);
        push_ms(ts - ts.rem_euclid(3_600_000), &mut created);
        w.str("creation_date", &created);
        w.str("mfa_authenticated", "false");
        w.open("session_issuer");
        w.str("arn", issuer);
        let role_id = who
            .principal_id
            .as_deref()
            .and_then(|p| p.split(':').next())
            .unwrap_or("");
        w.str("principal_id", role_id);
        w.str("type", "Role");
        w.close();
        w.close();
    }
    w.str("type", who.kind.as_str());
    w.close();
}

fn render_related_source(w: &mut DocWriter<'_>, who: &Principal, rng: &mut Rng) {
    if let Some(name) = who.user_name.as_deref() {
        w.open("related");
        w.str_array("user", &[name]);
        w.close();
    }
    w.open("source");
    if let Some(service) = who.invoked_by {
        w.str("address", service);
    } else {
        let ip = match who.ips.len() {
            0 => "198.51.100.7",
            1 => who.ips.first().map(String::as_str).unwrap_or(""),
            n => who
                .ips
                .get(if rng.chance(0.8) { 0 } else { rng.index(n) })
                .map(String::as_str)
                .unwrap_or(""),
        };
        w.str("address", ip);
        if rng.chance(0.92) {
            let g = who.geo;
            w.open("as");
            w.int("number", i64::from(g.asn));
            w.open("organization");
            w.str("name", g.as_org);
            w.close();
            w.close();
            w.open("geo");
            w.str("city_name", g.city);
            w.str("country_iso_code", g.country_iso);
            w.str("country_name", g.country);
            w.close();
        }
        w.str("ip", ip);
    }
    w.close();
}

/// `GetServiceQuota` → `get-service-quota` (the AWS CLI's command spelling).
fn kebab(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                s.push('-');
            }
            s.push(c.to_ascii_lowercase());
        } else {
            s.push(c);
        }
    }
    s
}
