package server

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// accessLog writes one JSON line per request: method, path, status, bytes, latency, the
// viewer's address (the first X-Forwarded-For hop: CloudFront and the load balancer append
// theirs) and the load balancer's trace ID. Query strings are left out: they may carry tokens.
func accessLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		client := r.RemoteAddr
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			client, _, _ = strings.Cut(xff, ",")
		}
		log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Int("bytes", rec.bytes),
			slog.Float64("latencyMs", float64(time.Since(start).Microseconds())/1000),
			slog.String("client", strings.TrimSpace(client)),
			slog.String("trace", r.Header.Get("X-Amzn-Trace-Id")),
		)
	})
}
