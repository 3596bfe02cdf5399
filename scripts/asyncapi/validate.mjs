// Validates an AsyncAPI document with @asyncapi/parser: the parser and Spectral ruleset that
// `asyncapi validate` (@asyncapi/cli) runs, without the CLI's generator, telemetry and
// hundreds of other packages. Prints every diagnostic; fails on errors and warnings.
import { Parser, fromFile } from '@asyncapi/parser';

const path = process.argv[2];
if (!path) {
  console.error('usage: node validate.mjs <asyncapi.json>');
  process.exit(2);
}
const severities = ['error', 'warning', 'info', 'hint'];
const { document, diagnostics } = await fromFile(new Parser(), path).parse();
for (const d of diagnostics) {
  console.log(`${severities[d.severity]} ${d.code} at ${d.path.join('.') || '(root)'}: ${d.message}`);
}
const failed = !document || diagnostics.some((d) => d.severity <= 1);
console.log(failed ? `${path}: not valid` : `${path}: valid AsyncAPI ${document.version()}`);
process.exit(failed ? 1 : 0);
