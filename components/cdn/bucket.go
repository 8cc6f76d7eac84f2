package cdn

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// bucketSpec is what differs between the assets bucket and the log bucket.
type bucketSpec struct {
	forceDestroy   bool
	protect        bool
	versioning     bool
	noncurrentDays int // with versioning: expire old versions after this many days
	expireDays     int // > 0: expire current objects after this many days (logs)
	cors           []CorsRule
	tags           map[string]string
}

// privateBucket is a bucket nobody can make public: the S3 *V2 resources of pulumi-aws v6, named
// "<name>-encryption", "<name>-versioning" and so on after the bucket.
type privateBucket struct {
	Bucket            *s3.BucketV2
	PublicAccessBlock *s3.BucketPublicAccessBlock
	OwnershipControls *s3.BucketOwnershipControls
}

func newPrivateBucket(ctx *pulumi.Context, name string, spec bucketSpec, parent pulumi.ResourceOption) (*privateBucket, error) {
	bucketOpts := []pulumi.ResourceOption{parent}
	if spec.protect {
		bucketOpts = append(bucketOpts, pulumi.Protect(true))
	}
	// The name is left to Pulumi's auto-naming: bucket names are global, and a fixed one would
	// collide between stacks and accounts.
	bucket, err := s3.NewBucketV2(ctx, name, &s3.BucketV2Args{
		ForceDestroy: pulumi.Bool(spec.forceDestroy),
		Tags:         pulumi.ToStringMap(spec.tags),
	}, bucketOpts...)
	if err != nil {
		return nil, err
	}
	pb := &privateBucket{Bucket: bucket}

	// All four flags: no ACL or policy can make an object public (S3 User Guide, "Blocking public
	// access to your Amazon S3 storage"). CloudFront's OAC grant is not public: it names a service
	// principal and a SourceArn.
	if pb.PublicAccessBlock, err = s3.NewBucketPublicAccessBlock(ctx, name+"-public-access", &s3.BucketPublicAccessBlockArgs{
		Bucket:                bucket.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, parent); err != nil {
		return nil, err
	}
	// ACLs disabled (S3 User Guide, "Controlling ownership of objects and disabling ACLs"; the
	// default for new buckets since April 2023, so any ACL call fails). OAC needs it, and access
	// logs use CloudFront logging v2, which needs no ACL.
	if pb.OwnershipControls, err = s3.NewBucketOwnershipControls(ctx, name+"-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.ID(),
		Rule:   &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, parent); err != nil {
		return nil, err
	}
	// SSE-S3, never SSE-KMS: CloudFront's OAC would need a key-policy grant, and the key ↔ bucket
	// ↔ distribution references form a dependency cycle (CloudFront Developer Guide, "Restrict
	// access to an Amazon S3 origin", SSE-KMS section).
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, name+"-encryption", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{
			&s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
				ApplyServerSideEncryptionByDefault: &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
					SseAlgorithm: pulumi.String("AES256"),
				},
			},
		},
	}, parent); err != nil {
		return nil, err
	}

	lifecycleOpts := []pulumi.ResourceOption{parent}
	if spec.versioning {
		versioning, err := s3.NewBucketVersioningV2(ctx, name+"-versioning", &s3.BucketVersioningV2Args{
			Bucket:                  bucket.ID(),
			VersioningConfiguration: &s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
		}, parent)
		if err != nil {
			return nil, err
		}
		// Lifecycle rules on versions apply once versioning is on (pulumi-aws docs for
		// BucketLifecycleConfigurationV2 recommend this dependency).
		lifecycleOpts = append(lifecycleOpts, pulumi.DependsOn([]pulumi.Resource{versioning}))
	}

	rules := s3.BucketLifecycleConfigurationV2RuleArray{
		&s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:     pulumi.String("abort-incomplete-uploads"),
			Status: pulumi.String("Enabled"),
			Filter: &s3.BucketLifecycleConfigurationV2RuleFilterArgs{},
			AbortIncompleteMultipartUpload: &s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{
				DaysAfterInitiation: pulumi.Int(7),
			},
		},
	}
	if spec.versioning {
		rules = append(rules, &s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:     pulumi.String("expire-noncurrent-versions"),
			Status: pulumi.String("Enabled"),
			Filter: &s3.BucketLifecycleConfigurationV2RuleFilterArgs{},
			NoncurrentVersionExpiration: &s3.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs{
				NoncurrentDays: pulumi.Int(spec.noncurrentDays),
			},
		})
	}
	if spec.expireDays > 0 {
		rules = append(rules, &s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:         pulumi.String("expire-objects"),
			Status:     pulumi.String("Enabled"),
			Filter:     &s3.BucketLifecycleConfigurationV2RuleFilterArgs{},
			Expiration: &s3.BucketLifecycleConfigurationV2RuleExpirationArgs{Days: pulumi.Int(spec.expireDays)},
		})
	}
	if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, name+"-lifecycle", &s3.BucketLifecycleConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules:  rules,
	}, lifecycleOpts...); err != nil {
		return nil, err
	}

	if len(spec.cors) > 0 {
		corsRules := make(s3.BucketCorsConfigurationV2CorsRuleArray, 0, len(spec.cors))
		for _, r := range spec.cors {
			corsRules = append(corsRules, &s3.BucketCorsConfigurationV2CorsRuleArgs{
				AllowedOrigins: pulumi.ToStringArray(r.AllowedOrigins),
				AllowedMethods: pulumi.ToStringArray(r.AllowedMethods),
				AllowedHeaders: pulumi.ToStringArray(r.AllowedHeaders),
				ExposeHeaders:  pulumi.ToStringArray(r.ExposeHeaders),
				MaxAgeSeconds:  pulumi.Int(r.MaxAgeSeconds),
			})
		}
		if _, err := s3.NewBucketCorsConfigurationV2(ctx, name+"-cors", &s3.BucketCorsConfigurationV2Args{
			Bucket:    bucket.ID(),
			CorsRules: corsRules,
		}, parent); err != nil {
			return nil, err
		}
	}
	return pb, nil
}

// attachPolicy sets the bucket's one policy from a document built once its ARNs are known. It
// waits for the public access block and ownership controls, so S3 evaluates the policy against
// the final settings (and PutBucketPolicy never races the block).
func (pb *privateBucket) attachPolicy(ctx *pulumi.Context, name string, doc pulumi.StringOutput, parent pulumi.ResourceOption) (*s3.BucketPolicy, error) {
	return s3.NewBucketPolicy(ctx, name, &s3.BucketPolicyArgs{
		Bucket: pb.Bucket.ID(),
		Policy: doc,
	}, parent, pulumi.DependsOn([]pulumi.Resource{pb.PublicAccessBlock, pb.OwnershipControls}))
}

// policyJSON renders a policy document from two ARNs known after deployment.
func policyJSON(first, second pulumi.StringOutput, build func(a, b string) PolicyDocument) pulumi.StringOutput {
	return pulumi.All(first, second).ApplyT(func(v []any) (string, error) {
		return build(v[0].(string), v[1].(string)).JSON()
	}).(pulumi.StringOutput)
}
