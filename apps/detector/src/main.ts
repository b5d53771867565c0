/** Detector process entry point (wiring only; see libs/pipeline). */
process.stderr.write('detector: not built yet\n');
process.exitCode = 1;
