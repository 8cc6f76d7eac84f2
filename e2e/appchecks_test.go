package e2e_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

var appStatic = fstest.MapFS{
	"app.css":   {Data: []byte("body { font-family: sans-serif }")},
	"logo.svg":  {Data: []byte("<svg/>")},
	"static.go": {Data: []byte("package static")},
}

const appReport = "TENK_CHECK\tdatabase-iam-user\tPASS\ttenk_app exists\nTENK_CHECK\tcache-tls-auth\tPASS\tok\n"

// appStack is a healthy stack running the reference application; the first run of tenk-probe
// fails (the instances still pull the image), the second passes.
func appStack() (*e2e.Probe, *fakeAWS, *probeRunner) {
	p, aws := healthyStack()
	p.Shape.App = true
	aws.report = appReport
	aws.http.answers["https://tenk-assets-1.s3.us-east-1.amazonaws.com/static/app.css"] = e2e.HTTPResponse{Status: 403}
	runner := &probeRunner{report: passingReport}
	p.Prober = &e2e.SiteProber{AppDir: "app", BinDir: "bin", Run: runner.run}
	p.StaticFiles = appStatic
	return p, aws, runner
}

func TestAppChecksReplaceTheShellChecksTheyCover(t *testing.T) {
	p, _, _ := appStack()
	var names []string
	for _, c := range p.Checks() {
		names = append(names, c.Name)
	}
	assert.Equal(t, []string{
		e2e.CheckAppStaticUpload, e2e.CheckBucketPrivate, e2e.CheckALBPrivate, e2e.CheckAppEnv,
		e2e.CheckDatabaseIAMUser, e2e.CheckCache,
		e2e.CheckAppPage, e2e.CheckAppDeepCheck, e2e.CheckAppStaticAsset, e2e.CheckAppSession,
		e2e.CheckAlarms,
	}, names, "the IAM user exists before the deep probes sign in as it")
	for _, replaced := range []string{e2e.CheckSiteHealth, e2e.CheckStaticAsset, e2e.CheckDatabase, e2e.CheckSessionTable} {
		assert.NotContains(t, names, replaced)
	}
}

func TestAppChecksPassOnAStackRunningTheApplication(t *testing.T) {
	p, aws, runner := appStack()
	results := run(p)
	for name, r := range results {
		assert.Equal(t, e2e.Pass, r.Status, "%s: %s", name, r.Message)
	}
	assert.Equal(t, map[string]string{"static/app.css": "text/css; charset=utf-8", "static/logo.svg": "image/svg+xml"}, aws.types,
		"the page's files, not the Go file that embeds them")
	assert.True(t, strings.HasSuffix(aws.script, "\ncreate_iam_user\ncheck_cache\n"), "the instance script runs only what the deep probes do not cover:\n%s", aws.script)
	assert.Len(t, runner.calls, 2, "built once, run once for the four checks")
	assert.Contains(t, runner.calls[1], "--instances")
	assert.Equal(t, "2", runner.calls[1][4], "every InService instance must answer the deep check")

	require.NoError(t, p.Close(context.Background()))
	assert.Equal(t, []string{"tenk-assets-1/static/app.css", "tenk-assets-1/static/logo.svg"}, aws.deleted)
}

func TestAppProbesAreRetriedWhileTheSiteConverges(t *testing.T) {
	p, _, runner := appStack()
	var answers []string
	runner.report = strings.Replace(passingReport, `"deep-check-every-instance","ok":true`, `"deep-check-every-instance","ok":false`, 1)
	p.Prober.Run = func(ctx context.Context, name string, args ...string) ([]byte, error) {
		answers = append(answers, name)
		if len(answers) == 3 { // build, a failing run, then the instances are ready
			runner.report, runner.failed = passingReport, false
		}
		return runner.run(ctx, name, args...)
	}
	runner.failed = true
	results := run(p)
	assert.Equal(t, e2e.Pass, results[e2e.CheckAppDeepCheck].Status, results[e2e.CheckAppDeepCheck].Message)
	assert.Len(t, answers, 3)
}

func TestAppChecksFailWithTheProbesDetail(t *testing.T) {
	p, _, runner := appStack()
	runner.failed = true
	runner.report = strings.Replace(passingReport, `{"name":"session-across-instances","ok":true,"detail":"one session over 10 requests on 2 instances"}`,
		`{"name":"session-across-instances","ok":false,"detail":"request 4 on i-2: the session's count restarted at 1"}`, 1)
	results := run(p)
	assert.Equal(t, e2e.Pass, results[e2e.CheckAppPage].Status)
	assert.Equal(t, e2e.Fail, results[e2e.CheckAppSession].Status)
	assert.Equal(t, "request 4 on i-2: the session's count restarted at 1", results[e2e.CheckAppSession].Message)
}

func TestAppStaticUploadNeedsTheBucket(t *testing.T) {
	p, _, _ := appStack()
	p.Outputs.AssetsBucketName = ""
	r := run(p)[e2e.CheckAppStaticUpload]
	assert.Equal(t, e2e.Fail, r.Status)
	assert.Contains(t, r.Message, "output assetsBucketName is absent")
}

func TestStaticFiles(t *testing.T) {
	files, err := e2e.StaticFiles(fstest.MapFS{"b.js": {Data: []byte("x")}, "a/c.woff2": {Data: []byte("y")}, "z.unknownext": {Data: []byte("z")}})
	require.NoError(t, err)
	assert.Equal(t, []e2e.StaticFile{
		{Key: "static/a/c.woff2", ContentType: "font/woff2", Body: []byte("y")},
		{Key: "static/b.js", ContentType: "text/javascript; charset=utf-8", Body: []byte("x")},
		{Key: "static/z.unknownext", ContentType: "application/octet-stream", Body: []byte("z")},
	}, files)

	_, err = e2e.StaticFiles(fstest.MapFS{"static.go": {}})
	assert.ErrorContains(t, err, "no static file to upload")
}

// The files the page references are the ones uploaded from the real app/static.
func TestStaticFilesOfTheReferenceApplication(t *testing.T) {
	files, err := e2e.StaticFiles(os.DirFS(filepath.Join("..", e2e.AppBuildContext, "static")))
	require.NoError(t, err)
	var keys []string
	for _, f := range files {
		keys = append(keys, f.Key)
	}
	assert.Subset(t, keys, []string{"static/app.css", "static/logo.svg"})
}
