/**
 * MuPDF (the `mupdf` npm package: WebAssembly, AGPL like Dossier) is loaded on first use, not when
 * the command line starts: its module compiles ~10 MB of WebAssembly.
 */
import type * as MupdfModule from 'mupdf';

export type Mupdf = typeof MupdfModule;

let loading: Promise<Mupdf> | null = null;

export function loadMupdf(): Promise<Mupdf> {
  loading ??= import('mupdf');
  return loading;
}
