package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Waits bound how long each probe retries while AWS converges. Zero fields take the defaults.
type Waits struct {
	// Site is how long /healthz and the static object may take to answer through CloudFront
	// (edge propagation, instances booting). Default: 20 minutes.
	Site time.Duration
	// Alarms is how long alarms may stay in ALARM after a deploy (a fresh target group is
	// unhealthy until its first instance passes). Default: 10 minutes.
	Alarms time.Duration
	// Interval is the pause between attempts. Default: 15 seconds.
	Interval time.Duration
}

func (w Waits) withDefaults() Waits {
	if w.Site == 0 {
		w.Site = 20 * time.Minute
	}
	if w.Alarms == 0 {
		w.Alarms = 10 * time.Minute
	}
	if w.Interval == 0 {
		w.Interval = 15 * time.Second
	}
	return w
}

// Probe checks a deployed stack from the outside (HTTP) and from its instances (SSM).
type Probe struct {
	Settings Settings
	Shape    Shape
	Outputs  Outputs
	HTTP     HTTP
	AWS      AWS
	Clock    Clock
	Waits    Waits
	// Token makes this run's object key and session item unique (the stack name will do).
	Token string
	// Prober runs the reference application's deep probes (Shape.App only).
	Prober *SiteProber
	// StaticFiles are the reference application's static files, app/static (Shape.App only).
	StaticFiles fs.FS

	uploaded  bool
	instance  sync.Once
	instanceR map[string]InstanceReport
	instanceE error
	app       appState
}

// Check names of the probes that run from the test machine.
const (
	CheckSiteHealth    = "site-healthz-https"
	CheckStaticAsset   = "static-asset-via-cdn"
	CheckBucketPrivate = "bucket-refuses-anonymous"
	CheckALBPrivate    = "alb-not-reachable-from-internet"
	CheckAppEnv        = "instances-app-env-complete"
	CheckAlarms        = "alarms-ok"
)

// Checks are the probes in the order they run: the site first (it proves instances are up),
// the instances' settings before what uses them, the alarms last (they need time to settle).
func (p *Probe) Checks() []Check {
	p.Waits = p.Waits.withDefaults()
	if p.Shape.App {
		return p.appChecks()
	}
	return []Check{
		{CheckSiteHealth, p.siteHealth},
		{CheckStaticAsset, p.staticAsset},
		{CheckBucketPrivate, p.bucketPrivate},
		{CheckALBPrivate, p.albPrivate},
		{CheckAppEnv, p.appEnv},
		{CheckDatabase, p.instanceCheck(CheckDatabase)},
		{CheckCache, p.instanceCheck(CheckCache)},
		{CheckSessionTable, p.instanceCheck(CheckSessionTable)},
		{CheckAlarms, p.alarms},
	}
}

func (p *Probe) siteURL(path string) (string, error) {
	u, err := url.Parse(p.Outputs.SiteURL)
	if err != nil {
		return "", fmt.Errorf("output siteUrl %q is not a URL: %v", p.Outputs.SiteURL, err)
	}
	if u.Scheme != "https" {
		return "", fmt.Errorf("output siteUrl %q is not HTTPS: viewers must reach CloudFront over HTTPS", p.Outputs.SiteURL)
	}
	if p.Shape.Domain != "" && u.Hostname() != p.Shape.Domain {
		return "", fmt.Errorf("output siteUrl %q is not on tenk:domain %q", p.Outputs.SiteURL, p.Shape.Domain)
	}
	return strings.TrimSuffix(u.String(), "/") + path, nil
}

func (p *Probe) siteHealth(ctx context.Context) error {
	target, err := p.siteURL("/healthz")
	if err != nil {
		return err
	}
	return Eventually(ctx, p.Clock, p.Waits.Site, p.Waits.Interval, func(ctx context.Context) error {
		resp, err := p.HTTP.Get(ctx, target)
		if err != nil {
			return fmt.Errorf("GET %s: %v", target, err)
		}
		if resp.Status != 200 {
			return fmt.Errorf("GET %s answered %d, want 200 (CloudFront → load balancer → instance health path)", target, resp.Status)
		}
		return nil
	})
}

// staticKey is the object the static probes upload; "static/" matches the default
// tenk:cdn.staticPathPatterns ["/static/*"].
func (p *Probe) staticKey() string { return "static/tenk-e2e-" + p.Token + ".txt" }

func (p *Probe) staticBody() []byte { return []byte("tenk e2e " + p.Token + "\n") }

func (p *Probe) staticAsset(ctx context.Context) error {
	if p.Outputs.AssetsBucketName == "" {
		return Skipped("output assetsBucketName is absent")
	}
	if err := p.AWS.PutObject(ctx, p.Outputs.AssetsBucketName, p.staticKey(), "text/plain", p.staticBody()); err != nil {
		return fmt.Errorf("upload s3://%s/%s: %v", p.Outputs.AssetsBucketName, p.staticKey(), err)
	}
	p.uploaded = true
	target, err := p.siteURL("/" + p.staticKey())
	if err != nil {
		return err
	}
	return Eventually(ctx, p.Clock, p.Waits.Site, p.Waits.Interval, func(ctx context.Context) error {
		resp, err := p.HTTP.Get(ctx, target)
		if err != nil {
			return fmt.Errorf("GET %s: %v", target, err)
		}
		if resp.Status != 200 || !bytes.Equal(resp.Body, p.staticBody()) {
			return fmt.Errorf("GET %s answered %d with %d bytes, want 200 with the %d bytes uploaded to the bucket (the /static/* behaviour must use the bucket origin)", target, resp.Status, len(resp.Body), len(p.staticBody()))
		}
		return nil
	})
}

func (p *Probe) bucketPrivate(ctx context.Context) error {
	if p.Outputs.AssetsBucketName == "" {
		return Skipped("output assetsBucketName is absent")
	}
	key := p.staticKey()
	if len(p.app.uploaded) > 0 {
		key = p.app.uploaded[0] // an object that exists: its 403 is not a missing key's
	}
	// Virtual-hosted-style regional endpoint: what an anonymous client on the internet uses.
	target := fmt.Sprintf("https://%s.s3.%s.amazonaws.com/%s", p.Outputs.AssetsBucketName, p.Settings.Region, key)
	resp, err := p.HTTP.Get(ctx, target)
	if err != nil {
		return fmt.Errorf("GET %s: %v (want an answer 403 from S3)", target, err)
	}
	if resp.Status != 403 {
		return fmt.Errorf("anonymous GET %s answered %d, want 403: the bucket must serve objects only to CloudFront", target, resp.Status)
	}
	return nil
}

// albPrivate passes when a GET to the load balancer gets no HTTP answer at all: its security
// group admits only CloudFront (or it is internal and has no public address).
func (p *Probe) albPrivate(ctx context.Context) error {
	if p.Outputs.LoadBalancerDNSName == "" {
		return Skipped("output loadBalancerDnsName is absent")
	}
	target := "http://" + p.Outputs.LoadBalancerDNSName + "/healthz"
	resp, err := p.HTTP.Get(ctx, target)
	if err == nil {
		return fmt.Errorf("GET %s answered %d from the internet: the load balancer must admit only CloudFront", target, resp.Status)
	}
	if ctx.Err() != nil {
		return ctx.Err() // our own deadline, not the load balancer's silence
	}
	return nil
}

// Close deletes the objects the static probes uploaded.
func (p *Probe) Close(ctx context.Context) error {
	var errs []error
	if p.uploaded {
		errs = append(errs, p.AWS.DeleteObject(ctx, p.Outputs.AssetsBucketName, p.staticKey()))
	}
	for _, key := range p.app.uploaded {
		errs = append(errs, p.AWS.DeleteObject(ctx, p.Outputs.AssetsBucketName, key))
	}
	return errors.Join(errs...)
}

func (p *Probe) instances(ctx context.Context) ([]string, error) {
	ids, err := p.AWS.InServiceInstances(ctx, p.Outputs.AutoScalingGroupName)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("auto scaling group %s has no InService instance", p.Outputs.AutoScalingGroupName)
	}
	return ids, nil
}

func (p *Probe) appEnv(ctx context.Context) error {
	ids, err := p.instances(ctx)
	if err != nil {
		return err
	}
	expected := ExpectedSettings(p.Shape)
	var problems []string
	for _, id := range ids {
		res, err := p.AWS.RunShell(ctx, id, "cat /etc/tenk/app.env")
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s: %v", id, err))
		case res.Status != "Success":
			problems = append(problems, fmt.Sprintf("%s: reading /etc/tenk/app.env ended %s: %s", id, res.Status, strings.TrimSpace(res.Stderr)))
		default:
			if err := VerifyAppEnv(ParseAppEnv(res.Stdout), expected, p.Outputs); err != nil {
				problems = append(problems, fmt.Sprintf("%s: /etc/tenk/app.env: %v", id, err))
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d of %d instances: %s", len(problems), len(ids), strings.Join(problems, "; "))
	}
	return nil
}

// instanceCheck returns the check that reads name's line of the instance script, which runs
// once, on the first InService instance, for all three checks.
func (p *Probe) instanceCheck(name string) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		p.instance.Do(func() { p.instanceR, p.instanceE = p.runInstanceScript(ctx) })
		if p.instanceE != nil {
			return p.instanceE
		}
		r, ok := p.instanceR[name]
		if !ok {
			return fmt.Errorf("the instance script reported nothing for %s", name)
		}
		if !r.Passed {
			return fmt.Errorf("%s", r.Detail)
		}
		return nil
	}
}

func (p *Probe) runInstanceScript(ctx context.Context) (map[string]InstanceReport, error) {
	ids, err := p.instances(ctx)
	if err != nil {
		return nil, err
	}
	pk := ""
	if p.Outputs.SessionTableName != "" {
		if pk, err = p.AWS.PartitionKey(ctx, p.Outputs.SessionTableName); err != nil {
			return nil, fmt.Errorf("describe the session table: %v", err)
		}
	}
	script := InstanceScript(InstanceScriptArgs{
		Checks:         p.instanceChecks(),
		Region:         p.Settings.Region,
		DatabaseEngine: p.Shape.DatabaseEngine,
		CacheEngine:    p.Shape.CacheEngine,
		PartitionKey:   pk,
		ItemID:         "tenk-e2e-" + p.Token,
		ExpiresAt:      p.Clock.Now().Add(10 * time.Minute).Unix(),
	})
	res, err := p.AWS.RunShell(ctx, ids[0], script)
	if err != nil {
		return nil, fmt.Errorf("run the checks on %s: %v", ids[0], err)
	}
	reports, err := ParseInstanceReport(res.Stdout)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", ids[0], err)
	}
	if len(reports) == 0 {
		return nil, fmt.Errorf("the checks on %s ended %s without a report: %s", ids[0], res.Status, strings.TrimSpace(res.Stderr))
	}
	return reports, nil
}

func (p *Probe) alarms(ctx context.Context) error {
	if p.Outputs.AlarmTopicArn == "" {
		return Skipped("output alarmTopicArn is absent")
	}
	return Eventually(ctx, p.Clock, p.Waits.Alarms, p.Waits.Interval, func(ctx context.Context) error {
		alarms, err := p.AWS.AlarmsNotifying(ctx, p.Outputs.AlarmTopicArn)
		if err != nil {
			return err
		}
		return VerifyAlarms(alarms)
	})
}

// AlarmsQuiet waits, at most Waits.Alarms, until no alarm notifying the stack's topic fires.
func (p *Probe) AlarmsQuiet(ctx context.Context) error {
	p.Waits = p.Waits.withDefaults()
	return p.alarms(ctx)
}

// VerifyAlarms passes when there is at least one alarm and every alarm is OK or
// INSUFFICIENT_DATA (a fresh metric has no data yet).
func VerifyAlarms(alarms []Alarm) error {
	if len(alarms) == 0 {
		return fmt.Errorf("no CloudWatch alarm notifies the alarm topic: every component's alarms should")
	}
	var firing []string
	for _, a := range alarms {
		if a.State != "OK" && a.State != "INSUFFICIENT_DATA" {
			firing = append(firing, fmt.Sprintf("%s is %s (%s)", a.Name, a.State, a.Reason))
		}
	}
	if len(firing) > 0 {
		return fmt.Errorf("%d of %d alarms: %s", len(firing), len(alarms), strings.Join(firing, "; "))
	}
	return nil
}
