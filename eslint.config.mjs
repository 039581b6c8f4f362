import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// ---------------------------------------------------------------------------------------------
// Layers, enforced with `no-restricted-imports`.
//
//   app/ (routes, pages)  →  components/  →  lib/domain (pure)
//        └─→ lib/actions (server actions)  →  lib/data (the only layer that touches the database)
//   packages/  →  nothing server-side (they run in browsers and other processes)
//
// ESLint does not merge the options of one rule across config blocks: for a file matched by
// several blocks, the last block's options win. So every block below lists *all* restrictions
// of its area, composed from the groups here, and more specific areas come later.
// lib/domain/**/*.test.ts import vitest, which none of these groups forbid.
// ---------------------------------------------------------------------------------------------

const prismaMessage = 'Only lib/data touches the database: go through a function in @/lib/data instead of Prisma directly.';

/** The generated Prisma client and Prisma's packages: lib/data only (and scripts/, which drive the schema engine). */
const noPrisma = [
  { group: ['@/lib/generated', '@/lib/generated/**', '**/lib/generated/**'], message: prismaMessage },
  { group: ['@prisma/*', '@prisma/**'], message: prismaMessage },
];

/** Components get their data as props; importing the DTO *types* they render is fine. */
const noDataValuesInComponents = [
  {
    group: ['@/lib/data', '@/lib/data/**'],
    allowTypeImports: true,
    message:
      'Components get their data as props from the page; only lib/data touches the database. Load it in the page/layout (in parallel) and pass it in; `import type` of DTOs is fine.',
  },
];

/** lib/domain is pure logic: no framework, no I/O, no database, no request context. */
const domainMessage =
  'lib/domain is pure (no framework, I/O, database or request context) so it runs anywhere and tests without mocks; pass the data in from lib/data or the caller.';
const noImpureInDomain = [
  {
    group: ['@/lib/data', '@/lib/data/**', '@/lib/api', '@/lib/api/**'],
    message: domainMessage,
  },
  {
    group: ['next', 'next/**', 'react', 'react/**', 'react-dom', 'react-dom/**', 'pg', 'pg/**'],
    message: domainMessage,
  },
];
const impureDomainPaths = [
  'node:fs',
  'fs',
  'node:fs/promises',
  'fs/promises',
  'node:net',
  'net',
  '@/lib/auth',
  '@/lib/authz',
  '@/lib/env',
  'server-only',
].map((name) => ({
  name,
  message: domainMessage,
}));

/** lib/client and packages/ ship to browsers and other processes: nothing server-side. */
const clientMessage =
  'lib/client and packages/ run in browsers and other processes: they may use lib/domain and the read API over HTTP, never server code (database, auth, env, Next, Node built-ins).';
const noServerInClient = [
  {
    group: ['@/lib/data', '@/lib/data/**', '@/lib/api', '@/lib/api/**', 'next', 'next/**', 'node:*'],
    message: clientMessage,
  },
];
const serverClientPaths = [
  '@/lib/auth',
  '@/lib/auth-options',
  '@/lib/authz',
  '@/lib/env',
  '@/lib/page-context',
  '@/lib/action',
  'server-only',
  ...builtinModules.filter((m) => !m.startsWith('_')),
].map((name) => ({ name, message: clientMessage }));

/** The CLI: the same, minus Node's built-ins. */
const noServerInCli = [{ ...noServerInClient[0], group: noServerInClient[0].group.filter((g) => g !== 'node:*') }];
const serverCliPaths = serverClientPaths.filter(({ name }) => !builtinModules.includes(name));

/** Route folders are the top of the stack; nothing below imports from them. */
const noRoutes = [
  {
    group: ['@/app', '@/app/**'],
    message:
      'components/ and lib/ must not import from route folders (@/app/...): move shared code (e.g. server actions) to lib/ (lib/actions) and import it from there.',
  },
];

// TEMPORARY: removed when actions move to lib/actions. These components still import their server
// actions from @/app/(app)/.../actions; only the @/app rule is waived for them, nothing else.
const importsActionsFromApp = [
  'components/auth/signup-form.tsx',
  'components/editor/prompt-editor.tsx',
  'components/editor/use-draft-autosave.ts',
  'components/evaluation/run-panel.tsx',
  'components/evaluation/test-case-form.tsx',
  'components/history/restore-button.tsx',
  'components/prompts/create-prompt-form.tsx',
  'components/release/canary-form.tsx',
  'components/release/publish-button.tsx',
  'components/release/rollback-button.tsx',
  'components/release/stage-button.tsx',
  'components/review/close-review-button.tsx',
  'components/review/decision-form.tsx',
  'components/review/request-review-form.tsx',
  'components/review/update-review-button.tsx',
  'components/settings/api-keys-panel.tsx',
  'components/settings/create-workspace-form.tsx',
  'components/settings/invite-member-form.tsx',
  'components/settings/members-table.tsx',
  'components/settings/policy-form.tsx',
  'components/settings/prompt-policy-form.tsx',
  'components/settings/providers-panel.tsx',
];

function restrict(patterns, paths = []) {
  return { 'no-restricted-imports': ['error', { ...(paths.length ? { paths } : {}), patterns }] };
}

const layers = [
  {
    name: 'galley/layers: Prisma only in lib/data',
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    // scripts/ drive Prisma's schema engine (@prisma/schema-engine-wasm) for migrations.
    ignores: ['lib/data/**', 'scripts/**'],
    rules: restrict(noPrisma),
  },
  {
    name: 'galley/layers: lib/data',
    files: ['lib/data/**'],
    rules: restrict(noRoutes),
  },
  {
    name: 'galley/layers: lib',
    files: ['lib/**'],
    ignores: ['lib/data/**'],
    rules: restrict([...noPrisma, ...noRoutes]),
  },
  {
    name: 'galley/layers: components',
    files: ['components/**'],
    ignores: importsActionsFromApp,
    rules: restrict([...noPrisma, ...noDataValuesInComponents, ...noRoutes]),
  },
  {
    // TEMPORARY: removed when actions move to lib/actions (then the block above covers them).
    name: 'galley/layers: components still importing actions from app/',
    files: importsActionsFromApp,
    rules: restrict([...noPrisma, ...noDataValuesInComponents]),
  },
  {
    name: 'galley/layers: lib/domain',
    files: ['lib/domain/**'],
    rules: restrict([...noPrisma, ...noImpureInDomain, ...noRoutes], impureDomainPaths),
  },
  {
    name: 'galley/layers: lib/client and packages',
    files: ['lib/client/**', 'packages/**'],
    rules: restrict([...noPrisma, ...noServerInClient, ...noRoutes], serverClientPaths),
  },
  {
    // The galley CLI runs only in Node (files, the config directory, parseArgs), so Node's
    // built-ins are allowed there; server code stays out as in the rest of packages/.
    name: 'galley/layers: the CLI in packages/client',
    files: ['packages/client/src/cli/**', 'packages/client/bin/**', 'packages/client/build.mjs'],
    rules: restrict([...noPrisma, ...noServerInCli, ...noRoutes], serverCliPaths),
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  ...layers,
  globalIgnores([
    '.next/**',
    'packages/*/dist/**',
    'dist/**',
    'lib/generated/**',
    'node_modules/**',
    '.data/**',
    'playwright-report/**',
    'test-results/**',
    'next-env.d.ts',
  ]),
]);
