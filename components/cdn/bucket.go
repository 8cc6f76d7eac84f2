package cdn

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/privatebucket"
)

// bucketSpec is what differs between the assets bucket and the log bucket.
type bucketSpec struct {
	privatebucket.Spec
	cors []CorsRule
}

// newPrivateBucket is the shared private-bucket recipe (components/internal/privatebucket) plus
// the assets bucket's CORS rules, "<name>-cors".
func newPrivateBucket(ctx *pulumi.Context, name string, spec bucketSpec, parent pulumi.ResourceOption) (*privatebucket.Bucket, error) {
	pb, err := privatebucket.New(ctx, name, spec.Spec, parent)
	if err != nil {
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
			Bucket:    pb.Bucket.ID(),
			CorsRules: corsRules,
		}, parent); err != nil {
			return nil, err
		}
	}
	return pb, nil
}

// policyJSON renders a policy document from two ARNs known after deployment.
func policyJSON(first, second pulumi.StringOutput, build func(a, b string) PolicyDocument) pulumi.StringOutput {
	return pulumi.All(first, second).ApplyT(func(v []any) (string, error) {
		return build(v[0].(string), v[1].(string)).JSON()
	}).(pulumi.StringOutput)
}
