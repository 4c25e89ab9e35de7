/** The publish stage: what leaves the newsroom. Entry for http and cli. */
export * from './redact/index.js';
