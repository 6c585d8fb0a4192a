#!/usr/bin/env node
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A reader that stops early (`| head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
}

// A clone runs its TypeScript sources through tsx: nothing to build after `npm ci`, and what you edit is what runs,
// never an older dist/. The installed package holds no sources, only the JavaScript `npm pack` compiled (prepack).
const fromSource = require('node:fs').existsSync(require('node:path').join(__dirname, '..', 'cli', 'main.ts'));
if (fromSource) require('tsx/cjs/api').register();
const { main } = require(fromSource ? '../cli/main.ts' : '../dist/cli/main.js');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
