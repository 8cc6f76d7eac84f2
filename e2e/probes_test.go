package e2e_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

// fakeHTTP answers by URL; a URL without an answer times out, as a dropped packet does.
type fakeHTTP struct {
	answers map[string]e2e.HTTPResponse
	objects map[string][]byte // served under https://site/<key> once uploaded
	gets    []string
}

func (f *fakeHTTP) Get(_ context.Context, url string) (e2e.HTTPResponse, error) {
	f.gets = append(f.gets, url)
	if r, ok := f.answers[url]; ok {
		return r, nil
	}
	if body, ok := f.objects[strings.TrimPrefix(url, "https://d111.cloudfront.net/")]; ok {
		return e2e.HTTPResponse{Status: 200, Body: body}, nil
	}
	return e2e.HTTPResponse{}, errors.New("dial tcp: i/o timeout")
}

// fakeAWS is a deployed dev stack as the probes see it.
type fakeAWS struct {
	http      *fakeHTTP
	instances []string
	appEnv    map[string]string // instance → /etc/tenk/app.env
	report    string            // what the instance script prints
	alarms    [][]e2e.Alarm     // successive answers
	scripts   []string
	deleted   []string
	types     map[string]string // key → content type uploaded
	script    string            // the last instance script
}

func (f *fakeAWS) PutObject(_ context.Context, bucket, key, contentType string, body []byte) error {
	if f.http.objects == nil {
		f.http.objects, f.types = map[string][]byte{}, map[string]string{}
	}
	f.http.objects[key] = body
	f.types[key] = contentType
	return nil
}

func (f *fakeAWS) DeleteObject(_ context.Context, bucket, key string) error {
	f.deleted = append(f.deleted, bucket+"/"+key)
	return nil
}

func (f *fakeAWS) InServiceInstances(context.Context, string) ([]string, error) {
	return f.instances, nil
}

func (f *fakeAWS) RunShell(_ context.Context, id, script string) (e2e.ShellResult, error) {
	f.scripts = append(f.scripts, id+": "+strings.SplitN(script, "\n", 2)[0])
	if script == "cat /etc/tenk/app.env" {
		return e2e.ShellResult{Status: "Success", Stdout: f.appEnv[id]}, nil
	}
	f.script = script
	return e2e.ShellResult{Status: "Success", Stdout: f.report}, nil
}

func (f *fakeAWS) PartitionKey(context.Context, string) (string, error) { return "SessionId", nil }

func (f *fakeAWS) AlarmsNotifying(context.Context, string) ([]e2e.Alarm, error) {
	a := f.alarms[0]
	if len(f.alarms) > 1 {
		f.alarms = f.alarms[1:]
	}
	return a, nil
}

const goodEnv = `DB_HOST=db.x.rds.amazonaws.com
DB_PORT=5432
DB_NAME=app
DB_SECRET_ARN=arn:db
CACHE_HOST=master.x.cache.amazonaws.com
CACHE_READER_HOST=replica.x.cache.amazonaws.com
CACHE_PORT=6379
CACHE_AUTH_SECRET_ARN=arn:cache
SESSION_TABLE=tenk-sessions-1
SESSION_KEY_ATTR=SessionId
SESSION_TTL_ATTR=ExpiresAt
ASSETS_BUCKET=tenk-assets-1
SITE_URL=https://d111.cloudfront.net
`

const goodReport = "installing…\nTENK_CHECK\tdatabase-tls\tPASS\tTLS session\nTENK_CHECK\tcache-tls-auth\tPASS\tok\nTENK_CHECK\tsession-table\tPASS\tok\n"

func healthyStack() (*e2e.Probe, *fakeAWS) {
	h := &fakeHTTP{answers: map[string]e2e.HTTPResponse{
		"https://d111.cloudfront.net/healthz":                                         {Status: 200, Body: []byte("ok")},
		"https://tenk-assets-1.s3.us-east-1.amazonaws.com/static/tenk-e2e-abc123.txt": {Status: 403},
	}}
	aws := &fakeAWS{
		http:      h,
		instances: []string{"i-1", "i-2"},
		appEnv:    map[string]string{"i-1": goodEnv, "i-2": goodEnv},
		report:    goodReport,
		alarms:    [][]e2e.Alarm{{{Name: "cpu", State: "OK"}, {Name: "5xx", State: "INSUFFICIENT_DATA"}}},
	}
	p := &e2e.Probe{
		Settings: e2e.Settings{Region: "us-east-1"},
		Shape:    e2e.Shape{DatabaseEngine: "postgres", CacheEngine: "valkey"},
		Outputs: e2e.Outputs{
			SiteURL: "https://d111.cloudfront.net", LoadBalancerDNSName: "alb-1.elb.amazonaws.com",
			AutoScalingGroupName: "asg", AssetsBucketName: "tenk-assets-1", DatabaseSecretArn: "arn:db",
			CacheAuthSecretArn: "arn:cache", SessionTableName: "tenk-sessions-1", AlarmTopicArn: "arn:topic",
		},
		HTTP:  h,
		AWS:   aws,
		Clock: newFakeClock(),
		Token: "abc123",
		Waits: e2e.Waits{Site: time.Minute, Alarms: time.Minute, Interval: 10 * time.Second},
	}
	return p, aws
}

func run(p *e2e.Probe) map[string]e2e.CheckResult {
	out := map[string]e2e.CheckResult{}
	for _, r := range e2e.RunChecks(context.Background(), p.Clock, p.Checks()) {
		out[r.Name] = r
	}
	return out
}

func TestProbesPassOnAHealthyStack(t *testing.T) {
	p, aws := healthyStack()
	results := run(p)
	require.Len(t, results, 9)
	for name, r := range results {
		assert.Equal(t, e2e.Pass, r.Status, "%s: %s", name, r.Message)
	}
	assert.Equal(t, []string{"i-1: cat /etc/tenk/app.env", "i-2: cat /etc/tenk/app.env", "i-1: #!/bin/bash"}, aws.scripts,
		"app.env is read on every instance; the data checks run once, on one instance")
	require.NoError(t, p.Close(context.Background()))
	assert.Equal(t, []string{"tenk-assets-1/static/tenk-e2e-abc123.txt"}, aws.deleted)
}

func TestProbesFailWithAClearMessage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		check  string
		mutate func(p *e2e.Probe, aws *fakeAWS)
		want   string
	}{
		{"site not https", e2e.CheckSiteHealth, func(p *e2e.Probe, _ *fakeAWS) { p.Outputs.SiteURL = "http://d111.cloudfront.net" }, "is not HTTPS"},
		{"site 502", e2e.CheckSiteHealth, func(_ *e2e.Probe, a *fakeAWS) {
			a.http.answers["https://d111.cloudfront.net/healthz"] = e2e.HTTPResponse{Status: 502}
		}, "answered 502, want 200"},
		{"static from the load balancer", e2e.CheckStaticAsset, func(_ *e2e.Probe, a *fakeAWS) {
			a.http.answers["https://d111.cloudfront.net/static/tenk-e2e-abc123.txt"] = e2e.HTTPResponse{Status: 404}
		}, "answered 404 with 0 bytes, want 200"},
		{"public bucket", e2e.CheckBucketPrivate, func(_ *e2e.Probe, a *fakeAWS) {
			a.http.answers["https://tenk-assets-1.s3.us-east-1.amazonaws.com/static/tenk-e2e-abc123.txt"] = e2e.HTTPResponse{Status: 200}
		}, "answered 200, want 403"},
		{"public load balancer", e2e.CheckALBPrivate, func(_ *e2e.Probe, a *fakeAWS) {
			a.http.answers["http://alb-1.elb.amazonaws.com/healthz"] = e2e.HTTPResponse{Status: 200}
		}, "answered 200 from the internet"},
		{"incomplete app.env", e2e.CheckAppEnv, func(_ *e2e.Probe, a *fakeAWS) {
			a.appEnv["i-2"] = strings.Replace(goodEnv, "DB_HOST=db.x.rds.amazonaws.com\n", "", 1)
		}, "1 of 2 instances: i-2: /etc/tenk/app.env: DB_HOST is missing"},
		{"no instances", e2e.CheckAppEnv, func(_ *e2e.Probe, a *fakeAWS) { a.instances = nil }, "has no InService instance"},
		{"database refuses", e2e.CheckDatabase, func(_ *e2e.Probe, a *fakeAWS) {
			a.report = strings.Replace(goodReport, "database-tls\tPASS\tTLS session", "database-tls\tFAIL\tpsql failed: password authentication failed", 1)
		}, "psql failed: password authentication failed"},
		{"script crashed", e2e.CheckSessionTable, func(_ *e2e.Probe, a *fakeAWS) { a.report = "TENK_CHECK\tdatabase-tls\tPASS\tok\n" }, "reported nothing for session-table"},
		{"alarm firing", e2e.CheckAlarms, func(_ *e2e.Probe, a *fakeAWS) {
			a.alarms = [][]e2e.Alarm{{{Name: "tenk-web-unhealthy", State: "ALARM", Reason: "0 healthy hosts"}}}
		}, "1 of 1 alarms: tenk-web-unhealthy is ALARM (0 healthy hosts)"},
		{"no alarms", e2e.CheckAlarms, func(_ *e2e.Probe, a *fakeAWS) { a.alarms = [][]e2e.Alarm{{}} }, "no CloudWatch alarm notifies the alarm topic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, aws := healthyStack()
			tc.mutate(p, aws)
			r := run(p)[tc.check]
			assert.Equal(t, e2e.Fail, r.Status)
			assert.Contains(t, r.Message, tc.want)
		})
	}
}

func TestAlarmsMayLeaveALARMWhileTheStackSettles(t *testing.T) {
	p, aws := healthyStack()
	aws.alarms = [][]e2e.Alarm{{{Name: "unhealthy", State: "ALARM"}}, {{Name: "unhealthy", State: "OK"}}}
	assert.Equal(t, e2e.Pass, run(p)[e2e.CheckAlarms].Status)
}

func TestProbesSkipWhenAnOutputIsAbsent(t *testing.T) {
	p, _ := healthyStack()
	p.Outputs.LoadBalancerDNSName = "" // internal ALB behind a CloudFront VPC origin, no output
	r := run(p)[e2e.CheckALBPrivate]
	assert.Equal(t, e2e.Skip, r.Status)
	assert.Contains(t, r.Message, "loadBalancerDnsName")
}

func TestDomainVariantServesTheDomain(t *testing.T) {
	p, _ := healthyStack()
	p.Shape.Domain = "www.example.com"
	r := run(p)[e2e.CheckSiteHealth]
	assert.Equal(t, e2e.Fail, r.Status)
	assert.Contains(t, r.Message, `is not on tenk:domain "www.example.com"`)
}
