/**
 * The bootstrap stack: one S3 bucket for app artifacts (and templates too large to inline), encrypted, versioned,
 * closed to the public and to plain HTTP. Deployed through the same change-set path as the layer stacks.
 */
export const BOOTSTRAP_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Description: strata bootstrap - artifacts bucket for app packages and large templates
Resources:
  ArtifactsBucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
            BucketKeyEnabled: true
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerEnforced
      VersioningConfiguration:
        Status: Enabled
      LifecycleConfiguration:
        Rules:
          - Id: ExpireOldVersions
            Status: Enabled
            NoncurrentVersionExpiration:
              NoncurrentDays: 30
  ArtifactsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref ArtifactsBucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource:
              - !GetAtt ArtifactsBucket.Arn
              - !Sub '\${ArtifactsBucket.Arn}/*'
            Condition:
              Bool:
                aws:SecureTransport: 'false'
Outputs:
  BucketName:
    Description: Artifacts bucket (app packages and large templates)
    Value: !Ref ArtifactsBucket
`;

/** The output of the bootstrap stack that names the bucket. */
export const BOOTSTRAP_BUCKET_OUTPUT = 'BucketName';
