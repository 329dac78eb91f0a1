#!/usr/bin/env node
// Part of `npm run lint`: fails on import cycles in src/, on imports that
// break the layering below, and on constructs src/ may not use (import.meta,
// __dirname, require: jest runs src as CommonJS and esbuild bundles it).
//
// Dependencies point one way: main → plugin → tfprotov6 ← framework ← provider → backend;
// tftypes and logging are leaves; server and cli sit on backend.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = process.cwd();
const SRC = join(root, 'src');

/** Layer → the other layers it may import (its own layer is always allowed). */
const ALLOWED = {
  tftypes: [],
  logging: [],
  backend: ['tftypes', 'logging'],
  tfprotov6: ['tftypes', 'logging'],
  framework: ['tfprotov6', 'tftypes', 'logging'],
  provider: ['framework', 'tfprotov6', 'backend', 'tftypes', 'logging'],
  plugin: ['tfprotov6', 'tftypes', 'logging'],
  server: ['backend', 'tftypes', 'logging'],
  cli: ['server', 'backend', 'tftypes', 'logging'],
  main: ['plugin', 'provider', 'tfprotov6', 'logging'],
};

const FORBIDDEN = [
  [/\bimport\.meta\b/, 'import.meta (bundled as CommonJS: take paths from arguments or process.cwd())'],
  [/\b__dirname\b|\b__filename\b/, '__dirname/__filename (ESM source: take paths from arguments or process.cwd())'],
  [/(?<![.\w$])require\s*\(/, 'require() (use import / await import())'],
];

function listSources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listSources(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Source with comments (and unless keepStrings, string contents) blanked, so only code is searched. */
function codeOnly(text, keepStrings = false) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += keepStrings ? text.slice(i, j + 1) : c + ' '.repeat(Math.max(0, j - i - 1)) + c;
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const IMPORT_PATTERNS = [
  /\b(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s*(['"])([^'"]+)\2/g,
  /\bimport\s*(['"])([^'"]+)\1/g,
  /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
];

function importsOf(text) {
  const found = [];
  const code = codeOnly(text, true);
  for (const re of IMPORT_PATTERNS) {
    for (const m of code.matchAll(re)) {
      const spec = m[m.length - 1];
      const typeOnly = re === IMPORT_PATTERNS[0] && m[1] !== undefined;
      found.push({ spec, typeOnly });
    }
  }
  return found;
}

function resolveImport(fromFile, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), spec);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  }) ?? base.replace(/\.js$/, '.ts');
}

function layerOf(file) {
  const rel = relative(SRC, file).split(sep);
  return rel.length === 1 ? 'main' : rel[0];
}

function findCycles(graph) {
  // Tarjan's strongly connected components.
  let index = 0;
  const stack = [];
  const meta = new Map();
  const cycles = [];
  const visit = (v) => {
    meta.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!meta.has(w)) {
        visit(w);
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
      } else if (meta.get(w).onStack) {
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
      }
    }
    if (meta.get(v).low === meta.get(v).index) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        meta.get(w).onStack = false;
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc);
    }
  };
  for (const v of graph.keys()) if (!meta.has(v)) visit(v);
  return cycles;
}

const problems = [];
const graph = new Map();
const files = listSources(SRC);
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const rel = relative(root, file);
  const layer = layerOf(file);
  const allowed = ALLOWED[layer];
  if (allowed === undefined) problems.push(`${rel}: layer "${layer}" has no rule in scripts/check-deps.mjs`);
  const code = codeOnly(text);
  for (const [re, what] of FORBIDDEN) if (re.test(code) && !rel.includes(`${sep}generated${sep}`)) problems.push(`${rel}: uses ${what}`);
  const edges = [];
  for (const { spec } of importsOf(text)) {
    const target = resolveImport(file, spec);
    if (target === undefined) continue;
    if (!target.startsWith(SRC + sep)) {
      problems.push(`${rel}: imports ${spec}, outside src/`);
      continue;
    }
    edges.push(target);
    const targetLayer = layerOf(target);
    if (allowed !== undefined && targetLayer !== layer && !allowed.includes(targetLayer)) {
      problems.push(`${rel}: ${layer} may not import ${targetLayer} (${spec})`);
    }
  }
  graph.set(file, edges);
}
for (const cycle of findCycles(graph)) {
  problems.push(`import cycle: ${cycle.map((f) => relative(root, f)).reverse().join(' → ')}`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`check-deps: ${p}`);
  console.error(`check-deps: ${problems.length} problem(s) in ${files.length} files`);
  process.exit(1);
}
console.error(`check-deps: ${files.length} files, no cycles, layering respected`);
