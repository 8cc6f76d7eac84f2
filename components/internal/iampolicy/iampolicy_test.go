package iampolicy_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

func TestDenyInsecureTransportRoundTrips(t *testing.T) {
	doc := iampolicy.New(iampolicy.DenyInsecureTransport("arn:aws:s3:::assets"))
	text, err := doc.JSON()
	require.NoError(t, err)
	var parsed struct {
		Version   string
		Statement []struct {
			Effect    string
			Principal string
			Action    string
			Resource  []string
			Condition map[string]map[string]string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(text), &parsed))
	assert.Equal(t, "2012-10-17", parsed.Version)
	require.Len(t, parsed.Statement, 1)
	s := parsed.Statement[0]
	assert.Equal(t, "Deny", s.Effect)
	assert.Equal(t, "*", s.Principal)
	assert.Equal(t, "s3:*", s.Action)
	assert.Equal(t, []string{"arn:aws:s3:::assets", "arn:aws:s3:::assets/*"}, s.Resource)
	assert.Equal(t, "false", s.Condition["Bool"]["aws:SecureTransport"])
}

func TestConditionOmittedWhenEmpty(t *testing.T) {
	text, err := iampolicy.New(iampolicy.Statement{Sid: "A", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "x"}).JSON()
	require.NoError(t, err)
	assert.NotContains(t, text, "Condition")
}
