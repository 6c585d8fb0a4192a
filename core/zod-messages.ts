import { en } from 'zod/locales';
import { config } from 'zod/mini';

/**
 * The core's schemas use zod/mini: full zod builds every schema method at load, which the Lambdas paid on
 * each cold start (BENCHMARKS.md, "Module load"). zod/mini carries no messages of its own, so each schema
 * module imports this one for full zod's English messages: an issue reads as before ("Too small: …").
 * (Schema modules import `zod/mini` themselves: a re-exported namespace would bundle all of it.)
 */
config(en());
