import { regionRule, secretIdRule, sourceBucketRule, stackNameRule } from './aws-rules';
import { actionRule, findingTypeRule, minSeverityRule } from './policy-rules';
import { problemOf } from './rule';
import { approverRule, botTokenRule, channelRule, teamIdRule } from './slack-rules';

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
const validateSourceBucket = problemOf(sourceBucketRule);
const validateStackName = problemOf(stackNameRule);
const validateSecretId = problemOf(secretIdRule);
const validateRegion = problemOf(regionRule);
const validateBotToken = problemOf(botTokenRule);

export {
  validateAction,
  validateApprover,
  validateBotToken,
  validateChannel,
  validateFindingType,
  validateMinSeverity,
  validateRegion,
  validateSecretId,
  validateSourceBucket,
  validateStackName,
  validateTeamId,
};
