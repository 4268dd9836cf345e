//! End-to-end tests of the `pmlint` binary: formats, exit codes, stdin, suppressions,
//! config discovery, fixes, and every kind of bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn pmlint() -> Command {
    Command::cargo_bin("pmlint").expect("the pmlint binary builds")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

const EXEMPLARY: &str = "2025-01-15-checkout-db-pool-postmortem.md";
const BAD: &str = "incident-report-payments-outage.md";

/// A postmortem with one finding of each severity kind the structure rules give.
const MISSING_IMPACT: &str = "# Postmortem: Queue backlog\n\n**Date:** 2025-01-10  \n**Severity:** SEV3  \n**Status:** Final  \n**Owner:** @ana\n\n## Summary\n\nThe queue backed up for 20 minutes.\n\n## Timeline\n\n- 10:00 UTC backlog starts\n\n## Root Cause\n\nConsumers had no autoscaling policy.\n\n## Action Items\n\n- Add an autoscaling policy to the consumers (@ana, due 2025-01-20)\n";

fn json_of(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).expect("valid JSON output")
}

#[test]
fn exemplary_example_is_clean_and_exits_zero() {
    pmlint()
        .args(["check", "--today", "2025-01-20"])
        .arg(examples().join(EXEMPLARY))
        .assert()
        .success()
        .stdout(predicate::str::contains("All checks passed (1 postmortem)"));
}

#[test]
fn errors_exit_one_and_text_shows_the_underlined_source() {
    pmlint()
        .args(["check", "--color", "never"])
        .arg(examples().join(BAD))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[S001] Missing required section: Impact",
        ))
        .stdout(predicate::str::contains(
            "1 | # Incident report: payments down",
        ))
        .stdout(predicate::str::contains("  ^^^^"));
}

#[test]
fn max_warnings_turns_warnings_into_failure() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("postmortem.md");
    std::fs::write(
        &file,
        MISSING_IMPACT.replace(
            "**Status:** Final",
            "**Status:** Final\n\nStatus report: TODO",
        ),
    )
    .unwrap();
    pmlint()
        .args(["check", "--today", "2025-01-12"])
        .arg(&file)
        .assert()
        .code(1);
    let clean = MISSING_IMPACT.replace(
        "## Timeline",
        "## Impact\n\n120 orders were delayed by 20 minutes.\n\n## Timeline",
    );
    std::fs::write(&file, clean.replace("Consumers had", "TODO: consumers had")).unwrap();
    pmlint()
        .args(["check", "--today", "2025-01-12"])
        .arg(&file)
        .assert()
        .success();
    pmlint()
        .args(["check", "--today", "2025-01-12", "--max-warnings", "0"])
        .arg(&file)
        .assert()
        .code(1);
}

#[test]
fn json_output_is_versioned_with_lines_columns_offsets_and_fixes() {
    let out = pmlint()
        .args(["check", "--format", "json"])
        .arg(examples().join(BAD))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out.stdout);
    assert_eq!(json["version"], 2);
    assert_eq!(json["tool"]["name"], "pmlint");
    let file = &json["files"][0];
    assert!(file["path"].as_str().unwrap().ends_with(BAD));
    assert!(file["score"]["total"].as_u64().unwrap() <= 40);
    let criteria = file["score"]["criteria"].as_array().unwrap();
    let keys: Vec<&str> = criteria
        .iter()
        .map(|c| c["criterion"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "summary",
            "impact",
            "timeline",
            "root_cause",
            "blameless",
            "action_items",
            "lessons"
        ]
    );
    assert!(criteria
        .iter()
        .all(|c| c["score"].as_u64().unwrap() <= 100 && !c["reason"].as_str().unwrap().is_empty()));
    let weights: u64 = criteria.iter().map(|c| c["weight"].as_u64().unwrap()).sum();
    assert_eq!(weights, 100);
    let s001 = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "S001")
        .expect("an S001");
    assert_eq!(s001["range"]["start"]["line"], 1);
    assert_eq!(s001["range"]["start"]["column"], 3);
    assert_eq!(s001["range"]["start"]["offset"], 2);
    assert_eq!(s001["fixes"][0]["applicability"], "safe");
    assert!(s001["fixes"][0]["edits"][0]["replacement"]
        .as_str()
        .unwrap()
        .contains("## Impact"));
    assert!(json["summary"]["errors"].as_u64().unwrap() >= 1);
}

#[test]
fn sarif_output_is_a_valid_2_1_0_log_with_rule_metadata() {
    let out = pmlint()
        .args(["check", "--format", "sarif"])
        .arg(examples().join(BAD))
        .output()
        .unwrap();
    let sarif = json_of(&out.stdout);
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "pmlint");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "S001"
        && r["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("Why it matters")));
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "S001")
        .unwrap();
    assert_eq!(result["level"], "error");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "S001");
}

#[test]
fn github_output_is_workflow_annotations() {
    pmlint()
        .args(["check", "--format", "github"])
        .arg(examples().join(BAD))
        .assert()
        .code(1)
        .stdout(predicate::str::is_match(r"(?m)^::error file=[^,]*incident-report-payments-outage\.md,line=1,col=3,endLine=1,endColumn=\d+,title=pmlint S001 missing-section::Missing required section: Impact").unwrap());
}

#[test]
fn junit_output_lists_findings_as_failures() {
    let out = pmlint()
        .args(["check", "--format", "junit"])
        .arg(examples().join(BAD))
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.starts_with("<?xml"));
    assert!(xml.contains("<testsuites name=\"pmlint\""));
    assert!(xml.contains("<failure type=\"error\" message=\"Missing required section: Impact\""));
    assert!(xml.trim_end().ends_with("</testsuites>"));
}

#[test]
fn stdin_is_linted_with_its_stand_in_filename() {
    pmlint()
        .args([
            "check",
            "-",
            "--stdin-filename",
            "docs/pm.md",
            "--format",
            "json",
        ])
        .write_stdin(MISSING_IMPACT)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"path\": \"docs/pm.md\""))
        .stdout(predicate::str::contains("Missing required section: Impact"));
}

#[test]
fn inline_suppressions_silence_findings_in_their_scope() {
    let suppressed = format!("<!-- pmlint-disable-file S001 -->\n{MISSING_IMPACT}");
    pmlint()
        .args(["check", "-", "--today", "2025-01-12"])
        .write_stdin(suppressed)
        .assert()
        .success();
    let by_name = format!("<!-- pmlint-disable-file missing-section -->\n{MISSING_IMPACT}");
    pmlint()
        .args(["check", "-", "--today", "2025-01-12"])
        .write_stdin(by_name)
        .assert()
        .success();
    let other_rule = format!("<!-- pmlint-disable-file S002 -->\n{MISSING_IMPACT}");
    pmlint()
        .args(["check", "-", "--today", "2025-01-12"])
        .write_stdin(other_rule)
        .assert()
        .code(1);
}

#[test]
fn config_is_discovered_upward_from_each_file_not_the_cwd() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("team/postmortems/2025");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(nested.join("queue.md"), MISSING_IMPACT).unwrap();
    std::fs::write(
        dir.path().join("team/.pmlint.toml"),
        "[rules]\nmissing-section = \"warning\"\n",
    )
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    pmlint()
        .current_dir(elsewhere.path())
        .args(["check", "--today", "2025-01-12", "--color", "never"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("warning[S001]"));
}

#[test]
fn a_bad_config_names_file_line_and_key_and_other_files_are_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a")).unwrap();
    std::fs::create_dir_all(dir.path().join("b")).unwrap();
    std::fs::write(
        dir.path().join("a/.pmlint.toml"),
        "profile = \"default\"\n[rules]\nB999 = \"off\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a/postmortem.md"), MISSING_IMPACT).unwrap();
    std::fs::write(dir.path().join("b/postmortem.md"), MISSING_IMPACT).unwrap();
    pmlint()
        .args(["check", "--color", "never"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::is_match(r"pmlint: .*a/\.pmlint\.toml: invalid configuration: line 3, column 1: unknown rule `B999`").unwrap())
        .stdout(predicate::str::contains("b/postmortem.md"));
}

#[test]
fn bad_inputs_each_get_one_clear_line_and_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("binary.md"), b"# T\0\x01\x02").unwrap();
    std::fs::write(p.join("latin1.md"), b"# Caf\xe9 outage\n").unwrap();
    std::fs::write(p.join("empty.md"), b"").unwrap();
    std::fs::write(p.join("good-postmortem.md"), MISSING_IMPACT).unwrap();
    let assert = pmlint()
        .args(["check", "--color", "never"])
        .arg(p.join("binary.md"))
        .arg(p.join("latin1.md"))
        .arg(p.join("empty.md"))
        .arg(p.join("missing.md"))
        .arg(p.join("good-postmortem.md"))
        .assert()
        .code(2);
    let out = assert.get_output();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "binary.md: binary file (contains NUL bytes), not Markdown",
        "latin1.md: not valid UTF-8 (first bad byte at offset 5)",
        "empty.md: file is empty",
        "missing.md: no such file or directory",
    ] {
        assert_eq!(
            stderr.matches(expected).count(),
            1,
            "{expected} in:\n{stderr}"
        );
    }
    assert!(String::from_utf8_lossy(&out.stdout).contains("good-postmortem.md: score"));
}

#[test]
fn a_broken_config_flag_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("pmlint.toml");
    std::fs::write(&config, "profile = 3\n").unwrap();
    pmlint()
        .args(["check", "--config"])
        .arg(&config)
        .arg(examples().join(EXEMPLARY))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "pmlint.toml:1:11: invalid type: integer `3`, expected a string",
        ));
    pmlint()
        .args(["check", "--today", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--today"));
    pmlint().args(["check", "--format", "xml"]).assert().code(2);
}

#[test]
fn directories_are_walked_for_postmortems_only_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("README.md"),
        "# Tool\n\n## Impact of the change on metrics\n\nNone.\n",
    )
    .unwrap();
    std::fs::create_dir_all(p.join("incidents")).unwrap();
    std::fs::write(p.join("incidents/queue.md"), MISSING_IMPACT).unwrap();
    std::fs::write(p.join("incidents/ignored.md"), MISSING_IMPACT).unwrap();
    std::fs::write(p.join(".gitignore"), "incidents/ignored.md\n").unwrap();
    let out = pmlint()
        .args(["check", "--format", "json"])
        .arg(p)
        .output()
        .unwrap();
    let json = json_of(&out.stdout);
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("incidents/queue.md"));
}

#[test]
fn fix_applies_safe_fixes_atomically_and_the_result_lints_clean_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("postmortem.md");
    std::fs::write(&file, MISSING_IMPACT).unwrap();
    pmlint()
        .args([
            "check",
            "--fix",
            "--color",
            "never",
            "--today",
            "2025-01-12",
        ])
        .arg(&file)
        .assert()
        .stdout(predicate::str::contains("(1 fixed)"));
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert!(fixed.contains("## Impact\n\n<!--"), "{fixed}");
    assert!(fixed.find("## Impact").unwrap() < fixed.find("## Timeline").unwrap());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    pmlint()
        .args(["check", "--format", "json", "--today", "2025-01-12"])
        .arg(&file)
        .assert()
        .stdout(predicate::str::contains("S001").not())
        .stdout(predicate::str::contains("Section `Impact` is empty"));
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    pmlint()
        .args(["check", "-", "--fix"])
        .write_stdin(MISSING_IMPACT)
        .assert()
        .stdout(predicate::str::contains("## Impact\n\n<!--"))
        .stdout(predicate::str::contains("# Postmortem: Queue backlog"));
}

#[test]
fn rules_explain_and_init_serve_authors() {
    let out = pmlint()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules = json_of(&out.stdout);
    assert!(rules
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "S001" && r["docs"]["why"].is_string()));
    pmlint()
        .args(["rules"])
        .assert()
        .success()
        .stdout(predicate::str::contains("S001  missing-section"));
    pmlint()
        .args(["explain", "missing-section"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## Why it matters"));
    pmlint()
        .args(["explain", "s001"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# S001 missing-section"));
    pmlint()
        .args(["explain", "S9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `S9`"));

    let dir = tempfile::tempdir().unwrap();
    // Missing folders are created, as for the README's `postmortems/checkout.md`.
    let file = dir.path().join("postmortems/2025/new.md");
    pmlint()
        .args([
            "init",
            "--profile",
            "sre-book",
            "--title",
            "Queue backlog",
            "--date",
            "2025-01-10",
            "--severity",
            "SEV3",
        ])
        .arg(&file)
        .assert()
        .success();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# Postmortem: Queue backlog\n"));
    for heading in [
        "## Detection",
        "## Resolution",
        "## Lessons Learned",
        "## Action Items",
    ] {
        assert!(text.contains(heading), "{heading} in {text}");
    }
    pmlint()
        .args(["init"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "an existing file is never overwritten"
    );
    pmlint()
        .current_dir(dir.path())
        .args([
            "init",
            "-",
            "--profile",
            "pagerduty",
            "--title",
            "Queue backlog",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Postmortem: Queue backlog\n"));
    assert!(!dir.path().join("-").exists(), "`-` means stdout");
    pmlint()
        .args(["init", "--profile", "nope"])
        .arg(dir.path().join("x.md"))
        .assert()
        .code(2);
    // A fresh template has no missing sections, only empty ones to fill.
    let out = pmlint()
        .args(["check", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let json = json_of(&out.stdout);
    let codes: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"S001"), "{codes:?}");
    assert!(codes.contains(&"S002"), "{codes:?}");
}

#[test]
fn baseline_hides_known_findings_but_not_new_ones_even_when_lines_move() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("postmortem.md");
    let baseline = dir.path().join(".pmlint-baseline.json");
    std::fs::write(&file, MISSING_IMPACT).unwrap();
    pmlint()
        .args(["check", "--today", "2025-01-12", "--write-baseline"])
        .arg(&baseline)
        .arg(&file)
        .assert()
        .success();
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(recorded["version"], 1);
    assert!(recorded["findings"][0]["fingerprint"].is_string());
    pmlint()
        .args(["check", "--today", "2025-01-12", "--baseline"])
        .arg(&baseline)
        .arg(&file)
        .assert()
        .success();

    // Lines above move the finding; a new placeholder is still reported.
    let edited = MISSING_IMPACT
        .replace(
            "**Owner:** @ana\n",
            "**Owner:** @ana  \n**Incident ID:** INC-7\n\nReviewed on 2025-01-11.\n",
        )
        .replace("Consumers had", "TODO: consumers had");
    std::fs::write(&file, edited).unwrap();
    let out = pmlint()
        .args([
            "check",
            "--format",
            "json",
            "--today",
            "2025-01-12",
            "--baseline",
        ])
        .arg(&baseline)
        .arg(&file)
        .output()
        .unwrap();
    let json = json_of(&out.stdout);
    let codes: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["S003"], "only the new finding is reported");

    std::fs::write(&baseline, "{\"version\": 9, \"findings\": []}").unwrap();
    pmlint()
        .args(["check", "--baseline"])
        .arg(&baseline)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("version 9"));
}

#[test]
fn progress_is_drawn_on_a_terminal_and_never_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = dir.path().join("incidents");
    std::fs::create_dir_all(&incidents).unwrap();
    for i in 0..60 {
        std::fs::write(incidents.join(format!("p{i}.md")), MISSING_IMPACT).unwrap();
    }
    let piped = pmlint()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        piped.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    // `script` (util-linux) gives the process a pseudo-terminal for stderr.
    let binary = assert_cmd::cargo::cargo_bin("pmlint");
    let command = format!(
        "{} check --format json {} > /dev/null",
        binary.display(),
        dir.path().display()
    );
    let tty = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&tty.stdout);
    assert!(shown.contains("/60 postmortems"), "{shown}");
}

#[test]
fn text_output_shows_the_score_with_a_reason_per_criterion() {
    let out = pmlint()
        .args(["check", "--color", "never"])
        .arg(examples().join(EXEMPLARY))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let headline = stdout
        .lines()
        .find(|l| l.contains(": score "))
        .expect("a score line");
    let total: u32 = headline
        .split(": score ")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .and_then(|s| s.parse().ok())
        .unwrap();
    assert!(total >= 90, "{headline}");
    for title in [
        "Summary",
        "Impact",
        "Timeline",
        "Root cause",
        "Blameless",
        "Action items",
        "Lessons",
    ] {
        let line = stdout
            .lines()
            .find(|l| l.trim_start().starts_with(title))
            .unwrap_or_else(|| panic!("no {title} line in\n{stdout}"));
        assert!(
            line.split_whitespace().count() > 2,
            "a score and a reason: {line}"
        );
    }
}

/// Seed 000's weak executive update, in a file whose name gives its kind.
const WEAK_EXEC_UPDATE: &str = "Subject: Database Incident - Saturday Nov 2\n\nOn Saturday November 2nd from 2:14am to 6:47am PT, our primary database experienced corrupted indexes causing query failures. The incident was triggered by a combination of factors including a schema migration deployed on Friday evening. We are implementing better testing procedures.\n\nLet me know if you have questions.\n";

#[test]
fn communications_have_a_kind_and_a_rubric_in_json_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exec-update-nov-2.md");
    std::fs::write(&path, WEAK_EXEC_UPDATE).unwrap();
    let out = pmlint()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let json = json_of(&out.stdout);
    let file = &json["files"][0];
    assert_eq!(file["kind"], "exec-update");
    let rubric = file["score"]["rubric"].as_array().expect("a rubric");
    assert_eq!(rubric.len(), 10);
    assert_eq!(rubric[0]["criterion"], "headline");
    let average = file["score"]["average"].as_f64().unwrap();
    assert!((1.0..=2.5).contains(&average), "{average}");
    let codes: Vec<&str> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"C001") && codes.contains(&"C011"),
        "{codes:?}"
    );
    assert!(
        !codes.iter().any(|c| c.starts_with('S')),
        "no postmortem sections: {codes:?}"
    );

    pmlint()
        .args(["check", "--color", "never"])
        .arg(&path)
        .assert()
        .stdout(predicate::str::contains("executive update — rubric"))
        .stdout(predicate::str::contains("Headline Clarity 2"));
}

#[test]
fn init_writes_communication_skeletons() {
    pmlint()
        .args(["init", "--kind", "customer-notice", "-"])
        .assert()
        .success()
        .stdout(predicate::str::contains("type: customer-notice"))
        .stdout(predicate::str::contains("## What you need to do"));
}
