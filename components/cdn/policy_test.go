package cdn

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type parsedStatement struct {
	Sid       string
	Effect    string
	Principal any
	Action    any
	Resource  any
	Condition map[string]map[string]string
}

func parse(t *testing.T, d PolicyDocument) []parsedStatement {
	t.Helper()
	text, err := d.JSON()
	require.NoError(t, err)
	var doc struct {
		Version   string
		Statement []parsedStatement
	}
	require.NoError(t, json.Unmarshal([]byte(text), &doc))
	assert.Equal(t, "2012-10-17", doc.Version)
	return doc.Statement
}

func TestAssetsBucketPolicy(t *testing.T) {
	const bucket, dist = "arn:aws:s3:::assets", "arn:aws:cloudfront::111122223333:distribution/E1"
	st := parse(t, AssetsBucketPolicy(bucket, dist))
	require.Len(t, st, 2)

	assert.Equal(t, "Deny", st[0].Effect)
	assert.Equal(t, "*", st[0].Principal)
	assert.Equal(t, "s3:*", st[0].Action)
	assert.Equal(t, []any{bucket, bucket + "/*"}, st[0].Resource)
	assert.Equal(t, map[string]map[string]string{"Bool": {"aws:SecureTransport": "false"}}, st[0].Condition)

	assert.Equal(t, "Allow", st[1].Effect)
	assert.Equal(t, map[string]any{"Service": "cloudfront.amazonaws.com"}, st[1].Principal)
	assert.Equal(t, "s3:GetObject", st[1].Action)
	assert.Equal(t, bucket+"/*", st[1].Resource)
	assert.Equal(t, map[string]map[string]string{"StringEquals": {"AWS:SourceArn": dist}}, st[1].Condition)
	assert.NotEqual(t, st[0].Sid, st[1].Sid)
}

func TestLogBucketPolicy(t *testing.T) {
	const bucket, source = "arn:aws:s3:::logs", "arn:aws:logs:us-east-1:111122223333:delivery-source:cdn"
	st := parse(t, LogBucketPolicy(bucket, source))
	require.Len(t, st, 2)
	assert.Equal(t, "Deny", st[0].Effect)
	assert.Equal(t, "Allow", st[1].Effect)
	assert.Equal(t, map[string]any{"Service": "delivery.logs.amazonaws.com"}, st[1].Principal)
	assert.Equal(t, "s3:PutObject", st[1].Action)
	assert.Equal(t, bucket+"/*", st[1].Resource)
	assert.Equal(t, source, st[1].Condition["ArnLike"]["aws:SourceArn"])
	assert.Equal(t, "bucket-owner-full-control", st[1].Condition["StringEquals"]["s3:x-amz-acl"])
}
