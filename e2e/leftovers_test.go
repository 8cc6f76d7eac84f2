package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

const (
	cloudFrontENI = `{"NetworkInterfaceId":"eni-0cf","Status":"in-use","InterfaceType":"interface","Description":"CloudFront VPC origin","RequesterId":"AROAEXAMPLE","RequesterManaged":true,
		"Groups":[{"GroupId":"sg-0cf","GroupName":"CloudFront-VPCOrigins-Service-SG"}]}`
	albENI = `{"NetworkInterfaceId":"eni-0alb","Status":"in-use","InterfaceType":"interface","Description":"ELB app/tenk-web/123","RequesterId":"amazon-elb","RequesterManaged":true,
		"Groups":[{"GroupId":"sg-0alb","GroupName":"tenk-web-alb"}]}`
	describedENI = `{"NetworkInterfaceId":"eni-0desc","Status":"available","InterfaceType":"interface","Description":"Amazon CloudFront managed ENI","RequesterId":"AIDAEXAMPLE","RequesterManaged":true,"Groups":[]}`
	ownENI       = `{"NetworkInterfaceId":"eni-0own","Status":"available","InterfaceType":"interface","Description":"cloudfront test by hand","RequesterManaged":false,"Groups":[]}`
)

func TestCLIListsOnlyWhatAVPCOriginLeft(t *testing.T) {
	f := &fakeCLI{answers: map[string][]answer{
		"ec2 describe-network-interfaces": {{out: `{"NetworkInterfaces":[` + albENI + `,` + cloudFrontENI + `,` + describedENI + `,` + ownENI + `]}`}},
		"ec2 describe-security-groups":    {{out: `{"SecurityGroups":[{"GroupId":"sg-0cf","GroupName":"CloudFront-VPCOrigins-Service-SG"}]}`}},
	}}
	left, err := cli(f).VPCOriginLeftovers(context.Background(), "vpc-0abc")
	require.NoError(t, err)
	var ids []string
	for _, l := range left {
		ids = append(ids, l.ID)
	}
	assert.Equal(t, []string{"eni-0cf", "eni-0desc", "sg-0cf"}, ids, "the load balancer's and the account's own interfaces are not CloudFront's")
	assert.Contains(t, left[0].String(), `network interface eni-0cf (status in-use, type interface, requester AROAEXAMPLE, "CloudFront VPC origin")`)
	assert.Equal(t, "Name=vpc-id,Values=vpc-0abc", flagValue(f.calls[0], "--filters"))
	assert.Contains(t, f.calls[1], "Name=group-name,Values=CloudFront-VPCOrigins-Service-SG")
}

// fakeLister returns one answer per poll, the last one forever.
type fakeLister struct {
	answers [][]e2e.Leftover
	err     error
	polls   int
}

func (f *fakeLister) VPCOriginLeftovers(context.Context, string) ([]e2e.Leftover, error) {
	f.polls++
	if f.err != nil {
		return nil, f.err
	}
	a := f.answers[0]
	if len(f.answers) > 1 {
		f.answers = f.answers[1:]
	}
	return a, nil
}

var (
	eni = e2e.Leftover{Kind: "network interface", ID: "eni-0cf", Detail: "status in-use"}
	sg  = e2e.Leftover{Kind: "security group", ID: "sg-0cf", Detail: e2e.VPCOriginSecurityGroup}
)

func TestLeftoverWaitEndsWhenCloudFrontHasCleanedUp(t *testing.T) {
	l := &fakeLister{answers: [][]e2e.Leftover{{eni, sg}, {sg}, {}}}
	var log bytes.Buffer
	clock := newFakeClock()
	start := clock.Now()
	err := e2e.LeftoverWait{Lister: l, Clock: clock, Log: &log}.Wait(context.Background(), "vpc-0abc")
	require.NoError(t, err)
	assert.Equal(t, 3, l.polls)
	assert.Equal(t, time.Minute, clock.Now().Sub(start), "two 30-second pauses")
	assert.Contains(t, log.String(), "eni-0cf")
}

func TestLeftoverWaitIsBoundedAndNamesWhatIsLeft(t *testing.T) {
	l := &fakeLister{answers: [][]e2e.Leftover{{eni, sg}}}
	clock := newFakeClock()
	start := clock.Now()
	err := e2e.LeftoverWait{Lister: l, Clock: clock, Timeout: 10 * time.Minute, Interval: time.Minute, Region: "eu-west-1"}.Wait(context.Background(), "vpc-0abc")
	require.Error(t, err)
	assert.LessOrEqual(t, clock.Now().Sub(start), 10*time.Minute)
	for _, want := range []string{"after 10m0s", "vpc-0abc", "network interface eni-0cf", "security group sg-0cf", "CloudFront-VPCOrigins-Service-SG", "--region eu-west-1"} {
		assert.Contains(t, err.Error(), want)
	}

	l = &fakeLister{err: errors.New("UnauthorizedOperation")}
	err = e2e.LeftoverWait{Lister: l, Clock: newFakeClock()}.Wait(context.Background(), "vpc-0abc")
	require.Error(t, err)
	assert.Equal(t, 1, l.polls, "a failing AWS call is not retried for 20 minutes")
	assert.Contains(t, err.Error(), "UnauthorizedOperation")
}

func TestVPCOfDeployment(t *testing.T) {
	d := json.RawMessage(`{"resources":[
		{"type":"pulumi:pulumi:Stack","outputs":{}},
		{"type":"aws:ec2/subnet:Subnet","outputs":{"id":"subnet-1","arn":"arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-1"}},
		{"type":"aws:ec2/vpc:Vpc","outputs":{"id":"vpc-0abc","arn":"arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0abc"}}]}`)
	id, region, ok, err := e2e.VPCOfDeployment(d)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, "vpc-0abc", id)
	assert.Equal(t, "eu-west-1", region)

	_, _, ok, err = e2e.VPCOfDeployment(json.RawMessage(`{"resources":[]}`))
	require.NoError(t, err)
	assert.False(t, ok)
	_, _, _, err = e2e.VPCOfDeployment(json.RawMessage(`{`))
	assert.Error(t, err)
}
