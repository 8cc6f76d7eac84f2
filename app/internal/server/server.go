package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tenkstack/tenk/app/internal/cache"
	"github.com/tenkstack/tenk/app/internal/database"
	"github.com/tenkstack/tenk/app/internal/sessions"
	"github.com/tenkstack/tenk/app/probe"
	"github.com/tenkstack/tenk/app/static"
)

// Deps are the tiers and the few facts the handlers need.
type Deps struct {
	DB       *database.DB
	Cache    cache.Cache
	Sessions *sessions.Store
	Signer   *sessions.Signer
	Log      *slog.Logger
	// Instance names this instance in headers and the deep check (EC2 instance ID).
	Instance string
	// SettingsVersion is SETTINGS_VERSION, shown by the deep check.
	SettingsVersion string
	// SiteURL is SITE_URL: forms posted from it are same-site even when the origin request
	// carries the load balancer's host name.
	SiteURL string
	// HealthPath is APP_HEALTH_PATH; /healthz answers too.
	HealthPath string
	// DBPort is DB_PORT, CacheTarget and SessionTable name the other tiers in the deep check.
	DBPort       int
	CacheTarget  string
	SessionTable string
	// FragmentTTL is how long the guestbook fragment stays in the cache. Default: 10 s.
	FragmentTTL time.Duration
}

// Server is the application's handler plus its draining switch.
type Server struct {
	d        Deps
	draining atomic.Bool
	handler  http.Handler
}

// New builds the handler.
func New(d Deps) *Server {
	if d.FragmentTTL == 0 {
		d.FragmentTTL = 10 * time.Second
	}
	s := &Server{d: d}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page)
	// Go's cross-origin protection refuses a form posted from another site (CSRF), from the
	// browser's Sec-Fetch-Site and Origin headers; the SameSite cookie is the second line.
	csrf := http.NewCrossOriginProtection()
	if d.SiteURL != "" {
		if err := csrf.AddTrustedOrigin(strings.TrimSuffix(d.SiteURL, "/")); err != nil {
			d.Log.Warn("SITE_URL is not an origin; only same-host forms are accepted", "error", err.Error())
		}
	}
	mux.Handle("POST /guestbook", csrf.Handler(http.HandlerFunc(s.sign)))
	mux.HandleFunc("GET /healthz", s.healthz)
	if d.HealthPath != "" && d.HealthPath != "/healthz" {
		mux.HandleFunc("GET "+d.HealthPath, s.healthz)
	}
	mux.HandleFunc("GET "+probe.CheckPath, s.checks)
	files := http.StripPrefix("/static/", http.FileServerFS(static.FS))
	mux.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	}))
	s.handler = accessLog(d.Log, mux)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// healthz is the load balancer's check: the process is up and not shutting down. It never
// touches a data tier, so a database failover does not take every instance out of service.
func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if s.draining.Load() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}

// DefaultDrain bounds the graceful shutdown: under the target group's default deregistration
// delay (30 s, tenk:web.deregistrationDelaySeconds), so in-flight requests finish before the
// load balancer forgets the instance. The container's stop timeout must exceed it.
const DefaultDrain = 20 * time.Second

// Run serves on ln until ctx ends (SIGTERM in main), then drains: the health check answers
// 503, the listener closes, and in-flight requests get up to drain to finish.
func (s *Server) Run(ctx context.Context, ln net.Listener, drain time.Duration) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		// Longer than the load balancer's idle timeout (60 s), so the load balancer closes
		// idle connections first and never sends a request on one the server is closing.
		IdleTimeout: 75 * time.Second,
		ErrorLog:    slog.NewLogLogger(s.d.Log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.d.Log.Info("shutting down", "drain", drain.String())
	sctx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		s.d.Log.Warn("drain time over: closing the connections still open", "drain", drain.String())
		err = srv.Close()
	}
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}
