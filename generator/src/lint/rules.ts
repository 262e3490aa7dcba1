import { albHttpOnly, rdpOpenToWorld, sshOpenToWorld } from './rules-network';
import { iamWildcardAction, iamWildcardResource, imdsV1Allowed } from './rules-access';
import {
  alarmNoAction,
  albWeakTlsPolicy,
  logGroupNoRetention,
  wafNoLogging,
} from './rules-operate';
import { plaintextSecret } from './rules-secrets';
import {
  bucketPublicAccess,
  bucketUnencrypted,
  dbBackupRetention,
  dbDeletionProtection,
  dbPublic,
  dbUnencrypted,
  ebsUnencrypted,
} from './rules-storage';
import type { LintRule, Severity } from './types';

/** Every security and reliability rule, in the order the README lists them. */
export const SECURITY_RULES: readonly LintRule[] = [
  sshOpenToWorld,
  rdpOpenToWorld,
  dbPublic,
  dbUnencrypted,
  ebsUnencrypted,
  imdsV1Allowed,
  iamWildcardAction,
  iamWildcardResource,
  plaintextSecret,
  albHttpOnly,
  albWeakTlsPolicy,
  dbDeletionProtection,
  dbBackupRetention,
  bucketUnencrypted,
  bucketPublicAccess,
  logGroupNoRetention,
  alarmNoAction,
  wafNoLogging,
];

/** The schema and limit checks, described like rules so they can be listed and suppressed the same way. */
export const SCHEMA_RULES: ReadonlyArray<{ id: string; severity: Severity; summary: string }> = [
  {
    id: 'UNKNOWN_RESOURCE_TYPE',
    severity: 'error',
    summary: 'resource type not in the CloudFormation schemas',
  },
  {
    id: 'UNKNOWN_PROPERTY',
    severity: 'error',
    summary: 'property not defined for the resource type (or nested type)',
  },
  { id: 'MISSING_REQUIRED_PROPERTY', severity: 'error', summary: 'required property missing' },
  {
    id: 'PROPERTY_TYPE',
    severity: 'error',
    summary: 'value of the wrong type (string, integer, boolean, list, object...)',
  },
  { id: 'PROPERTY_ENUM', severity: 'error', summary: 'value not among the allowed values' },
  { id: 'PROPERTY_PATTERN', severity: 'error', summary: 'malformed CIDR block or port' },
  {
    id: 'UNKNOWN_ATTRIBUTE',
    severity: 'error',
    summary: 'GetAtt (or ${Res.Attr} in Sub) names an attribute the type does not have',
  },
  {
    id: 'UNKNOWN_REF',
    severity: 'error',
    summary: 'Ref, GetAtt, Sub, DependsOn, a condition or a mapping names nothing in the template',
  },
  {
    id: 'INVALID_PARAMETER',
    severity: 'error',
    summary:
      'parameter without a supported Type, or a Default outside its AllowedValues/AllowedPattern',
  },
  {
    id: 'INVALID_OUTPUT',
    severity: 'error',
    summary: 'output without a Value, or an Export without a Name',
  },
  {
    id: 'TEMPLATE_TOO_LARGE',
    severity: 'error',
    summary: 'template over 1 MB (info over the 51,200-byte inline limit)',
  },
  { id: 'TOO_MANY_RESOURCES', severity: 'error', summary: 'more than 500 resources' },
  { id: 'TOO_MANY_PARAMETERS', severity: 'error', summary: 'more than 200 parameters' },
  { id: 'TOO_MANY_OUTPUTS', severity: 'error', summary: 'more than 200 outputs' },
  { id: 'TOO_MANY_MAPPINGS', severity: 'error', summary: 'more than 200 mappings' },
  {
    id: 'INVALID_LOGICAL_ID',
    severity: 'error',
    summary: 'logical id not alphanumeric, over 255 characters, or used twice',
  },
];
