//! `pmlint report` end to end on tests/report/fixtures (known recurrences, overdue items
//! relative to a fixed `--today`, a year-only and an undated postmortem), a snapshot per
//! format, and R001 in `pmlint check` over the same folder.

use assert_cmd::Command;
use std::path::Path;

const TODAY: &str = "2025-03-01";

fn pmlint() -> Command {
    let mut cmd = Command::cargo_bin("pmlint").expect("the pmlint binary builds");
    // Paths in the output are relative to the repository root, as a user would run it.
    cmd.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    cmd
}

fn report(format: &str) -> String {
    let output = pmlint()
        .args([
            "report",
            "tests/report/fixtures",
            "--today",
            TODAY,
            "--format",
            format,
        ])
        .output()
        .expect("pmlint runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn json() -> serde_json::Value {
    serde_json::from_str(&report("json")).expect("valid JSON")
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("report_md", report("md"));
}

#[test]
fn html_snapshot() {
    insta::assert_snapshot!("report_html", report("html"));
}

#[test]
fn json_snapshot() {
    insta::assert_json_snapshot!("report_json", json());
}

#[test]
fn recurring_causes_group_the_known_recurrences() {
    let report = json();
    let groups = report["recurring_causes"].as_array().expect("groups");
    let paths = |g: &serde_json::Value| -> Vec<String> {
        g["incidents"]
            .as_array()
            .expect("incidents")
            .iter()
            .map(|i| i["path"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(groups.len(), 2);
    assert_eq!(
        paths(&groups[0]),
        [
            "tests/report/fixtures/postmortems/PM2022-002 search outage.md",
            "tests/report/fixtures/postmortems/2024-09-12-checkout-pool-exhaustion.md",
            "tests/report/fixtures/postmortems/2025-01-15-orders-db-pool.md",
        ],
        "pool exhaustion, oldest first"
    );
    assert_eq!(
        paths(&groups[1]),
        [
            "tests/report/fixtures/postmortems/2025-02-03-login-cert-expiry.md",
            "tests/report/fixtures/incidents/payments-webhook-cert.md",
        ],
        "certificate expiry; the undated one last"
    );
}

#[test]
fn overdue_items_relative_to_today() {
    let report = json();
    let actions = &report["summary"]["actions"];
    assert_eq!(actions["total"], 11);
    assert_eq!(actions["done"], 3, "two Status columns and one checked box");
    assert_eq!(
        (
            &actions["overdue"],
            &actions["overdue_7"],
            &actions["overdue_14"],
            &actions["overdue_30"]
        ),
        (&7.into(), &6.into(), &5.into(), &2.into())
    );
    let days: Vec<i64> = report["overdue_actions"]
        .as_array()
        .expect("overdue")
        .iter()
        .filter_map(|o| o["days_overdue"].as_i64())
        .collect();
    assert_eq!(days, [151, 50, 28, 19, 15, 9, 4]);
}

#[test]
fn dates_from_metadata_file_names_or_unknown() {
    let report = json();
    let dates: Vec<(String, serde_json::Value)> = report["postmortems"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap_or_default().to_string(),
                r["date"].clone(),
            )
        })
        .collect();
    assert_eq!(dates.len(), 6, "the README is not a postmortem");
    assert_eq!(dates[4].1, "2022", "year-only date from `PM2022-002 …`");
    assert!(dates[5].1.is_null() && dates[5].0.ends_with("payments-webhook-cert.md"));
    assert_eq!(
        (
            report["summary"]["year_only"].clone(),
            report["summary"]["undated"].clone()
        ),
        (1.into(), 1.into())
    );
}

#[test]
fn html_escapes_document_text_and_is_self_contained() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("2025-01-02-postmortem.md"),
        "# Postmortem: depth > 10k & retries <5% \"q\"\n\n**Severity:** <b>SEV1</b><script>alert(1)</script><img src=x onerror=alert(2)>\n\n## Root Cause\n\nA cache stampede.\n",
    )
    .expect("write");
    let output = pmlint()
        .arg("report")
        .arg(dir.path())
        .args(["--format", "html", "--today", TODAY])
        .output()
        .expect("pmlint runs");
    let html = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(html.contains("Postmortem: depth &gt; 10k &amp; retries &lt;5% &quot;q&quot;"));
    assert!(html.contains("&lt;b&gt;SEV1&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img"));
    assert!(!html.contains("<script") && !html.contains("<img"));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("@import"));
}

#[test]
fn writes_to_out_and_rejects_stdin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.md");
    pmlint()
        .args(["report", "tests/report/fixtures", "--today", TODAY, "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert!(std::fs::read_to_string(&out)
        .expect("written")
        .starts_with("# Postmortem report"));
    pmlint().args(["report", "-"]).assert().code(2);
    pmlint()
        .args(["report", "--today", "2025-13-01", "tests/report/fixtures"])
        .assert()
        .code(2);
}

#[test]
fn check_over_a_directory_reports_recurring_causes_with_related_files() {
    let output = pmlint()
        .args([
            "check",
            "tests/report/fixtures",
            "--today",
            TODAY,
            "--format",
            "json",
        ])
        .output()
        .expect("pmlint runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let r001: Vec<(String, Vec<String>)> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| {
            let path = f["path"].as_str().unwrap_or_default().to_string();
            f["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| d["code"] == "R001")
                .map(move |d| {
                    let related = d["related"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|r| r["path"].as_str().map(str::to_string))
                        .collect();
                    (path.clone(), related)
                })
        })
        .collect();
    let search = "tests/report/fixtures/postmortems/PM2022-002 search outage.md";
    assert!(r001
        .iter()
        .any(|(path, related)| path == search && related.len() == 2));
    assert!(r001
        .iter()
        .any(|(path, related)| path.ends_with("payments-webhook-cert.md")
            && related == &["tests/report/fixtures/postmortems/2025-02-03-login-cert-expiry.md"]));
    assert!(!r001
        .iter()
        .any(|(path, _)| path.ends_with("status-page-delay.md")));
    // One file alone has nothing to compare with.
    let single = pmlint()
        .args(["check", "--format", "json", "--today", TODAY, search])
        .output()
        .expect("pmlint runs");
    assert!(!String::from_utf8_lossy(&single.stdout).contains("R001"));
}
