#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: nothing to build after `npm ci`.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A reader that stops early (`| head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
}

require('tsx/cjs/api').register();
const { main } = require('../cli/main.ts');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
