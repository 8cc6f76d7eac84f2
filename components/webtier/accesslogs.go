package webtier

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// abortIncompleteUploadDays cleans up multipart uploads that never finished.
const abortIncompleteUploadDays = 7

// accessLogs is the bucket the component creates for ALB access logs when the caller gives none.
type accessLogs struct {
	bucket *s3.BucketV2
	// ready is what the ALB waits for: AWS checks the bucket policy (and encryption) when access
	// logs are enabled, so both must exist before the load balancer attribute is set.
	ready []pulumi.Resource
}

// newAccessLogsBucket creates "<name>-access-logs": a private SSE-S3 bucket (the only encryption
// ELB access logs support), ACLs disabled, all public access blocked, logs expired after
// AccessLogs.RetentionDays, and the ELB log-delivery policy (AccessLogsBucketPolicy). The S3 *V2
// resources of pulumi-aws v6 are named after the bucket, as components/cdn names its buckets'.
func newAccessLogsBucket(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, tags pulumi.StringMap, parent pulumi.ResourceOrInvokeOption) (*accessLogs, error) {
	name += "-access-logs"
	// Auto-named: bucket names are global, a fixed one would collide between stacks and accounts.
	bucket, err := s3.NewBucketV2(ctx, name, &s3.BucketV2Args{
		ForceDestroy: pulumi.Bool(a.AccessLogs.ForceDestroy),
		Tags:         tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	// All four flags (S3 User Guide, "Blocking public access to your Amazon S3 storage"): the ELB
	// grant names one account or service, which is not public.
	pab, err := s3.NewBucketPublicAccessBlock(ctx, name+"-public-access", &s3.BucketPublicAccessBlockArgs{
		Bucket:                bucket.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, parent)
	if err != nil {
		return nil, err
	}
	// ACLs disabled: ALB log delivery needs no ACL, and every object belongs to the bucket owner.
	ownership, err := s3.NewBucketOwnershipControls(ctx, name+"-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.ID(),
		Rule:   &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, parent)
	if err != nil {
		return nil, err
	}
	// SSE-S3 only: ELB access logs do not support SSE-KMS (ELB user guide, "Enable access logs",
	// bucket requirements).
	encryption, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, name+"-encryption", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{
			&s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
				ApplyServerSideEncryptionByDefault: &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
					SseAlgorithm: pulumi.String("AES256"),
				},
			},
		},
	}, parent)
	if err != nil {
		return nil, err
	}
	if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, name+"-lifecycle", &s3.BucketLifecycleConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketLifecycleConfigurationV2RuleArray{
			&s3.BucketLifecycleConfigurationV2RuleArgs{
				Id:         pulumi.String("expire-access-logs"),
				Status:     pulumi.String("Enabled"),
				Filter:     &s3.BucketLifecycleConfigurationV2RuleFilterArgs{},
				Expiration: &s3.BucketLifecycleConfigurationV2RuleExpirationArgs{Days: pulumi.Int(a.AccessLogs.RetentionDays)},
			},
			&s3.BucketLifecycleConfigurationV2RuleArgs{
				Id:     pulumi.String("abort-incomplete-uploads"),
				Status: pulumi.String("Enabled"),
				Filter: &s3.BucketLifecycleConfigurationV2RuleFilterArgs{},
				AbortIncompleteMultipartUpload: &s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{
					DaysAfterInitiation: pulumi.Int(abortIncompleteUploadDays),
				},
			},
		},
	}, parent); err != nil {
		return nil, err
	}

	// The Region decides the principal (an ELB account before August 2022, the log-delivery
	// service after), and the account ID scopes the grant to this account's AWSLogs/ keys. Both
	// invokes run with the component's provider, so they answer for the ALB's own Region.
	region := aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, parent).Name()
	account := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, parent).AccountId()
	prefix := a.AccessLogs.Prefix
	doc := pulumi.All(bucket.Arn, account, region).ApplyT(func(v []any) (string, error) {
		policy, err := AccessLogsBucketPolicy(v[0].(string), prefix, v[1].(string), v[2].(string))
		if err != nil {
			return "", err
		}
		return policy.JSON()
	}).(pulumi.StringOutput)
	// After the public access block and ownership controls, so S3 evaluates the policy against
	// the final settings and PutBucketPolicy never races the block.
	policy, err := s3.NewBucketPolicy(ctx, name+"-policy", &s3.BucketPolicyArgs{
		Bucket: bucket.ID(),
		Policy: doc,
	}, parent, pulumi.DependsOn([]pulumi.Resource{pab, ownership}))
	if err != nil {
		return nil, err
	}
	return &accessLogs{bucket: bucket, ready: []pulumi.Resource{policy, encryption}}, nil
}
