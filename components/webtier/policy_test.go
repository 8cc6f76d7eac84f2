package webtier

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestElbAccount(t *testing.T) {
	// ELB user guide, "Enable access logs for your Application Load Balancer": Regions available
	// before August 2022 have an account; later ones use the log-delivery service principal.
	for _, tc := range []struct {
		region, want string
		ok           bool
	}{
		{"us-east-1", "127311923021", true},
		{"us-west-2", "797873946194", true},
		{"eu-west-1", "156460612806", true},
		{"ap-southeast-3", "589379963580", true},
		{"us-gov-west-1", "048591011584", true},
		{"cn-north-1", "638102146993", true},
		{"ap-south-2", "", false},   // Hyderabad, November 2022
		{"eu-central-2", "", false}, // Zurich, November 2022
		{"me-central-1", "", false}, // UAE, August 2022
		{"il-central-1", "", false},
		{"ca-west-1", "", false},
		{"", "", false},
	} {
		id, ok := elbAccount(tc.region)
		assert.Equal(t, tc.ok, ok, tc.region)
		assert.Equal(t, tc.want, id, tc.region)
	}
	assert.Len(t, elbAccounts, 26, "the pre-August-2022 list is closed")
	for region, id := range elbAccounts {
		assert.Regexp(t, `^\d{12}$`, id, region)
	}
}

func TestAccessLogsBucketPolicy(t *testing.T) {
	for _, tc := range []struct {
		name, arn, prefix, region string
		principal                 map[string]any
		resource                  string
	}{
		{"old region with prefix", "arn:aws:s3:::logs", "web/prod", "eu-west-1",
			map[string]any{"AWS": "arn:aws:iam::156460612806:root"}, "arn:aws:s3:::logs/web/prod/AWSLogs/111122223333/*"},
		{"new region without prefix", "arn:aws:s3:::logs", "", "eu-south-2",
			map[string]any{"Service": ElbLogDeliveryService}, "arn:aws:s3:::logs/AWSLogs/111122223333/*"},
		{"GovCloud partition", "arn:aws-us-gov:s3:::logs", "", "us-gov-west-1",
			map[string]any{"AWS": "arn:aws-us-gov:iam::048591011584:root"}, "arn:aws-us-gov:s3:::logs/AWSLogs/111122223333/*"},
		{"China partition", "arn:aws-cn:s3:::logs", "alb", "cn-northwest-1",
			map[string]any{"AWS": "arn:aws-cn:iam::037604701340:root"}, "arn:aws-cn:s3:::logs/alb/AWSLogs/111122223333/*"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := AccessLogsBucketPolicy(tc.arn, tc.prefix, "111122223333", tc.region)
			require.NoError(t, err)
			text, err := doc.JSON()
			require.NoError(t, err)
			var parsed struct {
				Version   string
				Statement []map[string]any
			}
			require.NoError(t, json.Unmarshal([]byte(text), &parsed))
			assert.Equal(t, "2012-10-17", parsed.Version)
			require.Len(t, parsed.Statement, 2)
			allow, deny := parsed.Statement[0], parsed.Statement[1]
			assert.Equal(t, "Allow", allow["Effect"])
			assert.Equal(t, tc.principal, allow["Principal"])
			assert.Equal(t, "s3:PutObject", allow["Action"])
			assert.Equal(t, tc.resource, allow["Resource"])
			assert.NotContains(t, allow, "Condition")
			assert.Equal(t, "Deny", deny["Effect"])
			assert.Equal(t, "*", deny["Principal"])
			assert.Equal(t, "s3:*", deny["Action"])
			assert.Equal(t, []any{tc.arn, tc.arn + "/*"}, deny["Resource"])
			assert.Equal(t, map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}, deny["Condition"])
		})
	}
}

func TestAccessLogsBucketPolicyRejectsBadInputs(t *testing.T) {
	for _, tc := range []struct{ arn, account, region, want string }{
		{"logs", "111122223333", "us-east-1", "not an S3 bucket ARN"},
		{"arn:aws:sqs:us-east-1:111122223333:q", "111122223333", "us-east-1", "not an S3 bucket ARN"},
		{"arn:aws:s3:::logs", "", "us-east-1", "needs the account ID and the Region"},
		{"arn:aws:s3:::logs", "111122223333", "", "needs the account ID and the Region"},
	} {
		_, err := AccessLogsBucketPolicy(tc.arn, "", tc.account, tc.region)
		require.Error(t, err, tc)
		assert.Contains(t, err.Error(), tc.want)
	}
}
