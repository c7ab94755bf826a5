// Builds the platform .vsix: type-checks, bundles the extension (esbuild), copies the newsls
// binary into server/ and runs vsce for this platform.
//   npm run package                       -> newsls-<platform>.vsix, binary ../../target/release/newsls
//   NEWSLS_BINARY=/path/newsls npm run package
//   NEWSLS_VSIX_TARGET=linux-arm64 NEWSLS_BINARY=... npm run package   (cross-packaging)
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(dir, '../..');
const target = process.env.NEWSLS_VSIX_TARGET || `${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch}`;
const exe = target.startsWith('win32') ? 'newsls.exe' : 'newsls';
const binary = path.resolve(process.env.NEWSLS_BINARY || path.join(repo, 'target', 'release', exe));
if (!fs.existsSync(binary)) {
  console.error(`package: no server binary at ${binary}; run \`cargo build --release\` or set NEWSLS_BINARY`);
  process.exit(1);
}
const bin = (name) => path.join(dir, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });

run(bin('tsc'), ['--noEmit', '-p', '.']);
run(bin('esbuild'), ['src/extension.ts', '--bundle', '--outfile=dist/extension.js', '--external:vscode',
  '--format=cjs', '--platform=node', '--target=node20', '--minify', '--log-level=warning']);
fs.rmSync(path.join(dir, 'server'), { recursive: true, force: true });
fs.mkdirSync(path.join(dir, 'server'));
fs.copyFileSync(binary, path.join(dir, 'server', exe));
fs.chmodSync(path.join(dir, 'server', exe), 0o755);
// drop debug info from the bundled copy when a `strip` for this platform is at hand
if (target === `${process.platform}-${process.arch}` && process.platform !== 'win32') {
  try { execFileSync('strip', [path.join(dir, 'server', exe)]); } catch { /* keep it as it is */ }
}
for (const f of ['LICENSE-MIT', 'LICENSE-APACHE', 'LICENSE']) {
  if (fs.existsSync(path.join(repo, f))) { fs.copyFileSync(path.join(repo, f), path.join(dir, 'LICENSE')); break; }
}
const out = process.env.NEWSLS_VSIX_OUT || path.join(dir, `newsls-${target}.vsix`);
run(bin('vsce'), ['package', '--target', target, '--out', out, '--allow-missing-repository', '--skip-license', '--no-dependencies']);
console.log(`package: ${out} (server ${binary})`);
