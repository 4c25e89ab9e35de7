/** The publish stage's entry: what http, cli and jobs may import (verify, translate, redact, story and site add theirs). */
export * from './translate/index.js';
