import { execFile } from 'node:child_process';

/**
 * Run a program (poppler's pdftotext, pdfinfo, pdftoppm, pdfdetach) and return its standard output;
 * a failure or a timeout rejects with what it said. The check depends on these being another
 * implementation than MuPDF, which wrote the file.
 */
export function runProgram(command: string, args: string[], timeoutMs = 120_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'buffer', timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr.toString('utf8').trim() || error.message}`));
      else resolve(stdout);
    });
  });
}
