#!/usr/bin/env node
// layerwise-conformance: the conformance matrix for one or more backends (see --help).
import { main } from '../dist/cli/main.js';

const code = await main(process.argv.slice(2));
// Exit explicitly: a backend may hold handles (a GPU device, worker threads) that would keep Node alive.
process.exit(code);
