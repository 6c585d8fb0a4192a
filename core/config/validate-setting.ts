import { bucketNameRule, regionRule, secretIdRule, stackNameRule } from './aws-rules';
import { actionRule, findingTypeRule, minSeverityRule } from './policy-rules';
import { problemOf } from './rule';
import { approverRule, botTokenRule, channelRule, signingSecretRule, teamIdRule, webhookUrlRule } from './slack-rules';

/*
 * One value at a time, as `init` prompts for it: each returns what is wrong (`must be LOW, MEDIUM or HIGH`),
 * or undefined when the value is fine. The loader applies the same rules.
 */
const validateMinSeverity = problemOf(minSeverityRule);
const validateFindingType = problemOf(findingTypeRule);
const validateAction = problemOf(actionRule);
const validateChannel = problemOf(channelRule);
const validateTeamId = problemOf(teamIdRule);
const validateApprover = problemOf(approverRule);
const validateBucketName = problemOf(bucketNameRule);
const validateStackName = problemOf(stackNameRule);
const validateSecretId = problemOf(secretIdRule);
const validateRegion = problemOf(regionRule);
const validateBotToken = problemOf(botTokenRule);
const validateSigningSecret = problemOf(signingSecretRule);
const validateWebhookUrl = problemOf(webhookUrlRule);

export {
  validateAction,
  validateApprover,
  validateBotToken,
  validateBucketName,
  validateChannel,
  validateFindingType,
  validateMinSeverity,
  validateRegion,
  validateSecretId,
  validateSigningSecret,
  validateStackName,
  validateTeamId,
  validateWebhookUrl,
};
