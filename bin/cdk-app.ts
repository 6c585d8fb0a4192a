#!/usr/bin/env node
import { RemediateError } from '../core/errors';
import { createApp } from '../infra/app';

// Entry of `cdk.json`'s "app". A configuration error prints its list of problems, not a stack trace.
try {
  createApp().app.synth();
} catch (err) {
  if (!RemediateError.isUserError(err)) throw err;
  console.error(err.message);
  process.exitCode = 2;
}
