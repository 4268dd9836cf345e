//! `--format html`: one self-contained page. Charts are inline SVG drawn here; no
//! script, no network, no web fonts, so it opens from disk, in a mail attachment or a
//! CI artifact, and prints. Every string that comes from a postmortem is escaped.

use super::markdown::{dating, escalation, listed, span};
use super::model::{CauseGroup, Portfolio, UNKNOWN_SEVERITY};
use pmlint_core::metrics::format_duration;
use pmlint_core::score::CriterionScore;
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
/// The score's breakdown, one criterion a line, for a tooltip.
fn breakdown(criteria: &[CriterionScore]) -> String {
    criteria
        .iter()
        .map(|c| format!("{} {} — {}", c.title, c.score, c.reason))
        .collect::<Vec<_>>()
        .join("\n")
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn duration(seconds: Option<i64>) -> String {
    seconds.map_or_else(|| "–".to_string(), format_duration)
}

const STYLE: &str = r#"
:root { --ink:#1f2933; --muted:#616e7c; --line:#d9e2ec; --bg:#f5f7fa; --card:#fff; --bad:#b42318; --warn:#b54708; --ok:#067647; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 10px; }
h3 { font-size: 15px; margin: 0 0 6px; }
p.sub, .muted { color: var(--muted); }
.kpis { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; margin-top: 18px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.kpi b { display: block; font-size: 24px; line-height: 1.2; }
.kpi span { color: var(--muted); font-size: 12px; }
.kpi.bad b { color: var(--bad); } .kpi.warn b { color: var(--warn); } .kpi.ok b { color: var(--ok); }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
table { border-collapse: collapse; width: 100%; background: var(--card); }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
td.date { white-space: nowrap; }
.wide { overflow-x: auto; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.b30 { background: #fee4e2; color: var(--bad); } .b14 { background: #fef0c7; color: var(--warn); } .b7 { background: #fffaeb; color: #93370d; } .b0 { background: #f2f4f7; color: var(--muted); }
.recurring { display: grid; gap: 12px; }
.recurring ol { margin: 6px 0 0; padding-left: 20px; }
.recurring li { margin: 3px 0; }
.quote { color: var(--muted); }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: var(--muted); }
svg .label { fill: var(--ink); }
.legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 12px; color: var(--muted); margin-top: 4px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.score-low { color: var(--bad); font-weight: 600; }
@media (max-width: 900px) { .kpis { grid-template-columns: repeat(3, 1fr); } .grid { grid-template-columns: 1fr; } }
@media print { body { background: #fff; } main { padding: 0; } .card, .kpi { break-inside: avoid; } h2 { break-after: avoid; } }
"#;

/// Severity colours: the most severe the most alarming.
fn severity_color(severity: &str, index: usize) -> &'static str {
    match severity {
        "SEV0" | "SEV1" => "#b42318",
        "SEV2" => "#ef6820",
        "SEV3" => "#fac515",
        "SEV4" | "SEV5" => "#7a9ec7",
        UNKNOWN_SEVERITY => "#c4cdd5",
        _ => ["#6172f3", "#9e77ed", "#2e90fa", "#12b76a"][index % 4],
    }
}

/// A step for an axis from 0 to `max` with about four ticks: 1, 2, 5 × 10^n, at
/// least `least` (1 for counts: no half incidents).
fn nice_step(max: f64, least: f64) -> f64 {
    if max <= 0.0 {
        return least.max(1.0);
    }
    let rough = (max / 4.0).max(least);
    let magnitude = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude)
}

const W: f64 = 540.0;
const H: f64 = 230.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 34.0;

fn svg_open(out: &mut String, label: &str) {
    let _ = write!(
        out,
        r#"<svg viewBox="0 0 {W} {H}" width="100%" role="img" aria-label="{l}"><title>{l}</title>"#,
        l = esc(label)
    );
}

/// Horizontal grid lines and y labels from 0 to `max` (rounded up to a step of at
/// least `least`).
fn y_axis(out: &mut String, max: f64, least: f64, label: impl Fn(f64) -> String) -> f64 {
    let step = nice_step(max, least);
    let top = (max / step).ceil().max(1.0) * step;
    let mut v = 0.0;
    while v <= top + step / 2.0 {
        let y = H - BOTTOM - v / top * (H - TOP - BOTTOM);
        let _ = write!(
            out,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#e4e7ec"/><text x="{lx}" y="{ty:.1}" text-anchor="end">{t}</text>"##,
            x2 = W - RIGHT,
            lx = LEFT - 6.0,
            ty = y + 4.0,
            t = esc(&label(v))
        );
        v += step;
    }
    top
}

/// Month labels, thinned so they never overlap.
fn x_labels(out: &mut String, months: &[String], x_of: impl Fn(usize) -> f64) {
    let every = months.len().div_ceil(12).max(1);
    for (i, m) in months.iter().enumerate() {
        if i % every == 0 {
            let _ = write!(
                out,
                r#"<text x="{x:.1}" y="{y}" text-anchor="middle">{t}</text>"#,
                x = x_of(i),
                y = H - BOTTOM + 16.0,
                t = esc(m)
            );
        }
    }
}

fn incidents_chart(p: &Portfolio) -> String {
    let mut out = String::new();
    if p.months.is_empty() {
        out.push_str(r#"<p class="muted">No postmortem is dated to the day, so there is nothing to place on a calendar.</p>"#);
        return out;
    }
    svg_open(&mut out, "Incidents per month by severity");
    let max = p.months.iter().map(|m| m.incidents).max().unwrap_or(0) as f64;
    let top = y_axis(&mut out, max, 1.0, |v| format!("{v:.0}"));
    let plot = W - LEFT - RIGHT;
    let slot = plot / p.months.len() as f64;
    let bar = (slot * 0.7).min(48.0);
    let x_of = |i: usize| LEFT + slot * (i as f64 + 0.5);
    for (i, m) in p.months.iter().enumerate() {
        let mut y = H - BOTTOM;
        for (s, sev) in p.severities.iter().enumerate() {
            let n = m.by_severity.get(sev).copied().unwrap_or(0);
            if n == 0 {
                continue;
            }
            let h = n as f64 / top * (H - TOP - BOTTOM);
            y -= h;
            let _ = write!(
                out,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" fill="{c}"><title>{t}</title></rect>"#,
                x = x_of(i) - bar / 2.0,
                c = severity_color(sev, s),
                t = esc(&format!("{}: {n} {sev}", m.month))
            );
        }
        if m.incidents > 0 {
            let _ = write!(
                out,
                r#"<text class="label" x="{x:.1}" y="{y:.1}" text-anchor="middle">{n}</text>"#,
                x = x_of(i),
                y = y - 4.0,
                n = m.incidents
            );
        }
    }
    let labels: Vec<String> = p.months.iter().map(|m| m.month.clone()).collect();
    x_labels(&mut out, &labels, x_of);
    out.push_str("</svg><div class=\"legend\">");
    for (s, sev) in p.severities.iter().enumerate() {
        let _ = write!(
            out,
            r#"<span><i style="background:{}"></i>{}</span>"#,
            severity_color(sev, s),
            esc(sev)
        );
    }
    out.push_str("</div>");
    out
}

fn trend_chart(p: &Portfolio) -> String {
    let mut out = String::new();
    let series: [(&str, &str, Vec<Option<i64>>); 2] = [
        (
            "Mean time to resolve",
            "#b42318",
            p.months.iter().map(|m| m.mean_time_to_resolve).collect(),
        ),
        (
            "Mean time to detect",
            "#2e90fa",
            p.months.iter().map(|m| m.mean_time_to_detect).collect(),
        ),
    ];
    let max = series
        .iter()
        .flat_map(|s| s.2.iter().flatten())
        .copied()
        .max();
    let Some(max) = max else {
        out.push_str(
            r#"<p class="muted">No timeline shows when an incident was detected or resolved.</p>"#,
        );
        return out;
    };
    svg_open(&mut out, "Mean time to resolve and to detect, per month");
    let minutes = max as f64 / 60.0;
    let top = y_axis(&mut out, minutes, 0.0, |v| {
        format_duration((v * 60.0) as i64)
    });
    let plot = W - LEFT - RIGHT;
    let slot = plot / p.months.len() as f64;
    let x_of = |i: usize| LEFT + slot * (i as f64 + 0.5);
    let y_of = |s: i64| H - BOTTOM - (s as f64 / 60.0) / top * (H - TOP - BOTTOM);
    for (name, color, values) in &series {
        // Months without a value break the line instead of pretending to be zero.
        let mut path = String::new();
        let mut pen_down = false;
        for (i, v) in values.iter().enumerate() {
            match v {
                Some(s) => {
                    let _ = write!(
                        path,
                        "{}{:.1},{:.1} ",
                        if pen_down { "L" } else { "M" },
                        x_of(i),
                        y_of(*s)
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let _ = write!(
            out,
            r#"<path d="{path}" fill="none" stroke="{color}" stroke-width="2"/>"#
        );
        for (i, v) in values.iter().enumerate() {
            if let Some(s) = v {
                let _ = write!(
                    out,
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{color}"><title>{t}</title></circle>"#,
                    x = x_of(i),
                    y = y_of(*s),
                    t = esc(&format!(
                        "{} {}: {}",
                        p.months[i].month,
                        name,
                        format_duration(*s)
                    ))
                );
            }
        }
    }
    let labels: Vec<String> = p.months.iter().map(|m| m.month.clone()).collect();
    x_labels(&mut out, &labels, x_of);
    out.push_str("</svg><div class=\"legend\">");
    for (name, color, _) in &series {
        let _ = write!(
            out,
            r#"<span><i style="background:{color}"></i>{name}</span>"#
        );
    }
    out.push_str("</div>");
    out
}

/// Labelled horizontal bars: (label, value, colour, tooltip).
fn horizontal_bars(label: &str, bars: &[(String, usize, &str, String)]) -> String {
    let mut out = String::new();
    let row = 26.0;
    let height = row * bars.len() as f64 + 8.0;
    let name_width = 150.0;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let _ = write!(
        out,
        r#"<svg viewBox="0 0 {W} {height}" width="100%" role="img" aria-label="{l}"><title>{l}</title>"#,
        l = esc(label)
    );
    for (i, (name, value, color, tip)) in bars.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let w = *value as f64 / max * (W - name_width - 60.0);
        let _ = write!(
            out,
            r#"<text class="label" x="{tx}" y="{ty:.1}" text-anchor="end">{n}</text><rect x="{name_width}" y="{y:.1}" width="{w:.1}" height="{h}" rx="3" fill="{color}"><title>{tip}</title></rect><text x="{vx:.1}" y="{ty:.1}">{value}</text>"#,
            tx = name_width - 8.0,
            ty = y + 14.0,
            n = esc(name),
            h = row - 8.0,
            tip = esc(tip),
            vx = name_width + w + 6.0
        );
    }
    out.push_str("</svg>");
    out
}

fn actions_chart(p: &Portfolio) -> String {
    let a = &p.summary.actions;
    if a.total == 0 {
        return r#"<p class="muted">No action items found.</p>"#.to_string();
    }
    let open_not_due = a.total - a.done - a.overdue;
    let bands = [
        (
            "Done".to_string(),
            a.done,
            "#12b76a",
            "Done (Status column or checked box)".to_string(),
        ),
        (
            "Open, not yet due".to_string(),
            open_not_due,
            "#98a2b3",
            "Open items not past due, or without a due date".to_string(),
        ),
        (
            "Overdue < 7 days".to_string(),
            a.overdue - a.overdue_7,
            "#fec84b",
            "Past due by fewer than 7 days".to_string(),
        ),
        (
            "7–13 days".to_string(),
            a.overdue_7 - a.overdue_14,
            "#f79009",
            "Remind the owner".to_string(),
        ),
        (
            "14–29 days".to_string(),
            a.overdue_14 - a.overdue_30,
            "#dc6803",
            "Escalate to the manager".to_string(),
        ),
        (
            "30+ days".to_string(),
            a.overdue_30,
            "#b42318",
            "Review in the leadership meeting".to_string(),
        ),
    ];
    let mut out = horizontal_bars("Action items by state", &bands);
    let _ = write!(
        out,
        r#"<p class="muted">{} of {} done ({:.0}%); {} have one owner, {} a due date.</p>"#,
        a.done,
        a.total,
        a.completion_rate.unwrap_or(0.0) * 100.0,
        a.with_owner,
        a.with_due_date
    );
    out
}

fn scores_chart(p: &Portfolio) -> String {
    let bars: Vec<(String, usize, &str, String)> = p
        .score_distribution
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let color = ["#b42318", "#dc6803", "#fdb022", "#7a9ec7", "#12b76a"][i.min(4)];
            (
                format!("Score {}", b.range),
                b.postmortems,
                color,
                format!("{} postmortems scored {}", b.postmortems, b.range),
            )
        })
        .collect();
    horizontal_bars("Score distribution", &bars)
}

fn categories_chart(p: &Portfolio) -> String {
    let bars: Vec<(String, usize, &str, String)> = p
        .root_cause_categories
        .iter()
        .map(|c| {
            (
                c.category.name().to_string(),
                c.postmortems,
                "#6172f3",
                format!(
                    "{}: {} postmortems, {} causes",
                    c.definition, c.postmortems, c.causes
                ),
            )
        })
        .collect();
    horizontal_bars("Root-cause categories (postmortems)", &bars)
}

fn group_cards(out: &mut String, groups: &[CauseGroup]) {
    out.push_str(r#"<div class="recurring">"#);
    for g in groups {
        let _ = write!(
            out,
            r#"<div class="card"><h3>{} postmortems · {}</h3><div>“{}”</div>"#,
            g.postmortems,
            esc(&span(g)),
            esc(&g.label)
        );
        let (incidents, hidden) = listed(g);
        if hidden > 0 {
            let _ = write!(
                out,
                r#"<p class="muted">{hidden} earlier incidents are not listed (<code>--format json</code> has them all).</p>"#
            );
        }
        let _ = write!(out, r#"<ol start="{}">"#, hidden + 1);
        for i in incidents {
            let _ = write!(
                out,
                r#"<li><b>{}</b> {} <code>{}:{}</code><br><span class="quote">“{}”</span></li>"#,
                esc(i.date.as_deref().unwrap_or("date unknown")),
                esc(&i.title),
                esc(&i.path),
                i.line,
                esc(&i.statement)
            );
        }
        out.push_str("</ol></div>");
    }
    out.push_str("</div>");
}

pub fn render(p: &Portfolio) -> String {
    let s = &p.summary;
    let a = &s.actions;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Postmortem report — {today}</title><style>{STYLE}</style></head><body><main><h1>Postmortem report</h1><p class="sub">{n} postmortems ({dating}), as of {today}. Generated by pmlint {v}.</p>"#,
        today = esc(&p.today),
        n = s.postmortems,
        dating = esc(&dating(p)),
        v = esc(p.tool.version)
    );

    let kpi = |out: &mut String, class: &str, value: String, label: &str| {
        let _ = write!(
            out,
            r#"<div class="kpi {class}"><b>{}</b><span>{}</span></div>"#,
            esc(&value),
            esc(label)
        );
    };
    out.push_str(r#"<section class="kpis">"#);
    kpi(&mut out, "", s.postmortems.to_string(), "postmortems");
    kpi(
        &mut out,
        "",
        duration(s.mean_time_to_resolve),
        "mean time to resolve",
    );
    kpi(
        &mut out,
        "",
        duration(s.mean_time_to_detect),
        "mean time to detect",
    );
    let rate = a
        .completion_rate
        .map_or("–".to_string(), |r| format!("{:.0}%", r * 100.0));
    kpi(
        &mut out,
        if a.completion_rate.is_some_and(|r| r >= 0.8) {
            "ok"
        } else {
            "warn"
        },
        rate,
        "action items done",
    );
    kpi(
        &mut out,
        if a.overdue_30 > 0 {
            "bad"
        } else if a.overdue > 0 {
            "warn"
        } else {
            "ok"
        },
        format!("{} / {}", a.overdue_30, a.overdue),
        "overdue 30+ days / all overdue",
    );
    kpi(
        &mut out,
        if s.recurring_causes > 0 { "bad" } else { "ok" },
        s.recurring_causes.to_string(),
        "recurring causes",
    );
    out.push_str("</section>");

    out.push_str("<h2>Overdue action items</h2>");
    if p.overdue_actions.is_empty() {
        out.push_str(r#"<p class="muted">No open action item is past its due date.</p>"#);
    } else {
        out.push_str(r#"<p class="muted">Seed 001: remind the owner at 7 days overdue, escalate to the manager at 14, review in the leadership meeting at 30.</p><table><thead><tr><th class="num">Days overdue</th><th>Next step</th><th>Action</th><th>Owner</th><th>Due</th><th>Postmortem</th></tr></thead><tbody>"#);
        for o in &p.overdue_actions {
            let badge = match o.days_overdue {
                30.. => "b30",
                14.. => "b14",
                7.. => "b7",
                _ => "b0",
            };
            let _ = write!(
                out,
                r#"<tr><td class="num">{}</td><td><span class="badge {badge}">{}</span></td><td>{}</td><td>{}</td><td class="date">{}</td><td>{} <code>{}</code></td></tr>"#,
                o.days_overdue,
                escalation(o.days_overdue),
                esc(&o.action),
                o.owner.as_deref().map_or(
                    r#"<span class="score-low">no owner</span>"#.to_string(),
                    esc
                ),
                esc(&o.due),
                esc(&o.title),
                esc(&o.path)
            );
        }
        out.push_str("</tbody></table>");
    }

    out.push_str("<h2>Recurring causes</h2>");
    if p.recurring_causes.is_empty() {
        out.push_str(r#"<p class="muted">No root cause or contributing factor is alike across postmortems.</p>"#);
    } else {
        out.push_str(r#"<p class="muted">Root causes and contributing factors alike across postmortems: each group is a pattern whose earlier action items did not hold.</p>"#);
        group_cards(&mut out, &p.recurring_causes);
    }

    out.push_str(r#"<h2>Trends</h2><div class="grid">"#);
    let _ = write!(
        out,
        r#"<div class="card"><h3>Incidents per month</h3>{}</div><div class="card"><h3>Time to resolve and detect</h3>{}</div><div class="card"><h3>Action items</h3>{}</div><div class="card"><h3>Root-cause categories</h3>{}</div><div class="card"><h3>Score distribution</h3>{}</div>"#,
        incidents_chart(p),
        trend_chart(p),
        actions_chart(p),
        categories_chart(p),
        scores_chart(p)
    );
    if !s.mean_criteria.is_empty() {
        out.push_str(r#"<div class="card"><h3>Score by criterion</h3><table><thead><tr><th>Criterion</th><th class="num">Weight</th><th class="num">Mean</th></tr></thead><tbody>"#);
        for c in &s.mean_criteria {
            let _ = write!(
                out,
                r#"<tr><td>{}</td><td class="num">{}%</td><td class="num{}">{}</td></tr>"#,
                esc(c.title),
                c.weight,
                if c.mean < 60 { " score-low" } else { "" },
                c.mean
            );
        }
        out.push_str("</tbody></table></div>");
    }
    out.push_str(r#"<div class="card"><h3>Most frequent contributing factors</h3>"#);
    if p.contributing_factors.is_empty() {
        out.push_str(
            r#"<p class="muted">No contributing factor appears in more than one postmortem.</p>"#,
        );
    } else {
        out.push_str(r#"<table><thead><tr><th>Factor</th><th class="num">Postmortems</th></tr></thead><tbody>"#);
        for g in &p.contributing_factors {
            let _ = write!(
                out,
                r#"<tr><td>{}</td><td class="num">{}</td></tr>"#,
                esc(&g.label),
                g.postmortems
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</div></div>");
    if s.year_only + s.undated > 0 {
        let _ = write!(
            out,
            r#"<p class="muted">Not on the calendar: {} dated to the year only, {} with no date. Add a <code>Date:</code> line or a <code>YYYY-MM-DD-</code> file name.</p>"#,
            s.year_only, s.undated
        );
    }

    out.push_str(r#"<h2>Postmortems</h2><div class="wide"><table><thead><tr><th>Date</th><th>Postmortem</th><th>Severity</th><th>Status</th><th class="num">Duration</th><th class="num">Detect</th><th class="num">Mitigate</th><th class="num">Resolve</th><th class="num">Score</th><th>Weakest criterion</th><th class="num">Actions</th><th class="num">Owner</th><th class="num">Due date</th><th class="num">Done</th><th class="num">Overdue</th></tr></thead><tbody>"#);
    for r in &p.postmortems {
        let _ = write!(
            out,
            r#"<tr><td class="date">{}</td><td>{}<br><code>{}</code></td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num{}" title="{}">{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(r.date.as_deref().unwrap_or("date unknown")),
            esc(&r.title),
            esc(&r.path),
            esc(r.severity.as_deref().unwrap_or("–")),
            esc(r.status.as_deref().unwrap_or("–")),
            duration(r.duration),
            duration(r.time_to_detect),
            duration(r.time_to_mitigate),
            duration(r.time_to_resolve),
            if r.score < 60 { " score-low" } else { "" },
            esc(&breakdown(&r.criteria)),
            r.score,
            r.weakest().map_or("–".to_string(), |c| format!(
                "{} {}<br><span class=\"muted\">{}</span>",
                esc(c.title),
                c.score,
                esc(&c.reason)
            )),
            r.actions.total,
            r.actions.with_owner,
            r.actions.with_due_date,
            r.actions.done,
            r.actions.overdue
        );
    }
    out.push_str("</tbody></table></div>");
    if !p.failures.is_empty() {
        out.push_str("<h2>Not read</h2><table><tbody>");
        for f in &p.failures {
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td></tr>",
                esc(&f.path),
                esc(&f.message)
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</main></body></html>\n");
    out
}
