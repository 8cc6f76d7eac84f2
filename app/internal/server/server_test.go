package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tenkstack/tenk/app/internal/cache"
	"github.com/tenkstack/tenk/app/internal/database"
	"github.com/tenkstack/tenk/app/internal/dynamofake"
	"github.com/tenkstack/tenk/app/internal/sessions"
	"github.com/tenkstack/tenk/app/internal/testservers"
	"github.com/tenkstack/tenk/app/probe"
)

// world is one set of real servers (PostgreSQL, Redis with TLS and AUTH) and a fake session
// table, shared by the subtests of a test.
type world struct {
	pg    *testservers.Postgres
	redis *testservers.Redis
	table *dynamofake.Table
}

func newWorld(t testing.TB) *world {
	cache.LogTo(slog.New(slog.NewJSONHandler(io.Discard, nil))) // the degraded tests' dial failures
	return &world{
		pg:    testservers.StartPostgres(t),
		redis: testservers.StartRedis(t),
		table: dynamofake.New("tenk-sessions", sessions.DefaultPartitionKey, "ExpiresAt"),
	}
}

// logBuffer collects JSON log lines safely from many goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) lines(t testing.TB) []map[string]any {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &m), "every log line is JSON: %s", l)
		out = append(out, m)
	}
	return out
}

type option func(*Deps, *database.Options, *cache.RedisOptions)

// server builds an application on the world's servers; options break parts of it.
func (w *world) server(t testing.TB, instance string, opts ...option) (*Server, *logBuffer) {
	t.Helper()
	dbo := database.Options{
		Host: w.pg.Host, Port: w.pg.Port, Database: w.pg.Database,
		Credentials: database.Static{User: w.pg.AppUser, Password: w.pg.AppPassword},
		Roots:       w.pg.CA.Pool, ReaderHosts: []string{"localhost"},
	}
	ro := cache.RedisOptions{Host: w.redis.Host, Port: w.redis.Port, Roots: w.redis.CA.Pool,
		Token: func(context.Context) (string, error) { return w.redis.Token, nil }}
	logs := &logBuffer{}
	d := Deps{
		Sessions:        &sessions.Store{API: w.table, Table: "tenk-sessions", TTLAttr: "ExpiresAt"},
		Signer:          &sessions.Signer{API: w.table, Table: "tenk-sessions"},
		Log:             slog.New(slog.NewJSONHandler(logs, nil)),
		Instance:        instance,
		SettingsVersion: "v-test",
		SiteURL:         "https://d111111abcdef8.cloudfront.net",
		HealthPath:      "/lb-health",
		DBPort:          w.pg.Port,
		CacheTarget:     w.redis.Addr(),
		SessionTable:    "tenk-sessions",
	}
	for _, o := range opts {
		o(&d, &dbo, &ro)
	}
	db, err := database.Open(dbo)
	require.NoError(t, err)
	t.Cleanup(db.Close)
	c := cache.NewRedis(ro)
	t.Cleanup(func() { c.Close() })
	d.DB, d.Cache = db, c
	return New(d), logs
}

func get(t testing.TB, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

func TestApplication(t *testing.T) {
	w := newWorld(t)
	t.Run("page does real work on each tier", func(t *testing.T) { testPage(t, w) })
	t.Run("session survives instances", func(t *testing.T) { testSessionAcrossInstances(t, w) })
	t.Run("deep check", func(t *testing.T) { testDeepCheck(t, w) })
	t.Run("deep check names failures without secrets", func(t *testing.T) { testDeepCheckFailures(t, w) })
	t.Run("page degrades", func(t *testing.T) { testDegraded(t, w) })
	t.Run("health and static", func(t *testing.T) { testHealthAndStatic(t, w) })
	t.Run("acceptance probes", func(t *testing.T) { testSiteProbes(t, w) })
}

func testPage(t *testing.T, w *world) {
	s, logs := w.server(t, "i-page", func(d *Deps, _ *database.Options, _ *cache.RedisOptions) { d.FragmentTTL = 2 * time.Second })
	ts := httptest.NewServer(s)
	defer ts.Close()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}

	resp, body := get(t, c, ts.URL+"/")
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	assert.Equal(t, "i-page", resp.Header.Get(probe.InstanceHeader))
	assert.Equal(t, "1", resp.Header.Get(probe.SessionViewsHeader))
	assert.Contains(t, body, `href="/static/app.css"`)
	assert.Contains(t, body, "was read from a replica and cached for 2s")
	cookie := resp.Cookies()[0]
	assert.Equal(t, sessions.CookieName, cookie.Name)
	assert.True(t, cookie.HttpOnly && cookie.Secure)

	// httptest serves plain HTTP, so the jar would keep the Secure cookie back: hand it on.
	jar.SetCookies(mustURL(t, ts.URL), []*http.Cookie{{Name: cookie.Name, Value: cookie.Value}})
	resp, body = get(t, c, ts.URL+"/")
	assert.Equal(t, "2", resp.Header.Get(probe.SessionViewsHeader), "the session carried")
	assert.Contains(t, body, "came from the cache")

	form := url.Values{"author": {"Ada"}, "message": {"<b>hello</b>"}}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	pr, err := noFollow.PostForm(ts.URL+"/guestbook", form)
	require.NoError(t, err)
	pr.Body.Close()
	assert.Equal(t, http.StatusSeeOther, pr.StatusCode)
	_, body = get(t, c, ts.URL+"/")
	assert.Contains(t, body, "&lt;b&gt;hello&lt;/b&gt;", "the new entry shows at once (cache dropped), escaped")
	assert.Contains(t, body, "was read from", "the write dropped the cached fragment")

	pr, err = noFollow.PostForm(ts.URL+"/guestbook", url.Values{"author": {"Ada"}, "message": {strings.Repeat("x", 501)}})
	require.NoError(t, err)
	pr.Body.Close()
	assert.Equal(t, http.StatusBadRequest, pr.StatusCode)

	// A form posted from another site is refused (CSRF).
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/guestbook", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	xr, err := noFollow.Do(req)
	require.NoError(t, err)
	xr.Body.Close()
	assert.Equal(t, http.StatusForbidden, xr.StatusCode)

	// A browser's post from the site through CloudFront, where the origin request carries the
	// load balancer's host: accepted.
	req, _ = http.NewRequest(http.MethodPost, ts.URL+"/guestbook", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://d111111abcdef8.cloudfront.net")
	xr, err = noFollow.Do(req)
	require.NoError(t, err)
	xr.Body.Close()
	assert.Equal(t, http.StatusSeeOther, xr.StatusCode)
	req.Header.Set("Origin", "https://evil.example")
	req.Body = io.NopCloser(strings.NewReader(form.Encode()))
	xr, err = noFollow.Do(req)
	require.NoError(t, err)
	xr.Body.Close()
	assert.Equal(t, http.StatusForbidden, xr.StatusCode)

	// The fragment's TTL ends in the cache itself.
	_, body = get(t, c, ts.URL+"/")
	assert.Contains(t, body, "was read from", "the accepted post dropped the cached fragment")
	_, body = get(t, c, ts.URL+"/")
	assert.Contains(t, body, "came from the cache")
	time.Sleep(2100 * time.Millisecond)
	_, body = get(t, c, ts.URL+"/")
	assert.Contains(t, body, "was read from")

	lines := logs.lines(t)
	var requests []map[string]any
	for _, l := range lines {
		if l["msg"] == "request" {
			requests = append(requests, l)
		}
	}
	require.Len(t, requests, 11, "one line per request")
	assert.Equal(t, "GET", requests[0]["method"])
	assert.Equal(t, float64(200), requests[0]["status"])
	assert.Contains(t, requests[0], "latencyMs")
}

func mustURL(t testing.TB, s string) *url.URL {
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

// insecureCookies lets a plain-HTTP test client keep the Secure session cookie in its jar, as
// a browser does over CloudFront's HTTPS: it drops the Secure attribute from Set-Cookie.
type insecureCookies struct {
	base http.RoundTripper // nil: http.DefaultTransport
}

func (c *insecureCookies) RoundTrip(r *http.Request) (*http.Response, error) {
	base := c.base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(r)
	if err == nil {
		for i, v := range resp.Header.Values("Set-Cookie") {
			resp.Header["Set-Cookie"][i] = strings.ReplaceAll(v, "; Secure", "")
		}
	}
	return resp, err
}

func testSessionAcrossInstances(t *testing.T, w *world) {
	a, _ := w.server(t, "i-a")
	b, _ := w.server(t, "i-b")
	var n atomic.Int64
	lb := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		[]http.Handler{a, b}[n.Add(1)%2].ServeHTTP(rw, r)
	}))
	defer lb.Close()
	res, err := probe.FollowSession(context.Background(), &insecureCookies{}, lb.URL, 6, 2)
	require.NoError(t, err)
	assert.Equal(t, []string{"i-b", "i-a", "i-b", "i-a", "i-b", "i-a"}, res.Instances)
}

func testDeepCheck(t *testing.T, w *world) {
	s, _ := w.server(t, "i-check")
	ts := httptest.NewServer(s)
	defer ts.Close()
	rep, err := probe.Fetch(context.Background(), http.DefaultClient, ts.URL)
	require.NoError(t, err)
	assert.Empty(t, rep.Problems())
	assert.Equal(t, "i-check", rep.Instance)
	assert.Equal(t, "v-test", rep.SettingsVersion)
	var roles []string
	for _, c := range rep.Checks {
		roles = append(roles, c.Tier+"/"+c.Role)
		assert.Greater(t, c.LatencyMs, 0.0, c.Tier)
	}
	assert.Equal(t, []string{"database/writer", "database/reader", "cache/redis", "sessions/"}, roles)
}

func testDeepCheckFailures(t *testing.T, w *world) {
	wrongPassword := "db-secret-" + t.Name()
	wrongToken := "Cache-secret-0123456789"
	s, _ := w.server(t, "i-broken", func(d *Deps, dbo *database.Options, ro *cache.RedisOptions) {
		dbo.Credentials = database.Static{User: w.pg.AppUser, Password: wrongPassword}
		ro.Token = func(context.Context) (string, error) { return wrongToken, nil }
		d.Sessions.Table = "tenk-sessions-gone"
	})
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, body := get(t, http.DefaultClient, ts.URL+probe.CheckPath)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	rep, err := probe.Decode(strings.NewReader(body))
	require.NoError(t, err)
	assert.Equal(t, probe.StatusFail, rep.Status)
	problems := strings.Join(rep.Problems(), "\n")
	assert.Contains(t, problems, "database writer")
	assert.Contains(t, problems, "password authentication failed")
	assert.Contains(t, problems, "WRONGPASS")
	assert.Contains(t, problems, "ResourceNotFoundException")
	assert.NotContains(t, body, wrongPassword)
	assert.NotContains(t, body, wrongToken)
	assert.NotContains(t, body, w.pg.AppPassword)

	// The load balancer's check does not care: the process is up.
	resp, _ = get(t, http.DefaultClient, ts.URL+"/lb-health")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func testDegraded(t *testing.T, w *world) {
	dead := deadAddr(t)
	// Cache unreachable and the session table missing: the page still works from the database.
	s, logs := w.server(t, "i-degraded", func(d *Deps, _ *database.Options, ro *cache.RedisOptions) {
		ro.Host, ro.Port = dead.IP.String(), dead.Port
		d.Sessions.Table, d.Signer.Table = "gone", "gone"
	})
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, body := get(t, http.DefaultClient, ts.URL+"/")
	assert.Equal(t, http.StatusOK, resp.StatusCode, body)
	assert.Contains(t, body, "Sessions are unavailable right now")
	assert.Empty(t, resp.Cookies())
	var warned []string
	for _, l := range logs.lines(t) {
		if l["level"] == "WARN" {
			warned = append(warned, l["msg"].(string))
		}
	}
	assert.Contains(t, warned, "sessions unavailable")
	assert.Contains(t, warned, "cache unavailable, reading the database")

	// The database down: 503 with a retry hint.
	s, _ = w.server(t, "i-nodb", func(_ *Deps, dbo *database.Options, _ *cache.RedisOptions) {
		dbo.Port, dbo.ReaderHosts = dead.Port, nil
		dbo.Host = dead.IP.String()
	})
	ts2 := httptest.NewServer(s)
	defer ts2.Close()
	resp, body = get(t, http.DefaultClient, ts2.URL+"/")
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Equal(t, "5", resp.Header.Get("Retry-After"))
	assert.NotContains(t, body, "dial", "the cause is logged, not shown")
}

func testHealthAndStatic(t *testing.T, w *world) {
	s, _ := w.server(t, "i-static")
	ts := httptest.NewServer(s)
	defer ts.Close()
	for _, p := range []string{"/healthz", "/lb-health"} {
		resp, body := get(t, http.DefaultClient, ts.URL+p)
		assert.Equal(t, http.StatusOK, resp.StatusCode, p)
		assert.Equal(t, "ok\n", body)
	}
	resp, body := get(t, http.DefaultClient, ts.URL+"/static/app.css")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Content-Type"), "text/css")
	assert.Contains(t, body, "font-family")
	resp, _ = get(t, http.DefaultClient, ts.URL+"/static/missing.js")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	resp, _ = get(t, http.DefaultClient, ts.URL+"/nothing-here")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func deadAddr(t testing.TB) *net.TCPAddr {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	a := l.Addr().(*net.TCPAddr)
	l.Close()
	return a
}

// The acceptance test's probes (probe.Site, cmd/tenk-probe) against two real instances behind a
// round-robin load balancer: what e2e/ runs through CloudFront.
func testSiteProbes(t *testing.T, w *world) {
	a, _ := w.server(t, "i-a")
	b, _ := w.server(t, "i-b")
	var n atomic.Int64
	lb := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		[]http.Handler{a, b}[n.Add(1)%2].ServeHTTP(rw, r)
	}))
	defer lb.Close()
	res := probe.Site(context.Background(), probe.SiteOptions{URL: lb.URL, Instances: 2, Transport: &insecureCookies{}})
	assert.True(t, res.OK(), "%+v", res)
	assert.Len(t, res.Probes, 4)

	// A third instance the survey never hears from: the probes say so.
	res = probe.Site(context.Background(), probe.SiteOptions{URL: lb.URL, Instances: 3, MaxRequests: 6, Transport: &insecureCookies{}})
	assert.False(t, res.OK())
	assert.Contains(t, res.Probes[1].Detail, "heard from 2 of 3 instances")
}
