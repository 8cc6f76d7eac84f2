package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

type instantClock struct{ now time.Time }

func (c *instantClock) Now() time.Time { return c.now }
func (c *instantClock) Sleep(_ context.Context, d time.Duration) error {
	c.now = c.now.Add(d)
	return nil
}

const export = `{"version":3,"deployment":{"resources":[
	{"type":"aws:ec2/vpc:Vpc","outputs":{"id":"vpc-0abc","arn":"arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0abc"}}]}}`

// aws answers describe-network-interfaces with CloudFront's interface until polls run out.
func aws(polls int, calls *[]string) e2e.Runner {
	return func(_ context.Context, name string, args ...string) ([]byte, error) {
		*calls = append(*calls, name+" "+strings.Join(args, " "))
		if args[1] == "describe-security-groups" {
			return []byte(`{"SecurityGroups":[]}`), nil
		}
		polls--
		if polls >= 0 {
			return []byte(`{"NetworkInterfaces":[{"NetworkInterfaceId":"eni-0cf","Status":"in-use","RequesterManaged":true,
				"Groups":[{"GroupId":"sg-0cf","GroupName":"CloudFront-VPCOrigins-Service-SG"}]}]}`), nil
		}
		return []byte(`{"NetworkInterfaces":[]}`), nil
	}
}

func TestWaitsForTheStatesVPCInItsRegion(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, os.WriteFile(file, []byte(export), 0o600))
	var calls []string
	var log, stderr bytes.Buffer
	w := e2e.LeftoverWait{Clock: &instantClock{}, Log: &log, Timeout: 10 * time.Minute, Interval: time.Minute}
	assert.Equal(t, 0, run(context.Background(), file, w, aws(2, &calls), &stderr), stderr.String())
	assert.Contains(t, calls[0], "--filters Name=vpc-id,Values=vpc-0abc")
	assert.Contains(t, calls[0], "--region eu-west-1")
	assert.Contains(t, log.String(), "eni-0cf")

	calls = nil
	stderr.Reset()
	assert.Equal(t, 1, run(context.Background(), file, w, aws(100, &calls), &stderr))
	assert.Contains(t, stderr.String(), "network interface eni-0cf")
	assert.Contains(t, stderr.String(), "after 10m0s")
}

func TestNoVPCNoWait(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"version":3,"deployment":{"resources":[]}}`), 0o600))
	var calls []string
	assert.Equal(t, 0, run(context.Background(), file, e2e.LeftoverWait{}, aws(0, &calls), &bytes.Buffer{}))
	assert.Empty(t, calls)
	var stderr bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), "", e2e.LeftoverWait{}, nil, &stderr))
	assert.Contains(t, stderr.String(), "--state")
}
