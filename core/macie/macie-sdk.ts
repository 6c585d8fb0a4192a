/**
 * What "Dismiss and suppress similar" takes from @aws-sdk/client-macie2, required at the first such click
 * (suppressionsOnFirstUse) rather than imported: the click handler loads it only when a suppression is asked for.
 */
export { Macie2Client } from '@aws-sdk/client-macie2';
export { MacieSuppressions } from './MacieSuppressions';
