package cdn

import "github.com/tenkstack/tenk/components/internal/iampolicy"

// PolicyDocument is an IAM policy document; render it with JSON().
type PolicyDocument = iampolicy.Document

// PolicyStatement is one statement of a PolicyDocument.
type PolicyStatement = iampolicy.Statement

// AssetsBucketPolicy is the assets bucket's one policy: deny non-TLS access, and let only the
// given distribution read objects through Origin Access Control (CloudFront Developer Guide,
// "Restrict access to an Amazon S3 origin": principal cloudfront.amazonaws.com, s3:GetObject,
// condition AWS:SourceArn = the distribution's ARN).
func AssetsBucketPolicy(bucketArn, distributionArn string) PolicyDocument {
	return iampolicy.New(
		iampolicy.DenyInsecureTransport(bucketArn),
		iampolicy.ServiceObjectAccess("AllowCloudFrontOriginAccessControl", "cloudfront.amazonaws.com", "s3:GetObject", bucketArn,
			map[string]map[string]string{"StringEquals": {"AWS:SourceArn": distributionArn}}),
	)
}

// LogBucketPolicy is the access-log bucket's policy: deny non-TLS access, and let CloudWatch
// Logs' vended-log delivery write objects only for the given delivery source (CloudWatch Logs
// User Guide, "Logs sent to Amazon S3": principal delivery.logs.amazonaws.com, s3:PutObject,
// x-amz-acl bucket-owner-full-control, aws:SourceArn the delivery source).
func LogBucketPolicy(bucketArn, deliverySourceArn string) PolicyDocument {
	return iampolicy.New(
		iampolicy.DenyInsecureTransport(bucketArn),
		iampolicy.ServiceObjectAccess("AllowCloudFrontLogDelivery", "delivery.logs.amazonaws.com", "s3:PutObject", bucketArn,
			map[string]map[string]string{
				"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"},
				"ArnLike":      {"aws:SourceArn": deliverySourceArn},
			}),
	)
}
