#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): a prebuilt pmlint for the runner when
# the release has one, else built from the action's own sources (the fallback).
# PMLINT_RELEASE_URL overrides where release assets are fetched from (tests, mirrors).
set -euo pipefail

action_path="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
root="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/pmlint"
bin_dir="$root/bin"
mkdir -p "$bin_dir"

if command -v pmlint >/dev/null 2>&1; then
  echo "pmlint: using $(command -v pmlint)"
  exit 0
fi

# The target triple of the runner, as `cargo xtask vsix` names the release archives.
case "${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}" in
  Linux-X64 | Linux-x86_64) target=x86_64-unknown-linux-gnu ;;
  Linux-ARM64 | Linux-aarch64) target=aarch64-unknown-linux-gnu ;;
  macOS-X64 | Darwin-x86_64) target=x86_64-apple-darwin ;;
  macOS-ARM64 | Darwin-arm64) target=aarch64-apple-darwin ;;
  Windows-X64) target=x86_64-pc-windows-gnu ;;
  *) target="" ;;
esac

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1)"
repository="${GITHUB_ACTION_REPOSITORY:-${GITHUB_REPOSITORY:-}}"
base="${PMLINT_RELEASE_URL:-${GITHUB_SERVER_URL:-https://github.com}/$repository/releases/download/v$version}"
archive="pmlint-$version-$target.tar.gz"

if [ -n "$target" ] && curl -fsSL --retry 2 -o "$root/$archive" "$base/$archive" 2>/dev/null; then
  tar -xzf "$root/$archive" -C "$bin_dir"
  echo "pmlint: prebuilt $archive"
else
  echo "pmlint: no prebuilt binary for ${target:-this runner} at $base; building from source"
  cargo install --locked --root "$root" --path "$action_path/crates/pmlint"
fi
echo "$bin_dir" >> "${GITHUB_PATH:-/dev/null}"
"$bin_dir/pmlint" --version
