package cdn

import "encoding/json"

// PolicyDocument is an IAM policy document, marshalled with encoding/json.
type PolicyDocument struct {
	// Version is the policy language version, always "2012-10-17".
	Version string `json:"Version"`
	// Statement holds the policy's statements.
	Statement []PolicyStatement `json:"Statement"`
}

// PolicyStatement is one statement of a PolicyDocument.
type PolicyStatement struct {
	// Sid names the statement.
	Sid string `json:"Sid"`
	// Effect is "Allow" or "Deny".
	Effect string `json:"Effect"`
	// Principal is "*" or a map such as {"Service": "cloudfront.amazonaws.com"}.
	Principal any `json:"Principal"`
	// Action is one action or a list.
	Action any `json:"Action"`
	// Resource is one ARN or a list.
	Resource any `json:"Resource"`
	// Condition maps an operator to keys and values; omitted when empty.
	Condition map[string]map[string]string `json:"Condition,omitempty"`
}

// JSON renders the document.
func (d PolicyDocument) JSON() (string, error) {
	b, err := json.Marshal(d)
	return string(b), err
}

// denyInsecureTransport refuses every request to the bucket that is not over TLS (S3 User Guide,
// "Enforce encryption of data in transit": deny when aws:SecureTransport is false).
func denyInsecureTransport(bucketArn string) PolicyStatement {
	return PolicyStatement{
		Sid:       "DenyInsecureTransport",
		Effect:    "Deny",
		Principal: "*",
		Action:    "s3:*",
		Resource:  []string{bucketArn, bucketArn + "/*"},
		Condition: map[string]map[string]string{"Bool": {"aws:SecureTransport": "false"}},
	}
}

// AssetsBucketPolicy is the assets bucket's one policy: deny non-TLS access, and let only the
// given distribution read objects through Origin Access Control (CloudFront Developer Guide,
// "Restrict access to an Amazon S3 origin": principal cloudfront.amazonaws.com, s3:GetObject,
// condition AWS:SourceArn = the distribution's ARN).
func AssetsBucketPolicy(bucketArn, distributionArn string) PolicyDocument {
	return PolicyDocument{
		Version: "2012-10-17",
		Statement: []PolicyStatement{
			denyInsecureTransport(bucketArn),
			{
				Sid:       "AllowCloudFrontOriginAccessControl",
				Effect:    "Allow",
				Principal: map[string]string{"Service": "cloudfront.amazonaws.com"},
				Action:    "s3:GetObject",
				Resource:  bucketArn + "/*",
				Condition: map[string]map[string]string{"StringEquals": {"AWS:SourceArn": distributionArn}},
			},
		},
	}
}

// LogBucketPolicy is the access-log bucket's policy: deny non-TLS access, and let CloudWatch
// Logs' vended-log delivery write objects only for the given delivery source (CloudWatch Logs
// User Guide, "Logs sent to Amazon S3": principal delivery.logs.amazonaws.com, s3:PutObject,
// x-amz-acl bucket-owner-full-control, aws:SourceArn the delivery source).
func LogBucketPolicy(bucketArn, deliverySourceArn string) PolicyDocument {
	return PolicyDocument{
		Version: "2012-10-17",
		Statement: []PolicyStatement{
			denyInsecureTransport(bucketArn),
			{
				Sid:       "AllowCloudFrontLogDelivery",
				Effect:    "Allow",
				Principal: map[string]string{"Service": "delivery.logs.amazonaws.com"},
				Action:    "s3:PutObject",
				Resource:  bucketArn + "/*",
				Condition: map[string]map[string]string{
					"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"},
					"ArnLike":      {"aws:SourceArn": deliverySourceArn},
				},
			},
		},
	}
}
