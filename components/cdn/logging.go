package cdn

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/awsprovider"
	"github.com/tenkstack/tenk/components/internal/privatebucket"
)

// logSuffixPath partitions log files per distribution and hour (CloudFront Developer Guide,
// "Configure standard logging (v2)", partitioning variables).
const logSuffixPath = "{DistributionId}/{yyyy}/{MM}/{dd}/{HH}"

// LogKeyPrefix is what CloudWatch Logs puts before logSuffixPath when it creates a delivery from a
// CloudFront source: log files land under AWSLogs/<account>/CloudFront/<distribution>/yyyy/MM/dd/HH/.
const LogKeyPrefix = "AWSLogs/{account-id}/CloudFront/"

// suffixPathField is the delivery input AWS rewrites on create (it stores LogKeyPrefix +
// logSuffixPath, and drops the prefix again on a later update), so it is ignored after creation:
// otherwise every refresh shows drift and the next `pulumi up` "fixes" it by moving the logs
// (hashicorp/terraform-provider-aws#40968 and #46328).
const suffixPathField = "s3DeliveryConfigurations[0].suffixPath"

// accessLogs sends the distribution's access logs to a private log bucket with CloudFront
// standard logging v2: a CloudWatch Logs delivery source, destination and delivery, which must
// be created in us-east-1 (CloudFront Developer Guide, "Configure standard logging (v2)"). Legacy
// standard logging is not used: it needs an ACL-enabled bucket, which new buckets refuse since
// April 2023. The log bucket is not versioned: log files are written once and expire.
func accessLogs(ctx *pulumi.Context, name string, a StaticAssetsCdnArgs, dist *cloudfront.Distribution, usEast1 pulumi.ProviderResource, parent pulumi.ResourceOption) (*s3.BucketV2, error) {
	logs, err := newPrivateBucket(ctx, name+"-logs", bucketSpec{
		Spec: privatebucket.Spec{
			ForceDestroy: a.ForceDestroy,
			ExpireDays:   a.AccessLogRetentionDays,
			Tags:         pulumi.ToStringMap(a.Tags),
		},
	}, parent)
	if err != nil {
		return nil, err
	}
	inUsEast1 := awsprovider.Option(usEast1)
	source, err := cloudwatch.NewLogDeliverySource(ctx, name+"-log-source", &cloudwatch.LogDeliverySourceArgs{
		LogType:     pulumi.String("ACCESS_LOGS"),
		ResourceArn: dist.Arn,
		Tags:        pulumi.ToStringMap(a.Tags),
	}, parent, inUsEast1)
	if err != nil {
		return nil, err
	}
	policy, err := logs.AttachPolicy(ctx, name+"-logs-policy", policyJSON(logs.Bucket.Arn, source.Arn, LogBucketPolicy), parent)
	if err != nil {
		return nil, err
	}
	destination, err := cloudwatch.NewLogDeliveryDestination(ctx, name+"-log-destination", &cloudwatch.LogDeliveryDestinationArgs{
		OutputFormat: pulumi.String("w3c"),
		DeliveryDestinationConfiguration: &cloudwatch.LogDeliveryDestinationDeliveryDestinationConfigurationArgs{
			DestinationResourceArn: logs.Bucket.Arn,
		},
		Tags: pulumi.ToStringMap(a.Tags),
	}, parent, inUsEast1)
	if err != nil {
		return nil, err
	}
	// The delivery waits for the bucket policy; otherwise CloudWatch Logs writes its own policy
	// into the bucket, and the next `pulumi up` overwrites it.
	if _, err := cloudwatch.NewLogDelivery(ctx, name+"-log-delivery", &cloudwatch.LogDeliveryArgs{
		DeliverySourceName:     source.Name,
		DeliveryDestinationArn: destination.Arn,
		S3DeliveryConfigurations: cloudwatch.LogDeliveryS3DeliveryConfigurationArray{
			&cloudwatch.LogDeliveryS3DeliveryConfigurationArgs{
				SuffixPath:               pulumi.String(logSuffixPath),
				EnableHiveCompatiblePath: pulumi.Bool(false),
			},
		},
		Tags: pulumi.ToStringMap(a.Tags),
	}, parent, inUsEast1, pulumi.DependsOn([]pulumi.Resource{policy}),
		pulumi.IgnoreChanges([]string{suffixPathField})); err != nil {
		return nil, err
	}
	return logs.Bucket, nil
}
