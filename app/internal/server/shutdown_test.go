package server

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowServer is a Server whose every request takes d, for the drain tests (no data tier).
func slowServer(d time.Duration) *Server {
	s := &Server{d: Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}}
	s.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			s.healthz(w, r)
			return
		}
		time.Sleep(d)
		_, _ = w.Write([]byte("done"))
	})
	return s
}

func TestShutdownLetsInFlightRequestsFinish(t *testing.T) {
	s := slowServer(500 * time.Millisecond)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() { ran <- s.Run(ctx, ln, 5*time.Second) }()

	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/work")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- string(b)
	}()
	time.Sleep(100 * time.Millisecond) // the request is in flight
	stopped := time.Now()
	stop() // SIGTERM

	rec := httptest.NewRecorder()
	require.Eventually(t, func() bool { rec = httptest.NewRecorder(); s.healthz(rec, nil); return rec.Code == 503 }, time.Second, 10*time.Millisecond,
		"while draining, the health check fails so a restart's load balancer stops sending")

	assert.Equal(t, "done", <-got, "the in-flight request finished")
	require.NoError(t, <-ran)
	assert.Less(t, time.Since(stopped), 2*time.Second, "Run returns as soon as the last request is done")
	_, err = net.DialTimeout("tcp", ln.Addr().String(), 200*time.Millisecond)
	assert.Error(t, err, "no new connections after shutdown")
}

func TestShutdownIsBoundedByTheDrainTime(t *testing.T) {
	s := slowServer(10 * time.Second)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() { ran <- s.Run(ctx, ln, 300*time.Millisecond) }()
	go func() {
		if resp, err := http.Get("http://" + ln.Addr().String() + "/stuck"); err == nil {
			resp.Body.Close()
		}
	}()
	time.Sleep(100 * time.Millisecond)
	stopped := time.Now()
	stop()
	select {
	case <-ran:
	case <-time.After(3 * time.Second):
		t.Fatal("Run did not return after the drain time")
	}
	assert.Less(t, time.Since(stopped), 2*time.Second)
	assert.Less(t, DefaultDrain, 30*time.Second, "under the target group's default deregistration delay")
}
