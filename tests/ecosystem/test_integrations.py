"""The GitHub Action and the pre-commit hook: their definitions parse, and the commands
they run work against the real binary (PMLINT_BIN) on the examples."""

import functools
import http.server
import json
import os
import re
import shutil
import tarfile
import threading
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PMLINT = Path(os.environ["PMLINT_BIN"]).resolve()
EXEMPLARY = "examples/2025-01-15-checkout-db-pool-postmortem.md"
BAD = "examples/incident-report-payments-outage.md"


def action_env(**inputs):
    env = dict(os.environ, PATH=f"{PMLINT.parent}{os.pathsep}{os.environ['PATH']}")
    env.update({f"PMLINT_{k.upper()}": v for k, v in inputs.items()})
    return env


def run_action_step(tmp_path, **inputs):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    step = next(s for s in action["runs"]["steps"] if s["name"] == "Run pmlint")
    env = action_env(**inputs)
    env["GITHUB_ACTION_PATH"] = str(ROOT)
    return subprocess.run(["bash", "-c", step["run"]], cwd=ROOT, env=env, capture_output=True, text=True)


def test_action_definition_is_a_composite_action_with_documented_inputs():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "config", "format", "sarif-file", "fail-on"}
    for name, spec in action["inputs"].items():
        assert spec["description"], name
    env_inputs = next(s for s in action["runs"]["steps"] if s["name"] == "Run pmlint")["env"]
    assert all(f"inputs.{name}" in value for name, value in zip(action["inputs"], env_inputs.values()))


def test_action_annotates_and_fails_on_errors(tmp_path):
    result = run_action_step(tmp_path, paths=BAD, format="github", fail_on="error")
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("::")
    assert "title=pmlint S001 missing-section::Missing required section: Impact" in result.stdout


def test_action_passes_on_a_clean_postmortem_and_never_mode(tmp_path):
    assert run_action_step(tmp_path, paths=EXEMPLARY, format="github").returncode == 0
    assert run_action_step(tmp_path, paths=BAD, format="github", fail_on="never").returncode == 0


def test_action_writes_sarif(tmp_path):
    sarif = tmp_path / "out.sarif"
    result = run_action_step(tmp_path, paths=BAD, format="sarif", sarif_file=str(sarif), fail_on="never")
    assert result.returncode == 0, result.stderr
    log = json.loads(sarif.read_text())
    assert log["version"] == "2.1.0"
    assert any(r["ruleId"] == "S001" for r in log["runs"][0]["results"])


def run_install_step(tmp_path, release_url):
    """The action's install step on a Linux x64 runner without pmlint, with a `cargo`
    that records its calls and installs the test's binary (a real build is slow)."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    step = next(s for s in action["runs"]["steps"] if s["name"] == "Install pmlint")
    fake_bin = tmp_path / "fake-bin"
    fake_bin.mkdir()
    calls = tmp_path / "cargo-calls"
    cargo = fake_bin / "cargo"
    cargo.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> "{calls}"\n'
        'while [ "$1" != "--root" ]; do shift; done\n'
        f'mkdir -p "$2/bin" && cp "{PMLINT}" "$2/bin/pmlint"\n'
    )
    cargo.chmod(0o755)
    path = os.pathsep.join([str(fake_bin), os.environ["PATH"]])
    assert shutil.which("pmlint", path=path) is None, "pmlint must not be on the runner's PATH"
    github_path = tmp_path / "github-path"
    env = dict(
        os.environ,
        PATH=path,
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_PATH=str(github_path),
        RUNNER_TEMP=str(tmp_path / "runner"),
        RUNNER_OS="Linux",
        RUNNER_ARCH="X64",
        PMLINT_RELEASE_URL=release_url,
    )
    result = subprocess.run(["bash", "-c", step["run"]], cwd=ROOT, env=env, capture_output=True, text=True)
    installed = Path(github_path.read_text().strip()) / "pmlint" if github_path.exists() else None
    return result, calls.read_text() if calls.exists() else "", installed


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """A release server with pmlint-<version>-x86_64-unknown-linux-gnu.tar.gz (made
    once: the debug binary is large)."""
    assets = tmp_path_factory.mktemp("assets")
    version = re.search(r'^version = "(.+)"$', (ROOT / "Cargo.toml").read_text(), re.M)[1]
    name = f"pmlint-{version}-x86_64-unknown-linux-gnu.tar.gz"
    with tarfile.open(assets / name, "w:gz", compresslevel=1) as archive:
        archive.add(PMLINT, arcname="pmlint")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(assets))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_action_installs_the_prebuilt_binary_matching_the_runner(tmp_path, release):
    result, cargo_calls, installed = run_install_step(tmp_path, release)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "prebuilt pmlint-" in result.stdout
    assert cargo_calls == "", "nothing is built"
    assert subprocess.run([installed, "--version"], capture_output=True, text=True).stdout.startswith("pmlint ")


def test_action_builds_when_no_prebuilt_binary_matches(tmp_path, release):
    result, cargo_calls, installed = run_install_step(tmp_path, release + "/no-such-release")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "building from source" in result.stdout
    assert cargo_calls.startswith("install --locked --root ")
    assert cargo_calls.strip().endswith(f"--path {ROOT}/crates/pmlint")
    assert installed.exists()


def test_action_rejects_bad_inputs(tmp_path):
    result = run_action_step(tmp_path, paths=BAD, format="xml")
    assert result.returncode == 2
    assert "format must be github or sarif" in result.stderr


def test_pre_commit_hook_is_built_by_pre_commit():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "pmlint")
    assert hook["types"] == ["markdown"]
    assert hook["language"] == "rust"


def pre_commit(repo: Path, *files: str) -> subprocess.CompletedProcess:
    """The real pre-commit (from PyPI) running this repository's hook on `files` of a
    fresh repository, as `pre-commit try-repo` does for a hook under development: it
    builds pmlint with `cargo install` (reusing CARGO_TARGET_DIR, so only the binary is
    compiled) into PRE_COMMIT_HOME."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    return subprocess.run(
        [str(pre_commit), "try-repo", str(ROOT), "pmlint", "--files", *files],
        cwd=repo,
        capture_output=True,
        text=True,
    )


def test_pre_commit_builds_pmlint_and_lints_staged_postmortems(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    for name in (EXEMPLARY, BAD):
        shutil.copy(ROOT / name, repo / Path(name).name)
    (repo / "notes.txt").write_text("The engineer forgot.\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)

    good = pre_commit(repo, Path(EXEMPLARY).name, "notes.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "pmlint (postmortems)" in good.stdout and "Passed" in good.stdout

    bad = pre_commit(repo, Path(BAD).name)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "S001" in bad.stdout and "Missing required section: Impact" in bad.stdout
