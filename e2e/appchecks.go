package e2e

import (
	"context"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
)

// Check names of the application variants. The deep probes (app/cmd/tenk-probe, one check per
// probe) replace the shell checks they cover: CheckSiteHealth (the page answers through
// CloudFront, from the application), CheckStaticAsset (the page's own stylesheet, uploaded from
// app/static), CheckDatabase (every instance signs in with an IAM token over TLS verified
// against the RDS CA; the master secret's TLS sign-in is CheckDatabaseIAMUser's) and
// CheckSessionTable (every instance round-trips the table, and a session crosses instances).
// CheckCache stays: that the cache refuses a command without AUTH is beyond what the
// application can show.
const (
	CheckAppStaticUpload = "app-static-files-uploaded"
	CheckAppPage         = "app-page-via-cdn"
	CheckAppDeepCheck    = "app-deep-check-every-instance"
	CheckAppStaticAsset  = "app-static-asset-via-cdn"
	CheckAppSession      = "app-session-across-instances"
	CheckAppAfterRollout = "app-deep-probes-after-rollout"
)

// appProbes maps each check to tenk-probe's probe name (app/probe.Site).
var appProbes = []struct{ check, probe string }{
	{CheckAppPage, "page"},
	{CheckAppDeepCheck, "deep-check-every-instance"},
	{CheckAppStaticAsset, "static-asset"},
	{CheckAppSession, "session-across-instances"},
}

// AppProbeNames are tenk-probe's probes the application checks read, in order.
func AppProbeNames() []string {
	names := make([]string, 0, len(appProbes))
	for _, a := range appProbes {
		names = append(names, a.probe)
	}
	return names
}

// appState is what the application checks share: the files uploaded and one probe run.
type appState struct {
	uploaded []string
	once     sync.Once
	report   SiteReport
	err      error
}

func (p *Probe) appChecks() []Check {
	checks := []Check{
		{CheckAppStaticUpload, p.uploadAppStatic},
		{CheckBucketPrivate, p.bucketPrivate},
		{CheckALBPrivate, p.albPrivate},
		{CheckAppEnv, p.appEnv},
		// Before the deep probes: the application signs in as this user.
		{CheckDatabaseIAMUser, p.instanceCheck(CheckDatabaseIAMUser)},
		{CheckCache, p.instanceCheck(CheckCache)},
	}
	for _, a := range appProbes {
		checks = append(checks, Check{a.check, p.appProbe(a.probe)})
	}
	return append(checks, Check{CheckAlarms, p.alarms})
}

// instanceChecks are the instance script's checks for the shape.
func (p *Probe) instanceChecks() []string {
	if p.Shape.App {
		return []string{CheckDatabaseIAMUser, CheckCache}
	}
	return nil // the script's default: database, cache, session table
}

// StaticFile is one file of the reference application's static directory, as uploaded.
type StaticFile struct {
	Key, ContentType string
	Body             []byte
}

// StaticFiles lists the static files under static/ keys (the default tenk:cdn.staticPathPatterns
// ["/static/*"]), the Go file that embeds them left out, sorted by key.
func StaticFiles(fsys fs.FS) ([]StaticFile, error) {
	var files []StaticFile
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".go") {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		typ := mime.TypeByExtension(path.Ext(name))
		if typ == "" {
			typ = "application/octet-stream"
		}
		files = append(files, StaticFile{Key: "static/" + name, ContentType: typ, Body: body})
		return nil
	})
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("no static file to upload: the page references /static/app.css and /static/logo.svg")
	}
	slices.SortFunc(files, func(a, b StaticFile) int { return strings.Compare(a.Key, b.Key) })
	return files, err
}

// uploadAppStatic puts app/static into the bucket, as the app README tells its users to.
func (p *Probe) uploadAppStatic(ctx context.Context) error {
	if p.Outputs.AssetsBucketName == "" {
		return fmt.Errorf("output assetsBucketName is absent: the page's static files have nowhere to go")
	}
	files, err := StaticFiles(p.StaticFiles)
	if err != nil {
		return fmt.Errorf("read app/static: %w", err)
	}
	for _, f := range files {
		if err := p.AWS.PutObject(ctx, p.Outputs.AssetsBucketName, f.Key, f.ContentType, f.Body); err != nil {
			return fmt.Errorf("upload s3://%s/%s: %v", p.Outputs.AssetsBucketName, f.Key, err)
		}
		p.app.uploaded = append(p.app.uploaded, f.Key)
	}
	return nil
}

// appProbe returns the check that reads probe's outcome from one run of the deep probes, retried
// until every probe passes or Waits.Site has passed (CloudFront and the instances converge).
func (p *Probe) appProbe(probe string) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		p.app.once.Do(func() { p.app.report, p.app.err = p.runAppProbes(ctx) })
		r, ok := p.app.report.Probe(probe)
		switch {
		case ok && r.OK:
			return nil
		case ok:
			return fmt.Errorf("%s", r.Detail)
		case p.app.err != nil:
			return p.app.err
		}
		return fmt.Errorf("tenk-probe reported nothing for %q", probe)
	}
}

// runAppProbes runs tenk-probe until every probe passes, requiring every InService instance to
// answer the deep check; the last report is returned, with the last error.
func (p *Probe) runAppProbes(ctx context.Context) (SiteReport, error) {
	var last SiteReport
	err := Eventually(ctx, p.Clock, p.Waits.Site, max(p.Waits.Interval, 30*time.Second), func(ctx context.Context) error {
		ids, err := p.instances(ctx)
		if err != nil {
			return err
		}
		r, err := p.Prober.Verify(ctx, p.Outputs.SiteURL, len(ids))
		if len(r.Probes) > 0 {
			last = r
		}
		return err
	})
	return last, err
}

// AppProbesNow runs the deep probes afresh (after a rollout replaced the instances).
func (p *Probe) AppProbesNow(ctx context.Context) error {
	_, err := p.runAppProbes(ctx)
	return err
}
