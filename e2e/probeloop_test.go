package e2e_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/tenkstack/tenk/e2e"
)

// scriptedHTTP answers GETs in turn from answers, then keeps giving the last one.
type scriptedHTTP struct {
	answers []httpAnswer
	gets    int
}

type httpAnswer struct {
	status   int
	instance string
	err      error
}

func served(instance string) httpAnswer { return httpAnswer{status: 200, instance: instance} }

func (s *scriptedHTTP) Get(context.Context, string) (e2e.HTTPResponse, error) {
	a := s.answers[min(s.gets, len(s.answers)-1)]
	s.gets++
	if a.err != nil {
		return e2e.HTTPResponse{}, a.err
	}
	h := http.Header{}
	if a.instance != "" {
		h.Set(e2e.InstanceHeader, a.instance)
	}
	return e2e.HTTPResponse{Status: a.status, Header: h}, nil
}

func TestProbeCountCountsWhatAViewerSeesFail(t *testing.T) {
	h := &scriptedHTTP{answers: []httpAnswer{
		served("i-1"), served("i-2"), served("i-1"),
		{status: 502},
		{err: errors.New("read tcp: connection reset by peer\nmore")},
		{status: 200}, // a 2xx the application did not give
		{status: 204, instance: "i-2"},
	}}
	var c e2e.ProbeCount
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := range 7 {
		c.Probe(context.Background(), h, "https://d111.cloudfront.net/", start, start.Add(time.Duration(i*2)*time.Second))
	}
	assert.Equal(t, 7, c.Requests)
	assert.Equal(t, 3, c.Failures)
	assert.Equal(t, map[string]int{"i-1": 2, "i-2": 2}, c.Instances)
	assert.Equal(t, []string{"+6s: answered 502", "+8s: no answer: read tcp: connection reset by peer", "+10s: answered 200 without X-Tenk-Instance: not the application"}, c.FirstFailures)
	assert.EqualError(t, c.Verify("https://d111.cloudfront.net/"), "3 of 7 GET https://d111.cloudfront.net/ failed while the release rolled out (a viewer saw them): +6s: answered 502; +8s: no answer: read tcp: connection reset by peer; +10s: answered 200 without X-Tenk-Instance: not the application")
	assert.Equal(t, "7 requests, 3 failed, answered by i-1 (2), i-2 (2)", c.String())
}

func TestProbeCountKeepsTheFirstFewFailures(t *testing.T) {
	h := &scriptedHTTP{answers: []httpAnswer{{status: 503}}}
	var c e2e.ProbeCount
	now := time.Now()
	for range 20 {
		c.Probe(context.Background(), h, "u", now, now)
	}
	assert.Equal(t, 20, c.Failures)
	assert.Len(t, c.FirstFailures, 5)
}

func TestProbeCountVerify(t *testing.T) {
	assert.EqualError(t, e2e.ProbeCount{}.Verify("u"), "no request was sent to u")
	assert.NoError(t, e2e.ProbeCount{Requests: 3, Instances: map[string]int{"i-1": 3}}.Verify("u"))
}
