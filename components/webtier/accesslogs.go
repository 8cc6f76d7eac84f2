package webtier

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/privatebucket"
)

// accessLogs is the bucket the component creates for ALB access logs when the caller gives none.
type accessLogs struct {
	bucket *s3.BucketV2
	// ready is what the ALB waits for: AWS checks the bucket policy (and encryption) when access
	// logs are enabled, so both must exist before the load balancer attribute is set.
	ready []pulumi.Resource
}

// newAccessLogsBucket creates "<name>-access-logs" with the shared private-bucket recipe
// (components/internal/privatebucket: SSE-S3, the only encryption ELB access logs support; ACLs
// disabled; all public access blocked), logs expired after AccessLogs.RetentionDays, and the ELB
// log-delivery policy (AccessLogsBucketPolicy).
func newAccessLogsBucket(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, tags pulumi.StringMap, parent pulumi.ResourceOrInvokeOption) (*accessLogs, error) {
	name += "-access-logs"
	pb, err := privatebucket.New(ctx, name, privatebucket.Spec{
		ForceDestroy: a.AccessLogs.ForceDestroy,
		ExpireDays:   a.AccessLogs.RetentionDays,
		ExpireRuleID: "expire-access-logs",
		Tags:         tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	bucket := pb.Bucket

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
	policy, err := pb.AttachPolicy(ctx, name+"-policy", doc, parent)
	if err != nil {
		return nil, err
	}
	return &accessLogs{bucket: bucket, ready: []pulumi.Resource{policy, pb.Encryption}}, nil
}
