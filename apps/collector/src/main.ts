/** Collector process entry point (wiring only; see libs). */
process.stderr.write('collector: not built yet\n');
process.exitCode = 1;
