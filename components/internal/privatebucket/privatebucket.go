// Package privatebucket is the one recipe for an S3 bucket nobody can make public, shared by
// the CDN's assets and log buckets and the web tier's ALB access-log bucket: the S3 *V2
// resources of pulumi-aws v6, named "<name>-public-access", "<name>-ownership",
// "<name>-encryption", "<name>-versioning" and "<name>-lifecycle" after the bucket "<name>", and
// a policy that denies every request not made over TLS (iampolicy.DenyInsecureTransport).
package privatebucket

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// abortIncompleteUploadDays cleans up multipart uploads that never finished.
const abortIncompleteUploadDays = 7

// Spec is what differs between tenk's buckets.
type Spec struct {
	// ForceDestroy lets a destroy delete a bucket that still holds objects.
	ForceDestroy bool
	// Versioning keeps old versions of objects, expired after NoncurrentDays.
	Versioning bool
	// NoncurrentDays expires old versions this many days after they are replaced (with
	// Versioning).
	NoncurrentDays int
	// ExpireDays > 0 expires current objects this many days after they are written (logs).
	ExpireDays int
	// ExpireRuleID names the lifecycle rule ExpireDays makes. Default: "expire-objects".
	ExpireRuleID string
	// Tags are the bucket's tags.
	Tags pulumi.StringMapInput
}

// Bucket is the bucket and the children other resources wait for.
type Bucket struct {
	// Bucket is the bucket itself.
	Bucket *s3.BucketV2
	// PublicAccessBlock and OwnershipControls come before the bucket policy (AttachPolicy).
	PublicAccessBlock *s3.BucketPublicAccessBlock
	// OwnershipControls disables ACLs.
	OwnershipControls *s3.BucketOwnershipControls
	// Encryption is SSE-S3 by default; ALB log delivery checks it.
	Encryption *s3.BucketServerSideEncryptionConfigurationV2
}

// New creates the bucket "<name>" and its settings, each with opts (the parent). The bucket is
// stateful: the component's protect.Register option protects it when the stack asks.
func New(ctx *pulumi.Context, name string, spec Spec, opts ...pulumi.ResourceOption) (*Bucket, error) {
	// The name is left to Pulumi's auto-naming: bucket names are global, and a fixed one would
	// collide between stacks and accounts.
	bucket, err := s3.NewBucketV2(ctx, name, &s3.BucketV2Args{
		ForceDestroy: pulumi.Bool(spec.ForceDestroy),
		Tags:         spec.Tags,
	}, opts...)
	if err != nil {
		return nil, err
	}
	b := &Bucket{Bucket: bucket}

	// All four flags: no ACL or policy can make an object public (S3 User Guide, "Blocking public
	// access to your Amazon S3 storage"). Grants to a service principal with a SourceArn or to
	// one account (CloudFront OAC, ELB log delivery) are not public.
	if b.PublicAccessBlock, err = s3.NewBucketPublicAccessBlock(ctx, name+"-public-access", &s3.BucketPublicAccessBlockArgs{
		Bucket:                bucket.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, opts...); err != nil {
		return nil, err
	}
	// ACLs disabled (S3 User Guide, "Controlling ownership of objects and disabling ACLs"; the
	// default for new buckets since April 2023, so any ACL call fails). OAC, CloudFront logging
	// v2 and ALB log delivery need no ACL, and every object belongs to the bucket owner.
	if b.OwnershipControls, err = s3.NewBucketOwnershipControls(ctx, name+"-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.ID(),
		Rule:   &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, opts...); err != nil {
		return nil, err
	}
	// SSE-S3, never SSE-KMS: CloudFront's OAC would need a key-policy grant, and the key ↔ bucket
	// ↔ distribution references form a dependency cycle (CloudFront Developer Guide, "Restrict
	// access to an Amazon S3 origin", SSE-KMS section); ELB access logs support SSE-S3 only (ELB
	// user guide, "Enable access logs", bucket requirements).
	if b.Encryption, err = s3.NewBucketServerSideEncryptionConfigurationV2(ctx, name+"-encryption", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{
			&s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
				ApplyServerSideEncryptionByDefault: &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
					SseAlgorithm: pulumi.String("AES256"),
				},
			},
		},
	}, opts...); err != nil {
		return nil, err
	}

	lifecycleOpts := append([]pulumi.ResourceOption{}, opts...)
	if spec.Versioning {
		versioning, err := s3.NewBucketVersioningV2(ctx, name+"-versioning", &s3.BucketVersioningV2Args{
			Bucket:                  bucket.ID(),
			VersioningConfiguration: &s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
		}, opts...)
		if err != nil {
			return nil, err
		}
		// Lifecycle rules on versions apply once versioning is on (pulumi-aws docs for
		// BucketLifecycleConfigurationV2 recommend this dependency).
		lifecycleOpts = append(lifecycleOpts, pulumi.DependsOn([]pulumi.Resource{versioning}))
	}
	if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, name+"-lifecycle", &s3.BucketLifecycleConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules:  lifecycleRules(spec),
	}, lifecycleOpts...); err != nil {
		return nil, err
	}
	return b, nil
}

// lifecycleRules always abort incomplete uploads, expire old versions with versioning, and
// expire objects when the spec says so.
func lifecycleRules(spec Spec) s3.BucketLifecycleConfigurationV2RuleArray {
	rules := s3.BucketLifecycleConfigurationV2RuleArray{
		&s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:     pulumi.String("abort-incomplete-uploads"),
			Status: pulumi.String("Enabled"),
			Filter: &s3.BucketLifecycleConfigurationV2RuleFilterArgs{},
			AbortIncompleteMultipartUpload: &s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{
				DaysAfterInitiation: pulumi.Int(abortIncompleteUploadDays),
			},
		},
	}
	if spec.Versioning {
		rules = append(rules, &s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:     pulumi.String("expire-noncurrent-versions"),
			Status: pulumi.String("Enabled"),
			Filter: &s3.BucketLifecycleConfigurationV2RuleFilterArgs{},
			NoncurrentVersionExpiration: &s3.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs{
				NoncurrentDays: pulumi.Int(spec.NoncurrentDays),
			},
		})
	}
	if spec.ExpireDays > 0 {
		id := spec.ExpireRuleID
		if id == "" {
			id = "expire-objects"
		}
		rules = append(rules, &s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:         pulumi.String(id),
			Status:     pulumi.String("Enabled"),
			Filter:     &s3.BucketLifecycleConfigurationV2RuleFilterArgs{},
			Expiration: &s3.BucketLifecycleConfigurationV2RuleExpirationArgs{Days: pulumi.Int(spec.ExpireDays)},
		})
	}
	return rules
}

// AttachPolicy sets the bucket's one policy, "<policyName>". It waits for the public access
// block and ownership controls, so S3 evaluates the policy against the final settings (and
// PutBucketPolicy never races the block). The document must deny insecure transport
// (iampolicy.DenyInsecureTransport), as every tenk bucket does.
func (b *Bucket) AttachPolicy(ctx *pulumi.Context, policyName string, document pulumi.StringInput, opts ...pulumi.ResourceOption) (*s3.BucketPolicy, error) {
	return s3.NewBucketPolicy(ctx, policyName, &s3.BucketPolicyArgs{
		Bucket: b.Bucket.ID(),
		Policy: document,
	}, append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn([]pulumi.Resource{b.PublicAccessBlock, b.OwnershipControls}))...)
}
