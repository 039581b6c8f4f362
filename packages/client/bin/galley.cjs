#!/usr/bin/env node
// The `galley` executable. The CLI itself is bundled into dist/cli/galley.cjs by build.mjs (in a
// checkout of the repository, by `npm install`'s postinstall); this file exists before that
// build so that npm can link the bin on a fresh install.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry, on purpose
require('../dist/cli/galley.cjs');
