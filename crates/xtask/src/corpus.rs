//! `cargo xtask corpus`: a deterministic generator of realistic postmortems (varied
//! templates, heading styles, defects and lengths) for benchmarks and scale tests.
//! Same seed, same files, on every machine: a fixed-seed SplitMix64, no `rand`.

use std::path::PathBuf;

/// SplitMix64: tiny, fast, and well distributed enough for picking words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SERVICES: &[&str] = &[
    "checkout",
    "login",
    "search",
    "payments",
    "notifications",
    "ledger",
    "CDN",
    "matchmaking",
    "billing",
    "DNS",
];
const FAILURES: &[&str] = &[
    "connection pool exhaustion",
    "certificate expiry",
    "replica lag",
    "bad config push",
    "disk full",
    "memory leak",
    "thundering herd",
    "expired token",
    "schema migration",
    "cache stampede",
];
const PEOPLE: &[&str] = &[
    "@maria", "@ravi", "@li.wei", "@sam", "@aylin", "@kenji", "@priya", "@tomas",
];
const TEAMS: &[&str] = &["SRE team", "platform", "everyone", "TBD", "@db-team"];
const SYSTEM_SENTENCES: &[&str] = &[
    "The deploy pipeline promoted the release without waiting for the canary analysis.",
    "The alert did not fire because its threshold was above the saturation point.",
    "Retries from clients doubled the load on the remaining replicas.",
    "The runbook described an older topology, so diagnosis took longer.",
    "Autoscaling added capacity, but new pods failed their readiness checks.",
];
const BLAME_SENTENCES: &[&str] = &[
    "The on-call engineer forgot to check the dashboard.",
    "It was human error, plain and simple.",
    "Obviously the change should have been tested first!!!",
    "Who approved this change?",
    "The intern didn't follow the runbook.",
];
const GOOD_ACTIONS: &[&str] = &[
    "Add an alert when pool utilisation exceeds 80% for 5 minutes",
    "Set a 5-second statement timeout on the orders database",
    "Block deploys when migrations are pending",
    "Document the failover procedure in the database runbook",
    "Automate certificate renewal for the public endpoints",
];
const VAGUE_ACTIONS: &[&str] = &[
    "Improve monitoring",
    "Look into better testing",
    "Be more careful with deploys",
    "Review the process",
    "Consider adding alerts",
];

/// One postmortem of about `target_lines` lines (at least the skeleton).
pub fn postmortem(seed: u64, index: usize, target_lines: usize) -> String {
    let mut rng = Rng(seed ^ (index as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let service = rng.pick(SERVICES);
    let failure = rng.pick(FAILURES);
    let day = 1 + rng.below(28);
    let month = 1 + rng.below(12);
    let date = format!("2025-{month:02}-{day:02}");
    let mut out = String::new();
    let setext = rng.chance(15);
    let heading = |out: &mut String, text: &str| {
        if setext {
            out.push_str(&format!("{text}\n{}\n\n", "-".repeat(text.len())));
        } else {
            out.push_str(&format!("## {text}\n\n"));
        }
    };
    out.push_str(&format!("# Postmortem: {service} {failure}\n\n"));
    if rng.chance(80) {
        out.push_str(&format!(
            "**Date:** {date}  \n**Severity:** SEV{}  \n",
            1 + rng.below(3)
        ));
    }
    if rng.chance(70) {
        out.push_str(&format!(
            "**Status:** {}  \n**Owner:** {}\n\n",
            rng.pick(&["Final", "Draft", "In Review"]),
            rng.pick(PEOPLE)
        ));
    }
    heading(
        &mut out,
        rng.pick(&["Summary", "Executive Summary", "TL;DR", "Overview"]),
    );
    out.push_str(&format!(
        "The {service} service was degraded because of {failure}. "
    ));
    out.push_str(if rng.chance(50) {
        "Many customers were affected for an extended period.\n\n"
    } else {
        "4,210 requests failed over 37 minutes.\n\n"
    });
    if rng.chance(85) {
        heading(
            &mut out,
            rng.pick(&["Impact", "Customer Impact", "Severity & Impact"]),
        );
        out.push_str(&format!(
            "- {}% of {service} requests failed.\n- {} support tickets were filed.\n\n",
            1 + rng.below(90),
            rng.below(500)
        ));
    }
    heading(&mut out, "Timeline");
    if rng.chance(70) {
        out.push_str("All times in UTC.\n\n");
    }
    let entries = 4 + rng.below(6);
    let mut minute = 600 + rng.below(600);
    let mut timeline = String::from("| Time | Event |\n|------|-------|\n");
    for i in 0..entries {
        minute += 1 + rng.below(20);
        let event = if rng.chance(10) {
            rng.pick(BLAME_SENTENCES)
        } else {
            rng.pick(SYSTEM_SENTENCES)
        };
        timeline.push_str(&format!(
            "| {:02}:{:02} | {} {event} |\n",
            minute / 60 % 24,
            minute % 60,
            ["Detected:", "Acknowledged:", "Mitigated:", "Resolved:", ""][i.min(4)]
        ));
    }
    out.push_str(&timeline);
    out.push('\n');
    heading(
        &mut out,
        rng.pick(&["Root Cause", "Root Cause Analysis", "Contributing Factors"]),
    );
    let depth = 1 + rng.below(6);
    out.push_str("### 5 Whys\n\n");
    for i in 1..=depth {
        out.push_str(&format!(
            "{i}. **Why did step {i} of the {failure} happen?**\n   - Because {}\n",
            rng.pick(SYSTEM_SENTENCES).to_lowercase()
        ));
    }
    out.push_str(&format!(
        "\n**Root Cause:** {}\n\n",
        if rng.chance(20) {
            "Human error."
        } else {
            "The deploy process lacks a verification step."
        }
    ));
    for _ in 0..rng.below(3) {
        out.push_str(rng.pick(BLAME_SENTENCES));
        out.push(' ');
        out.push_str(rng.pick(SYSTEM_SENTENCES));
        out.push_str("\n\n");
    }
    heading(
        &mut out,
        rng.pick(&["Action Items", "Follow-ups", "Next steps"]),
    );
    let actions = 2 + rng.below(6);
    if rng.chance(60) {
        out.push_str(
            "| Action | Owner | Due date | Priority |\n|--------|-------|----------|----------|\n",
        );
        for _ in 0..actions {
            let vague = rng.chance(30);
            let action = if vague {
                rng.pick(VAGUE_ACTIONS)
            } else {
                rng.pick(GOOD_ACTIONS)
            };
            let owner = if rng.chance(25) {
                rng.pick(TEAMS)
            } else {
                rng.pick(PEOPLE)
            };
            let due = if rng.chance(20) {
                "soon".to_string()
            } else {
                format!("2025-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))
            };
            out.push_str(&format!(
                "| {action} | {owner} | {due} | P{} |\n",
                rng.below(4)
            ));
        }
    } else {
        for _ in 0..actions {
            let action = if rng.chance(30) {
                rng.pick(VAGUE_ACTIONS)
            } else {
                rng.pick(GOOD_ACTIONS)
            };
            out.push_str(&format!(
                "- [ ] {action} ({}, due 2025-{:02}-{:02})\n",
                rng.pick(PEOPLE),
                1 + rng.below(12),
                1 + rng.below(28)
            ));
        }
    }
    out.push('\n');
    // Long documents grow the way real ones do: an appendix of narrative and log excerpts.
    let mut lines = out.lines().count();
    if lines < target_lines {
        out.push_str("## Appendix\n\n");
        lines += 2;
        let mut n = 0;
        while lines < target_lines {
            n += 1;
            if n % 7 == 0 {
                out.push_str("```\n2025-01-15 14:05:23 ERROR connection pool exhausted: 50/50 active\n```\n\n");
                lines += 4;
            } else {
                out.push_str(rng.pick(SYSTEM_SENTENCES));
                out.push(' ');
                out.push_str(rng.pick(SYSTEM_SENTENCES));
                out.push_str("\n\n");
                lines += 2;
            }
        }
    }
    out
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut count = 2000usize;
    let mut lines = 0usize;
    let mut seed = 42u64;
    let mut out = crate::tools::root().join("target/corpus");
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--count" => count = value()?.parse().map_err(|e| format!("--count: {e}"))?,
            "--lines" => lines = value()?.parse().map_err(|e| format!("--lines: {e}"))?,
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => out = PathBuf::from(value()?),
            other => return Err(format!("unknown corpus option {other}")),
        }
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for i in 0..count {
        let path = out.join(format!("postmortem-{i:05}.md"));
        std::fs::write(&path, postmortem(seed, i, lines))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    eprintln!("wrote {count} postmortems to {}", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_deterministic_varied_and_sized() {
        assert_eq!(postmortem(7, 3, 0), postmortem(7, 3, 0));
        assert_ne!(postmortem(7, 3, 0), postmortem(7, 4, 0));
        let long = postmortem(7, 3, 5000);
        assert!(
            (5000..5010).contains(&long.lines().count()),
            "{}",
            long.lines().count()
        );
        let report = pmlint_core::lint(&long, &pmlint_core::Settings::default());
        assert!(report
            .diagnostics
            .iter()
            .all(|d| d.code != "S001" || !d.message.contains("Timeline")));
    }
}
