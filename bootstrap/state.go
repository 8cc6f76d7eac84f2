package main

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Run is the whole bootstrap program: `pulumi up` runs it through main, tests under mocks.
func Run(ctx *pulumi.Context) error {
	cfg, err := LoadConfig(ctx)
	if err != nil {
		return err
	}
	outputs, err := Deploy(ctx, cfg)
	if err != nil {
		return err
	}
	for k, v := range outputs {
		ctx.Export(k, v)
	}
	return nil
}

// Deploy creates the key, the state bucket and its settings (and the CI roles when a GitHub
// repository is configured) and returns the stack outputs a teammate and CI need.
func Deploy(ctx *pulumi.Context, cfg Config) (pulumi.Map, error) {
	stateful := []pulumi.ResourceOption{}
	if cfg.Protect {
		// Losing the bucket loses every stack's state; losing the key or its alias makes every
		// stack's awskms://alias/… secrets unreadable; losing a bucket setting makes state public,
		// unencrypted or unversioned. None may go with a `pulumi destroy` of this program, and a
		// change that would replace one (renaming the alias) stops at the protection.
		stateful = append(stateful, pulumi.Protect(true), pulumi.RetainOnDelete(true))
	}

	key, err := kms.NewKey(ctx, "tenk-state-key", &kms.KeyArgs{
		Description:       pulumi.String("tenk: Pulumi state bucket encryption and awskms:// stack secrets"),
		EnableKeyRotation: pulumi.Bool(true),
		// The longest waiting period (KMS ScheduleKeyDeletion: 7–30 days) to undo a mistaken deletion.
		DeletionWindowInDays: pulumi.Int(30),
	}, stateful...)
	if err != nil {
		return nil, err
	}
	if _, err := kms.NewAlias(ctx, "tenk-state-key-alias", &kms.AliasArgs{
		Name:        pulumi.String(cfg.SecretsAlias),
		TargetKeyId: key.KeyId,
	}, stateful...); err != nil {
		return nil, err
	}

	bucket, err := s3.NewBucketV2(ctx, "tenk-state", &s3.BucketV2Args{
		// Never deleted with objects in it, whatever the protect setting.
		ForceDestroy: pulumi.Bool(false),
	}, stateful...)
	if err != nil {
		return nil, err
	}
	if err := bucketSettings(ctx, cfg, bucket, key, stateful); err != nil {
		return nil, err
	}

	loginURL := bucket.Bucket.ApplyT(func(b string) string { return LoginURL(b, cfg.Region) }).(pulumi.StringOutput)
	secrets := SecretsProvider(cfg.SecretsAlias, cfg.Region)
	outputs := pulumi.Map{
		"stateBucketName": bucket.Bucket,
		"kmsKeyArn":       key.Arn,
		"secretsAlias":    pulumi.String(cfg.SecretsAlias),
		// PULUMI_BACKEND_URL and PULUMI_SECRETS_PROVIDER for scripts/up.sh and CI.
		"loginUrl":         loginURL,
		"secretsProvider":  pulumi.String(secrets),
		"loginCommand":     pulumi.Sprintf("pulumi login '%s'", loginURL),
		"stackInitCommand": pulumi.String(fmt.Sprintf("pulumi stack init <stack> --secrets-provider '%s'", secrets)),
		"stateAccessPolicy": pulumi.All(bucket.Arn, key.Arn).ApplyT(func(v []any) string {
			return StateAccessPolicy(v[0].(string), v[1].(string))
		}).(pulumi.StringOutput),
	}

	if cfg.GitHubRepository != "" {
		if err := githubRoles(ctx, cfg, bucket, key, outputs); err != nil {
			return nil, err
		}
	}
	return outputs, nil
}

// bucketSettings makes the bucket private, TLS-only, SSE-KMS with the key, versioned, and expires
// old versions of state files.
func bucketSettings(ctx *pulumi.Context, cfg Config, bucket *s3.BucketV2, key *kms.Key, stateful []pulumi.ResourceOption) error {
	if _, err := s3.NewBucketPublicAccessBlock(ctx, "tenk-state-public-access", &s3.BucketPublicAccessBlockArgs{
		Bucket:                bucket.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, stateful...); err != nil {
		return err
	}
	if _, err := s3.NewBucketOwnershipControls(ctx, "tenk-state-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.ID(),
		Rule:   &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, stateful...); err != nil {
		return err
	}
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, "tenk-state-encryption", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{&s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
			ApplyServerSideEncryptionByDefault: &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
				SseAlgorithm:   pulumi.String("aws:kms"),
				KmsMasterKeyId: key.Arn,
			},
			// S3 Bucket Keys cut KMS requests (and their cost) for every state write.
			BucketKeyEnabled: pulumi.Bool(true),
		}},
	}, stateful...); err != nil {
		return err
	}
	versioning, err := s3.NewBucketVersioningV2(ctx, "tenk-state-versioning", &s3.BucketVersioningV2Args{
		Bucket:                  bucket.ID(),
		VersioningConfiguration: &s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
	}, stateful...)
	if err != nil {
		return err
	}
	expiration := &s3.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs{
		NoncurrentDays: pulumi.Int(cfg.NoncurrentVersionDays),
	}
	if cfg.NoncurrentVersionsKept > 0 {
		expiration.NewerNoncurrentVersions = pulumi.Int(cfg.NoncurrentVersionsKept)
	}
	if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, "tenk-state-lifecycle", &s3.BucketLifecycleConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketLifecycleConfigurationV2RuleArray{&s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:     pulumi.String("expire-old-state-versions"),
			Status: pulumi.String("Enabled"),
			// An empty filter applies the rule to every object.
			Filter:                      &s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String("")},
			NoncurrentVersionExpiration: expiration,
			// Every released lock and every removed stack leaves a delete marker; once its
			// noncurrent versions have expired, S3 removes it (S3 user guide, "Removing expired
			// object delete markers"). It cannot share an Expiration with Days or Date.
			Expiration:                     &s3.BucketLifecycleConfigurationV2RuleExpirationArgs{ExpiredObjectDeleteMarker: pulumi.Bool(true)},
			AbortIncompleteMultipartUpload: &s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{DaysAfterInitiation: pulumi.Int(7)},
		}},
		// S3 rejects lifecycle rules on noncurrent versions until versioning is on.
	}, append(slices.Clip(stateful), pulumi.DependsOn([]pulumi.Resource{versioning}))...); err != nil {
		return err
	}
	_, err = s3.NewBucketPolicy(ctx, "tenk-state-policy", &s3.BucketPolicyArgs{
		Bucket: bucket.ID(),
		Policy: bucket.Arn.ApplyT(TLSOnlyBucketPolicy).(pulumi.StringOutput),
	}, stateful...)
	return err
}
