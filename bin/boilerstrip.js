#!/usr/bin/env node
import { main } from "../dist/cli/main.js";

// `boilerstrip rules list | head`: a closed pipe ends the output quietly, as for other Unix tools.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
