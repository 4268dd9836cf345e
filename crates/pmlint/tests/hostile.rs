//! Hostile file systems: special files, unreadable files, symlink loops, files that
//! vanish while pmlint runs, huge files and streams, names that are not UTF-8. Each
//! bad path gets one clear line on stderr and exit 2; every other file is still linted;
//! nothing hangs or panics. (Binary, Latin-1, empty and missing files named on the
//! command line are covered in cli.rs.)
#![cfg(unix)]

use assert_cmd::Command;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

/// A postmortem the default configuration recognises, with findings but no errors.
const POSTMORTEM: &str = "# Postmortem: Queue backlog\n\n**Date:** 2025-01-10  \n**Severity:** SEV3  \n**Status:** Final  \n**Owner:** @ana\n\n## Summary\n\nThe queue backed up for 20 minutes.\n\n## Impact\n\nOrders were delayed.\n\n## Timeline\n\n- 10:00 UTC backlog starts\n\n## Root Cause\n\nConsumers had no autoscaling policy.\n\n## Action Items\n\n- Add an autoscaling policy to the consumers (@ana, due 2025-01-20)\n";

/// No test may hang: pmlint is killed after this and the test fails.
const TIMEOUT: Duration = Duration::from_secs(60);

fn pmlint() -> Command {
    let mut command = Command::cargo_bin("pmlint").expect("the pmlint binary builds");
    command
        .timeout(TIMEOUT)
        .args(["check", "--color", "never", "--today", "2025-01-20"]);
    command
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "mkfifo {}",
        path.display()
    );
}

/// The `pmlint: PATH: message` lines of stderr.
fn failure_lines(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| l.starts_with("pmlint: "))
        .map(str::to_string)
        .collect()
}

fn assert_one_line(lines: &[String], path_end: &str, message: &str) {
    let matching: Vec<_> = lines
        .iter()
        .filter(|l| l.contains(&format!("{path_end}: {message}")))
        .collect();
    assert_eq!(
        matching.len(),
        1,
        "`{path_end}: {message}` once in {lines:#?}"
    );
}

#[test]
fn special_files_symlink_loops_and_huge_files_are_refused_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("good-postmortem.md"), POSTMORTEM).unwrap();
    // Reading a FIFO with no writer blocks forever: it must be refused, not opened.
    mkfifo(&p.join("pipe.md"));
    std::os::unix::fs::symlink("loop.md", p.join("loop.md")).unwrap();
    std::os::unix::fs::symlink("nowhere.md", p.join("dangling.md")).unwrap();
    // 100 MB without writing 100 MB: a sparse file.
    let huge = std::fs::File::create(p.join("huge.md")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap();
    let out = pmlint()
        .args([
            "pipe.md",
            "loop.md",
            "dangling.md",
            "huge.md",
            "good-postmortem.md",
        ])
        .current_dir(p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines = failure_lines(&out.stderr);
    assert_one_line(&lines, "pipe.md", "not a regular file");
    assert_one_line(&lines, "loop.md", "Too many levels of symbolic links");
    assert_one_line(&lines, "dangling.md", "no such file or directory");
    assert_one_line(
        &lines,
        "huge.md",
        "file is too large (100 MiB; the limit is 64 MiB)",
    );
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("good-postmortem.md: score"));
}

#[test]
fn a_walked_directory_reports_bad_files_and_skips_special_ones() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = dir.path().join("incidents");
    std::fs::create_dir(&incidents).unwrap();
    std::fs::write(incidents.join("good.md"), POSTMORTEM).unwrap();
    std::fs::write(incidents.join("binary.md"), b"# T\0\x01").unwrap();
    std::fs::write(incidents.join("latin1.md"), b"# Caf\xe9\n").unwrap();
    std::fs::File::create(incidents.join("huge.md"))
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    // Not followed or opened by the walk: FIFOs, symlink loops, a directory named x.md.
    mkfifo(&incidents.join("pipe.md"));
    std::os::unix::fs::symlink("loop.md", incidents.join("loop.md")).unwrap();
    std::os::unix::fs::symlink(".", incidents.join("cycle")).unwrap();
    std::fs::create_dir(incidents.join("folder.md")).unwrap();
    let out = pmlint().arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines = failure_lines(&out.stderr);
    assert_one_line(&lines, "binary.md", "binary file");
    assert_one_line(&lines, "latin1.md", "not valid UTF-8");
    assert_one_line(&lines, "huge.md", "file is too large");
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("good.md: score"));
}

/// Root reads any file, so the test drops to `nobody` with setpriv to meet a real
/// permission error; run as another user it needs no help.
#[test]
fn unreadable_files_and_directories_are_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let incidents = p.join("incidents");
    std::fs::create_dir_all(incidents.join("locked")).unwrap();
    std::fs::write(incidents.join("good.md"), POSTMORTEM).unwrap();
    std::fs::write(incidents.join("secret.md"), POSTMORTEM).unwrap();
    std::fs::write(incidents.join("locked/inner.md"), POSTMORTEM).unwrap();
    let mode = |path: &Path, mode: u32| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    for d in [p, incidents.as_path()] {
        mode(d, 0o755);
    }
    mode(&incidents.join("good.md"), 0o644);
    mode(&incidents.join("secret.md"), 0o000);
    mode(&incidents.join("locked"), 0o000);
    let binary = assert_cmd::cargo::cargo_bin("pmlint");
    let is_root = std::fs::read(incidents.join("secret.md")).is_ok();
    let mut command = if is_root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&binary);
        c
    } else {
        std::process::Command::new(&binary)
    };
    let output = command
        .args(["check", "--color", "never", "--today", "2025-01-20"])
        .arg(&incidents)
        .arg(incidents.join("secret.md"))
        .output();
    mode(&incidents.join("locked"), 0o755);
    let out = match output {
        Ok(out) => out,
        Err(e) if is_root => {
            eprintln!("skipped: running as root and setpriv is unavailable ({e})");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let lines = failure_lines(&out.stderr);
    assert_one_line(&lines, "secret.md", "permission denied");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("locked") && l.contains("Permission denied")),
        "{lines:#?}"
    );
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("good.md: score"));
}

/// Files and directories created and deleted while pmlint walks and reads: each one
/// that vanishes in between is one `no such file` line; the rest is linted.
#[test]
fn paths_vanishing_mid_walk_are_reported_and_the_rest_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = dir.path().join("incidents");
    std::fs::create_dir(&incidents).unwrap();
    std::fs::write(incidents.join("stable.md"), POSTMORTEM).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let churn = {
        let (incidents, stop) = (incidents.clone(), stop.clone());
        std::thread::spawn(move || {
            // Written whole and renamed into place: a reader sees all of a file or none.
            let put = |path: &Path| {
                let temp = path.with_extension("tmp");
                let _ = std::fs::write(&temp, POSTMORTEM);
                let _ = std::fs::rename(&temp, path);
            };
            let mut i = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let sub = incidents.join(format!("d{}", i % 4));
                let _ = std::fs::create_dir(&sub);
                put(&sub.join("x.md"));
                put(&incidents.join(format!("f{}.md", i % 8)));
                let _ = std::fs::remove_file(incidents.join(format!("f{}.md", (i + 3) % 8)));
                let _ = std::fs::remove_dir_all(incidents.join(format!("d{}", (i + 2) % 4)));
                i += 1;
            }
        })
    };
    let mut vanished = 0;
    for _ in 0..20 {
        let out = pmlint().arg(&incidents).output().unwrap();
        let lines = failure_lines(&out.stderr);
        let expected = if lines.is_empty() { 0 } else { 2 };
        assert_eq!(out.status.code(), Some(expected), "{lines:#?}");
        for line in &lines {
            assert!(
                line.contains("no such file or directory")
                    || line.contains("No such file or directory"),
                "{line}"
            );
        }
        vanished += lines.len();
        assert!(String::from_utf8_lossy(&out.stdout).contains("stable.md: score"));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    churn.join().unwrap();
    eprintln!("{vanished} paths vanished mid-run over 20 runs");
}

#[test]
fn an_endless_or_huge_stdin_is_refused_at_the_limit() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pmlint"))
        .args(["check", "--color", "never", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = "Why? Because.\n".repeat(4096);
        // 100 MB, or until pmlint stops reading and closes the pipe.
        for _ in 0..(100 << 20) / chunk.len() {
            if stdin.write_all(chunk.as_bytes()).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines = failure_lines(&out.stderr);
    assert_eq!(lines, ["pmlint: -: input is larger than the 64 MiB limit"]);
}

#[test]
fn file_names_that_are_not_utf8_are_linted_and_reported_lossily() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = dir.path().join("incidents");
    std::fs::create_dir(&incidents).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-postmortem.md");
    std::fs::write(incidents.join(name), POSTMORTEM).unwrap();
    for target in [incidents.clone(), incidents.join(name)] {
        let out = pmlint()
            .args(["--format", "json"])
            .arg(&target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let path = json["files"][0]["path"].as_str().unwrap();
        assert!(path.ends_with("caf\u{fffd}-postmortem.md"), "{path}");
    }
}
