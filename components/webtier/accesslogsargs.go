package webtier

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// AccessLogs is where the ALB's access logs go. The zero value is the defaults: on, to a bucket
// the component creates.
type AccessLogs struct {
	// Enabled sends ALB access logs to Bucket, or to a bucket the component creates when Bucket
	// is nil. Default: true.
	Enabled *bool
	// Bucket is the name of your own S3 bucket in the ALB's region, encrypted with SSE-S3
	// (SSE-KMS is not supported) and with the ELB log-delivery bucket policy
	// (AccessLogsBucketPolicy gives it); no bucket is created then. Default: nil, the component
	// creates "<name>-access-logs" (private, SSE-S3, that policy, expiry after RetentionDays).
	Bucket pulumi.StringInput
	// RetentionDays is how long the created bucket keeps logs before they expire, ≥1. Not used
	// with Bucket (your bucket, your lifecycle). Default: 90.
	RetentionDays int
	// ForceDestroy lets Pulumi delete the created bucket with its logs still in it (dev); when
	// false, deleting the tier fails until the bucket is emptied. Not used with Bucket.
	// Default: false.
	ForceDestroy bool
	// Prefix is the key prefix for logs; it must not contain "AWSLogs" nor start or end with
	// "/". Default: none (logs land under AWSLogs/ at the bucket root).
	Prefix string
}

func (a AccessLogs) withDefaults() AccessLogs {
	a.Enabled = orTrue(a.Enabled)
	if a.RetentionDays == 0 {
		a.RetentionDays = defaultAccessLogsRetention
	}
	return a
}

// validate checks a defaulted AccessLogs at path. ELB "Enable access logs": the prefix must not
// contain AWSLogs. Without Bucket the component creates a compliant bucket, so that is no error.
func (a AccessLogs) validate(path string, l *fielderr.List) {
	at := func(field string) string { return fielderr.Field(path, field) }
	if a.RetentionDays < 1 {
		l.Addf(at("RetentionDays"), "is %d: keep access logs 1 day or more (default %d)", a.RetentionDays, defaultAccessLogsRetention)
	}
	if strings.Contains(a.Prefix, "AWSLogs") {
		l.Addf(at("Prefix"), "%q contains \"AWSLogs\", which ELB appends itself: remove it", a.Prefix)
	}
	if strings.HasPrefix(a.Prefix, "/") || strings.HasSuffix(a.Prefix, "/") {
		l.Addf(at("Prefix"), "%q must not start or end with \"/\": use a form such as \"web/prod\"", a.Prefix)
	}
}
