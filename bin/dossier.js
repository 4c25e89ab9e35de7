#!/usr/bin/env node
// The published entry point: the compiled CLI lives in dist/ (built by `npm install` via `prepare`).
import { runCli } from '../dist/main.js';

await runCli(process.argv);
