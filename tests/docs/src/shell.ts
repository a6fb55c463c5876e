/**
 * What can be checked in a ```sh block without running it (no installs, no builds, no side
 * effects): the pnpm it calls is the pinned one through npx (a Node+npm machine has no bare
 * `pnpm`), the package scripts it names exist, `--filter` names a workspace package, and the
 * files and folders it runs or enters exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { ROOT } from './markdown.js';

interface PackageJson { name: string; packageManager?: string; scripts?: Record<string, string>; bin?: string | Record<string, string> }

const readJson = (path: string): PackageJson => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
const rootPackage = readJson(join(ROOT, 'package.json'));
/** The pnpm version the repository pins (`packageManager`). */
export const PNPM_VERSION = (rootPackage.packageManager ?? '').replace(/^pnpm@/, '');

/** Every workspace package folder (relative to the root) by name. */
function workspacePackages(): Map<string, string> {
  const found = new Map<string, string>([[rootPackage.name, '.']]);
  for (const parent of ['packages', 'examples', 'tests']) {
    for (const name of readdirSync(join(ROOT, parent))) {
      const path = join(ROOT, parent, name, 'package.json');
      if (existsSync(path)) found.set(readJson(path).name, join(parent, name));
    }
  }
  for (const dir of ['conformance', 'bench']) found.set(readJson(join(ROOT, dir, 'package.json')).name, dir);
  return found;
}
const PACKAGES = workspacePackages();

/** The bin names the workspace's packages declare (`layerwise-conformance`). */
const BINS = new Set([...PACKAGES.values()].flatMap((dir) => {
  const bin = readJson(join(ROOT, dir, 'package.json')).bin;
  return typeof bin === 'object' ? Object.keys(bin) : [];
}));

/** pnpm's own commands (anything else after `pnpm` is a package script). */
const PNPM_COMMANDS = new Set(['install', 'i', 'add', 'remove', 'update', 'exec', 'dlx', 'run', 'pack', 'publish', 'list', 'ls', 'why', 'store', 'audit', 'outdated', 'create', 'init', 'recursive', '-r', '--recursive']);

/** pnpm's own commands that a package script of the same name cannot override: call those scripts with `run`. */
const PNPM_SHADOWING = new Set(['docs', 'home']);

/** Commands a block may run whose arguments are the user's own (packages from the registry, their files). */
const PLAIN_COMMANDS = new Set(['npm', 'cp', 'mkdir', 'rm', 'git', 'apt-get', 'python3', 'pip', 'cat', 'ls', 'export', 'echo', 'curl', 'open', 'npx']);

/** Candidate folders a relative path in `file` may be relative to: the current folder, then the page's own. */
function resolvesIn(path: string, cwd: string, file: string): boolean {
  if (isAbsolute(path) || path.startsWith('~') || path.includes('*') || path.includes('{')) return true;
  return existsSync(join(ROOT, cwd, path)) || existsSync(join(ROOT, dirname(file), path));
}

/** Split a block into simple commands (continuations joined, comments dropped, `&&`/`||`/`;`/`|` split). */
export function commands(code: string): string[][] {
  const joined = code.replace(/\\\n/g, ' ');
  const out: string[][] = [];
  for (const rawLine of joined.split('\n')) {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    for (const part of line.split(/&&|\|\||;|\|/)) {
      // Words, with quotes kept off and `(...)` groups opened.
      const words = (part.match(/'[^']*'|"[^"]*"|\S+/g) ?? []).map((w) => w.replace(/^['"(]+|['")]+$/g, ''));
      while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) words.shift(); // FOO=1 cmd
      if (words.length > 0) out.push(words);
    }
  }
  return out;
}

/** A package script must exist where it runs: `cwd`, or (for a block that never left the root) the page's own package. */
function checkScript(script: string, cwd: string, file: string, what: string, problems: string[]): void {
  const has = (dir: string) => existsSync(join(ROOT, dir, 'package.json')) && !!readJson(join(ROOT, dir, 'package.json')).scripts?.[script];
  if (has(cwd) || (cwd === '.' && has(dirname(file)))) return;
  problems.push(`${what}: no '${script}' script in ${cwd === '.' ? `the root package.json${dirname(file) === '.' ? '' : ` or ${dirname(file)}/package.json`}` : `${cwd}/package.json`}`);
}

/** Problems with one ```sh block (empty when none). `file` is the page, relative to the root. */
export function checkShellBlock(code: string, file: string): string[] {
  const problems: string[] = [];
  // The folder commands run in, relative to the root; null once in a folder of the user's own
  // (made by `mkdir` in the block), where paths and scripts are theirs and are not checked.
  let cwd: string | null = '.';
  const made = new Map<string, string | null>();
  for (let words of commands(code)) {
    const what = `\`${words.join(' ')}\``;
    if (words[0] === 'sudo') words = words.slice(1);
    const [cmd, ...args] = words;
    if (cmd === 'git' && args[0] === 'clone') {
      // A clone of this repository: entering it enters the root.
      const [url, dir] = args.slice(1).filter((a) => !a.startsWith('-'));
      made.set(dir ?? url.replace(/\.git$/, '').split('/').pop()!, '.');
      continue;
    }
    if (cmd === 'mkdir') {
      for (const a of args.filter((x) => !x.startsWith('-'))) made.set(a, null);
      continue;
    }
    if (cmd === 'cd') {
      const dir = args[0] ?? '.';
      if (made.has(dir)) cwd = made.get(dir)!;
      else if (cwd === null || isAbsolute(dir) || dir.startsWith('~')) cwd = null;
      else if (!resolvesIn(dir, cwd, file)) problems.push(`${what}: no folder ${dir}`);
      else cwd = existsSync(join(ROOT, cwd, dir)) ? join(cwd, dir) : join(dirname(file), dir);
      continue;
    }
    if (cmd === 'pnpm') { problems.push(`${what}: a bare 'pnpm' (a machine with Node and npm has none): write 'npx -y pnpm@${PNPM_VERSION}'`); continue; }
    if (cmd === 'npx') {
      const rest = args.filter((a) => a !== '-y' && a !== '--yes');
      const [tool, ...toolArgs] = rest;
      if (tool?.startsWith('pnpm')) {
        if (tool !== `pnpm@${PNPM_VERSION}`) problems.push(`${what}: pnpm is pinned at ${PNPM_VERSION} (package.json's packageManager): write 'npx -y pnpm@${PNPM_VERSION}'`);
        let dir: string | null = cwd;
        const positional: string[] = [];
        for (let i = 0; i < toolArgs.length; i++) {
          const a = toolArgs[i];
          const filter = /^--filter(?:=(.*))?$/.exec(a);
          if (filter) {
            const name = (filter[1] ?? toolArgs[++i]).replace(/\.\.\.$|^\.\.\./g, '');
            if (!name.startsWith('./') && !PACKAGES.has(name)) problems.push(`${what}: --filter names no workspace package (${name})`);
          } else if (a === '-C' || a === '--dir') dir = cwd === null ? null : join(cwd, toolArgs[++i]);
          else if (a === '--') break;
          else if (!a.startsWith('-')) positional.push(a);
        }
        const [sub, next] = positional;
        if (sub && PNPM_SHADOWING.has(sub)) problems.push(`${what}: '${sub}' is pnpm's own command (it opens a package's web page): write 'npx -y pnpm@${PNPM_VERSION} run ${sub}'`);
        if (sub === 'run' && next && dir !== null) checkScript(next, dir, file, what, problems);
        else if (sub && !PNPM_COMMANDS.has(sub) && dir !== null) checkScript(sub, dir, file, what, problems);
      } else if (tool && !tool.includes('@') && !BINS.has(tool) && !existsSync(join(ROOT, 'node_modules', '.bin', tool))) {
        problems.push(`${what}: no package here provides '${tool}'`);
      }
      continue;
    }
    if (cwd === null) {
      if (!BINS.has(cmd) && !PLAIN_COMMANDS.has(cmd) && !['node', 'bash', 'sh'].includes(cmd)) problems.push(`${what}: '${cmd}' is no command these checks know (tests/docs/src/shell.ts lists them)`);
      continue;
    }
    if (cmd === 'npm' && (args[0] === 'run' || args[0] === 'run-script') && args[1]) { checkScript(args[1], cwd, file, what, problems); continue; }
    if (cmd === 'npm' && args[0] === 'test') { checkScript('test', cwd, file, what, problems); continue; }
    if (cmd === 'node' || cmd === 'bash' || cmd === 'sh') {
      const script = args.find((a) => !a.startsWith('-'));
      if (script && !resolvesIn(script, cwd, file)) problems.push(`${what}: no file ${script}`);
      continue;
    }
    if (cmd === 'cp') {
      const source = args.filter((a) => !a.startsWith('-'))[0];
      if (source && !resolvesIn(source, cwd, file)) problems.push(`${what}: no ${source}`);
      continue;
    }
    if (BINS.has(cmd) || PLAIN_COMMANDS.has(cmd)) continue;
    problems.push(`${what}: '${cmd}' is no command these checks know (tests/docs/src/shell.ts lists them)`);
  }
  return problems;
}
