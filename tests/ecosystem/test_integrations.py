"""The GitHub Action and the pre-commit hook: their definitions parse, and the commands
they run work against the real binary (PMLINT_BIN) on the examples."""

import json
import os
import shlex
import subprocess
from pathlib import Path

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
    env_inputs = action["runs"]["steps"][1]["env"]
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


def test_action_rejects_bad_inputs(tmp_path):
    result = run_action_step(tmp_path, paths=BAD, format="xml")
    assert result.returncode == 2
    assert "format must be github or sarif" in result.stderr


def test_pre_commit_hook_runs_on_markdown_files():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "pmlint")
    assert hook["types"] == ["markdown"]
    assert hook["language"] == "system"
    # pre-commit appends the staged file names to the entry.
    entry = shlex.split(hook["entry"])
    assert entry[0] == "pmlint"
    env = action_env()
    ok = subprocess.run(entry + [EXEMPLARY], cwd=ROOT, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    bad = subprocess.run(entry + [BAD], cwd=ROOT, env=env, capture_output=True, text=True)
    assert bad.returncode == 1
