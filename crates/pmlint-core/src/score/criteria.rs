//! The seven criteria, each a pure function from the [`Evidence`] to a value out of
//! ten and a one-line reason. Each starts from what is written (nothing written is 0)
//! and adds for the evidence a reviewer looks for; findings of its family lower it.
//! The constants are per criterion, never per document (see docs/score.md).

use super::evidence::Evidence;
use crate::document::{owner_kind, ActionItem, OwnerKind, Slot};
use crate::rules::Family;
use regex::Regex;
use std::sync::LazyLock;

/// A criterion's value out of ten with why.
pub(super) struct Verdict {
    pub value: f64,
    pub reason: String,
}

fn verdict(value: f64, reason: impl Into<String>) -> Verdict {
    Verdict {
        value: value.clamp(0.0, 10.0),
        reason: reason.into(),
    }
}

/// `x / full`, capped at 1: how far along a ramp the evidence is.
fn ramp(x: f64, full: f64) -> f64 {
    (x / full).min(1.0)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn summary(ev: &Evidence) -> Verdict {
    let own = ev.ranges(Slot::Summary);
    let labelled = ev.words(&own) > 0;
    let ranges = if labelled { own } else { vec![ev.intro()] };
    let words = ev.words(&ranges);
    if words == 0 {
        return verdict(0.0, "no summary");
    }
    // A summary the reader can find by its heading is worth more than an opening.
    let mut value = 2.0 + 4.0 * ramp(words as f64, 50.0);
    if labelled {
        value += 2.0;
    }
    if ev.measures(&ranges) > 0 {
        value += 1.0;
    }
    let too_long = ev.count("S006") > 0;
    if too_long {
        value -= 1.5;
    }
    let what = if labelled {
        "a summary"
    } else {
        "an opening paragraph (no summary section)"
    };
    let tail = if too_long { ", too long" } else { "" };
    verdict(value, format!("{what} of {words} words{tail}"))
}

pub(super) fn impact(ev: &Evidence) -> Verdict {
    let own = ev.ranges(Slot::Impact);
    let words = ev.words(&own);
    let vague = ev.count("I002");
    if words == 0 {
        // Impact told in passing, with no impact section, is worth less.
        let measures = ev.measures(&ev.whole());
        let labelled = ev.words(&ev.impact_lines());
        if measures == 0 && labelled == 0 {
            return verdict(0.0, "no impact written");
        }
        // A labelled line ("User impact: …") says who was affected, as a section would.
        let stated = if labelled > 0 {
            1.0 + 1.5 * ramp(labelled as f64, 20.0)
        } else {
            0.0
        };
        let what = if labelled > 0 {
            "an impact line, no impact section"
        } else {
            "no impact section"
        };
        return verdict(
            1.0 + stated + 0.5 * measures.min(5) as f64,
            format!(
                "{what}; {} elsewhere",
                plural(measures, "measured quantity", "measured quantities")
            ),
        );
    }
    // The summary often states the numbers the impact section describes.
    let mut stated = own;
    stated.extend(ev.ranges(Slot::Summary));
    stated.push(ev.intro());
    let measures = ev.measures(&stated);
    let value = 3.0 + ramp(words as f64, 40.0) + 1.3 * measures.min(4) as f64 - 0.5 * vague as f64;
    let reason = if measures == 0 {
        "impact described but not quantified".to_string()
    } else {
        plural(measures, "measured quantity", "measured quantities")
            + " (users, requests, duration, money, SLO)"
    };
    let reason = if vague > 0 {
        format!(
            "{reason}; {}",
            plural(vague, "vague quantity", "vague quantities")
        )
    } else {
        reason
    };
    verdict(value, reason)
}

pub(super) fn timeline(ev: &Evidence) -> Verdict {
    let own = ev.ranges(Slot::Timeline);
    let words = ev.words(&own);
    // Timestamped entries outside a timeline section ("Leadup", a narrative) still
    // make a timeline; then only lines that start with a time count.
    let written = if words > 0 {
        ev.stamps(&own, false)
    } else {
        ev.stamps(&ev.whole(), true)
    };
    let model = &ev.doc.timeline;
    let timed = written
        .timed
        .max(model.entries.iter().filter(|e| e.time.is_some()).count());
    let dated = written.dated.max(
        model
            .entries
            .iter()
            .filter(|e| e.time.is_none() && e.date.is_some())
            .count(),
    );
    if timed + dated < 2 {
        let narrative = 2.0 * ramp(words as f64, 40.0);
        let reason = match (timed + dated, words) {
            (0, 0) => "no timeline",
            (_, 0) => "a single timestamp, no timeline",
            _ => "a timeline without timestamps",
        };
        return verdict(narrative + (timed + dated) as f64, reason);
    }
    // A date-only entry places an event as a reviewer reads it; a zone matters as soon
    // as anything is stamped ("0616" in a "Timeline (UTC)" is a time the model may miss).
    let stamped = (timed + dated) as f64;
    let zoned = model.has_zone() || written.zone;
    let mut value = 3.0 + 0.5 * stamped.min(8.0);
    if zoned {
        value += 2.0;
    }
    let milestones = ev.count("T003") == 0;
    if milestones {
        value += 1.0;
    }
    // The missing zone is already counted above.
    value -= ev.cost(Family::Timeline, &["T002", "T004", "T005"]);
    let mut reason = plural(timed, "timestamp", "timestamps");
    if dated > 0 {
        reason += &format!(", {dated} dated only");
    }
    reason += if zoned {
        ", with a time zone"
    } else {
        ", no time zone"
    };
    if words == 0 {
        reason += ", no timeline section";
    }
    if !milestones {
        reason += ", milestones missing";
    }
    verdict(value, reason)
}

/// Conditions of the system rather than of a moment: what let the trigger do harm.
static SYSTEMIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:process(?:es)?|tests?|testing|coverage|monitor(?:ing|ed)?|alert(?:s|ing)?|review(?:s|ed)?|documentation|documented|runbooks?|design|architecture|automation|automated|validation|validate[ds]?|checks?|safeguards?|guardrails?|staging|rollout|canary|capacity|limits?|quotas?|dependenc(?:y|ies)|ownership|training|on-?boarding|configuration|observability|visibility|assumptions?)(?-u:\b)")
        .expect("systemic pattern")
});
/// A step from an effect to its cause.
static CAUSAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:because|due\s+to|caused|causing|led\s+to|leading\s+to|result(?:ed)?\s+in|as\s+a\s+result|which\s+meant|triggered|so\s+that|therefore|since|so)(?-u:\b)")
        .expect("causal pattern")
});
/// A cause not found.
static UNKNOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:root\s+)?cause\s+(?:is\s+|was\s+|remains\s+)?(?:still\s+)?(?:unknown|unclear|not\s+(?:yet\s+)?(?:known|determined|identified|clear))|(?:we|i)\s+(?:do\s+not|don't|still\s+don't)\s+know\s+(?:why|what)|to\s+be\s+(?:determined|filled\s+in|investigated)|to\s+fill\s+in)")
        .expect("unknown pattern")
});
/// A cause only guessed at, read where the cause is stated (elsewhere "I think" is
/// someone's thought during the response).
static GUESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:i\s+(?:believe|think|suspect|guess)|(?:can't|cannot)\s+say\s+for\s+sure|not\s+sure|hypothes[ie]s|possibly|probably|might\s+have)(?-u:\b)")
        .expect("guess pattern")
});

pub(super) fn root_cause(ev: &Evidence) -> Verdict {
    let own = ev.ranges(Slot::RootCause);
    let words = ev.words(&own);
    // The analysis is read in the whole document: contributing conditions are often
    // explained in the narrative, the detection story or the lessons. A cause section
    // of its own is worth more, as the reader finds the cause where it is looked for.
    let whole = ev.whole();
    let text = ev.lower(&whole);
    let steps = CAUSAL.find_iter(&text).count();

    let mut systemic: Vec<String> = SYSTEMIC
        .find_iter(&text)
        .map(|m| m.as_str().trim_end_matches('s').to_string())
        .collect();
    systemic.sort();
    systemic.dedup();
    if words == 0 && steps == 0 && systemic.is_empty() {
        return verdict(0.0, "no root cause");
    }
    let whys = ev
        .doc
        .why_chains
        .iter()
        .map(|c| c.steps.iter().filter(|s| s.is_answered()).count())
        .max()
        .unwrap_or(0);
    let factors = ev.has_section(Slot::ContributingFactors);
    // Whether the cause was found is read where the cause is stated.
    let unknown = UNKNOWN.is_match(&text) || words > 0 && GUESS.is_match(&ev.lower(&own));
    let mut value = 0.5
        + 2.5 * ramp(words as f64, 150.0)
        + 0.4 * systemic.len().min(10) as f64
        + 0.2 * steps.min(10) as f64
        + 0.3 * whys.min(5) as f64;
    if factors {
        value += 1.0;
    }
    if unknown {
        value -= 2.0;
    }
    // A chain that stops at a person or at the trigger is the analysis not done.
    const CHAIN: [&str; 5] = ["W001", "W002", "W003", "W004", "W005"];
    value -= 2.0 * ev.cost(Family::Causes, &CHAIN);
    let chain_findings: usize = CHAIN.iter().map(|code| ev.count(code)).sum();
    let mut parts = vec![if words == 0 {
        "no root-cause section".to_string()
    } else {
        format!("a root cause of {words} words")
    }];
    if factors {
        parts.push("contributing factors".into());
    }
    if whys > 0 {
        parts.push(format!("{whys} answered whys"));
    }
    parts.push(plural(systemic.len(), "systemic condition", "systemic conditions") + " named");
    if unknown {
        parts.push("the cause is unknown or guessed".into());
    }
    if chain_findings > 0 {
        parts.push(plural(
            chain_findings,
            "why-chain finding",
            "why-chain findings",
        ));
    }
    verdict(value, parts.join(", "))
}

pub(super) fn blameless(ev: &Evidence) -> Verdict {
    let words = ev.words(&ev.whole());
    if words == 0 {
        return verdict(0.0, "nothing written");
    }
    let findings = ev.cost(Family::Blame, &[]);
    let count = ev
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('B'))
        .count();
    // A few lines are too little to show a blameless stance.
    let value = (9.5 - 2.0 * findings) * ramp(words as f64, 100.0);
    let reason = if count == 0 {
        "no blaming language".to_string()
    } else {
        plural(count, "blaming phrase", "blaming phrases")
    };
    verdict(value, reason)
}

static TRACKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://|(?:^|\s|\()#\d+|(?-u:\b)[A-Z][A-Z0-9]{1,9}-\d+(?-u:\b)")
        .expect("tracked pattern")
});
static LINK_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://\S+|#\d+|\[|\]\([^)]*\)").expect("link text"));

pub(super) fn action_items(ev: &Evidence) -> Verdict {
    // A row of placeholders ("[Action item 1] | @[name]") is nothing written.
    let items: Vec<&ActionItem> = ev
        .doc
        .action_items
        .iter()
        .filter(|a| ev.words(std::slice::from_ref(&a.action.range)) > 0)
        .collect();
    if items.is_empty() {
        let words = ev.words(&ev.ranges(Slot::ActionItems));
        if words == 0 {
            return verdict(0.0, "no action items");
        }
        return verdict(
            2.0 * ramp(words as f64, 30.0),
            "follow-up written as prose, not as items",
        );
    }
    let badly_owned = Overlaps::of(ev, &["A002", "A003"]);
    let vague = Overlaps::of(ev, &["A005", "A006"]);
    let n = items.len();
    let mut owned = 0;
    let mut dated = 0;
    let mut tracked = 0;
    let mut specific = 0;
    for &item in &items {
        let owner_ok = item
            .owner
            .as_ref()
            .is_some_and(|o| owner_kind(&o.text, &[]) != OwnerKind::Placeholder)
            && !badly_owned.touch(&item.range);
        owned += usize::from(owner_ok);
        dated += usize::from(item.due.is_some());
        tracked += usize::from(
            item.ticket.is_some() || TRACKED.is_match(&ev.doc.text[item.range.clone()]),
        );
        let described = LINK_TEXT.replace_all(&item.action.text, " ");
        let words = described
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        specific += usize::from(words >= 4 && !vague.touch(&item.range));
    }
    let share = |k: usize| k as f64 / n as f64;
    // Ownership and tracking are what make an item happen; a specific wording alone
    // does not.
    let mut value = 1.0
        + 1.5 * ramp(n as f64, 4.0)
        + 1.5 * share(specific)
        + 2.5 * share(owned)
        + 1.0 * share(dated)
        + 2.5 * share(tracked);
    let untied = ev.count("W006");
    value -= 0.5 * untied.min(2) as f64;
    let mut reason = format!(
        "{owned} of {n} action items have an owner, {dated} a due date, {tracked} a ticket; {specific} specific"
    );
    if untied > 0 {
        reason += &format!("; {} without an action", plural(untied, "cause", "causes"));
    }
    verdict(value, reason)
}

/// The findings of some rules, for asking which items they touch: sorted by start, with
/// the furthest end reached so far, so that each question is a binary search rather than
/// a scan of every finding.
struct Overlaps {
    /// (start, the furthest end of the findings up to this one); an empty finding counts
    /// as one byte long.
    reach: Vec<(usize, usize)>,
}

impl Overlaps {
    fn of(ev: &Evidence, codes: &[&str]) -> Self {
        let mut spans: Vec<(usize, usize)> = ev
            .diagnostics
            .iter()
            .filter(|d| codes.contains(&d.code))
            .map(|d| (d.range.start, d.range.end.max(d.range.start + 1)))
            .collect();
        spans.sort_unstable();
        let mut furthest = 0;
        for span in &mut spans {
            furthest = furthest.max(span.1);
            span.1 = furthest;
        }
        Overlaps { reach: spans }
    }

    /// Whether a finding overlaps `range`.
    fn touch(&self, range: &std::ops::Range<usize>) -> bool {
        let before_end = self.reach.partition_point(|&(start, _)| start < range.end);
        before_end > 0 && self.reach[before_end - 1].1 > range.start
    }
}

pub(super) fn lessons(ev: &Evidence) -> Verdict {
    let ranges = ev.ranges(Slot::LessonsLearned);
    let words = ev.words(&ranges);
    if words == 0 {
        return verdict(0.0, "no lessons");
    }
    let kinds: Vec<&str> = [
        (Slot::WhatWentWell, "went well"),
        (Slot::WhatWentWrong, "went poorly"),
        (Slot::WhereWeGotLucky, "lucky"),
    ]
    .into_iter()
    .filter(|(slot, _)| {
        ev.doc
            .sections_in(*slot)
            .any(|(i, _)| ev.doc.section_has_content(i))
    })
    .map(|(_, name)| name)
    .collect();
    let value = 2.0 + 4.0 * ramp(words as f64, 150.0) + 1.3 * kinds.len() as f64;
    let reason = if kinds.is_empty() {
        format!("lessons in {words} words")
    } else {
        format!("{} ({words} words)", kinds.join(", "))
    };
    verdict(value, reason)
}
