// The packages `cargo xtask vsix` built, one per platform: each holds a `pmlint` of its
// platform's format and architecture (ELF, Mach-O or PE; x86-64 or AArch64), read from
// the binary's header; the web package holds no binary.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { readZip } from "./zip.mjs";

const EXTENSION_DIR = fileURLToPath(new URL("..", import.meta.url));
const VERSION = JSON.parse(readFileSync(join(EXTENSION_DIR, "package.json"), "utf8")).version;

/** What each VS Code platform needs. */
export const EXPECTED = {
  "linux-x64": { format: "ELF", arch: "x86-64", binary: "pmlint" },
  "linux-arm64": { format: "ELF", arch: "aarch64", binary: "pmlint" },
  "darwin-x64": { format: "Mach-O", arch: "x86-64", binary: "pmlint" },
  "darwin-arm64": { format: "Mach-O", arch: "aarch64", binary: "pmlint" },
  "win32-x64": { format: "PE", arch: "x86-64", binary: "pmlint.exe" },
};

/** The executable format and architecture from a binary's header. */
export function binaryKind(bytes) {
  const u16 = (at) => bytes.readUInt16LE(at);
  const u32 = (at) => bytes.readUInt32LE(at);
  if (bytes.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) {
    const machine = { 0x3e: "x86-64", 0xb7: "aarch64" }[u16(18)];
    return { format: "ELF", arch: machine ?? `machine ${u16(18)}` };
  }
  if (u32(0) === 0xfeedfacf) {
    const cpu = { 0x01000007: "x86-64", 0x0100000c: "aarch64" }[u32(4)];
    return { format: "Mach-O", arch: cpu ?? `cpu ${u32(4)}` };
  }
  if (bytes.subarray(0, 2).toString("latin1") === "MZ") {
    const pe = u32(0x3c);
    assert.equal(bytes.subarray(pe, pe + 4).toString("latin1"), "PE\0\0", "a PE signature");
    const machine = { 0x8664: "x86-64", 0xaa64: "aarch64" }[u16(pe + 4)];
    return { format: "PE", arch: machine ?? `machine ${u16(pe + 4)}` };
  }
  return { format: "unknown", arch: "unknown" };
}

test("binaryKind reads ELF, Mach-O and PE headers", () => {
  const elf = Buffer.alloc(64);
  elf.set([0x7f, 0x45, 0x4c, 0x46]);
  elf.writeUInt16LE(0xb7, 18);
  assert.deepEqual(binaryKind(elf), { format: "ELF", arch: "aarch64" });
  const macho = Buffer.alloc(64);
  macho.writeUInt32LE(0xfeedfacf, 0);
  macho.writeUInt32LE(0x01000007, 4);
  assert.deepEqual(binaryKind(macho), { format: "Mach-O", arch: "x86-64" });
  const pe = Buffer.alloc(256);
  pe.write("MZ", 0, "latin1");
  pe.writeUInt32LE(0x80, 0x3c);
  pe.write("PE\0\0", 0x80, "latin1");
  pe.writeUInt16LE(0x8664, 0x84);
  assert.deepEqual(binaryKind(pe), { format: "PE", arch: "x86-64" });
  assert.equal(binaryKind(Buffer.from("#!/bin/sh\n")).format, "unknown");
});

for (const [platform, expected] of Object.entries(EXPECTED)) {
  test(`the ${platform} package holds a ${expected.format} ${expected.arch} pmlint`, () => {
    const file = join(EXTENSION_DIR, `pmlint-${VERSION}-${platform}.vsix`);
    const entries = readZip(readFileSync(file));
    const manifest = entries.get("extension.vsixmanifest").content.toString("utf8");
    assert.ok(manifest.includes(`TargetPlatform="${platform}"`), `built for ${platform}`);
    const binaries = [...entries.keys()].filter((name) => name.startsWith("extension/bin/"));
    assert.deepEqual(binaries, [`extension/bin/${expected.binary}`]);
    const binary = entries.get(`extension/bin/${expected.binary}`);
    assert.deepEqual(binaryKind(binary.content), { format: expected.format, arch: expected.arch });
    if (expected.format !== "PE") {
      assert.equal(binary.mode & 0o111, 0o111, "executable bits");
    }
  });
}

test("the web package has the worker and the WebAssembly server, and no binary", () => {
  const entries = readZip(readFileSync(join(EXTENSION_DIR, `pmlint-${VERSION}-web.vsix`)));
  assert.ok(entries.get("extension.vsixmanifest").content.toString("utf8").includes('TargetPlatform="web"'));
  assert.ok(entries.has("extension/dist/web/extension.js") && entries.has("extension/dist/web/server.js"));
  assert.ok(![...entries.keys()].some((name) => name.startsWith("extension/bin/")));
});

test("no stray package: one per platform and the web one", () => {
  const built = readdirSync(EXTENSION_DIR).filter((f) => f.startsWith(`pmlint-${VERSION}-`) && f.endsWith(".vsix"));
  assert.deepEqual(built.sort(), [...Object.keys(EXPECTED), "web"].map((p) => `pmlint-${VERSION}-${p}.vsix`).sort());
});
