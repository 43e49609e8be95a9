//! `invalid-cronjob-schedule`: a CronJob `schedule` the API server cannot parse, a time zone
//! written into the schedule (`TZ=`/`CRON_TZ=`), and a `timeZone` it does not know.
//!
//! source: pkg/apis/batch/validation/validation.go validateScheduleFormat, validateTimeZone,
//! ValidateCronJobUpdate (a schedule may keep its `TZ=` only when the old one had it); the
//! parser is github.com/robfig/cron/v3 ParseStandard (v3.0.1, vendored by Kubernetes):
//! five fields or a descriptor, errors worded as its parser.go words them.

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: InvalidCronJobSchedule = InvalidCronJobSchedule;

pub(super) struct InvalidCronJobSchedule;

/// The time zone names the API server's `time.LoadLocation` knows (tzdata Zones and Links).
static TIME_ZONES: &str = include_str!("../../../data/time-zones.txt");

fn known_time_zone(name: &str) -> bool {
    name == "UTC"
        || TIME_ZONES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .any(|l| l == name)
}

struct Bounds {
    min: u64,
    max: u64,
    names: &'static [&'static str],
}

const MINUTES: Bounds = Bounds { min: 0, max: 59, names: &[] };
const HOURS: Bounds = Bounds { min: 0, max: 23, names: &[] };
const DAYS_OF_MONTH: Bounds = Bounds { min: 1, max: 31, names: &[] };
const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ],
};
const DAYS_OF_WEEK: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
};

/// Go's `strconv.Atoi` on a 64-bit platform, with its error text.
fn atoi(s: &str) -> Result<i64, String> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.Atoi: parsing {s:?}: invalid syntax"));
    }
    s.parse::<i64>()
        .map_err(|_| format!("strconv.Atoi: parsing {s:?}: value out of range"))
}

fn number(expr: &str) -> Result<u64, String> {
    let n = atoi(expr).map_err(|e| format!("failed to parse int from {expr}: {e}"))?;
    u64::try_from(n).map_err(|_| format!("negative number ({n}) not allowed: {expr}"))
}

fn number_or_name(expr: &str, b: &Bounds) -> Result<u64, String> {
    // Minutes, hours and days of the month have no names: no lowercase copy for them.
    if b.names.is_empty() {
        return number(expr);
    }
    let lower = expr.to_lowercase();
    match b.names.iter().position(|n| *n == lower) {
        // Month names start at 1, weekday names at 0: both at the field's minimum.
        Some(i) => Ok(i as u64 + b.min),
        None => number(expr),
    }
}

/// One comma-separated part of a field: `*`, `?`, `N`, `N-M`, each with an optional `/step`.
fn range(expr: &str, b: &Bounds) -> Result<(), String> {
    // The parts split off one by one (no vectors: every schedule has five fields or more).
    let mut range_and_step = expr.split('/');
    let range_part = range_and_step.next().unwrap_or("");
    let step_part = (range_and_step.next(), range_and_step.next().is_some());
    let mut low_and_high = range_part.split('-');
    let low = low_and_high.next().unwrap_or("");
    let high = (low_and_high.next(), low_and_high.next().is_some());
    let (start, mut end) = if low == "*" || low == "?" {
        (b.min, b.max)
    } else {
        let start = number_or_name(low, b)?;
        match high {
            (None, _) => (start, start),
            (Some(high), false) => (start, number_or_name(high, b)?),
            (Some(_), true) => return Err(format!("too many hyphens: {expr}")),
        }
    };
    let step = match step_part {
        (None, _) => 1,
        (Some(step), false) => {
            let step = number(step)?;
            // "N/step" means "N-max/step".
            if high.0.is_none() {
                end = b.max;
            }
            step
        }
        (Some(_), true) => return Err(format!("too many slashes: {expr}")),
    };
    if start < b.min {
        return Err(format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            b.min
        ));
    }
    if end > b.max {
        return Err(format!(
            "end of range ({end}) above maximum ({}): {expr}",
            b.max
        ));
    }
    if start > end {
        return Err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        ));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    Ok(())
}

/// Go's `time.ParseDuration`: `Ok`, or its error text.
fn go_duration(orig: &str) -> Result<(), String> {
    let invalid = || format!("time: invalid duration {orig:?}");
    let s = orig.strip_prefix(['+', '-']).unwrap_or(orig);
    if s == "0" {
        return Ok(());
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut rest = s;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let num = &rest[..num_len];
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return Err(invalid());
        }
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        if unit.is_empty() {
            return Err(format!("time: missing unit in duration {orig:?}"));
        }
        if !["ns", "us", "µs", "μs", "ms", "s", "m", "h"].contains(&unit) {
            return Err(format!(
                "time: unknown unit {unit:?} in duration {orig:?}"
            ));
        }
        rest = &rest[unit_len..];
    }
    Ok(())
}

/// `cron.ParseStandard`: `Ok` or its error text.
pub(crate) fn parse_standard(spec: &str) -> Result<(), String> {
    if spec.is_empty() {
        return Err("empty spec string".into());
    }
    let mut spec = spec;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        let eq = spec.find('=').unwrap_or(0);
        let Some(space) = spec.find(' ') else {
            return Err(format!("missing fields after the time zone: {spec}"));
        };
        let name = &spec[eq + 1..space];
        if !(name.is_empty() || known_time_zone(name)) {
            return Err(format!(
                "provided bad location {name}: unknown time zone {name}"
            ));
        }
        spec = spec[space..].trim();
    }
    if let Some(descriptor) = spec.strip_prefix('@') {
        return match descriptor {
            "yearly" | "annually" | "monthly" | "weekly" | "daily" | "midnight" | "hourly" => {
                Ok(())
            }
            _ => match descriptor.strip_prefix("every ") {
                Some(d) => go_duration(d)
                    .map_err(|e| format!("failed to parse duration {spec}: {e}")),
                None => Err(format!("unrecognized descriptor: {spec}")),
            },
        };
    }
    if spec.split_whitespace().count() != 5 {
        let fields: Vec<&str> = spec.split_whitespace().collect();
        return Err(format!(
            "expected exactly 5 fields, found {}: [{}]",
            fields.len(),
            fields.join(" ")
        ));
    }
    for (field, bounds) in spec
        .split_whitespace()
        .zip([&MINUTES, &HOURS, &DAYS_OF_MONTH, &MONTHS, &DAYS_OF_WEEK])
    {
        for expr in field.split(',').filter(|e| !e.is_empty()) {
            range(expr, bounds)?;
        }
    }
    Ok(())
}

/// `validateTimeZone`: `Ok` or the detail of the API server's error.
fn check_time_zone(tz: &str) -> Result<(), String> {
    if tz.is_empty() {
        return Err("timeZone must be nil or non-empty string".into());
    }
    let part_ok = |p: &str| {
        p != "."
            && p != ".."
            && !p.starts_with('-')
            && (1..=14).contains(&p.len())
            && p
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-+".contains(&b))
    };
    if !tz.split('/').all(part_ok) {
        return Err(format!("unknown time zone {tz}"));
    }
    if tz.eq_ignore_ascii_case("Local") {
        return Err(
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"
                .into(),
        );
    }
    if !known_time_zone(tz) {
        return Err(format!("unknown time zone {tz}"));
    }
    Ok(())
}

impl Rule for InvalidCronJobSchedule {
    fn id(&self) -> &str {
        "invalid-cronjob-schedule"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "CronJob" || o.group() != "batch" {
            return;
        }
        // Only the two fields read, not the whole object (its job template is most of it).
        let (Some(time_zone), Some(schedule)) = (
            cx.field_json(&["spec", "timeZone"]),
            cx.field_json(&["spec", "schedule"]),
        ) else {
            return;
        };
        let time_zone = time_zone.as_str();
        if let Some(schedule) = schedule.as_str().filter(|s| !s.is_empty()) {
            let at = || cx.at(FieldPath::parse("spec.schedule"));
            if let Err(detail) = parse_standard(schedule) {
                out.emit(
                    Diagnostic::new(
                        format!("the schedule `{schedule}` is not a valid cron expression: {detail}"),
                        at(),
                    )
                    .label("refused")
                    .help("five fields: minute (0-59), hour (0-23), day of month (1-31), month (1-12 or JAN-DEC), day of week (0-6 or SUN-SAT); or @hourly, @daily, @weekly, @monthly, @yearly, @every <duration>")
                    .api_error("spec.schedule", "Invalid", detail),
                );
            }
            if schedule.contains("TZ") {
                // An update may keep a `TZ=` that the stored object already had.
                let old_had_tz = cx.workspace.old_version(o).is_some_and(|old| {
                    let doc = old.file.document(old.object());
                    let (node, exact) =
                        FieldPath::parse("spec.schedule").resolve(doc, old.object().root);
                    exact && doc.str(node).is_some_and(|s| s.contains("TZ"))
                });
                let (allowed, detail) = if cx.version < (1, 27) || old_had_tz {
                    (time_zone.is_none(), "cannot use both timeZone field and TZ or CRON_TZ in schedule")
                } else {
                    (false, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead")
                };
                if !allowed {
                    out.emit(
                        Diagnostic::new(
                            format!("the schedule `{schedule}` names a time zone: {detail}"),
                            at(),
                        )
                        .label("refused")
                        .help("move the time zone to `spec.timeZone` (for example `timeZone: Europe/Paris`) and keep only the five fields in `schedule`")
                        .api_error("spec.schedule", "Invalid", detail),
                    );
                }
            }
        }
        if let Some(tz) = time_zone {
            if let Err(detail) = check_time_zone(tz) {
                out.emit(
                    Diagnostic::new(format!("`timeZone: {tz}` is refused: {detail}"), cx.at(FieldPath::parse("spec.timeZone")))
                        .label("refused")
                        .help("use an IANA time zone name such as `Etc/UTC`, `Europe/Paris` or `America/New_York`")
                        .api_error("spec.timeZone", "Invalid", detail),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_standard;

    // source: github.com/robfig/cron/v3 parser.go (ParseStandard, getRange, normalizeFields)
    #[test]
    fn cron_parser_accepts_and_refuses_as_robfig_cron_does() {
        for ok in [
            "* * * * *",
            "*/5 * * * *",
            "0 3 * * 1-5",
            "15,45 9-17 * JAN-mar sun",
            "0 0 1 */2 ?",
            "*/61 * * * *",
            "@hourly",
            "@every 1h30m",
            "TZ=Europe/Paris 0 3 * * *",
        ] {
            assert_eq!(parse_standard(ok), Ok(()), "{ok}");
        }
        for (bad, err) in [
            ("61 * * * *", "end of range (61) above maximum (59): 61"),
            ("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
            ("0 0 0 * *", "beginning of range (0) below minimum (1): 0"),
            ("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"),
            ("*/0 * * * *", "step of range should be a positive number: */0"),
            ("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"),
            ("1-2-3 * * * *", "too many hyphens: 1-2-3"),
            ("@fortnightly", "unrecognized descriptor: @fortnightly"),
            ("@every 5 minutes", "failed to parse duration @every 5 minutes: time: unknown unit \" minutes\" in duration \"5 minutes\""),
            ("* * * * 7", "end of range (7) above maximum (6): 7"),
            ("", "empty spec string"),
        ] {
            let e = parse_standard(bad).unwrap_err();
            assert!(e.contains(err), "{bad}: {e}");
        }
        assert!(parse_standard("* * * * * *")
            .unwrap_err()
            .starts_with("expected exactly 5 fields, found 6: [* * * * * *]"));
    }
}
