#!/usr/bin/env node
// The `galley` executable. The CLI itself is bundled into dist/cli/galley.cjs by build.mjs (in a
// checkout of the repository, by `npm install`'s postinstall); this file exists before that
// build so that npm can link the bin on a fresh install.
require('../dist/cli/galley.cjs');
